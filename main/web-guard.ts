/**
 * App-wide guards of every web contents (Electron security checklist, items 12–15 and 5):
 * main registers {@link guardWebContents} on `app.on('web-contents-created')`, so whatever
 * creates a web contents (our windows, a `<webview>` or popup that slipped through, a future
 * feature) gets the same rules before it loads anything:
 * - navigation and redirects only to the hub's origin, or another node of its cluster (layout
 *   `hubs`, issue 16) (`will-navigate`, `will-redirect`);
 * - `window.open` and links with a target denied (`setWindowOpenHandler`);
 * - `<webview>` never attached (`will-attach-webview`);
 * - its session hardened ({@link hardenSession}): permissions denied except
 *   {@link WALL_PERMISSIONS} (none), and our CSP on every response.
 *
 * The decisions are pure functions; the wiring takes Electron's types only (`import type`),
 * so the tests drive it with small fakes and without the `electron` module.
 */
import type { Session, WebContents } from 'electron';
import { buildCsp, withCspHeader } from './csp';
import type { Logger } from './ipc';
import { hasOrigin } from './wall-url';

/**
 * Permissions a wall page may get. None: the pages draw, play alarm beeps (Web Audio needs no
 * permission) and talk to the hub; camera, microphone, geolocation, notifications, clipboard,
 * fullscreen requests from the page, MIDI, HID… are all refused.
 */
export const WALL_PERMISSIONS: readonly string[] = [];

/**
 * May a page navigate (or be redirected) to `url`? Only within the hub's origin or the origin
 * of one of `otherHubs` (the other nodes of a hub cluster, layout `hubs`, as URLs).
 */
export function navigationAllowed(url: string, hubOrigin: string, otherHubs: readonly string[] = []): boolean {
  return hasOrigin(url, hubOrigin) || otherHubs.some((h) => hasOrigin(url, originOrNull(h)));
}

/** The origin of a hub URL; `"null"` (which no URL has for `hasOrigin`) when it does not parse. */
function originOrNull(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'null';
  }
}

/** May a page have `permission`? Only what {@link WALL_PERMISSIONS} lists. */
export function permissionAllowed(permission: string): boolean {
  return WALL_PERMISSIONS.includes(permission);
}

/**
 * Whether the windows get developer tools: in development only, i.e. when the app runs from a
 * checkout (`electron .`, not packaged). A packaged app (electron-builder, what the wall PCs
 * run) never has them, whatever the environment says; the application menu, which carries
 * their shortcut, is removed in both cases.
 */
export function devToolsAllowed(isPackaged: boolean): boolean {
  return !isPackaged;
}

const guarded = new WeakSet<object>();

/**
 * Applies the app-wide guards to one web contents, once (a second call is a no-op: main calls
 * it from `web-contents-created` and the window factory again for its own windows).
 * `alsoConnect`: the other hub nodes of a cluster (layout `hubs`): a window's page may come from
 * any of them (main moves a page whose load failed to the next node), so navigation to them is
 * allowed and the CSP lets the page connect to them. Read when each event comes.
 */
export function guardWebContents(contents: WebContents, hubOrigin: string, log: Logger = console, alsoConnect: readonly string[] = []): void {
  if (guarded.has(contents)) return;
  guarded.add(contents);
  contents.on('will-navigate', (event) => {
    if (navigationAllowed(event.url, hubOrigin, alsoConnect)) return;
    event.preventDefault();
    log.warn(`[cur-wall] navigation to ${event.url} blocked (not ${hubOrigin})`);
  });
  contents.on('will-redirect', (event) => {
    if (navigationAllowed(event.url, hubOrigin, alsoConnect)) return;
    event.preventDefault();
    log.warn(`[cur-wall] redirect to ${event.url} blocked (not ${hubOrigin})`);
  });
  contents.setWindowOpenHandler(({ url }) => {
    log.warn(`[cur-wall] window.open(${url}) denied`);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('[cur-wall] <webview> blocked');
  });
  hardenSession(contents.session, hubOrigin, log, alsoConnect);
}

const hardened = new WeakSet<Session>();

/**
 * Session-wide guards, applied once per session before any window loads: a permission request
 * is granted only for {@link WALL_PERMISSIONS} (none), every permission check fails the same
 * way, and every response gets our CSP (`buildCsp`).
 */
/** `alsoConnect`: the other hub nodes of a cluster (layout `hubs`), which the feed may connect to. */
export function hardenSession(ses: Session, hubOrigin: string, log: Logger = console, alsoConnect: readonly string[] = []): void {
  if (hardened.has(ses)) return;
  hardened.add(ses);
  ses.setPermissionRequestHandler((_webContents, permission, callback) => {
    const allowed = permissionAllowed(permission);
    if (!allowed) log.warn(`[cur-wall] permission «${permission}» denied`);
    callback(allowed);
  });
  ses.setPermissionCheckHandler((_webContents, permission) => permissionAllowed(permission));
  const csp = buildCsp(hubOrigin, alsoConnect);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCspHeader(details.responseHeaders, csp) });
  });
}
