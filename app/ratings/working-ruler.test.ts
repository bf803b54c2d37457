import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DAY_MS, HOUR_MS, mskTime } from '../calendar/msk-time';
import { DEFAULT_WORKING_TIME, workingMsBetween, type WorkingTimeConfig } from '../calendar/working-time';
import { workingRuler } from './working-ruler';

const T = mskTime(2026, 1, 1);
const CONFIGS: WorkingTimeConfig[] = [
  DEFAULT_WORKING_TIME,
  { dayStartHour: 8, dayEndHour: 17, shortenPreHoliday: false },
  { dayStartHour: 8.5, dayEndHour: 17.25, lunch: { start: 12, end: 12.75 } },
];

describe('workingRuler: the same number as workingMsBetween', () => {
  it('for any two instants, either way round, near or years apart (−0 included)', () => {
    const instant = fc.oneof(
      fc.integer({ min: T - 400 * DAY_MS, max: T + 400 * DAY_MS }),
      fc.integer({ min: 0, max: 60 * 24 }).map((m) => T + m * 60_000 * 24), // on minute/day boundaries
      fc.double({ min: T - 10 * DAY_MS, max: T + 10 * DAY_MS, noNaN: true }), // not whole ms: walked as before
    );
    fc.assert(
      fc.property(fc.constantFrom(...CONFIGS), instant, instant, fc.integer({ min: -3 * HOUR_MS, max: 3 * HOUR_MS }), (cfg, a, b, d) => {
        const ruler = workingRuler(cfg);
        for (const [x, y] of [
          [a, b],
          [b, a],
          [a, a],
          [a, a + d],
        ] as const)
          expect(Object.is(ruler(x, y), workingMsBetween(x, y, cfg))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('spans wider than the ruler are walked; invalid input throws as workingMsBetween does', () => {
    const ruler = workingRuler(DEFAULT_WORKING_TIME);
    const far = T + 60 * 366 * DAY_MS;
    expect(ruler(T, far)).toBe(workingMsBetween(T, far));
    expect(() => ruler(T, Number.NaN)).toThrow(RangeError);
    const bad = { dayStartHour: 18, dayEndHour: 9 };
    expect(() => workingRuler(bad)(T, T + DAY_MS)).toThrow(RangeError);
    expect(() => workingRuler(bad)(T, T + 2 * DAY_MS)).toThrow(RangeError);
  });
});
