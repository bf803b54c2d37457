import { describe, expect, it } from 'vitest';
import { GestureTracker, zoomView, type GestureAction } from './gestures';

const free = { zone: null, pans: false };

describe('touch gestures', () => {
  it('reads a horizontal swipe to the right as back, and not a tap', () => {
    const g = new GestureTracker();
    g.down(1, 20, 500, free);
    for (let x = 40; x <= 300; x += 20) g.move(1, x, 510);
    expect(g.moved).toBe(true);
    expect(g.up(1)).toEqual({ type: 'swipe-back' });
  });

  it('does not read a vertical scroll, a short move or a leftward swipe as back', () => {
    const g = new GestureTracker();
    const gesture = (pts: [number, number][]): GestureAction | null => {
      g.down(1, pts[0]![0], pts[0]![1], free);
      for (const [x, y] of pts.slice(1)) g.move(1, x, y);
      return g.up(1);
    };
    expect(
      gesture([
        [100, 100],
        [180, 400],
      ]),
    ).toBeNull();
    expect(
      gesture([
        [100, 100],
        [150, 100],
      ]),
    ).toBeNull();
    expect(
      gesture([
        [400, 100],
        [100, 100],
      ]),
    ).toBeNull();
    expect(
      gesture([
        [100, 100],
        [103, 102],
      ]),
    ).toBeNull();
    expect(g.moved).toBe(false);
  });

  it('pinches the zone the fingers started on, and keeps the point under them fixed', () => {
    const g = new GestureTracker();
    g.down(1, 400, 300, { zone: 'map', pans: true });
    g.down(2, 600, 300, { zone: 'list', pans: false });
    g.move(1, 300, 300);
    const a = g.move(2, 700, 300);
    expect(a).toMatchObject({ type: 'pinch', zone: 'map', cx: 500, cy: 300 });
    expect((a as { factor: number }).factor).toBeCloseTo(400 / 300);
    expect(g.up(1)).toBeNull();
    expect(g.up(2)).toBeNull(); // a pinch never ends as a swipe

    const v = zoomView({ scale: 1, tx: 0, ty: 0 }, { factor: 2, cx: 500, cy: 300 });
    expect(v).toEqual({ scale: 2, tx: -500, ty: -300 });
    // The map point under (500, 300) before: (500 − 0)/1; after: (500 − (−500))/2 = 500.
    expect(zoomView(v, { factor: 100, cx: 0, cy: 0 }).scale).toBe(8);
  });

  it('pans a zone that pans with one finger instead of swiping', () => {
    const g = new GestureTracker();
    g.down(1, 100, 100, { zone: 'map', pans: true });
    expect(g.move(1, 105, 100)).toBeNull(); // within the tap slop
    expect(g.move(1, 250, 100)).toEqual({ type: 'pan', zone: 'map', dx: 145, dy: 0 });
    expect(g.up(1)).toBeNull();
  });
});

describe('map colours', () => {
  it('spread positive values over the ramp from the smallest to the largest', async () => {
    const { rampColor, rampRange } = await import('./municipality-shapes');
    const range = rampRange([0, 300, 350, 400]);
    expect(range).toEqual([300, 400]);
    expect(rampColor(0, range)).toBe('#1a2740');
    expect(rampColor(300, range)).toBe('#2b3f5f');
    expect(rampColor(400, range)).toBe('#ee7733');
    expect(rampColor(5, rampRange([5]))).toBe('#ee7733');
  });
});
