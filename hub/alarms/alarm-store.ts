/**
 * The hub's one alarm record (issue 15): every alarm raised, acknowledged and cleared here,
 * whoever raised it (the rule evaluation of `alarm-rules.ts` beside, spike and silence
 * detectors). Records are persisted by the log (`FeedLog.putAlarm`: a SQLite table, or memory)
 * and published to every reading client by `alarm-live.ts`.
 *
 * - `raise` dedups by `key` while a record with that key is active (not cleared): raising it
 *   again returns the active record (its text and title follow the latest words).
 * - `ack` needs a person's name, and a comment for a critical alarm (Russian refusal otherwise).
 * - `clear` ends a record (by id or key); a later `raise` of the key makes a new record.
 * - `sync(origin, inputs)` raises every input and clears the active records of that origin
 *   that are not among them (the rule evaluation does this on every pass).
 * - In a cluster (`--log nats://…`, issue 16) the store is given an {@link AlarmBus}: raise, ack
 *   and clear are not applied here at once but published as operations to the cluster's stream
 *   `NAME-alarms`, and every node applies every node's operations in the stream's order (the
 *   same code as on one hub, with the publishing node's time). So each alarm key has one record
 *   for the whole cluster: two nodes raising a key at once publish two raises, the first in the
 *   stream makes the record and the second finds it active; an ack on one node is on every
 *   node's walls and in every node's `GET /api/v1/alarms`. Operations the nodes publish alike
 *   (every node evaluates the same rules on the same state) share a message id and are stored once.
 */
import { createHash } from 'node:crypto';
import { ackRefusal, compareRecords, type AlarmPreset, type AlarmRecord } from '../../app/alarms/alarm-record';
import type { AlarmSeverity } from '../../app/alarms/alarm-rules';
import type { Scene } from '../../app/scenes/scene';

/** What raising an alarm takes. */
export interface RaiseInput {
  /** Rule id or the detector's rule name. */
  rule: string;
  severity: AlarmSeverity;
  /** Entity key, if the alarm is about one entity. */
  entity?: string | null;
  /** Russian detail line. */
  text: string;
  /** Dedup key (e.g. `<rule>:<entity key>`, `spike:cold_water:97707000`). */
  key: string;
  /** Russian headline. @default the text */
  title?: string;
  scene?: Scene | null;
  /** @default critical */
  sound?: boolean;
  /** When the condition began. @default now */
  since?: number;
  preset?: AlarmPreset | null;
  /** Who raised it: `rules` for the rule evaluation; `sync` clears only its own. @default 'external' */
  origin?: string;
}

/** What a list asks for. */
export interface AlarmQuery {
  /** `active`: not cleared; `all`: every record. @default 'active' */
  state?: 'active' | 'all';
  /** Raised at or after (ms). */
  from?: number;
  /** Raised at or before (ms). */
  to?: number;
  /** @default 1000 */
  limit?: number;
}

/** How the store keeps records (the feed log implements it). */
export interface AlarmPersistence {
  putAlarm(r: AlarmRecord): void;
  /** Records raised in [from, to], newest first, at most `limit`; `activeOnly`: not cleared. */
  alarmRecords(q: { from?: number; to?: number; activeOnly?: boolean; limit: number }): AlarmRecord[];
}

export type AckResult = { ok: true; record: AlarmRecord } | { ok: false; error: string };

/** One change: the record after it. */
export interface AlarmChange {
  kind: 'raised' | 'updated' | 'acked' | 'cleared';
  record: AlarmRecord;
}

/** An operation on the record of a cluster, applied by every node in the stream's order. */
export type AlarmOp =
  | { op: 'raise'; at: number; input: RaiseInput }
  | { op: 'ack'; at: number; id: string; key: string; person: string; comment: string | null }
  | { op: 'clear'; at: number; id: string };

