/**
 * Tolerant image comparison for render goldens (pixelmatch): CPU rasterisers differ in a few
 * edge pixels, so a render matches when few of its pixels differ by more than a small colour step.
 */
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';

/**
 * A pixel differs when its colours are further apart than this (pixelmatch's threshold, an OKLab
 * distance where 1 is black against white): about a step of 48 of 255 in one channel of a grey,
 * the hand-written compare's tolerance before. Anti-aliased pixels count like any other.
 */
export const PIXEL_THRESHOLD = 0.2;
/** A render matches when at most this share of its pixels differ. */
export const MAX_DIFF_SHARE = 0.03;

export interface Comparison {
  sameSize: boolean;
  differing: number;
  share: number;
  /** Differing pixels in red over a faded copy of the expected image. */
  diff: Buffer;
}

export function comparePng(actual: Buffer, expected: Buffer): Comparison {
  const a = PNG.sync.read(actual);
  const e = PNG.sync.read(expected);
  if (a.width !== e.width || a.height !== e.height) return { sameSize: false, differing: a.width * a.height, share: 1, diff: actual };
  const out = new PNG({ width: a.width, height: a.height });
  const differing = pixelmatch(e.data, a.data, out.data, a.width, a.height, { threshold: PIXEL_THRESHOLD, includeAA: true, alpha: 0.25 });
  return { sameSize: true, differing, share: differing / (a.width * a.height), diff: PNG.sync.write(out) };
}
