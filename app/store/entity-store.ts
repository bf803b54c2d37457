/**
 * The client entity store of protocol v1: applies snapshot chunks and deltas, detects gaps,
 * duplicates and epoch changes, and says when the client must resync. It never depends on
 * socket.io's connection-state recovery (ARCHITECTURE.md).
 *
 * Why mutable: the store lives in one Web Worker and holds up to ~10^6 entities; copying the
 * map per delta would be O(n) per message. Every function here is deterministic (no clock,
 * no I/O) and returns an {@link Outcome} that describes exactly what changed, so it is tested
 * like a reducer. The last good state stays in `entities` until a new snapshot is complete.
 */
import { entityKey, type Entity, type EntityRef } from '../domain/entity';
import type { Delta, Heartbeat, Hello, Snapshot, Subscribe } from '../protocol/feed';

/** Counters shown on diagnostics screens and exported as metrics. */
export interface StoreStats {
  snapshots: number;
  deltas: number;
  duplicates: number;
  gaps: number;
  /** Times the applied state switched to another epoch (once per change, when its snapshot completes). */
  epochChanges: number;
  resyncs: number;
}

interface Staging {
  epoch: string;
  seq: number;
  chunks: number;
  received: number;
  entities: Map<string, Entity>;
}

export interface EntityStore {
  /** Epoch of the applied state; null before the first complete snapshot. */
  epoch: string | null;
  /** Seq of the last applied change; -1 before the first complete snapshot. */
  seq: number;
  /** The last good state, keyed by {@link entityKey}. */
  entities: Map<string, Entity>;
  /** A snapshot being received; `entities` keeps the previous state meanwhile. */
  staging: Staging | null;
  /** Deltas that arrived while a snapshot was being received, applied once it completes. */
  buffered: Delta[];
  /** True between a resync request and the first contiguous change after it. */
  awaitingResync: boolean;
  stats: StoreStats;
}

export type ResyncReason = 'gap' | 'epoch' | 'behind' | 'bad-snapshot' | 'connect';

/** What applying one message did. */
export type Outcome =
  | { type: 'applied'; upserted: readonly Entity[]; removed: readonly EntityRef[] }
  | { type: 'snapshot-progress'; received: number; chunks: number }
  | { type: 'snapshot-complete'; size: number }
  | { type: 'ignored'; reason: 'duplicate' | 'awaiting-resync' | 'stale-snapshot' | 'buffered' | 'up-to-date' }
  | { type: 'resync'; reason: ResyncReason; request: Subscribe };

export function createEntityStore(): EntityStore {
  return {
    epoch: null,
    seq: -1,
    entities: new Map(),
    staging: null,
    buffered: [],
    awaitingResync: false,
    stats: { snapshots: 0, deltas: 0, duplicates: 0, gaps: 0, epochChanges: 0, resyncs: 0 },
  };
}

/** The subscribe message that brings this store up to date: resume when it has a state. */
export function subscribeRequest(store: EntityStore): Subscribe {
  return store.epoch === null ? {} : { resume: { epoch: store.epoch, seq: store.seq } };
}

function resync(store: EntityStore, reason: ResyncReason, fresh: boolean): Outcome {
  store.awaitingResync = true;
  store.stats.resyncs++;
  store.staging = null;
  store.buffered = [];
  return { type: 'resync', reason, request: fresh ? {} : subscribeRequest(store) };
}

/**
 * On `feed:hello`: always (re)subscribe; resume when the epoch is the same. When the hello
 * says nothing is missing, the hub answers the resume with no delta at all, so the store
 * does not wait for one: it stays ready to detect the next gap or a heartbeat ahead of it.
 */
export function onHello(store: EntityStore, hello: Hello): Outcome {
  const sameEpoch = store.epoch === hello.epoch;
  const out = resync(store, sameEpoch ? 'connect' : store.epoch === null ? 'connect' : 'epoch', !sameEpoch);
  if (sameEpoch && hello.headSeq <= store.seq) store.awaitingResync = false;
  return out;
}

