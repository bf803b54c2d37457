/**
 * feed:subscribe with limits, on stand-in sockets whose write buffer the test fills and
 * empties: one subscription in flight per socket (coalesced, restarted, rate limited),
 * snapshots queued beyond --max-snapshots, chunks sent only while the socket's buffer is
 * small, deltas broadcast meanwhile buffered and sent after the last chunk in seq order
 * (never lost, never twice), one encoding of each chunk for every socket.
 */
import { describe, expect, it } from 'vitest';
import type { Entity } from '../app/domain/entity';
import type { Delta, Snapshot, SubscribeAck } from '../app/protocol/feed';
import { applyDelta, applySnapshotChunk, createEntityStore } from '../app/store/entity-store';
import { makeAppeal } from '../test/support/entities';
import { MemoryFeedLog } from './feed-log';
import { createFeedSessions, type FeedSessions } from './feed-sessions';
import { DEFAULT_LIMITS, type HubLimits } from './limits';
import { Metrics } from './metrics';
import { projectDelta, type Projection } from './projection';

const ROOM = 'feed';

/** Just what feed-sessions.ts touches of a socket.io socket. */
class StandInSocket {
  connected = true;
  readonly rooms = new Set<string>();
  readonly sent: [string, unknown][] = [];
  readonly conn = { writeBuffer: [] as { data: string }[], transport: {} };
  private readonly handlers = new Map<string, ((...a: unknown[]) => void)[]>();
  on(event: string, fn: (...a: unknown[]) => void): this {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), fn]);
    return this;
  }
  emit(event: string, payload: unknown): boolean {
    this.sent.push([event, payload]);
    return true;
  }
  join(room: string): void {
    this.rooms.add(room);
  }
  leave(room: string): void {
    this.rooms.delete(room);
  }
  /** The client's feed:subscribe; resolves with the ack. */
  subscribe(msg: unknown = {}): Promise<SubscribeAck & { retryAfterMs?: number }> {
    return new Promise((r) => this.handlers.get('feed:subscribe')![0]!(msg, r));
  }
  /** Fills the buffer (the peer does not read) or empties it. */
  block(on: boolean): void {
    this.conn.writeBuffer = on ? [{ data: 'x'.repeat(1_000_000) }] : [];
  }
  disconnect(): void {
    this.connected = false;
    for (const fn of this.handlers.get('disconnect') ?? []) fn();
  }
  chunks(): Snapshot[] {
    return this.sent.filter(([e]) => e === 'feed:snapshot').map(([, p]) => p as Snapshot);
  }
}

const until = async (cond: () => boolean, what: string) => {
  const end = Date.now() + 10_000;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
};

async function setup(entities: number, limits: Partial<HubLimits> = {}) {
  const log = new MemoryFeedLog(100_000);
  const all: Entity[] = Array.from({ length: entities }, (_, i) => makeAppeal({ id: `e${i}` }));
  if (entities) await log.append({ upserts: all, removes: [] }, 1);
  let broadcastSeq = log.headSeq;
  const metrics = new Metrics();
  const counters = { subscribes: 0, snapshots: 0, resumes: 0, badMessages: 0 };
  const sessions: FeedSessions = createFeedSessions({
    log,
    limits: { ...DEFAULT_LIMITS, snapshotWindowBytes: 64 * 1024, ...limits },
    metrics,
    now: Date.now,
    broadcastSeq: () => broadcastSeq,
    counters,
    room: ROOM,
  });
  const sockets: StandInSocket[] = [];
  const connect = (projection: Projection = 'full') => {
    const s = new StandInSocket();
    sockets.push(s);
    sessions.attach(s as never, projection);
    return s;
  };
  /** A change appended and broadcast as create-hub.ts does: room members get it at once. */
  const publish = async (id: string, version = 1) => {
    const d = await log.append({ upserts: [makeAppeal({ id, version })], removes: [] }, 2);
    const projected = (p: Projection) => projectDelta(d, p);
    for (const s of sockets) if (s.rooms.has(ROOM) && s.connected) s.emit('feed:delta', projected('full'));
    sessions.deliver(d, projected);
    broadcastSeq = d.seq;
    return d;
  };
  return { log, metrics, counters, sessions, connect, publish };
}

