/**
 * `feed:subscribe` on the reading namespaces, with a bound on what one socket, and all of
 * them together, may cost the hub (issue 10):
 *
 * - **One subscription in flight per socket.** A subscribe that arrives while the socket's
 *   snapshot waits in the queue is coalesced into it; one that arrives while its snapshot
 *   streams cancels that stream, which starts over (the client asked again because it threw
 *   the partial snapshot away). Either way the socket gets exactly one complete snapshot for
 *   its newest request. Valid subscribes are also rate limited per socket (token bucket):
 *   beyond it they are coalesced into one deferred subscribe (the newest request), carried out
 *   and acknowledged when the bucket holds a token again; with 100 answers already waiting, the
 *   ack is `{ok: false, error: 'feed:subscribe: rate-limited …', retryAfterMs}`.
 * - **Snapshots streamed with back-pressure.** At most `maxSnapshots` stream at once; the
 *   others wait in a FIFO queue. A chunk is sent only while less than `snapshotWindowBytes`
 *   wait for the socket (the engine's write buffer plus the WebSocket's buffered bytes), and
 *   the stream gives up the event loop after every chunk, checking `socket.connected` each
 *   time, so a peer that stops reading holds one window, not the whole state.
 * - **Chunks encoded once.** Streams that start at the same seq share one snapshot, whose
 *   chunks are projected and serialised once per projection and format (`wire.ts`), however
 *   many walls subscribe at once. A socket whose handshake asked for columns
 *   (`auth.snapshot: 'columns'`) gets `feed:snapshot-columns` chunks of 10,000 entities in binary
 *   columns (app/protocol/snapshot-columns.ts), encoded from the projected entities; any other
 *   gets the JSON `feed:snapshot` chunks. Both follow every rule here alike.
 * - **Seq order kept.** A socket waiting for or receiving a snapshot is not in the feed room:
 *   deltas broadcast while its snapshot streams are buffered for it (those after the
 *   snapshot's seq) and sent right after the last chunk, in seq order; it joins the room in the
 *   same tick, so no delta is lost or sent twice. While it waits in the queue it gets nothing:
 *   its snapshot, taken when it starts, holds those changes. A buffer longer than
 *   `snapshotBufferDeltas` restarts the snapshot (queued again) instead of growing.
 * - A resume is answered at once from the log (in this tick, before any later broadcast),
 *   unless it is more than `maxResumeDeltas` behind: then it gets a snapshot.
 */
import type { Socket } from 'socket.io';
import {
  SNAPSHOT_CHUNK_SIZE,
  SubscribeSchema,
  type Delta,
  type FeedClientEvents,
  type FeedServerEvents,
  type Snapshot,
  type Subscribe,
  type SubscribeAck,
} from '../app/protocol/feed';
import type { Entity } from '../app/domain/entity';
import { COLUMN_CHUNK_SIZE, encodeSnapshotColumns, SNAPSHOT_FORMAT_COLUMNS, type SnapshotColumns } from '../app/protocol/snapshot-columns';
import type { FeedLog } from './feed-log';
import { countLimited, retryAfterSeconds, TokenBucket, type HubLimits } from './limits';
import type { Metrics } from './metrics';
import { project, projectDelta, type Projection } from './projection';
import { jsonOf } from './wire';

type ReaderSocket = Socket<FeedClientEvents, FeedServerEvents>;

/** How long a stream waits before looking at a full socket buffer again (ms). */
const WAIT_MS = 10;
const COALESCED_HELP = 'feed:subscribe coalesced into the subscription already in flight or deferred for the socket';
/** Packets of the engine's write buffer that are summed; more means the buffer is full anyway. */
const COUNT_PACKETS = 1000;

export interface FeedSessionCounters {
  subscribes: number;
  snapshots: number;
  resumes: number;
  badMessages: number;
}

export interface FeedSessionsDeps {
  log: FeedLog;
  limits: HubLimits;
  metrics: Metrics;
  now: () => number;
  /** Seq of the last broadcast delta. */
  broadcastSeq: () => number;
  counters: FeedSessionCounters;
  /** The room of each namespace that receives live deltas. */
  room: string;
  /** Why this socket may not read the feed (an agent token), or null. */
  refuse?: (socket: ReaderSocket) => string | null;
}

/** A snapshot some streams are sending: consistent at `seq`. */
interface SharedSnapshot {
  epoch: string;
  seq: number;
  entities: Entity[];
  /** Chunks of the JSON format (`feed:snapshot`). */
  chunks: number;
  /** Chunks made so far, by projection and format (only for the shared snapshot). */
  made: Map<string, Array<Snapshot | SnapshotColumns>> | null;
  users: number;
}

