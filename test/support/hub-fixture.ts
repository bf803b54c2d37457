/**
 * Test fixtures: a real hub on port 0 (in-process) and real socket.io clients that follow
 * protocol v1 with the app/ entity store, as a wall would.
 */
import { io, type Socket } from 'socket.io-client';
import type { Entity } from '../../app/domain/entity';
import type { Delta, FeedClientEvents, FeedServerEvents, Hello, Role, Snapshot } from '../../app/protocol/feed';
import { applyDelta, applySnapshotChunk, createEntityStore, onHeartbeat, onHello, type EntityStore, type Outcome } from '../../app/store/entity-store';
import { MemoryFeedLog } from '../../hub/feed-log';
import { startHub, type RunningHub } from '../../hub/start-hub';
import { DEV_TOKENS } from '../../hub/tokens';
import { makeAppeal } from './entities';

export async function startTestHub(
  opts: { staticDir?: string | null; retain?: number; heartbeatMs?: number; now?: () => number } = {},
): Promise<RunningHub & { log: MemoryFeedLog }> {
  const log = new MemoryFeedLog(opts.retain ?? 10_000);
  const running = await startHub({
    host: '127.0.0.1',
    port: 0,
    log,
    tokens: DEV_TOKENS,
    staticDir: opts.staticDir ?? null,
    heartbeatMs: opts.heartbeatMs ?? 5000,
    now: opts.now,
  });
  return Object.assign(running, { log });
}

let nextId = 1;
/** A valid appeal in Чебоксары. */
export function appeal(over: Partial<Extract<Entity, { kind: 'appeal' }>> = {}): Entity {
  return makeAppeal({ id: `t-${nextId++}`, text: 'Нет отопления в доме', createdAt: Date.now() - 1000, ...over });
}

/** A socket.io client that keeps an entity store exactly as the renderer's worker does. */
export class FeedClient {
  readonly socket: Socket<FeedServerEvents, FeedClientEvents>;
  readonly store: EntityStore = createEntityStore();
  readonly hellos: Hello[] = [];
  readonly deltas: Delta[] = [];
  readonly snapshots: Snapshot[] = [];
  readonly outcomes: Outcome[] = [];
  /** Deltas to drop on arrival, as a lossy link would (fault tests). */
  dropDeltas = 0;
  /** Every raw payload received, for privacy checks. */
  readonly raw: { event: string; payload: unknown }[] = [];

  constructor(url: string, role: Role, token: string | null = `dev-${role}`, autoConnect = true) {
    this.socket = io(`${url}/${role}`, { auth: token === null ? {} : { token }, transports: ['websocket'], reconnection: false, autoConnect, forceNew: true });
    this.socket.onAny((event, payload) => this.raw.push({ event, payload }));
    const follow = (o: Outcome) => {
      this.outcomes.push(o);
      if (o.type === 'resync') this.socket.emit('feed:subscribe', o.request, () => {});
    };
    this.socket.on('feed:hello', (m) => (this.hellos.push(m), follow(onHello(this.store, m))));
    this.socket.on('feed:snapshot', (m) => (this.snapshots.push(m), follow(applySnapshotChunk(this.store, m))));
    this.socket.on('feed:delta', (m) => {
      if (this.dropDeltas > 0) return void this.dropDeltas--;
      this.deltas.push(m);
      follow(applyDelta(this.store, m));
    });
    this.socket.on('feed:heartbeat', (m) => follow(onHeartbeat(this.store, m)));
  }

  /** Resolves when the store has applied `seq` (or fails after `timeoutMs`). */
  async waitForSeq(seq: number, timeoutMs = 5000): Promise<void> {
    await waitFor(
      () => this.store.seq >= seq,
      timeoutMs,
      () => `client at seq ${this.store.seq}, waiting for ${seq}`,
    );
  }

  /** Resolves with the connect error message, or null once connected. */
  connected(): Promise<string | null> {
    return new Promise((resolve) => {
      if (this.socket.connected) return resolve(null);
      this.socket.once('connect', () => resolve(null));
      this.socket.once('connect_error', (e) => resolve(e.message));
    });
  }

  close(): void {
    this.socket.close();
  }
}

export async function waitFor(cond: () => boolean, timeoutMs: number, what: () => string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out: ${what()}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
