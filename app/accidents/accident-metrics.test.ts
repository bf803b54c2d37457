import { describe, it, expect } from 'vitest';
import type { Accident } from '../domain/entity';
import { HOUR_MS, mskTime } from '../calendar/production-calendar';
import { accidentMetrics, isActiveAt, outageMs, residentHours, residentsWithoutSupply, restoreOverdueMs, thresholdCrossings } from './accident-metrics';
import { inHeatingSeason } from './heating-season';
import { haversineKm } from './geo-distance';
import { makeAccident } from '../../test/support/entities';

const T = mskTime(2026, 1, 20, 10); // a January morning: heating season

const accident = (over: Partial<Accident> = {}): Accident =>
  makeAccident({ address: 'г. Чебоксары, ул. Ленинградская, 1', residents: 1200, buildings: 6, socialObjects: 1, startedAt: T, plannedRestoreAt: T + 4 * HOUR_MS, ...over });

describe('accident metrics', () => {
  it('an active accident: 6.5 h without supply, 1,200 × 6.5 = 7,800 resident-hours, 2.5 h past the plan', () => {
    const now = T + 6.5 * HOUR_MS;
    const m = accidentMetrics(accident(), now);
    expect(m.active).toBe(true);
    expect(m.outageMs).toBe(6.5 * HOUR_MS);
    expect(m.residentHours).toBe(7800);
    expect(m.restoreOverdueMs).toBe(2.5 * HOUR_MS);
    // > 6 h interrupted since 16:00; heating not yet off > 24 h; 1,200 < 5,000: no emergency.
    expect(m.crossings).toEqual([{ id: 'interrupted_long', at: T + 6 * HOUR_MS, limitMs: 6 * HOUR_MS }]);
  });

  it('a restored accident stops counting at restoredAt and is not overdue when restored in plan', () => {
    const a = accident({ status: 'resolved', restoredAt: T + 3 * HOUR_MS });
    const now = T + 10 * HOUR_MS;
    expect(isActiveAt(a, now)).toBe(false);
    expect(isActiveAt(a, T + 2 * HOUR_MS)).toBe(true);
    expect(outageMs(a, now)).toBe(3 * HOUR_MS);
    expect(residentHours(a, now)).toBe(3600); // 1,200 × 3 h
    expect(restoreOverdueMs(a, now)).toBe(0);
    expect(thresholdCrossings(a, now)).toEqual([]);
  });

  it('a resolved record without restoredAt is taken as restored at the planned time', () => {
    const a = accident({ status: 'resolved' });
    expect(outageMs(a, T + 10 * HOUR_MS)).toBe(4 * HOUR_MS);
    expect(isActiveAt(a, T + HOUR_MS)).toBe(false);
  });

  it('before it starts an accident has no outage', () => {
    expect(outageMs(accident(), T - HOUR_MS)).toBe(0);
    expect(isActiveAt(accident(), T - HOUR_MS)).toBe(false);
  });

  it('heating off > 24 h counts in the heating season only', () => {
    const now = T + 25 * HOUR_MS;
    expect(thresholdCrossings(accident(), now).map((c) => c.id)).toEqual(['interrupted_long', 'heating_off_long']);
    const july = mskTime(2026, 7, 10, 10);
    const summer = accident({ startedAt: july, plannedRestoreAt: july + HOUR_MS });
    expect(thresholdCrossings(summer, july + 25 * HOUR_MS).map((c) => c.id)).toEqual(['interrupted_long']);
  });

  it('regional emergency: ≥ 5,000 without heat > 4 h in frost, > 12 h above zero; unknown temperature takes 4 h', () => {
    const big = accident({ residents: 5000 });
    const ids = (now: number, airTempC?: number) =>
      thresholdCrossings(big, now, airTempC === undefined ? {} : { airTempC }).map((c) => c.id).filter((id) => id === 'regional_emergency');
    expect(ids(T + 4 * HOUR_MS, -10)).toEqual([]); // exactly 4 h is not "more than"
    expect(ids(T + 4 * HOUR_MS + 60_000, -10)).toEqual(['regional_emergency']);
    expect(ids(T + 4 * HOUR_MS + 60_000, 2)).toEqual([]);
    expect(ids(T + 12 * HOUR_MS + 60_000, 2)).toEqual(['regional_emergency']);
    expect(ids(T + 4 * HOUR_MS + 60_000)).toEqual(['regional_emergency']);
    expect(thresholdCrossings(accident({ residents: 4999 }), T + 30 * HOUR_MS, { airTempC: -20 }).map((c) => c.id)).not.toContain('regional_emergency');
  });

  it('an emergency crossing records when the limit was passed', () => {
    const c = thresholdCrossings(accident({ residents: 26_600 }), T + 5 * HOUR_MS, { airTempC: -15 }).find((x) => x.id === 'regional_emergency');
    expect(c).toEqual({ id: 'regional_emergency', at: T + 4 * HOUR_MS, limitMs: 4 * HOUR_MS });
  });

  it('cold water is an interruption but never "without heat"; housing-stock damage is not an interruption', () => {
    const now = T + 30 * HOUR_MS;
    expect(thresholdCrossings(accident({ resource: 'cold_water', residents: 9000 }), now).map((c) => c.id)).toEqual(['interrupted_long']);
    expect(thresholdCrossings(accident({ resource: 'housing' }), now)).toEqual([]);
  });

  it('sums residents without supply over accidents active now', () => {
    const now = T + 5 * HOUR_MS;
    const list = [
      accident({ id: 'a', residents: 100 }),
      accident({ id: 'b', residents: 250, resource: 'electricity' }),
      accident({ id: 'c', residents: 1000, restoredAt: T + 2 * HOUR_MS, status: 'resolved' }),
      accident({ id: 'd', residents: 7, startedAt: now + HOUR_MS }),
    ];
    expect(residentsWithoutSupply(list, now)).toBe(350);
  });
});

describe('heating season', () => {
  it('default 1 Oct – 30 Apr in Moscow dates, wrapping over New Year', () => {
    expect(inHeatingSeason(mskTime(2026, 9, 30, 23, 59))).toBe(false);
    expect(inHeatingSeason(mskTime(2026, 10, 1, 0, 0))).toBe(true);
    expect(inHeatingSeason(mskTime(2027, 1, 15))).toBe(true);
    expect(inHeatingSeason(mskTime(2027, 4, 30, 23, 30))).toBe(true); // 20:30 UTC, still 30 Apr in Moscow
    expect(inHeatingSeason(mskTime(2027, 5, 1, 0, 30))).toBe(false);
  });

  it('a season that does not wrap', () => {
    const s = { startMonth: 1, startDay: 10, endMonth: 3, endDay: 1 };
    expect(inHeatingSeason(mskTime(2026, 2, 1), s)).toBe(true);
    expect(inHeatingSeason(mskTime(2026, 12, 1), s)).toBe(false);
  });
});

describe('haversine', () => {
  it('Moscow – Saint Petersburg ≈ 634 km; one degree of latitude ≈ 111.2 km; zero to itself', () => {
    expect(haversineKm(37.6173, 55.7558, 30.3351, 59.9343)).toBeCloseTo(634, -1);
    expect(haversineKm(47, 55, 47, 56)).toBeCloseTo(111.2, 1);
    expect(haversineKm(47.25, 56.13, 47.25, 56.13)).toBe(0);
  });
});