interface Stream {
  session: Session;
  snap: SharedSnapshot;
  /** Deltas the snapshot lacks (broadcast before or while it streams), sent after its last chunk. */
  buffer: Delta[];
  /** Seq of the last delta in the buffer (or the snapshot's). */
  bufferedUpTo: number;
  cancelled: boolean;
}

interface Session {
  socket: ReaderSocket;
  projection: Projection;
  /** The client asked for columnar snapshot chunks in its handshake (`feed:snapshot-columns`). */
  columns: boolean;
  bucket: TokenBucket;
  phase: 'idle' | 'queued' | 'streaming' | 'live';
  /** The stream sending this socket its snapshot (phase `streaming`). */
  stream: Stream | null;
  /** Subscribes beyond the rate, coalesced: the newest request, answered when its turn comes. */
  deferred: { request: Subscribe; acks: Ack[]; timer: NodeJS.Timeout } | null;
}

type Ack = (r: SubscribeAck & { retryAfterMs?: number }) => void;
/** Subscribes held for one socket beyond its rate; more are refused. */
const MAX_DEFERRED = 100;

/** Bytes waiting to be written to a socket: the engine's write buffer and the WebSocket's. */
export function queuedBytes(socket: Socket): number {
  const conn = socket.conn as unknown as { writeBuffer?: { data?: unknown }[]; transport?: { socket?: { bufferedAmount?: unknown } } };
  const ws = conn.transport?.socket?.bufferedAmount;
  let n = typeof ws === 'number' ? ws : 0;
  const wb = conn.writeBuffer ?? [];
  for (let i = 0; i < wb.length && i < COUNT_PACKETS; i++) {
    const d = wb[i]!.data;
    n += typeof d === 'string' ? d.length : d instanceof Uint8Array ? d.byteLength : 64;
  }
  if (wb.length > COUNT_PACKETS) n += (wb.length - COUNT_PACKETS) * 1024;
  return n;
}

export interface FeedSessions {
  /** Handles `feed:subscribe` on a reading socket. */
  attach(socket: ReaderSocket, projection: Projection): void;
  /** Called by the broadcast with each delta, for the sockets whose snapshot streams. */
  deliver(delta: Delta, projected: (p: Projection) => Delta): void;
  /** Snapshot streams now, and subscribers waiting for one. */
  stats(): { streaming: number; queued: number; buffered: number };
}

/** How long a resume from ahead of a cluster node's head waits for the node to catch up. */
const CATCH_UP_MS = 10_000;

