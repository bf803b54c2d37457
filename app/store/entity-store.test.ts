import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { AccidentSchema, AppealSchema, entityKey, type Accident, type Appeal, type Entity, type EntityKind, type EntityRef } from '../domain/entity';
import type { Delta, Heartbeat, Hello, Snapshot, Subscribe } from '../protocol/feed';
import { applyDelta, applySnapshotChunk, createEntityStore, onHeartbeat, onHello, type EntityStore, type Outcome } from './entity-store';
import { makeAccident, makeAppeal } from '../../test/support/entities';
import { mulberry32 } from '../../test/support/rng';

// ---------------------------------------------------------------------------------------
// Factories and message helpers
// ---------------------------------------------------------------------------------------

const T0 = 1_700_000_000_000;

const appeal = (id: string, over: Partial<Appeal> = {}): Appeal =>
  makeAppeal({ id, channel: 'pos', org: 'org-1', title: `Обращение ${id}`, text: 'Нет отопления в подъезде', createdAt: T0, ...over });
const accident = (id: string, over: Partial<Accident> = {}): Accident =>
  makeAccident({
    id,
    address: 'ул. Ленина, 1',
    operator: 'ООО «Теплосеть»',
    residents: 120,
    buildings: 2,
    startedAt: T0,
    plannedRestoreAt: T0 + 3_600_000,
    ...over,
  });

const ref = (kind: EntityKind, id: string): EntityRef => ({ kind, id });

function delta(epoch: string, seq: number, upserts: Entity[] = [], removes: EntityRef[] = []): Delta {
  return { epoch, seq, upserts, removes, serverTime: T0 + seq };
}

/** A snapshot consistent at `seq`, split into chunks of the given sizes (the rest goes in the last one). */
function chunks(epoch: string, seq: number, entities: Entity[], sizes: number[] = []): Snapshot[] {
  const out: Entity[][] = [];
  let at = 0;
  for (const n of sizes) {
    out.push(entities.slice(at, at + n));
    at += n;
  }
  if (at < entities.length || out.length === 0) out.push(entities.slice(at));
  return out.map((part, chunk) => ({ epoch, seq, chunk, chunks: out.length, entities: part }));
}

const heartbeat = (epoch: string, headSeq: number): Heartbeat => ({ epoch, headSeq, serverTime: T0 });
const hello = (epoch: string, headSeq: number): Hello => ({ protocol: 1, epoch, headSeq, serverTime: T0 });

/** Order-independent, exact view of a set of entities. */
function canon(entities: Iterable<Entity>): string[] {
  return [...entities].map((e) => JSON.stringify(e)).sort();
}

/** A store that has applied a complete snapshot of `entities` at `epoch`/`seq`. */
function storeAt(epoch: string, seq: number, entities: Entity[]): EntityStore {
  const store = createEntityStore();
  let out: Outcome | undefined;
  for (const c of chunks(epoch, seq, entities)) out = applySnapshotChunk(store, c);
  expect(out).toEqual({ type: 'snapshot-complete', size: entities.length });
  return store;
}

// ---------------------------------------------------------------------------------------
// Example-based behaviour
// ---------------------------------------------------------------------------------------

describe('entity store: test factories', () => {
  it('produce entities valid under the protocol schemas', () => {
    expect(AppealSchema.parse(appeal('a1'))).toEqual(appeal('a1'));
    expect(AccidentSchema.parse(accident('x1'))).toEqual(accident('x1'));
  });
});

