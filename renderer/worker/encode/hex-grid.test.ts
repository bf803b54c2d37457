import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hexCell, hexCenter, planeDistanceKm } from './hex-grid';

const lon = fc.double({ min: 45.8, max: 48.5, noNaN: true });
const lat = fc.double({ min: 54.5, max: 56.4, noNaN: true });

describe('hex grid', () => {
  it('puts a point in the cell whose centre is nearest (within the circumradius)', () => {
    fc.assert(
      fc.property(lon, lat, (x, y) => {
        const cell = hexCell(x, y, 2.5);
        const c = hexCenter(cell, 2.5);
        expect(planeDistanceKm([x, y], c)).toBeLessThanOrEqual(2.5 + 1e-9);
        // The centre maps back to its own cell.
        expect(hexCell(c[0], c[1], 2.5)).toBe(cell);
      }),
    );
  });

  it('separates neighbouring cells by √3 × radius', () => {
    const a = hexCenter(hexCell(47.25, 56.13, 2.5), 2.5);
    const b = hexCenter(hexCell(47.25 + 0.06, 56.13, 2.5), 2.5);
    expect(planeDistanceKm(a, b)).toBeCloseTo(Math.sqrt(3) * 2.5, 6);
  });
});
