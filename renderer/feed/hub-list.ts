/** The hub nodes a page's feed may use (issue 16); the feed worker fails over between them (worker/hub-failover.ts). */
/**
 * The hubs a page's feed tries: `hub` (the page's hub) first, then the other origins of its
 * `hub` parameter (`?hub=https://a:8400,https://b:8400`), in the order after it. Entries that
 * are not http(s) URLs are left out.
 */
export function hubList(hub: string, hubParam: string | null): string[] {
  const all: string[] = [];
  for (const item of (hubParam ?? '').split(',')) {
    try {
      const u = new URL(item.trim());
      if ((u.protocol === 'http:' || u.protocol === 'https:') && !all.includes(u.origin)) all.push(u.origin);
    } catch {
      // not a URL: left out
    }
  }
  const i = all.indexOf(hub);
  return i < 0 ? [hub, ...all] : [...all.slice(i), ...all.slice(0, i)];
}
