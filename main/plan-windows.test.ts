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
    expect(planWindows(null, [])).toEqual({ windows: [], skipped: [] });
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
    const l = layout({ name: '4K пополам', screens: [{ id: 'l', bounds: { x: 0, y: 0, width: 1920, height: 2160 } }, { id: 'r', bounds: { x: 1920, y: 0, width: 1920, height: 2160 } }] });
    const plan = planWindows(l, [{ id: 1, bounds: { x: 0, y: 0, width: 3840, height: 2160 }, primary: true }]);
    expect(plan.windows.map((w) => [w.screenId, w.displayId, w.bounds.x, w.fullscreen])).toEqual([
      ['l', 1, 0, false],
      ['r', 1, 1920, false],
    ]);
  });

  it('property: renumbering and reordering displays never changes where screens go', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 3 }), fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 18, maxLength: 18 }), (cols, rows, ids) => {
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
      }),
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
