/**
 * The safe screen: what a wall window shows when its page keeps failing (watchdog.ts). The
 * ЦУР sign, the clock and a calm line of text on the ЦУР blue: a wall in the control room is
 * never white, never black and never a browser error page.
 *
 * Built here as one self-contained HTML document (no file to ship next to main.cjs, no
 * request), loaded as a `data:` URL. Its own CSP allows exactly its inline style and clock
 * script by hash and nothing else: no network, no other script, no form, no frame.
 */
import { createHash } from 'node:crypto';

/** Background of the safe screen: ЦУР blue, neither white nor black. */
export const SAFE_SCREEN_BACKGROUND = '#0f3563';

const STYLE = `
html,body{margin:0;height:100%;background:${SAFE_SCREEN_BACKGROUND};color:#f2f5fa;cursor:none;overflow:hidden;
  font-family:"PT Sans","Liberation Sans","DejaVu Sans",Arial,sans-serif}
body{display:flex;flex-direction:column;align-items:center;justify-content:center;gap:4vh;text-align:center}
svg{width:22vmin;height:22vmin}
.name{font-size:3.2vmin;line-height:1.3;max-width:80vw;opacity:.92}
.clock{font-size:16vmin;font-weight:700;letter-spacing:.04em;font-variant-numeric:tabular-nums}
.date{font-size:4vmin;opacity:.85}
.note{font-size:2.6vmin;opacity:.7;max-width:80vw;line-height:1.4}
`;

/**
 * Keeps the clock and the date current, Moscow time (the region's, UTC+3 all year) whatever the
 * wall PC's time zone or locale: 24-hour clock, Russian date.
 */
const SCRIPT = `
(function () {
  var clock = document.getElementById('clock');
  var date = document.getElementById('date');
  function pad(n) { return (n < 10 ? '0' : '') + n; }
  function draw() {
    var d = new Date(Date.now() + 3 * 3600000);
    clock.textContent = pad(d.getUTCHours()) + ':' + pad(d.getUTCMinutes()) + ':' + pad(d.getUTCSeconds());
    date.textContent = d.toLocaleDateString('ru-RU', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  }
  draw();
  setInterval(draw, 1000);
})();
`;

/** The ЦУР sign: the letters on a white-rimmed blue roundel. */
const SIGN = `<svg viewBox="0 0 200 200" role="img" aria-label="ЦУР">
<circle cx="100" cy="100" r="92" fill="#1d5fa8" stroke="#f2f5fa" stroke-width="8"/>
<text x="100" y="124" text-anchor="middle" font-size="64" font-weight="700" fill="#f2f5fa" font-family="PT Sans, Liberation Sans, DejaVu Sans, Arial, sans-serif">ЦУР</text>
</svg>`;

/** `'sha256-…'` source expression of an inline script or style, as CSP hashes it. */
export function cspHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** The CSP of the safe screen: its own inline style and script by hash, nothing else. */
export function safeScreenCsp(): string {
  return ["default-src 'none'", `script-src ${cspHash(SCRIPT)}`, `style-src ${cspHash(STYLE)}`, "img-src 'none'", "base-uri 'none'", "form-action 'none'"].join(
    '; ',
  );
}

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The safe screen's HTML; `screenId` is shown small, for the engineer on duty. `message`: why
 * the wall page is not shown when that is not a passing failure (e.g. a hub refused by
 * `checkHubTransport`); it replaces «Изображение восстанавливается автоматически».
 */
export function safeScreenHtml(screenId: string, message?: string): string {
  const note = message === undefined ? 'Изображение восстанавливается автоматически' : escapeHtml(message);
  return `<!doctype html>
<html lang="ru"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${safeScreenCsp()}">
<title>ЦУР Чувашии</title>
<style>${STYLE}</style>
</head><body>
${SIGN}
<div class="name">Центр управления регионом<br>Чувашской Республики</div>
<div class="clock" id="clock"></div>
<div class="date" id="date"></div>
<div class="note">${note} · экран ${escapeHtml(screenId)}</div>
<script>${SCRIPT}</script>
</body></html>`;
}

/** The safe screen as a `data:` URL for `webContents.loadURL`. */
export function safeScreenUrl(screenId: string, message?: string): string {
  return `data:text/html;charset=utf-8;base64,${Buffer.from(safeScreenHtml(screenId, message), 'utf8').toString('base64')}`;
}
