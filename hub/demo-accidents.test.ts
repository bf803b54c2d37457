/**
 * The demo's accidents follow the seasons and its planned outages come with posts (issue 11):
 * no heating accident outside the heating season, pressure-test hot-water outages in summer
 * only, more power accidents in the summer storms, a plausible temperature series, and every
 * item passes the hub's ingest checks.
 */
import { describe, expect, it } from 'vitest';
import { inHeatingSeason } from '../app/accidents/heating-season';
import { mskTime } from '../app/calendar/msk-time';
import type { Accident, Appeal, Entity, Weather } from '../app/domain/entity';
import { municipalities } from '../app/domain/municipality';
import { DemoSource } from './demo-source';
import { DemoWeather, REPUBLIC_WEATHER_ID } from './demo-weather';
import { RepublicShape } from './republic-shape';
import { checkEntity } from './validate';

const backfill = (now: number, days = 30): Entity[] => new DemoSource({ seed: 5, speed: 1, backfillDays: days }).backfill(now).upserts as Entity[];
const accidents = (xs: Entity[]) => xs.filter((e): e is Accident => e.kind === 'accident');
const JULY = mskTime(2026, 7, 25, 12);
const JANUARY = mskTime(2026, 1, 25, 12);

describe('demo accidents by season', () => {
  const july = backfill(JULY);
  const january = backfill(JANUARY);

  it('no heating accident outside the heating season; many inside it', () => {
    expect(accidents(july).filter((a) => a.resource === 'heat')).toEqual([]);
    const heat = accidents(january).filter((a) => a.resource === 'heat');
    expect(heat.length).toBeGreaterThan(40);
    expect(heat.every((a) => inHeatingSeason(a.startedAt))).toBe(true);
  });

  it('summer storms: more power accidents in July than in January', () => {
    const power = (xs: Entity[]) => accidents(xs).filter((a) => a.resource === 'electricity' && a.nature !== 'planned').length;
    expect(power(july)).toBeGreaterThan(power(january) * 1.5);
  });

  it('pressure tests: planned hot-water outages of days in summer, none in January; posts on them are linked', () => {
    const pressure = (xs: Entity[]) => accidents(xs).filter((a) => a.nature === 'planned' && a.resource === 'hot_water');
    expect(pressure(january)).toEqual([]);
    const summer = pressure(july);
    expect(summer.length).toBeGreaterThan(15);
    for (const a of summer) expect(a.plannedRestoreAt - a.startedAt).toBeGreaterThanOrEqual(3 * 24 * 3_600_000);
    const ids = new Set(summer.map((a) => a.id));
    const posts = july.filter((e): e is Appeal => e.kind === 'appeal' && e.accidentId !== undefined && ids.has(e.accidentId));
    expect(posts.length).toBeGreaterThan(10);
    expect(posts.every((p) => p.channel === 'social' && p.title === 'Нет горячей воды')).toBe(true);
  });

  it('some heating accidents have a hot-water twin on the same houses (the wall counts those residents once)', () => {
    const list = accidents(january);
    const twins = list.filter(
      (a) => a.resource === 'hot_water' && list.some((h) => h.resource === 'heat' && h.address === a.address && h.municipality === a.municipality),
    );
    expect(twins.length).toBeGreaterThan(0);
  });

  it('every item passes the hub ingest checks', () => {
    const republic = RepublicShape.load();
    const units = RepublicShape.loadMunicipalities();
    const ctx = {
      now: JULY,
      stored: () => undefined,
      insideRepublic: (lon: number, lat: number) => republic.contains(lon, lat),
      insideMunicipality: (oktmo: string, lon: number, lat: number) => units.get(oktmo)?.contains(lon, lat) ?? true,
    };
    const bad = july.map((e) => [e.kind, e.id, checkEntity(e, ctx)] as const).filter(([, , r]) => !r.ok);
    expect(bad.map(([k, id, r]) => `${k}:${id} ${r.ok ? '' : `${r.reason} ${r.detail}`}`)).toEqual([]);
  });
});

describe('demo weather', () => {
  const w = new DemoWeather(5, municipalities());

  it('a reading for the republic and for each of the 23 municipalities, hourly, the same for the same hour', () => {
    const readings = w.readingsAt(JANUARY);
    expect(readings).toHaveLength(24);
    expect(readings.filter((r) => r.municipality === undefined).map((r) => r.id)).toEqual([REPUBLIC_WEATHER_ID]);
    expect(new DemoWeather(5, municipalities()).readingsAt(JANUARY + 1000)).toEqual(readings);
    expect(w.due(JANUARY)).toHaveLength(24);
    expect(w.due(JANUARY + 60_000)).toEqual([]); // same hour
    expect(w.due(JANUARY + 3_600_000)[0]!.version).toBe(readings[0]!.version + 1);
  });

  it('is plausible: January around −11 °C, July around +20 °C, colder at night, spread a few degrees over the republic', () => {
    const mean = (from: number, days: number) => {
      let s = 0;
      for (let h = 0; h < days * 24; h++) s += w.temperatureAt(from + h * 3_600_000);
      return s / (days * 24);
    };
    expect(mean(mskTime(2026, 1, 1), 31)).toBeGreaterThan(-17);
    expect(mean(mskTime(2026, 1, 1), 31)).toBeLessThan(-5);
    expect(mean(mskTime(2026, 7, 1), 31)).toBeGreaterThan(16);
    expect(mean(mskTime(2026, 7, 1), 31)).toBeLessThan(24);
    expect(w.temperatureAt(mskTime(2026, 7, 10, 4))).toBeLessThan(w.temperatureAt(mskTime(2026, 7, 10, 16)));
    const all: number[] = [];
    for (let h = 0; h < 24 * 365; h += 5) all.push(w.temperatureAt(mskTime(2026, 1, 1) + h * 3_600_000));
    expect(Math.min(...all)).toBeGreaterThan(-40);
    expect(Math.max(...all)).toBeLessThan(38);
    const spread = w.readingsAt(JANUARY).map((r: Weather) => r.temperatureC);
    expect(Math.max(...spread) - Math.min(...spread)).toBeLessThan(4);
  });

  it('the back-fill ends with the current readings, so the frost criterion has a temperature at start', () => {
    const weather = backfill(JANUARY, 2).filter((e): e is Weather => e.kind === 'weather');
    expect(weather).toHaveLength(24);
    expect(weather.every((r) => JANUARY - r.at < 3_600_000)).toBe(true);
  });
});
