/**
 * The wall map's label policy (renderer/map/label-policy.ts, issue 18) on the shipped style:
 * still valid for maplibre, every label layer refuses overlap, the settlements go capital
 * first with eight anchors and are placed first, then the live-symbol obstacles as invisible,
 * always-placed icons that reserve their space against every other name; `liveObstacles` takes what the
 * filter draws.
 */
import { validateStyleMin, type StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { liveObstacles } from '../../renderer/map/label-obstacles';
import { applyLabelPolicy, LABEL_LAYERS, OBSTACLE_LAYER, obstaclesGeoJson } from '../../renderer/map/label-policy';
import { layerFilter } from '../../renderer/map/sector-filter';
import { resolveStyle } from '../../renderer/map/style-loader';
import type { AccidentBuffers, PointBuffers } from '../../renderer/worker/frame';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const raw = JSON.parse(readFileSync(path.join(root, 'assets/map/style.json'), 'utf8')) as StyleSpecification;
const style = applyLabelPolicy(
  resolveStyle(raw as never, 'http://127.0.0.1:8400/map/style.json', { municipalitySet: '2025' }) as never,
) as unknown as StyleSpecification;
const layer = (id: string) => style.layers.find((l) => l.id === id) as { layout?: Record<string, unknown> } & StyleSpecification['layers'][number];

describe('label policy', () => {
  it('keeps the style valid, and is idempotent', () => {
    expect(validateStyleMin(style).map((e) => e.message)).toEqual([]);
    expect(applyLabelPolicy(style as never)).toEqual(style);
  });

  it('lets no label overlap another', () => {
    for (const id of LABEL_LAYERS) expect(layer(id).layout, id).toMatchObject({ 'text-allow-overlap': false, 'text-ignore-placement': false });
  });

  it('places settlements first, then live symbols, then municipality names (maplibre places from the top layer down)', () => {
    const order = style.layers.map((l) => l.id);
    expect(order.at(-1)).toBe('settlement-labels');
    expect(order.at(-2)).toBe(OBSTACLE_LAYER);
    expect(order.indexOf('settlement-labels')).toBeGreaterThan(order.indexOf('municipality-labels'));
    expect(order.indexOf('municipality-labels')).toBeGreaterThan(order.indexOf('settlement-labels-minor'));
    expect(layer(OBSTACLE_LAYER).layout).toMatchObject({ 'icon-allow-overlap': true, 'icon-ignore-placement': false });
    expect((layer(OBSTACLE_LAYER) as { paint?: Record<string, unknown> }).paint?.['icon-opacity']).toBeUndefined();
  });

  it('sorts settlements capital first, then by rank and population, each with eight anchors', () => {
    const l = layer('settlement-labels').layout!;
    expect(l['text-variable-anchor']).toHaveLength(8);
    const key = (rank: number, population: number) => rank * 10_000_000 - population;
    expect(l['symbol-sort-key']).toEqual(['-', ['*', ['get', 'rank'], 10_000_000], ['get', 'population']]);
    expect(key(1, 447_929)).toBeLessThan(key(1, 124_094)); // Чебоксары before Новочебоксарск
    expect(key(1, 124_094)).toBeLessThan(key(2, 45_608)); // before Канаш
  });
});

describe('liveObstacles', () => {
  const accidents = {
    count: 2,
    positions: new Float32Array([47.2, 56.1, 47.5, 55.5]),
    radii: new Float32Array([12, 16]),
    ringRadii: new Float32Array([0, 24]),
  } as unknown as AccidentBuffers;
  const breaches = {
    count: 2,
    positions: new Float32Array([47.3, 56.0, 46.4, 55.5]),
    radii: new Float32Array([7.5, 7.5]),
    sectors: new Float32Array([0, 1]),
  } as unknown as PointBuffers;

  it('takes accidents (disk or ring, the larger) and breaches (their halo) in pixels', () => {
    const all = liveObstacles(accidents, breaches, layerFilter(null), 1);
    expect(all.map((o) => Math.round(o.d))).toEqual([24, 48, 24, 24]);
    expect(obstaclesGeoJson(all).features[1]).toMatchObject({ properties: { d: 48 }, geometry: { type: 'Point' } });
  });

  it('takes only what a sector scene draws', () => {
    const f = layerFilter({ sector: 'healthcare' });
    const drawn = liveObstacles(accidents, breaches, f, 1);
    expect(drawn.every((o) => o.d < 40)).toBe(true);
    expect(drawn.length).toBeLessThan(4);
  });
});
