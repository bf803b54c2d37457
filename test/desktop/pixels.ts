/** Pixel statistics of screen captures, for the desktop tests. */
import type { PNG } from 'pngjs';

/** Luminance (0…255, Rec. 709) of a picture, row by row. */
export interface Lum {
  width: number;
  height: number;
  data: Float32Array;
}

export function luminance(png: PNG): Lum {
  const data = new Float32Array(png.width * png.height);
  for (let i = 0; i < data.length; i++) data[i] = 0.2126 * png.data[4 * i]! + 0.7152 * png.data[4 * i + 1]! + 0.0722 * png.data[4 * i + 2]!;
  return { width: png.width, height: png.height, data };
}

export interface Shift {
  /** Mean |Δ luminance| with no shift. */
  aligned: number;
  /** The shift with the smallest mean |Δ|. */
  dx: number;
  dy: number;
  /** The smallest mean |Δ| of any shift other than none. */
  nextBest: number;
}

/**
 * Compares `area` of `ref` with the same-sized area of `img` at `area + at + (dx, dy)`, for
 * every shift up to `range` px each way: which shift matches best, and by how much.
 */
export function bestShift(
  ref: Lum,
  img: Lum,
  area: { x: number; y: number; width: number; height: number },
  at: { x: number; y: number },
  range: number,
): Shift {
  let best = { d: Infinity, dx: 0, dy: 0 };
  let aligned = NaN;
  let nextBest = Infinity;
  for (let dy = -range; dy <= range; dy++) {
    for (let dx = -range; dx <= range; dx++) {
      let sum = 0;
      for (let y = area.y; y < area.y + area.height; y++) {
        const r = y * ref.width;
        const i = (y + at.y + dy) * img.width + at.x + dx;
        for (let x = area.x; x < area.x + area.width; x++) sum += Math.abs(ref.data[r + x]! - img.data[i + x]!);
      }
      const d = sum / (area.width * area.height);
      if (d < best.d) best = { d, dx, dy };
      if (dx === 0 && dy === 0) aligned = d;
      else nextBest = Math.min(nextBest, d);
    }
  }
  return { aligned, dx: best.dx, dy: best.dy, nextBest };
}
