/**
 * Repeat complaints: the quality criterion of the ratings ("no repeat complaints on the same
 * problem", DOMAIN.md). The rule, kept simple so a rank can be argued with:
 *
 * Appeal B repeats an answered appeal A when
 * 1. both have the same problem key: municipality + sector + topic (see `problemKey`);
 * 2. B came after A's answer and within `windowDays` of it: A.answeredAt < B.createdAt ≤
 *    A.answeredAt + window (and B exists by `now`);
 * 3. B is within `radiusKm` of A (coarsened points: the same block, not the whole city).
 *
 * A is then "bounced": its answer did not solve the problem. The bounce is charged to A's
 * body, whoever handles B. A complaint sent while A is still open is a duplicate, not a repeat.
 */
import type { Appeal } from '../domain/entity';
import { DAY_MS } from '../calendar/msk-time';
import { haversineKm } from '../accidents/geo-distance';

/** Parameters of the repeat rule. */
export interface RepeatRule {
  readonly windowDays: number;
  readonly radiusKm: number;
}

const words = (s: string) =>
  s
    .toLowerCase()
    .replaceAll('ё', 'е')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/**
 * The problem an appeal is about: `municipality|sector|topic`. The topic is the feed's
 * `topic` (ПОС topic, ИМ rubric) compared case- and spacing-insensitively. Without a topic,
 * the title stands in, reduced to the sorted 5-letter stems of its words of 4+ letters, so
 * «Нет отопления!» and «отопления нет» match but different wordings do not: title matching
 * is deliberately strict, as a false repeat would unfairly cost a body its rank.
 */
export function problemKey(a: Appeal): string {
  const topic =
    a.topic !== undefined && a.topic.trim() !== ''
      ? `t:${words(a.topic).join(' ')}`
      : `s:${[...new Set(words(a.title).filter((w) => w.length >= 4).map((w) => w.slice(0, 5)))].sort().join(' ')}`;
  return `${a.municipality}|${a.sector}|${topic}`;
}

/** Index of the first appeal created strictly after `time` in a list sorted by `createdAt`. */
function firstAfter(sorted: readonly Appeal[], time: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]!.createdAt <= time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * For every answered appeal with repeats, the ids of the appeals that repeat it (oldest first).
 * Appeals not in the map were not bounced.
 */
export function findRepeats(appeals: readonly Appeal[], rule: RepeatRule, now: number): Map<string, string[]> {
  const groups = new Map<string, Appeal[]>();
  for (const a of appeals) {
    const key = problemKey(a);
    const g = groups.get(key);
    if (g) g.push(a);
    else groups.set(key, [a]);
  }
  const out = new Map<string, string[]>();
  for (const group of groups.values()) {
    group.sort((x, y) => x.createdAt - y.createdAt);
    for (const a of group) {
      if (a.answeredAt === undefined) continue;
      const answeredAt = a.answeredAt;
      const until = Math.min(now, answeredAt + rule.windowDays * DAY_MS);
      const repeats: string[] = [];
      // The group is sorted by creation: start at the first item after the answer, stop past the window.
      for (let i = firstAfter(group, answeredAt); i < group.length && group[i]!.createdAt <= until; i++) {
        const b = group[i]!;
        if (b.id !== a.id && haversineKm(a.lon, a.lat, b.lon, b.lat) <= rule.radiusKm) repeats.push(b.id);
      }
      if (repeats.length > 0) out.set(a.id, repeats);
    }
  }
  return out;
}
