/**
 * The wall's colour-blind-safe palette and the non-colour cue of every status (issue 5
 * «Legibility»: a colour-blind-safe palette; status always carried by shape or text too;
 * contrast ≥ 4.5:1). The status hues start from Paul Tol's «vibrant» and Okabe–Ito sets and
 * were tuned so that every pair stays apart (CIELAB ΔE ≥ 20) under simulated protanopia,
 * deuteranopia and tritanopia, and every colour reads as text on both wall backgrounds
 * (WCAG 2.x ≥ 4.5:1); `palette.test.ts` checks both, so an edit that breaks either fails.
 */

/** Background of the whole wall. */
export const WALL_BACKGROUND = '#0b1220';
/** Background of a panel on the wall. */
export const PANEL_BACKGROUND = '#111c2f';

/** Colour roles of status: what the duty shift tells apart at a glance. */
export type StatusColorRole = 'on_time' | 'at_risk' | 'overdue' | 'accident_active' | 'resolved';

/** Status colours (`#rrggbb`); each is also legible as text on both backgrounds. */
export const STATUS_COLORS: Readonly<Record<StatusColorRole, string>> = {
  on_time: '#33BBEE',
  at_risk: '#F0E442',
  overdue: '#EE7733',
  accident_active: '#FF3D7F',
  resolved: '#A9B2C0',
};

/** Text colours on the wall and panel backgrounds. */
export const TEXT_COLORS = {
  /** Figures and titles. */
  primary: '#E8EDF5',
  /** Labels and secondary lines. */
  secondary: '#B4C0D3',
  /** Captions, timestamps, «обновлено N с назад». */
  muted: '#8D9AB0',
} as const;

/** The wall's palettes: `day`, and `night` for a darkened control room (issue 18). */
export type PaletteName = 'day' | 'night';
export const PALETTE_NAMES: readonly PaletteName[] = ['day', 'night'];

/** The surfaces and text of one palette; status colours are the same in both (`STATUS_COLORS`). */
export interface SurfacePalette {
  /** Background of the whole wall. */
  readonly background: string;
  /** Background of a panel. */
  readonly panel: string;
  /** Rules between rows and panel borders (not text). */
  readonly rule: string;
  readonly text: { readonly primary: string; readonly secondary: string; readonly muted: string };
}

/**
 * Day and night. At night the backgrounds go darker and the text dimmer (text has about
 * 60 % of the day's luminance; muted text can go no lower and keep 4.5:1 on a panel), while
 * every text colour keeps its contrast class on both backgrounds: primary ≥ 7:1, secondary and muted ≥ 4.5:1
 * (WCAG AA, what axe checks; on a near-black background the ratio is mostly the flare term,
 * so the same ratio cannot be kept with any real dimming). Status and alarm colours do not
 * change: an alarm reads the same at 3 a.m. as at noon (and gains contrast on the darker ground).
 */
export const PALETTES: Readonly<Record<PaletteName, SurfacePalette>> = {
  day: { background: WALL_BACKGROUND, panel: PANEL_BACKGROUND, rule: '#22324d', text: TEXT_COLORS },
  night: { background: '#05080f', panel: '#0a101c', rule: '#1a2438', text: { primary: '#B5BDCA', secondary: '#8C96A8', muted: '#768294' } },
};

/** Every status the wall draws: the SLA states of appeals and the two states of accidents. */
export type WallStatus = 'on_time' | 'at_risk' | 'overdue' | 'extended' | 'intermediate' | 'closed' | 'accident_active' | 'resolved';

/** The non-colour cue of a status: a glyph (shape) and a short Russian word. */
export interface StatusCue {
  readonly glyph: string;
  readonly label: string;
  readonly color: string;
}

const CUES: Readonly<Record<WallStatus, StatusCue>> = {
  on_time: { glyph: '●', label: 'В срок', color: STATUS_COLORS.on_time },
  at_risk: { glyph: '▲', label: 'Срок истекает', color: STATUS_COLORS.at_risk },
  overdue: { glyph: '■', label: 'Просрочено', color: STATUS_COLORS.overdue },
  // Postponed items are still within their (new) deadline: the on-time colour, their own shape.
  extended: { glyph: '◇', label: 'Срок продлён', color: STATUS_COLORS.on_time },
  intermediate: { glyph: '◐', label: 'Промежуточный ответ', color: STATUS_COLORS.on_time },
  closed: { glyph: '✕', label: 'Закрыто', color: STATUS_COLORS.resolved },
  accident_active: { glyph: '◆', label: 'Авария', color: STATUS_COLORS.accident_active },
  resolved: { glyph: '✓', label: 'Устранено', color: STATUS_COLORS.resolved },
};

/**
 * The glyph, Russian word and colour of a status, so status is never colour alone: the glyphs
 * differ in shape (circle, triangle, square, diamond, cross…), not only in fill.
 * @example statusGlyph('overdue') → { glyph: '■', label: 'Просрочено', color: '#EE7733' }
 */
export function statusGlyph(status: WallStatus): StatusCue {
  return CUES[status];
}

/** Every wall status, in legend order. */
export const WALL_STATUSES: readonly WallStatus[] = ['on_time', 'at_risk', 'overdue', 'extended', 'intermediate', 'closed', 'accident_active', 'resolved'];

/** Trend arrows (ratings, sectors): arrows, not triangles, so they never read as «at risk». */
export const TREND_GLYPHS: Readonly<Record<'up' | 'down' | 'flat' | 'new', string>> = { up: '↑', down: '↓', flat: '→', new: '•' };

/** Linear-light channel value of an sRGB channel 0–255 (WCAG 2.x relative luminance). */
function channel(c: number): number {
  const s = c / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

/** Parses `#rrggbb` or `#rgb` into [r, g, b] 0–255; throws a RangeError on anything else. */
export function parseHex(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex);
  if (!m) throw new RangeError(`not a #rrggbb colour: ${hex}`);
  const h = m[1]!.length === 3 ? [...m[1]!].map((c) => c + c).join('') : m[1]!;
  const n = parseInt(h, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** WCAG 2.x relative luminance of a `#rrggbb` colour, 0 (black) – 1 (white). */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = parseHex(hex);
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/**
 * WCAG 2.x contrast ratio of two colours, 1–21: (L₁ + 0.05) / (L₂ + 0.05) with L₁ the lighter.
 * Symmetric. Body text needs ≥ 4.5 (WCAG 1.4.3 AA), which is also what axe-core checks.
 */
export function contrastRatio(fg: string, bg: string): number {
  const a = relativeLuminance(fg);
  const b = relativeLuminance(bg);
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}
