/**
 * The wall map's label policy (renderer/map/label-policy.ts, issue 18) on the shipped style:
 * still valid for maplibre, every label layer refuses overlap, the live-symbol and frame
 * obstacles (invisible, always-placed icons) are placed first and reserve their space against
 * every name, then the settlements capital first with eight anchors; `liveObstacles` takes
 * what the filter draws, bounded; `frameBoxes` closes the canvas's edges.
 */
import { validateStyleMin, type StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { frameBoxes, liveObstacles, MAX_LIVE_OBSTACLES, rectBoxes } from '../../renderer/map/label-obstacles';
import { applyLabelPolicy, LABEL_LAYERS, MINOR_OBSTACLE_LAYER, OBSTACLE_LAYER, obstaclesGeoJson } from '../../renderer/map/label-policy';
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

  it('places the obstacles first, then settlements, then municipality names (maplibre places from the top layer down)', () => {
    const order = style.layers.map((l) => l.id);
    expect(order.at(-1)).toBe(OBSTACLE_LAYER);
    expect(order.at(-2)).toBe('settlement-labels');
    // Appeals at risk: after the capital's and okrug centres' names, before the others.
    expect(order.at(-3)).toBe(MINOR_OBSTACLE_LAYER);
    expect((layer(MINOR_OBSTACLE_LAYER) as { filter?: unknown }).filter).toEqual(['==', ['get', 'm'], 1]);
    expect((layer(OBSTACLE_LAYER) as { filter?: unknown }).filter).toEqual(['!=', ['get', 'm'], 1]);
    expect(order.indexOf('settlement-labels')).toBeGreaterThan(order.indexOf('municipality-labels'));
    expect(order.indexOf('municipality-labels')).toBeGreaterThan(order.indexOf('settlement-labels-minor'));
    expect(layer(OBSTACLE_LAYER).layout).toMatchObject({ 'icon-allow-overlap': true, 'icon-ignore-placement': false, 'icon-padding': 0 });
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
    // Accidents first, largest first.
    expect(all.map((o) => Math.round(o.d))).toEqual([48, 24, 24, 24]);
    expect(obstaclesGeoJson(all).features[0]).toMatchObject({ properties: { d: 48 }, geometry: { type: 'Point', coordinates: [47.5, 55.5] } });
  });

  it('takes only what a sector scene draws', () => {
    const f = layerFilter({ sector: 'healthcare' });
    const drawn = liveObstacles(accidents, breaches, f, 1);
    expect(drawn.every((o) => o.d < 40)).toBe(true);
    expect(drawn.length).toBeLessThan(4);
  });

  it('is bounded: accidents first (largest first), then one breach per ~150 m cell', () => {
    const n = 5000;
    const many = {
      count: n,
      // 2,500 distinct spots 0.01° apart, each twice.
      positions: Float32Array.from({ length: 2 * n }, (_, i) => (i % 2 === 0 ? 46 + 0.01 * (Math.floor(i / 2) % 2500) : 55.5)),
      radii: new Float32Array(n).fill(7.5),
      sectors: new Float32Array(n),
    } as unknown as PointBuffers;
    const all = liveObstacles(accidents, many, layerFilter(null), 1);
    expect(all).toHaveLength(MAX_LIVE_OBSTACLES);
    expect(all.slice(0, 2).map((o) => Math.round(o.d))).toEqual([48, 24]);
    expect(liveObstacles(accidents, many, layerFilter(null), 1, 10_000)).toHaveLength(2 + 2500);
    // Open appeals: only those at risk (the larger dot with its ring), minor, after the breaches.
    const appeals = {
      count: 3,
      positions: new Float32Array([47.1, 55.9, 47.2, 55.9, 47.3, 55.9]),
      radii: new Float32Array([4, 5.5, 5.5]),
      lineWidths: new Float32Array([0, 2, 2]),
      sectors: new Float32Array([0, 0, 1]),
    } as unknown as PointBuffers;
    const withRisk = liveObstacles(accidents, breaches, layerFilter(null), 1, 400, appeals);
    expect(withRisk.map((o) => [Math.round(o.d), o.minor ?? false])).toEqual([
      [48, false],
      [24, false],
      [24, false],
      [24, false],
      [13, true],
      [13, true],
    ]);
    expect(obstaclesGeoJson(withRisk).features[5]!.properties).toEqual({ d: 13, m: 1 });
    // The anchor goes into the GeoJSON only for frame boxes.
    expect(obstaclesGeoJson([{ lon: 47, lat: 55, d: 96, anchor: 'right' }]).features[0]!.properties).toEqual({ d: 96, a: 'right' });
  });
});