/** The cluster's channel of alarm operations (hub/cluster/shared-alarms.ts). */
export interface AlarmBus {
  /** Stores `op` for every node; resolves once stored (a message id stored already: once). */
  publish(op: AlarmOp, msgID: string): Promise<void>;
  /** Calls `apply` with every operation of the stream, in its order; resolves once the stored ones are applied. */
  attach(apply: (op: AlarmOp) => void): Promise<void>;
}

/** The bus of a log shared by a cluster (`NatsFeedLog.alarmBus`), if it has one. */
export function alarmBusOf(log: unknown): AlarmBus | undefined {
  return (log as { alarmBus?: AlarmBus } | null)?.alarmBus;
}

export function isAlarmOp(v: unknown): v is AlarmOp {
  const o = v as Partial<Record<string, unknown>> | null;
  if (!o || typeof o.at !== 'number') return false;
  if (o.op === 'raise') {
    const i = o.input as Partial<RaiseInput> | undefined;
    return !!i && typeof i.key === 'string' && typeof i.rule === 'string' && typeof i.text === 'string' && typeof i.severity === 'string';
  }
  if (o.op === 'ack') return typeof o.id === 'string' && typeof o.key === 'string' && typeof o.person === 'string';
  return o.op === 'clear' && typeof o.id === 'string';
}

const contentId = (title: string, text: string, severity: string): string =>
  createHash('sha256').update(`${severity}\n${title}\n${text}`).digest('base64url').slice(0, 16);

export class AlarmStore {
  private readonly byId = new Map<string, AlarmRecord>();
  private readonly activeByKey = new Map<string, string>();
  private readonly listeners = new Set<(c: AlarmChange) => void>();
  private revision = 0;
  /** Cluster: records raised here and published, not yet applied (an ack right after finds them). */
  private readonly provisional = new Map<string, AlarmRecord>();
  /** Cluster: the last record id of each key (message ids of raises). */
  private readonly lastIdByKey = new Map<string, string>();
  /**
   * Cluster: how many times each active record's words or severity changed, in the stream's
   * order (the same on every node). Part of a raise's message id, so words that change back
   * (A → B → A within the stream's duplicate window) are a new message, not a duplicate of the first.
   */
  private readonly updatesById = new Map<string, number>();
  /** Cluster: message ids published and not yet stored. */
  private readonly inflight = new Set<string>();
  /** Cluster: the operations of one key are published one after another (they keep their order); keys at once. */
  private readonly chains = new Map<string, Promise<void>>();
  /** Resolves once the stored operations of the cluster are applied (at once without a bus). */
  readonly ready: Promise<void>;

  constructor(private readonly deps: { now: () => number; persist?: AlarmPersistence; bus?: AlarmBus | undefined }) {
    // Active records survive a restart (their acknowledgement too); the next evaluation clears
    // the ones whose condition ended meanwhile.
    for (const r of deps.persist?.alarmRecords({ activeOnly: true, limit: 10_000 }) ?? []) {
      this.byId.set(r.id, r);
      this.activeByKey.set(r.key, r.id);
    }
    this.ready = deps.bus ? deps.bus.attach((op) => this.applyOp(op)) : Promise.resolve();
  }

  /** Increments with every change. */
  get rev(): number {
    return this.revision;
  }

  raise(input: RaiseInput): AlarmRecord {
    if (!this.deps.bus) return this.doRaise(input, this.deps.now());
    const now = this.deps.now();
    const activeId = this.activeByKey.get(input.key);
    const existing = activeId ? this.byId.get(activeId) : undefined;
    const title = input.title ?? input.text;
    if (existing && existing.title === title && existing.text === input.text && existing.severity === input.severity) return existing;
    const preview = existing
      ? { ...existing, title, text: input.text, severity: input.severity }
      : (this.provisional.get(input.key) ?? this.newRecord(input, now));
    const base = existing ? `${existing.id}:${this.updatesById.get(existing.id) ?? 0}` : (this.lastIdByKey.get(input.key) ?? '-');
    this.publishOp(
      { op: 'raise', at: now, input: { ...input, origin: input.origin ?? 'external' } },
      input.key,
      `raise:${input.key}:${base}:${contentId(title, input.text, input.severity)}`,
    );
    if (!existing) this.provisional.set(input.key, preview);
    return preview;
  }

