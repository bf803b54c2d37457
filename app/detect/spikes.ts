/**
 * Surge detection (issue 15): topic × municipality and sector × municipality counts in a
 * sliding window against their own usual level for that hour and weekday (`baseline.ts`).
 * A key is a surge when its count is at least `minCount`, at least `minRatio` times the usual
 * level, and that many arrivals are less likely than `maxP` at the usual level (Poisson). The
 * three together keep false alarms rare on thousands of keys: the probability bounds chance,
 * the ratio and the floor keep a busy key's ordinary wobble and a quiet key's pair of messages
 * from counting.
 *
 * The usual level is raised by the rise of everything else: when the whole inflow runs above its
 * usual level (a republic-wide day of complaints, a backlog replayed, the demo at `--speed 60`),
 * a key is compared with its usual level times the rise of all the other keys (never below 1),
 * so only a local surge counts, not the tide.
 *
 * Posts linked to a known utility accident (`accidentId`) do not count towards a surge: the
 * accident's own alarm already stands for them (residents writing about an outage the room
 * knows of is not news); they still count in the inflow.
 *
 * Surges are grouped into one per cluster (municipality × sector): a topic's surge and its
 * sector's are the same event, so the cluster names its strongest topic and counts what that
 * key counted. The alarm key `spike:<oktmo>:<sector>` stays the same while it lasts.
 */
import type { Sector } from '../domain/sector';
import type { TopicList } from '../domain/topics';
import type { Baseline } from './baseline';
import { keyOf, type DetectEvent } from './detect-event';
import { spikeText } from './detect-text';
import type { SpikeThresholds } from './detect-thresholds';
import { poissonUpper } from './poisson';

/** One key over the thresholds. */
export interface SpikeHit {
  readonly key: string;
  readonly count: number;
  readonly expected: number;
  readonly p: number;
}

/** One surge, grouped over its cluster. */
export interface Spike {
  /** `spike:<oktmo>:<sector>`: the alarm's key while the surge lasts. */
  readonly key: string;
  readonly municipality: string;
  readonly sector: string;
  /** The topic that surged most, when a topic did. */
  readonly topic?: string;
  /** Arrivals of the leading key in the window. */
  readonly count: number;
  /** Its usual level in the window. */
  readonly expected: number;
  /** Poisson probability of the leading key's count at its usual level. */
  readonly p: number;
  /** Every key of the cluster over the thresholds, strongest first. */
  readonly hits: readonly SpikeHit[];
  /** Russian text for the alarm. */
  readonly text: string;
}

/**
 * The surges at `now` among `events` (arrivals; those outside [now − window, now) are ignored).
 * Sorted strongest first.
 */
export function detectSpikes(
  events: Iterable<DetectEvent>,
  baseline: Baseline,
  now: number,
  th: SpikeThresholds,
  names?: { topics?: TopicList; sectors?: readonly Sector[] },
): Spike[] {
  const from = now - th.windowMin * 60_000;
  const counts = new Map<string, { n: number; e: DetectEvent }>();
  let all = 0;
  for (const e of events) {
    if (e.t < from || e.t >= now) continue;
    all++;
    if (e.linked) continue;
    for (const f of ['topic', 'sector'] as const) {
      const k = keyOf(f, e);
      if (k === undefined) continue;
      const c = counts.get(k);
      if (c) c.n++;
      else counts.set(k, { n: 1, e });
    }
  }
  const allExpected = baseline.expectedAll(from, now);
  const clusters = new Map<string, { e: DetectEvent; hits: (SpikeHit & { topic?: string })[] }>();
  for (const [key, { n, e }] of counts) {
    if (n < th.minCount) continue;
    const own = baseline.expected(key, from, now);
    const expected = own * tide(all - n, allExpected - own);
    if (n < th.minRatio * expected) continue;
    const p = poissonUpper(n, expected);
    if (p > th.maxP) continue;
    const cluster = `spike:${e.municipality}:${e.sector}`;
    const c = clusters.get(cluster) ?? { e, hits: [] };
    c.hits.push({ key, count: n, expected, p, ...(key.startsWith('topic:') && e.topic !== undefined ? { topic: e.topic } : {}) });
    clusters.set(cluster, c);
  }
  const out: Spike[] = [];
  for (const [key, { e, hits }] of clusters) {
    hits.sort((a, b) => a.p - b.p || b.count - a.count);
    // A topic names the surge better than its sector: lead with the strongest topic when one surged.
    const lead = hits.find((h) => h.topic !== undefined) ?? hits[0]!;
    const base = { municipality: e.municipality, sector: e.sector, count: lead.count, expected: lead.expected, windowMin: th.windowMin };
    out.push({
      key,
      ...base,
      p: lead.p,
      ...(lead.topic !== undefined ? { topic: lead.topic } : {}),
      hits: hits.map(({ topic: _t, ...h }) => h),
      text: spikeText({ ...base, ...(lead.topic !== undefined ? { topic: lead.topic } : {}) }, names?.topics, names?.sectors),
    });
  }
  return out.sort((a, b) => a.p - b.p);
}

/** How far the rest of the inflow runs above its usual level (≥ 1; 1 while the rest is too small to tell). */
function tide(restObserved: number, restExpected: number): number {
  return restExpected >= 2 ? Math.max(1, restObserved / restExpected) : 1;
}
