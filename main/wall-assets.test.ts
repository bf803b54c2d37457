import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWallLayout } from './layout-file';
import { planWindows, type DisplayInfo, type PlannedWindow } from './plan-windows';

// The example layouts shipped in assets/walls/, loaded the way main loads a layout file.
const DIR = join(import.meta.dirname, '..', 'assets', 'walls');
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.json'));
const load = (name: string) => {
  const r = loadWallLayout(join(DIR, name));
  if (!r.layout) throw new Error(r.error ?? 'no layout');
  return r.layout;
};
const fhd = (id: number, x: number, y: number): DisplayInfo => ({ id, bounds: { x, y, width: 1920, height: 1080 } });

describe('assets/walls', () => {
  it('has the three examples', () => {
    expect(FILES.sort()).toEqual(['single.json', 'wall-3x2-touch.json', 'wall-4x2-two-pcs.json']);
  });

  it.each(FILES)('%s is a valid layout', (name) => {
    expect(loadWallLayout(join(DIR, name)).error).toBeNull();
  });

  it('single.json: one wall screen on the one display', () => {
    const plan = planWindows(load('single.json'), [fhd(1, 0, 0)]);
    expect(plan.windows.map((w) => [w.screenId, w.view, w.viewport])).toEqual([['main', 'wall', undefined]]);
  });

  it('wall-3x2-touch.json: a 2×2 map, a panel, a playlist and the touch panel, each on its display', () => {
    const displays = [fhd(11, 0, 0), fhd(12, 1920, 0), fhd(13, 3840, 0), fhd(14, 0, 1080), fhd(15, 1920, 1080), fhd(16, 3840, 1080), fhd(17, 5760, 0)];
    const plan = planWindows(load('wall-3x2-touch.json'), displays);
    expect(plan.skipped).toEqual([]);
    expect(plan.warnings).toEqual([]);
    expect(
      plan.windows.map((w) => [
        w.screenId,
        w.shows?.type,
        w.displayId,
        w.viewport && [w.viewport.offsetX, w.viewport.offsetY, w.viewport.canvasWidth, w.viewport.canvasHeight],
      ]),
    ).toEqual([
      ['map-1', 'map-region', 11, [0, 0, 3846, 2166]],
      ['map-2', 'map-region', 12, [1926, 0, 3846, 2166]],
      ['rating', 'panel', 13, undefined],
      ['map-3', 'map-region', 14, [0, 1086, 3846, 2166]],
      ['map-4', 'map-region', 15, [1926, 1086, 3846, 2166]],
      ['scenes', 'playlist', 16, undefined],
      ['touch', 'touch', 17, undefined],
    ]);
  });

  it('wall-4x2-two-pcs.json: each PC opens its half; together the viewports tile one canvas', () => {
    const layout = load('wall-4x2-two-pcs.json');
    const displays = [fhd(1, 0, 0), fhd(2, 1920, 0), fhd(3, 0, 1080), fhd(4, 1920, 1080)];
    const windows: PlannedWindow[] = [];
    for (const pc of ['wall-a', 'wall-b']) {
      const plan = planWindows(layout, displays, pc);
      expect(plan.skipped).toEqual([]);
      expect(plan.warnings).toEqual([]);
      expect(plan.windows).toHaveLength(4);
      windows.push(...plan.windows);
    }
    // 0.88 mm seams at 0.63 mm/px: columns 1921.4 px apart, rows 1081.4 px apart.
    expect(windows.map((w) => `${w.screenId}@${w.viewport?.offsetX},${w.viewport?.offsetY}`).sort()).toEqual([
      'r1c1@0,0',
      'r1c2@1921,0',
      'r1c3@3843,0',
      'r1c4@5764,0',
      'r2c1@0,1081',
      'r2c2@1921,1081',
      'r2c3@3843,1081',
      'r2c4@5764,1081',
    ]);
    expect(new Set(windows.map((w) => `${w.viewport?.canvasWidth}×${w.viewport?.canvasHeight}`))).toEqual(new Set(['7684×2161']));
  });
});