  private newRecord(input: RaiseInput, now: number): AlarmRecord {
    const title = input.title ?? input.text;
    return {
      // `~`, not `@`: an id must not read as a social-media handle to a privacy scan of the wall's messages.
      id: `${input.key}~${now.toString(36)}`,
      key: input.key,
      rule: input.rule,
      source: input.origin ?? 'external',
      severity: input.severity,
      entity: input.entity ?? null,
      title,
      text: input.text,
      scene: input.scene ?? null,
      sound: input.sound ?? input.severity === 'critical',
      since: input.since ?? now,
      raisedAt: now,
      ackedAt: null,
      ackedBy: null,
      comment: null,
      clearedAt: null,
      preset: input.preset ?? null,
    };
  }

  /** Cluster: applies one operation of any node (in the stream's order, the same on every node). */
  private applyOp(op: AlarmOp): void {
    if (op.op === 'raise') {
      this.provisional.delete(op.input.key);
      this.doRaise(op.input, op.at);
    } else if (op.op === 'ack') {
      // By id; a record raised here that another node's raise made first: the key's active one.
      const id = this.activeByKey.get(op.key);
      const record = this.byId.get(op.id) ?? this.stored(op.id) ?? (id ? this.byId.get(id) : undefined);
      if (!record || record.ackedAt !== null) return;
      this.put({ ...record, ackedAt: op.at, ackedBy: op.person, comment: op.comment }, 'acked');
    } else this.doClear(op.id, op.at);
  }

  private publishOp(op: AlarmOp, key: string, msgID: string): void {
    const bus = this.deps.bus!;
    if (this.inflight.has(msgID)) return;
    this.inflight.add(msgID);
    const chain = (this.chains.get(key) ?? Promise.resolve())
      .then(() => bus.publish(op, msgID))
      .catch((e: Error) => {
        if (op.op === 'raise') this.provisional.delete(op.input.key);
        console.error(`alarms: ${op.op} not stored in the cluster: ${e.message}`);
      })
      .finally(() => {
        this.inflight.delete(msgID);
        if (this.chains.get(key) === chain) this.chains.delete(key);
      });
    this.chains.set(key, chain);
  }

  private doRaise(input: RaiseInput, now: number): AlarmRecord {
    const activeId = this.activeByKey.get(input.key);
    const existing = activeId ? this.byId.get(activeId) : undefined;
    const title = input.title ?? input.text;
    if (existing) {
      if (existing.title === title && existing.text === input.text && existing.severity === input.severity) return existing;
      const updated: AlarmRecord = { ...existing, title, text: input.text, severity: input.severity };
      if (this.deps.bus) this.updatesById.set(existing.id, (this.updatesById.get(existing.id) ?? 0) + 1);
      this.put(updated, 'updated');
      return updated;
    }
    const record = this.newRecord(input, now);
    this.activeByKey.set(record.key, record.id);
    this.lastIdByKey.delete(record.key);
    this.lastIdByKey.set(record.key, record.id);
    if (this.lastIdByKey.size > 100_000) this.lastIdByKey.delete(this.lastIdByKey.keys().next().value!);
    this.put(record, 'raised');
    return record;
  }

  /** Acknowledges by record id (or by the key of an active record). */
  ack(idOrKey: string, person: string | null, comment?: string | null): AckResult {
    const record = this.find(idOrKey);
    const refusal = ackRefusal(record, person, comment);
    if (refusal) return { ok: false, error: refusal };
    const acked: AlarmRecord = { ...record!, ackedAt: this.deps.now(), ackedBy: person!.trim(), comment: comment?.trim() || null };
    if (this.deps.bus) {
      const op: AlarmOp = { op: 'ack', at: acked.ackedAt!, id: acked.id, key: acked.key, person: acked.ackedBy!, comment: acked.comment };
      this.publishOp(op, acked.key, `ack:${acked.id}`);
      return { ok: true, record: acked };
    }
    this.put(acked, 'acked');
    return { ok: true, record: acked };
  }