describe('entity store: snapshots', () => {
  it('assembles a snapshot sent in 3 chunks, showing nothing half-done, then applies the following deltas', () => {
    const store = createEntityStore();
    const all = [appeal('1'), appeal('2'), accident('3'), accident('4'), appeal('5')];
    const [c0, c1, c2] = chunks('E', 10, all, [2, 2]);
    expect(c2.chunks).toBe(3);

    expect(applySnapshotChunk(store, c0)).toEqual({ type: 'snapshot-progress', received: 1, chunks: 3 });
    expect(applySnapshotChunk(store, c1)).toEqual({ type: 'snapshot-progress', received: 2, chunks: 3 });
    // Nothing is visible until the last chunk.
    expect(store.entities.size).toBe(0);
    expect(store.epoch).toBeNull();
    expect(store.seq).toBe(-1);

    expect(applySnapshotChunk(store, c2)).toEqual({ type: 'snapshot-complete', size: 5 });
    expect(store.epoch).toBe('E');
    expect(store.seq).toBe(10);
    expect(canon(store.entities.values())).toEqual(canon(all));

    const changed = appeal('1', { version: 2, status: 'in_progress' });
    expect(applyDelta(store, delta('E', 11, [changed]))).toEqual({ type: 'applied', upserted: [changed], removed: [] });
    expect(applyDelta(store, delta('E', 12, [accident('6')], [ref('accident', '3')])).type).toBe('applied');
    expect(store.seq).toBe(12);
    expect(canon(store.entities.values())).toEqual(canon([changed, appeal('2'), accident('4'), appeal('5'), accident('6')]));
    expect(store.stats).toMatchObject({ snapshots: 1, deltas: 2, duplicates: 0, gaps: 0, resyncs: 0 });
  });

  it('asks for a fresh snapshot when a chunk arrives out of order and keeps the last good state', () => {
    const old = [appeal('1'), accident('2')];
    const store = storeAt('E', 5, old);
    const next = chunks('E', 9, [appeal('1', { version: 3 }), appeal('7'), accident('8')], [1, 1]);

    expect(applySnapshotChunk(store, next[0]).type).toBe('snapshot-progress');
    expect(applySnapshotChunk(store, next[2])).toEqual({ type: 'resync', reason: 'bad-snapshot', request: {} });
    expect(store.staging).toBeNull();
    expect(store.seq).toBe(5);
    expect(canon(store.entities.values())).toEqual(canon(old));
    expect(store.stats.resyncs).toBe(1);

    // The late middle chunk of the broken snapshot does not switch the state either.
    expect(applySnapshotChunk(store, next[1]).type).toBe('resync');
    expect(canon(store.entities.values())).toEqual(canon(old));

    // The resent snapshot, in order, replaces the state.
    for (const c of next) applySnapshotChunk(store, c);
    expect(store.seq).toBe(9);
    expect(store.awaitingResync).toBe(false);
    expect(canon(store.entities.values())).toEqual(canon([appeal('1', { version: 3 }), appeal('7'), accident('8')]));
  });

  it('buffers deltas that arrive while a snapshot is staged and applies the newer ones after it', () => {
    const store = storeAt('E', 5, [appeal('1')]);
    const snap = chunks('E', 10, [appeal('1', { version: 2 }), appeal('2'), accident('3')], [2]);

    applySnapshotChunk(store, snap[0]);
    expect(applyDelta(store, delta('E', 9, [appeal('9')]))).toEqual({ type: 'ignored', reason: 'buffered' });
    expect(applyDelta(store, delta('E', 10, [appeal('10')]))).toEqual({ type: 'ignored', reason: 'buffered' });
    expect(applyDelta(store, delta('E', 11, [accident('11')]))).toEqual({ type: 'ignored', reason: 'buffered' });
    expect(applyDelta(store, delta('E', 12, [], [ref('appeal', '2')]))).toEqual({ type: 'ignored', reason: 'buffered' });
    // Still the old state while staging.
    expect(store.seq).toBe(5);
    expect(canon(store.entities.values())).toEqual(canon([appeal('1')]));

    expect(applySnapshotChunk(store, snap[1])).toEqual({ type: 'snapshot-complete', size: 3 });
    expect(store.seq).toBe(12);
    expect(store.buffered).toEqual([]);
    // Seq 9 and 10 are already in the snapshot and were dropped; 11 and 12 were applied.
    expect(canon(store.entities.values())).toEqual(canon([appeal('1', { version: 2 }), accident('3'), accident('11')]));
  });

  it('asks to resume from the snapshot when the buffered deltas have a gap', () => {
    const store = createEntityStore();
    const snap = chunks('E', 3, [appeal('1')], [0]);
    applySnapshotChunk(store, snap[0]);
    applyDelta(store, delta('E', 5, [appeal('5')]));
    const out = applySnapshotChunk(store, snap[1]);
    expect(out).toEqual({ type: 'resync', reason: 'gap', request: { resume: { epoch: 'E', seq: 3 } } });
    expect(store.seq).toBe(3);
    expect(canon(store.entities.values())).toEqual(canon([appeal('1')]));
  });

  it('ignores deltas and heartbeats before the first snapshot', () => {
    const store = createEntityStore();
    expect(applyDelta(store, delta('E', 1, [appeal('1')]))).toEqual({ type: 'ignored', reason: 'awaiting-resync' });
    expect(onHeartbeat(store, heartbeat('E', 7))).toEqual({ type: 'ignored', reason: 'awaiting-resync' });
    expect(store.entities.size).toBe(0);
    expect(store.seq).toBe(-1);
  });
});

