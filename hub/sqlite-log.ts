/**
 * The durable log (SQLite via better-sqlite3, WAL). Every accepted change is appended with a
 * gap-free `seq` inside a transaction before it is broadcast; the current state is kept in
 * its own table so a snapshot stays complete after old changes are compacted away.
 *
 * Group commit: appends made in the same tick share one transaction (one fsync), each still
 * with its own seq. `synchronous = FULL` makes a resolved append survive a power cut, not
 * only a `kill -9`.
 *
 * No silent data loss. The sidecar `hub-head.json` records the last head (epoch, seq) this
 * data directory reached; it lags the database by up to a second, never runs ahead. At open,
 * a database that is missing, empty (0 bytes, or its -wal lost), behind that head or of
 * another epoch is refused ({@link DataLossError}, the CLI's exit code 4) unless
 * `acceptDataLoss`; then it starts a new epoch, so clients take a snapshot instead of resuming
 * against a rewound log. A backup made by `backup.ts` carries a marker (meta `backup_of`) and
 * always starts a new epoch once restored. A new epoch keeps the changes the database holds:
 * a restored backup replays its own history up to its head.
 * While open, the file's identity (device + inode of `hub.sqlite` and its -wal) is checked at
 * every commit and once a second: a file deleted or replaced under the hub stops every append
 * with an error ({@link SqliteFeedLog.storageFault}); nothing is acknowledged that only went
 * into an unlinked file.
 *
 * Schema: `PRAGMA user_version` and the ordered {@link MIGRATIONS}, run in one transaction at
 * open; a database newer than this code is refused.
 */
import Database from 'better-sqlite3';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { entityKey, type Entity, type EntityRef } from '../app/domain/entity';
import type { AlarmRecord } from '../app/alarms/alarm-record';
import type { Delta } from '../app/protocol/feed';
import { checkNextConfigVersion, newEpoch, type AuditEntry, type Change, type ConfigVersion, type FeedLog } from './feed-log';
import { rememberJson } from './wire';

/** The database and head file names in a data directory. */
export const DB_FILE = 'hub.sqlite';
export const HEAD_FILE = 'hub-head.json';
/** Meta key of the marker `backup.ts` writes into a copy: `{epoch, seq, takenAt}`. */
export const BACKUP_META_KEY = 'backup_of';

export interface SqliteLogOptions {
  /** Data directory; the database is `hub.sqlite` in it. */
  dir: string;
  /** Changes older than this are compacted away (the state stays complete). */
  retentionDays?: number;
  now?: () => number;
  /**
   * Start even when `hub-head.json` says data existed that the database lacks (missing, empty,
   * behind, another epoch): a new epoch over what the database holds (`--accept-data-loss`).
   */
  acceptDataLoss?: boolean;
  /** Told once when the database file is found deleted or replaced (default: console.error). */
  onFault?: (reason: string) => void;
  /** Period of the file identity check besides the one at each commit (default 1,000 ms). */
  checkEveryMs?: number;
  /** Newest dead-letter rows kept (default 20,000: ≤ 8 KB each); older ones also leave with the retention. */
  deadLetterMaxRows?: number;
  /** Newest audit rows kept (default 100,000; `--audit-max-rows`); older ones also leave with the retention. */
  auditMaxRows?: number;
}

/** The hub refuses this database to protect the data (the CLI exits with code 4). */
export class RefusedDatabaseError extends Error {}

/** The head file says data existed that this database does not hold. */
export class DataLossError extends RefusedDatabaseError {}

/** One schema step; `up` runs inside the migration transaction. */
export interface Migration {
  version: number;
  what: string;
  up(db: Database.Database): void;
}

