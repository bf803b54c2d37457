/**
 * Working-time arithmetic on the production calendar: adding working hours or days to an
 * instant and measuring the working time between two instants, in Moscow time. SLA rules
 * («8 рабочих часов», «10 рабочих дней») are stated this way (DOMAIN.md «Channels and
 * deadlines»).
 */
import { RU_PRODUCTION_CALENDAR, type ProductionCalendar } from './calendar-days';
import { HOUR_MS, mskDay, mskDayStart } from './msk-time';

/** Office hours of the bodies that answer appeals, in Moscow time. */
export interface WorkingTimeConfig {
  /** Hour the working day starts (may be fractional, 8.5 = 08:30). @default 9 */
  readonly dayStartHour: number;
  /** Hour the working day ends on an ordinary day. @default 18 */
  readonly dayEndHour: number;
  /** Break that is not working time; absent = no break. @default {start: 13, end: 14} */
  readonly lunch?: { readonly start: number; readonly end: number };
  /** Shorten pre-holiday days by one hour (ТК РФ art. 95). @default true */
  readonly shortenPreHoliday?: boolean;
  /** The production calendar. @default RU_PRODUCTION_CALENDAR */
  readonly calendar?: ProductionCalendar;
}

/** 9:00–18:00 with lunch 13:00–14:00: 8 working hours, the usual office day of a Russian body. */
export const DEFAULT_WORKING_TIME: WorkingTimeConfig = { dayStartHour: 9, dayEndHour: 18, lunch: { start: 13, end: 14 } };

/** Longest span the functions walk before giving up (a calendar with no working days). */
const MAX_DAYS = 366 * 50;

type Interval = readonly [number, number];

function validate(cfg: WorkingTimeConfig): void {
  const { dayStartHour: s, dayEndHour: e, lunch } = cfg;
  const ok = Number.isFinite(s) && Number.isFinite(e) && s >= 0 && e <= 24 && s < e;
  const lunchOk = !lunch || (lunch.start >= s && lunch.end <= e && lunch.start < lunch.end && e - s > lunch.end - lunch.start);
  if (!ok || !lunchOk) throw new RangeError(`invalid working time: ${JSON.stringify({ s, e, lunch })}`);
}

/** Cuts `ms` off the end of a day's intervals (a pre-holiday day ends an hour earlier). */
function trimEnd(intervals: Interval[], ms: number): Interval[] {
  const out = [...intervals];
  let cut = ms;
  while (cut > 0 && out.length > 0) {
    const [s, e] = out[out.length - 1]!;
    if (e - s > cut) {
      out[out.length - 1] = [s, e - cut];
      cut = 0;
    } else {
      out.pop();
      cut -= e - s;
    }
  }
  return out;
}

function computeIntervals(day: number, cfg: WorkingTimeConfig): readonly Interval[] {
  const kind = (cfg.calendar ?? RU_PRODUCTION_CALENDAR).dayKind(day);
  if (kind !== 'working' && kind !== 'short') return [];
  const at = (h: number) => mskDayStart(day) + Math.round(h * HOUR_MS);
  const { dayStartHour: s, dayEndHour: e, lunch } = cfg;
  const intervals: Interval[] = lunch
    ? [
        [at(s), at(lunch.start)],
        [at(lunch.end), at(e)],
      ]
    : [[at(s), at(e)]];
  const nonEmpty = intervals.filter(([a, b]) => b > a);
  return kind === 'short' && cfg.shortenPreHoliday !== false ? trimEnd(nonEmpty, HOUR_MS) : nonEmpty;
}

// Deadlines of every item on the wall are recomputed often, and a handful of configs cover a
// few thousand days: memoising per config object turns each day into one map lookup.
// Configs are treated as immutable (they are configuration); a WeakMap lets inline ones go.
const cache = new WeakMap<WorkingTimeConfig, Map<number, readonly Interval[]>>();

