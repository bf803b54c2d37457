import { describe, expect, it } from 'vitest';
import type { AlarmRecord } from '../../app/alarms/alarm-record';
import type { Entity } from '../../app/domain/entity';
import { DIRTY_EVERY_MS, IDLE_EVERY_MS, PanelEngine, inFocus } from './panel-engine';

const NOW = Date.UTC(2025, 10, 20, 9);
const HOUR = 3_600_000;
let n = 0;
const appeal = (over: Partial<Extract<Entity, { kind: 'appeal' }>> = {}): Entity => ({
  kind: 'appeal',
  id: `a${n++}`,
  version: 1,
  municipality: '97701000',
  lon: 47.25,
  lat: 56.13,
  channel: 'pos',
  sector: 'roads',
  org: 'omsu-cheboksary',
  importance: 'normal',
  status: 'new',
  title: 'Яма',
  text: '',
  createdAt: NOW - HOUR,
  ...over,
});
const accident = (over: Partial<Extract<Entity, { kind: 'accident' }>> = {}): Entity => ({
  kind: 'accident',
  id: `x${n++}`,
  version: 1,
  municipality: '97516000',
  lon: 47.49,
  lat: 55.51,
  resource: 'heat',
  status: 'active',
  address: 'ул. Ленина, 1',
  operator: 'ТС',
  residents: 5000,
  buildings: 40,
  socialObjects: 2,
  startedAt: NOW - 60_000,
  plannedRestoreAt: NOW + 3 * HOUR,
  ...over,
});
const store = (es: Entity[]) => new Map(es.map((e) => [`${e.kind}:${e.id}`, e]));
const record = (id: string, severity: AlarmRecord['severity'], over: Partial<AlarmRecord> = {}): AlarmRecord => ({
  id,
  key: id,
  rule: 'rule',
  source: 'rules',
  severity,
  entity: 'accident:x',
  title: 'Тревога',
  text: 'текст',
  scene: { id: 'overview' },
  sound: false,
  since: NOW,
  raisedAt: NOW,
  ackedAt: null,
  ackedBy: null,
  comment: null,
  clearedAt: null,
  preset: null,
  ...over,
});

describe('the hub’s sectors document in the panels (issue 12)', () => {
  it('setSectors: the sectors panel lists the new sector with its appeals; an unknown sector counts under the last', () => {
    const engine = new PanelEngine();
    const entities = store([
      appeal({ sector: 'parks', createdAt: NOW - 60_000 }),
      appeal({ sector: 'parks', createdAt: NOW - 60_000 }),
      appeal({ sector: 'roads', createdAt: NOW - 60_000 }),
    ]);
    const before = engine.compute(entities, NOW, 0).panels.sectors.rows;
    expect(before.map((r) => r.id)).not.toContain('parks');
    expect(before.at(-1)).toMatchObject({ id: 'other', today: 2 });
    engine.setSectors([
      { id: 'roads', label: 'Дороги', color: [86, 180, 233] },
      { id: 'parks', label: 'Парки', color: [255, 0, 255] },
      { id: 'other', label: 'Прочее', color: [187, 187, 187] },
    ]);
    const after = engine.compute(entities, NOW + DIRTY_EVERY_MS, 1).panels.sectors.rows;
    expect(after.map((r) => [r.id, r.label, r.today])).toEqual([
      ['roads', 'Дороги', 1],
      ['parks', 'Парки', 2],
      ['other', 'Прочее', 0],
    ]);
  });
});

describe('the worker side of the panels', () => {
  it('computes every panel and the focused panels in one call; the alarms are the hub’s records', () => {
    const engine = new PanelEngine();
    engine.setFocus([
      { kind: 'municipality', oktmo: '97516000' },
      { kind: 'sector', sector: 'roads' },
    ]);
    const out = engine.compute(store([appeal(), appeal({ sector: 'healthcare' }), accident()]), NOW, 0);
    expect(out.panels.kpi).toMatchObject({ open: 2, activeAccidents: 1, residentsWithoutSupply: 5000 });
    expect(out.focus.map((f) => [f.focus.kind, f.panels.kpi.open, f.panels.kpi.activeAccidents])).toEqual([
      ['municipality', 0, 1],
      ['sector', 1, 0],
    ]);
    // The worker raises nothing itself: no record from the hub, no alarm.
    expect(out.alarms.count).toBe(0);
    engine.setHubAlarms([record('r1', 'critical'), record('r2', 'major', { preset: { scene: { id: 'housing' }, screens: ['left'] } })]);
    const up = engine.compute(store([]), NOW, 1);
    expect(up.alarms.top.map((a) => [a.id, a.severity, a.entityKey])).toEqual([
      ['r1', 'critical', 'accident:x'],
      ['r2', 'major', 'accident:x'],
    ]);
    expect(up.alarms.presets).toEqual([{ id: 'r2', scene: { id: 'housing' }, screens: ['left'], since: NOW }]);
    // Plain data only: it crosses to the main thread by structured clone.
    expect(() => structuredClone(up)).not.toThrow();
  });

  it('leaves out records acknowledged at the hub, keeps their preset until they are cleared', () => {
    const engine = new PanelEngine();
    const preset = { scene: { id: 'housing' as const }, screens: null };
    engine.setHubAlarms([record('r1', 'critical', { ackedAt: NOW, ackedBy: 'Иванов И. И.', preset }), record('r2', 'major')]);
    engine.setAcknowledged(['r2']);
    const out = engine.compute(store([]), NOW, 0);
    expect(out.alarms.count).toBe(0);
    expect(out.alarms.presets?.map((p) => p.id)).toEqual(['r1']);
    engine.setHubAlarms([]);
    expect(engine.compute(store([]), NOW, 1).alarms.presets).toEqual([]);
  });

  it('is due at most every 500 ms after a change and every 2 s when idle', () => {
    const engine = new PanelEngine();
    expect(engine.dueIn(0)).toBe(0);
    engine.compute(store([appeal()]), NOW, 10_000);
    expect(engine.dueIn(10_000)).toBe(IDLE_EVERY_MS);
    engine.markDirty();
    expect(engine.dueIn(10_100)).toBe(DIRTY_EVERY_MS - 100);
    expect(engine.dueIn(11_000)).toBe(0);
  });

  it('rates once, then reuses the table until it is due', () => {
    const engine = new PanelEngine();
    const es = store(Array.from({ length: 30 }, () => appeal()));
    expect(engine.rateIfDue(es, NOW)).toBe(true);
    expect(engine.rateIfDue(es, NOW + 1000)).toBe(false);
    expect(engine.rateIfDue(es, NOW + 61_000)).toBe(true);
  });

  it('files a merged 2023 city okrug under its 2025 okrug, and ЖКХ accidents under the housing sector', () => {
    expect(inFocus(appeal({ municipality: '97704000' }), { kind: 'municipality', oktmo: '97503000' })).toBe(true);
    expect(inFocus(accident(), { kind: 'sector', sector: 'housing' })).toBe(true);
    expect(inFocus(accident(), { kind: 'sector', sector: 'roads' })).toBe(false);
  });
});