  /** Clears by record id or key; null when no active record matches. */
  clear(idOrKey: string): AlarmRecord | null {
    if (!this.deps.bus) return this.doClear(idOrKey, this.deps.now());
    const record = this.find(idOrKey);
    if (!record || record.clearedAt !== null || !this.byId.has(record.id)) return null;
    const now = this.deps.now();
    this.publishOp({ op: 'clear', at: now, id: record.id }, record.key, `clear:${record.id}`);
    return { ...record, clearedAt: now };
  }

  private doClear(idOrKey: string, now: number): AlarmRecord | null {
    const record = this.find(idOrKey);
    if (!record || record.clearedAt !== null) return null;
    const cleared: AlarmRecord = { ...record, clearedAt: now };
    this.activeByKey.delete(record.key);
    this.put(cleared, 'cleared');
    this.byId.delete(record.id);
    this.updatesById.delete(record.id);
    return cleared;
  }

  /** Raises every input of `origin` and clears that origin's active records not among them. */
  sync(origin: string, inputs: readonly RaiseInput[]): void {
    const keys = new Set<string>();
    for (const input of inputs) {
      keys.add(input.key);
      this.raise({ ...input, origin });
    }
    for (const r of this.active()) if (r.source === origin && !keys.has(r.key)) this.clear(r.id);
  }

  /** An active record by id or key, else a stored one by id. */
  get(idOrKey: string): AlarmRecord | undefined {
    return this.find(idOrKey);
  }

  /** The active records, most urgent first. */
  active(): AlarmRecord[] {
    return [...this.byId.values()].sort(compareRecords);
  }

  /** Records by the query, newest raised first. */
  list(q: AlarmQuery = {}): AlarmRecord[] {
    const limit = Math.min(q.limit ?? 1000, 10_000);
    const inRange = (r: AlarmRecord) => (q.from === undefined || r.raisedAt >= q.from) && (q.to === undefined || r.raisedAt <= q.to);
    if ((q.state ?? 'active') === 'active' || !this.deps.persist) {
      const mem = [...this.byId.values()].filter(inRange).sort((a, b) => b.raisedAt - a.raisedAt || (a.id < b.id ? -1 : 1));
      return mem.slice(0, limit);
    }
    return this.deps.persist.alarmRecords({ ...(q.from !== undefined && { from: q.from }), ...(q.to !== undefined && { to: q.to }), limit });
  }

  /** Calls `cb` after every change; returns the unsubscribe function. */
  onChange(cb: (c: AlarmChange) => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  private find(idOrKey: string): AlarmRecord | undefined {
    const byKey = this.activeByKey.get(idOrKey);
    const found = this.byId.get(byKey ?? idOrKey) ?? (byKey ? undefined : this.stored(idOrKey));
    if (found || this.provisional.size === 0) return found;
    return this.provisional.get(idOrKey) ?? [...this.provisional.values()].find((r) => r.id === idOrKey);
  }

  /** A cleared record by id (acknowledging an alarm that has just cleared still counts). */
  private stored(id: string): AlarmRecord | undefined {
    // `KEY~time`; records stored before 2026-12-08 have `KEY@time`.
    const at = Math.max(id.lastIndexOf('~'), id.lastIndexOf('@'));
    if (at < 0 || !this.deps.persist) return undefined;
    const raisedAt = parseInt(id.slice(at + 1), 36);
    if (!Number.isFinite(raisedAt)) return undefined;
    return this.deps.persist.alarmRecords({ from: raisedAt, to: raisedAt, limit: 100 }).find((r) => r.id === id);
  }

  private put(r: AlarmRecord, kind: AlarmChange['kind']): void {
    if (r.clearedAt === null) this.byId.set(r.id, r);
    this.revision++;
    this.deps.persist?.putAlarm(r);
    for (const cb of this.listeners) {
      try {
        cb({ kind, record: r });
      } catch (e) {
        console.error(`alarms: a listener failed: ${(e as Error).message}`);
      }
    }
  }
}
