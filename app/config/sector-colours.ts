/**
 * Colour checks of the sector list the curator edits (issue 12, admin page): every sector's
 * colour is drawn as a point on the dark map, and the sectors are told apart by colour (and by
 * the legend's names), so a colour is checked
 * - for contrast against the map background (WCAG 2.x ratio; non-text graphics need ≥ 3:1,
 *   WCAG 1.4.11), and
 * - for distance to every other sector, in CIELAB (ΔE*76), as seen with normal vision and
 *   with simulated protanopia and deuteranopia (Machado, Oliveira & Fernandes 2009, severity
 *   1.0, applied in linear RGB). Below {@link MIN_DELTA_E} two points are easily confused.
 * Pure functions: the admin page shows the findings next to each colour picker.
 */
import type { Sector } from '../domain/sector';

export type Rgb = readonly [number, number, number];

/** The map's background (`assets/map/style.json`, layer `background`). */
export const MAP_BACKGROUND: Rgb = [0x0e, 0x17, 0x27];
/** Least contrast of a point against the map (WCAG 1.4.11 non-text contrast). */
export const MIN_CONTRAST = 3;
/** Least CIELAB distance between two sectors' colours, under every vision checked. */
export const MIN_DELTA_E = 10;

/** The visions a colour pair is checked under. */
export type Vision = 'normal' | 'protanopia' | 'deuteranopia';
export const VISIONS: readonly Vision[] = ['normal', 'protanopia', 'deuteranopia'];
const VISION_RU: Readonly<Record<Vision, string>> = { normal: 'обычное зрение', protanopia: 'протанопия', deuteranopia: 'дейтеранопия' };

// Machado et al. 2009, severity 1.0 (linear RGB).
const MATRICES: Readonly<Record<Exclude<Vision, 'normal'>, readonly (readonly number[])[]>> = {
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
};

const toLinear = (c: number): number => {
  const s = c / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
};
const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));

/** Linear RGB 0–1 of a colour as seen with `vision`. */
function linearAs(rgb: Rgb, vision: Vision): [number, number, number] {
  const lin = rgb.map(toLinear) as [number, number, number];
  if (vision === 'normal') return lin;
  const m = MATRICES[vision];
  return m.map((row) => clamp01(row[0]! * lin[0] + row[1]! * lin[1] + row[2]! * lin[2])) as [number, number, number];
}

/** CIELAB (D65) of linear RGB. */
function labOfLinear([r, g, b]: readonly [number, number, number]): [number, number, number] {
  const x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
  const y = 0.2126729 * r + 0.7151522 * g + 0.072175 * b;
  const z = (0.0193339 * r + 0.119192 * g + 0.9503041 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  const [fx, fy, fz] = [f(x), f(y), f(z)];
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

/** CIELAB of an sRGB colour as seen with `vision`. */
export function labAs(rgb: Rgb, vision: Vision = 'normal'): [number, number, number] {
  return labOfLinear(linearAs(rgb, vision));
}

/** ΔE*76 between two sRGB colours as seen with `vision`. */
export function deltaE(a: Rgb, b: Rgb, vision: Vision = 'normal'): number {
  const [l1, a1, b1] = labAs(a, vision);
  const [l2, a2, b2] = labAs(b, vision);
  return Math.hypot(l1 - l2, a1 - a2, b1 - b2);
}

/** WCAG 2.x contrast ratio of two sRGB colours, 1–21. */
export function contrast(a: Rgb, b: Rgb): number {
  const lum = (c: Rgb) => {
    const [r, g, bl] = c.map(toLinear) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [x, y] = [lum(a), lum(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

/** `#rrggbb` of a colour. */
export function hexOf(rgb: Rgb): string {
  return `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}

/** The nearest other sector of one sector under one vision. */
export interface NearestSector {
  id: string;
  vision: Vision;
  deltaE: number;
}

/** What the checks found for one sector's colour. */
export interface SectorColourCheck {
  id: string;
  /** Contrast against the map background. */
  contrast: number;
  /** The closest other sector under any vision checked (null when it is the only sector). */
  nearest: NearestSector | null;
  /** Russian warnings (empty: the colour is fine). */
  warnings: string[];
}

/** Checks every sector's colour against the background and the other sectors. */
export function checkSectorColours(sectors: readonly Pick<Sector, 'id' | 'label' | 'color'>[], background: Rgb = MAP_BACKGROUND): SectorColourCheck[] {
  const labs = VISIONS.map((v) => sectors.map((s) => labAs(s.color, v)));
  return sectors.map((s, i) => {
    const c = contrast(s.color, background);
    let nearest: NearestSector | null = null;
    VISIONS.forEach((vision, vi) => {
      sectors.forEach((o, j) => {
        if (j === i) return;
        const [p, q] = [labs[vi]![i]!, labs[vi]![j]!];
        const d = Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
        if (!nearest || d < nearest.deltaE) nearest = { id: o.id, vision, deltaE: d };
      });
    });
    const warnings: string[] = [];
    if (c < MIN_CONTRAST) warnings.push(`контраст с фоном карты ${c.toFixed(1)}:1 — меньше ${MIN_CONTRAST}:1, точки будут плохо видны`);
    const n = nearest as NearestSector | null;
    if (n && n.deltaE < MIN_DELTA_E) {
      const other = sectors.find((x) => x.id === n.id);
      warnings.push(`почти не отличается от сектора «${other?.label ?? n.id}» (${VISION_RU[n.vision]}: ΔE ${n.deltaE.toFixed(1)} < ${MIN_DELTA_E})`);
    }
    return { id: s.id, contrast: c, nearest: n, warnings };
  });
}
