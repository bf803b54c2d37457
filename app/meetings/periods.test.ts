import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY_MS, mskTime } from '../calendar/msk-time';
import { compareSpans } from './compare';
import { heatingSeasonAt, periodAt, weekStart } from './periods';

describe('periods (Moscow time)', () => {
  it('starts the week on Monday midnight MSK', () => {
    // Thursday 12.03.2026 10:00 MSK → Monday 09.03.2026 00:00 MSK.
    expect(weekStart(mskTime(2026, 3, 12, 10))).toBe(mskTime(2026, 3, 9));
    expect(periodAt('week', mskTime(2026, 3, 12, 10)).label).toBe('неделя с 09.03.2026');
  });

  it('takes the current heating season in winter, the last one in summer', () => {
    expect(heatingSeasonAt(mskTime(2026, 1, 15))).toEqual({ start: mskTime(2025, 10, 1), end: mskTime(2026, 5, 1) });
    expect(heatingSeasonAt(mskTime(2026, 7, 1))).toEqual({ start: mskTime(2025, 10, 1), end: mskTime(2026, 5, 1) });
    expect(heatingSeasonAt(mskTime(2026, 10, 1))).toEqual({ start: mskTime(2026, 10, 1), end: mskTime(2027, 5, 1) });
    const summer = periodAt('heating-season', mskTime(2026, 7, 1));
    expect(summer.to).toBe(mskTime(2026, 5, 1));
    expect(summer.label).toBe('отопительный сезон 2025/26');
  });

  it('compares the same elapsed span of the week before and the season before', () => {
    const now = mskTime(2026, 1, 15, 9);
    const week = compareSpans('week', now);
    expect(week.previous.from).toBe(mskTime(2026, 1, 5));
    expect(week.previous.to).toBe(now - 7 * DAY_MS);
    const season = compareSpans('heating-season', now);
    expect(season.previous.from).toBe(mskTime(2024, 10, 1));
    expect(season.previous.label).toMatch(/^отопительный сезон 2024\/25, тот же отрезок/);
  });

  it('always compares spans of equal length, the previous one wholly before the current', () => {
    const y2024 = mskTime(2024, 1, 1);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 * 365 * DAY_MS }), fc.constantFrom('week' as const, 'heating-season' as const), (dt, kind) => {
        const { current, previous } = compareSpans(kind, y2024 + dt);
        expect(current.to - current.from).toBeGreaterThanOrEqual(0);
        // A season span may be one day shorter when the previous season had no 29 February.
        expect(Math.abs(current.to - current.from - (previous.to - previous.from))).toBeLessThanOrEqual(DAY_MS);
        expect(previous.to).toBeLessThanOrEqual(current.from);
      }),
    );
  });
});