export function createFeedSessions(deps: FeedSessionsDeps): FeedSessions {
  const { log, limits, metrics } = deps;
  const queue: Session[] = [];
  const streaming = new Set<Stream>();
  let shared: SharedSnapshot | null = null;

  /**
   * The snapshot a stream starting now sends, and the deltas it lacks that were already
   * broadcast. The shared snapshot is taken again only when it is too far behind the log's
   * head (or the log no longer holds the changes since it): until then a stream starting later
   * sends it too and gets the changes since it from the log, so walls subscribing while
   * changes keep coming still share one encoding. Only the shared snapshot keeps its chunks;
   * one that is replaced drops them (its streams go on encoding their own).
   */
  function acquireSnapshot(projection: Projection): { snap: SharedSnapshot; missing: Delta[] } {
    const head = log.headSeq;
    const sent = deps.broadcastSeq();
    if (shared && shared.epoch === log.epoch && head - shared.seq <= Math.min(1000, limits.snapshotBufferDeltas)) {
      const since = shared.seq === head ? [] : log.deltasSince(shared.seq);
      if (since) {
        shared.users++;
        return { snap: shared, missing: since.filter((d) => d.seq <= sent).map((d) => projectDelta(d, projection)) };
      }
    }
    const s = log.snapshot();
    if (shared) shared.made = null;
    shared = {
      epoch: log.epoch,
      seq: s.seq,
      entities: s.entities,
      chunks: Math.max(1, Math.ceil(s.entities.length / SNAPSHOT_CHUNK_SIZE)),
      made: new Map(),
      users: 1,
    };
    return { snap: shared, missing: [] };
  }

  function releaseSnapshot(snap: SharedSnapshot): void {
    snap.users--;
    if (snap === shared && snap.users === 0) shared = null;
  }

  /** Chunks of `snap` in the session's format. */
  function chunksOf(snap: SharedSnapshot, columns: boolean): number {
    return columns ? Math.max(1, Math.ceil(snap.entities.length / COLUMN_CHUNK_SIZE)) : snap.chunks;
  }

  function chunkOf(snap: SharedSnapshot, p: Projection, columns: boolean, c: number): Snapshot | SnapshotColumns {
    const key = columns ? `${p}/columns` : p;
    const made = snap.made?.get(key)?.[c];
    if (made) return made;
    const size = columns ? COLUMN_CHUNK_SIZE : SNAPSHOT_CHUNK_SIZE;
    const head = { epoch: snap.epoch, seq: snap.seq, chunk: c, chunks: chunksOf(snap, columns) };
    const entities = project(snap.entities.slice(c * size, (c + 1) * size), p);
    // Columns carry the projected entity's fields only (the projection decides what leaves the hub).
    const msg: Snapshot | SnapshotColumns = columns ? encodeSnapshotColumns(head, entities) : { ...head, entities };
    if (snap.made) {
      let list = snap.made.get(key);
      if (!list) snap.made.set(key, (list = []));
      list[c] = msg;
      if (!columns) jsonOf(msg); // serialised once for every socket that sends it
    }
    return msg;
  }

  function joinLive(s: Session): void {
    s.phase = 'live';
    void s.socket.join(deps.room);
  }

  function enqueue(s: Session): void {
    s.phase = 'queued';
    queue.push(s);
    pump();
  }

  function pump(): void {
    while (streaming.size < limits.maxSnapshots && queue.length > 0) {
      const s = queue.shift()!;
      if (s.phase !== 'queued' || !s.socket.connected) continue;
      stream(s);
    }
  }

  function stream(s: Session): void {
    const { snap: acquired, missing } = acquireSnapshot(s.projection);
    const st: Stream = { session: s, snap: acquired, buffer: missing, bufferedUpTo: Math.max(acquired.seq, missing.at(-1)?.seq ?? 0), cancelled: false };
    s.phase = 'streaming';
    s.stream = st;
    streaming.add(st);
    const { snap } = st;
    let c = 0;
    const end = (complete: boolean): void => {
      streaming.delete(st);
      if (s.stream === st) {
        s.stream = null;
        if (complete) {
          // After the last chunk and before any later broadcast: the deltas the snapshot does
          // not hold, in seq order, then the room (same tick).
          for (const d of st.buffer) s.socket.emit('feed:delta', d);
          joinLive(s);
        } else s.phase = 'idle';
      }
      st.buffer = [];
      pump(); // before the release: a stream starting now shares this snapshot
      releaseSnapshot(snap);
    };
    const step = (): void => {
      if (st.cancelled || !s.socket.connected) return end(false);
      if (queuedBytes(s.socket) >= limits.snapshotWindowBytes) {
        setTimeout(step, WAIT_MS);
        return;
      }
      const msg = chunkOf(snap, s.projection, s.columns, c);
      if (s.columns) s.socket.emit('feed:snapshot-columns', msg as SnapshotColumns);
      else s.socket.emit('feed:snapshot', msg as Snapshot);
      c++;
      if (c >= chunksOf(snap, s.columns)) return end(true);
      setImmediate(step);
    };
    step();
  }

  /** Detaches the stream in flight for `s` (it ends at its next step). */
  function cancelStream(s: Session): void {
    if (s.stream) s.stream.cancelled = true;
    s.stream = null;
  }

  /**
   * Cancels what is in flight for `s` and leaves the room; with `snapshot`, queues a new
   * snapshot (a socket already queued keeps its place: coalesced).
   */
  function reset(s: Session, snapshot: boolean): void {
    void s.socket.leave(deps.room);
    if (s.phase === 'queued') {
      if (snapshot) return;
      const i = queue.indexOf(s);
      if (i >= 0) queue.splice(i, 1);
    }
    cancelStream(s);
    if (snapshot) enqueue(s);
    else s.phase = 'idle';
  }

  function onSubscribe(s: Session, raw: unknown, reply: Ack): void {
    const parsed = SubscribeSchema.safeParse(raw ?? {});
    if (!parsed.success) {
      deps.counters.badMessages++;
      metrics.inc('cur_hub_bad_messages_total', 'Socket messages refused', { reason: 'invalid-subscribe' });
      reply({ ok: false, error: `feed:subscribe: ${parsed.error.issues[0]?.message ?? 'invalid'}` });
      return;
    }
    const refusal = deps.refuse?.(s.socket) ?? null;
    if (refusal) {
      deps.counters.badMessages++;
      metrics.inc('cur_hub_bad_messages_total', 'Socket messages refused', { reason: 'subscribe-forbidden' });
      reply({ ok: false, error: `feed:subscribe: ${refusal}` });
      return;
    }
    // Beyond the rate: coalesced into one deferred subscribe (the newest request wins), answered
    // when the bucket has a token again; beyond MAX_DEFERRED waiting answers, refused.
    if (s.deferred) {
      if (s.deferred.acks.length >= MAX_DEFERRED) return refuseRate(reply, s.bucket.take());
      s.deferred.request = parsed.data;
      s.deferred.acks.push(reply);
      metrics.inc('cur_hub_subscribes_coalesced_total', COALESCED_HELP);
      return;
    }
    const taken = s.bucket.take();
    if (!taken.ok) {
      countLimited(metrics, 'subscribe');
      const timer = setTimeout(() => {
        const d = s.deferred!;
        s.deferred = null;
        if (!s.socket.connected) return;
        s.bucket.charge(1);
        admit(s, d.request, (r) => d.acks.forEach((a) => a(r)));
      }, taken.retryAfterMs);
      s.deferred = { request: parsed.data, acks: [reply], timer };
      return;
    }
    admit(s, parsed.data, reply);
  }

  function refuseRate(reply: Ack, taken: ReturnType<TokenBucket['take']>): void {
    countLimited(metrics, 'subscribe');
    const ms = taken.ok ? 1000 : taken.retryAfterMs;
    reply({ ok: false, error: `feed:subscribe: rate-limited, retry in ${retryAfterSeconds(ms)} s`, retryAfterMs: ms });
  }

  /** Answers one (valid, admitted) subscribe: a resume at once, or a snapshot queued. */
  function admit(s: Session, request: Subscribe, reply: Ack, waitUntil?: number): void {
    const head = deps.broadcastSeq();
    const resume = request.resume;
    // A log shared by a cluster's nodes (FeedLog.follow): a client that comes from a node ahead
    // of this one waits until this node has caught up (at most CATCH_UP_MS), not for a snapshot.
    if (resume && log.follow && resume.epoch === log.epoch && resume.seq > head && (waitUntil ??= Date.now() + CATCH_UP_MS) > Date.now()) {
      setTimeout(() => s.socket.connected && admit(s, request, reply, waitUntil), 50);
      return;
    }
    deps.counters.subscribes++;
    const missing =
      resume && resume.epoch === log.epoch && resume.seq <= head && head - resume.seq <= limits.maxResumeDeltas ? log.deltasSince(resume.seq) : null;
    if (missing) {
      reset(s, false);
      deps.counters.resumes++;
      reply({ ok: true, mode: 'resume' });
      // In this tick, before any later broadcast: the client sees seq in order.
      for (const d of missing) if (d.seq <= head) s.socket.emit('feed:delta', projectDelta(d, s.projection));
      joinLive(s);
      return;
    }
    deps.counters.snapshots++;
    if (s.phase === 'queued' || s.phase === 'streaming') metrics.inc('cur_hub_subscribes_coalesced_total', COALESCED_HELP);
    reply({ ok: true, mode: 'snapshot' });
    reset(s, true);
  }

  return {
    attach(socket, projection) {
      const s: Session = {
        socket,
        projection,
        columns: (socket.handshake as { auth?: { snapshot?: unknown } } | undefined)?.auth?.snapshot === SNAPSHOT_FORMAT_COLUMNS,
        bucket: new TokenBucket(limits.subscribeRate, limits.subscribeBurst, deps.now),
        phase: 'idle',
        stream: null,
        deferred: null,
      };
      socket.on('feed:subscribe', (raw, ack) => onSubscribe(s, raw, typeof ack === 'function' ? ack : () => {}));
      socket.on('disconnect', () => {
        const i = s.phase === 'queued' ? queue.indexOf(s) : -1;
        if (i >= 0) queue.splice(i, 1);
        cancelStream(s);
        s.phase = 'idle';
        if (s.deferred) clearTimeout(s.deferred.timer);
        s.deferred = null;
      });
    },
    deliver(delta, projected) {
      let overflow: Session[] | null = null;
      for (const st of streaming) {
        if (st.cancelled || delta.seq <= st.bufferedUpTo) continue;
        st.buffer.push(projected(st.session.projection));
        st.bufferedUpTo = delta.seq;
        if (st.buffer.length > limits.snapshotBufferDeltas) (overflow ??= []).push(st.session);
      }
      // Too much changed while they streamed: start again from a newer snapshot.
      for (const s of overflow ?? []) {
        countLimited(metrics, 'snapshot-buffer');
        reset(s, true);
      }
    },
    stats() {
      let buffered = 0;
      for (const st of streaming) buffered += st.buffer.length;
      return { streaming: streaming.size, queued: queue.length, buffered };
    },
  };
}
