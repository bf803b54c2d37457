import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FakeBrowserWindow } from '../test/support/fake-electron';

// main.ts end to end against a fake `electron` module (the binary cannot run here): the real
// options, layout file, window plan, watchdog, idle cursor and log file, wired as in the app.
const { fake } = await vi.hoisted(() => import('../test/support/fake-electron'));
vi.mock('electron', () => fake.electron);

const layoutPath = join(import.meta.dirname, '..', 'assets', 'walls', 'wall-4x2-two-pcs.json');
const windows = () => fake.FakeBrowserWindow.all.filter((w) => !w.destroyed);
const byScreen = (id: string) => windows().find((w) => w.loaded[0]?.includes(`#/wall/${id}?`))!;
const log = () => readFileSync(join(fake.app.logs, 'cur-wall.log'), 'utf8');
/** Windows whose loads never finish (a hub that accepts the connection and never answers). */
const hanging = new Set<FakeBrowserWindow>();

beforeAll(async () => {
  vi.useFakeTimers({ now: 1_700_000_000_000 });
  vi.spyOn(console, 'info').mockImplementation(() => undefined);
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  fake.app.logs = mkdtempSync(join(tmpdir(), 'cur-main-'));
  // Every page loads (after `loadURL` returns, as in Electron), unless its window hangs.
  fake.FakeBrowserWindow.onLoad = (win) => {
    if (!hanging.has(win)) void Promise.resolve().then(() => win.destroyed || win.webContents.emit('did-finish-load'));
  };
  process.argv = ['/opt/CUR Wall/cur-wall', `--layout=${layoutPath}`, '--pc=wall-b', '--hub=http://127.0.0.1:8400', '--token=dev-wall'];
  await import('./main');
  await vi.advanceTimersByTimeAsync(0);
});
afterAll(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('main (wired against a fake electron)', () => {
  it('opens one window per screen of this PC, on its display, with its viewport of the shared map and the layout’s parameters', () => {
    const rest = 'shows=map&dist=6&pitch=0.63';
    expect(windows().map((w) => [w.options.x, w.options.y, w.loaded[0]])).toEqual([
      [0, 0, `http://127.0.0.1:8400/#/wall/r1c3?token=dev-wall&vx=3843&vy=0&vw=7684&vh=2161&${rest}`],
      [1920, 0, `http://127.0.0.1:8400/#/wall/r1c4?token=dev-wall&vx=5764&vy=0&vw=7684&vh=2161&${rest}`],
      [0, 1080, `http://127.0.0.1:8400/#/wall/r2c3?token=dev-wall&vx=3843&vy=1081&vw=7684&vh=2161&${rest}`],
      [1920, 1080, `http://127.0.0.1:8400/#/wall/r2c4?token=dev-wall&vx=5764&vy=1081&vw=7684&vh=2161&${rest}`],
    ]);
  });

  it('opens windows without developer tools (a packaged app)', () => {
    expect(windows()).toHaveLength(4);
    for (const w of windows()) expect(w.options.webPreferences).toMatchObject({ devTools: false, sandbox: true, contextIsolation: true });
  });

  it('starts Chromium with the Russian locale, whatever the OS locale', () => {
    expect(fake.app.switches).toContainEqual(['lang', 'ru-RU']);
  });

  it('guards every web contents app-wide: its windows once each, and any other contents too', () => {
    for (const w of windows()) expect(w.webContents.listeners.get('will-navigate')).toHaveLength(1);
    // A contents main did not create itself (a webview or popup that slipped through).
    const other = new fake.FakeWebContents();
    fake.app.emit('web-contents-created', {}, other);
    const evil = { url: 'https://evil.example/', preventDefault: vi.fn() };
    other.emit('will-navigate', evil);
    expect(evil.preventDefault).toHaveBeenCalled();
    const hub = { url: 'http://127.0.0.1:8400/#/wall/x', preventDefault: vi.fn() };
    other.emit('will-redirect', hub);
    expect(hub.preventDefault).not.toHaveBeenCalled();
    expect(other.openHandler?.({ url: 'http://127.0.0.1:8400/' })).toEqual({ action: 'deny' });
    const webview = { preventDefault: vi.fn() };
    other.emit('will-attach-webview', webview, {}, {});
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  it('writes its log file', () => {
    expect(log()).toMatch(/INFO \[cur-wall\] 0\.1\.0: hub http:\/\/127\.0\.0\.1:8400, pc wall-b, layout «Стена 4×2/);
    expect(log()).toMatch(/opened r1c3 \(map-region\) on display 41/);
  });

  it('hides the cursor after 3 s without movement and shows it on a move', async () => {
    await vi.advanceTimersByTimeAsync(3_500);
    for (const w of windows()) expect([...w.webContents.css.values()]).toEqual([expect.stringContaining('cursor: none')]);
    fake.cursor.x += 5;
    await vi.advanceTimersByTimeAsync(600);
    for (const w of windows()) expect(w.webContents.css.size).toBe(0);
  });

  it('reloads a crashed screen with backoff, and shows the safe screen after 5 failures', async () => {
    const w = byScreen('r1c4');
    const url = w.loaded[0]!;
    w.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 11 });
    await vi.advanceTimersByTimeAsync(500);
    expect(w.loaded).toHaveLength(1); // not at once: after 1 s (the watchdog ticks every second)
    await vi.advanceTimersByTimeAsync(1_500);
    expect(w.loaded).toEqual([url, url]);
    for (let i = 0; i < 4; i++) {
      w.webContents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 0 });
      await vi.advanceTimersByTimeAsync(20_000);
    }
    expect(w.loaded.at(-1)).toMatch(/^data:text\/html;charset=utf-8;base64,/);
    expect(Buffer.from(w.loaded.at(-1)!.split(',')[1]!, 'base64').toString('utf8')).toContain('экран r1c4');
    // The other screens were left alone.
    expect(byScreen('r1c3').loaded).toHaveLength(1);
    // Two minutes later the wall page is tried again.
    await vi.advanceTimersByTimeAsync(120_000);
    expect(w.loaded.at(-1)).toBe(url);
  });

  it('hard-reloads a screen that stays unresponsive', async () => {
    const w = byScreen('r2c3');
    w.webContents.emit('unresponsive');
    await vi.advanceTimersByTimeAsync(12_000);
    expect(w.webContents.crashed).toBe(1);
    expect(w.loaded).toHaveLength(2);
  });

  it('recreates every window when the GPU process is gone', async () => {
    const before = windows();
    fake.app.emit('child-process-gone', {}, { type: 'GPU', reason: 'crashed', exitCode: 139 });
    await vi.advanceTimersByTimeAsync(0);
    expect(before.every((w) => w.destroyed)).toBe(true);
    expect(windows()).toHaveLength(4);
    expect(windows().map((w) => w.loaded[0]?.split('?')[0])).toEqual(before.map((w) => w.loaded[0]?.split('?')[0]));
  });

  it('re-plans when a display goes away: its screen is closed, the others stay', async () => {
    const kept = windows();
    fake.screen.displays = fake.screen.displays.slice(0, 3);
    fake.screen.emit('display-removed');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(windows().map((w) => w.loaded[0]?.match(/#\/wall\/(\w+)/)?.[1])).toEqual(['r1c3', 'r1c4', 'r2c3']);
    expect(windows().every((w) => kept.includes(w))).toBe(true);
  });

  it('reloads a screen whose page load hangs (a hub that accepts the connection and never answers) after 30 s', async () => {
    const w = byScreen('r1c3');
    const url = w.loaded[0]!;
    hanging.add(w);
    w.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 11 });
    await vi.advanceTimersByTimeAsync(2_000);
    expect(w.loaded).toEqual([url, url]); // reloaded after the crash: this load hangs
    await vi.advanceTimersByTimeAsync(28_000);
    expect(w.loaded).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(4_000);
    expect(w.loaded).toEqual([url, url, url]);
    expect(log()).toMatch(/WARN \[cur-wall\] watchdog: r1c3: load timed out \(no answer within 30 s\); reload in 2 s \(failure 2 within 600 s\)/);
    // The screens whose pages loaded were left alone.
    expect(byScreen('r1c4').loaded).toHaveLength(1);
    hanging.delete(w);
  });
});
