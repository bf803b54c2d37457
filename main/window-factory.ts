/**
 * The one place that creates browser windows, so the security settings of the Electron
 * checklist (https://www.electronjs.org/docs/latest/tutorial/security) are set once and
 * cannot be forgotten by a later feature; window-factory.test.ts proves no other file
 * constructs a window.
 */
import { BrowserWindow, type Rectangle } from 'electron';
import type { Logger } from './ipc';
import { safeScreenUrl } from './safe-screen';
import type { WatchdogEvent } from './watchdog';
import { guardWebContents } from './web-guard';

/** Longest wait for the first frame before a window is shown anyway. */
export const REVEAL_FALLBACK_MS = 5_000;

/** Injected as a user style sheet (not subject to the page's CSP) to hide the cursor. */
export const HIDE_CURSOR_CSS = '*, *::before, *::after { cursor: none !important; }';

/** ERR_ABORTED: a navigation replaced by another (our own reload), not a failure. */
const ERR_ABORTED = -3;

export interface KioskWindowOptions {
  /** The wall screen this window shows (for the watchdog's events). */
  screenId: string;
  /** Where the window goes (a display's bounds, or a part of one). */
  bounds: Rectangle;
  /** The renderer URL (`buildWallUrl`). */
  url: string;
  /** Absolute path of the bundled preload (`path.join(__dirname, 'preload.cjs')`). */
  preloadPath: string;
  /** The origin the window may navigate to… */
  hubOrigin: string;
  /** …and the other nodes of a hub cluster (layout `hubs`, URLs): their origins too. */
  otherHubs?: readonly string[];
  /**
   * Fullscreen kiosk on its display (default), or a frameless window of exactly `bounds`
   * when the layout splits one display into several screens.
   */
  fullscreen?: boolean;
  /** Developer tools: development only (`devToolsAllowed(app.isPackaged)`). @default false */
  devTools?: boolean;
  /** Hide the cursor from the start and for good (the touch panel); others hide it when idle. */
  cursorAlwaysHidden?: boolean;
  /** Receives the window's life events (crash, hang, load failure…) for the watchdog. */
  onWatchdogEvent?: (e: WatchdogEvent) => void;
  log?: Logger;
  /** Clock of the events (tests). */
  now?: () => number;
}

/** Per window: whether the cursor should be hidden, and the key of the inserted style sheet. */
const cursorState = new WeakMap<BrowserWindow, { hidden: boolean; key?: Promise<string | undefined> }>();

/**
 * Opens a kiosk window and loads `url`. The window is placed with its bounds first and
 * made fullscreen after that: a window created fullscreen lands on the primary display on
 * some systems (electron#21052), and is cropped to it on others.
 *
 * The web preferences of the security checklist
 * (https://www.electronjs.org/docs/latest/tutorial/security) live here and only here, written
 * out literally so that a reader (and Electronegativity) sees every one of them at the single
 * `new BrowserWindow`; the per-contents guards (navigation, popups, webviews, permissions)
 * are app-wide, in web-guard.ts.
 * Keeping windows alive is the watchdog's job: this factory only reports what happens.
 */
