/**
 * The Content-Security-Policy of the renderer's pages, in one place for both sides that send
 * it: Electron main adds it to every response its windows receive (main/csp.ts), and the hub
 * sends it with the renderer it serves to browser-mode walls (hub/http-routes.ts).
 *
 * What the renderer needs: scripts and styles from its own origin; `style-src 'unsafe-inline'`
 * because maplibre and React set inline styles; `blob:` workers and images for maplibre's
 * worker and tile decoding; `data:` images and fonts; `connect-src` naming the hub and its
 * WebSocket origin (socket.io, also from the feed worker). No eval, no WebAssembly, no
 * plugins, no framing, no forms.
 *
 * Plain string handling: app/ has no URL class (no DOM, no Node).
 */

/** `HTTP://Host:80/path` → `http://host`; throws for anything that is not http(s). */
export function originOf(url: string): string {
  const m = /^(https?):\/\/([^/?#@\s]+)(?:[/?#]|$)/i.exec(url.trim());
  if (!m) throw new Error(`hub origin must be http(s): ${url}`);
  const scheme = m[1]!.toLowerCase();
  let host = m[2]!.toLowerCase();
  if ((scheme === 'http' && host.endsWith(':80')) || (scheme === 'https' && host.endsWith(':443'))) host = host.slice(0, host.lastIndexOf(':'));
  if (!/^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/.test(host)) throw new Error(`hub origin must be http(s): ${url}`);
  return `${scheme}://${host}`;
}

/** `http://h:p` → `ws://h:p`, `https://h:p` → `wss://h:p` (socket.io's WebSocket transport). */
export function wsOriginOf(hubOrigin: string): string {
  const origin = originOf(hubOrigin);
  return origin.startsWith('https:') ? `wss:${origin.slice(6)}` : `ws:${origin.slice(5)}`;
}

/**
 * The policy for pages whose hub is `hubOrigin`; `alsoConnect` names further hubs the page
 * may talk to (a page opened with `?hub=` another hub).
 */
export function buildCsp(hubOrigin: string, alsoConnect: readonly string[] = []): string {
  const connect = [hubOrigin, ...alsoConnect].map(originOf).flatMap((o) => [o, wsOriginOf(o)]);
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "worker-src 'self' blob:",
    `connect-src 'self' ${[...new Set(connect)].join(' ')}`,
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}
