/**
 * The hub address and the renderer URL each window loads. The renderer is served by the hub
 * (ARCHITECTURE.md "browser mode is first-class"), so every window's origin is the hub's
 * origin; that origin is what the navigation guard, the CSP and the IPC sender check trust.
 */
import type { CanvasViewport } from '../app/wall/geometry';
import type { ParseResult } from '../app/wall/wall-layout';
import type { WallView } from './plan-windows';
import { screenParamsQuery, type ScreenParams } from './screen-params';

/** A validated hub address. */
export interface HubAddress {
  /** Origin and path without a trailing slash, e.g. `http://127.0.0.1:8400` or `https://cur.example/wall`. */
  base: string;
  /** `http://127.0.0.1:8400`: the only origin windows may show. */
  origin: string;
}

/**
 * Validates a hub URL: http(s) only, no credentials, query or fragment (the fragment is the
 * renderer's route and is ours to set).
 */
export function parseHubUrl(raw: string): ParseResult<HubAddress> {
  const bad = (why: string): ParseResult<HubAddress> => ({ ok: false, error: `Неверный адрес хаба «${raw}» / bad hub URL: ${why}` });
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return bad('не URL / not a URL (expected e.g. http://127.0.0.1:8400)');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return bad(`нужен http или https / must be http(s), got ${url.protocol}`);
  if (url.username || url.password) return bad('без логина и пароля в адресе / no credentials in the URL');
  if (url.search || url.hash) return bad('без ? и # / no query or fragment');
  return { ok: true, value: { base: `${url.origin}${url.pathname.replace(/\/+$/, '')}`, origin: url.origin } };
}

/**
 * The URL a window loads: `${hub}/#/wall/<screenId>?token=…` for a wall screen,
 * `${hub}/#/touch?token=…` for the touch panel. Throws on a hub URL `parseHubUrl` rejects.
 *
 * A wall screen showing part of a spanning map also gets its viewport of the region's
 * virtual canvas, in CSS px: `&vx=<offsetX>&vy=<offsetY>&vw=<canvasWidth>&vh=<canvasHeight>`
 * (the renderer draws the canvas of vw×vh and shows the window-sized rectangle at vx,vy).
 * Then what the layout says about the screen (`screenParams`): `&shows=…&playlist=…&sound=1
 * &dist=…&pitch=…`, or `&pxmm=…` for the touch panel.
 */
export function buildWallUrl(
  hubUrl: string,
  view: WallView,
  screenId: string,
  token: string,
  viewport?: CanvasViewport,
  params?: ScreenParams,
  otherHubs: readonly string[] = [],
): string {
  const hub = parseHubUrl(hubUrl);
  if (!hub.ok) throw new Error(hub.error);
  const route = view === 'touch' ? 'touch' : `wall/${encodeURIComponent(screenId)}`;
  const v = view === 'wall' && viewport ? `&vx=${viewport.offsetX}&vy=${viewport.offsetY}&vw=${viewport.canvasWidth}&vh=${viewport.canvasHeight}` : '';
  // The other nodes of a hub cluster (issue 16): `&hub=` lists every node, this hub first.
  const others = otherHubs.map((h) => {
    const o = parseHubUrl(h);
    if (!o.ok) throw new Error(o.error);
    return o.value.base;
  });
  const hubs = others.length ? `&hub=${encodeURIComponent([hub.value.base, ...others].join(','))}` : '';
  return `${hub.value.base}/#/${route}?token=${encodeURIComponent(token)}${v}${screenParamsQuery(params)}${hubs}`;
}

/**
 * True when `url` parses and has exactly `origin` (the navigation guard's test). Opaque
 * origins (`file:`, `data:`, `javascript:`, `about:` all serialise as `"null"`) never match.
 */
export function hasOrigin(url: string, origin: string): boolean {
  try {
    const actual = new URL(url).origin;
    return actual !== 'null' && actual === origin;
  } catch {
    return false;
  }
}
