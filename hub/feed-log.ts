/**
 * The hub's log of accepted changes: every change gets the next gap-free `seq` before it is
 * broadcast, and the current state is kept so a snapshot is always consistent at `headSeq`.
 *
 * `FeedLog` is the seam the durable (SQLite) log implements too; `MemoryFeedLog` keeps a
 * bounded window of recent deltas for resume and is the log of tests and of `--data`-less runs.
 */
import { randomUUID } from 'node:crypto';
import type { AlarmRecord } from '../app/alarms/alarm-record';
import { entityKey, type Entity, type EntityRef } from '../app/domain/entity';
import type { Delta } from '../app/protocol/feed';
import type { ControlCommand, ControlState } from '../app/protocol/control';

/** One change to append: entities to insert or replace, and entities to remove. */
export interface Change {
  upserts: Entity[];
  removes: EntityRef[];
}

export interface FeedLog {
  /** Generation of the log; changes on a fresh or restored database. */
  readonly epoch: string;
  /** Seq of the last appended change (0 when empty). */
  readonly headSeq: number;
  /** Number of entities in the current state. */
  readonly size: number;
  /** Appends a change; resolves once it is durable, with the delta to broadcast. */
  append(change: Change, serverTime: number): Promise<Delta>;
  /** The deltas after `seq` up to the head, or null when the log no longer retains them. */
  deltasSince(seq: number): Delta[] | null;
  /** Seq of the oldest change the log still holds (headSeq + 1 when it holds none). */
  firstSeq(): number;
  /** Retained deltas with seq > `afterSeq` and serverTime ≤ `toAt`, in seq order, at most `limit`. */
  deltasUntil(afterSeq: number, toAt: number, limit: number): Delta[];
  /** The current state, consistent at the returned seq. */
  snapshot(): { seq: number; entities: Entity[] };
  /**
   * The newest accepted entity with this key, if any: appends not yet durable count, so the
   * version check of an ingest sees the changes queued before it.
   */
  get(key: string): Entity | undefined;
  /**
   * The last version the entity with this key had when it was removed (its tombstone), or
   * undefined when no removal of it is known. Removals not yet durable count, as in `get`.
   * Tombstones are kept as long as the log retains changes (retention, or the memory window).
   */
  removedVersion(key: string): number | undefined;
  /** Number of changes the log still holds (for metrics). */
  changeCount(): number;
  /**
   * Present on a log that several hubs share (hub/cluster/nats-log.ts): it delivers every change,
   * this hub's and the other nodes', in seq order, and `append` resolves only after its own
   * change was delivered. A hub whose log has it broadcasts what the log delivers (never from
   * its appends), so every node sends the same deltas in the same order.
   */
  follow?(fn: (d: Delta) => void): void;
  /**
   * Why the log can no longer store changes (its database file was deleted or replaced while
   * open), or null while it can. Once set, every append fails with this reason.
   */
  storageFault(): string | null;
  /** Keeps a rejected input with its reason (dead-letter table). */
  deadLetter(source: string, reason: string, payload: string): void;
  /** Appends to the audit log of commands (who, what, when, result). */
  audit(entry: AuditEntry): void;
  /** A document frozen under `key` (e.g. a closed month's rating table), as it was stored; never changed after. */
  frozen(key: string): string | undefined;
  /** Freezes `json` under `key` unless something is frozen there already (the first stays). */
  freeze(key: string, json: string): void;
  /** The newest audit entries, newest first; `range` keeps those with `from ≤ at ≤ to`. */
  recentAudit(limit: number, range?: { from?: number; to?: number }): AuditEntry[];
  /** Stores an alarm record (issue 15), replacing the one with its id. */
  putAlarm(r: AlarmRecord): void;
  /** Alarm records raised in [from, to], newest first, at most `limit`; `activeOnly`: not cleared. */
  alarmRecords(q: { from?: number; to?: number; activeOnly?: boolean; limit: number }): AlarmRecord[];
  /** The newest stored version of a configuration document (issue 12), if any. */
  configLatest(name: string): ConfigVersion | undefined;
  /** One stored version of a configuration document. */
  configVersion(name: string, version: number): ConfigVersion | undefined;
  /** Every stored version of a document, newest first (every version is kept). */
  configHistory(name: string): ConfigVersion[];
  /** Stores the next version of a document; throws unless `version` is the latest + 1 (1 for the first). */
  putConfig(v: ConfigVersion): void;
  /**
   * Present on a log that several hubs share (hub/cluster/): stores the next version for every
   * node; resolves false (nothing stored) when another node stored that version first.
   * `putConfig` is then used only for the built-in version 1.
   */
  commitConfig?(v: ConfigVersion): Promise<boolean>;
  /** With `commitConfig`: calls `fn` with every version any node stores, once, in order. */
  onConfig?(fn: (v: ConfigVersion) => void): void;
  /** Present on a log that several hubs share: the control state, one for every node (control.ts). */
  readonly sharedControl?: SharedControl;
  close(): void;
}

