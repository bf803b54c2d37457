import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Camera } from './camera';
import { flyPath } from './fly-path';

const camera = fc.record({
  center: fc.tuple(fc.double({ min: 45, max: 49.5, noNaN: true }), fc.double({ min: 54, max: 57, noNaN: true })),
  zoom: fc.double({ min: 5, max: 14, noNaN: true }),
});

describe('flyPath', () => {
  it('starts at the start, ends exactly at the target and never jumps', () => {
    fc.assert(
      fc.property(camera, camera, (from: Camera, to: Camera) => {
        const p = flyPath(from, to, 1920);
        const a = p.at(0);
        expect(a.center[0]).toBeCloseTo(from.center[0], 6);
        expect(a.center[1]).toBeCloseTo(from.center[1], 6);
        expect(a.zoom).toBeCloseTo(from.zoom, 6);
        expect(p.at(1)).toEqual(to);
        let prev = a;
        for (let i = 1; i <= 100; i++) {
          const c = p.at(i / 100);
          expect(Number.isFinite(c.zoom) && Number.isFinite(c.center[0]) && Number.isFinite(c.center[1])).toBe(true);
          // No more than a small step per 1 % of the flight.
          expect(Math.abs(c.zoom - prev.zoom)).toBeLessThan(0.5);
          prev = c;
        }
        expect(p.durationMs).toBeGreaterThanOrEqual(1000);
        expect(p.durationMs).toBeLessThanOrEqual(6000);
      }),
    );
  });

  it('zooms out on the way between two far-apart close-ups', () => {
    const p = flyPath({ center: [46.3, 54.9], zoom: 12 }, { center: [47.3, 56.1], zoom: 12 }, 1920);
    expect(p.at(0.5).zoom).toBeLessThan(10);
  });
});
