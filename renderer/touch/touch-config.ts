/**
 * The touch panel's physical settings. Targets are sized in millimetres on the configured
 * panel (issue 7: ≥ 15 mm), so the CSS size follows from the panel's pixels per millimetre.
 * At the CSS reference of 96 px per inch that is 96 / 25.4 ≈ 3.78 px/mm, so 15 mm ≥ 57 px.
 */
import { pageParams } from '../route';

/** CSS px per mm at 96 dpi. */
export const DEFAULT_PX_PER_MM = 96 / 25.4;
/** Smallest touch target, mm. */
export const MIN_TARGET_MM = 15;
/** Back to the republic after this long without a touch, ms. */
export const IDLE_RESET_MS = 3 * 60_000;

/** The smallest target in CSS px for a panel of `pxPerMm`. */
export function targetPx(pxPerMm: number = DEFAULT_PX_PER_MM): number {
  return Math.ceil(MIN_TARGET_MM * pxPerMm);
}

/**
 * `pxPerMm` from a page address (`…#/touch?token=…&pxmm=4.2`), for the launcher of a panel
 * whose CSS pixel is not 1/96 inch; out-of-range values are ignored.
 */
export function pxPerMmFromHref(href: string): number | undefined {
  const v = Number(pageParams(href).get('pxmm'));
  return Number.isFinite(v) && v >= 1 && v <= 20 ? v : undefined;
}