export function createKioskWindow(opts: KioskWindowOptions): BrowserWindow {
  const { bounds, url, hubOrigin, screenId } = opts;
  const fullscreen = opts.fullscreen ?? true;
  const log = opts.log ?? console;
  const now = opts.now ?? Date.now;
  const emit = opts.onWatchdogEvent ?? (() => undefined);

  const win = new BrowserWindow({
    ...bounds,
    show: false,
    frame: false,
    autoHideMenuBar: true,
    backgroundColor: '#000000',
    fullscreenable: true,
    webPreferences: {
      // Reviewed (Electronegativity PRELOAD_JS_CHECK): our own bundled preload, sandboxed, that
      // exposes two fixed-channel functions through contextBridge and nothing else (preload.ts).
      preload: opts.preloadPath, // eng-disable PRELOAD_JS_CHECK
      // Checklist: isolation, sandbox, no Node anywhere, web security on, nothing experimental.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      // Middle-click opens links in new windows: denied anyway, switched off here too.
      disableBlinkFeatures: 'Auxclick',
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      // No developer tools outside development (main: devToolsAllowed(app.isPackaged)).
      devTools: opts.devTools === true,
      // A wall window is never "in the background": without this Chromium throttles the
      // timers and frames of windows it thinks are occluded, and the watchdog sees silence.
      backgroundThrottling: false,
    },
  });
  cursorState.set(win, { hidden: false });

  // Shown on its first frame, or after a few seconds anyway (a page that fails to load
  // never becomes "ready"; a black window is better than the desktop showing through).
  let revealed = false;
  const reveal = (): void => {
    if (revealed || win.isDestroyed()) return;
    revealed = true;
    clearTimeout(revealTimer);
    win.show();
    placeKioskWindow(win, bounds, fullscreen);
  };
  const revealTimer = setTimeout(reveal, REVEAL_FALLBACK_MS);
  win.once('ready-to-show', reveal);

  const wc = win.webContents;
  // Navigation only to the hub, no window.open, no <webview>, session hardened: main applies
  // these app-wide on `web-contents-created`; applied here too (once) so no window lacks them.
  guardWebContents(wc, hubOrigin, log, opts.otherHubs);
  // A sandboxed preload that fails leaves `window.kiosk` undefined with no error in the page.
  wc.on('preload-error', (_event, preloadPath, error) => log.error(`[cur-wall] preload ${preloadPath} failed: ${error.message}`));
  // A `beforeunload` handler must never keep a wall from reloading.
  wc.on('will-prevent-unload', (event) => event.preventDefault());

  // Life events, for the watchdog.
  wc.on('render-process-gone', (_event, details) => emit({ type: 'render-gone', screenId, at: now(), reason: details.reason }));
  wc.on('did-fail-load', (_event, errorCode, errorDescription, _validatedUrl, isMainFrame) => {
    if (isMainFrame && errorCode !== ERR_ABORTED) emit({ type: 'load-failed', screenId, at: now(), detail: `${errorCode} ${errorDescription}` });
  });
  wc.on('did-finish-load', () => {
    // A new document lost the injected style sheet: hide the cursor again if it should be.
    const c = cursorState.get(win);
    if (c) c.key = undefined;
    if (opts.cursorAlwaysHidden || c?.hidden) setCursorHidden(win, true);
    emit({ type: 'loaded', screenId, at: now() });
  });
  wc.on('unresponsive', () => emit({ type: 'unresponsive', screenId, at: now() }));
  wc.on('responsive', () => emit({ type: 'responsive', screenId, at: now() }));
  // `closed` is main's to report: by then another window may show the same screen.
  win.on('closed', () => clearTimeout(revealTimer));

  if (opts.cursorAlwaysHidden) cursorState.set(win, { hidden: true });
  win.loadURL(url).catch(() => undefined); // a failure arrives as `did-fail-load`
  emit({ type: 'opened', screenId, at: now() });
  return win;
}

/**
 * Loads the wall page again. `hard`: the renderer is hung or frozen, so it is crashed
 * first (a hung renderer may never run the unload of a plain reload; Electron's documented
 * recovery is `forcefullyCrashRenderer()` then a load).
 */
export function reloadKioskWindow(win: BrowserWindow, url: string, hard: boolean): void {
  if (win.isDestroyed()) return;
  if (hard) win.webContents.forcefullyCrashRenderer();
  win.loadURL(url).catch(() => undefined);
}

/** Shows the safe screen (the ЦУР sign and the time) in place of the wall page. */
export function showSafeScreen(win: BrowserWindow, screenId: string): void {
  if (win.isDestroyed()) return;
  win.loadURL(safeScreenUrl(screenId)).catch(() => undefined);
}

/**
 * Hides or shows the mouse cursor over a window, by a user style sheet (CSS of the page and
 * its CSP do not apply to it). Kept across reloads by `did-finish-load`.
 */
export function setCursorHidden(win: BrowserWindow, hidden: boolean): void {
  if (win.isDestroyed()) return;
  const state = cursorState.get(win) ?? { hidden: false };
  cursorState.set(win, state);
  state.hidden = hidden;
  const wc = win.webContents;
  if (hidden && !state.key) {
    // Reviewed (Electronegativity DANGEROUS_FUNCTIONS_JS_CHECK): the style sheet is our constant, never page or user input.
    state.key = wc.insertCSS(HIDE_CURSOR_CSS, { cssOrigin: 'user' }).catch(() => undefined); // eng-disable DANGEROUS_FUNCTIONS_JS_CHECK
  } else if (!hidden && state.key) {
    const key = state.key;
    state.key = undefined;
    void key.then((k) => (k && !win.isDestroyed() ? wc.removeInsertedCSS(k) : undefined)).catch(() => undefined);
  }
}

/**
 * Puts a window on `bounds` and (re)applies kiosk mode. Used when a window is first shown
 * and when displays change under it: kiosk mode is left first, since a fullscreen window
 * ignores `setBounds`.
 */
export function placeKioskWindow(win: BrowserWindow, bounds: Rectangle, fullscreen: boolean): void {
  if (win.isDestroyed()) return;
  if (win.isKiosk()) win.setKiosk(false);
  if (win.isFullScreen()) win.setFullScreen(false);
  win.setBounds(bounds);
  if (fullscreen) win.setKiosk(true);
}
