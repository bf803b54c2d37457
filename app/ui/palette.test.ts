import { describe, expect, it } from 'vitest';
import {
  contrastRatio,
  PALETTE_NAMES,
  PALETTES,
  PANEL_BACKGROUND,
  parseHex,
  relativeLuminance,
  STATUS_COLORS,
  statusGlyph,
  TEXT_COLORS,
  TREND_GLYPHS,
  WALL_BACKGROUND,
  WALL_STATUSES,
} from './palette';

// Simulated colour vision deficiency (Machado, Oliveira & Fernandes 2009, severity 1.0), applied
// in linear RGB; distance as CIE76 ΔE in CIELAB (D65).
const CVD: Record<string, number[][]> = {
  normal: [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ],
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
};
const linear = (c: number) => ((c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
function lab(hex: string, m: number[][]): [number, number, number] {
  const c = parseHex(hex).map(linear);
  const [r, g, b] = m.map((row) => Math.min(1, Math.max(0, row[0]! * c[0]! + row[1]! * c[1]! + row[2]! * c[2]!))) as [number, number, number];
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  const x = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
  const y = f(0.2126 * r + 0.7152 * g + 0.0722 * b);
  const z = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}

describe('contrastRatio (WCAG 2.x)', () => {
  it('gives the known values: 21 for black on white, 1 for equal colours, and is symmetric', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 10);
    expect(contrastRatio('#777777', '#777777')).toBe(1);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2); // the classic just-fails grey
    expect(contrastRatio('#0b1220', '#e8edf5')).toBe(contrastRatio('#e8edf5', '#0b1220'));
    expect(contrastRatio('#fff', '#000')).toBeCloseTo(21, 10);
    expect(() => contrastRatio('red', '#000')).toThrow(RangeError);
  });
});

describe('the wall palette', () => {
  const textColours = { ...TEXT_COLORS, ...STATUS_COLORS };

  it.each(Object.entries(textColours))('%s (%s) reads as text at ≥ 4.5:1 on the wall and on panels', (_, colour) => {
    expect(contrastRatio(colour, WALL_BACKGROUND)).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(colour, PANEL_BACKGROUND)).toBeGreaterThanOrEqual(4.5);
  });

  it.each(Object.keys(CVD))('status colours stay apart (ΔE ≥ 20) with %s vision', (kind) => {
    const colours = Object.values(STATUS_COLORS);
    for (let i = 0; i < colours.length; i++) {
      for (let j = i + 1; j < colours.length; j++) {
        const [a, b] = [lab(colours[i]!, CVD[kind]!), lab(colours[j]!, CVD[kind]!)];
        expect(Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]), `${colours[i]} vs ${colours[j]}`).toBeGreaterThanOrEqual(20);
      }
    }
  });

  it('every status has its own glyph and Russian word, so colour is never the only cue', () => {
    const cues = WALL_STATUSES.map(statusGlyph);
    expect(new Set(cues.map((c) => c.glyph)).size).toBe(WALL_STATUSES.length);
    expect(new Set(cues.map((c) => c.label)).size).toBe(WALL_STATUSES.length);
    expect(statusGlyph('on_time')).toEqual({ glyph: '●', label: 'В срок', color: STATUS_COLORS.on_time });
    expect(statusGlyph('at_risk').glyph).toBe('▲');
    expect(statusGlyph('overdue').glyph).toBe('■');
    expect(statusGlyph('closed').glyph).toBe('✕');
    // Trend arrows never borrow a status shape.
    expect(Object.values(TREND_GLYPHS).some((g) => cues.some((c) => c.glyph === g))).toBe(false);
  });
});

describe('the night palette', () => {
  const { day, night } = PALETTES;

  it.each(PALETTE_NAMES)('%s: every text and status colour reads at ≥ 4.5:1 on both backgrounds, primary text at ≥ 7:1', (name) => {
    const p = PALETTES[name];
    for (const bg of [p.background, p.panel]) {
      for (const c of [...Object.values(p.text), ...Object.values(STATUS_COLORS)]) expect(contrastRatio(c, bg), `${c} on ${bg}`).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(p.text.primary, bg)).toBeGreaterThanOrEqual(7);
    }
  });

  it('is darker than the day: lower background and text luminance', () => {
    expect(relativeLuminance(night.background)).toBeLessThan(relativeLuminance(day.background));
    expect(relativeLuminance(night.panel)).toBeLessThan(relativeLuminance(day.panel));
    for (const k of ['primary', 'secondary', 'muted'] as const) expect(relativeLuminance(night.text[k])).toBeLessThan(0.7 * relativeLuminance(day.text[k]));
  });

  it('the day palette is the wall constants', () => {
    expect(day).toMatchObject({ background: WALL_BACKGROUND, panel: PANEL_BACKGROUND, text: TEXT_COLORS });
  });
});
