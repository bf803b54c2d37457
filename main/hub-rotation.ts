/**
 * Which hub node a window loads its page from (issue 16, a hub cluster). The page is served by
 * the hub (`buildWallUrl`): `${base}/#/<route>?token=…&…&hub=A,B,C`. When a load fails and the
 * layout lists other nodes, the watchdog asks for the next node and main loads
 * {@link nextWallUrl}: the same route and parameters on the next node's base, its `hub=` list
 * rotated so the page's own node comes first (the feed worker starts on the first one).
 * Round-robin over `--hub` then the layout's `hubs`, in that order. Pure: no Electron.
 */
import { parseHubUrl } from './wall-url';

/**
 * The nodes a window may load from: `--hub` first, then the layout's other nodes that passed
 * the transport rule, as bases (`parseHubUrl`), without duplicates. Throws on a bad URL (main
 * has validated every one of them).
 */
export function hubBases(hubUrl: string, otherHubs: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of [hubUrl, ...otherHubs]) {
    const h = parseHubUrl(raw);
    if (!h.ok) throw new Error(h.error);
    if (!out.includes(h.value.base)) out.push(h.value.base);
  }
  return out;
}

/** The index in `bases` of the node `url` is a page of (`${base}/#/…`), or -1. The longest base wins. */
export function hubIndexOf(url: string, bases: readonly string[]): number {
  let best = -1;
  bases.forEach((base, i) => {
    if (url.startsWith(`${base}/#/`) && (best < 0 || base.length > bases[best]!.length)) best = i;
  });
  return best;
}

/**
 * `url` (a page on one of `bases`) moved to `bases[index]`: the same route and parameters, the
 * `hub=` parameter listing every node from `bases[index]` on, round the list. With one node
 * there is no `hub=` (as `buildWallUrl` writes it). Null when `url` is not a page of any of
 * `bases` (the safe screen, a page of an origin not in the layout): it is never moved.
 */
export function wallUrlOnHub(url: string, bases: readonly string[], index: number): string | null {
  const from = hubIndexOf(url, bases);
  if (from < 0 || index < 0 || index >= bases.length) return null;
  const rest = url.slice(`${bases[from]}/#/`.length);
  const q = rest.indexOf('?');
  const route = q < 0 ? rest : rest.slice(0, q);
  const params = (q < 0 ? [] : rest.slice(q + 1).split('&')).filter((p) => p !== '');
  const hub = bases.length > 1 ? `hub=${encodeURIComponent([...bases.slice(index), ...bases.slice(0, index)].join(','))}` : null;
  // In place of the old `hub=`, or last (where buildWallUrl puts it); none with one node.
  const kept = params.flatMap((p) => (p.startsWith('hub=') ? (hub ? [hub] : []) : [p]));
  if (hub && !params.some((p) => p.startsWith('hub='))) kept.push(hub);
  return `${bases[index]}/#/${route}${kept.length ? `?${kept.join('&')}` : ''}`;
}

/**
 * The page to load after a failed load of `url`: the same page on the next node, round-robin.
 * With one node, `url` itself. Null when `url` is not a page of any of `bases` (never moved).
 */
export function nextWallUrl(url: string, bases: readonly string[]): string | null {
  const from = hubIndexOf(url, bases);
  if (from < 0) return null;
  if (bases.length === 1) return url;
  return wallUrlOnHub(url, bases, (from + 1) % bases.length);
}

/** The origins the windows may show and talk to: one per node (`--hub`'s first). */
export function hubOrigins(bases: readonly string[]): string[] {
  const out: string[] = [];
  for (const b of bases) {
    const o = new URL(b).origin;
    if (!out.includes(o)) out.push(o);
  }
  return out;
}
