import { readFileSync } from 'node:fs';
import type { StyleSpecification } from 'maplibre-gl';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { streetLayers, STREETS_SOURCE, withStreets, type StreetsMeta } from '../../renderer/map/street-style';
import { LABELS_START } from '../../renderer/map/style-loader';

const style = JSON.parse(readFileSync('assets/map/style.json', 'utf8')) as StyleSpecification;
const meta: StreetsMeta = {
  available: true,
  tiles: ['/tiles/{z}/{x}/{y}.pbf'],
  minzoom: 0,
  maxzoom: 14,
  bounds: [47.2, 56.1, 47.3, 56.2],
  attribution: '© участники OpenStreetMap',
  builtAt: null,
  addresses: 7,
};

describe('street layers in the style', () => {
  const out = withStreets(style, meta, 'http://hub.example:8400/#/wall/main');
  const ids = out.layers.map((l) => l.id);

  it('is a valid style with absolute tile URLs and the OpenStreetMap attribution', () => {
    expect(validateStyleMin(out as never)).toEqual([]);
    const src = out.sources[STREETS_SOURCE] as { tiles: string[]; attribution: string };
    expect(src.tiles).toEqual(['http://hub.example:8400/tiles/{z}/{x}/{y}.pbf']);
    expect(src.attribution).toContain('© участники OpenStreetMap');
  });

  it('puts every street layer under the live layers (before the first label) and the fills under the boundaries', () => {
    const labels = ids.indexOf(LABELS_START);
    for (const { layer } of streetLayers()) expect(ids.indexOf(layer.id), layer.id).toBeLessThan(labels);
    expect(ids.indexOf('streets-buildings')).toBeGreaterThan(ids.indexOf('water-fill'));
    expect(ids.indexOf('streets-major')).toBeLessThan(ids.indexOf('municipalities-line'));
    // Nothing of the schematic map moved.
    expect(ids.filter((id) => !id.startsWith('streets-'))).toEqual(style.layers.map((l) => l.id));
  });

  it('draws streets from zoom 12, house numbers from 15, text at the given size', () => {
    for (const { layer } of streetLayers()) expect(layer.minzoom ?? 0, layer.id).toBeGreaterThanOrEqual(12);
    const names = streetLayers(43).find((l) => l.layer.id === 'streets-names')!.layer as { layout: Record<string, unknown> };
    expect(names.layout['text-size']).toBe(43);
    expect(JSON.stringify(names.layout['text-field'])).toContain('name:ru');
    expect(streetLayers().find((l) => l.layer.id === 'streets-housenumbers')!.layer.minzoom).toBe(15);
  });

  it('leaves a style that already has them as it is', () => {
    expect(withStreets(out, meta, 'http://hub.example:8400/')).toBe(out);
  });
});
