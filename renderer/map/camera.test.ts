import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REPUBLIC_BOUNDS } from '../../app/domain/municipality';
import { fitBounds, project, toWindowPixel, unproject, windowCamera, type Camera } from './camera';

const lon = fc.double({ min: 45, max: 49.5, noNaN: true });
const lat = fc.double({ min: 54, max: 57, noNaN: true });
const zoom = fc.double({ min: 5, max: 14, noNaN: true });

describe('camera math', () => {
  it('unproject inverts project', () => {
    fc.assert(
      fc.property(lon, lat, zoom, (x, y, z) => {
        const [a, b] = unproject(project([x, y], z), z);
        expect(a).toBeCloseTo(x, 9);
        expect(b).toBeCloseTo(y, 9);
      }),
    );
  });

  it('fits the republic into a 1920×1080 screen with every corner inside and the box touching one side', () => {
    const cam = fitBounds(REPUBLIC_BOUNDS, 1920, 1080, 24);
    const [w, s, e, n] = REPUBLIC_BOUNDS;
    const [x0, y0] = toWindowPixel([w, n], cam, 1920, 1080);
    const [x1, y1] = toWindowPixel([e, s], cam, 1920, 1080);
    for (const x of [x0, x1]) {
      expect(x).toBeGreaterThanOrEqual(24 - 1e-6);
      expect(x).toBeLessThanOrEqual(1920 - 24 + 1e-6);
    }
    for (const y of [y0, y1]) {
      expect(y).toBeGreaterThanOrEqual(24 - 1e-6);
      expect(y).toBeLessThanOrEqual(1080 - 24 + 1e-6);
    }
    // Height-limited on a landscape screen: top and bottom touch the padding.
    expect(y0).toBeCloseTo(24, 6);
    expect(y1).toBeCloseTo(1080 - 24, 6);
  });

  it('puts every point of a window where the virtual canvas has it (a map spanning screens is seamless)', () => {
    const screen = fc.record({
      cols: fc.integer({ min: 1, max: 4 }),
      rows: fc.integer({ min: 1, max: 3 }),
      w: fc.integer({ min: 640, max: 3840 }),
      h: fc.integer({ min: 360, max: 2160 }),
    });
    fc.assert(
      fc.property(screen, lon, lat, zoom, lon, lat, ({ cols, rows, w, h }, cx, cy, z, px, py) => {
        const camera: Camera = { center: [cx, cy], zoom: z };
        const W = cols * w;
        const H = rows * h;
        const whole = toWindowPixel([px, py], camera, W, H);
        for (let c = 0; c < cols; c++)
          for (let r = 0; r < rows; r++) {
            const win = windowCamera({ canvasWidth: W, canvasHeight: H, offsetX: c * w, offsetY: r * h, camera }, w, h);
            expect(win.zoom).toBe(z);
            const [x, y] = toWindowPixel([px, py], win, w, h);
            expect(x + c * w).toBeCloseTo(whole[0], 4);
            expect(y + r * h).toBeCloseTo(whole[1], 4);
          }
      }),
    );
  });

  it('gives a window that is the whole canvas the canvas camera itself', () => {
    const camera: Camera = { center: [47.2, 55.5], zoom: 8 };
    const win = windowCamera({ canvasWidth: 1920, canvasHeight: 1080, offsetX: 0, offsetY: 0, camera }, 1920, 1080);
    expect(win.center[0]).toBeCloseTo(47.2, 9);
    expect(win.center[1]).toBeCloseTo(55.5, 9);
  });
});
