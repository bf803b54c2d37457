/**
 * The hub's `FeedLog` on a NATS JetStream stream (issue 16): several hub nodes share one log.
 *
 * - The stream (`--stream`, default `cur-feed`) holds nothing but changes, on one subject
 *   (`NAME.changes`): our `seq` is the stream sequence, gap-free. Everything else a cluster
 *   shares lives in the KV bucket `NAME-meta` (today: the epoch).
 * - `append` publishes the change with a message id made of its entities' ids and versions, so
 *   a retried publish (a lost ack, a NATS node lost mid-publish) is stored once; it resolves when
 *   the publish is acknowledged and this node's projection has applied that seq.
 * - Each node keeps its projection (state, recent deltas, tombstones: a `MemoryFeedLog`) by
 *   consuming the stream with an ordered consumer from seq 1, and delivers every delta (its own
 *   node's and the others') to the hub through `follow`, in seq order: the same deltas, with the
 *   same bytes, on every node.
 * - An upsert older than the stored version of its entity (two nodes accepted versions of one
 *   entity in the other order) is dropped when applied, the same way on every node.
 * - The audit log of commands is shared through the stream `NAME-audit` (shared-audit.ts), the
 *   control commands through the stream `NAME-control` (shared-control.ts), the configuration
 *   versions through the stream `NAME-config` (shared-config.ts) and the alarm record's
 *   operations through the stream `NAME-alarms` (shared-alarms.ts); dead letters and frozen
 *   documents stay in this node's memory (inherited from `MemoryFeedLog`; docs/deploy/cluster.md).
 */
import {
  connect,
  DiscardPolicy,
  RetentionPolicy,
  StorageType,
  type ConnectionOptions,
  type JetStreamClient,
  type JetStreamManager,
  type NatsConnection,
  type ObjectStore,
  type PubAck,
} from 'nats';
import { entityKey, type Entity } from '../../app/domain/entity';
import type { Delta } from '../../app/protocol/feed';
import { checkNextConfigVersion, MemoryFeedLog, newEpoch, type AuditEntry, type Change, type ConfigVersion, type SharedControl } from '../feed-log';
import { openSharedConfig, type SharedConfig } from './shared-config';
import { openSharedControl } from './shared-control';
import { changeMsgId, decodeChange, encodeChange } from './change-codec';
import { openSharedAudit, type SharedAudit } from './shared-audit';
import { publishRetrying } from './publish-retry';
import { openSharedAlarms, type SharedAlarms } from './shared-alarms';
import { readStream, type StreamReader } from './stream-reader';
import { ensureFederalStream, federalEntity, federalRef, readOnlyReason, regionOf } from './federal';
import { checkpointSeq, readCheckpoint, storedCheckpoint, writeCheckpoint, type CheckpointState } from './checkpoint';

export interface NatsLogOptions {
  /** `nats://HOST:PORT` of one or more nodes of the cluster (`--log`). */
  servers: string[];
  /** Stream name (`--stream`). */
  stream: string;
  /** Stream replicas; default: the cluster's size seen on connect, at most 3. */
  replicas?: number;
  /** Deltas kept in memory for resume (default 100,000). */
  retain?: number;
  /** How long `open` waits for the first connection (default 10 s). */
  connectTimeoutMs?: number;
  /** Extra connection options (token, user/password, TLS: docs/deploy/cluster.md). */
  connection?: Partial<ConnectionOptions>;
  /** Node name in the client connection (shown by `nats-server` monitoring). */
  name?: string;
  /** Write a checkpoint once the head is this many changes past the last one (default 10,000; 0: never). */
  checkpointEvery?: number;
  /** How often that is checked (default 60 s). */
  checkpointCheckMs?: number;
  /**
   * Deltas before its seq a checkpoint carries, as this node broadcast them (default 20,000, the
   * resume window `--max-resume-deltas`; at most `retain`): a node started from it serves resumes
   * from that far back too.
   */
  checkpointDeltas?: number;
  /** Commands after the last snapshot of the control stream that make the next one (default 1,000; 0: never). */
  controlCompactEvery?: number;
  /** Versions of each configuration document the config stream keeps (default 100; 0: all). */
  configKeep?: number;
  /**
   * Changes the stream keeps before the stored checkpoint once one is written (`CUR_NATS_KEEP`,
   * default: `retain`, the deltas a node keeps for resumes); older ones are purged. null: the
   * stream is never trimmed.
   */
  keep?: number | null;
  /**
   * `--sources`: the regions' streams this one sources (a federal view, federal.ts): the stream
   * is made (or checked) with one source per region and no subjects, the projection prefixes
   * every id with its region, and the log is read-only (`append` refuses).
   */
  sources?: string[];
  /** Messages of `open` worth printing (the federal stream's sources changed). */
  note?: (msg: string) => void;
}

