import { describe, expect, it } from 'vitest';
import { HOUR_MS, MINUTE_MS, mskTime } from '../calendar/msk-time';
import { WeatherSchema, type Accident, type Weather } from '../domain/entity';
import { AccidentContext, monthLimitCrossedAt, mskMonthStart } from './accident-context';
import { WeatherIndex } from './weather';
import { makeAccident } from '../../test/support/entities';

const T = mskTime(2026, 1, 20, 10);
const CHEB = '97701000';
const acc = (id: string, over: Partial<Accident> = {}): Accident =>
  makeAccident({ id, resource: 'cold_water', address: 'ул. Ленина, 5', residents: 100, startedAt: T, plannedRestoreAt: T + 2 * HOUR_MS, ...over });
const weather = (over: Partial<Weather> = {}): Weather => ({
  kind: 'weather',
  id: 'w-cheb',
  version: 1,
  municipality: CHEB,
  lon: 47.25,
  lat: 56.13,
  at: T,
  temperatureC: -12,
  ...over,
});

describe('weather entity and index', () => {
  it('the schema takes a municipal and a republic-wide reading and refuses nonsense', () => {
    expect(WeatherSchema.safeParse(weather()).success).toBe(true);
    const { municipality: _m, ...republic } = weather({ id: 'w-rep' });
    expect(WeatherSchema.safeParse(republic).success).toBe(true);
    expect(WeatherSchema.safeParse(weather({ temperatureC: 120 })).success).toBe(false);
    expect(WeatherSchema.safeParse({ ...weather(), wind: 3 }).success).toBe(false);
  });

  it('own municipality first, then the republic; stale or future readings are not used', () => {
    const idx = new WeatherIndex();
    const { municipality: _m, ...rep } = weather({ id: 'w-rep', temperatureC: -3 });
    idx.add(rep);
    idx.add(weather({ temperatureC: -12 }));
    idx.add(weather({ temperatureC: -20, at: T - HOUR_MS })); // older reading of the same place: ignored
    expect(idx.airTempFor(CHEB, T + HOUR_MS)).toBe(-12);
    expect(idx.airTempFor('97503000', T + HOUR_MS)).toBe(-3);
    expect(idx.airTempFor(undefined, T + HOUR_MS)).toBe(-3);
    expect(idx.airTempFor(CHEB, T + 7 * HOUR_MS)).toBeUndefined(); // both older than 6 h
    expect(idx.airTempFor(CHEB, T - MINUTE_MS)).toBeUndefined(); // a reading from after `now` (replay)
    // A 2023 code of a merged city okrug reads its 2025 okrug's reading.
    idx.add(weather({ id: 'w-alat', municipality: '97503000', temperatureC: -7 }));
    expect(idx.airTempFor('97704000', T)).toBe(-7);
  });
});

describe('monthly limit over one building (ПП РФ № 354, прил. 1: «суммарно в течение 1 месяца»)', () => {
  it('cold water, 8 h a month: 3 h on 5 Jan + 3 h on 10 Jan + the third outage passes it after 2 h', () => {
    // раздел I, п. 1: 8 ч суммарно в течение 1 месяца. 3 + 3 = 6 h; 2 h more reach 8 h at 20 Jan 12:00.
    const list = [
      acc('a', { startedAt: mskTime(2026, 1, 5, 9), status: 'resolved', restoredAt: mskTime(2026, 1, 5, 12) }),
      acc('b', { startedAt: mskTime(2026, 1, 10, 9), status: 'resolved', restoredAt: mskTime(2026, 1, 10, 12) }),
      acc('c'),
    ];
    expect(monthLimitCrossedAt(list, T + 2 * HOUR_MS, 8 * HOUR_MS)).toBeUndefined(); // exactly 8 h: still permissible
    expect(monthLimitCrossedAt(list, T + 3 * HOUR_MS, 8 * HOUR_MS)).toBe(T + 2 * HOUR_MS);
  });

  it('counts only this Moscow month, overlapping outages once, planned outages not at all', () => {
    const now = T + 3 * HOUR_MS;
    expect(mskMonthStart(now)).toBe(mskTime(2026, 1, 1));
    const december = acc('dec', { startedAt: mskTime(2025, 12, 31, 20), status: 'resolved', restoredAt: mskTime(2026, 1, 1, 2) }); // 2 h fall in January
    const overlap = acc('hw', { startedAt: T + HOUR_MS }); // inside c's outage: adds nothing
    const planned = acc('pl', {
      nature: 'planned',
      startedAt: mskTime(2026, 1, 12, 9),
      plannedRestoreAt: mskTime(2026, 1, 12, 21),
      status: 'resolved',
      restoredAt: mskTime(2026, 1, 12, 21),
    });
    // 2 (31 Dec → 1 Jan, January part) + 3 (c, to now) = 5 h ≤ 8 h.
    expect(monthLimitCrossedAt([december, acc('c'), overlap, planned], now, 8 * HOUR_MS)).toBeUndefined();
    expect(monthLimitCrossedAt([december, acc('c'), overlap], now, 4 * HOUR_MS)).toBe(T + 2 * HOUR_MS);
  });

  it('the context groups by building and resource: another house or resource does not count', () => {
    const now = T + 3 * HOUR_MS;
    const ctx = new AccidentContext(now);
    const earlier = acc('a', { startedAt: mskTime(2026, 1, 5, 9), status: 'resolved', restoredAt: mskTime(2026, 1, 5, 15) }); // 6 h
    for (const e of [
      earlier,
      acc('other-house', { address: 'ул. Ленина, 7', startedAt: mskTime(2026, 1, 6, 9), status: 'resolved' as const, restoredAt: mskTime(2026, 1, 6, 19) }),
      acc('other-res', { resource: 'sewerage', startedAt: mskTime(2026, 1, 7, 9), status: 'resolved' as const, restoredAt: mskTime(2026, 1, 7, 19) }),
    ])
      ctx.add(e);
    const current = acc('c', { address: 'г. Чебоксары, улица Ленина, д. 5' });
    ctx.add(current);
    // 6 h + 2 h of the current outage = 8 h at 12:00; crossed after.
    expect(ctx.monthCrossedAt(current)).toBe(T + 2 * HOUR_MS);
    expect(ctx.crossings(current).map((c) => c.id)).toEqual(['month_limit']); // 3 h < the single 4 h
  });
});

describe("the frost criterion reads the accident municipality's temperature", () => {
  const big = makeAccident({ id: 'big', residents: 6000, startedAt: T, plannedRestoreAt: T + 20 * HOUR_MS });
  const at5h = T + 5 * HOUR_MS;
  const mass = (entities: (Accident | Weather)[]) => {
    const ctx = new AccidentContext(at5h);
    entities.forEach((e) => ctx.add(e));
    return ctx.crossings(big).some((c) => c.id === 'regional_emergency');
  };

  it('frost in Чебоксары: after 4 h; +3 °C there: not before 12 h, whatever the republic says', () => {
    expect(mass([weather({ at: at5h - HOUR_MS, temperatureC: -8 })])).toBe(true);
    const { municipality: _m, ...rep } = weather({ id: 'w-rep', temperatureC: -15, at: at5h - HOUR_MS });
    expect(mass([weather({ at: at5h - HOUR_MS, temperatureC: 3 }), rep])).toBe(false);
    expect(mass([rep])).toBe(true); // no municipal reading: the republic's frost
    expect(mass([{ ...rep, temperatureC: 3 }])).toBe(false);
    expect(mass([weather({ at: at5h - 7 * HOUR_MS, temperatureC: 3 })])).toBe(true); // stale thaw: unknown, taken as frost
  });
});
