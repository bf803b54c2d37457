import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WatchdogEvent } from './watchdog';

// `require('electron')` in plain Node tries to download the binary and throws: this fake
// keeps the options each window was created with and the handlers it was given.
const fake = await vi.hoisted(async () => {
  type Listener = (...args: unknown[]) => unknown;
  const { Emitter } = await import('../test/support/fake-electron');
  class FakeWebContents extends Emitter {
    id = 1;
    readonly session = { setPermissionRequestHandler(): void {}, setPermissionCheckHandler(): void {}, webRequest: { onHeadersReceived(): void {} } };
    openHandler: Listener | undefined;
    crashed = 0;
    css = new Map<string, string>();
    #keys = 0;
    setWindowOpenHandler(fn: Listener): void {
      this.openHandler = fn;
    }
    forcefullyCrashRenderer(): void {
      this.crashed++;
    }
    insertCSS(css: string): Promise<string> {
      const key = `k${++this.#keys}`;
      this.css.set(key, css);
      return Promise.resolve(key);
    }
    removeInsertedCSS(key: string): Promise<void> {
      this.css.delete(key);
      return Promise.resolve();
    }
  }
  class FakeBrowserWindow extends Emitter {
    static created: FakeBrowserWindow[] = [];
    readonly webContents = new FakeWebContents();
    readonly loaded: string[] = [];
    kiosk = false;
    fullScreen = false;
    visible = false;
    bounds: unknown;
    destroyed = false;
    constructor(readonly options: Record<string, unknown>) {
      super();
      FakeBrowserWindow.created.push(this);
    }
    loadURL(url: string): Promise<void> {
      this.loaded.push(url);
      return Promise.resolve();
    }
    isDestroyed(): boolean {
      return this.destroyed;
    }
    show(): void {
      this.visible = true;
    }
    isKiosk(): boolean {
      return this.kiosk;
    }
    setKiosk(on: boolean): void {
      this.kiosk = on;
    }
    isFullScreen(): boolean {
      return this.fullScreen;
    }
    setFullScreen(on: boolean): void {
      this.fullScreen = on;
    }
    setBounds(b: unknown): void {
      this.bounds = b;
    }
  }
  return { FakeBrowserWindow };
});

vi.mock('electron', () => ({ BrowserWindow: fake.FakeBrowserWindow }));

const { createKioskWindow, reloadKioskWindow, setCursorHidden, showSafeScreen, HIDE_CURSOR_CSS, REVEAL_FALLBACK_MS } = await import('./window-factory');

const HUB = 'http://127.0.0.1:8400';
const BOUNDS = { x: 1920, y: 0, width: 1920, height: 1080 };
const silent = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };

function open(extra: Partial<Parameters<typeof createKioskWindow>[0]> = {}) {
  createKioskWindow({
    screenId: 'main',
    bounds: BOUNDS,
    url: `${HUB}/#/wall/main?token=t`,
    preloadPath: '/app/out/main/preload.cjs',
    hubOrigin: HUB,
    log: silent,
    ...extra,
  });
  const win = fake.FakeBrowserWindow.created.at(-1);
  if (!win) throw new Error('no window created');
  return win;
}

/** An Electron navigation event for `url`. */
function navEvent(url: string) {
  return { url, preventDefault: vi.fn() };
}

