/**
 * The offline basemap style (assets/map/style.json) is valid for maplibre's style
 * specification as shipped and as resolved for each municipal set, refers only to files that
 * ship in assets/, and pins its labels to the PT Sans files next to it (no glyph server, no
 * request outside the hub).
 */
import { validateStyleMin, type StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LABELS_START, resolveStyle } from '../../renderer/map/style-loader';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const stylePath = path.join(root, 'assets/map/style.json');
const raw = JSON.parse(readFileSync(stylePath, 'utf8')) as StyleSpecification;
const STYLE_URL = 'http://127.0.0.1:8400/map/style.json';

function errors(style: StyleSpecification): string[] {
  return validateStyleMin(style).map((e) => e.message);
}

/** assets/ path of a URL the hub serves from the renderer build (assets/ is Vite's public dir). */
function assetOf(url: string): string {
  return path.join(root, 'assets', new URL(url).pathname);
}

describe('assets/map/style.json', () => {
  it('passes the maplibre style-spec validator as shipped', () => {
    expect(errors(raw)).toEqual([]);
  });

  it.each(['2025', '2023'] as const)('passes it resolved for the %s municipal set, with every URL on the hub and every file shipped', (set) => {
    const style = resolveStyle(raw, STYLE_URL, { municipalitySet: set });
    expect(errors(style)).toEqual([]);
    const urls: string[] = [];
    for (const src of Object.values(style.sources)) if (src.type === 'geojson' && typeof src.data === 'string') urls.push(src.data);
    for (const decl of Object.values(style['font-faces'] ?? {})) for (const f of typeof decl === 'string' ? [{ url: decl }] : decl) urls.push(f.url);
    expect(urls.length).toBeGreaterThan(8);
    for (const u of urls) {
      expect(u.startsWith('http://127.0.0.1:8400/'), u).toBe(true);
      expect(existsSync(assetOf(u)), u).toBe(true);
    }
    const mun = style.sources.municipalities;
    expect(mun?.type === 'geojson' && mun.data).toBe(`http://127.0.0.1:8400/geo/municipalities-${set}.geojson`);
  });

  it('declares every font its labels use, and needs no glyph server', () => {
    expect(raw.glyphs).toBeUndefined();
    const declared = Object.keys(raw['font-faces'] ?? {});
    const used = new Set(JSON.stringify(raw.layers).match(/PT Sans [A-Za-z]+/g));
    expect([...used].sort()).toEqual(declared.sort());
  });

  it('ships the PT Sans files unchanged from @fontsource/pt-sans, with their licence', () => {
    for (const decl of Object.values(raw['font-faces'] ?? {})) {
      for (const f of typeof decl === 'string' ? [{ url: decl }] : decl) {
        const shipped = readFileSync(path.join(root, 'assets/map', f.url));
        const upstream = readFileSync(path.join(root, 'node_modules/@fontsource/pt-sans/files', path.basename(f.url)));
        expect(shipped.equals(upstream), f.url).toBe(true);
      }
    }
    expect(readFileSync(path.join(root, 'assets/map/fonts/OFL.txt'), 'utf8')).toContain('SIL OPEN FONT LICENSE');
  });

  it('shows the attribution of the geo data', () => {
    const attribution = (JSON.parse(readFileSync(path.join(root, 'assets/geo/attribution.json'), 'utf8')) as { text: string }).text;
    const mun = raw.sources.municipalities;
    expect(mun?.type === 'geojson' && mun.attribution).toBe(attribution);
  });

  it('puts every label above the live layers: the insertion point is the first symbol layer', () => {
    const ids = raw.layers.map((l) => l.id);
    const firstSymbol = raw.layers.findIndex((l) => l.type === 'symbol');
    expect(ids[firstSymbol]).toBe(LABELS_START);
    expect(raw.layers.slice(firstSymbol).every((l) => l.type === 'symbol' || l.type === 'circle')).toBe(true);
    // Layer ids the renderer and the browser tests rely on.
    for (const id of ['municipalities-fill', 'municipalities-selected', 'municipality-labels', 'settlement-labels']) expect(ids).toContain(id);
  });
});