describe('entity store: deltas', () => {
  it('ignores and counts a duplicate delta, so a replayed change cannot undo a later one', () => {
    const store = storeAt('E', 5, []);
    const d6 = delta('E', 6, [appeal('1')]);
    applyDelta(store, d6);
    applyDelta(store, delta('E', 7, [], [ref('appeal', '1')]));

    expect(applyDelta(store, d6)).toEqual({ type: 'ignored', reason: 'duplicate' });
    expect(applyDelta(store, delta('E', 7, [], [ref('appeal', '1')]))).toEqual({ type: 'ignored', reason: 'duplicate' });
    expect(store.entities.size).toBe(0);
    expect(store.seq).toBe(7);
    expect(store.stats.duplicates).toBe(2);
    expect(store.stats.resyncs).toBe(0);
  });

  it('on a gap asks to resume from its seq, ignores later deltas meanwhile, then applies the resumed ones', () => {
    const store = storeAt('E', 5, [appeal('1')]);

    expect(applyDelta(store, delta('E', 7, [appeal('7')]))).toEqual({ type: 'resync', reason: 'gap', request: { resume: { epoch: 'E', seq: 5 } } });
    expect(store.stats.gaps).toBe(1);
    expect(store.awaitingResync).toBe(true);

    // Later live deltas and heartbeats neither apply nor ask again while the resync is on its way.
    expect(applyDelta(store, delta('E', 8, [appeal('8')]))).toEqual({ type: 'ignored', reason: 'awaiting-resync' });
    expect(onHeartbeat(store, heartbeat('E', 8))).toEqual({ type: 'ignored', reason: 'awaiting-resync' });
    expect(store.stats.resyncs).toBe(1);
    expect(store.seq).toBe(5);
    expect(canon(store.entities.values())).toEqual(canon([appeal('1')]));

    // The hub replays 6..8.
    for (const d of [delta('E', 6, [accident('6')]), delta('E', 7, [appeal('7')]), delta('E', 8, [appeal('8')], [ref('appeal', '1')])]) {
      expect(applyDelta(store, d).type).toBe('applied');
    }
    expect(store.awaitingResync).toBe(false);
    expect(store.seq).toBe(8);
    expect(canon(store.entities.values())).toEqual(canon([accident('6'), appeal('7'), appeal('8')]));

    // A new gap after recovery asks again.
    expect(applyDelta(store, delta('E', 10)).type).toBe('resync');
    expect(store.stats.gaps).toBe(2);
  });

  it('asks for a fresh snapshot on a delta of another epoch and keeps the old state until it arrives', () => {
    const store = storeAt('E', 5, [appeal('1')]);

    expect(applyDelta(store, delta('F', 1, [appeal('2')]))).toEqual({ type: 'resync', reason: 'epoch', request: {} });
    expect(applyDelta(store, delta('F', 2, [appeal('3')]))).toEqual({ type: 'ignored', reason: 'awaiting-resync' });
    expect(store.epoch).toBe('E');
    expect(canon(store.entities.values())).toEqual(canon([appeal('1')]));

    for (const c of chunks('F', 2, [appeal('2'), appeal('3')], [1])) applySnapshotChunk(store, c);
    expect(store.epoch).toBe('F');
    expect(store.seq).toBe(2);
    expect(canon(store.entities.values())).toEqual(canon([appeal('2'), appeal('3')]));
    // One change of generation is one epoch change.
    expect(store.stats.epochChanges).toBe(1);
  });

  it('deletes removed entities and ignores a remove of an unknown one', () => {
    const store = storeAt('E', 0, [appeal('1'), accident('2'), appeal('3')]);
    applyDelta(store, delta('E', 1, [], [ref('appeal', '1'), ref('accident', '2')]));
    applyDelta(store, delta('E', 2, [], [ref('appeal', 'missing')]));
    expect(store.seq).toBe(2);
    expect([...store.entities.keys()]).toEqual(['appeal:3']);
  });

  it('replaces an entity with the same kind and id, while an appeal and an accident with the same id coexist', () => {
    const store = storeAt('E', 0, []);
    applyDelta(store, delta('E', 1, [appeal('7'), accident('7')]));
    expect(store.entities.size).toBe(2);

    const answered = appeal('7', { version: 2, status: 'answered', answeredAt: T0 + 1 });
    applyDelta(store, delta('E', 2, [answered]));
    expect(store.entities.size).toBe(2);
    expect(store.entities.get(entityKey(ref('appeal', '7')))).toEqual(answered);
    expect(store.entities.get(entityKey(ref('accident', '7')))).toEqual(accident('7'));

    applyDelta(store, delta('E', 3, [], [ref('appeal', '7')]));
    expect([...store.entities.values()]).toEqual([accident('7')]);
  });
});

