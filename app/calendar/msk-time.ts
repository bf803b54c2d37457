/**
 * Moscow wall-clock arithmetic with a constant offset.
 *
 * Why a constant: Europe/Moscow has been UTC+3 all year since 26 October 2014 (Federal Law
 * No. 248-ФЗ of 21.07.2014 abolished the 2011–2014 UTC+4 "permanent summer time", and there
 * has been no DST since 2011). So for every instant the product deals with (feeds from 2023
 * on) local time is exactly UTC + 3 h, and `app/` needs neither `Intl` nor tzdata — the core
 * runs the same in the hub, Electron main and the renderer. Instants before 26.10.2014 come
 * out one hour off; nothing here uses them.
 */

/** One minute in ms. */
export const MINUTE_MS = 60_000;
/** One hour in ms. */
export const HOUR_MS = 60 * MINUTE_MS;
/** One day in ms (Moscow has no DST, so every local day is exactly this long). */
export const DAY_MS = 24 * HOUR_MS;
/** Offset of Moscow time from UTC: +3 h, fixed since 26.10.2014 (see the file comment). */
export const MSK_OFFSET_MS = 3 * HOUR_MS;

/**
 * Day number of the Moscow calendar day that contains `time` (days since 1970-01-01 MSK).
 * Day numbers are how the calendar indexes days: plain integers, cheap to compare and hash.
 */
export function mskDay(time: number): number {
  return Math.floor((time + MSK_OFFSET_MS) / DAY_MS);
}

/** The UTC instant (Unix ms) of Moscow midnight that starts day number `day`. */
export function mskDayStart(day: number): number {
  return day * DAY_MS - MSK_OFFSET_MS;
}

/**
 * The Unix ms of a Moscow wall-clock time, e.g. `mskTime(2026, 1, 9, 17)` for 09.01.2026
 * 17:00 MSK. Month is 1-based (as people write dates), unlike `Date.UTC`.
 */
export function mskTime(year: number, month: number, day: number, hour = 0, minute = 0): number {
  return Date.UTC(year, month - 1, day, hour, minute) - MSK_OFFSET_MS;
}

/** Day number of an ISO date `YYYY-MM-DD` (a Moscow calendar date). Throws on a malformed date. */
export function dayFromIso(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new RangeError(`not an ISO date (YYYY-MM-DD): ${iso}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  // Date.UTC rolls 2025-02-30 over to March; a data typo must fail loudly instead.
  if (new Date(ms).getUTCDate() !== d) throw new RangeError(`no such date: ${iso}`);
  return ms / DAY_MS;
}

/** ISO date `YYYY-MM-DD` of a day number. */
export function isoFromDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday (as Russian calendars print weeks). */
export function isoWeekday(day: number): number {
  // 1970-01-01 was a Thursday (ISO 4).
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** Calendar year of a day number. */
export function yearOfDay(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

/** Month (1–12) and day of month of a day number. */
export function monthDayOfDay(day: number): { month: number; dayOfMonth: number } {
  const d = new Date(day * DAY_MS);
  return { month: d.getUTCMonth() + 1, dayOfMonth: d.getUTCDate() };
}
