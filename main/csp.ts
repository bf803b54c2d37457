/**
 * The Content-Security-Policy main adds to every response the windows receive (Electron
 * security checklist: "define a CSP"). Main adds it rather than trusting the hub to, so a
 * misconfigured proxy in front of the hub cannot loosen it.
 */

/** `http://h:p` → `ws://h:p`, `https://h:p` → `wss://h:p` (socket.io's WebSocket transport). */
export function wsOriginOf(hubOrigin: string): string {
  const url = new URL(hubOrigin);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`hub origin must be http(s): ${hubOrigin}`);
  return `${url.protocol === 'https:' ? 'wss:' : 'ws:'}//${url.host}`;
}

/**
 * The policy. `style-src 'unsafe-inline'`: maplibre and React set inline styles.
 * `blob:` workers and images: maplibre's worker and tile decoding. `connect-src` names the
 * hub explicitly (and its ws origin) so socket.io works from a worker too.
 */
export function buildCsp(hubOrigin: string): string {
  const origin = new URL(hubOrigin).origin;
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "worker-src 'self' blob:",
    `connect-src 'self' ${origin} ${wsOriginOf(origin)}`,
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

/**
 * Response headers with our policy added. A policy the hub already sent is kept: the browser
 * enforces every policy it receives, so adding ours can only tighten, never loosen.
 */
export function withCspHeader(headers: Readonly<Record<string, string[]>> | undefined, csp: string): Record<string, string[]> {
  const out: Record<string, string[]> = { ...headers };
  const key = Object.keys(out).find((k) => k.toLowerCase() === 'content-security-policy') ?? 'Content-Security-Policy';
  out[key] = [...(out[key] ?? []), csp];
  return out;
}