/**
 * Every schema change, in order; a change is a new entry here, never an edit of an old one.
 * A database made before `user_version` was used (0, with a `meta` table) is version 1.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    what: 'meta, changes, entities, audit, dead letters',
    up: (db) =>
      db.exec(`
        CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS changes (seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, payload TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS changes_at ON changes(at);
        CREATE TABLE IF NOT EXISTS entities (key TEXT PRIMARY KEY, seq INTEGER NOT NULL, json TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS audit (id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, role TEXT NOT NULL, client TEXT NOT NULL, command TEXT NOT NULL, result TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS dead_letters (id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, source TEXT NOT NULL, reason TEXT NOT NULL, payload TEXT NOT NULL);
      `),
  },
  {
    version: 2,
    what: 'tombstones of removed entities (removed), filled from the retained changes',
    up: (db) => {
      db.exec(`
        CREATE TABLE removed (key TEXT PRIMARY KEY, version INTEGER NOT NULL, seq INTEGER NOT NULL, at INTEGER NOT NULL);
        CREATE INDEX removed_at ON removed(at);
      `);
      // The removals the retained log still shows, with the version of their last upsert
      // (a removal whose upserts were compacted away has none to keep).
      const last = new Map<string, number>();
      const tombs = new Map<string, [number, number, number]>();
      for (const row of db.prepare<[], { seq: number; at: number; payload: string }>('SELECT seq, at, payload FROM changes ORDER BY seq').iterate()) {
        const { upserts, removes } = JSON.parse(row.payload) as Change;
        for (const e of upserts) last.set(entityKey(e), e.version);
        for (const r of removes) {
          const key = entityKey(r);
          const version = last.get(key);
          if (version === undefined) continue;
          last.delete(key);
          tombs.set(key, [version, row.seq, row.at]);
        }
      }
      const put = db.prepare('INSERT INTO removed (key, version, seq, at) VALUES (?, ?, ?, ?)');
      for (const [key, t] of tombs) put.run(key, ...t);
    },
  },
  {
    version: 3,
    what: "frozen documents (a closed month's rating tables), never changed once written",
    up: (db) => db.exec('CREATE TABLE frozen (key TEXT PRIMARY KEY, at INTEGER NOT NULL, json TEXT NOT NULL)'),
  },
  {
    version: 4,
    what: 'configuration documents, every version kept (issue 12)',
    up: (db) =>
      db.exec(
        'CREATE TABLE config_versions (name TEXT NOT NULL, version INTEGER NOT NULL, at INTEGER NOT NULL, by TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (name, version))',
      ),
  },
  {
    version: 5,
    what: 'named officers in the audit (audit.person) and the alarm records (issue 15)',
    up: (db) =>
      db.exec(`
        ALTER TABLE audit ADD COLUMN person TEXT;
        CREATE INDEX audit_at ON audit(at);
        CREATE TABLE alarms (id TEXT PRIMARY KEY, raised_at INTEGER NOT NULL, cleared_at INTEGER, json TEXT NOT NULL);
        CREATE INDEX alarms_raised ON alarms(raised_at);
      `),
  },
  {
    version: 6,
    what: 'the shift log (issue 15): notes, procedure steps ticked or flagged, handovers confirmed (hub/shift/shift-store.ts)',
    up: (db) =>
      db.exec(`
        CREATE TABLE shift_records (id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, key TEXT NOT NULL, at INTEGER NOT NULL, json TEXT NOT NULL);
        CREATE INDEX shift_records_kind_at ON shift_records(kind, at);
        CREATE INDEX shift_records_kind_key ON shift_records(kind, key);
      `),
  },
];
/** The schema version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Brings the schema to {@link SCHEMA_VERSION} in one transaction; returns the version found. */
export function migrate(db: Database.Database, file: string): number {
  const found = db.pragma('user_version', { simple: true }) as number;
  if (found > SCHEMA_VERSION) {
    throw new RefusedDatabaseError(
      `схема ${file} новее этой версии хаба (user_version ${found}, известна до ${SCHEMA_VERSION}): обновите хаб / ` +
        `${file} has schema version ${found}, this hub knows up to ${SCHEMA_VERSION}: run a newer hub`,
    );
  }
  const from = found === 0 && hasTable(db, 'meta') ? 1 : found;
  if (found === SCHEMA_VERSION) return found;
  db.transaction(() => {
    for (const m of MIGRATIONS) if (m.version > from) m.up(db);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();
  return found;
}

interface ConfigRow {
  name: string;
  version: number;
  at: number;
  by: string;
  body: string;
}
const CONFIG_SELECT = 'SELECT name, version, at, by, body FROM config_versions';
const configOfRow = (r: ConfigRow): ConfigVersion => ({
  name: r.name,
  version: r.version,
  body: JSON.parse(r.body) as unknown,
  updatedAt: r.at,
  updatedBy: r.by,
});

function hasTable(db: Database.Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

interface Pending {
  change: Change;
  serverTime: number;
  /** Keys this change removes that existed, with their last version (tombstones). */
  tombs: [string, number][];
  resolve: (d: Delta) => void;
  reject: (e: unknown) => void;
}

/** What `hub-head.json` says: the head this directory reached, or that it cannot be read. */
type Head = { epoch: string; headSeq: number } | 'unreadable' | null;

/** Device + inode: the file's identity while the hub holds it open. */
interface FileId {
  dev: number;
  ino: number;
}

function fileId(file: string): FileId | null {
  const st = statSync(file, { throwIfNoEntry: false });
  return st ? { dev: st.dev, ino: st.ino } : null;
}

const DAY = 86_400_000;
/** State rows written by one multi-row statement (fewer calls into SQLite per entity). */
const UPSERT_ROWS = 100;
const UPSERT_ENTITY = 'INSERT INTO entities (key, seq, json) VALUES {rows} ON CONFLICT(key) DO UPDATE SET seq = excluded.seq, json = excluded.json';

/** What the database holds, read before anything is written to it. */
interface Found {
  what: 'missing' | 'zero' | 'empty' | 'data';
  epoch?: string;
  seq: number;
  backup: BackupMarker | null;
}

/** The marker of a copy made by `backup.ts`. */
export interface BackupMarker {
  epoch: string;
  seq: number;
  takenAt: number;
}

function parseMarker(v: string | undefined): BackupMarker | null {
  if (!v) return null;
  try {
    const j = JSON.parse(v) as Partial<BackupMarker>;
    return typeof j.epoch === 'string' && typeof j.seq === 'number' && typeof j.takenAt === 'number'
      ? { epoch: j.epoch, seq: j.seq, takenAt: j.takenAt }
      : null;
  } catch {
    return null;
  }
}

/**
 * Why this database cannot be the one `hub-head.json` describes (a Russian line, then an
 * English one), or null when it can: the head says data existed and the database is missing,
 * empty, behind or of another epoch.
 */
export function dataLoss(head: Head, found: Found, file: string, headFile: string): string | null {
  if (head === null || (head !== 'unreadable' && head.headSeq === 0)) return null;
  if (head === 'unreadable' && found.what === 'data') return null;
  const [expRu, expEn] =
    head === 'unreadable'
      ? [`${headFile} не читается, и нельзя убедиться, что данных не было`, `${headFile} cannot be read, so it cannot be told that no data existed`]
      : [`${headFile} говорит, что был seq ${head.headSeq} эпохи ${head.epoch}`, `${headFile} says seq ${head.headSeq} of epoch ${head.epoch} existed`];
  let foundRu: string;
  let foundEn: string;
  if (found.what === 'missing') [foundRu, foundEn] = [`${file} отсутствует`, `${file} is missing`];
  else if (found.what === 'zero') [foundRu, foundEn] = [`${file} пуст (0 байт)`, `${file} is empty (0 bytes)`];
  else if (found.what === 'empty') [foundRu, foundEn] = [`в ${file} нет данных (потерян журнал -wal?)`, `${file} holds no data (its -wal lost?)`];
  else if (head === 'unreadable') return null;
  else if (found.epoch !== head.epoch)
    [foundRu, foundEn] = [`${file} из другой эпохи, ${found.epoch} (seq ${found.seq})`, `${file} is of another epoch, ${found.epoch} (seq ${found.seq})`];
  else if (found.seq < head.headSeq) [foundRu, foundEn] = [`${file} отстаёт (seq ${found.seq})`, `${file} is behind (seq ${found.seq})`];
  else return null;
  const b = found.backup;
  const when = b ? new Date(b.takenAt).toISOString() : '';
  return `${expRu}, но ${foundRu}${b ? ` — это резервная копия от ${when}` : ''}.\n${expEn}, but ${foundEn}${b ? ` (a backup taken at ${when})` : ''}.`;
}

/** The refusal of a database that lost data: what was found, and the ways on. */
function refusal(loss: string, backup: BackupMarker | null): DataLossError {
  const [ru, en] = loss.split('\n');
  const [wayRu, wayEn] = backup
    ? [
        `Чтобы восстановить эту копию, запустите с --accept-data-loss: изменения после seq ${backup.seq} будут потеряны (новая эпоха).`,
        `To restore this backup, start with --accept-data-loss: the changes after seq ${backup.seq} are lost (a new epoch).`,
      ]
    : [
        'Восстановите базу из резервной копии (hub/README.md, «Backup and restore») или, если потеря допустима, запустите с --accept-data-loss (новая эпоха).',
        'Restore the database from a backup (hub/README.md, "Backup and restore") or, to accept the loss, start with --accept-data-loss (a new epoch).',
      ];
  return new DataLossError(`хаб не запущен: ${ru} ${wayRu}\nhub refused to start: ${en} ${wayEn}`);
}

/** Moves a -wal/-shm left without its database aside, so a new database does not take them in. */
function setAsideOrphans(file: string, now: number): string[] {
  const moved: string[] = [];
  for (const suffix of ['-wal', '-shm']) {
    if (!fileId(file + suffix)) continue;
    const to = `${file}${suffix}.orphan-${now}`;
    renameSync(file + suffix, to);
    moved.push(to);
  }
  return moved;
}

export class SqliteFeedLog implements FeedLog {
  readonly epoch: string;
  /** Why the epoch is what it is: `continued`, `fresh` or `restored`. */
  readonly epochReason: 'continued' | 'fresh' | 'restored';
  /** What `acceptDataLoss` let through (what the head file expected and what was found), or null. */
  readonly acceptedLoss: string | null;
  /** A restored backup's marker (what it was a copy of), or null. */
  readonly restoredBackup: BackupMarker | null;
  /** `user_version` the file had before this open (0: a new or pre-versioned file). */
  readonly schemaFound: number;
  /** Stray -wal/-shm files moved aside before a new database was made (their new paths). */
  readonly setAside: string[] = [];
  private seq: number;
  private readonly db: Database.Database;
  private readonly file: string;
  private readonly state = new Map<string, Entity>();
  /**
   * Entities of appends not yet committed (null: removed), by key: what `get` answers for
   * version checks meanwhile. A flush takes every pending append, so it empties this map.
   */
  private readonly unsettled = new Map<string, Entity | null>();
  /** Tombstones of appends not yet committed, by key (what `removedVersion` answers meanwhile). */
  private readonly unsettledRemoved = new Map<string, number>();
  private pending: Pending[] = [];
  private flushScheduled = false;
  private readonly sidecar: string;
  private readonly deadLetterMaxRows: number;
  private readonly retentionMs: number;
  private readonly auditMaxRows: number;
  private readonly now: () => number;
  private closed = false;
  /** Identity of the database file and its -wal as opened (the -wal's once it exists). */
  private readonly ids: { db: FileId; wal: FileId | null };
  private fault: string | null = null;
  private readonly onFault: (reason: string) => void;
  private readonly checkTimer: NodeJS.Timeout;
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
    putRemoved: Database.Statement;
    removedVersion: Database.Statement<[string], { version: number }>;
  };

  constructor(opts: SqliteLogOptions) {
    mkdirSync(opts.dir, { recursive: true });
    this.now = opts.now ?? Date.now;
    this.retentionMs = (opts.retentionDays ?? 400) * DAY;
    this.deadLetterMaxRows = opts.deadLetterMaxRows ?? 20_000;
    this.auditMaxRows = opts.auditMaxRows ?? 100_000;
    this.sidecar = path.join(opts.dir, HEAD_FILE);
    this.file = path.join(opts.dir, DB_FILE);
    this.onFault = opts.onFault ?? ((reason) => console.error(`hub: ${reason}`));
    const head = this.readSidecar();

    const before = statSync(this.file, { throwIfNoEntry: false });
    let loss: string | null = null;
    if (!before) {
      // Checked before opening: opening would create the file.
      loss = dataLoss(head, { what: 'missing', seq: 0, backup: null }, this.file, this.sidecar);
      if (loss && !opts.acceptDataLoss) throw refusal(loss, null);
      this.setAside = setAsideOrphans(this.file, this.now());
    }
    this.db = new Database(this.file);
    let found: Found;
    try {
      found = this.readFound(before?.size === 0);
      loss ??= dataLoss(head, found, this.file, this.sidecar);
      if (loss && !opts.acceptDataLoss) throw refusal(loss, found.backup);
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = FULL');
      this.schemaFound = migrate(this.db, this.file);
    } catch (e) {
      this.db.close();
      throw e;
    }
    this.acceptedLoss = loss;
    this.restoredBackup = found.backup;
    this.stmt = {
      insertChange: this.db.prepare('INSERT INTO changes (seq, at, payload) VALUES (?, ?, ?)'),
      upsertEntity: this.db.prepare(UPSERT_ENTITY.replace('{rows}', '(?, ?, ?)')),
      upsertEntities: this.db.prepare(UPSERT_ENTITY.replace('{rows}', Array<string>(UPSERT_ROWS).fill('(?, ?, ?)').join(', '))),
      deleteEntity: this.db.prepare('DELETE FROM entities WHERE key = ?'),
      setMeta: this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
      changesSince: this.db.prepare('SELECT seq, at, payload FROM changes WHERE seq > ? ORDER BY seq'),
      minSeq: this.db.prepare('SELECT MIN(seq) AS s FROM changes'),
      deadLetter: this.db.prepare('INSERT INTO dead_letters (at, source, reason, payload) VALUES (?, ?, ?, ?)'),
      audit: this.db.prepare('INSERT INTO audit (at, role, client, command, result, person) VALUES (?, ?, ?, ?, ?, ?)'),
      putRemoved: this.db.prepare(
        'INSERT INTO removed (key, version, seq, at) VALUES (?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET version = excluded.version, seq = excluded.seq, at = excluded.at',
      ),
      removedVersion: this.db.prepare<[string], { version: number }>('SELECT version FROM removed WHERE key = ?'),
    };

    this.seq = found.seq;
    if (!found.epoch) this.epochReason = 'fresh';
    else if (this.acceptedLoss || found.backup) this.epochReason = 'restored';
    else this.epochReason = 'continued';
    this.epoch = this.epochReason === 'continued' ? found.epoch! : newEpoch(this.now());
    if (this.epochReason !== 'continued') {
      // A new generation: clients cannot resume across it, but the changes the database holds
      // stay (a restored backup replays its own history up to its head).
      this.db.transaction(() => {
        this.stmt.setMeta.run('epoch', this.epoch);
        this.stmt.setMeta.run('head_seq', String(this.seq));
        this.db.prepare('DELETE FROM meta WHERE key = ?').run(BACKUP_META_KEY);
      })();
    }
    for (const row of this.db.prepare<[], { key: string; json: string }>('SELECT key, json FROM entities').iterate()) {
      this.state.set(row.key, JSON.parse(row.json) as Entity);
    }
    this.writeSidecar();
    this.ids = { db: fileId(this.file)!, wal: fileId(`${this.file}-wal`) };
    this.checkTimer = setInterval(() => this.checkFile(), opts.checkEveryMs ?? 1000);
    this.checkTimer.unref();
  }

  /** What the database holds, before any write (a refused database stays as it was). */
  private readFound(zeroBytes: boolean): Found {
    let meta: Map<string, string>;
    try {
      const version = this.db.pragma('user_version', { simple: true }) as number;
      if (version > SCHEMA_VERSION) migrate(this.db, this.file); // throws: newer than this code
      meta = hasTable(this.db, 'meta')
        ? new Map(
            this.db
              .prepare<[], { key: string; value: string }>('SELECT key, value FROM meta')
              .all()
              .map((r) => [r.key, r.value]),
          )
        : new Map();
    } catch (e) {
      if (e instanceof RefusedDatabaseError) throw e;
      throw new RefusedDatabaseError(
        `${this.file} не читается / cannot be read: ${(e as Error).message}; восстановите её из резервной копии или уберите файл / restore it from a backup or move it away`,
      );
    }
    const epoch = meta.get('epoch');
    const backup = parseMarker(meta.get(BACKUP_META_KEY));
    if (epoch) return { what: 'data', epoch, seq: Number(meta.get('head_seq') ?? 0), backup };
    const walBytes = statSync(`${this.file}-wal`, { throwIfNoEntry: false })?.size ?? 0;
    return { what: zeroBytes && walBytes === 0 ? 'zero' : 'empty', seq: 0, backup };
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
    if (this.fault) return Promise.reject(new Error(this.fault));
    return new Promise<Delta>((resolve, reject) => {
      for (const e of change.upserts) this.unsettled.set(entityKey(e), e);
      const tombs: [string, number][] = [];
      for (const r of change.removes) {
        const key = entityKey(r);
        const gone = this.get(key);
        if (gone) {
          tombs.push([key, gone.version]);
          this.unsettledRemoved.set(key, gone.version);
        }
        this.unsettled.set(key, null);
      }
      this.pending.push({ change, serverTime, tombs, resolve, reject });
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
    this.unsettledRemoved.clear();
    if (this.fault) return this.rejectAll(batch, new Error(this.fault));
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
          for (const [key, version] of p.tombs) this.stmt.putRemoved.run(key, version, seq, p.serverTime);
          const delta: Delta = { epoch: this.epoch, seq, upserts, removes, serverTime: p.serverTime };
          deltas.push(
            rememberJson(
              delta,
              `{"epoch":${JSON.stringify(this.epoch)},"seq":${seq},"upserts":[${upsertsJson}],"removes":${removesJson},"serverTime":${JSON.stringify(p.serverTime)}}`,
            ),
          );
        }
        this.writeState(rows);
        this.stmt.setMeta.run('head_seq', String(seq));
      })();
    } catch (e) {
      return this.rejectAll(batch, e);
    }
    // A file deleted or replaced before this commit took the commit with it: not durable, so
    // not acknowledged (the same path as a failed commit: no seq is used).
    const fault = this.checkFile();
    if (fault) return this.rejectAll(batch, new Error(fault));
    // Durable: now the in-memory view and the callers may move on.
    for (let i = 0; i < batch.length; i++) {
      const d = deltas[i]!;
      for (const e of d.upserts) this.state.set(entityKey(e), e);
      for (const r of d.removes) this.state.delete(entityKey(r));
      this.seq = d.seq;
      batch[i]!.resolve(d);
    }
    // The first data of a head file at 0 is recorded at once: until then a lost database
    // would look like one that never had any.
    if (this.sidecarSeq === 0) this.writeSidecar();
    else this.writeSidecarSoon();
  }

  private rejectAll(batch: Pending[], e: unknown): void {
    for (const p of batch) p.reject(e);
  }

  /**
   * Checks that `hub.sqlite` and its -wal are still the files this log opened (device +
   * inode; ≈ 2 µs a stat). Sets the fault at the first difference: deleted, or replaced.
   */
  private checkFile(): string | null {
    if (this.fault || this.closed) return this.fault;
    let why: [string, string] | null = null;
    try {
      const db = fileId(this.file);
      const wal = fileId(`${this.file}-wal`);
      const same = (a: FileId, b: FileId) => a.dev === b.dev && a.ino === b.ino;
      if (!db) why = [`база ${this.file} удалена`, `${this.file} was deleted`];
      else if (!same(db, this.ids.db))
        why = [
          `база ${this.file} заменена другим файлом (inode ${this.ids.db.ino} → ${db.ino})`,
          `${this.file} was replaced by another file (inode ${this.ids.db.ino} → ${db.ino})`,
        ];
      else if (!this.ids.wal) this.ids.wal = wal;
      else if (!wal) why = [`журнал ${this.file}-wal удалён`, `${this.file}-wal was deleted`];
      else if (!same(wal, this.ids.wal)) why = [`журнал ${this.file}-wal заменён`, `${this.file}-wal was replaced`];
    } catch {
      return null; // cannot tell (e.g. a permission error): no verdict either way
    }
    if (!why) return null;
    this.fault =
      `${why[0]} во время работы хаба: приём изменений остановлен, ничего больше не сохраняется; перезапустите хаб (он сверит базу с hub-head.json) / ` +
      `${why[1]} while the hub was running: ingest stopped, nothing more can be stored; restart the hub (it checks the database against hub-head.json)`;
    clearInterval(this.checkTimer);
    // Record at once what the lost file held, so a restart refuses to start empty over it.
    try {
      this.writeSidecar();
    } catch {
      // the data directory itself may be gone
    }
    this.onFault(this.fault);
    return this.fault;
  }

  storageFault(): string | null {
    return this.checkFile();
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
  /** Head seq the head file was last written with. */
  private sidecarSeq = -1;

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
      .prepare<[number, number, number], { seq: number; at: number; payload: string }>(
        'SELECT seq, at, payload FROM changes WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?',
      )
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

  removedVersion(key: string): number | undefined {
    const u = this.unsettledRemoved.size === 0 ? undefined : this.unsettledRemoved.get(key);
    return u ?? this.stmt.removedVersion.get(key)?.version;
  }

  /**
   * Deletes changes and tombstones older than the retention period; the state table stays
   * complete. Returns the number of changes deleted.
   */
  compact(): number {
    const cutoff = this.now() - this.retentionMs;
    return this.db.transaction(() => {
      this.db.prepare('DELETE FROM removed WHERE at < ?').run(cutoff);
      this.db.prepare('DELETE FROM audit WHERE at < ?').run(cutoff);
      this.db.prepare('DELETE FROM alarms WHERE raised_at < ? AND cleared_at IS NOT NULL').run(cutoff);
      this.db.prepare('DELETE FROM dead_letters WHERE at < ?').run(cutoff);
      // Never delete the head change: an empty table could not tell a resume is impossible.
      return this.db.prepare('DELETE FROM changes WHERE at < ? AND seq < ?').run(cutoff, this.seq).changes;
    })();
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
      let id = 0;
      for (const r of rows) id = Number(this.stmt.deadLetter.run(...r).lastInsertRowid);
      // Bounded like the audit: only the newest rows stay, whatever a hostile source sends.
      this.db.prepare('DELETE FROM dead_letters WHERE id <= ?').run(id - this.deadLetterMaxRows);
    })();
  }

  private auditWrites = 0;

  audit(e: AuditEntry): void {
    const id = Number(
      this.stmt.audit.run(e.at, e.role, e.client, e.command.slice(0, 4096), e.result.slice(0, 500), e.person?.slice(0, 200) ?? null).lastInsertRowid,
    );
    // Trimmed like the log: only the newest `auditMaxRows` rows stay (checked every 100 writes).
    if (++this.auditWrites % 100 === 0) this.db.prepare('DELETE FROM audit WHERE id <= ?').run(id - this.auditMaxRows);
  }

  frozen(key: string): string | undefined {
    return this.db.prepare<[string], { json: string }>('SELECT json FROM frozen WHERE key = ?').get(key)?.json;
  }

  freeze(key: string, json: string): void {
    this.db.prepare('INSERT OR IGNORE INTO frozen (key, at, json) VALUES (?, ?, ?)').run(key, this.now(), json);
  }

  recentAudit(limit: number, range: { from?: number; to?: number } = {}): AuditEntry[] {
    return this.db
      .prepare<[number, number, number], AuditEntry>(
        'SELECT at, role, client, command, result, person FROM audit WHERE at >= ? AND at <= ? ORDER BY id DESC LIMIT ?',
      )
      .all(range.from ?? 0, range.to ?? Number.MAX_SAFE_INTEGER, limit);
  }

  private alarmsPending = new Map<string, AlarmRecord>();

  /** Queued and written in one transaction at the end of the turn (an evaluation may raise thousands). */
  putAlarm(r: AlarmRecord): void {
    if (this.alarmsPending.size === 0) setImmediate(() => this.flushAlarms());
    this.alarmsPending.set(r.id, r);
  }

  private flushAlarms(): void {
    const rows = [...this.alarmsPending.values()];
    this.alarmsPending.clear();
    if (rows.length === 0 || this.closed) return;
    const put = this.db.prepare(
      'INSERT INTO alarms (id, raised_at, cleared_at, json) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET cleared_at = excluded.cleared_at, json = excluded.json',
    );
    this.db.transaction(() => {
      for (const r of rows) put.run(r.id, r.raisedAt, r.clearedAt, JSON.stringify(r));
    })();
  }

  alarmRecords(q: { from?: number; to?: number; activeOnly?: boolean; limit: number }): AlarmRecord[] {
    this.flushAlarms();
    const sql = `SELECT json FROM alarms WHERE raised_at >= ? AND raised_at <= ?${q.activeOnly ? ' AND cleared_at IS NULL' : ''} ORDER BY raised_at DESC, id LIMIT ?`;
    return this.db
      .prepare<[number, number, number], { json: string }>(sql)
      .all(q.from ?? 0, q.to ?? Number.MAX_SAFE_INTEGER, q.limit)
      .map((row) => JSON.parse(row.json) as AlarmRecord);
  }

  /** Appends a shift-log record (hub/shift/shift-store.ts); its own small transaction, durable when it returns. */
  putShiftRecord(kind: string, key: string, at: number, json: string): void {
    this.db.prepare('INSERT INTO shift_records (kind, key, at, json) VALUES (?, ?, ?, ?)').run(kind, key, at, json);
  }

  /** Shift-log records of a kind, oldest first: by key, or in [from, to]. */
  shiftRecords(kind: string, q: { key?: string; from?: number; to?: number; limit: number }): string[] {
    const rows =
      q.key !== undefined
        ? this.db
            .prepare<[string, string, number], { json: string }>('SELECT json FROM shift_records WHERE kind = ? AND key = ? ORDER BY id LIMIT ?')
            .all(kind, q.key, q.limit)
        : this.db
            .prepare<[string, number, number, number], { json: string }>(
              'SELECT json FROM shift_records WHERE kind = ? AND at >= ? AND at <= ? ORDER BY at, id LIMIT ?',
            )
            .all(kind, q.from ?? 0, q.to ?? Number.MAX_SAFE_INTEGER, q.limit);
    return rows.map((r) => r.json);
  }

  configLatest(name: string): ConfigVersion | undefined {
    const row = this.db.prepare<[string], ConfigRow>(`${CONFIG_SELECT} WHERE name = ? ORDER BY version DESC LIMIT 1`).get(name);
    return row && configOfRow(row);
  }

  configVersion(name: string, version: number): ConfigVersion | undefined {
    const row = this.db.prepare<[string, number], ConfigRow>(`${CONFIG_SELECT} WHERE name = ? AND version = ?`).get(name, version);
    return row && configOfRow(row);
  }

  configHistory(name: string): ConfigVersion[] {
    return this.db.prepare<[string], ConfigRow>(`${CONFIG_SELECT} WHERE name = ? ORDER BY version DESC`).all(name).map(configOfRow);
  }

  putConfig(v: ConfigVersion): void {
    // Its own small transaction, outside the feed's group commit: a save is durable when it returns.
    this.db.transaction(() => {
      checkNextConfigVersion(this.configLatest(v.name), v);
      this.db
        .prepare('INSERT INTO config_versions (name, version, at, by, body) VALUES (?, ?, ?, ?, ?)')
        .run(v.name, v.version, v.updatedAt, v.updatedBy, JSON.stringify(v.body));
    })();
  }

  deadLetterCount(): number {
    this.flushDeadLetters();
    return (this.db.prepare('SELECT COUNT(*) AS n FROM dead_letters').get() as { n: number }).n;
  }

  close(): void {
    if (this.closed) return;
    this.flush();
    this.flushDeadLetters();
    this.flushAlarms();
    if (this.sidecarTimer) clearTimeout(this.sidecarTimer);
    clearInterval(this.checkTimer);
    this.writeSidecar();
    this.closed = true;
    this.db.close();
  }

  /** The head file: null when there is none, 'unreadable' when it is there but not valid. */
  private readSidecar(): Head {
    let text: string;
    try {
      text = readFileSync(this.sidecar, 'utf8');
    } catch (e) {
      return (e as NodeJS.ErrnoException).code === 'ENOENT' ? null : 'unreadable';
    }
    try {
      const j = JSON.parse(text) as { epoch?: unknown; headSeq?: unknown };
      return typeof j.epoch === 'string' && typeof j.headSeq === 'number' && Number.isInteger(j.headSeq) && j.headSeq >= 0
        ? { epoch: j.epoch, headSeq: j.headSeq }
        : 'unreadable';
    } catch {
      return 'unreadable';
    }
  }

  private writeSidecar(): void {
    const tmp = `${this.sidecar}.tmp`;
    writeFileSync(tmp, JSON.stringify({ epoch: this.epoch, headSeq: this.seq }));
    renameSync(tmp, this.sidecar);
    this.sidecarSeq = this.seq;
  }
}
