import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseWallLayout, type WallLayout } from '../app/wall/wall-layout';
import { diffWindows, orderDisplays, planWindows, type DisplayInfo, type OpenWindowState } from './plan-windows';

const FHD = { width: 1920, height: 1080 };
const display = (id: number, x: number, y: number, primary = false): DisplayInfo => ({ id, bounds: { x, y, ...FHD }, primary });

function layout(json: unknown): WallLayout {
  const r = parseWallLayout(json);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

/** A wall of three displays in a row, described by bounds. */
const ROW_LAYOUT = layout({
  name: 'Три экрана',
  screens: [
    { id: 'left', bounds: { x: 0, y: 0, ...FHD } },
    { id: 'centre', bounds: { x: 1920, y: 0, ...FHD } },
    { id: 'right', bounds: { x: 3840, y: 0, ...FHD } },
  ],
});

describe('planWindows without a layout', () => {
  it('gives every display a wall screen: the primary is main, the others screen-2… left to right', () => {
    const plan = planWindows(null, [display(7, 3840, 0), display(3, 1920, 0, true), display(9, 0, 0)]);
    expect(plan.skipped).toEqual([]);
    expect(plan.windows.map((w) => [w.screenId, w.displayId, w.bounds.x, w.view, w.fullscreen])).toEqual([
      ['main', 3, 1920, 'wall', true],
      ['screen-2', 9, 0, 'wall', true],
      ['screen-3', 7, 3840, 'wall', true],
    ]);
  });

  it('numbers a 2×2 wall row by row, top to bottom', () => {
    const plan = planWindows(null, [display(1, 1920, 1080), display(2, 0, 1080), display(3, 1920, 0), display(4, 0, 0, true)]);
    expect(plan.windows.map((w) => `${w.screenId}@${w.bounds.x},${w.bounds.y}`)).toEqual([
      'main@0,0',
      'screen-2@1920,0',
      'screen-3@0,1080',
      'screen-4@1920,1080',
    ]);
  });

  it('keeps screens of different heights aligned at the bottom in one row', () => {
    const ordered = orderDisplays([
      { id: 1, bounds: { x: 1920, y: 0, width: 1920, height: 1200 } },
      { id: 2, bounds: { x: 0, y: 120, ...FHD } },
    ]);
    expect(ordered.map((d) => d.id)).toEqual([2, 1]);
  });

  it('calls the first display main when none is marked primary, and plans nothing without displays', () => {
    expect(planWindows(null, [display(5, 1920, 0), display(6, 0, 0)]).windows.map((w) => `${w.screenId}:${w.displayId}`)).toEqual(['main:6', 'screen-2:5']);
    expect(planWindows(null, [])).toEqual({ windows: [], skipped: [], warnings: [] });
  });
});

describe('planWindows with a layout', () => {
  it('puts each screen on the display that contains its centre, whatever the display ids', () => {
    const before = planWindows(ROW_LAYOUT, [display(1, 0, 0, true), display(2, 1920, 0), display(3, 3840, 0)]);
    // After a reboot the OS numbered the displays differently and made another one primary.
    const after = planWindows(ROW_LAYOUT, [display(42, 3840, 0), display(17, 0, 0), display(5, 1920, 0, true)]);
    const placement = (p: typeof before) => p.windows.map((w) => [w.screenId, w.bounds.x, w.fullscreen]);
    expect(placement(before)).toEqual([
      ['left', 0, true],
      ['centre', 1920, true],
      ['right', 3840, true],
    ]);
    expect(placement(after)).toEqual(placement(before));
    expect(after.windows.map((w) => w.displayId)).toEqual([17, 5, 42]);
  });

  it('reports screens whose display is missing instead of guessing', () => {
    const plan = planWindows(ROW_LAYOUT, [display(1, 0, 0, true), display(2, 1920, 0)]);
    expect(plan.windows.map((w) => w.screenId)).toEqual(['left', 'centre']);
    expect(plan.skipped).toHaveLength(1);
    expect(plan.skipped[0]?.screenId).toBe('right');
    expect(plan.skipped[0]?.reason).toMatch(/no display contains/);
  });

  it('gives screens without bounds the n-th display in reading order, and reports the ones left over', () => {
    const l = layout({ name: 'x', screens: [{ id: 'a' }, { id: 'panel', view: 'touch' }, { id: 'c' }] });
    const plan = planWindows(l, [display(8, 1920, 0, true), display(9, 0, 0)]);
    expect(plan.windows.map((w) => [w.screenId, w.view, w.displayId])).toEqual([
      ['a', 'wall', 9],
      ['panel', 'touch', 8],
    ]);
    expect(plan.skipped.map((s) => s.screenId)).toEqual(['c']);
    expect(plan.skipped[0]?.reason).toMatch(/no display #3, 2 connected/);
  });

  it('splits one large display into two screens by bounds, not fullscreen', () => {
    const l = layout({
      name: '4K пополам',
      screens: [
        { id: 'l', bounds: { x: 0, y: 0, width: 1920, height: 2160 } },
        { id: 'r', bounds: { x: 1920, y: 0, width: 1920, height: 2160 } },
      ],
    });
    const plan = planWindows(l, [{ id: 1, bounds: { x: 0, y: 0, width: 3840, height: 2160 }, primary: true }]);
    expect(plan.windows.map((w) => [w.screenId, w.displayId, w.bounds.x, w.fullscreen])).toEqual([
      ['l', 1, 0, false],
      ['r', 1, 1920, false],
    ]);
  });

  it('property: renumbering and reordering displays never changes where screens go', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 18, maxLength: 18 }),
        (cols, rows, ids) => {
          const displays: DisplayInfo[] = [];
          const screens = [];
          for (let r = 0; r < rows; r++) {
            for (let c = 0; c < cols; c++) {
              const bounds = { x: c * 1920, y: r * 1080, ...FHD };
              displays.push({ id: displays.length, bounds });
              screens.push({ id: `s${r}-${c}`, bounds });
            }
          }
          const l = layout({ name: 'grid', screens });
          const shuffled = [...displays].reverse().map((d, i) => ({ ...d, id: ids[i] ?? i, primary: i === 0 }));
          const a = planWindows(l, displays);
          const b = planWindows(l, shuffled);
          expect(b.windows.map((w) => [w.screenId, w.bounds])).toEqual(a.windows.map((w) => [w.screenId, w.bounds]));
          expect(b.skipped).toEqual([]);
        },
      ),
    );
  });
});

