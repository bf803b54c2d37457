import { describe, expect, it, vi } from 'vitest';
import { devToolsAllowed, guardWebContents, hardenSession, navigationAllowed, permissionAllowed, WALL_PERMISSIONS } from './web-guard';

const HUB = 'http://127.0.0.1:8400';
const silent = () => ({ info: vi.fn(), warn: vi.fn(), error: vi.fn() });

function fakeSession() {
  const s = {
    request: undefined as undefined | ((wc: unknown, permission: string, cb: (granted: boolean) => void) => void),
    check: undefined as undefined | ((wc: unknown, permission: string, ...rest: unknown[]) => boolean),
    headers: undefined as undefined | ((details: { responseHeaders?: Record<string, string[]> }, cb: (r: unknown) => void) => void),
    setPermissionRequestHandler: vi.fn((fn) => (s.request = fn)),
    setPermissionCheckHandler: vi.fn((fn) => (s.check = fn)),
    webRequest: { onHeadersReceived: vi.fn((fn) => (s.headers = fn)) },
  };
  return s;
}

type Listener = (...args: unknown[]) => unknown;
/** A web contents as the guard sees it: events, the window-open handler and its session. */
function fakeContents(session = fakeSession()) {
  const listeners = new Map<string, Listener[]>();
  return {
    session,
    openHandler: undefined as Listener | undefined,
    on: vi.fn((name: string, fn: Listener) => listeners.set(name, [...(listeners.get(name) ?? []), fn])),
    setWindowOpenHandler(fn: Listener) {
      this.openHandler = fn;
    },
    emit(name: string, ...args: unknown[]) {
      for (const fn of listeners.get(name) ?? []) fn(...args);
    },
    count: (name: string) => listeners.get(name)?.length ?? 0,
  };
}
const navEvent = (url: string) => ({ url, preventDefault: vi.fn() });

describe('the decisions', () => {
  it('navigation only within the hub origin; opaque and other origins never', () => {
    expect(navigationAllowed(`${HUB}/#/wall/main?token=t`, HUB)).toBe(true);
    for (const url of [
      'https://evil.example/',
      'http://127.0.0.1:8401/',
      'https://127.0.0.1:8400/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,x',
      'about:blank',
      '',
    ]) {
      expect(navigationAllowed(url, HUB), url).toBe(false);
    }
  });

  it('navigation also to the other nodes of a hub cluster (layout hubs), and to no other origin', () => {
    const others = ['https://hub-b.cur.local:8400', 'https://cur.example/wall', 'not a url'];
    expect(navigationAllowed('https://hub-b.cur.local:8400/#/wall/main?token=t', HUB, others)).toBe(true);
    expect(navigationAllowed('https://cur.example/wall/#/wall/main', HUB, others)).toBe(true);
    expect(navigationAllowed(`${HUB}/#/wall/main`, HUB, others)).toBe(true);
    for (const url of ['https://hub-b.cur.local:8401/', 'http://hub-b.cur.local:8400/', 'https://evil.example/', 'null', 'data:text/html,x', 'about:blank']) {
      expect(navigationAllowed(url, HUB, others), url).toBe(false);
    }
    expect(navigationAllowed('https://hub-b.cur.local:8400/', HUB)).toBe(false);
  });

  it('grants no permission: the wall needs none', () => {
    expect(WALL_PERMISSIONS).toEqual([]);
    for (const p of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'clipboard-sanitized-write',
      'fullscreen',
      'midi',
      'hid',
      'openExternal',
      'unknown',
    ])
      expect(permissionAllowed(p), p).toBe(false);
  });

  it('developer tools in development (not packaged) only', () => {
    expect(devToolsAllowed(false)).toBe(true);
    expect(devToolsAllowed(true)).toBe(false);
  });
});

describe('guardWebContents (app-wide, on web-contents-created)', () => {
  it('prevents navigation and redirects to any other origin, allows the hub', () => {
    const wc = fakeContents();
    const log = silent();
    guardWebContents(wc as never, HUB, log);
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
    expect(log.warn).toHaveBeenCalledWith('[cur-wall] navigation to https://evil.example/ blocked (not http://127.0.0.1:8400)');
  });

  it('denies window.open and <webview>, and hardens the contents’ session', () => {
    const wc = fakeContents();
    guardWebContents(wc as never, HUB, silent());
    expect(wc.openHandler?.({ url: `${HUB}/popup` })).toEqual({ action: 'deny' });
    expect(wc.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    const e = navEvent('');
    wc.emit('will-attach-webview', e, {}, {});
    expect(e.preventDefault).toHaveBeenCalled();
    expect(wc.session.setPermissionRequestHandler).toHaveBeenCalledTimes(1);
  });

  it('guards each contents once, however often it is called (main and the window factory both do)', () => {
    const session = fakeSession();
    const a = fakeContents(session);
    const b = fakeContents(session);
    guardWebContents(a as never, HUB, silent());
    guardWebContents(a as never, HUB, silent());
    guardWebContents(b as never, HUB, silent());
    expect(a.count('will-navigate')).toBe(1);
    expect(b.count('will-navigate')).toBe(1);
    // One session shared by both: hardened once.
    expect(session.setPermissionRequestHandler).toHaveBeenCalledTimes(1);
  });
});

describe('hardenSession', () => {
  it('denies every permission and adds the CSP to every response, once per session', () => {
    const s = fakeSession();
    const log = silent();
    hardenSession(s as never, HUB, log);
    hardenSession(s as never, HUB, log);
    expect(s.setPermissionRequestHandler).toHaveBeenCalledTimes(1);

    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      const cb = vi.fn();
      s.request?.({}, p, cb);
      expect(cb).toHaveBeenCalledWith(false);
      expect(s.check?.({}, p, HUB, {})).toBe(false);
    }
    expect(log.warn).toHaveBeenCalledWith('[cur-wall] permission «media» denied');
    const cb = vi.fn();
    s.headers?.({ responseHeaders: { 'content-type': ['text/html'] } }, cb);
    const headers = (cb.mock.calls[0]?.[0] as { responseHeaders: Record<string, string[]> }).responseHeaders;
    expect(headers['Content-Security-Policy']?.[0]).toMatch(/^default-src 'self';.*connect-src 'self' http:\/\/127\.0\.0\.1:8400 ws:\/\/127\.0\.0\.1:8400/);
    expect(headers['content-type']).toEqual(['text/html']);
  });
});
