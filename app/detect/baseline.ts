/**
 * The usual level of every counting key for each hour of the week: a seasonal Poisson
 * baseline learnt from the log's history (issue 15). Arrivals per key are too few to estimate
 * 168 hourly rates each (a topic in one okrug sees a handful of messages a month), so the rate
 * is factorised: the republic's rate at that hour of that weekday (plentiful data) times the
 * key's share of its family. Both are shrunk towards a safe prior: an hour-of-week slot towards
 * the same hour of every day, a key towards half a message over the history (a topic never
 * seen before still has a small, non-zero usual level).
 *
 * Hours are Moscow hours; weekdays are calendar weekdays (holidays are not told apart: the
 * demo does not model them, and a holiday's quieter day only makes a spike easier to see).
 */
import { HOUR_MS, MSK_OFFSET_MS } from '../calendar/msk-time';
import { FAMILIES, keyOf, type DetectEvent, type Family } from './detect-event';

const WEEK_SLOTS = 168;
/** Weight of the hour-of-day rate in a slot's estimate, in weeks of data. */
const SLOT_PRIOR_WEEKS = 2;
/** Pseudo-count of every key (a key never seen is expected at this share of the history). */
const KEY_PRIOR = 0.5;

/** Hour of the Moscow week, 0 = Monday 00:00–01:00. */
export function weekSlot(t: number): number {
  const msk = t + MSK_OFFSET_MS;
  const dayIndex = Math.floor(msk / (24 * HOUR_MS));
  const weekday = (dayIndex + 3) % 7; // 1970-01-01 was a Thursday (3 with Monday = 0)
  return weekday * 24 + Math.floor((msk % (24 * HOUR_MS)) / HOUR_MS);
}

/** The usual level of each key, learnt from a span of history. */
export interface Baseline {
  /** The span it was learnt from, Unix ms [from, to). */
  readonly from: number;
  readonly to: number;
  /** Arrivals in the history (all families count the same events). */
  readonly total: number;
  /** Expected arrivals of `key` in [from, to) (any span: fractions of hours count pro rata). */
  expected(key: string, from: number, to: number): number;
  /** Expected arrivals of every key together in [from, to). */
  expectedAll(from: number, to: number): number;
}

/**
 * Learns the baseline from the arrivals in [from, to). Events outside the span are ignored;
 * `events` need not be sorted. An empty history gives a baseline that expects nothing.
 */
export function buildBaseline(events: Iterable<DetectEvent>, from: number, to: number): Baseline {
  const slotCount = new Float64Array(WEEK_SLOTS);
  const slotHours = new Float64Array(WEEK_SLOTS);
  const keyCount = new Map<string, number>();
  let total = 0;
  for (const e of events) {
    if (e.t < from || e.t >= to) continue;
    total++;
    slotCount[weekSlot(e.t)]!++;
    for (const f of FAMILIES) {
      const k = keyOf(f, e);
      if (k !== undefined) keyCount.set(k, (keyCount.get(k) ?? 0) + 1);
    }
  }
  forEachHourPiece(from, to, (slot, hours) => (slotHours[slot]! += hours));
  // Rate per hour of each slot, shrunk towards the same hour of every weekday.
  const hodCount = new Float64Array(24);
  const hodHours = new Float64Array(24);
  for (let s = 0; s < WEEK_SLOTS; s++) {
    hodCount[s % 24]! += slotCount[s]!;
    hodHours[s % 24]! += slotHours[s]!;
  }
  const rate = new Float64Array(WEEK_SLOTS);
  for (let s = 0; s < WEEK_SLOTS; s++) {
    const hod = hodHours[s % 24]! > 0 ? hodCount[s % 24]! / hodHours[s % 24]! : 0;
    rate[s] = (slotCount[s]! + SLOT_PRIOR_WEEKS * hod) / (slotHours[s]! + SLOT_PRIOR_WEEKS);
  }
  const familyTotal = (k: string): number => (k.startsWith('topic:') ? topicTotal : total);
  let topicTotal = 0;
  for (const [k, n] of keyCount) if (k.startsWith('topic:')) topicTotal += n;
  return {
    from,
    to,
    total,
    expected(key: string, a: number, b: number): number {
      const n = familyTotal(key);
      if (n === 0 || b <= a) return 0;
      const share = Math.min(1, ((keyCount.get(key) ?? 0) + KEY_PRIOR) / n);
      let sum = 0;
      forEachHourPiece(a, b, (slot, hours) => (sum += rate[slot]! * hours));
      // Topic shares are of the arrivals that have a topic; scale back to all arrivals.
      return share * sum * (key.startsWith('topic:') && total > 0 ? topicTotal / total : 1);
    },
    expectedAll(a: number, b: number): number {
      let sum = 0;
      if (total > 0) forEachHourPiece(a, b, (slot, hours) => (sum += rate[slot]! * hours));
      return sum;
    },
  };
}

/** Calls `fn(slot, hours)` for each piece of [from, to) that lies within one clock hour. */
function forEachHourPiece(from: number, to: number, fn: (slot: number, hours: number) => void): void {
  let t = from;
  while (t < to) {
    const hourEnd = (Math.floor(t / HOUR_MS) + 1) * HOUR_MS; // Moscow is a whole-hour offset
    const end = Math.min(to, hourEnd);
    fn(weekSlot(t), (end - t) / HOUR_MS);
    t = end;
  }
}

/** The family of a key built by `keyOf`. */
export function familyOfKey(key: string): Family {
  return key.slice(0, key.indexOf(':')) as Family;
}