beforeEach(() => {
  fake.FakeBrowserWindow.created.length = 0;
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** The security checklist's web preferences (https://www.electronjs.org/docs/latest/tutorial/security). */
const SECURE = {
  preload: '/app/out/main/preload.cjs',
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  disableBlinkFeatures: 'Auxclick',
  webviewTag: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
  devTools: false,
};

describe('createKioskWindow', () => {
  it('gives every window the secure preferences, a black frameless kiosk on its bounds, and loads the wall', () => {
    const a = open();
    const b = open({ bounds: { ...BOUNDS, x: 0 }, url: `${HUB}/#/wall/screen-2?token=t` });
    for (const win of [a, b]) {
      expect(win.options.webPreferences).toMatchObject(SECURE);
      expect(win.options.webPreferences).not.toHaveProperty('enableBlinkFeatures');
      expect(win.options).toMatchObject({ frame: false, show: false, backgroundColor: '#000000', autoHideMenuBar: true });
    }
    expect(a.options).toMatchObject(BOUNDS);
    expect(a.loaded).toEqual([`${HUB}/#/wall/main?token=t`]);
    expect(b.loaded).toEqual([`${HUB}/#/wall/screen-2?token=t`]);

    a.emit('ready-to-show');
    expect(a).toMatchObject({ visible: true, kiosk: true, bounds: BOUNDS });
  });

  it('has developer tools only when main asks for them (development)', () => {
    expect(open({ devTools: true }).options.webPreferences).toMatchObject({ devTools: true });
    expect(open({ devTools: false }).options.webPreferences).toMatchObject({ devTools: false });
  });

  it('shows the window even when the page never becomes ready (hub down at boot)', () => {
    const win = open();
    expect(win.visible).toBe(false);
    vi.advanceTimersByTime(REVEAL_FALLBACK_MS);
    expect(win.visible).toBe(true);
  });

  it('stays a plain frameless window when its screen is only part of a display', () => {
    const win = open({ fullscreen: false });
    win.emit('ready-to-show');
    expect(win.kiosk).toBe(false);
    expect(win.bounds).toEqual(BOUNDS);
  });

  it('prevents navigation and redirects to any other origin, allows the hub', () => {
    const wc = open().webContents;
    for (const name of ['will-navigate', 'will-redirect']) {
      for (const url of ['https://evil.example/', 'http://127.0.0.1:8401/', 'file:///etc/passwd', 'javascript:alert(1)']) {
        const e = navEvent(url);
        wc.emit(name, e);
        expect(e.preventDefault, `${name} ${url}`).toHaveBeenCalled();
      }
      const ok = navEvent(`${HUB}/#/wall/main`);
      wc.emit(name, ok);
      expect(ok.preventDefault).not.toHaveBeenCalled();
    }
  });

  it('allows navigation to the other nodes of a hub cluster it is given, and still nowhere else', () => {
    const wc = open({ otherHubs: ['https://hub-b.cur.local:8400'] }).webContents;
    const b = navEvent('https://hub-b.cur.local:8400/#/wall/main');
    const evil = navEvent('https://hub-c.cur.local:8400/#/wall/main');
    wc.emit('will-navigate', b);
    wc.emit('will-navigate', evil);
    expect(b.preventDefault).not.toHaveBeenCalled();
    expect(evil.preventDefault).toHaveBeenCalled();
  });

  it('denies window.open and <webview>', () => {
    const wc = open().webContents;
    expect(wc.openHandler?.({ url: `${HUB}/popup` })).toEqual({ action: 'deny' });
    expect(wc.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    const e = navEvent('');
    wc.emit('will-attach-webview', e, {}, {});
    expect(e.preventDefault).toHaveBeenCalled();
  });

  it('reports crashes, hangs and failed loads to the watchdog, ignoring aborted loads and sub-frames', () => {
    let clock = 100;
    const events: WatchdogEvent[] = [];
    const win = open({ now: () => clock, onWatchdogEvent: (e) => events.push(e) });
    const wc = win.webContents;
    expect(events).toEqual([{ type: 'opened', screenId: 'main', at: 100 }]);
    clock = 200;
    wc.emit('did-fail-load', {}, -3, 'ERR_ABORTED', HUB, true);
    wc.emit('did-fail-load', {}, -102, 'ERR_CONNECTION_REFUSED', HUB, false);
    wc.emit('did-fail-load', {}, -102, 'ERR_CONNECTION_REFUSED', HUB, true);
    wc.emit('did-finish-load');
    wc.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 11 });
    wc.emit('unresponsive');
    wc.emit('responsive');
    expect(events.slice(1)).toEqual([
      { type: 'load-failed', screenId: 'main', at: 200, detail: '-102 ERR_CONNECTION_REFUSED' },
      { type: 'loaded', screenId: 'main', at: 200 },
      { type: 'render-gone', screenId: 'main', at: 200, reason: 'crashed' },
      { type: 'unresponsive', screenId: 'main', at: 200 },
      { type: 'responsive', screenId: 'main', at: 200 },
    ]);
    // The factory never reloads by itself: that is the watchdog's decision.
    vi.advanceTimersByTime(120_000);
    expect(win.loaded).toHaveLength(1);
  });

  it('reloads, hard (renderer crashed first) or soft, and shows the safe screen', () => {
    const win = open();
    reloadKioskWindow(win as never, `${HUB}/#/wall/main?token=t`, false);
    expect(win.webContents.crashed).toBe(0);
    reloadKioskWindow(win as never, `${HUB}/#/wall/main?token=t`, true);
    expect(win.webContents.crashed).toBe(1);
    showSafeScreen(win as never, 'main');
    expect(win.loaded).toHaveLength(4);
    expect(win.loaded[3]).toMatch(/^data:text\/html;charset=utf-8;base64,/);
    win.destroyed = true;
    reloadKioskWindow(win as never, 'x', true);
    showSafeScreen(win as never, 'main');
    expect(win.loaded).toHaveLength(4);
  });

  it('hides the cursor by a user style sheet, keeps it hidden across reloads, shows it again', async () => {
    const win = open();
    const wc = win.webContents;
    setCursorHidden(win as never, true);
    setCursorHidden(win as never, true); // once only
    await vi.runAllTimersAsync();
    expect([...wc.css.values()]).toEqual([HIDE_CURSOR_CSS]);
    // A reload drops the inserted sheet; the factory inserts it again.
    wc.css.clear();
    wc.emit('did-finish-load');
    await vi.runAllTimersAsync();
    expect([...wc.css.values()]).toEqual([HIDE_CURSOR_CSS]);
    setCursorHidden(win as never, false);
    await vi.runAllTimersAsync();
    expect(wc.css.size).toBe(0);
  });

  it('hides the cursor of the touch panel for good, from its first page on', async () => {
    const win = open({ cursorAlwaysHidden: true });
    win.webContents.emit('did-finish-load');
    await vi.runAllTimersAsync();
    expect([...win.webContents.css.values()]).toEqual([HIDE_CURSOR_CSS]);
  });
});

describe('the window factory is the only place windows are created', () => {
  function sources(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const p = join(dir, e.name);
      if (e.isDirectory()) return sources(p);
      return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
    });
  }

  it('finds `new BrowserWindow` in window-factory.ts and nowhere else under main/', () => {
    const dir = import.meta.dirname;
    const offenders = sources(dir)
      .filter((f) => /new\s+BrowserWindow\b/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(dir, f));
    expect(offenders).toEqual(['window-factory.ts']);
  });
});