/** The control state several hub nodes share (hub/cluster/shared-control.ts). */
export interface SharedControl {
  current(): ControlState;
  /** Applies an accepted command on every node; resolves with the state once this node has it. */
  apply(cmd: ControlCommand, at: number): Promise<ControlState>;
  /** Calls `fn` with every new state, in order, this node's commands included. */
  onChange(fn: (s: ControlState) => void): void;
  /** Commands in the stream that are not valid (skipped on every node). */
  readonly skipped: number;
}

/** One version of a configuration document (app/config/documents.ts), never changed once stored. */
export interface ConfigVersion {
  name: string;
  version: number;
  /** The validated body, plain JSON. */
  body: unknown;
  updatedAt: number;
  /** Who saved it: the token's role until named officers exist. */
  updatedBy: string;
}

/** The check every log makes before it stores a configuration version. */
export function checkNextConfigVersion(latest: ConfigVersion | undefined, v: ConfigVersion): void {
  const expected = (latest?.version ?? 0) + 1;
  if (v.version !== expected) throw new Error(`config ${v.name}: version ${v.version} is not the next one (${expected})`);
}

/** One command as the hub saw it. */
export interface AuditEntry {
  at: number;
  /** Role (namespace) and client id of the sender. */
  role: string;
  client: string;
  command: string;
  /** `ok` or the reason of the refusal. */
  result: string;
  /** The named officer who sent it (issue 15): the token's person or the one signed in by PIN. */
  person?: string | null;
}

/** A new random epoch id: time-ordered prefix + random suffix, ≤ 64 chars. */
export function newEpoch(now = Date.now()): string {
  return `${now.toString(36)}-${randomUUID().slice(0, 8)}`;
}

/** In-memory log: state map + a ring of the last `retain` deltas. */
export class MemoryFeedLog implements FeedLog {
  readonly epoch: string;
  private seq = 0;
  private readonly state = new Map<string, Entity>();
  private readonly recent: Delta[] = [];
  /** Tombstones by key in removal order (re-removal moves a key to the end), with the seq that removed it. */
  private readonly tombstones = new Map<string, { version: number; seq: number }>();

  constructor(
    private readonly retain = 10_000,
    epoch = newEpoch(),
  ) {
    this.epoch = epoch;
  }

  get headSeq(): number {
    return this.seq;
  }

  get size(): number {
    return this.state.size;
  }

  async append(change: Change, serverTime: number): Promise<Delta> {
    const seq = this.seq + 1;
    for (const e of change.upserts) this.state.set(entityKey(e), e);
    for (const r of change.removes) {
      const key = entityKey(r);
      const gone = this.state.get(key);
      if (!gone) continue;
      this.state.delete(key);
      this.tombstones.delete(key);
      this.tombstones.set(key, { version: gone.version, seq });
    }
    const delta: Delta = { epoch: this.epoch, seq: ++this.seq, upserts: change.upserts, removes: change.removes, serverTime };
    this.recent.push(delta);
    if (this.recent.length > this.retain) {
      this.recent.splice(0, this.recent.length - this.retain);
      // Tombstones leave with the changes that made them.
      const first = this.recent[0]!.seq;
      for (const [key, t] of this.tombstones) {
        if (t.seq >= first) break;
        this.tombstones.delete(key);
      }
    }
    return delta;
  }

