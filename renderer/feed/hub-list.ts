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

/** When to leave a hub node and how long to wait before the next one (the pure part of a failover link). */
export interface RotationOptions {
  /** Silence after which a connected hub counts as lost, before the heartbeat interval is known (default 12 s). */
  defaultStallMs?: number;
  /** Lost after this many heartbeat intervals of silence (default 2.5). */
  stallFactor?: number;
  /** Pause before trying the next hub once every hub failed in a row (default 1 s, doubling to 5 s). */
  retryMs?: number;
}

/**
 * The failover policy over `count` hub nodes, without sockets (issue 16): which node is next,
 * how long to wait before trying it, and when a connected node counts as lost because it went
 * silent. The same rules as the feed worker's link (renderer/worker/hub-failover.ts, which keeps
 * its own copy for now: the worker may import only app/ and its own files); the control pages'
 * link (renderer/control/control-link.ts) uses this one. Times are passed in, so it is testable.
 */
export class HubRotation {
  /** The node in use now (index into the list). */
  index = 0;
  /** How many times it moved to another node. */
  switches = 0;
  /** Nodes tried in a row without one that connected. */
  private failures = 0;
  private lastMessageAt = 0;
  private lastHeartbeatAt = 0;
  private heartbeatMs = 0;

  constructor(
    readonly count: number,
    private readonly opts: RotationOptions = {},
  ) {
    if (count < 1) throw new Error('HubRotation: no hub');
  }

  /** A connection to the current node was opened at `now`: silence counts from here, the heartbeat interval is learnt again. */
  opened(now: number): void {
    this.lastMessageAt = now;
    this.lastHeartbeatAt = 0;
    this.heartbeatMs = 0;
  }

  /** The current node connected: the next failure starts a new round. */
  connected(): void {
    this.failures = 0;
  }

  /** Something arrived from the node at `now`; `heartbeat`: it was a heartbeat (they set the silence limit). */
  message(now: number, heartbeat: boolean): void {
    this.lastMessageAt = now;
    if (!heartbeat) return;
    if (this.lastHeartbeatAt) this.heartbeatMs = now - this.lastHeartbeatAt;
    this.lastHeartbeatAt = now;
  }

  /**
   * The page's clock jumped ahead or the page was suspended (its timers did not run): the
   * silence so far is the clock's, not the node's, so it counts again from `now`, and the
   * heartbeat interval is measured again from the next heartbeat.
   */
  clockJumped(now: number): void {
    this.lastMessageAt = now;
    this.lastHeartbeatAt = 0;
  }

  /** The silence after which a connected node counts as lost, now. */
  stallLimitMs(): number {
    return this.heartbeatMs > 0 ? this.heartbeatMs * (this.opts.stallFactor ?? 2.5) : (this.opts.defaultStallMs ?? 12_000);
  }

  /** True when a connected node has been silent for longer than {@link stallLimitMs}. */
  stalled(now: number): boolean {
    return now - this.lastMessageAt > this.stallLimitMs();
  }

  /**
   * Moves to the next node; returns how long to wait before connecting to it: 0 while some
   * node of this round is untried, then `retryMs` doubling up to 5 s once all failed in a row.
   */
  advance(): number {
    this.index = (this.index + 1) % this.count;
    this.failures++;
    this.switches++;
    if (this.failures < this.count) return 0;
    return Math.min(5000, (this.opts.retryMs ?? 1000) * 2 ** Math.floor(this.failures / this.count - 1));
  }
}
