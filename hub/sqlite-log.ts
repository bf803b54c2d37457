/**
 * The durable log (SQLite via better-sqlite3, WAL). Every accepted change is appended with a
 * gap-free `seq` inside a transaction before it is broadcast; the current state is kept in
 * its own table so a snapshot stays complete after old changes are compacted away.
 *
 * Group commit: appends made in the same tick share one transaction (one fsync), each still
 * with its own seq. `synchronous = FULL` makes a resolved append survive a power cut, not
 * only a `kill -9`.
 *
 * Epoch: a fresh database gets a new epoch. A restored one (a backup copied over the file)
 * is detected by the sidecar `hub-head.json`, which records the last head this data
 * directory reached: a database whose head is behind it has gone back in time, and clients
 * must not resume against it, so it gets a new epoch too.
 */
import Database from 'better-sqlite3';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { entityKey, type Entity, type EntityRef } from '../app/domain/entity';
import type { Delta } from '../app/protocol/feed';
import { newEpoch, type AuditEntry, type Change, type FeedLog } from './feed-log';
import { rememberJson } from './wire';

export interface SqliteLogOptions {
  /** Data directory; the database is `hub.sqlite` in it. */
  dir: string;
  /** Changes older than this are compacted away (the state stays complete). */
  retentionDays?: number;
  now?: () => number;
}

interface Pending {
  change: Change;
  serverTime: number;
  resolve: (d: Delta) => void;
  reject: (e: unknown) => void;
}

const DAY = 86_400_000;
/** State rows written by one multi-row statement (fewer calls into SQLite per entity). */
const UPSERT_ROWS = 100;
const UPSERT_ENTITY = 'INSERT INTO entities (key, seq, json) VALUES {rows} ON CONFLICT(key) DO UPDATE SET seq = excluded.seq, json = excluded.json';

export class SqliteFeedLog implements FeedLog {
  readonly epoch: string;
  /** Why the epoch is what it is: `continued`, `fresh` or `restored`. */
  readonly epochReason: 'continued' | 'fresh' | 'restored';
  private seq: number;
  private readonly db: Database.Database;
  private readonly state = new Map<string, Entity>();
  /**
   * Entities of appends not yet committed (null: removed), by key: what `get` answers for
   * version checks meanwhile. A flush takes every pending append, so it empties this map.
   */
  private readonly unsettled = new Map<string, Entity | null>();
  private pending: Pending[] = [];
  private flushScheduled = false;
  private readonly sidecar: string;
  private readonly retentionMs: number;
  private readonly now: () => number;
  private closed = false;
  private stmt: {
    insertChange: Database.Statement;
    upsertEntity: Database.Statement;
    upsertEntities: Database.Statement;
    deleteEntity: Database.Statement;
    setMeta: Database.Statement;
    changesSince: Database.Statement;
    minSeq: Database.Statement;
    deadLetter: Database.Statement;
    audit: Database.Statement;
  };

