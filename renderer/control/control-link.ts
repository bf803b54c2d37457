/**
 * The control pages' connection over a list of hub nodes (issue 16): the touch panel's and the
 * presenter's socket moves to the next node when its node is lost, as the wall's feed worker
 * does (the same policy: renderer/feed/hub-list.ts `HubRotation`):
 * - the socket disconnects or cannot connect (a node killed or restarted): at once;
 * - nothing arrived for 2.5 heartbeat intervals (a node that hangs with its TCP open).
 * The listeners are kept and attached again to each new socket. Unlike the worker's link it
 * tells its owner when a connection ends (`onLost`: commands in flight there have an unknown
 * fate) and when a new one is up (`onUp`, with the node and whether it is the first), so the
 * control client can fail those commands and ask an officer for the PIN again.
 */
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import { HubRotation, type RotationOptions } from '../feed/hub-list';

type Listener = (...args: never[]) => void;

/** How often the link checks for a silent node. */
const WATCHDOG_MS = 250;
/** A pause between two checks longer than this is a clock jump or a suspended page, not silence. */
const CLOCK_JUMP_MS = 2000;

export interface ControlLinkOptions extends RotationOptions {
  /** Hub origins in the order to try; the first is where it starts. */
  hubs: readonly string[];
  /** Namespace: `touch` or `presenter`. */
  role: string;
  socket?: Partial<ManagerOptions & SocketOptions>;
  /** A connection to `hub` is up; `first`: the page's first connection. */
  onUp?(hub: string, first: boolean): void;
  /** The connection to `hub` ended (lost, silent, refused); `reason` for the status line. */
  onLost?(hub: string, reason: string): void;
  /** Makes a socket (tests may pass their own); default socket.io-client's `io`. */
  connect?(url: string, opts: Partial<ManagerOptions & SocketOptions>): Socket;
  /** The clock (tests); default `Date.now`. */
  now?(): number;
}

export class ControlLink {
  private readonly listeners: [string, Listener][] = [];
  private readonly rotation: HubRotation;
  private socket: Socket | null = null;
  private everUp = false;
  private watchdog: ReturnType<typeof setInterval>;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  private lastTick: number;

  constructor(private readonly opts: ControlLinkOptions) {
    if (opts.hubs.length === 0) throw new Error('ControlLink: no hub URL');
    this.rotation = new HubRotation(opts.hubs.length, opts);
    this.lastTick = this.now();
    this.open();
    this.watchdog = setInterval(() => this.checkStall(), WATCHDOG_MS);
  }

  /** The node in use now (or being connected to). */
  get hub(): string {
    return this.opts.hubs[this.rotation.index]!;
  }

  get connected(): boolean {
    return this.socket?.connected ?? false;
  }

  /** How many times it moved to another node. */
  get switches(): number {
    return this.rotation.switches;
  }

  on(event: string, fn: Listener): this {
    this.listeners.push([event, fn]);
    this.socket?.on(event, fn as never);
    return this;
  }

  /** Sends on the current socket if it is connected; false (nothing sent) otherwise. */
  emit(event: string, ...args: unknown[]): boolean {
    const s = this.socket;
    if (!s?.connected) return false;
    s.emit(event, ...(args as never[]));
    return true;
  }

  close(): void {
    this.closed = true;
    clearInterval(this.watchdog);
    if (this.retry) clearTimeout(this.retry);
    this.drop();
  }

  /** Leaves the current node for the next one. */
  next(reason: string): void {
    if (this.closed) return;
    const was = this.hub;
    this.drop();
    this.opts.onLost?.(was, reason);
    const delay = this.rotation.advance();
    if (delay === 0) return this.open();
    this.retry = setTimeout(() => {
      this.retry = null;
      this.open();
    }, delay);
  }

  private now(): number {
    return this.opts.now?.() ?? Date.now();
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
    const hub = this.hub;
    const connect = this.opts.connect ?? io;
    // One attempt per node: on failure the next node is tried, not this one again.
    const s = connect(`${hub}/${this.opts.role}`, { ...this.opts.socket, reconnection: false, forceNew: true });
    this.socket = s;
    this.rotation.opened(this.now());
    // Ours first: the owner's `connect` listener already sees the new node as in use.
    s.on('connect', () => {
      this.rotation.connected();
      this.rotation.opened(this.now());
      const first = !this.everUp;
      this.everUp = true;
      this.opts.onUp?.(hub, first);
    });
    s.onAny((event: string) => this.rotation.message(this.now(), event === 'feed:heartbeat'));
    for (const [event, fn] of this.listeners) s.on(event, fn as never);
    // After the owner's listeners (which see the event first), leave for the next node.
    s.on('disconnect', (why: string) => queueMicrotask(() => this.socket === s && this.next(`связь потеряна (${why})`)));
    s.on('connect_error', (err: Error) => queueMicrotask(() => this.socket === s && this.next(err.message)));
  }

  private checkStall(): void {
    const now = this.now();
    const sinceTick = now - this.lastTick;
    this.lastTick = now;
    const s = this.socket;
    if (!s?.connected) return;
    // The watchdog runs every 250 ms: a longer pause is the page's clock jumping (NTP, a test's
    // fake clock) or the page suspended, not the node's silence.
    if (sinceTick > CLOCK_JUMP_MS) return this.rotation.clockJumped(now);
    if (this.rotation.stalled(now)) this.next('узел молчит');
  }
}