export const DEFAULT_STREAM = 'cur-feed';
/** A projection behind its target that got nothing for this long consumes again. */
const STALL_MS = 3000;
/** How long a publish is tried again (same message id) before `append` fails. */
const PUBLISH_RETRY_MS = 30_000;
/** How long a node that starts waits for the checkpoint before it replays the stream instead. */
const CHECKPOINT_READ_MS = 30_000;
const DEBUG = process.env.CUR_CLUSTER_DEBUG === '1';
const dbg = (...a: unknown[]): void => {
  if (DEBUG) console.error(`[cluster ${new Date().toISOString().slice(11, 23)}]`, ...a);
};

interface Pending {
  id: number;
  entity?: Entity;
  removedVersion?: number;
}

export class NatsFeedLog extends MemoryFeedLog {
  private listeners: ((d: Delta) => void)[] = [];
  private readonly waiters = new Map<number, ((d: Delta) => void)[]>();
  /** Appends not yet applied by the projection: the version check of the next ingest sees them. */
  private readonly pending = new Map<string, Pending>();
  private pendingId = 0;
  private fault: string | null = null;
  private reader: StreamReader | null = null;
  private closing = false;
  private watchdog: ReturnType<typeof setInterval> | null = null;
  private lastProgress = Date.now();
  /** The stream's head when this node started: the projection is behind until it reaches it. */
  private target = 0;
  /** Times the consumer was made again (a NATS node lost, a stall; metrics, tests). */
  get consumerRestarts(): number {
    return this.reader?.restarts ?? 0;
  }
  /** Where the projection started: the stream's first seq, or a checkpoint (`hub: log on NATS…`). */
  startedFrom: 'stream' | { checkpoint: number } = 'stream';
  private lastCheckpoint = 0;
  /** Deltas before its seq a checkpoint carries (resumes on a node started from it). */
  private checkpointDeltas = 20_000;
  /** Changes kept before the stored checkpoint (null: no trimming). */
  private keep: number | null = null;
  /** The stream's first seq after this node's last purge (0: none yet; metrics, tests). */
  trimmedTo = 0;
  private checkpointTimer: ReturnType<typeof setInterval> | null = null;
  /** Changes this node published and the projection applied (metrics, tests). */
  published = 0;
  /** Upserts dropped on apply: older than the stored version. */
  droppedStale = 0;
  /** Stream messages that were not valid changes, in part or whole (applied as far as valid; metrics). */
  malformed = 0;
  /** A federal view's regions (`--sources`): ids are prefixed by region; null: a region's own stream. */
  sources: readonly string[] | null = null;
  /** Why this log takes no ingest (a federal view), or null (federal.ts `readOnlyOf`). */
  readOnly: string | null = null;

