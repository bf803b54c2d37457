/** Tolerant image comparison for render goldens: CPU rasterisers differ in a few edge pixels. */
import { PNG } from 'pngjs';

/** A pixel differs when any channel differs by more than this (0–255). */
export const CHANNEL_TOLERANCE = 48;
/** A render matches when at most this share of its pixels differ. */
export const MAX_DIFF_SHARE = 0.03;

export interface Comparison {
  sameSize: boolean;
  differing: number;
  share: number;
  /** Differing pixels in red over a dimmed copy of the expected image. */
  diff: Buffer;
}

export function comparePng(actual: Buffer, expected: Buffer): Comparison {
  const a = PNG.sync.read(actual);
  const e = PNG.sync.read(expected);
  if (a.width !== e.width || a.height !== e.height) return { sameSize: false, differing: a.width * a.height, share: 1, diff: actual };
  const out = new PNG({ width: a.width, height: a.height });
  let differing = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    let d = 0;
    for (let c = 0; c < 3; c++) d = Math.max(d, Math.abs(a.data[i + c]! - e.data[i + c]!));
    const bad = d > CHANNEL_TOLERANCE;
    if (bad) differing++;
    out.data[i] = bad ? 255 : e.data[i]! >> 2;
    out.data[i + 1] = bad ? 0 : e.data[i + 1]! >> 2;
    out.data[i + 2] = bad ? 0 : e.data[i + 2]! >> 2;
    out.data[i + 3] = 255;
  }
  return { sameSize: true, differing, share: differing / (a.width * a.height), diff: PNG.sync.write(out) };
}
