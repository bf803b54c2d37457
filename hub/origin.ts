/**
 * Which web pages may talk to the hub (issue 10, §4 "Origin"). A browser names the page that
 * makes a request in its `Origin` header; a page of another site (or a site that rebinds its
 * name to this machine) could otherwise use the public development tokens on a loopback hub.
 *
 * Allowed: requests without `Origin` (non-browser clients: the wall PC's main process,
 * ingest sources, monitoring), the hub's own origins (the address it is bound to; on
 * loopback also `localhost`, `127.0.0.1` and `[::1]`; on a wildcard address every address of
 * this machine and its host name), and the origins given with `--allow-origin` (e.g. the DNS
 * name the walls use, or another hub whose pages connect here with `?hub=`). The Electron app
 * loads the renderer from the hub itself, so its windows send the hub's origin; its safe
 * screen is a `data:` page (origin `null`) and makes no request. `null` is never allowed.
 *
 * The hub's own origin is deliberately not taken from the request's `Host` header: a site
 * that rebinds its name to the hub's address sends a matching `Host` and `Origin`.
 */
import { hostname, networkInterfaces } from 'node:os';
import { isLoopback } from './cli-options';

/** `HTTP://Host:80/path` → `http://host`; null for anything that is not an http(s) origin. */
export function normalizeOrigin(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password) return null;
  return url.origin;
}

export interface OriginPolicy {
  /** True when a request with this `Origin` header (undefined: none) may proceed. */
  allows(origin: string | string[] | undefined): boolean;
  /** Every allowed origin, for the log and the refusal message. */
  list(): string[];
}

const WILDCARD = new Set(['0.0.0.0', '::', '']);

/** Host names and addresses the hub can be reached at, bound to `host`. */
function ownHosts(host: string): string[] {
  const bare = host.replace(/^\[|\]$/g, '');
  if (isLoopback(bare)) return ['127.0.0.1', 'localhost', '::1', bare];
  if (!WILDCARD.has(bare)) return [bare];
  const out = ['127.0.0.1', 'localhost', '::1', hostname()];
  for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) out.push(a.address.replace(/%.*$/, ''));
  return out;
}

/**
 * The allowlist for a hub bound to `host`; `port()` is read on each check (a `--port 0` hub
 * knows its port only once it listens).
 */
export function createOriginPolicy(opts: { host: string; port: () => number; allow: readonly string[] }): OriginPolicy {
  const extra = new Set<string>();
  for (const o of opts.allow) {
    const n = normalizeOrigin(o);
    if (!n) throw new Error(`--allow-origin: "${o}" is not an http(s) origin (e.g. https://cur.example:8400)`);
    extra.add(n);
  }
  let cache: { port: number; set: Set<string> } | null = null;
  const all = (): Set<string> => {
    const port = opts.port();
    if (cache?.port === port) return cache.set;
    const set = new Set(extra);
    for (const h of ownHosts(opts.host)) {
      const shown = h.includes(':') ? `[${h}]` : h;
      for (const scheme of ['http', 'https']) {
        const n = normalizeOrigin(`${scheme}://${shown}:${port}`);
        if (n) set.add(n);
      }
    }
    cache = { port, set };
    return set;
  };
  return {
    allows(origin) {
      if (origin === undefined) return true;
      // Several Origin headers are not something a browser sends.
      if (Array.isArray(origin)) return false;
      const n = normalizeOrigin(origin);
      return n !== null && all().has(n);
    },
    list: () => [...all()],
  };
}

/** The refusal every check gives. */
export function originRefusal(origin: string | string[] | undefined): string {
  const shown = String(origin).slice(0, 200);
  return `origin: ${shown} is not allowed to use this hub (start the hub with --allow-origin ${shown} if it should be)`;
}