/** Working intervals [start, end) of a Moscow day as Unix ms; empty on a non-working day. */
export function workingIntervals(day: number, cfg: WorkingTimeConfig = DEFAULT_WORKING_TIME): readonly Interval[] {
  let days = cache.get(cfg);
  if (!days) {
    days = new Map();
    cache.set(cfg, days);
  }
  let intervals = days.get(day);
  if (!intervals) {
    intervals = computeIntervals(day, cfg);
    days.set(day, intervals);
  }
  return intervals;
}

/**
 * True when `time` lies within working time, ends included: a deadline at 18:00 or at the
 * start of lunch is "on a working hour" (it is the last working moment).
 */
export function isWorkingTime(time: number, cfg: WorkingTimeConfig = DEFAULT_WORKING_TIME): boolean {
  return workingIntervals(mskDay(time), cfg).some(([s, e]) => time >= s && time <= e);
}

/**
 * The instant when `hours` of working time have passed since `start`. Time outside working
 * hours does not count, so a start at night or on a holiday counts from the next working
 * moment; the result is always a working instant (0 hours from a Saturday is Monday 09:00).
 * Hours are rounded to the millisecond. Throws a RangeError on negative or non-finite input.
 * @example Fri 17:00 + 8 h, 9–18 with lunch 13–14 → Mon 17:00 (1 h Fri + 4 h + 3 h Mon).
 */
export function addWorkingHours(start: number, hours: number, cfg: WorkingTimeConfig = DEFAULT_WORKING_TIME): number {
  if (!Number.isFinite(start) || !Number.isFinite(hours) || hours < 0) throw new RangeError(`addWorkingHours(${start}, ${hours})`);
  validate(cfg);
  let left = Math.round(hours * HOUR_MS);
  const first = mskDay(start);
  for (let day = first; day < first + MAX_DAYS; day++) {
    for (const [s, e] of workingIntervals(day, cfg)) {
      const from = Math.max(s, start);
      if (from >= e) continue;
      if (left <= e - from) return from + left;
      left -= e - from;
    }
  }
  throw new RangeError('addWorkingHours: no working time in the calendar');
}

/**
 * The end of the `days`-th working day after the day of `start` (the day of `start` itself is
 * not counted: a term runs from the next day, ГК РФ art. 191). With 0 days: the end of the
 * first working day whose end is not before `start`. Non-negative integers only.
 * @example Registered Fri 10:00, 1 working day → Mon 18:00 on an ordinary week.
 */
export function addWorkingDays(start: number, days: number, cfg: WorkingTimeConfig = DEFAULT_WORKING_TIME): number {
  if (!Number.isFinite(start) || !Number.isInteger(days) || days < 0) throw new RangeError(`addWorkingDays(${start}, ${days})`);
  validate(cfg);
  const first = mskDay(start);
  let counted = 0;
  for (let day = first; day < first + MAX_DAYS; day++) {
    const intervals = workingIntervals(day, cfg);
    if (intervals.length === 0) continue;
    const end = intervals[intervals.length - 1]![1];
    if (days === 0 ? end >= start : day > first && ++counted === days) return end;
  }
  throw new RangeError('addWorkingDays: no working time in the calendar');
}

/**
 * Working time between two instants in ms: the part of [a, b) that falls on working hours.
 * Negative when `b` is before `a`, so `workingMsBetween(now, due)` is a signed countdown.
 * Inverse of `addWorkingHours`: `workingMsBetween(t, addWorkingHours(t, h)) === h·3 600 000`.
 */
export function workingMsBetween(a: number, b: number, cfg: WorkingTimeConfig = DEFAULT_WORKING_TIME): number {
  if (!Number.isFinite(a) || !Number.isFinite(b)) throw new RangeError(`workingMsBetween(${a}, ${b})`);
  if (b < a) return -workingMsBetween(b, a, cfg);
  validate(cfg);
  let total = 0;
  for (let day = mskDay(a), last = mskDay(b); day <= last; day++) {
    for (const [s, e] of workingIntervals(day, cfg)) total += Math.max(0, Math.min(e, b) - Math.max(s, a));
  }
  return total;
}