describe('entity store: heartbeats and hello', () => {
  it('asks to resume when a heartbeat shows the hub ahead (the last delta was lost)', () => {
    const store = storeAt('E', 5, [appeal('1')]);
    expect(onHeartbeat(store, heartbeat('E', 5))).toEqual({ type: 'ignored', reason: 'up-to-date' });
    expect(onHeartbeat(store, heartbeat('E', 6))).toEqual({ type: 'resync', reason: 'behind', request: { resume: { epoch: 'E', seq: 5 } } });
    expect(store.stats.gaps).toBe(1);
    expect(canon(store.entities.values())).toEqual(canon([appeal('1')]));
  });

  it('asks for a fresh snapshot when a heartbeat comes from another epoch', () => {
    const store = storeAt('E', 5, [appeal('1')]);
    expect(onHeartbeat(store, heartbeat('F', 0))).toEqual({ type: 'resync', reason: 'epoch', request: {} });
    expect(store.epoch).toBe('E');
    expect(canon(store.entities.values())).toEqual(canon([appeal('1')]));
  });

  it('subscribes from scratch on the first hello', () => {
    const store = createEntityStore();
    expect(onHello(store, hello('E', 3))).toEqual({ type: 'resync', reason: 'connect', request: {} });
    expect(store.stats.epochChanges).toBe(0);
  });

  it('resumes on a hello of the same epoch and waits for the missing deltas', () => {
    const store = storeAt('E', 5, [appeal('1')]);
    expect(onHello(store, hello('E', 9))).toEqual({ type: 'resync', reason: 'connect', request: { resume: { epoch: 'E', seq: 5 } } });
    expect(store.awaitingResync).toBe(true);
    expect(store.stats.epochChanges).toBe(0);
    expect(applyDelta(store, delta('E', 6, [appeal('6')])).type).toBe('applied');
    expect(store.awaitingResync).toBe(false);
  });

  it('after a reconnect with nothing missed, still notices the next lost delta at once', () => {
    const store = storeAt('E', 5, [appeal('1')]);
    // The hub answers this resume with no delta at all: there is nothing to wait for.
    expect(onHello(store, hello('E', 5))).toEqual({ type: 'resync', reason: 'connect', request: { resume: { epoch: 'E', seq: 5 } } });
    // Delta 6 is lost; 7 is a gap, and a heartbeat at 7 shows the store behind.
    expect(applyDelta(store, delta('E', 7, [appeal('7')]))).toEqual({ type: 'resync', reason: 'gap', request: { resume: { epoch: 'E', seq: 5 } } });
    const other = storeAt('E', 5, [appeal('1')]);
    onHello(other, hello('E', 5));
    expect(onHeartbeat(other, heartbeat('E', 6))).toEqual({ type: 'resync', reason: 'behind', request: { resume: { epoch: 'E', seq: 5 } } });
  });

  it('asks for a fresh snapshot on a hello of a new epoch, counts the change once, and keeps the state until the snapshot', () => {
    const store = storeAt('E', 5, [appeal('1')]);
    // A reconnect in the middle of a snapshot drops the partial one.
    applySnapshotChunk(store, chunks('E', 8, [appeal('1'), appeal('2')], [1])[0]);

    expect(onHello(store, hello('F', 2))).toEqual({ type: 'resync', reason: 'epoch', request: {} });
    expect(store.staging).toBeNull();
    expect(store.epoch).toBe('E');
    expect(canon(store.entities.values())).toEqual(canon([appeal('1')]));

    for (const c of chunks('F', 2, [accident('1')])) applySnapshotChunk(store, c);
    expect(store.epoch).toBe('F');
    expect(store.seq).toBe(2);
    expect(canon(store.entities.values())).toEqual(canon([accident('1')]));
    expect(store.stats.epochChanges).toBe(1);
  });
});

