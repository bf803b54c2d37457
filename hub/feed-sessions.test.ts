/**
 * feed:subscribe with limits, on stand-in sockets whose write buffer the test fills and
 * empties: one subscription in flight per socket (coalesced, restarted, rate limited),
 * snapshots queued beyond --max-snapshots, chunks sent only while the socket's buffer is
 * small, deltas broadcast meanwhile buffered and sent after the last chunk in seq order
 * (never lost, never twice), one encoding of each chunk for every socket.
 */
import { io } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { Entity } from '../app/domain/entity';
import { decodeSnapshotColumns, SNAPSHOT_FORMAT_COLUMNS, type SnapshotColumns } from '../app/protocol/snapshot-columns';
import { FeedClient, startTestHub, waitFor } from '../test/support/hub-fixture';
import { makeAccident } from '../test/support/entities';
import type { Delta, Snapshot, SubscribeAck } from '../app/protocol/feed';
import { applyDelta, applySnapshotChunk, createEntityStore, onHello } from '../app/store/entity-store';
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

describe('columnar snapshots over a real hub and socket.io client (issue 13)', () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  /** A reader that asks for columns in its handshake and keeps the app's entity store, as the feed worker does. */
  function columnsClient(url: string, role: 'wall' | 'presenter', tamper?: (m: SnapshotColumns, n: number) => unknown) {
    const socket = io(`${url}/${role}`, {
      auth: { token: `dev-${role}`, snapshot: SNAPSHOT_FORMAT_COLUMNS },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    cleanups.push(() => socket.close());
    const store = createEntityStore();
    const raw: { event: string; payload: unknown }[] = [];
    const refused: string[] = [];
    socket.onAny((event: string, payload: unknown) => raw.push({ event, payload }));
    const follow = (o: ReturnType<typeof applyDelta>) => {
      if (o.type === 'resync') socket.emit('feed:subscribe', o.request, () => {});
    };
    socket.on('feed:hello', (m) => follow(onHello(store, m)));
    let received = 0;
    const stateAtRefusal: { size: number; seq: number }[] = [];
    socket.on('feed:snapshot-columns', (m: unknown) => {
      const d = decodeSnapshotColumns(tamper ? tamper(m as SnapshotColumns, received++) : m);
      if (!d.ok) {
        // Counted and dropped, as the feed worker does; the store keeps its last good state.
        stateAtRefusal.push({ size: store.entities.size, seq: store.seq });
        return void refused.push(d.error);
      }
      follow(applySnapshotChunk(store, d.snapshot));
    });
    socket.on('feed:snapshot', (m) => follow(applySnapshotChunk(store, m)));
    socket.on('feed:delta', (m) => follow(applyDelta(store, m)));
    return { socket, store, raw, refused, stateAtRefusal };
  }

  it('sends a wall that asks for them binary column chunks of the public projection only, equal to the JSON snapshot, then deltas in seq order', async () => {
    const h = await startTestHub();
    cleanups.push(() => h.close());
    const secret = 'Иванов Пётр, тел. 89001234567';
    const entities: Entity[] = Array.from({ length: 23_456 }, (_, i) =>
      makeAppeal({
        id: `c-${i}`,
        text: secret,
        address: 'ул. Гагарина, 12, кв. 5',
        applicantKey: 'abcdef0123456789',
        topic: i % 3 ? 'Отопление' : undefined,
        createdAt: Date.now() - i * 1000,
        ...(i % 7 === 0 ? { accidentId: 'acc-1', dueAt: Date.now() + 3_600_000 } : {}),
      }),
    );
    entities.splice(5, 0, makeAccident(), {
      kind: 'weather',
      id: 'w1',
      version: 1,
      lon: 47.2,
      lat: 56.1,
      at: Date.now(),
      temperatureC: -20,
      source: 'станция',
    });
    await h.hub.publish({ upserts: entities, removes: [] });

    const json = new FeedClient(h.url, 'wall');
    cleanups.push(() => json.close());
    const wall = columnsClient(h.url, 'wall');
    await json.waitForSeq(1, 20_000);
    await waitFor(
      () => wall.store.seq >= 1,
      20_000,
      () => `columns wall at seq ${wall.store.seq}`,
    );
    expect(wall.refused).toEqual([]);
    const chunks = wall.raw.filter((r) => r.event === 'feed:snapshot-columns').map((r) => r.payload as SnapshotColumns);
    // Three chunks of up to 10,000 (against 24 JSON chunks), binary (a Node client gets Buffers).
    expect(chunks.map((c) => c.chunk)).toEqual([0, 1, 2]);
    expect(chunks.every((c) => c.data instanceof Uint8Array && c.chunks === 3)).toBe(true);
    expect(wall.raw.some((r) => r.event === 'feed:snapshot')).toBe(false);
    expect(json.snapshots.length).toBe(24);
    // The same state as the JSON wall: entity for entity, in the same order.
    expect([...wall.store.entities.entries()]).toStrictEqual([...json.store.entities.entries()]);
    // Personal data never reaches a wall: not in the strings, not in the binary, not in the rest.
    const everything = chunks.map((c) => JSON.stringify({ ...c, data: null }) + Buffer.from(c.data as Uint8Array).toString('latin1')).join('');
    for (const leak of [secret, 'Гагарина', 'abcdef0123456789', 'станция']) expect(everything).not.toContain(leak);
    expect(everything).not.toContain(Buffer.from('Гагарина').toString('latin1'));

    // Deltas after the snapshot, in seq order, to both.
    for (let v = 2; v <= 6; v++)
      await h.hub.publish({ upserts: [makeAppeal({ id: 'c-1', version: v, status: 'in_progress' })], removes: [{ kind: 'appeal', id: `c-${v * 100}` }] });
    await json.waitForSeq(6);
    await waitFor(
      () => wall.store.seq >= 6,
      5000,
      () => `columns wall at seq ${wall.store.seq}`,
    );
    expect(wall.store.stats).toMatchObject({ gaps: 0, duplicates: 0, resyncs: 1 });
    expect([...wall.store.entities.entries()]).toStrictEqual([...json.store.entities.entries()]);
    expect(wall.store.entities.get('appeal:c-1')).toMatchObject({ version: 6, status: 'in_progress' });
  });

  it('sends the full projection to a presenter as columns plus JSON for what the columns do not carry, equal to its JSON snapshot', async () => {
    const h = await startTestHub();
    cleanups.push(() => h.close());
    const entities: Entity[] = Array.from({ length: 1500 }, (_, i) =>
      makeAppeal({ id: `p-${i}`, text: `текст ${i % 10}`, ...(i % 2 ? { address: 'ул. Мира' } : {}) }),
    );
    await h.hub.publish({ upserts: entities, removes: [] });
    const json = new FeedClient(h.url, 'presenter');
    cleanups.push(() => json.close());
    const presenter = columnsClient(h.url, 'presenter');
    await json.waitForSeq(1, 10_000);
    await waitFor(
      () => presenter.store.seq >= 1,
      10_000,
      () => 'presenter snapshot',
    );
    const chunk = presenter.raw.find((r) => r.event === 'feed:snapshot-columns')!.payload as SnapshotColumns;
    expect(chunk.count).toBe(750);
    expect(chunk.rest).toHaveLength(750);
    expect([...presenter.store.entities.entries()]).toStrictEqual([...json.store.entities.entries()]);
  });

  it('refuses a malformed column chunk, keeps the last good state, and gets a fresh snapshot', async () => {
    const h = await startTestHub();
    cleanups.push(() => h.close());
    await h.hub.publish({ upserts: Array.from({ length: 25_000 }, (_, i) => makeAppeal({ id: `m-${i}` })), removes: [] });
    // The second snapshot's middle chunk arrives with a status code no appeal has.
    const wall = columnsClient(h.url, 'wall', (m, n) => {
      if (n !== 4) return m;
      const bytes = (m.data as Uint8Array).slice();
      bytes[8 * m.count * 7 + 4 * m.count * 9 + 2 * m.count + 17] = 250;
      return { ...m, data: bytes };
    });
    await waitFor(
      () => wall.store.seq >= 1,
      20_000,
      () => 'first snapshot',
    );
    await h.hub.publish({ upserts: [makeAppeal({ id: 'm-new' })], removes: [] });
    await waitFor(
      () => wall.store.seq >= 2,
      5000,
      () => 'the delta',
    );
    wall.socket.emit('feed:subscribe', {}, () => {}); // a fresh snapshot, as after a reconnect
    await waitFor(
      () => wall.refused.length === 1,
      20_000,
      () => 'the malformed chunk',
    );
    expect(wall.refused[0]).toMatch(/codes\.17/);
    expect(wall.stateAtRefusal).toEqual([{ size: 25_001, seq: 2 }]);
    // The next chunk is out of order for the store: it asks for a fresh snapshot, which arrives
    // whole (the second snapshot never completed: two applied in all).
    await waitFor(
      () => wall.store.stats.snapshots >= 2,
      20_000,
      () => `snapshots applied: ${wall.store.stats.snapshots}`,
    );
    expect(wall.store.stats.resyncs).toBeGreaterThanOrEqual(2);
    expect(wall.store.entities.size).toBe(25_001);
    expect(wall.store.seq).toBe(2);
    expect(wall.raw.filter((r) => r.event === 'feed:snapshot-columns').length).toBe(9);
  });
});