/** Replays what a socket received through the app's entity store (as a wall would). */
function storeOf(s: StandInSocket) {
  const store = createEntityStore();
  for (const [e, p] of s.sent) {
    if (e === 'feed:snapshot') applySnapshotChunk(store, p as Snapshot);
    if (e === 'feed:delta') applyDelta(store, p as Delta);
  }
  return store;
}

describe('feed sessions', () => {
  it('buffers the deltas broadcast while a snapshot streams and sends them after its last chunk, in seq order', async () => {
    const h = await setup(3500);
    const wall = h.connect();
    wall.block(true); // the peer reads nothing yet: not even chunk 0 goes out
    expect(await wall.subscribe()).toEqual({ ok: true, mode: 'snapshot' });
    expect(h.sessions.stats()).toEqual({ streaming: 1, queued: 0, buffered: 0 });
    for (let v = 1; v <= 5; v++) await h.publish('live', v); // seq 2..6, while it streams
    expect(h.sessions.stats().buffered).toBe(5);
    expect(wall.sent).toEqual([]);
    wall.block(false);
    await until(() => wall.rooms.has(ROOM), 'the stream to end');
    const events = wall.sent.map(([e, p]) => (e === 'feed:snapshot' ? `s${(p as Snapshot).chunk}@${(p as Snapshot).seq}` : `d${(p as Delta).seq}`));
    expect(events).toEqual(['s0@1', 's1@1', 's2@1', 's3@1', 'd2', 'd3', 'd4', 'd5', 'd6']);
    await h.publish('after', 1); // now a room member: straight from the broadcast
    const store = storeOf(wall);
    expect(store.seq).toBe(7);
    expect(store.entities.size).toBe(3502);
    expect(store.stats).toMatchObject({ duplicates: 0, gaps: 0 });
  });

  it('sends a chunk only while the socket’s buffer is small, and stops when the peer is gone', async () => {
    const h = await setup(5000);
    const wall = h.connect();
    await wall.subscribe();
    expect(wall.chunks().length).toBeGreaterThanOrEqual(1);
    wall.block(true);
    await new Promise((r) => setTimeout(r, 50));
    const sent = wall.chunks().length;
    expect(sent).toBeLessThan(5);
    await new Promise((r) => setTimeout(r, 50));
    expect(wall.chunks().length).toBe(sent); // nothing more while the buffer is full
    wall.disconnect();
    wall.block(false);
    await until(() => h.sessions.stats().streaming === 0, 'the stream to give up its slot');
    expect(wall.chunks().length).toBe(sent);
  });

  it('streams at most --max-snapshots at once, the others queued, and each subscriber gets one complete snapshot', async () => {
    const h = await setup(2500, { maxSnapshots: 2 });
    const walls = Array.from({ length: 6 }, () => h.connect('public'));
    for (const w of walls) w.block(true);
    await Promise.all(walls.map((w) => w.subscribe()));
    expect(h.sessions.stats()).toEqual({ streaming: 2, queued: 4, buffered: 0 });
    await h.publish('x'); // seq 2: in the buffers of the two streaming, in the snapshots of the queued
    for (const w of walls) w.block(false);
    await until(() => walls.every((w) => w.rooms.has(ROOM)), 'every wall live');
    for (const w of walls) {
      const store = storeOf(w);
      expect(store.seq).toBe(2);
      expect(store.entities.size).toBe(2501);
      expect(w.chunks().filter((c) => c.chunk === 0)).toHaveLength(1);
    }
    // One snapshot for all, its chunks projected and encoded once: the walls that started after
    // the change got it from the log, after the snapshot's last chunk.
    for (const w of walls) expect(w.chunks()[0]).toBe(walls[0]!.chunks()[0]);
    expect(walls[5]!.sent.at(-1)).toEqual(['feed:delta', expect.objectContaining({ seq: 2 })]);
  });

  it('coalesces repeated subscribes into the one in flight, restarts a stream the client asked again for, and rate limits', async () => {
    const h = await setup(3000, { maxSnapshots: 1, subscribeBurst: 10, subscribeRate: 20 });
    const first = h.connect();
    first.block(true);
    await first.subscribe();
    const wall = h.connect();
    // 120 subscribes while its snapshot waits in the queue: 10 within the rate (coalesced into
    // the queued one), 100 deferred (coalesced, answered when the bucket has a token), 10 refused.
    const acks = await Promise.all(Array.from({ length: 120 }, () => wall.subscribe()));
    expect(acks.filter((a) => a.ok)).toHaveLength(110);
    expect(acks.filter((a) => !a.ok)).toHaveLength(10);
    expect(acks.find((a) => !a.ok)).toEqual({
      ok: false,
      error: expect.stringMatching(/^feed:subscribe: rate-limited, retry in \d+ s$/),
      retryAfterMs: expect.any(Number),
    });
    expect(h.sessions.stats()).toEqual({ streaming: 1, queued: 1, buffered: 0 });
    expect(h.counters.subscribes).toBe(1 + 11); // the first wall's, 10 within the rate, the deferred one
    expect(h.metrics.get('cur_hub_limited_total', { limit: 'subscribe' })).toBe(11);
    first.block(false);
    await until(() => wall.rooms.has(ROOM), 'the queued wall to get its snapshot');
    expect(wall.chunks().map((c) => c.chunk)).toEqual([0, 1, 2]);

    // A subscribe in the middle of a stream: the stream starts over from chunk 0.
    const again = h.connect();
    await again.subscribe();
    again.block(true);
    const before = again.chunks().length;
    expect(before).toBeGreaterThanOrEqual(1);
    expect(before).toBeLessThan(3);
    await again.subscribe();
    again.block(false);
    await until(() => again.rooms.has(ROOM), 'the restarted stream');
    expect(
      again
        .chunks()
        .slice(before)
        .map((c) => c.chunk),
    ).toEqual([0, 1, 2]);
    expect(storeOf(again).entities.size).toBe(3000);
  });

  it('answers a resume at once from the log, cancelling a snapshot in flight', async () => {
    const h = await setup(2000);
    const wall = h.connect();
    wall.block(true);
    await wall.subscribe();
    await h.publish('a'); // seq 2
    expect(await wall.subscribe({ resume: { epoch: h.log.epoch, seq: 1 } })).toEqual({ ok: true, mode: 'resume' });
    expect(wall.sent.map(([e, p]) => [e, (p as Delta).seq])).toEqual([['feed:delta', 2]]);
    expect(wall.rooms.has(ROOM)).toBe(true);
    wall.block(false);
    await until(() => h.sessions.stats().streaming === 0, 'the cancelled stream to end');
    expect(wall.chunks()).toEqual([]);
    // Too far behind (--max-resume-deltas): a snapshot instead.
    const h2 = await setup(10, { maxResumeDeltas: 1 });
    for (let i = 0; i < 3; i++) await h2.publish(`x${i}`);
    const w2 = h2.connect();
    expect(await w2.subscribe({ resume: { epoch: h2.log.epoch, seq: 1 } })).toEqual({ ok: true, mode: 'snapshot' });
  });

  it('starts a snapshot again when too much changed while it streamed (--snapshot-buffer-deltas)', async () => {
    const h = await setup(2000, { snapshotBufferDeltas: 3 });
    const wall = h.connect();
    wall.block(true);
    await wall.subscribe();
    for (let v = 1; v <= 4; v++) await h.publish('busy', v);
    expect(h.metrics.get('cur_hub_limited_total', { limit: 'snapshot-buffer' })).toBe(1);
    wall.block(false);
    await until(() => wall.rooms.has(ROOM), 'the new snapshot');
    expect(wall.chunks().map((c) => c.seq)).toEqual([5, 5, 5]);
    expect(storeOf(wall).seq).toBe(5);
  });
});