// ---------------------------------------------------------------------------------------
// Property: an adversarial transport against a model hub
// ---------------------------------------------------------------------------------------

type Msg = { t: 'hello'; m: Hello } | { t: 'snapshot'; m: Snapshot } | { t: 'delta'; m: Delta } | { t: 'heartbeat'; m: Heartbeat };

interface RefSpec {
  kind: EntityKind;
  n: number;
}
interface ChangeSpec {
  upserts: RefSpec[];
  removes: RefSpec[];
}
type Fate = 'deliver' | 'drop' | 'dup' | 'delay';
type Cmd =
  | { t: 'append'; change: ChangeSpec; fate: Fate }
  | { t: 'deliver'; n: number }
  | { t: 'emitChunk' }
  | { t: 'release'; pick: number }
  | { t: 'replay'; back: number }
  | { t: 'heartbeat' }
  | { t: 'hello' }
  | { t: 'reset'; reconnect: boolean };

interface Scenario {
  seed: number;
  /** How many recent deltas the hub keeps for resume. */
  retain: number;
  /** Changes in the log before the client connects. */
  prefix: ChangeSpec[];
  cmds: Cmd[];
}

/** One generation of the hub's log: `states[s]` is the exact state at seq `s`. */
interface HubLog {
  epoch: string;
  deltas: Delta[];
  states: string[][];
  current: Map<string, Entity>;
}

function newLog(epoch: string): HubLog {
  return { epoch, deltas: [], states: [[]], current: new Map() };
}

const headOf = (log: HubLog): number => log.deltas.length;

function dispatch(store: EntityStore, msg: Msg): Outcome {
  switch (msg.t) {
    case 'hello':
      return onHello(store, msg.m);
    case 'snapshot':
      return applySnapshotChunk(store, msg.m);
    case 'delta':
      return applyDelta(store, msg.m);
    case 'heartbeat':
      return onHeartbeat(store, msg.m);
  }
}

/** Small deterministic PRNG for the hub's own choices (chunk sizes, entity order). */

/**
 * The hub, one client connection with an adversarial transport, and the client loop of the
 * feed worker (every `resync` outcome is sent to the hub as `feed:subscribe`). Every message
 * delivered to the store is followed by the invariant checks. The store must recover on
 * its own: the worker's time-based retry (RESYNC_RETRY_MS) is deliberately not modelled.
 */
class Simulation {
  readonly store = createEntityStore();
  readonly logs = new Map<string, HubLog>();
  log: HubLog;
  /** Messages on their way to the client, in order. */
  wire: Msg[] = [];
  /** Deltas held back by the transport (delivered late or never). */
  held: Delta[] = [];
  /** The rest of the snapshot the hub is streaming to this client. */
  pendingChunks: Snapshot[] = [];
  /** Subscribe requests the hub has not processed yet (it answers them in order). */
  requests: Subscribe[] = [];
  /** Whether the hub sends live deltas and heartbeats to this client (after a subscribe). */
  joined = false;
  private version = 0;
  private epochs = 0;
  private readonly rnd: () => number;
  private prevEpoch: string | null = null;
  private prevSeq = -1;
  private epochTransitions = 0;

  constructor(
    private readonly scenario: Scenario,
    private readonly seen: Map<string, number>,
  ) {
    this.rnd = mulberry32(scenario.seed);
    this.log = this.newEpoch();
    for (const c of scenario.prefix) this.append(c);
  }

  private newEpoch(): HubLog {
    const log = newLog(`epoch-${this.epochs++}`);
    this.logs.set(log.epoch, log);
    return log;
  }

  private entity(spec: RefSpec): Entity {
    const v = ++this.version;
    const id = `n${spec.n}`;
    return spec.kind === 'appeal' ? appeal(id, { version: v, title: `v${v}` }) : accident(id, { version: v, residents: v });
  }

