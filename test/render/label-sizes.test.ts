import { readFileSync } from 'node:fs';
import type { StyleSpecification, SymbolLayerSpecification } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import { wallTypeScale } from '../../renderer/wall/type-scale';
import { applyLabelPolicy, LABEL_LAYERS, scaleLabelSizes, textSizes } from '../../renderer/map/label-policy';
import { labelsAtBodySize, pageLabelBodyPx, resolveStyle } from '../../renderer/map/style-loader';

const STYLE = JSON.parse(readFileSync('assets/map/style.json', 'utf8')) as StyleSpecification;
const size = (s: StyleSpecification, id: string) => (s.layers.find((l) => l.id === id) as SymbolLayerSpecification).layout?.['text-size'];
const allSizes = (s: StyleSpecification) => LABEL_LAYERS.flatMap((id) => textSizes(size(s, id)));

describe('scaleLabelSizes: the basemap labels on the wall type scale', () => {
  it('the style file gives labels of 11–20 px (the sizes the scale starts from)', () => {
    expect(Math.min(...allSizes(STYLE))).toBe(11);
    expect(Math.max(...allSizes(STYLE))).toBe(20);
  });

  it.each([
    ['Full HD at 4 m', 4, 0.63],
    ['3×2 Full HD at 6 m', 6, 0.63],
    ['4K at 8 m', 8, 1066 / 2160],
  ])('%s: the smallest label is the body size, the hierarchy kept', (_, dist, pitch) => {
    const body = wallTypeScale(dist, pitch).bodyPx;
    const scaled = scaleLabelSizes(STYLE, body);
    expect(Math.min(...allSizes(scaled))).toBe(body);
    const up = (px: number) => Math.ceil(body * Math.sqrt(px / 11) - 1e-9);
    // Capital (rank 1) 20 px, okrug centres 16 px, river names 13 px: body × √(size / 11), rounded up.
    expect(size(scaled, 'settlement-labels')).toEqual(['match', ['get', 'rank'], 1, up(20), up(16)]);
    expect(up(20)).toBeGreaterThan(up(16));
    expect(up(20)).toBeLessThan(1.4 * body);
    expect(size(scaled, 'river-labels')).toBe(up(13));
    // The zoom interpolation stays at the top of the expression; only its outputs change.
    expect(size(scaled, 'municipality-labels')).toEqual(['interpolate', ['linear'], ['zoom'], 7, body, 10, up(16)]);
  });

  it('step, case and legacy stops: outputs scaled, inputs and conditions kept; another expression multiplied', () => {
    const layer = (id: string, textSize: unknown) => ({ id, type: 'symbol', source: 's', layout: { 'text-field': 'x', 'text-size': textSize } });
    const style = {
      version: 8,
      sources: {},
      layers: [
        layer('settlement-labels', ['step', ['zoom'], 10, 8, 20]),
        layer('water-labels', ['case', ['has', 'big'], 15, 10]),
        layer('river-labels', {
          stops: [
            [6, 10],
            [9, 30],
          ],
        }),
        layer('neighbour-labels', ['get', 'size']),
        layer('not-a-label', 10),
      ],
    } as unknown as StyleSpecification;
    const s = scaleLabelSizes(style, 40);
    // Smallest 10 px → 40 px; 20 px → 40 × √2, 15 px → 40 × √1.5, 30 px → 40 × √3 (rounded up).
    expect(size(s, 'settlement-labels')).toEqual(['step', ['zoom'], 40, 8, 57]);
    expect(size(s, 'water-labels')).toEqual(['case', ['has', 'big'], 49, 40]);
    expect(size(s, 'river-labels')).toEqual({
      stops: [
        [6, 40],
        [9, 70],
      ],
    });
    expect(size(s, 'neighbour-labels')).toEqual(['*', 4, ['get', 'size']]);
    expect(size(s, 'not-a-label')).toBe(10);
  });

  it('the collision policy still applies on the scaled style, and neither pass changes the other', () => {
    const body = wallTypeScale(8, 1066 / 2160).bodyPx;
    const a = applyLabelPolicy(scaleLabelSizes(STYLE, body));
    const b = scaleLabelSizes(applyLabelPolicy(STYLE), body);
    expect(a).toEqual(b);
    for (const id of LABEL_LAYERS) {
      const l = a.layers.find((x) => x.id === id) as SymbolLayerSpecification;
      expect(l.layout?.['text-allow-overlap'], id).toBe(false);
      expect(Math.min(...textSizes(l.layout?.['text-size']))).toBeGreaterThanOrEqual(body);
    }
    expect(a.layers.findIndex((l) => l.id === 'live-label-obstacles')).toBe(a.layers.findIndex((l) => l.id === 'settlement-labels') + 1);
  });

  it('the style loader takes the body size from the wall page URL (dist, pitch)', () => {
    expect(pageLabelBodyPx('http://h/#/wall/main?token=t')).toBe(wallTypeScale(4, 0.63).bodyPx);
    expect(pageLabelBodyPx('http://h/#/wall/main?token=t&dist=8&pitch=0.4935')).toBe(wallTypeScale(8, 0.4935).bodyPx);
    const resolved = resolveStyle(STYLE, 'http://h/map/style.json', { municipalitySet: '2025', labelBodyPx: 60 });
    expect(Math.min(...allSizes(resolved))).toBe(60);
    expect(allSizes(resolveStyle(STYLE, 'http://h/map/style.json', { municipalitySet: '2025' }))).toEqual(allSizes(STYLE));
  });

  it('draws the labels at the body size by default; maplabels=style keeps the file sizes', () => {
    expect(labelsAtBodySize('http://h/#/wall/main?token=t')).toBe(true);
    expect(labelsAtBodySize('http://h/#/wall/main?token=t&maplabels=body')).toBe(true);
    expect(labelsAtBodySize('http://h/#/wall/main?token=t&maplabels=style')).toBe(false);
  });
});
