/**
 * The one place that creates browser windows, so the security settings of the Electron
 * checklist (https://www.electronjs.org/docs/latest/tutorial/security) are set once and
 * cannot be forgotten by a later feature; window-factory.test.ts proves no other file
 * constructs a window.
 */
import { BrowserWindow, type Rectangle, type Session, type WebPreferences } from 'electron';
import { backoffDelay, nextFailureCount } from './backoff';
import { buildCsp, withCspHeader } from './csp';
import type { Logger } from './ipc';
import { hasOrigin } from './wall-url';

/** Web preferences of every window: sandboxed, isolated, no Node, nothing experimental. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    spellcheck: false,
    webviewTag: false,
    navigateOnDragDrop: false,
  };
}

/** Longest wait for the first frame before a window is shown anyway. */
export const REVEAL_FALLBACK_MS = 5_000;

export interface KioskWindowOptions {
  /** Where the window goes (a display's bounds, or a part of one). */
  bounds: Rectangle;
  /** The renderer URL (`buildWallUrl`). */
  url: string;
  /** Absolute path of the bundled preload (`path.join(__dirname, 'preload.cjs')`). */
  preloadPath: string;
  /** The only origin the window may navigate to. */
  hubOrigin: string;
  /**
   * Fullscreen kiosk on its display (default), or a frameless window of exactly `bounds`
   * when the layout splits one display into several screens.
   */
  fullscreen?: boolean;
  log?: Logger;
  /** Clock for the reload backoff (tests). */
  now?: () => number;
}

/**
 * Opens a kiosk window and loads `url`. The window is placed with its bounds first and
 * made fullscreen after that: a window created fullscreen lands on the primary display on
 * some systems (electron#21052), and is cropped to it on others.
 *
 * When the page is lost (renderer crash, or the hub unreachable when the wall boots) the
 * window loads `url` again after `backoffDelay` (1 s, 2 s, 4 s, … 60 s).
 */
export function createKioskWindow(opts: KioskWindowOptions): BrowserWindow {
  const { bounds, url, hubOrigin } = opts;
  const fullscreen = opts.fullscreen ?? true;
  const log = opts.log ?? console;
  const now = opts.now ?? Date.now;

  const win = new BrowserWindow({
    ...bounds,
    show: false,
    frame: false,
    autoHideMenuBar: true,
    backgroundColor: '#000000',
    fullscreenable: true,
    webPreferences: {
      ...secureWebPreferences(opts.preloadPath),
      // A wall window is never "in the background": without this Chromium throttles the
      // timers and frames of windows it thinks are occluded, and the watchdog sees silence.
      backgroundThrottling: false,
    },
  });
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
  wc.on('will-navigate', (event) => {
    if (hasOrigin(event.url, hubOrigin)) return;
    event.preventDefault();
    log.warn(`[cur-wall] navigation to ${event.url} blocked (not ${hubOrigin})`);
  });
  wc.on('will-redirect', (event) => {
    if (hasOrigin(event.url, hubOrigin)) return;
    event.preventDefault();
    log.warn(`[cur-wall] redirect to ${event.url} blocked (not ${hubOrigin})`);
  });
  wc.setWindowOpenHandler(({ url: target }) => {
    log.warn(`[cur-wall] window.open(${target}) denied`);
    return { action: 'deny' };
  });
  wc.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('[cur-wall] <webview> blocked');
  });
  // A sandboxed preload that fails leaves `window.kiosk` undefined with no error in the page.
  wc.on('preload-error', (_event, preloadPath, error) => log.error(`[cur-wall] preload ${preloadPath} failed: ${error.message}`));
  // A `beforeunload` handler must never keep a wall from reloading.
  wc.on('will-prevent-unload', (event) => event.preventDefault());

  // Reload with backoff when the page is lost.
  let failures = 0;
  let loadedAt = now();
  let retry: ReturnType<typeof setTimeout> | undefined;
  const load = (): void => {
    loadedAt = now();
    // The promise also rejects on load failure; `did-fail-load` below handles that.
    win.loadURL(url).catch(() => undefined);
  };
  const scheduleReload = (why: string): void => {
    if (retry !== undefined || win.isDestroyed()) return;
    failures = nextFailureCount(failures, now() - loadedAt);
    const delay = backoffDelay(failures - 1);
    log.warn(`[cur-wall] ${url}: ${why}; reloading in ${delay} ms (failure ${failures})`);
    retry = setTimeout(() => {
      retry = undefined;
      if (!win.isDestroyed()) load();
    }, delay);
  };
  wc.on('render-process-gone', (_event, details) => {
    if (details.reason !== 'clean-exit') scheduleReload(`renderer gone (${details.reason})`);
  });
  wc.on('did-fail-load', (_event, errorCode, errorDescription, _validatedUrl, isMainFrame) => {
    // -3 = ERR_ABORTED: a navigation replaced by another, not a failure.
    if (isMainFrame && errorCode !== -3) scheduleReload(`load failed (${errorCode} ${errorDescription})`);
  });
  win.on('closed', () => {
    clearTimeout(retry);
    clearTimeout(revealTimer);
  });

  load();
  return win;
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

const hardened = new WeakSet<Session>();

/**
 * Session-wide guards, applied once per session before any window loads: every permission
 * request is denied (camera, notifications, geolocation… the wall needs none), every
 * permission check fails, and every response gets our CSP (`buildCsp`).
 */
export function hardenSession(ses: Session, hubOrigin: string): void {
  if (hardened.has(ses)) return;
  hardened.add(ses);
  ses.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  const csp = buildCsp(hubOrigin);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCspHeader(details.responseHeaders, csp) });
  });
}
