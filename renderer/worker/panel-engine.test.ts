import { describe, expect, it } from 'vitest';
import type { Entity } from '../../app/domain/entity';
import { DIRTY_EVERY_MS, IDLE_EVERY_MS, PanelEngine, inFocus } from './panel-engine';

const NOW = Date.UTC(2025, 10, 20, 9);
const HOUR = 3_600_000;
let n = 0;
const appeal = (over: Partial<Extract<Entity, { kind: 'appeal' }>> = {}): Entity => ({
  kind: 'appeal', id: `a${n++}`, version: 1, municipality: '97701000', lon: 47.25, lat: 56.13, channel: 'pos', sector: 'roads', org: 'omsu-cheboksary',
  importance: 'normal', status: 'new', title: 'Яма', text: '', createdAt: NOW - HOUR, ...over,
});
const accident = (over: Partial<Extract<Entity, { kind: 'accident' }>> = {}): Entity => ({
  kind: 'accident', id: `x${n++}`, version: 1, municipality: '97516000', lon: 47.49, lat: 55.51, resource: 'heat', status: 'active', address: 'ул. Ленина, 1',
  operator: 'ТС', residents: 5000, buildings: 40, socialObjects: 2, startedAt: NOW - 60_000, plannedRestoreAt: NOW + 3 * HOUR, ...over,
});
const store = (es: Entity[]) => new Map(es.map((e) => [`${e.kind}:${e.id}`, e]));

describe('the worker side of the panels', () => {
  it('computes every panel, the focused panels and the alarms in one call', () => {
    const engine = new PanelEngine();
    engine.setFocus([{ kind: 'municipality', oktmo: '97516000' }, { kind: 'sector', sector: 'roads' }]);
    const out = engine.compute(store([appeal(), appeal({ sector: 'healthcare' }), accident()]), NOW, 0);
    expect(out.panels.kpi).toMatchObject({ open: 2, activeAccidents: 1, residentsWithoutSupply: 5000 });
    expect(out.focus.map((f) => [f.focus.kind, f.panels.kpi.open, f.panels.kpi.activeAccidents])).toEqual([['municipality', 0, 1], ['sector', 1, 0]]);
    expect(out.alarms.count).toBe(2);
    expect(out.alarms.top.map((a) => a.id)).toEqual(['social-object-no-heat:accident:' + out.alarms.top[0]!.entityKey.split(':')[1], 'accident-residents:' + out.alarms.top[1]!.entityKey]);
    // Plain data only: it crosses to the main thread by structured clone.
    expect(() => structuredClone(out)).not.toThrow();
    expect(out.alarms.top[0]).not.toHaveProperty('entity');
  });

  it('leaves out alarms acknowledged through the hub', () => {
    const engine = new PanelEngine();
    const es = store([accident({ id: 'A' })]);
    engine.setAcknowledged(['social-object-no-heat:accident:A']);
    expect(engine.compute(es, NOW, 0).alarms.top.map((a) => a.id)).toEqual(['accident-residents:accident:A']);
  });

  it('judges the alarms on other entities when asked (the live feed beside a replay)', () => {
    const engine = new PanelEngine();
    const replayed = store([accident({ id: 'old' })]);
    const out = engine.compute(replayed, NOW, 0, { entities: store([]), at: NOW + HOUR });
    expect(out.panels.kpi.activeAccidents).toBe(1);
    expect(out.alarms.count).toBe(0);
    const live = engine.compute(replayed, NOW, 0, { entities: store([accident({ id: 'now' })]), at: NOW });
    expect(live.alarms.top.map((a) => a.entityKey)).toEqual(['accident:now', 'accident:now']);
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