  private constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly checkpoints: ObjectStore,
    readonly stream: string,
    readonly replicas: number,
    epoch: string,
    retain: number,
  ) {
    super(retain, epoch);
  }

  /** Connects, makes sure the stream and the KV bucket exist, and replays the stream up to its head. */
  static async open(opts: NatsLogOptions): Promise<NatsFeedLog> {
    const nc = await connect({
      servers: opts.servers,
      name: opts.name ?? 'cur-hub',
      maxReconnectAttempts: -1,
      reconnectTimeWait: 250,
      timeout: opts.connectTimeoutMs ?? 10_000,
      pingInterval: 2000,
      maxPingOut: 2,
      ...opts.connection,
    });
    try {
      const replicas = opts.replicas ?? Math.min(3, Math.max(1, nc.info?.connect_urls?.length ?? 1));
      // A cluster that has just started may not have elected its JetStream leader yet.
      const jsm = await retrying(opts.connectTimeoutMs ?? 30_000, () => nc.jetstreamManager());
      const subject = `${opts.stream}.changes`;
      const sources = opts.sources && opts.sources.length > 0 ? opts.sources : null;
      // Nodes may start together: add is idempotent for the same configuration.
      if (sources) await retrying(opts.connectTimeoutMs ?? 30_000, () => ensureFederalStream(jsm, opts.stream, sources, replicas, opts.note));
      else
        await retrying(opts.connectTimeoutMs ?? 30_000, () =>
          jsm.streams.info(opts.stream).catch((e: Error) => {
            if (!/not found/i.test(e.message)) throw e;
            return jsm.streams.add({
              name: opts.stream,
              subjects: [subject],
              storage: StorageType.File,
              retention: RetentionPolicy.Limits,
              discard: DiscardPolicy.Old,
              num_replicas: replicas,
              duplicate_window: 120 * 1e9,
            });
          }),
        );
      const js = nc.jetstream();
      const kv = await retrying(opts.connectTimeoutMs ?? 30_000, () => js.views.kv(`${opts.stream}-meta`, { replicas, history: 1 }));
      // The first node to start sets the epoch; every other one reads it.
      const proposed = newEpoch();
      const got = await retrying(opts.connectTimeoutMs ?? 30_000, async () => {
        await kv.create('epoch', new TextEncoder().encode(proposed)).catch((e: Error) => {
          if (!/wrong last sequence|exists/i.test(e.message)) throw e;
        });
        const entry = await kv.get('epoch');
        if (!entry) throw new Error(`KV ${opts.stream}-meta has no epoch`);
        return entry;
      });
      const info = await jsm.streams.info(opts.stream);
      if (!sources && (info.config.sources ?? []).length > 0)
        throw new Error(`stream ${opts.stream} is a federal one (sources ${info.config.sources!.map((x) => x.name).join(', ')}): start the hub with --sources`);
      const checkpoints = await retrying(opts.connectTimeoutMs ?? 30_000, () => js.views.os(`${opts.stream}-checkpoint`, { replicas }));
      const log = new NatsFeedLog(nc, js, jsm, checkpoints, opts.stream, info.config.num_replicas, got.string(), opts.retain ?? 100_000);
      if (sources) {
        log.sources = sources;
        log.readOnly = readOnlyReason(opts.stream, sources);
      }
      log.checkpointDeltas = Math.min(opts.retain ?? 100_000, opts.checkpointDeltas ?? 20_000);
      await log.start(info.state.first_seq, info.state.last_seq);
      log.keep = opts.keep === undefined ? (opts.retain ?? 100_000) : opts.keep;
      log.scheduleCheckpoints(opts.checkpointEvery ?? 10_000, opts.checkpointCheckMs ?? 60_000);
      dbg('projection ready; opening the control, config, alarm and audit streams');
      log.sharedControl = await retrying(opts.connectTimeoutMs ?? 30_000, () =>
        openSharedControl(nc, jsm, js, opts.stream, log.replicas, opts.controlCompactEvery),
      );
      log.sharedConfig = await retrying(opts.connectTimeoutMs ?? 30_000, () => openSharedConfig(nc, jsm, js, opts.stream, log.replicas, opts.configKeep));
      log.alarmBus = await retrying(opts.connectTimeoutMs ?? 30_000, () => openSharedAlarms(nc, jsm, js, opts.stream, log.replicas));
      log.sharedAudit = await retrying(opts.connectTimeoutMs ?? 30_000, () => openSharedAudit(nc, jsm, js, opts.stream, log.replicas, (e) => log.keepAudit(e)));
      return log;
    } catch (e) {
      await nc.close().catch(() => undefined);
      throw e;
    }
  }

  /** Starts the ordered consumer and waits until the projection has reached `head`. */
  private async start(firstSeq: number, head: number): Promise<void> {
    const cp = head > 0 ? await checkpointSeq(this.checkpoints).catch(() => null) : null;
    if (cp !== null && cp > 0 && cp <= head && cp >= firstSeq - 1) {
      // Read through an ordered consumer of the object store, which a NATS node lost can stall
      // (stream-reader.ts): bounded; without it the node replays the stream (when it can).
      const state = await Promise.race([
        readCheckpoint(this.checkpoints).catch(() => null),
        new Promise<null>((r) => setTimeout(() => r(null), CHECKPOINT_READ_MS).unref()),
      ]);
      // Another node may have written a newer one (and trimmed the stream under it) meanwhile: any
      // checkpoint of this epoch is valid, so take it and ask for the stream's bounds again.
      if (state && state.epoch === this.epoch) {
        this.load(state);
        const now = await this.jsm.streams.info(this.stream);
        firstSeq = now.state.first_seq;
        head = Math.max(head, now.state.last_seq, state.seq);
      }
    }
    if (head > 0 && firstSeq > this.headSeq + 1)
      throw new Error(`stream ${this.stream} starts at seq ${firstSeq} and no checkpoint reaches it: the state cannot be rebuilt`);
    this.target = head;
    const ready = head <= this.headSeq ? Promise.resolve() : this.reached(head);
    this.reader = await readStream({
      nc: this.nc,
      stream: this.stream,
      next: () => this.headSeq + 1,
      onMessage: (seq, data, subject) => this.apply(seq, data, subject),
    });
    // The reader replaces a consumer that stops answering; a projection that is behind its
    // target (the stream's head, polled) and got nothing for STALL_MS has it replaced too (a
    // consumer that answers but delivers nothing: made on a peer still catching up).
    let polling = false;
    let behindSince = 0;
    this.watchdog = setInterval(() => {
      // The stream's head, so a node that stalled while only other nodes ingest notices too.
      if (!polling) {
        polling = true;
        void this.jsm.streams
          .info(this.stream)
          .then((i) => (this.target = Math.max(this.target, i.state.last_seq)))
          .catch(() => undefined)
          .finally(() => (polling = false));
      }
      const behind = this.waiters.size > 0 || this.target > this.headSeq;
      if (!behind) {
        behindSince = 0;
        return;
      }
      behindSince ||= Date.now();
      if (Date.now() - Math.max(behindSince, this.lastProgress) < STALL_MS) return;
      dbg(`projection at ${this.headSeq}, target ${this.target}, waiters ${this.waiters.size}: consumer replaced`);
      this.lastProgress = Date.now();
      this.reader?.restart(`behind: at ${this.headSeq}, head ${this.target}`);
    }, 1000);
    this.watchdog.unref();
    if (DEBUG)
      void (async () => {
        for await (const st of this.nc.status()) if (st.type !== 'pingTimer') dbg(`nats ${st.type} ${JSON.stringify(st.data)}`);
      })();
    void this.nc.closed().then((err) => {
      if (!this.closing) this.fault = `NATS connection closed${err ? `: ${err.message}` : ''}`;
    });
    await ready;
  }

  /** Starts the projection from a checkpoint (before anything is consumed). */
  private load(state: CheckpointState): void {
    const self = this as unknown as {
      seq: number;
      state: Map<string, Entity>;
      tombstones: Map<string, { version: number; seq: number }>;
      recent: Delta[];
    };
    for (const e of state.entities) self.state.set(entityKey(e), e);
    for (const [key, version, seq] of state.tombstones) self.tombstones.set(key, { version, seq });
    // The writer's newest deltas, as it broadcast them: resumes from before the checkpoint (within
    // them) get deltas from this node too. Only a consecutive run that ends at the checkpoint.
    const deltas = state.deltas ?? [];
    if (deltas.length > 0 && deltas.at(-1)!.seq === state.seq && deltas.every((d, i) => i === 0 || d.seq === deltas[i - 1]!.seq + 1))
      // In MemoryFeedLog's key order: the same bytes as the writer sent.
      for (const d of deltas.slice(-this.checkpointDeltas))
        self.recent.push({ epoch: this.epoch, seq: d.seq, upserts: d.upserts, removes: d.removes, serverTime: d.serverTime });
    self.seq = state.seq;
    this.startedFrom = { checkpoint: state.seq };
    this.lastCheckpoint = state.seq;
  }

  /**
   * Writes a checkpoint of the projection now (consistent at the head), unless the stored one is
   * as new, and trims the stream under the stored one; resolves with the stored checkpoint's seq.
   */
  async checkpoint(): Promise<number> {
    const snap = this.snapshot();
    const tomb = (this as unknown as { tombstones: Map<string, { version: number; seq: number }> }).tombstones;
    const tombstones = [...tomb].map(([k, t]): [string, number, number] => [k, t.version, t.seq]);
    // The newest deltas up to the same seq, taken in the same tick.
    const kept = this.checkpointDeltas > 0 ? (this.deltasSince(Math.max(this.firstSeq() - 1, snap.seq - this.checkpointDeltas)) ?? []) : [];
    const deltas = kept.map((d) => ({ seq: d.seq, serverTime: d.serverTime, upserts: d.upserts, removes: d.removes }));
    // Never replace a newer one (another node's): the stream may be trimmed under it already.
    const stored = await storedCheckpoint(this.checkpoints);
    if (stored && stored.epoch === this.epoch && stored.seq >= snap.seq) {
      this.lastCheckpoint = Math.max(this.lastCheckpoint, stored.seq);
      await this.trim();
      return stored.seq;
    }
    await writeCheckpoint(this.checkpoints, { seq: snap.seq, epoch: this.epoch, entities: snap.entities, tombstones, deltas });
    this.lastCheckpoint = Math.max(this.lastCheckpoint, snap.seq);
    await this.trim();
    return snap.seq;
  }

  /**
   * Purges the stream's changes older than `keep` before the stored checkpoint: the one in the
   * object store now (another node's write may have replaced ours), which every node loads when
   * it starts. A node that starts later needs nothing before it; the `keep` changes before it are
   * the margin for a node whose consumer is behind (docs/deploy/cluster.md). Resolves with the
   * stream's first seq (0: nothing purged).
   */
  async trim(): Promise<number> {
    if (this.keep === null) return 0;
    const cp = await storedCheckpoint(this.checkpoints);
    // Only under a checkpoint of this epoch: one of another epoch is not loaded by any node.
    if (!cp || cp.epoch !== this.epoch) return 0;
    const stored = cp.seq;
    const upTo = stored - this.keep; // the last seq purged
    if (upTo < 1) return 0;
    const info = await this.jsm.streams.info(this.stream);
    if (info.state.first_seq > upTo) return 0;
    // `seq`: purge everything below it.
    await this.jsm.streams.purge(this.stream, { seq: upTo + 1 });
    this.trimmedTo = upTo + 1;
    dbg(`stream ${this.stream} purged below ${upTo + 1} (checkpoint ${stored}, keep ${this.keep})`);
    return upTo + 1;
  }

  private scheduleCheckpoints(every: number, checkMs: number): void {
    if (every <= 0) return;
    let writing = false;
    this.checkpointTimer = setInterval(() => {
      if (writing || this.fault || this.headSeq - this.lastCheckpoint < every) return;
      writing = true;
      void checkpointSeq(this.checkpoints)
        .then((stored) => {
          // Another node may have written one meanwhile.
          if (stored !== null) this.lastCheckpoint = Math.max(this.lastCheckpoint, stored);
          return this.headSeq - this.lastCheckpoint >= every ? this.checkpoint() : undefined;
        })
        .catch((e: Error) => console.error(`hub: cluster checkpoint not written: ${e.message}`))
        .finally(() => (writing = false));
    }, checkMs);
    this.checkpointTimer.unref();
  }

  private async apply(seq: number, data: Uint8Array, subject: string): Promise<void> {
    if (seq <= this.headSeq) return;
    this.lastProgress = Date.now();
    if (seq !== this.headSeq + 1) {
      this.fault = `NATS stream ${this.stream}: seq ${seq} after ${this.headSeq} (a gap: the stream lost changes)`;
      return;
    }
    const decoded = decodeChange(data);
    let msg = decoded.change;
    if (decoded.error) {
      // Not a hub's change (anything with access to NATS can publish on the subject): what is
      // valid of it is applied, the rest counted and reported; the projection goes on.
      this.malformed++;
      console.error(`hub: cluster change at seq ${seq} on ${subject}: ${decoded.error}`);
    }
    if (this.sources) {
      // A federal view: every region's ids under its prefix; a message of no region's changes
      // subject (none is sourced) is applied as an empty change, so the seq stays gap-free.
      const region = regionOf(subject);
      msg = region
        ? { ...msg, upserts: msg.upserts.map((e) => federalEntity(region, e)), removes: msg.removes.map((r) => federalRef(region, r)) }
        : { ...msg, upserts: [], removes: [] };
    }
    const upserts = msg.upserts.filter((e) => {
      const stored = super.get(entityKey(e));
      if (stored && stored.version > e.version) {
        this.droppedStale++;
        return false;
      }
      return true;
    });
    // A message without a usable time takes the last change's (the same on every node): a time of
    // 0 would set every wall's hub clock to 1970, an impossible one would fail their delta check.
    const serverTime = msg.serverTime ?? this.deltasSince(this.headSeq - 1)?.[0]?.serverTime ?? 0;
    const delta = await super.append({ upserts, removes: msg.removes }, serverTime);
    for (const fn of this.listeners) {
      try {
        fn(delta);
      } catch (e) {
        console.error(`hub: cluster delta ${delta.seq} not broadcast: ${(e as Error).message}`);
      }
    }
    const w = this.waiters.get(seq);
    if (w) {
      this.waiters.delete(seq);
      for (const fn of w) fn(delta);
    }
  }

  /** Resolves with the delta at `seq` once the projection has applied it. */
  private reached(seq: number): Promise<Delta> {
    if (seq <= this.headSeq) {
      // Applied already; older than the deltas kept (a duplicate of an old change): its seq alone.
      const d = this.deltasSince(seq - 1)?.[0] ?? { epoch: this.epoch, seq, upserts: [], removes: [], serverTime: 0 };
      return Promise.resolve(d);
    }
    return new Promise((resolve) => {
      const list = this.waiters.get(seq) ?? [];
      list.push(resolve);
      this.waiters.set(seq, list);
    });
  }

  follow(fn: (d: Delta) => void): void {
    this.listeners.push(fn);
  }

  override async append(change: Change, serverTime: number): Promise<Delta> {
    if (this.readOnly) throw new Error(this.readOnly);
    if (this.fault) throw new Error(this.fault);
    const id = ++this.pendingId;
    const keys: string[] = [];
    const removed: number[] = [];
    for (const r of change.removes) removed.push(this.get(entityKey(r))?.version ?? 0);
    for (const e of change.upserts) keys.push(entityKey(e));
    change.removes.forEach((r, i) => {
      const k = entityKey(r);
      keys.push(k);
      this.pending.set(k, { id, removedVersion: removed[i] });
    });
    for (const e of change.upserts) this.pending.set(entityKey(e), { id, entity: e });
    try {
      // The stream's name in the id: a federal stream that sources several regions' streams
      // (federal.ts) de-duplicates by message id too, and two regions' equal changes (equal ids
      // and versions) must both reach it.
      const ack = await this.publish(encodeChange(change, serverTime), `${this.stream}:${changeMsgId(change, removed)}`);
      if (ack.duplicate) this.published--;
      this.published++;
      return await this.reached(ack.seq);
    } finally {
      for (const k of keys) if (this.pending.get(k)?.id === id) this.pending.delete(k);
    }
  }

  /** Publishes, trying again with the same message id while the cluster does not answer. */
  private async publish(data: Uint8Array, msgID: string): Promise<PubAck> {
    try {
      return await publishRetrying(
        this.js,
        `${this.stream}.changes`,
        data,
        { msgID },
        PUBLISH_RETRY_MS,
        () => this.closing,
        (attempt, e) => dbg(`publish attempt ${attempt} failed: ${e.message} (server ${this.nc.getServer()})`),
      );
    } catch (e) {
      throw new Error(`NATS stream ${this.stream}: not stored: ${(e as Error).message}`);
    }
  }

  override get(key: string): Entity | undefined {
    const p = this.pending.get(key);
    if (p) return p.entity;
    return super.get(key);
  }

  override removedVersion(key: string): number | undefined {
    const p = this.pending.get(key);
    if (p && !p.entity && p.removedVersion) return p.removedVersion;
    return super.removedVersion(key);
  }

  /** The control state of every node (stream `NAME-control`; control.ts). */
  sharedControl?: SharedControl & { stop(): void; readonly snapshots: number };
  /** Configuration versions of every node (stream `NAME-config`); null until open. */
  private sharedConfig: SharedConfig | null = null;

  private get configDocs(): SharedConfig {
    if (!this.sharedConfig) throw new Error('the cluster log is not open');
    return this.sharedConfig;
  }

  override configLatest(name: string): ConfigVersion | undefined {
    return this.configDocs.latest(name);
  }

  override configVersion(name: string, version: number): ConfigVersion | undefined {
    return this.configDocs.version(name, version);
  }

  override configHistory(name: string): ConfigVersion[] {
    return this.configDocs.history(name);
  }

  /** Only the built-in version 1 comes here (config-store.ts); saves go through `commitConfig`. */
  override putConfig(v: ConfigVersion): void {
    checkNextConfigVersion(this.configLatest(v.name), v);
    this.configDocs.offer(v);
  }

  commitConfig(v: ConfigVersion): Promise<boolean> {
    checkNextConfigVersion(this.configLatest(v.name), v);
    return this.configDocs.commit(v);
  }

  onConfig(fn: (v: ConfigVersion) => void): void {
    this.configDocs.onVersion(fn);
  }

  /** The cluster's alarm operations (shared-alarms.ts): the alarm store of start-hub.ts uses it (`alarmBusOf`). */
  alarmBus: SharedAlarms | null = null;

  /** The cluster's audit stream (shared-audit.ts); null until open. */
  sharedAudit: SharedAudit | null = null;

  /** An entry of any node, from the audit stream, into this node's memory. */
  private keepAudit(entry: AuditEntry): void {
    super.audit(entry);
  }

  override audit(entry: AuditEntry): void {
    if (this.sharedAudit) this.sharedAudit.publish(entry);
    else super.audit(entry);
  }

  override storageFault(): string | null {
    return this.fault;
  }

  /** The NATS server this node is connected to now (`/metrics`, `/healthz`). */
  server(): string {
    return this.nc.getServer();
  }

  override close(): void {
    this.closing = true;
    if (this.watchdog) clearInterval(this.watchdog);
    if (this.checkpointTimer) clearInterval(this.checkpointTimer);
    this.sharedAudit?.stop();
    this.alarmBus?.stop();
    this.sharedControl?.stop();
    this.sharedConfig?.stop();
    this.reader?.stop();
    void this.nc.drain().catch(() => undefined);
  }
}

/** Runs `fn` until it succeeds or `ms` have passed (then its last error). */
async function retrying<T>(ms: number, fn: () => Promise<T>): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      return await fn();
    } catch (e) {
      // A configuration that no retry mends (federal.ts): at once.
      if (Date.now() > until || (e as { permanent?: boolean }).permanent) throw e;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}
