/**
 * A consistent copy of the hub's database while the hub runs (`npm run hub:backup -- --data DIR
 * --out FILE`), with SQLite's online backup API. A plain `cp` of `hub.sqlite` is not one: in WAL
 * mode the newest pages live in `hub.sqlite-wal`, so a copy of the main file alone can be
 * nearly empty.
 *
 * The source is opened read-only and one read transaction is held for the whole copy: every
 * step copies the same snapshot, so the hub's commits meanwhile neither block it nor make it
 * restart (stepping without it restarted ~5,600 times and never finished under a steady
 * writer). The copy is a single file (rollback journal, no -wal), checked with
 * `PRAGMA quick_check`, carries a marker (meta `backup_of`: epoch, seq, time) so a hub that
 * opens it knows it is a restore and starts a new epoch, and gets its name only once complete.
 */
import Database from 'better-sqlite3';
import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from './cli-options';
import { BACKUP_META_KEY, DB_FILE, type BackupMarker } from './sqlite-log';

export interface BackupOptions {
  /** The hub's data directory (`--data`), holding `hub.sqlite`. */
  dataDir: string;
  /** The copy to write (`--out`); an existing file is replaced once the copy is complete. */
  out: string;
  /** Told after every step. */
  onProgress?: (p: { copiedPages: number; totalPages: number }) => void;
  /** Pages copied per step (default 1,000: 4 MB at the default page size). */
  pagesPerStep?: number;
  now?: () => number;
}

export interface BackupResult {
  /** The copy's path, absolute. */
  file: string;
  epoch: string;
  /** Head seq of the copy: every change up to it, none after. */
  seq: number;
  /** Size of the copy in bytes. */
  bytes: number;
  pages: number;
  /** When the snapshot was taken (Unix ms). */
  takenAt: number;
}

export interface BackupArgs {
  data: string;
  out: string;
}

/** `--data DIR --out FILE`; every mistake is a {@link UsageError} (exit code 2). */
export function parseBackupArgs(argv: readonly string[]): BackupArgs {
  let data: string | null = null;
  let out: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      const v = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (v === undefined || v === '' || (eq < 0 && v.startsWith('--'))) throw new UsageError(`${flag}: missing value`);
      return v;
    };
    if (flag === '--data') data = value();
    else if (flag === '--out') out = value();
    else throw new UsageError(`unknown flag "${arg}" (usage: --data DIR --out FILE)`);
  }
  if (!data) throw new UsageError("--data DIR is required: the hub's data directory (usage: --data DIR --out FILE)");
  if (!out) throw new UsageError('--out FILE is required: where to write the copy (usage: --data DIR --out FILE)');
  return { data, out };
}

/** Copies `DIR/hub.sqlite` consistently into `out` (see the file comment). */
export async function backupDatabase(opts: BackupOptions): Promise<BackupResult> {
  const src = path.resolve(opts.dataDir, DB_FILE);
  const out = path.resolve(opts.out);
  if (!existsSync(src)) throw new UsageError(`--data ${opts.dataDir}: no ${DB_FILE} there`);
  if (out === src || out.startsWith(`${src}-`)) throw new UsageError(`--out ${opts.out}: that is the database itself or one of its files`);
  const outDir = path.dirname(out);
  if (!statSync(outDir, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`--out ${opts.out}: folder ${outDir} does not exist`);
  if (statSync(out, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`--out ${opts.out}: is a folder, a file name is expected`);

  const now = opts.now ?? Date.now;
  const tmp = `${out}.tmp-${process.pid}`;
  rmSync(tmp, { force: true });
  let marker: BackupMarker;
  let pages = 0;
  try {
    const db = new Database(src, { readonly: true, fileMustExist: true });
    try {
      // One snapshot for the whole copy (the hub keeps committing meanwhile).
      db.exec('BEGIN');
      const meta = new Map(
        db
          .prepare<[], { key: string; value: string }>("SELECT key, value FROM meta WHERE key IN ('epoch', 'head_seq')")
          .all()
          .map((r) => [r.key, r.value]),
      );
      const epoch = meta.get('epoch');
      if (!epoch) throw new Error(`${src} holds no hub data (no epoch)`);
      marker = { epoch, seq: Number(meta.get('head_seq') ?? 0), takenAt: now() };
      const done = await db.backup(tmp, {
        progress: ({ totalPages, remainingPages }) => {
          opts.onProgress?.({ copiedPages: totalPages - remainingPages, totalPages });
          return opts.pagesPerStep ?? 1000;
        },
      });
      pages = done.totalPages;
      db.exec('COMMIT');
    } finally {
      db.close();
    }
    const copy = new Database(tmp);
    try {
      // A single self-contained file, marked as a backup (read by SqliteFeedLog on restore).
      copy.pragma('journal_mode = DELETE');
      copy
        .prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
        .run(BACKUP_META_KEY, JSON.stringify(marker));
      const check = copy.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new Error(`the copy failed PRAGMA quick_check: ${String(check)}`);
    } finally {
      copy.close();
    }
    fsyncFile(tmp);
    renameSync(tmp, out);
    fsyncFile(outDir);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  return { file: out, ...marker, bytes: statSync(out).size, pages };
}

function fsyncFile(p: string): void {
  const fd = openSync(p, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
