import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  addWorkingDays,
  addWorkingHours,
  createProductionCalendar,
  dayKindAt,
  DEFAULT_WORKING_TIME,
  HOUR_MS,
  isWorkingDay,
  isWorkingTime,
  lawOnlyYear,
  mskDay,
  mskDayStart,
  mskTime,
  RU_PRODUCTION_CALENDAR,
  RU_PRODUCTION_YEARS,
  workingIntervals,
  workingMsBetween,
  type WorkingTimeConfig,
} from './production-calendar';
import { dayFromIso, isoFromDay } from './msk-time';

/** Noon MSK of an ISO date: the middle of the day, far from any boundary. */
const noon = (iso: string) => mskDayStart(dayFromIso(iso)) + 12 * HOUR_MS;
const NO_LUNCH: WorkingTimeConfig = { dayStartHour: 9, dayEndHour: 18 };

function daysOfYear(year: number): number[] {
  const first = dayFromIso(`${year}-01-01`);
  const last = dayFromIso(`${year}-12-31`);
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

describe('production calendar: known dates', () => {
  it('1–11 January 2026 are days off (holidays 1–8, Fri 9 Jan transferred, 10–11 weekend); 12 Jan is working', () => {
    for (let d = 1; d <= 8; d++) expect(dayKindAt(noon(`2026-01-0${d}`))).toBe('holiday');
    expect(dayKindAt(noon('2026-01-09'))).toBe('day_off');
    expect(isWorkingDay(noon('2026-01-10'))).toBe(false);
    expect(isWorkingDay(noon('2026-01-11'))).toBe(false);
    expect(isWorkingDay(noon('2026-01-12'))).toBe(true);
  });

  it('2026: art. 112 carry-overs Mon 9 Mar and Mon 11 May, and 31 Dec, are days off', () => {
    for (const iso of ['2026-03-09', '2026-05-11', '2026-12-31']) expect(isWorkingDay(noon(iso))).toBe(false);
    expect(isWorkingDay(noon('2026-02-23'))).toBe(false); // Monday holiday
    expect(isWorkingDay(noon('2026-11-04'))).toBe(false); // Wednesday holiday
  });

  it('2026 short days: 30 Apr, 8 May, 11 Jun, 3 Nov end at 17:00', () => {
    for (const iso of ['2026-04-30', '2026-05-08', '2026-06-11', '2026-11-03']) {
      expect(dayKindAt(noon(iso))).toBe('short');
      const intervals = workingIntervals(dayFromIso(iso));
      expect(intervals.at(-1)![1] - mskDayStart(dayFromIso(iso))).toBe(17 * HOUR_MS);
    }
  });

  it('2025 (decree 1335): Sat 1 Nov is a short working day; 2, 8 May, 13 Jun, 3 Nov, 31 Dec are days off; 24 Feb and 10 Mar are working', () => {
    expect(dayKindAt(noon('2025-11-01'))).toBe('short');
    for (const iso of ['2025-05-02', '2025-05-08', '2025-06-13', '2025-11-03', '2025-12-31']) expect(dayKindAt(noon(iso))).toBe('day_off');
    // 23 Feb (Sun) and 8 Mar (Sat) were moved by the decree to 8 May and 13 Jun, not to the next Monday.
    expect(isWorkingDay(noon('2025-02-24'))).toBe(true);
    expect(isWorkingDay(noon('2025-03-10'))).toBe(true);
  });

  it('counts 247 working days in 2025 and 2026, as the published calendars do (118 days of rest)', () => {
    for (const year of [2025, 2026]) {
      const working = daysOfYear(year).filter((d) => isWorkingDay(mskDayStart(d)));
      expect(working).toHaveLength(247);
    }
  });

  it('2025 norm of hours for a 40-hour week is 1972 (247 × 8 − 4 short days)', () => {
    const hours = daysOfYear(2025).reduce((sum, d) => sum + workingIntervals(d, NO_LUNCH).reduce((h, [s, e]) => h + (e - s) / HOUR_MS, 0), 0);
    // NO_LUNCH is 9 hours a day; subtract one hour per working day to get the 8-hour norm.
    const days = daysOfYear(2025).filter((d) => isWorkingDay(mskDayStart(d))).length;
    expect(hours - days).toBe(1972);
  });

  it('2027 is marked unconfirmed and equals the law-only rule (no decree transfers guessed)', () => {
    expect(RU_PRODUCTION_CALENDAR.isConfirmedYear(2025)).toBe(true);
    expect(RU_PRODUCTION_CALENDAR.isConfirmedYear(2026)).toBe(true);
    expect(RU_PRODUCTION_CALENDAR.isConfirmedYear(2027)).toBe(false);
    const y2027 = RU_PRODUCTION_YEARS.find((y) => y.year === 2027)!;
    const law = lawOnlyYear(2027);
    expect(y2027.extraDaysOff).toEqual(law.extraDaysOff);
    expect(y2027.shortDays).toEqual(law.shortDays);
  });

  it('outside 2025–2027 falls back to Mon–Fri + art. 112 holidays (+ weekend carry-over)', () => {
    expect(RU_PRODUCTION_CALENDAR.isConfirmedYear(2030)).toBe(false);
    // 2030: 1 Jan is Tuesday; 23 Feb Saturday → Monday 25 Feb off by art. 112 part 2.
    expect(dayKindAt(noon('2030-01-01'))).toBe('holiday');
    expect(dayKindAt(noon('2030-02-25'))).toBe('day_off');
    expect(dayKindAt(noon('2030-02-22'))).toBe('short');
    expect(isWorkingDay(noon('2030-02-26'))).toBe(true);
  });

  it('law-only rule reproduces the 2026 decree except its January transfer (a check of the rule)', () => {
    const law = lawOnlyYear(2026);
    expect(law.extraDaysOff).toEqual(['2026-03-09', '2026-05-11']);
    expect(law.shortDays).toEqual(['2026-04-30', '2026-05-08', '2026-06-11', '2026-11-03', '2026-12-31']);
  });

  it('rejects malformed data dates loudly', () => {
    expect(() => createProductionCalendar([{ ...RU_PRODUCTION_YEARS[0]!, shortDays: ['2025-02-30'] }])).toThrow(RangeError);
  });
});

describe('working time: known cases', () => {
  it('an ordinary Friday 17:00 + 8 working hours → Monday 17:00 with the default lunch 13–14', () => {
    // 2026-02-06 is a Friday; the following week has no holidays. 1 h Fri + 4 h (9–13) + 3 h (14–17).
    expect(addWorkingHours(mskTime(2026, 2, 6, 17), 8)).toBe(mskTime(2026, 2, 9, 17));
  });

  it('an ordinary Friday 17:00 + 8 working hours → Monday 16:00 on a 9–18 day without lunch', () => {
    // 1 h Fri + 7 h Mon (9–16).
    expect(addWorkingHours(mskTime(2026, 2, 6, 17), 8, NO_LUNCH)).toBe(mskTime(2026, 2, 9, 16));
  });

  it('a post on 31 Dec 2025 at 15:00 + 8 h is due on 12 Jan 2026 at 18:00 (holidays skipped)', () => {
    // 31.12.2025 – 11.01.2026 are days off; Mon 12 Jan: 9–13 = 4 h, 14–18 = 4 h → 18:00.
    expect(addWorkingHours(mskTime(2025, 12, 31, 15), 8)).toBe(mskTime(2026, 1, 12, 18));
  });

  it('a short pre-holiday day ends at 17:00: Thu 30 Apr 2026 16:00 + 2 h → Tue 5 May 2026 10:00', () => {
    // 30 Apr 16–17 = 1 h; 1–3 May off; Mon 4 May is working: 9–10 = 1 h.
    expect(addWorkingHours(mskTime(2026, 4, 30, 16), 2)).toBe(mskTime(2026, 5, 4, 10));
  });

  it('lunch is skipped: 12:30 + 1 h → 14:30', () => {
    expect(addWorkingHours(mskTime(2026, 2, 4, 12, 30), 1)).toBe(mskTime(2026, 2, 4, 14, 30));
  });

  it('0 hours from a working instant is that instant; from Saturday it is Monday 09:00', () => {
    const t = mskTime(2026, 2, 4, 10, 15);
    expect(addWorkingHours(t, 0)).toBe(t);
    expect(addWorkingHours(mskTime(2026, 2, 7, 11), 0)).toBe(mskTime(2026, 2, 9, 9));
  });

  it('working days: Friday + 1 → Monday 18:00; 7 working days from 30 Dec 2025 → 20 Jan 2026 18:00', () => {
    expect(addWorkingDays(mskTime(2026, 2, 6, 10), 1)).toBe(mskTime(2026, 2, 9, 18));
    // Working days after 30.12.2025: 12, 13, 14, 15, 16, 19, 20 Jan → 7th is Tue 20 Jan.
    expect(addWorkingDays(mskTime(2025, 12, 30, 10), 7)).toBe(mskTime(2026, 1, 20, 18));
  });

  it('working days ending on a short day end at 17:00', () => {
    // Wed 29 Apr 2026 + 1 working day → Thu 30 Apr (short) 17:00.
    expect(addWorkingDays(mskTime(2026, 4, 29, 10), 1)).toBe(mskTime(2026, 4, 30, 17));
  });

  it('measures working time: Fri 17:00 → Mon 10:00 is 2 h; reversed it is −2 h', () => {
    const a = mskTime(2026, 2, 6, 17);
    const b = mskTime(2026, 2, 9, 10);
    expect(workingMsBetween(a, b)).toBe(2 * HOUR_MS);
    expect(workingMsBetween(b, a)).toBe(-2 * HOUR_MS);
  });

  it('rejects negative hours and an impossible working day', () => {
    expect(() => addWorkingHours(0, -1)).toThrow(RangeError);
    expect(() => addWorkingHours(0, 1, { dayStartHour: 18, dayEndHour: 9 })).toThrow(RangeError);
    expect(() => addWorkingDays(0, 1.5)).toThrow(RangeError);
  });
});

// 2024-12-01 … 2028-01-31: covers the three data years and both edges.
const instant = fc.integer({ min: mskTime(2024, 12, 1), max: mskTime(2028, 1, 31) });
const hours = fc.integer({ min: 0, max: 8 * 60 * 15 }).map((m) => m / 60); // up to 15 working days, minute steps
const configs = fc.constantFrom<WorkingTimeConfig>(DEFAULT_WORKING_TIME, NO_LUNCH, { dayStartHour: 8.5, dayEndHour: 17.25, lunch: { start: 12, end: 12.75 } });

describe('working time: properties', () => {
  it('a derived deadline never falls on a non-working hour', () => {
    fc.assert(
      fc.property(instant, hours, configs, (t, h, cfg) => {
        fc.pre(h > 0);
        const due = addWorkingHours(t, h, cfg);
        expect(isWorkingTime(due, cfg)).toBe(true);
        expect(isWorkingDay(due)).toBe(true);
      }),
    );
  });

  it('adding then measuring working time round-trips', () => {
    fc.assert(
      fc.property(instant, hours, configs, (t, h, cfg) => {
        expect(workingMsBetween(t, addWorkingHours(t, h, cfg), cfg)).toBe(Math.round(h * HOUR_MS));
      }),
    );
  });

  it('more hours never give an earlier deadline (monotonic), and never before the start', () => {
    fc.assert(
      fc.property(instant, hours, hours, (t, h1, h2) => {
        const [lo, hi] = h1 <= h2 ? [h1, h2] : [h2, h1];
        const a = addWorkingHours(t, lo);
        expect(a).toBeLessThanOrEqual(addWorkingHours(t, hi));
        expect(a).toBeGreaterThanOrEqual(t);
      }),
    );
  });

  it('a later start never gives an earlier deadline', () => {
    fc.assert(
      fc.property(instant, instant, hours, (t1, t2, h) => {
        const [lo, hi] = t1 <= t2 ? [t1, t2] : [t2, t1];
        expect(addWorkingHours(lo, h)).toBeLessThanOrEqual(addWorkingHours(hi, h));
      }),
    );
  });

  it('working time is additive: [a, c) = [a, b) + [b, c)', () => {
    fc.assert(
      fc.property(instant, instant, instant, (x, y, z) => {
        const [a, b, c] = [x, y, z].sort((p, q) => p - q) as [number, number, number];
        expect(workingMsBetween(a, c)).toBe(workingMsBetween(a, b) + workingMsBetween(b, c));
      }),
    );
  });

  it('a working-day deadline is the end of a working day, after the start, monotonic in days', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 30 }), (t, n) => {
        const due = addWorkingDays(t, n);
        const day = mskDay(due);
        expect(isWorkingDay(due)).toBe(true);
        expect(due).toBe(workingIntervals(day).at(-1)![1]);
        expect(day).toBeGreaterThan(mskDay(t));
        expect(addWorkingDays(t, n + 1)).toBeGreaterThan(due);
      }),
    );
  });

  it('every data day kind is consistent: non-working days have no working intervals', () => {
    for (const year of [2025, 2026, 2027]) {
      for (const d of daysOfYear(year)) {
        expect(workingIntervals(d).length > 0, isoFromDay(d)).toBe(isWorkingDay(mskDayStart(d)));
      }
    }
  });
});