describe('frameBoxes', () => {
  it('closes every edge of the canvas with boxes lying outside it, anchored just inside', () => {
    const w = 1000;
    const h = 500;
    const boxes = frameBoxes(w, h, 96, 2);
    // The box each reserves, in canvas pixels (icon-anchor: the side of the anchor the box does not lie on).
    const rect = (b: (typeof boxes)[number]) =>
      b.anchor === 'right'
        ? { l: b.x - b.d, r: b.x, t: b.y - b.d / 2, b: b.y + b.d / 2 }
        : b.anchor === 'left'
          ? { l: b.x, r: b.x + b.d, t: b.y - b.d / 2, b: b.y + b.d / 2 }
          : b.anchor === 'bottom'
            ? { l: b.x - b.d / 2, r: b.x + b.d / 2, t: b.y - b.d, b: b.y }
            : { l: b.x - b.d / 2, r: b.x + b.d / 2, t: b.y, b: b.y + b.d };
    for (const b of boxes) {
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.x).toBeLessThanOrEqual(w);
      expect(b.y).toBeGreaterThanOrEqual(0);
      expect(b.y).toBeLessThanOrEqual(h);
      const r = rect(b);
      // Within maplibre's collision grid (100 px past the canvas), inside the canvas by the margin at most.
      expect(Math.min(r.l, r.t)).toBeGreaterThanOrEqual(-100);
      expect(r.r).toBeLessThanOrEqual(w + 100);
      expect(r.b).toBeLessThanOrEqual(h + 100);
      expect(r.l < 2.001 || r.t < 2.001 || r.r > w - 2.001 || r.b > h - 2.001).toBe(true);
    }
    // Any point on the edge lies in some box.
    const covered = (x: number, y: number) => boxes.some((b) => ((r) => x >= r.l && x <= r.r && y >= r.t && y <= r.b)(rect(b)));
    for (let x = 0; x <= w; x += 7) expect(covered(x, 0) && covered(x, h), `x ${x}`).toBe(true);
    for (let y = 0; y <= h; y += 7) expect(covered(0, y) && covered(w, y), `y ${y}`).toBe(true);
    expect(boxes.length).toBe(2 * Math.ceil(w / 96) + 2 * Math.ceil(h / 96));
    expect(frameBoxes(0, 500)).toEqual([]);
  });

  it('covers a control (the attribution) with boxes no taller than it', () => {
    const boxes = rectBoxes(500, 480, 1000, 500);
    expect(boxes.every((b) => b.d === 20)).toBe(true);
    for (let x = 500; x <= 1000; x += 5) expect(boxes.some((b) => Math.abs(b.x - x) <= b.d / 2 && Math.abs(b.y - 490) <= b.d / 2)).toBe(true);
  });
});

describe('maplabels=off', () => {
  it('hides every basemap name layer and keeps the rest of the style', () => {
    const raw = JSON.parse(readFileSync(path.join(root, 'assets/map/style.json'), 'utf8')) as StyleSpecification;
    const shown = resolveStyle(raw, 'http://x/map/style.json', { municipalitySet: '2025' });
    const hidden = resolveStyle(raw, 'http://x/map/style.json', { municipalitySet: '2025', hideLabels: true });
    expect(hidden.layers.map((l) => l.id)).toEqual(shown.layers.map((l) => l.id));
    const names = LABEL_LAYERS as readonly string[];
    const present = hidden.layers.filter((l) => names.includes(l.id));
    expect(present.length).toBeGreaterThan(0);
    for (const l of present) expect(l.layout?.visibility, l.id).toBe('none');
    for (const l of hidden.layers.filter((l) => !names.includes(l.id))) expect(l.layout?.visibility, l.id).not.toBe('none');
  });
});