describe('diffWindows', () => {
  const state = (x: number, view: 'wall' | 'touch' = 'wall'): OpenWindowState => ({ view, bounds: { x, y: 0, ...FHD }, fullscreen: true });

  it('opens new screens, closes gone ones, moves shifted ones and leaves the rest alone', () => {
    const current = new Map([
      ['main', state(0)],
      ['screen-2', state(1920)],
      ['screen-3', state(3840)],
    ]);
    const plan = planWindows(null, [display(1, 0, 0, true), display(2, 1920, 0, false), { id: 3, bounds: { x: 1920, y: 1080, ...FHD } }, display(4, 0, 1080)]);
    // Now: main@0,0  screen-2@1920,0  screen-3@0,1080  screen-4@1920,1080
    const diff = diffWindows(current, plan.windows);
    expect(diff.close).toEqual([]);
    expect(diff.move.map((p) => p.screenId)).toEqual(['screen-3']);
    expect(diff.open.map((p) => p.screenId)).toEqual(['screen-4']);
    const fewer = diffWindows(current, planWindows(null, [display(1, 0, 0, true)]).windows);
    expect(fewer).toEqual({ open: [], move: [], close: ['screen-2', 'screen-3'] });
  });

  it('reopens a window whose view changed', () => {
    const current = new Map([['panel', state(0, 'wall')]]);
    const diff = diffWindows(current, [{ screenId: 'panel', view: 'touch', bounds: { x: 0, y: 0, ...FHD }, displayId: 1, fullscreen: true }]);
    expect(diff.close).toEqual(['panel']);
    expect(diff.open.map((p) => p.view)).toEqual(['touch']);
  });
});

