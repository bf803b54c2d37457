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
    const electron = planWindows(parsed.value, displays).windows.map((w) =>
      buildWallUrl(HUB, w.view, w.screenId, w.view === 'touch' ? TOKENS.touch : TOKENS.wall, w.viewport, w.params),
    );
    const launcher = plan(json('wall-3x2-touch.json'));
    expect(launcher.windows.map((w) => w.url)).toEqual(electron);
    expect(launcher.windows.find((w) => w.screenId === 'scenes')?.url).toBe(
      `${HUB}/#/wall/scenes?token=dev-wall&shows=scenes&playlist=default&sound=1&dist=5&pitch=0.63`,
    );
    expect(launcher.windows.find((w) => w.screenId === 'map-4')?.url).toBe(
      `${HUB}/#/wall/map-4?token=dev-wall&vx=1926&vy=1086&vw=3846&vh=2166&shows=map&dist=5&pitch=0.63`,
    );
    expect(launcher.windows.find((w) => w.screenId === 'touch')?.url).toBe(`${HUB}/#/touch?token=dev-touch&pxmm=3.643`);
    // Each window on its display's point, of its display's size (placed and sized even with no window manager).
    expect(launcher.windows.map((w) => w.rect)).toEqual(displays.map((d) => d.bounds));
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
    expect(p.windows.map((w) => w.rect)).toEqual([
      { x: 0, y: 0, width: 960, height: 540 },
      { x: 960, y: 0, width: 960, height: 540 },
    ]);
    expect(p.windows[1]?.url).toBe(`${HUB}/#/wall/b?token=dev-wall&vx=960&vy=0&vw=1920&vh=540&shows=map&dist=4&pitch=1.26`);
  });

  it('places a screen the layout does not place: the whole desktop for one screen, grid cells of its panel size for more', () => {
    expect(plan(json('single.json')).windows[0]?.rect).toEqual({ x: 0, y: 0, width: 1920, height: 1080 });
    const r = launcherWindows(json('single.json'), HUB, TOKENS, null, { width: 2560, height: 1440 });
    expect(r.ok && r.value.windows[0]?.rect).toEqual({ x: 0, y: 0, width: 2560, height: 1440 });
    const grid = plan({
      name: 'g',
      screens: [
        { id: 'a', grid: { col: 0, row: 0 }, resolution: { width: 1280, height: 720 } },
        { id: 'b', grid: { col: 1, row: 0 }, resolution: { width: 1280, height: 720 } },
      ],
    });
    expect(grid.windows.map((w) => w.rect)).toEqual([
      { x: 0, y: 0, width: 1280, height: 720 },
      { x: 1280, y: 0, width: 1280, height: 720 },
    ]);
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
  const w = (over: Partial<LauncherWindow> = {}): LauncherWindow => ({
    screenId: 'a',
    view: 'wall',
    url: `${HUB}/#/wall/a?token=t`,
    rect: { x: 1920, y: 1080, width: 1920, height: 1080 },
    ...over,
  });
  const o = { profileDir: '/tmp/p', kiosk: false, noSandbox: false };

  it('an app window of exactly its rectangle, in its own profile', () => {
    const args = chromiumArgs(w(), o);
    expect(args.slice(0, 4)).toEqual(['--user-data-dir=/tmp/p', `--app=${HUB}/#/wall/a?token=t`, '--window-position=1920,1080', '--window-size=1920,1080']);
    expect(args).not.toContain('--no-sandbox');
  });

  it('a kiosk window is placed and sized too (no window manager sizes it), never maximised', () => {
    const args = chromiumArgs(w({ rect: { x: 3840, y: 0, width: 1920, height: 1080 } }), { ...o, kiosk: true, noSandbox: true });
    expect(args.slice(0, 5)).toEqual(['--user-data-dir=/tmp/p', '--kiosk', `${HUB}/#/wall/a?token=t`, '--window-position=3840,0', '--window-size=1920,1080']);
    expect(args).toEqual(expect.arrayContaining(['--no-sandbox', '--test-type']));
    expect(args).not.toContain('--start-maximized');
  });

  it('draws with WebGL that works without a GPU: ANGLE on EGL, SwiftShader as the fallback or on request', () => {
    expect(chromiumArgs(w(), o)).toEqual(expect.arrayContaining(['--use-gl=angle', '--use-angle=gl-egl', '--enable-unsafe-swiftshader']));
    const sw = chromiumArgs(w(), { ...o, gl: 'swiftshader' });
    expect(sw).toEqual(expect.arrayContaining(['--use-angle=swiftshader', '--enable-unsafe-swiftshader']));
    expect(sw).not.toContain('--use-angle=gl-egl');
    expect(chromiumArgs(w(), { ...o, debugPort: 0 }).at(-1)).toBe('--remote-debugging-port=0');
  });
});