  append(change: ChangeSpec): Delta {
    const log = this.log;
    const upserts = change.upserts.map((s) => this.entity(s));
    const removes = change.removes.map((s) => ref(s.kind, `n${s.n}`));
    for (const e of upserts) log.current.set(entityKey(e), e);
    for (const r of removes) log.current.delete(entityKey(r));
    const d = delta(log.epoch, headOf(log) + 1, upserts, removes);
    log.deltas.push(d);
    log.states.push(canon(log.current.values()));
    return d;
  }

  /** Client connects (again): in-flight messages of the old connection are lost. */
  connect(): void {
    this.wire = [];
    this.held = [];
    this.pendingChunks = [];
    this.requests = [];
    this.joined = false;
    this.wire.push({ t: 'hello', m: hello(this.log.epoch, headOf(this.log)) });
  }

  /** The hub processes queued subscribes in order, one snapshot stream at a time. */
  private serve(): void {
    while (this.pendingChunks.length === 0 && this.requests.length > 0) {
      const req = this.requests.shift()!;
      this.joined = true;
      const log = this.log;
      const head = headOf(log);
      const r = req.resume;
      if (r && r.epoch === log.epoch && r.seq <= head && r.seq >= head - this.scenario.retain) {
        for (const d of log.deltas.slice(r.seq)) this.wire.push({ t: 'delta', m: d });
      } else {
        const entities = [...log.current.values()].sort(() => this.rnd() - 0.5);
        const sizes: number[] = [];
        for (let left = entities.length; left > 0;) {
          const n = Math.min(left, 1 + Math.floor(this.rnd() * 3));
          sizes.push(n);
          left -= n;
        }
        const [first, ...rest] = chunks(log.epoch, head, entities, sizes);
        // The first chunk leaves at once (it fixes the snapshot's seq); the rest stream out
        // over time, interleaved with live deltas and heartbeats.
        this.wire.push({ t: 'snapshot', m: first });
        this.pendingChunks = rest;
      }
    }
  }

  emitChunk(): void {
    const c = this.pendingChunks.shift();
    if (!c) return;
    this.wire.push({ t: 'snapshot', m: c });
    this.serve();
  }

  /** A live broadcast reaches only a subscribed client. */
  private live(msg: Msg): void {
    if (this.joined) this.wire.push(msg);
  }

  /** Delivers the next message, as the feed worker would handle it. Returns false when idle. */
  step(): boolean {
    let msg = this.wire.shift();
    if (!msg && this.pendingChunks.length > 0) {
      this.emitChunk();
      msg = this.wire.shift();
    }
    if (!msg) return false;
    const out = dispatch(this.store, msg);
    const label = out.type === 'ignored' || out.type === 'resync' ? `${out.type}:${out.reason}` : out.type;
    this.seen.set(label, (this.seen.get(label) ?? 0) + 1);
    if (out.type === 'resync') {
      this.requests.push(out.request);
      this.serve();
    }
    this.check();
    return true;
  }

  /** Invariants that hold after every message. */
  private check(): void {
    const { store } = this;
    if (store.epoch === null) {
      expect(store.entities.size).toBe(0);
      expect(store.seq).toBe(-1);
    } else {
      const log = this.logs.get(store.epoch);
      expect(log, `unknown epoch ${store.epoch}`).toBeDefined();
      expect(store.seq).toBeGreaterThanOrEqual(0);
      expect(store.seq).toBeLessThanOrEqual(headOf(log!));
      // Never a half-applied snapshot or a torn delta: exactly the hub's state at that seq.
      expect(canon(store.entities.values())).toEqual(log!.states[store.seq]);
    }
    if (store.epoch === this.prevEpoch) {
      expect(store.seq, 'seq went back within one epoch').toBeGreaterThanOrEqual(this.prevSeq);
    } else if (this.prevEpoch !== null) {
      this.epochTransitions++;
    }
    expect(store.stats.epochChanges).toBe(this.epochTransitions);
    this.prevEpoch = store.epoch;
    this.prevSeq = store.seq;
  }