describe('planWindows: display hints, tolerant to the OS renumbering displays', () => {
  const hinted = layout({
    name: 'hints',
    screens: [
      { id: 'right', display: { point: { x: 1920, y: 0 }, size: FHD } },
      { id: 'left', display: { point: { x: 0, y: 0 } } },
      { id: 'touch', view: 'touch', display: { size: { width: 1280, height: 800 } } },
    ],
  });
  const touchDisplay = (id: number, x: number): DisplayInfo => ({ id, bounds: { x, y: 0, width: 1280, height: 800 } });

  it('finds each display by a point on it, and the touch panel by its size', () => {
    const plan = planWindows(hinted, [display(1, 0, 0, true), display(2, 1920, 0), touchDisplay(3, 3840)]);
    expect(plan.windows.map((w) => [w.screenId, w.displayId, w.fullscreen])).toEqual([
      ['right', 2, true],
      ['left', 1, true],
      ['touch', 3, true],
    ]);
    expect(plan.skipped).toEqual([]);
    expect(plan.warnings).toEqual([]);
  });

  it('property: any renumbering and order of the displays gives the same placement', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 10_000 }), { minLength: 3, maxLength: 3 }), fc.integer({ min: 0, max: 5 }), (ids, rot) => {
        const displays = [display(ids[0]!, 0, 0), display(ids[1]!, 1920, 0), touchDisplay(ids[2]!, 3840)];
        const rotated = [...displays.slice(rot % 3), ...displays.slice(0, rot % 3)];
        const plan = planWindows(hinted, rotated);
        expect(plan.windows.map((w) => [w.screenId, w.bounds.x])).toEqual([
          ['right', 1920],
          ['left', 0],
          ['touch', 3840],
        ]);
      }),
    );
  });

  it('uses a display id only to break ties, and says when a display is not where the layout expects it', () => {
    const l = layout({
      name: 'x',
      screens: [
        { id: 'a', display: { size: FHD, id: 7 } },
        { id: 'b', display: { size: FHD } },
      ],
    });
    expect(planWindows(l, [display(3, 0, 0), display(7, 1920, 0)]).windows.map((w) => [w.screenId, w.displayId])).toEqual([
      ['a', 7],
      ['b', 3],
    ]);
    // The displays were rearranged: the first screen whose point lies on a display gets it;
    // the wall runs, and the installer is told what does not fit.
    const plan = planWindows(hinted, [{ id: 1, bounds: { x: 0, y: 0, width: 2560, height: 1440 } }, display(2, 2560, 0), touchDisplay(3, 4480)]);
    expect(plan.windows.map((w) => w.screenId)).toEqual(['right', 'touch']);
    expect(plan.skipped.map((s) => [s.screenId, s.reason])).toEqual([
      ['left', 'дисплей в точке (0, 0) уже занят другим экраном / the display at (0, 0) is taken by another screen'],
    ]);
    expect(plan.warnings[0]).toMatch(/screen right: the display at \(1920, 0\) is 2560×1440, the layout says 1920×1080/);
    const moved = planWindows(layout({ name: 'x', screens: [{ id: 'a', display: { point: { x: 0, y: 0 }, size: FHD } }] }), [
      { id: 1, bounds: { x: 0, y: 0, width: 2560, height: 1440 } },
    ]);
    expect(moved.warnings[0]).toMatch(/the display at \(0, 0\) is 2560×1440, the layout says 1920×1080/);
    // An id that is gone: warned, and the next display in reading order is taken.
    const gone = planWindows(layout({ name: 'x', screens: [{ id: 'a', display: { id: 99 } }] }), [display(1, 0, 0)]);
    expect(gone.windows.map((w) => w.displayId)).toEqual([1]);
    expect(gone.warnings[0]).toMatch(/no display id 99/);
  });

  it('skips a screen with no display at its point or of its size, instead of guessing', () => {
    const plan = planWindows(hinted, [display(1, 0, 0)]);
    expect(plan.windows.map((w) => w.screenId)).toEqual(['left']);
    expect(plan.skipped.map((s) => s.reason)).toEqual([
      'нет дисплея в точке (1920, 0) / no display at (1920, 0)',
      'нет свободного дисплея 1280×800 / no free display of 1280×800',
    ]);
  });
});

describe('planWindows: several PCs', () => {
  const twoPcs = layout({
    name: '2 ПК',
    screens: [
      { id: 'a1', pc: 'wall-a', display: { point: { x: 0, y: 0 } } },
      { id: 'a2', pc: 'wall-a', display: { point: { x: 1920, y: 0 } } },
      { id: 'b1', pc: 'wall-b', display: { point: { x: 0, y: 0 } } },
    ],
  });
  const displays = [display(1, 0, 0, true), display(2, 1920, 0)];

  it('opens only the screens of this PC', () => {
    expect(planWindows(twoPcs, displays, 'wall-a').windows.map((w) => w.screenId)).toEqual(['a1', 'a2']);
    expect(planWindows(twoPcs, displays, 'wall-b').windows.map((w) => w.screenId)).toEqual(['b1']);
  });

  it('without --pc, or with an unknown one, runs as without a layout and says why', () => {
    for (const pc of [null, 'wall-c']) {
      const plan = planWindows(twoPcs, displays, pc);
      expect(plan.windows.map((w) => w.screenId)).toEqual(['main', 'screen-2']);
      expect(plan.warnings[0]).toMatch(pc ? /no screens for --pc=wall-c; its PCs are wall-a, wall-b/ : /start with --pc=<one of them>/);
    }
  });

  it('a layout that names no PC is driven whole by any PC', () => {
    expect(planWindows(ROW_LAYOUT, [display(1, 0, 0), display(2, 1920, 0), display(3, 3840, 0)], 'whatever').windows).toHaveLength(3);
  });
});