/**
 * Applies one `feed:snapshot` chunk. The state switches only when the last chunk arrives.
 * `keys`, when given, are the {@link entityKey}s of `msg.entities` (a caller that needs them too
 * makes them once: at 10^6 entities each copy of a key costs ≈ 40 MB).
 */
export function applySnapshotChunk(store: EntityStore, msg: Snapshot, keys?: readonly string[]): Outcome {
  if (msg.chunk === 0) {
    store.staging = { epoch: msg.epoch, seq: msg.seq, chunks: msg.chunks, received: 0, entities: new Map() };
  }
  const st = store.staging;
  if (!st || st.epoch !== msg.epoch || st.seq !== msg.seq || st.chunks !== msg.chunks || st.received !== msg.chunk) {
    // A chunk out of order or from another snapshot: this snapshot cannot be trusted.
    return resync(store, 'bad-snapshot', true);
  }
  const list = msg.entities;
  if (keys) for (let i = 0; i < list.length; i++) st.entities.set(keys[i]!, list[i]!);
  else for (const e of list) st.entities.set(entityKey(e), e);
  st.received++;
  if (st.received < st.chunks) return { type: 'snapshot-progress', received: st.received, chunks: st.chunks };

  // Counted here only, when the applied state really moves to another generation: the
  // hello, delta or heartbeat that revealed the new epoch only asked for this snapshot.
  if (store.epoch !== null && store.epoch !== st.epoch) store.stats.epochChanges++;
  store.epoch = st.epoch;
  store.seq = st.seq;
  store.entities = st.entities;
  store.staging = null;
  store.awaitingResync = false;
  store.stats.snapshots++;
  const buffered = store.buffered;
  store.buffered = [];
  for (const d of buffered) {
    if (d.epoch !== store.epoch || d.seq <= store.seq) continue;
    const out = applyDelta(store, d);
    if (out.type === 'resync') return out;
  }
  return { type: 'snapshot-complete', size: store.entities.size };
}

/** Applies one `feed:delta`, or reports a duplicate, a gap or another epoch. */
export function applyDelta(store: EntityStore, msg: Delta): Outcome {
  if (store.staging) {
    if (msg.epoch === store.staging.epoch) {
      store.buffered.push(msg);
      return { type: 'ignored', reason: 'buffered' };
    }
    return { type: 'ignored', reason: 'stale-snapshot' };
  }
  if (store.epoch === null) return { type: 'ignored', reason: 'awaiting-resync' };
  if (msg.epoch !== store.epoch) {
    if (store.awaitingResync) return { type: 'ignored', reason: 'awaiting-resync' };
    return resync(store, 'epoch', true);
  }
  if (msg.seq <= store.seq) {
    store.stats.duplicates++;
    return { type: 'ignored', reason: 'duplicate' };
  }
  if (msg.seq > store.seq + 1) {
    if (store.awaitingResync) return { type: 'ignored', reason: 'awaiting-resync' };
    store.stats.gaps++;
    return resync(store, 'gap', false);
  }
  for (const e of msg.upserts) store.entities.set(entityKey(e), e);
  for (const r of msg.removes) store.entities.delete(entityKey(r));
  store.seq = msg.seq;
  store.awaitingResync = false;
  store.stats.deltas++;
  return { type: 'applied', upserted: msg.upserts, removed: msg.removes };
}

/**
 * On `feed:heartbeat`: a new epoch, or a head beyond what we applied (the last delta was
 * lost), asks for a resync. Heartbeats follow deltas on the same ordered connection, so a
 * head ahead of `seq` means a change is missing, not merely late.
 */
export function onHeartbeat(store: EntityStore, hb: Heartbeat): Outcome {
  if (store.staging || store.awaitingResync || store.epoch === null) return { type: 'ignored', reason: 'awaiting-resync' };
  if (hb.epoch !== store.epoch) return resync(store, 'epoch', true);
  if (hb.headSeq > store.seq) {
    store.stats.gaps++;
    return resync(store, 'behind', false);
  }
  return { type: 'ignored', reason: 'up-to-date' };
}
