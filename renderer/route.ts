/**
 * Routes of the renderer, from the URL hash: `#/wall/<screenId>` (default `main`),
 * `#/touch`, `#/presenter`, `#/admin[/<document>]`, `#/shift` (the handover, issue 15). `token` and `hub` may come from the query string before the hash
 * or after it (`#/wall/main?token=dev-wall`), so the launcher's one-line URL works as is.
 */
export type Route =
  | { view: 'wall'; screenId: string }
  | { view: 'touch' }
  | { view: 'presenter' }
  /** The curator's admin page (issue 12): `#/admin` or `#/admin/<document>`. */
  | { view: 'admin'; doc: string | null }
  /** The shift handover (issue 15): `#/shift`. */
  | { view: 'shift' }
  | { view: 'unknown'; path: string };

export interface PageParams {
  route: Route;
  token: string | null;
  /** Hub origin; defaults to the page's own origin (the hub serves the renderer). */
  hub: string;
}

/** A page address's parameters: the query, then those after the hash's `?` (which win). */
export function pageParams(href: string): URLSearchParams {
  const url = new URL(href);
  const params = new URLSearchParams(url.search);
  const q = url.hash.indexOf('?');
  if (q >= 0) new URLSearchParams(url.hash.slice(q + 1)).forEach((v, k) => params.set(k, v));
  return params;
}

export function parseLocation(href: string): PageParams {
  const url = new URL(href);
  const hash = url.hash.replace(/^#/, '');
  const q = hash.indexOf('?');
  const path = q >= 0 ? hash.slice(0, q) : hash;
  const params = pageParams(href);

  const parts = path.split('/').filter(Boolean);
  let route: Route;
  if (parts.length === 0 || parts[0] === 'wall') {
    const id = parts[1] ?? 'main';
    route = /^[a-z0-9][a-z0-9-]{0,31}$/.test(id) ? { view: 'wall', screenId: id } : { view: 'unknown', path };
  } else if (parts[0] === 'touch') route = { view: 'touch' };
  else if (parts[0] === 'presenter') route = { view: 'presenter' };
  else if (parts[0] === 'shift') route = { view: 'shift' };
  else if (parts[0] === 'admin') route = { view: 'admin', doc: parts[1] && /^[a-z0-9-]{1,40}$/.test(parts[1]) ? parts[1] : null };
  else route = { view: 'unknown', path };

  let hub = url.origin;
  const hubParam = params.get('hub');
  if (hubParam) {
    try {
      const h = new URL(hubParam);
      if (h.protocol === 'http:' || h.protocol === 'https:') hub = h.origin;
    } catch {
      // keep the page origin; the status line shows the hub in use
    }
  }
  return { route, token: params.get('token'), hub };
}
