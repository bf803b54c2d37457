import { describe, it, expect } from 'vitest';
import type { Accident, AccidentResource } from '../domain/entity';
import { HOUR_MS, MINUTE_MS, mskTime } from '../calendar/production-calendar';
import {
  DEFAULT_ACCIDENT_THRESHOLDS,
  THRESHOLD_LABELS,
  accidentMetrics,
  isActiveAt,
  outageMs,
  residentHours,
  residentsWithoutSupply,
  restoreOverdueMs,
  thresholdCrossings,
} from './accident-metrics';
import { HeatingSeasonSchema, inHeatingSeason } from './heating-season';
import { DEFAULT_INTERRUPTION_LIMITS, InterruptionLimitsSchema, singleLimitMs } from './interruption-limits';
import { haversineKm } from './geo-distance';
import { makeAccident } from '../../test/support/entities';

const T = mskTime(2026, 1, 20, 10); // a January morning: heating season

const accident = (over: Partial<Accident> = {}): Accident =>
  makeAccident({
    address: 'г. Чебоксары, ул. Ленинградская, 1',
    residents: 1200,
    buildings: 6,
    socialObjects: 1,
    startedAt: T,
    plannedRestoreAt: T + 4 * HOUR_MS,
    ...over,
  });
const ids = (a: Accident, now: number, opts = {}) => thresholdCrossings(a, now, opts).map((c) => c.id);