  constructor(opts: SqliteLogOptions) {
    mkdirSync(opts.dir, { recursive: true });
    this.now = opts.now ?? Date.now;
    this.retentionMs = (opts.retentionDays ?? 400) * DAY;
    this.sidecar = path.join(opts.dir, 'hub-head.json');
    this.db = new Database(path.join(opts.dir, 'hub.sqlite'));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS changes (seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, payload TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS changes_at ON changes(at);
      CREATE TABLE IF NOT EXISTS entities (key TEXT PRIMARY KEY, seq INTEGER NOT NULL, json TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS audit (id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, role TEXT NOT NULL, client TEXT NOT NULL, command TEXT NOT NULL, result TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS dead_letters (id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, source TEXT NOT NULL, reason TEXT NOT NULL, payload TEXT NOT NULL);
    `);
    const getMeta = this.db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
    this.stmt = {
      insertChange: this.db.prepare('INSERT INTO changes (seq, at, payload) VALUES (?, ?, ?)'),
      upsertEntity: this.db.prepare(UPSERT_ENTITY.replace('{rows}', '(?, ?, ?)')),
      upsertEntities: this.db.prepare(UPSERT_ENTITY.replace('{rows}', Array<string>(UPSERT_ROWS).fill('(?, ?, ?)').join(', '))),
      deleteEntity: this.db.prepare('DELETE FROM entities WHERE key = ?'),
      setMeta: this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
      changesSince: this.db.prepare('SELECT seq, at, payload FROM changes WHERE seq > ? ORDER BY seq'),
      minSeq: this.db.prepare('SELECT MIN(seq) AS s FROM changes'),
      deadLetter: this.db.prepare('INSERT INTO dead_letters (at, source, reason, payload) VALUES (?, ?, ?, ?)'),
      audit: this.db.prepare('INSERT INTO audit (at, role, client, command, result) VALUES (?, ?, ?, ?, ?)'),
    };

    const storedEpoch = getMeta.get('epoch')?.value;
    this.seq = Number(getMeta.get('head_seq')?.value ?? 0);
    const lastSeen = this.readSidecar();
    if (!storedEpoch) this.epochReason = 'fresh';
    else if (lastSeen && lastSeen.epoch === storedEpoch && lastSeen.headSeq > this.seq) this.epochReason = 'restored';
    else this.epochReason = 'continued';
    this.epoch = this.epochReason === 'continued' ? storedEpoch! : newEpoch(this.now());
    if (this.epochReason !== 'continued') {
      // A new generation: old changes cannot be resumed against; the state stays.
      this.db.transaction(() => {
        this.db.exec('DELETE FROM changes');
        this.stmt.setMeta.run('epoch', this.epoch);
        this.stmt.setMeta.run('head_seq', String(this.seq));
      })();
    }
    for (const row of this.db.prepare<[], { key: string; json: string }>('SELECT key, json FROM entities').iterate()) {
      this.state.set(row.key, JSON.parse(row.json) as Entity);
    }
    this.writeSidecar();
  }

  get headSeq(): number {
    return this.seq;
  }

  get size(): number {
    return this.state.size;
  }

  /** Number of changes the log still holds (for metrics). */
  changeCount(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM changes').get() as { n: number }).n;
  }

  append(change: Change, serverTime: number): Promise<Delta> {
    if (this.closed) return Promise.reject(new Error('log closed'));
    return new Promise<Delta>((resolve, reject) => {
      for (const e of change.upserts) this.unsettled.set(entityKey(e), e);
      for (const r of change.removes) this.unsettled.set(entityKey(r), null);
      this.pending.push({ change, serverTime, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.flushScheduled = false;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    this.unsettled.clear(); // committed or rejected below, either way settled
    const deltas: Delta[] = [];
    /** Each key's state row after the batch: [seq, JSON], or null when removed. */
    const rows = new Map<string, [number, string] | null>();
    try {
      this.db.transaction(() => {
        let seq = this.seq;
        for (const p of batch) {
          seq++;
          const { upserts, removes } = p.change;
          // Each entity is serialised once: for its row, the change's payload and the broadcast
          // of the full projection (wire.ts).
          const json = upserts.map((e) => JSON.stringify(e));
          const upsertsJson = json.join(',');
          const removesJson = JSON.stringify(removes);
          this.stmt.insertChange.run(seq, p.serverTime, `{"upserts":[${upsertsJson}],"removes":${removesJson}}`);
          upserts.forEach((e, i) => rows.set(entityKey(e), [seq, json[i]!]));
          for (const r of removes) rows.set(entityKey(r), null);
          const delta: Delta = { epoch: this.epoch, seq, upserts, removes, serverTime: p.serverTime };
          deltas.push(rememberJson(delta, `{"epoch":${JSON.stringify(this.epoch)},"seq":${seq},"upserts":[${upsertsJson}],"removes":${removesJson},"serverTime":${JSON.stringify(p.serverTime)}}`));
        }
        this.writeState(rows);
        this.stmt.setMeta.run('head_seq', String(seq));
      })();
    } catch (e) {
      for (const p of batch) p.reject(e);
      return;
    }
    // Durable: now the in-memory view and the callers may move on.
    for (let i = 0; i < batch.length; i++) {
      const d = deltas[i]!;
      for (const e of d.upserts) this.state.set(entityKey(e), e);
      for (const r of d.removes) this.state.delete(entityKey(r));
      this.seq = d.seq;
      batch[i]!.resolve(d);
    }
    this.writeSidecarSoon();
  }

  /** Writes the state rows a batch leaves behind (within its transaction). */
  private writeState(rows: Map<string, [number, string] | null>): void {
    const args: (string | number)[] = [];
    for (const [key, row] of rows) {
      if (!row) this.stmt.deleteEntity.run(key);
      else if (args.push(key, row[0], row[1]) === 3 * UPSERT_ROWS) {
        this.stmt.upsertEntities.run(args);
        args.length = 0;
      }
    }
    for (let i = 0; i < args.length; i += 3) this.stmt.upsertEntity.run(args[i], args[i + 1], args[i + 2]);
  }

  private sidecarTimer: NodeJS.Timeout | null = null;

  /**
   * The sidecar may lag the database by up to a second: restore detection only needs it to
   * never run ahead of what the database really reached.
   */
  private writeSidecarSoon(): void {
    if (this.sidecarTimer) return;
    this.sidecarTimer = setTimeout(() => {
      this.sidecarTimer = null;
      if (!this.closed) this.writeSidecar();
    }, 1000);
    this.sidecarTimer.unref();
  }

  deltasSince(seq: number): Delta[] | null {
    if (seq > this.seq || seq < 0) return null;
    if (seq === this.seq) return [];
    const min = (this.stmt.minSeq.get() as { s: number | null }).s;
    if (min === null || min > seq + 1) return null;
    const out: Delta[] = [];
    for (const row of this.stmt.changesSince.iterate(seq) as Iterable<{ seq: number; at: number; payload: string }>) {
      if (row.seq > this.seq) break;
      const { upserts, removes } = JSON.parse(row.payload) as { upserts: Entity[]; removes: EntityRef[] };
      out.push({ epoch: this.epoch, seq: row.seq, upserts, removes, serverTime: row.at });
    }
    return out;
  }

  firstSeq(): number {
    return (this.stmt.minSeq.get() as { s: number | null }).s ?? this.seq + 1;
  }

  deltasUntil(afterSeq: number, toAt: number, limit: number): Delta[] {
    const rows = this.db
      .prepare<[number, number, number], { seq: number; at: number; payload: string }>('SELECT seq, at, payload FROM changes WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?')
      .all(afterSeq, this.seq, limit);
    const out: Delta[] = [];
    for (const row of rows) {
      if (row.at > toAt) break;
      const { upserts, removes } = JSON.parse(row.payload) as { upserts: Entity[]; removes: EntityRef[] };
      out.push({ epoch: this.epoch, seq: row.seq, upserts, removes, serverTime: row.at });
    }
    return out;
  }

  snapshot(): { seq: number; entities: Entity[] } {
    return { seq: this.seq, entities: [...this.state.values()] };
  }

  get(key: string): Entity | undefined {
    const u = this.unsettled.size === 0 ? undefined : this.unsettled.get(key);
    return u === undefined ? this.state.get(key) : (u ?? undefined);
  }

  /** Deletes changes older than the retention period; the state table stays complete. */
  compact(): number {
    const cutoff = this.now() - this.retentionMs;
    // Never delete the head change: an empty table could not tell a resume is impossible.
    return this.db.prepare('DELETE FROM changes WHERE at < ? AND seq < ?').run(cutoff, this.seq).changes;
  }

  private deadPending: [number, string, string, string][] = [];

  /**
   * Keeps a rejected input with its reason (dead-letter table), truncated to 8 KB. Rejects of
   * one tick share a transaction: one fsync per batch, not per hostile item.
   */
  deadLetter(source: string, reason: string, payload: string): void {
    if (this.closed) return;
    this.deadPending.push([this.now(), source, reason, payload.slice(0, 8192)]);
    if (this.deadPending.length === 1) setImmediate(() => this.flushDeadLetters());
  }

  private flushDeadLetters(): void {
    const rows = this.deadPending;
    this.deadPending = [];
    if (rows.length === 0 || this.closed) return;
    this.db.transaction(() => {
      for (const r of rows) this.stmt.deadLetter.run(...r);
    })();
  }

  audit(e: AuditEntry): void {
    this.stmt.audit.run(e.at, e.role, e.client, e.command.slice(0, 4096), e.result.slice(0, 500));
  }

  recentAudit(limit: number): AuditEntry[] {
    return this.db.prepare<[number], AuditEntry>('SELECT at, role, client, command, result FROM audit ORDER BY id DESC LIMIT ?').all(limit);
  }

  deadLetterCount(): number {
    this.flushDeadLetters();
    return (this.db.prepare('SELECT COUNT(*) AS n FROM dead_letters').get() as { n: number }).n;
  }

  close(): void {
    if (this.closed) return;
    this.flush();
    this.flushDeadLetters();
    if (this.sidecarTimer) clearTimeout(this.sidecarTimer);
    this.writeSidecar();
    this.closed = true;
    this.db.close();
  }

  private readSidecar(): { epoch: string; headSeq: number } | null {
    try {
      const j = JSON.parse(readFileSync(this.sidecar, 'utf8')) as { epoch?: unknown; headSeq?: unknown };
      return typeof j.epoch === 'string' && typeof j.headSeq === 'number' ? { epoch: j.epoch, headSeq: j.headSeq } : null;
    } catch {
      return null;
    }
  }

  private writeSidecar(): void {
    const tmp = `${this.sidecar}.tmp`;
    writeFileSync(tmp, JSON.stringify({ epoch: this.epoch, headSeq: this.seq }));
    renameSync(tmp, this.sidecar);
  }
}
