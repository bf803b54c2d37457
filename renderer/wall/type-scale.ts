/**
 * The wall's type scale from its viewing distance and pixel pitch (issue 5 «Legibility»,
 * ISO 11064 practice): every character subtends at least 16′ of arc at the duty desk, KPI
 * figures and titles 20′. `minTextPx` gives a capital letter's height in pixels; a CSS font
 * size is larger by the font's cap height (PT Sans: 700/1000 of the em).
 */
import { PALETTES, STATUS_COLORS, type PaletteName } from '../../app/ui/palette';
import { MIN_ARC_MINUTES, PREFERRED_ARC_MINUTES, minTextPx } from '../../app/wall/geometry';

/** Cap height of PT Sans as a share of its em (its OS/2 `sCapHeight` 700 of 1000 units). */
export const CAP_HEIGHT_EM = 0.7;

export interface WallTypeScale {
  /** CSS px of all text (captions included): caps at ≥ 16′. */
  bodyPx: number;
  /** CSS px of KPI figures, the clock and titles: caps at ≥ 20′. */
  kpiPx: number;
  /** Cap heights in px at 16′ and 20′ (what `minTextPx` says). */
  minCapPx: number;
  kpiCapPx: number;
}

/** The type scale for a viewing distance (m) and a pixel pitch (mm). */
export function wallTypeScale(viewingDistanceM: number, pixelPitchMm: number): WallTypeScale {
  const minCapPx = minTextPx(viewingDistanceM, pixelPitchMm, MIN_ARC_MINUTES);
  const kpiCapPx = minTextPx(viewingDistanceM, pixelPitchMm, PREFERRED_ARC_MINUTES);
  return { minCapPx, kpiCapPx, bodyPx: Math.ceil(minCapPx / CAP_HEIGHT_EM), kpiPx: Math.ceil(kpiCapPx / CAP_HEIGHT_EM) };
}

/** Sets the scale as CSS variables (`--fs`, `--fk`) on an element (the page root). */
export function applyTypeScale(el: HTMLElement, s: WallTypeScale): void {
  el.style.setProperty('--fs', `${s.bodyPx}px`);
  el.style.setProperty('--fk', `${s.kpiPx}px`);
  el.dataset.typeScale = `${s.bodyPx}/${s.kpiPx}`;
}

/**
 * Sets the wall's colours from the colour-blind-safe palette of app/ui (one source; its
 * tests hold every text and status colour at ≥ 4.5:1 on both backgrounds of both palettes) as
 * CSS variables, and `data-palette` (`day` | `night`) on the element. The status colours are
 * the same in both palettes.
 */
export function applyPalette(el: HTMLElement, name: PaletteName = 'day'): void {
  const p = PALETTES[name];
  const vars: Record<string, string> = {
    '--c-bg': p.background,
    '--c-panel': p.panel,
    '--c-rule': p.rule,
    '--c-text': p.text.primary,
    '--c-text2': p.text.secondary,
    '--c-muted': p.text.muted,
    // The page's own background (renderer/styles.css) follows the palette too.
    '--bg': p.background,
    '--panel': p.panel,
    '--text': p.text.primary,
    '--c-on-time': STATUS_COLORS.on_time,
    '--c-at-risk': STATUS_COLORS.at_risk,
    '--c-overdue': STATUS_COLORS.overdue,
    '--c-accident': STATUS_COLORS.accident_active,
    '--c-resolved': STATUS_COLORS.resolved,
  };
  for (const [k, v] of Object.entries(vars)) el.style.setProperty(k, v);
  el.dataset.palette = name;
}