describe('planWindows: viewports of a spanning map', () => {
  const map = (id: string, pc: string, col: number, x: number) => ({
    id,
    pc,
    shows: { type: 'map-region', region: 'chuvashia' },
    grid: { col, row: 0 },
    resolution: FHD,
    sizeMm: { width: 1209.6, height: 680.4 },
    bezelMm: { top: 1.75, right: 1.75, bottom: 1.75, left: 1.75 },
    display: { point: { x, y: 0 } },
  });
  const wall = layout({ name: '4×1 на двух ПК', screens: [map('m1', 'a', 0, 0), map('m2', 'a', 1, 1920), map('m3', 'b', 2, 0), map('m4', 'b', 3, 1920)] });

  it('gives each window its viewport of the one canvas that spans both PCs', () => {
    const a = planWindows(wall, [display(1, 0, 0), display(2, 1920, 0)], 'a');
    const b = planWindows(wall, [display(1, 0, 0), display(2, 1920, 0)], 'b');
    expect([...a.windows, ...b.windows].map((w) => [w.screenId, w.viewport?.offsetX, w.viewport?.canvasWidth])).toEqual([
      ['m1', 0, 7697],
      ['m2', 1926, 7697],
      ['m3', 3851, 7697],
      ['m4', 5777, 7697],
    ]);
    expect(a.warnings).toEqual([]);
  });

  it('rescales the viewport to the window on a display with a scale factor, and warns when the pixels differ from the layout', () => {
    const hidpi = planWindows(
      wall,
      [
        { id: 1, bounds: { x: 0, y: 0, width: 960, height: 540 }, scaleFactor: 2 },
        { id: 2, bounds: { x: 1920, y: 0, width: 960, height: 540 }, scaleFactor: 2 },
      ],
      'a',
    );
    expect(hidpi.windows[0]?.viewport).toEqual({ canvasWidth: 3849, canvasHeight: 540, offsetX: 0, offsetY: 0, width: 960, height: 540 });
    expect(hidpi.warnings).toEqual([]);
    const lowres = planWindows(wall, [{ id: 1, bounds: { x: 0, y: 0, width: 1280, height: 720 } }, display(2, 1920, 0)], 'a');
    expect(lowres.warnings[0]).toMatch(/screen m1: the display has 1280×720 pixels, the layout says 1920×1080; the map is scaled/);
  });

  it('gives each window what the layout says about its screen (params of its URL)', () => {
    const plan = planWindows(wall, [display(1, 0, 0), display(2, 1920, 0)], 'a');
    expect(plan.windows.map((w) => w.params)).toEqual([
      { shows: 'map', dist: 4, pitch: 0.63 },
      { shows: 'map', dist: 4, pitch: 0.63 },
    ]);
    // A 4K panel at 200 %: a window of 1080 CSS px over the 680 mm.
    const hidpi = planWindows(wall, [{ id: 1, bounds: { x: 0, y: 0, width: 960, height: 540 }, scaleFactor: 2 }, display(2, 1920, 0)], 'a');
    expect(hidpi.windows[0]?.params?.pitch).toBe(1.26);
  });

  it('reopens a window whose parameters changed (its URL did)', () => {
    const plan = planWindows(wall, [display(1, 0, 0), display(2, 1920, 0)], 'a');
    const current = new Map(plan.windows.map((w) => [w.screenId, { ...w, params: { ...w.params, sound: true as const } }] as const));
    expect(diffWindows(current, plan.windows).close).toEqual(['m1', 'm2']);
  });

  it('reopens a window whose viewport changed (its URL did)', () => {
    const plan = planWindows(wall, [display(1, 0, 0), display(2, 1920, 0)], 'a');
    const current = new Map(
      plan.windows.map((w) => [w.screenId, { ...w, viewport: w.viewport && { ...w.viewport, offsetX: w.viewport.offsetX + 1 } }] as const),
    );
    const diff = diffWindows(current, plan.windows);
    expect(diff.close).toEqual(['m1', 'm2']);
    expect(diff.open.map((p) => p.screenId)).toEqual(['m1', 'm2']);
    expect(diffWindows(new Map(plan.windows.map((w) => [w.screenId, w] as const)), plan.windows)).toEqual({ open: [], move: [], close: [] });
  });
});
