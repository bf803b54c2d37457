/**
 * Repeat complaints: half of the quality criterion of the ratings («качество реагирования»,
 * Положение о ЦУР п. 87: no repeat complaints on the same problem). Nothing is guessed from
 * titles or distances; two facts link an appeal B to an answered appeal A:
 *
 * 1. the same applicant (`applicantKey`, the hub's salted hash of the source's applicant id or
 *    contact), or the same object (`objectKey`, the hub's hash of the normalised address:
 *    one building);
 * 2. the same sector (a person who wrote about a pothole and then about a bus did not repeat);
 * 3. B came after A's answer and within `windowDays` of it: A.answeredAt < B.createdAt ≤
 *    A.answeredAt + window, and B exists by `now`.
 *
 * A is then "bounced": its answer did not solve the problem; the bounce is charged to A's body.
 * Items with neither key can never be linked (and so never count as repeats): sources that do
 * not send the applicant or address cost no body anything.
 */
import type { Appeal } from '../domain/entity';
import { DAY_MS } from '../calendar/msk-time';

/** Parameters of the repeat rule. */
export interface RepeatRule {
  readonly windowDays: number;
}

/** The keys an appeal can be linked by: applicant and object, each within its sector. */
function linkKeys(a: Appeal): string[] {
  const keys: string[] = [];
  if (a.applicantKey) keys.push(`a|${a.sector}|${a.applicantKey}`);
  if (a.objectKey) keys.push(`o|${a.sector}|${a.objectKey}`);
  return keys;
}

/** The repeaters of every answered appeal, found once over a set of appeals. */
export class RepeatIndex {
  private constructor(private readonly byId: ReadonlyMap<string, readonly string[]>) {}

  /** Indexes `appeals` (repeaters must be among them and exist by `now`). */
  static of(appeals: readonly Appeal[], rule: RepeatRule, now: number): RepeatIndex {
    return new RepeatIndex(findRepeats(appeals, rule, now));
  }

  /** How many appeals repeat the answered appeal `id`. */
  count(id: string): number {
    return this.byId.get(id)?.length ?? 0;
  }

  /** Ids of the appeals that repeat `id`, oldest first. */
  ids(id: string): readonly string[] {
    return this.byId.get(id) ?? [];
  }
}

/** The repeaters of each answered appeal that has any, by id; each list oldest first. */
export function findRepeats(appeals: readonly Appeal[], rule: RepeatRule, now: number): Map<string, string[]> {
  const window = rule.windowDays * DAY_MS;
  const byKey = new Map<string, Appeal[]>();
  for (const a of appeals) {
    if (a.createdAt > now) continue;
    for (const k of linkKeys(a)) {
      const g = byKey.get(k);
      if (g) g.push(a);
      else byKey.set(k, [a]);
    }
  }
  const out = new Map<string, Set<string>>();
  for (const group of byKey.values()) {
    if (group.length < 2) continue;
    group.sort((x, y) => x.createdAt - y.createdAt || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
    for (const a of group) {
      if (a.answeredAt === undefined || a.answeredAt > now) continue;
      const end = a.answeredAt + window;
      for (const b of group) {
        if (b.createdAt <= a.answeredAt) continue;
        if (b.createdAt > end) break;
        if (b.id === a.id) continue;
        let s = out.get(a.id);
        if (!s) out.set(a.id, (s = new Set()));
        s.add(b.id);
      }
    }
  }
  const created = new Map(appeals.map((a) => [a.id, a.createdAt]));
  return new Map([...out].map(([id, s]) => [id, [...s].sort((x, y) => created.get(x)! - created.get(y)! || (x < y ? -1 : 1))]));
}