  deltasSince(seq: number): Delta[] | null {
    if (seq > this.seq || seq < 0) return null;
    if (seq === this.seq) return [];
    const first = this.recent[0];
    if (!first || first.seq > seq + 1) return null;
    return this.recent.slice(seq + 1 - first.seq);
  }

  firstSeq(): number {
    return this.recent[0]?.seq ?? this.seq + 1;
  }

  deltasUntil(afterSeq: number, toAt: number, limit: number): Delta[] {
    const out: Delta[] = [];
    for (const d of this.recent) {
      if (d.seq <= afterSeq) continue;
      if (d.serverTime > toAt || out.length >= limit) break;
      out.push(d);
    }
    return out;
  }

  snapshot(): { seq: number; entities: Entity[] } {
    return { seq: this.seq, entities: [...this.state.values()] };
  }

  get(key: string): Entity | undefined {
    return this.state.get(key);
  }

  removedVersion(key: string): number | undefined {
    return this.tombstones.get(key)?.version;
  }

  changeCount(): number {
    return this.recent.length;
  }

  storageFault(): string | null {
    return null;
  }

  /** Rejected inputs kept in memory (bounded), for tests and `--data`-less runs. */
  readonly deadLetters: { source: string; reason: string; payload: string }[] = [];

  deadLetter(source: string, reason: string, payload: string): void {
    this.deadLetters.push({ source, reason, payload: payload.slice(0, 8192) });
    if (this.deadLetters.length > 1000) this.deadLetters.shift();
  }

  private readonly audits: AuditEntry[] = [];

  audit(entry: AuditEntry): void {
    this.audits.push(entry);
    if (this.audits.length > 10_000) this.audits.shift();
  }

  private readonly frozenDocs = new Map<string, string>();

  frozen(key: string): string | undefined {
    return this.frozenDocs.get(key);
  }

  freeze(key: string, json: string): void {
    if (!this.frozenDocs.has(key)) this.frozenDocs.set(key, json);
  }

  recentAudit(limit: number, range: { from?: number; to?: number } = {}): AuditEntry[] {
    const inRange = (e: AuditEntry) => (range.from === undefined || e.at >= range.from) && (range.to === undefined || e.at <= range.to);
    return this.audits.filter(inRange).slice(-limit).reverse();
  }

  private readonly alarms = new Map<string, AlarmRecord>();

  putAlarm(r: AlarmRecord): void {
    this.alarms.set(r.id, structuredClone(r));
    if (this.alarms.size > 10_000) this.alarms.delete(this.alarms.keys().next().value!);
  }

  alarmRecords(q: { from?: number; to?: number; activeOnly?: boolean; limit: number }): AlarmRecord[] {
    return [...this.alarms.values()]
      .filter((r) => (q.from === undefined || r.raisedAt >= q.from) && (q.to === undefined || r.raisedAt <= q.to) && (!q.activeOnly || r.clearedAt === null))
      .sort((a, b) => b.raisedAt - a.raisedAt)
      .slice(0, q.limit)
      .map((r) => structuredClone(r));
  }

  /** Configuration versions by document name, oldest first. */
  private readonly configs = new Map<string, ConfigVersion[]>();

  configLatest(name: string): ConfigVersion | undefined {
    return this.configs.get(name)?.at(-1);
  }

  configVersion(name: string, version: number): ConfigVersion | undefined {
    return this.configs.get(name)?.[version - 1];
  }

  configHistory(name: string): ConfigVersion[] {
    return [...(this.configs.get(name) ?? [])].reverse();
  }

  putConfig(v: ConfigVersion): void {
    checkNextConfigVersion(this.configLatest(v.name), v);
    const list = this.configs.get(v.name) ?? [];
    list.push(structuredClone(v));
    this.configs.set(v.name, list);
  }

  close(): void {}
}
