import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseWallLayout } from '../app/wall/wall-layout';
import { chromiumArgs, launcherWindows, type LauncherWindow } from './launcher';
import { planWindows, type DisplayInfo } from './plan-windows';
import { buildWallUrl } from './wall-url';

const HUB = 'http://127.0.0.1:8400';
const TOKENS = { wall: 'dev-wall', touch: 'dev-touch' };
const json = (name: string): unknown => JSON.parse(readFileSync(join(import.meta.dirname, '..', 'assets', 'walls', name), 'utf8'));
const fhd = (id: number, x: number, y: number): DisplayInfo => ({ id, bounds: { x, y, width: 1920, height: 1080 } });

function plan(layoutJson: unknown, pc: string | null = null) {
  const r = launcherWindows(layoutJson, HUB, TOKENS, pc);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe('launcherWindows', () => {
  it('opens the URLs the Electron main opens for the same screens (viewport and layout parameters)', () => {
    const displays = [fhd(11, 0, 0), fhd(12, 1920, 0), fhd(13, 3840, 0), fhd(14, 0, 1080), fhd(15, 1920, 1080), fhd(16, 3840, 1080), fhd(17, 5760, 0)];
    const parsed = parseWallLayout(json('wall-3x2-touch.json'));
    if (!parsed.ok) throw new Error(parsed.error);
    const electron = planWindows(parsed.value, displays).windows.map((w) => buildWallUrl(HUB, w.view, w.screenId, w.view === 'touch' ? TOKENS.touch : TOKENS.wall, w.viewport, w.params));
    const launcher = plan(json('wall-3x2-touch.json'));
    expect(launcher.windows.map((w) => w.url)).toEqual(electron);
    expect(launcher.windows.find((w) => w.screenId === 'scenes')?.url).toBe(`${HUB}/#/wall/scenes?token=dev-wall&shows=scenes&playlist=default&sound=1&dist=5&pitch=0.63`);
    expect(launcher.windows.find((w) => w.screenId === 'map-4')?.url).toBe(`${HUB}/#/wall/map-4?token=dev-wall&vx=1926&vy=1086&vw=3846&vh=2166&shows=map&dist=5&pitch=0.63`);
    expect(launcher.windows.find((w) => w.screenId === 'touch')?.url).toBe(`${HUB}/#/touch?token=dev-touch&pxmm=3.643`);
    expect(launcher.windows.map((w) => w.at)).toEqual(displays.map((d) => ({ x: d.bounds.x, y: d.bounds.y })));
  });

  it('puts a screen with bounds exactly there, rescaling its viewport to the window', () => {
    const screen = (id: string, col: number, width: number) => ({
      id,
      shows: { type: 'map-region', region: 'r' },
      grid: { col, row: 0 },
      resolution: { width: 1920, height: 1080 },
      sizeMm: { width: 1209.6, height: 680.4 },
      bezelMm: { top: 0, right: 0, bottom: 0, left: 0 },
      bounds: { x: col * width, y: 0, width, height: (width * 9) / 16 },
    });
    const p = plan({ name: 'x', screens: [screen('a', 0, 960), screen('b', 1, 960)] });
    expect(p.windows.map((w) => [w.bounds, w.at])).toEqual([
      [{ x: 0, y: 0, width: 960, height: 540 }, null],
      [{ x: 960, y: 0, width: 960, height: 540 }, null],
    ]);
    expect(p.windows[1]?.url).toBe(`${HUB}/#/wall/b?token=dev-wall&vx=960&vy=0&vw=1920&vh=540&shows=map&dist=4&pitch=1.26`);
  });

  it('opens only one PC’s screens with --pc; without it every PC’s, with a warning', () => {
    expect(plan(json('wall-4x2-two-pcs.json'), 'wall-b').windows.map((w) => w.screenId)).toEqual(['r1c3', 'r1c4', 'r2c3', 'r2c4']);
    const all = plan(json('wall-4x2-two-pcs.json'));
    expect(all.windows).toHaveLength(8);
    expect(all.warnings[0]).toMatch(/opening the screens of every PC/);
    const bad = launcherWindows(json('wall-4x2-two-pcs.json'), HUB, TOKENS, 'wall-c');
    expect(bad.ok ? '' : bad.error).toMatch(/no screens for --pc=wall-c/);
  });

  it('refuses a broken layout, naming the field', () => {
    const r = launcherWindows({ name: 'x', screens: [{ id: 'a', sound: 'yes' }] }, HUB, TOKENS);
    expect(r.ok ? '' : r.error).toMatch(/screens\.0\.sound: ожидается true или false/);
  });
});

describe('chromiumArgs', () => {
  const w = (over: Partial<LauncherWindow>): LauncherWindow => ({ screenId: 'a', view: 'wall', url: `${HUB}/#/wall/a?token=t`, bounds: null, at: null, ...over });
  const o = { profileDir: '/tmp/p', kiosk: false, noSandbox: false };

  it('an app window of exactly the bounds, in its own profile', () => {
    const args = chromiumArgs(w({ bounds: { x: 1920, y: 1080, width: 1920, height: 1080 } }), o);
    expect(args.slice(0, 4)).toEqual(['--user-data-dir=/tmp/p', `--app=${HUB}/#/wall/a?token=t`, '--window-position=1920,1080', '--window-size=1920,1080']);
    expect(args).not.toContain('--no-sandbox');
  });

  it('a kiosk window at a display point goes fullscreen there; an app window is maximised there', () => {
    expect(chromiumArgs(w({ at: { x: 3840, y: 0 } }), { ...o, kiosk: true, noSandbox: true }).slice(0, 4)).toEqual(['--user-data-dir=/tmp/p', '--kiosk', `${HUB}/#/wall/a?token=t`, '--window-position=3840,0']);
    expect(chromiumArgs(w({ at: { x: 3840, y: 0 } }), o)).toContain('--start-maximized');
    expect(chromiumArgs(w({}), { ...o, noSandbox: true })).toEqual(expect.arrayContaining(['--start-maximized', '--no-sandbox', '--test-type']));
  });
});
