/**
 * Working time between two instants for the many answers of a rating. `workingMsBetween` walks
 * the calendar day by day on every call; a rating asks it for each answered item (the share of
 * its allowance the answer used), so here it is read off a ruler instead: the working ms
 * before each day, summed once per working-time config and kept. Not an approximation: for
 * whole-ms instants (every feed time) every term is a whole number of ms, so the difference of
 * two running totals is the very sum `workingMsBetween` adds up; anything else is measured by
 * `workingMsBetween` itself.
 */
import { mskDay } from '../calendar/msk-time';
import { workingIntervals, workingMsBetween, type WorkingTimeConfig } from '../calendar/working-time';

/** Widest span of days a ruler covers (≈ 55 years); instants further apart are walked. */
const MAX_DAYS = 20_000;
/** Days added on each side when a ruler grows, so a run of nearby times rebuilds it rarely. */
const SLACK_DAYS = 64;

/** Working ms between `a` and `b` (negative when `b` is before `a`), as `workingMsBetween`. */
export type WorkingRuler = (a: number, b: number) => number;

const rulers = new WeakMap<WorkingTimeConfig, WorkingRuler>();

/** The ruler of a working-time config (kept per config object: configs are immutable). */
export function workingRuler(cfg: WorkingTimeConfig): WorkingRuler {
  let ruler = rulers.get(cfg);
  if (!ruler) rulers.set(cfg, (ruler = createRuler(cfg)));
  return ruler;
}

function createRuler(cfg: WorkingTimeConfig): WorkingRuler {
  // before[k]: working ms of the days first … first + k − 1.
  let first = 0;
  let before = new Float64Array(0);
  let checked = false;

  const covers = (day: number) => day >= first && day < first + before.length;
  const grow = (lo: number, hi: number) => {
    if (before.length > 0) {
      lo = Math.min(lo, first);
      hi = Math.max(hi, first + before.length - 1);
    }
    lo -= SLACK_DAYS;
    hi += SLACK_DAYS;
    const next = new Float64Array(hi - lo + 2);
    for (let day = lo, k = 0; day <= hi; day++, k++) {
      let total = 0;
      for (const [s, e] of workingIntervals(day, cfg)) total += e - s;
      next[k + 1] = next[k]! + total;
    }
    first = lo;
    before = next;
  };
  // Working ms from the ruler's first day up to `t`.
  const upTo = (t: number, day: number) => {
    let total = before[day - first]!;
    for (const [s, e] of workingIntervals(day, cfg)) total += Math.max(0, Math.min(e, t) - s);
    return total;
  };
  const measure = (a: number, b: number): number => {
    const da = mskDay(a);
    const db = mskDay(b);
    if (!covers(da) || !covers(db)) {
      const lo = Math.min(da, db, before.length > 0 ? first : da);
      const hi = Math.max(da, db, before.length > 0 ? first + before.length - 1 : db);
      if (hi - lo > MAX_DAYS) return workingMsBetween(a, b, cfg);
      grow(Math.min(da, db), Math.max(da, db));
    }
    return upTo(b, db) - upTo(a, da);
  };
  return (a, b) => {
    // The first measure is `workingMsBetween`'s own: it checks the config (and throws as ever).
    if (!checked || !Number.isSafeInteger(a) || !Number.isSafeInteger(b)) {
      const ms = workingMsBetween(a, b, cfg);
      checked = true;
      return ms;
    }
    // As `workingMsBetween`: measured forwards, negated when backwards (−0 included).
    return b < a ? -measure(b, a) : measure(a, b);
  };
}
