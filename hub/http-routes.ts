/**
 * Plain HTTP side of the hub: `GET /healthz` and the renderer build (browser mode). No
 * framework: a handful of routes, path traversal refused, unknown API paths 404 in JSON.
 * Every file of the renderer goes out with the renderer's Content-Security-Policy
 * (app/protocol/csp.ts, the one Electron main adds too), so a browser-mode wall runs under
 * it as well; its hub is the origin the page was loaded from.
 */
import { createReadStream, statSync } from 'node:fs';
import type { TLSSocket } from 'node:tls';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { buildCsp } from '../app/protocol/csp';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.geojson': 'application/geo+json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.pbf': 'application/x-protobuf',
  '.wav': 'audio/wav',
  '.ico': 'image/x-icon',
};

export interface HttpRoutesDeps {
  /** Folder of the renderer build (`out/renderer`); null serves no UI. */
  staticDir: string | null;
  health: () => object;
  /** Further hubs the pages may connect to (`--allow-origin`). */
  alsoConnect?: readonly string[];
}

/** The CSP for a page served in answer to `req`: its hub is the origin it was loaded from. */
export function cspFor(req: IncomingMessage, alsoConnect: readonly string[] = []): string {
  const scheme = (req.socket as Partial<TLSSocket>).encrypted ? 'https' : 'http';
  const host = req.headers.host ?? '';
  try {
    return buildCsp(`${scheme}://${host}`, alsoConnect);
  } catch {
    // No usable Host header: 'self' alone (which also covers the page's own ws origin in CSP3).
    return buildCsp('http://127.0.0.1', alsoConnect).replace(/connect-src [^;]*/, "connect-src 'self'");
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

/** Resolves a URL path inside `root`, or null when it would escape it or does not exist. */
export function resolveStatic(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const file = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  try {
    const st = statSync(file);
    if (st.isDirectory()) return resolveStatic(root, path.posix.join(decoded, 'index.html'));
    return st.isFile() ? file : null;
  } catch {
    return null;
  }
}

export function createHttpRoutes(deps: HttpRoutesDeps): (req: IncomingMessage, res: ServerResponse) => boolean {
  const root = deps.staticDir ? path.resolve(deps.staticDir) : null;
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://hub');
    if (url.pathname === '/healthz') {
      sendJson(res, 200, deps.health());
      return true;
    }
    if (url.pathname.startsWith('/api/') || url.pathname === '/metrics') return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    if (!root) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Интерфейс не собран: выполните npm run build / renderer build missing');
      return true;
    }
    const file = resolveStatic(root, url.pathname);
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('not found');
      return true;
    }
    const type = MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    // Hashed bundles are immutable; everything else is revalidated.
    const cache = /[/\\]bundle[/\\]/.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache';
    res.writeHead(200, {
      'content-type': type,
      'cache-control': cache,
      'x-content-type-options': 'nosniff',
      'content-security-policy': cspFor(req, deps.alsoConnect),
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
    return true;
  };
}