describe('accident metrics', () => {
  it('an active heat accident: 6.5 h without supply, 1,200 × 6.5 = 7,800 resident-hours, 2.5 h past the plan', () => {
    const now = T + 6.5 * HOUR_MS;
    const m = accidentMetrics(accident(), now);
    expect(m.active).toBe(true);
    expect(m.outageMs).toBe(6.5 * HOUR_MS);
    expect(m.residentHours).toBe(7800);
    expect(m.restoreOverdueMs).toBe(2.5 * HOUR_MS);
    // Heat off > 6 h in season: accounting sign 1.4 of a heat-supply emergency situation (Правила
    // расследования причин аварийных ситуаций при теплоснабжении, табл. 1). The single heating limit of
    // ПП № 354 (прил. 1, п. 14: 16 h at +12 °C indoors) is not reached yet; 1,200 < 5,000: no mass criterion.
    expect(m.crossings).toEqual([{ id: 'heat_outage_6h', at: T + 6 * HOUR_MS, limitMs: 6 * HOUR_MS }]);
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
});

describe('permissible single interruption per resource (ПП РФ № 354, приложение 1)', () => {
  // Each limit: exactly the limit is still permissible («не более»), one minute more is not.
  const cases: [AccidentResource, number, string][] = [
    ['cold_water', 4, 'раздел I, п. 1: 4 ч единовременно'],
    ['hot_water', 4, 'раздел II, п. 4: 4 ч единовременно (24 ч на тупиковой магистрали не применяются)'],
    ['sewerage', 4, 'раздел III: 4 ч единовременно, в том числе при аварии'],
    ['electricity', 24, 'раздел IV: 24 ч при одном источнике питания (2 ч с резервом — настройка)'],
    ['gas', 4, 'раздел V: 4 ч суммарно в месяц, так что и одним перерывом'],
    ['heat', 16, 'раздел VI, п. 14: 16 ч при +12 °C в помещениях и выше'],
  ];
  for (const [resource, hours, norm] of cases) {
    it(`${resource}: ${hours} h (${norm})`, () => {
      // Alone in its building, with no monthly history: only the single limit (and, for heat, its own rules) apply.
      const a = accident({ resource, residents: 100 });
      const single = (now: number) => thresholdCrossings(a, now).find((c) => c.id === 'interrupted_long');
      expect(single(T + hours * HOUR_MS)).toBeUndefined();
      expect(single(T + hours * HOUR_MS + MINUTE_MS)).toEqual({ id: 'interrupted_long', at: T + hours * HOUR_MS, limitMs: hours * HOUR_MS });
    });
  }

  it('housing-stock damage is not an interruption of supply', () => {
    expect(thresholdCrossings(accident({ resource: 'housing' }), T + 30 * 24 * HOUR_MS)).toEqual([]);
  });

  it('heating tiers by the indoor temperature (п. 14): +12 and above 16 h, +10…+12 8 h, +8…+10 4 h', () => {
    expect(singleLimitMs('heat', DEFAULT_INTERRUPTION_LIMITS, 15)).toBe(16 * HOUR_MS);
    expect(singleLimitMs('heat', DEFAULT_INTERRUPTION_LIMITS, 12)).toBe(16 * HOUR_MS);
    expect(singleLimitMs('heat', DEFAULT_INTERRUPTION_LIMITS, 11.9)).toBe(8 * HOUR_MS);
    expect(singleLimitMs('heat', DEFAULT_INTERRUPTION_LIMITS, 10)).toBe(8 * HOUR_MS);
    expect(singleLimitMs('heat', DEFAULT_INTERRUPTION_LIMITS, 9)).toBe(4 * HOUR_MS);
    expect(singleLimitMs('heat', DEFAULT_INTERRUPTION_LIMITS, 5)).toBe(4 * HOUR_MS); // colder than the last tier: its limit
    expect(singleLimitMs('heat')).toBe(16 * HOUR_MS); // indoor temperature unknown (assumption)
    expect(ids(accident(), T + 8 * HOUR_MS + MINUTE_MS, { indoorC: 11 })).toContain('interrupted_long');
  });

  it('every limit names its source, and a limits file is validated', () => {
    for (const l of Object.values(DEFAULT_INTERRUPTION_LIMITS.resources)) expect(l.source.length).toBeGreaterThan(10);
    expect(
      InterruptionLimitsSchema.safeParse({
        ...DEFAULT_INTERRUPTION_LIMITS,
        resources: { ...DEFAULT_INTERRUPTION_LIMITS.resources, gas: { singleH: -1, monthH: 4, source: 'x' } },
      }).success,
    ).toBe(false);
    const custom = InterruptionLimitsSchema.parse({
      ...DEFAULT_INTERRUPTION_LIMITS,
      resources: { ...DEFAULT_INTERRUPTION_LIMITS.resources, electricity: { singleH: 2, monthH: null, source: 'дома с резервным источником' } },
    });
    expect(ids(accident({ resource: 'electricity' }), T + 2 * HOUR_MS + MINUTE_MS, { thresholds: { ...DEFAULT_ACCIDENT_THRESHOLDS, limits: custom } })).toEqual(
      ['interrupted_long'],
    );
  });
});

describe('heat rules only in the heating season', () => {
  it('heating off 25 h in January: 16 h single limit, 24 h a month, sign 1.4 (> 6 h) and sign 1.1 (> 24 h in season)', () => {
    const c = thresholdCrossings(accident({ residents: 100 }), T + 25 * HOUR_MS, { monthCrossedAt: T + 24 * HOUR_MS });
    expect(c.map((x) => [x.id, (x.at - T) / HOUR_MS])).toEqual([
      ['interrupted_long', 16], // ПП № 354, прил. 1, п. 14
      ['month_limit', 24], // ПП № 354, прил. 1, п. 14: 24 ч суммарно в месяц
      ['heat_outage_6h', 6], // табл. 1, признак 1.4
      ['heating_off_long', 24], // табл. 1, признак 1.1: в отопительный период более 24 ч
    ]);
  });

  it('a heat outage in July interrupts no heating service: no threshold at all', () => {
    const july = mskTime(2026, 7, 10, 10);
    const summer = accident({ residents: 26_000, startedAt: july, plannedRestoreAt: july + HOUR_MS });
    expect(thresholdCrossings(summer, july + 48 * HOUR_MS, { airTempC: -5, monthCrossedAt: july + HOUR_MS })).toEqual([]);
    // Hot water in July is an interruption like any other (4 h).
    expect(ids({ ...summer, resource: 'hot_water' }, july + 5 * HOUR_MS)).toEqual(['interrupted_long']);
  });

  it('the season of a decree: Чебоксары starts on 6 Oct 2025, the rest of the republic on the default 1 Oct', () => {
    const season = HeatingSeasonSchema.parse({
      startMonth: 10,
      startDay: 1,
      endMonth: 4,
      endDay: 30,
      years: [
        { start: '2025-10-06', end: '2026-04-20', municipality: '97701000', source: 'постановление администрации г. Чебоксары (пример)' },
        { start: '2025-09-29', end: '2026-05-05', source: 'сроки по республике (пример)' },
      ],
    });
    const oct3 = mskTime(2025, 10, 3, 12);
    expect(inHeatingSeason(oct3, season, '97701000')).toBe(false);
    expect(inHeatingSeason(oct3, season, '97503000')).toBe(true); // the republic-wide entry: from 29 Sep
    expect(inHeatingSeason(mskTime(2025, 10, 6, 0, 0), season, '97701000')).toBe(true);
    expect(inHeatingSeason(mskTime(2026, 4, 20, 23, 59), season, '97701000')).toBe(true);
    expect(inHeatingSeason(mskTime(2026, 4, 21, 0, 0), season, '97701000')).toBe(false);
    expect(inHeatingSeason(mskTime(2026, 5, 5, 12), season, '97503000')).toBe(true);
    // A season without a decree entry takes the default dates.
    expect(inHeatingSeason(mskTime(2026, 10, 3, 12), season, '97701000')).toBe(true);
    // An entry without its end: the season goes on.
    const open = HeatingSeasonSchema.parse({ ...season, years: [{ start: '2026-10-05', source: 'x' }] });
    expect(inHeatingSeason(mskTime(2026, 10, 4, 12), open)).toBe(false);
    expect(inHeatingSeason(mskTime(2027, 6, 1, 12), open)).toBe(true);
    // The threshold follows the accident's own municipality.
    const early = accident({ residents: 100, startedAt: oct3, plannedRestoreAt: oct3 + HOUR_MS });
    expect(ids(early, oct3 + 7 * HOUR_MS, { thresholds: { ...DEFAULT_ACCIDENT_THRESHOLDS, season } })).toEqual([]);
    expect(ids({ ...early, municipality: '97503000' }, oct3 + 7 * HOUR_MS, { thresholds: { ...DEFAULT_ACCIDENT_THRESHOLDS, season } })).toEqual([
      'heat_outage_6h',
    ]);
  });

  it('refuses a decree that ends before it starts or starts in spring', () => {
    expect(
      HeatingSeasonSchema.safeParse({ startMonth: 10, startDay: 1, endMonth: 4, endDay: 30, years: [{ start: '2025-10-06', end: '2025-10-01', source: 'x' }] })
        .success,
    ).toBe(false);
    expect(HeatingSeasonSchema.safeParse({ startMonth: 10, startDay: 1, endMonth: 4, endDay: 30, years: [{ start: '2026-03-01', source: 'x' }] }).success).toBe(
      false,
    );
  });
});

describe('the mass-outage criterion (≥ 5,000 without heat > 4 h in frost, > 12 h above zero)', () => {
  const big = accident({ residents: 5000 });
  const mass = (now: number, airTempC?: number) => ids(big, now, airTempC === undefined ? {} : { airTempC }).filter((id) => id === 'regional_emergency');

  it('in frost after 4 h, above zero after 12 h, unknown temperature as frost', () => {
    expect(mass(T + 4 * HOUR_MS, -10)).toEqual([]); // exactly 4 h is not "more than"
    expect(mass(T + 4 * HOUR_MS + MINUTE_MS, -10)).toEqual(['regional_emergency']);
    expect(mass(T + 4 * HOUR_MS + MINUTE_MS, 2)).toEqual([]);
    expect(mass(T + 4 * HOUR_MS + MINUTE_MS, 0)).toEqual([]); // 0 °C is not frost
    expect(mass(T + 12 * HOUR_MS + MINUTE_MS, 2)).toEqual(['regional_emergency']);
    expect(mass(T + 4 * HOUR_MS + MINUTE_MS)).toEqual(['regional_emergency']);
    expect(ids(accident({ residents: 4999 }), T + 30 * HOUR_MS, { airTempC: -20 })).not.toContain('regional_emergency');
  });

  it('records when the limit was passed', () => {
    const c = thresholdCrossings(accident({ residents: 26_600 }), T + 5 * HOUR_MS, { airTempC: -15 }).find((x) => x.id === 'regional_emergency');
    expect(c).toEqual({ id: 'regional_emergency', at: T + 4 * HOUR_MS, limitMs: 4 * HOUR_MS });
  });

  it('cold water is an interruption but never "without heat"', () => {
    expect(ids(accident({ resource: 'cold_water', residents: 9000 }), T + 30 * HOUR_MS)).toEqual(['interrupted_long']);
  });

  it('the wall says a criterion is exceeded, never «ЧС» (declared by a commission, ПП РФ № 304)', () => {
    for (const label of Object.values(THRESHOLD_LABELS)) expect(label).not.toMatch(/ЧС|чрезвычайн/i);
    expect(THRESHOLD_LABELS.regional_emergency).toMatch(/^Критерий превышен/);
  });
});

describe('planned outages', () => {
  it('cross no threshold however long and large: they are judged by their announced end', () => {
    const planned = accident({ nature: 'planned', resource: 'hot_water', residents: 40_000, plannedRestoreAt: T + 14 * 24 * HOUR_MS });
    expect(thresholdCrossings(planned, T + 13 * 24 * HOUR_MS, { airTempC: -30, monthCrossedAt: T + HOUR_MS })).toEqual([]);
    expect(thresholdCrossings({ ...planned, resource: 'heat' }, T + 13 * 24 * HOUR_MS, { airTempC: -30 })).toEqual([]);
    expect(restoreOverdueMs(planned, T + 15 * 24 * HOUR_MS)).toBe(24 * HOUR_MS);
  });

  it('an incident is an interruption like an accident', () => {
    expect(ids(accident({ nature: 'incident', resource: 'cold_water' }), T + 5 * HOUR_MS)).toEqual(['interrupted_long']);
  });
});

describe('residents without supply', () => {
  it('sums active accidents, one building once, planned outages left out', () => {
    const now = T + 5 * HOUR_MS;
    const list = [
      accident({ id: 'a', residents: 100, address: 'ул. Гагарина, 1' }),
      accident({ id: 'b', residents: 250, resource: 'electricity', address: 'ул. Гагарина, 3' }),
      accident({ id: 'c', residents: 1000, restoredAt: T + 2 * HOUR_MS, status: 'resolved' }),
      accident({ id: 'd', residents: 7, startedAt: now + HOUR_MS }),
      // Heat and hot water on the same houses of ул. Гагарина, 1 (spelled otherwise): the same 100 people, plus 20 more.
      accident({ id: 'e', residents: 120, resource: 'hot_water', address: 'г. Чебоксары, улица Гагарина, д. 1' }),
      accident({ id: 'f', residents: 5000, nature: 'planned', resource: 'hot_water', address: 'ул. Гагарина, 5' }),
    ];
    // Buildings: Гагарина 1 → max(100, 120) = 120; Гагарина 3 → 250. 120 + 250 = 370.
    expect(residentsWithoutSupply(list, now)).toBe(370);
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
