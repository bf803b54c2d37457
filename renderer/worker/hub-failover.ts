/**
 * A feed connection over a list of hub URLs (issue 16: hub nodes of one cluster). It looks like
 * the one socket the feed worker used before (`on`, `emit`, `close`): the listeners are kept and
 * attached again to each new socket, so the worker's feed logic does not know about nodes.
 *
 * It moves to the next URL when the current one is lost:
 * - the socket disconnects (a hub killed or restarted: at once) or cannot connect;
 * - nothing arrived for `stallFactor` heartbeat intervals (a hub that hangs or is cut off keeps
 *   its TCP connection open; the interval is measured from the heartbeats, `defaultStallMs`
 *   until two have come).
 * The new node sends `feed:hello`; the worker answers with `feed:subscribe {resume: {epoch,
 * seq}}` as after any reconnect, and since the cluster's nodes share the epoch and the log,
 * the missing deltas come without a snapshot. With one URL it behaves like a plain socket that
 * reconnects to the same hub.
 */
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';

type Listener = (...args: never[]) => void;

export interface FailoverOptions {
  /** Hub origins in the order to try; the first is where it starts. */
  hubs: readonly string[];
  /** Namespace, e.g. `wall`. */
  role: string;
  /** socket.io options of every connection (auth, transports). */
  socket?: Partial<ManagerOptions & SocketOptions>;
  /** Silence after which a connected hub counts as lost, before the heartbeat interval is known (default 12 s). */
  defaultStallMs?: number;
  /** Lost after this many heartbeat intervals of silence (default 2.5). */
  stallFactor?: number;
  /** Pause before trying the next hub once every hub failed in a row (default 1 s, doubling to 5 s). */
  retryMs?: number;
  /** Called with the hub in use each time it changes (`data-hub`, the status line). */
  onHub?(hub: string): void;
  /** Makes a socket (tests may pass their own); default socket.io-client's `io`. */
  connect?(url: string, opts: Partial<ManagerOptions & SocketOptions>): Socket;
}

export class HubFailover {
  private readonly listeners: [string, Listener][] = [];
  private socket: Socket | null = null;
  private index = 0;
  /** Hubs tried in a row without one that connected. */
  private failures = 0;
  private lastMessageAt = Date.now();
  private lastHeartbeatAt = 0;
  private heartbeatMs = 0;
  private watchdog: ReturnType<typeof setInterval> | null = null;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  /** How many times it moved to another hub (tests, monitoring). */
  switches = 0;

  constructor(private readonly opts: FailoverOptions) {
    if (opts.hubs.length === 0) throw new Error('HubFailover: no hub URL');
    this.open();
    this.watchdog = setInterval(() => this.checkStall(), 250);
  }

  /** The hub in use now. */
  get hub(): string {
    return this.opts.hubs[this.index]!;
  }

  get connected(): boolean {
    return this.socket?.connected ?? false;
  }

  on(event: string, fn: Listener): this {
    this.listeners.push([event, fn]);
    this.socket?.on(event, fn as never);
    return this;
  }

  emit(event: string, ...args: unknown[]): this {
    this.socket?.emit(event, ...(args as never[]));
    return this;
  }

  close(): this {
    this.closed = true;
    if (this.watchdog) clearInterval(this.watchdog);
    if (this.retry) clearTimeout(this.retry);
    this.drop();
    return this;
  }

  /** Leaves the current hub for the next one (also when the current one only looks lost). */
  next(): void {
    if (this.closed) return;
    this.drop();
    this.index = (this.index + 1) % this.opts.hubs.length;
    this.failures++;
    this.switches++;
    // Every hub failed in a row: wait a little before going round again.
    const round = this.failures >= this.opts.hubs.length;
    const delay = round ? Math.min(5000, (this.opts.retryMs ?? 1000) * 2 ** Math.floor(this.failures / this.opts.hubs.length - 1)) : 0;
    if (delay === 0) return this.open();
    this.retry = setTimeout(() => {
      this.retry = null;
      this.open();
    }, delay);
  }

  private drop(): void {
    const s = this.socket;
    this.socket = null;
    if (!s) return;
    s.removeAllListeners();
    s.offAny();
    s.close();
  }

  private open(): void {
    if (this.closed) return;
    const url = `${this.hub}/${this.opts.role}`;
    const connect = this.opts.connect ?? io;
    // One attempt per hub: on failure the next hub is tried, not this one again.
    const s = connect(url, { ...this.opts.socket, reconnection: false, forceNew: true });
    this.socket = s;
    this.lastMessageAt = Date.now();
    this.lastHeartbeatAt = 0;
    for (const [event, fn] of this.listeners) s.on(event, fn as never);
    s.onAny((event: string) => {
      const t = Date.now();
      this.lastMessageAt = t;
      if (event !== 'feed:heartbeat') return;
      if (this.lastHeartbeatAt) this.heartbeatMs = t - this.lastHeartbeatAt;
      this.lastHeartbeatAt = t;
    });
    s.on('connect', () => {
      this.failures = 0;
      this.opts.onHub?.(this.hub);
    });
    // socket.io calls `disconnect` after the listeners the worker added, which see it first.
    s.on('disconnect', () => queueMicrotask(() => this.socket === s && this.next()));
    s.on('connect_error', () => queueMicrotask(() => this.socket === s && this.next()));
  }

  private checkStall(): void {
    const s = this.socket;
    if (!s?.connected) return;
    const limit = this.heartbeatMs > 0 ? this.heartbeatMs * (this.opts.stallFactor ?? 2.5) : (this.opts.defaultStallMs ?? 12_000);
    if (Date.now() - this.lastMessageAt > limit) this.next();
  }
}
