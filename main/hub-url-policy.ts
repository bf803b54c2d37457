/**
 * Whether the wall app may talk to its hub over the given address (issue 10 §4, TLS). The
 * wall token travels in the page URL and the socket.io handshake, and the feed carries the
 * region's live data: over plain http/ws they cross the network readable. So a hub on
 * another machine must be https/wss (the hub's `--tls-cert/--tls-key`), unless the wall
 * layout says `"insecure": true` (a closed network the operator vouches for), and then with a
 * warning in the log. A hub on this machine (loopback) is fine either way.
 *
 * Pure: main shows {@link HubTransportDecision.message} on the safe screen instead of the
 * wall page, and does not connect to `/admin` either.
 */

export type HubTransportDecision = { ok: true; warning: string | null } | { ok: false; message: string };

/** `URL.hostname` of a loopback address: `localhost`, 127.0.0.0/8, `[::1]`, `[::ffff:127.x.y.z]`. */
export function isLoopbackHostname(hostname: string): boolean {
  const h = hostname.toLowerCase();
  return h === 'localhost' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || h === '[::1]' || /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(h);
}

/**
 * The decision for `hubUrl` (already validated by `parseHubUrl`). https/wss: always ok;
 * http/ws to loopback: ok; http/ws elsewhere: refused, or allowed with a warning when
 * `insecure` (the layout's flag). Anything unparseable or of another scheme is refused.
 */
export function checkHubTransport(hubUrl: string, insecure: boolean): HubTransportDecision {
  let url: URL;
  try {
    url = new URL(hubUrl);
  } catch {
    return { ok: false, message: `Неверный адрес хаба «${hubUrl}» / bad hub URL` };
  }
  if (url.protocol === 'https:' || url.protocol === 'wss:') return { ok: true, warning: null };
  if (url.protocol !== 'http:' && url.protocol !== 'ws:') {
    return { ok: false, message: `Адрес хаба ${url.origin}: нужен http(s) / hub URL must be http(s), got ${url.protocol}` };
  }
  if (isLoopbackHostname(url.hostname)) return { ok: true, warning: null };
  if (insecure) {
    return {
      ok: true,
      warning:
        `ВНИМАНИЕ: хаб ${url.origin} без шифрования (http/ws), разрешено раскладкой ("insecure": true): токен и данные идут по сети открытым текстом / ` +
        `WARNING: hub ${url.origin} over plain http/ws, allowed by the layout ("insecure": true): the token and the feed cross the network unencrypted`,
    };
  }
  return {
    ok: false,
    message:
      `Хаб ${url.origin} без шифрования: подключение запрещено. Нужен https:// (хаб с --tls-cert и --tls-key) или "insecure": true в раскладке стены. / ` +
      `Refused: hub ${url.origin} over plain http/ws on another machine. Use https:// (hub with --tls-cert and --tls-key) or set "insecure": true in the wall layout.`,
  };
}