  run(cmd: Cmd): void {
    switch (cmd.t) {
      case 'append': {
        const d = this.append(cmd.change);
        if (cmd.fate === 'drop') break;
        if (cmd.fate === 'delay') {
          if (this.joined) this.held.push(d);
          break;
        }
        this.live({ t: 'delta', m: d });
        if (cmd.fate === 'dup') this.live({ t: 'delta', m: d });
        break;
      }
      case 'deliver':
        for (let i = 0; i < cmd.n; i++) this.step();
        break;
      case 'emitChunk':
        this.emitChunk();
        break;
      case 'release':
        if (this.held.length > 0) this.wire.push({ t: 'delta', m: this.held.splice(cmd.pick % this.held.length, 1)[0] });
        break;
      case 'replay': {
        const head = headOf(this.log);
        if (head > 0) this.live({ t: 'delta', m: this.log.deltas[Math.max(0, head - 1 - cmd.back)] });
        break;
      }
      case 'heartbeat':
        this.live({ t: 'heartbeat', m: heartbeat(this.log.epoch, headOf(this.log)) });
        break;
      case 'hello':
        this.connect();
        break;
      case 'reset':
        this.log = this.newEpoch();
        if (cmd.reconnect) this.connect();
        break;
    }
  }

  /** Delivers everything in flight, answering every resync. */
  settle(): void {
    let steps = 0;
    while (this.step()) expect(++steps, 'the protocol did not settle').toBeLessThan(10_000);
  }

  /** No more adversary: drain, then one heartbeat of the hub (it reveals a lost last delta or a new epoch). */
  finish(): void {
    this.settle();
    this.wire.push({ t: 'heartbeat', m: heartbeat(this.log.epoch, headOf(this.log)) });
    this.settle();
  }
}

const refSpec: fc.Arbitrary<RefSpec> = fc.record({ kind: fc.constantFrom<EntityKind>('appeal', 'accident'), n: fc.integer({ min: 0, max: 3 }) });
const changeSpec: fc.Arbitrary<ChangeSpec> = fc.record({
  upserts: fc.array(refSpec, { maxLength: 3 }),
  removes: fc.array(refSpec, { maxLength: 2 }),
});
const cmdArb: fc.Arbitrary<Cmd> = fc.oneof(
  {
    weight: 10,
    arbitrary: fc.record({
      t: fc.constant('append' as const),
      change: changeSpec,
      fate: fc.constantFrom<Fate>('deliver', 'deliver', 'deliver', 'drop', 'dup', 'delay'),
    }),
  },
  { weight: 10, arbitrary: fc.record({ t: fc.constant('deliver' as const), n: fc.integer({ min: 1, max: 4 }) }) },
  { weight: 3, arbitrary: fc.constant({ t: 'emitChunk' as const }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('release' as const), pick: fc.nat(10) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('replay' as const), back: fc.nat(4) }) },
  { weight: 3, arbitrary: fc.constant({ t: 'heartbeat' as const }) },
  { weight: 1, arbitrary: fc.constant({ t: 'hello' as const }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('reset' as const), reconnect: fc.boolean() }) },
);
const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  seed: fc.integer(),
  retain: fc.oneof(fc.constant(Number.POSITIVE_INFINITY), fc.integer({ min: 0, max: 6 })),
  prefix: fc.array(changeSpec, { maxLength: 8 }),
  cmds: fc.array(cmdArb, { minLength: 10, maxLength: 150 }),
});

describe('entity store: property against an adversarial transport', () => {
  it('always ends exactly at the hub state, never showing a torn state or going back in seq', () => {
    const seen = new Map<string, number>();
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const sim = new Simulation(scenario, seen);
        sim.connect();
        for (const cmd of scenario.cmds) sim.run(cmd);
        sim.finish();

        const { store, log } = sim;
        expect(store.epoch).toBe(log.epoch);
        expect(store.seq).toBe(headOf(log));
        expect(canon(store.entities.values())).toEqual(canon(log.current.values()));
        expect(store.staging).toBeNull();
        expect(store.awaitingResync).toBe(false);
      }),
      { numRuns: 300 },
    );
    // The generator really exercises every repair path of the protocol.
    for (const label of [
      'applied',
      'snapshot-progress',
      'snapshot-complete',
      'ignored:duplicate',
      'ignored:buffered',
      'ignored:awaiting-resync',
      'ignored:up-to-date',
      'resync:gap',
      'resync:behind',
      'resync:epoch',
      'resync:connect',
    ]) {
      expect(seen.get(label) ?? 0, label).toBeGreaterThan(0);
    }
  });
});
