/**
 * The durable log on a real SQLite file: restart keeps epoch, state and seq; a fresh or
 * restored database gets a new epoch; compaction keeps the state complete.
 */
import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { appeal } from '../test/support/hub-fixture';
import { BACKUP_META_KEY, DataLossError, MIGRATIONS, RefusedDatabaseError, SCHEMA_VERSION, SqliteFeedLog } from './sqlite-log';
import { jsonOf } from './wire';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'cur-log-'));
  dirs.push(d);
  return d;
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** What the README says a restore is: the copy as `hub.sqlite`, no -wal or -shm. */
function restore(copy: string, dir: string): void {
  copyFileSync(copy, path.join(dir, 'hub.sqlite'));
  rmSync(path.join(dir, 'hub.sqlite-wal'), { force: true });
  rmSync(path.join(dir, 'hub.sqlite-shm'), { force: true });
}

describe('SqliteFeedLog', () => {
  it('gives every change the next seq and keeps epoch, state and seq across a restart', async () => {
    const dir = tempDir();
    const a = new SqliteFeedLog({ dir });
    expect(a.epochReason).toBe('fresh');
    const d1 = await a.append({ upserts: [appeal({ id: 'x' }), appeal({ id: 'y' })], removes: [] }, 1000);
    const d2 = await a.append({ upserts: [], removes: [{ kind: 'appeal', id: 'x' }] }, 2000);
    expect([d1.seq, d2.seq]).toEqual([1, 2]);
    const epoch = a.epoch;
    a.close();

    const b = new SqliteFeedLog({ dir });
    expect(b.epochReason).toBe('continued');
    expect(b.epoch).toBe(epoch);
    expect(b.headSeq).toBe(2);
    expect(b.snapshot().entities.map((e) => e.id)).toEqual(['y']);
    expect(b.deltasSince(0)!.map((d) => d.seq)).toEqual([1, 2]);
    expect((await b.append({ upserts: [appeal()], removes: [] }, 3000)).seq).toBe(3);
    b.close();
  });

  it('commits appends made in the same tick together, each with its own seq (group commit)', async () => {
    const log = new SqliteFeedLog({ dir: tempDir() });
    const deltas = await Promise.all(Array.from({ length: 50 }, () => log.append({ upserts: [appeal()], removes: [] }, 1)));
    expect(deltas.map((d) => d.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(log.changeCount()).toBe(50);
    log.close();
  });

  it('refuses a restored (older) copy unless the loss is accepted; then a new epoch that keeps its history', async () => {
    const dir = tempDir();
    const backup = tempDir();
    const a = new SqliteFeedLog({ dir });
    await a.append({ upserts: [appeal({ id: 'old' })], removes: [] }, 1);
    a.close();
    copyFileSync(path.join(dir, 'hub.sqlite'), path.join(backup, 'hub.sqlite'));
    const b = new SqliteFeedLog({ dir });
    await b.append({ upserts: [appeal()], removes: [] }, 2);
    const epoch = b.epoch;
    b.close();
    // The operator restores last night's backup over the live file.
    restore(path.join(backup, 'hub.sqlite'), dir);
    expect(() => new SqliteFeedLog({ dir })).toThrow(DataLossError);
    expect(() => new SqliteFeedLog({ dir })).toThrow(/hub-head\.json says seq 2 of epoch .+ existed, but .*hub\.sqlite is behind \(seq 1\)/);
    expect(() => new SqliteFeedLog({ dir })).toThrow(/hub-head\.json говорит, что был seq 2 .* отстаёт \(seq 1\)/);
    const c = new SqliteFeedLog({ dir, acceptDataLoss: true });
    expect(c.epochReason).toBe('restored');
    expect(c.acceptedLoss).toMatch(/behind/);
    expect(c.epoch).not.toBe(epoch);
    // Its own history stays replayable, under the new epoch; new changes follow it.
    expect(c.firstSeq()).toBe(1);
    expect(c.deltasSince(0)!.map((d) => [d.seq, d.epoch, d.upserts.map((e) => e.id)])).toEqual([[1, c.epoch, ['old']]]);
    expect(c.snapshot().entities).toHaveLength(1);
    expect((await c.append({ upserts: [appeal()], removes: [] }, 3)).seq).toBe(2);
    c.close();
    // Accepted once: the head file now describes this database.
    const d = new SqliteFeedLog({ dir });
    expect([d.epochReason, d.epoch, d.headSeq]).toEqual(['continued', c.epoch, 2]);
    d.close();
  });

  it('compacts changes older than the retention period and keeps the state complete', async () => {
    let now = 0;
    const log = new SqliteFeedLog({ dir: tempDir(), retentionDays: 1, now: () => now });
    const day = 86_400_000;
    await log.append({ upserts: [appeal({ id: 'old' })], removes: [] }, 0);
    await log.append({ upserts: [appeal({ id: 'mid' })], removes: [] }, day / 2);
    await log.append({ upserts: [appeal({ id: 'new' })], removes: [] }, 3 * day);
    now = 3 * day;
    expect(log.compact()).toBe(2);
    expect(log.deltasSince(0)).toBeNull(); // a client that far behind gets a snapshot
    expect(log.deltasSince(2)!.map((d) => d.seq)).toEqual([3]);
    expect(
      log
        .snapshot()
        .entities.map((e) => e.id)
        .sort(),
    ).toEqual(['mid', 'new', 'old']);
    log.close();
  });

  it('keeps rejected inputs in the dead-letter table', () => {
    const dir = tempDir();
    const log = new SqliteFeedLog({ dir });
    log.deadLetter('http', 'schema: id missing', '{"kind":"appeal"}');
    expect(log.deadLetterCount()).toBe(1);
    log.close();
    const again = new SqliteFeedLog({ dir });
    expect(again.deadLetterCount()).toBe(1);
    again.close();
  });

  it('keeps only the newest dead letters (a hostile flood cannot fill the disk), and drops them with the retention', () => {
    let t = Date.UTC(2026, 0, 1);
    const log = new SqliteFeedLog({ dir: tempDir(), deadLetterMaxRows: 10, retentionDays: 1, now: () => t });
    for (let i = 0; i < 25; i++) log.deadLetter('http', 'schema', `{"n":${i}}`);
    expect(log.deadLetterCount()).toBe(10);
    t += 2 * 86_400_000;
    log.compact();
    expect(log.deadLetterCount()).toBe(0);
    log.close();
  });

  it('resolves appends in seq order, gap-free, across transactions', async () => {
    const log = new SqliteFeedLog({ dir: tempDir() });
    const order: number[] = [];
    const first = log.append({ upserts: [appeal()], removes: [] }, 1).then((d) => (order.push(d.seq), d));
    await new Promise((r) => setImmediate(r));
    const rest = Array.from({ length: 20 }, () => log.append({ upserts: [appeal()], removes: [] }, 2).then((d) => (order.push(d.seq), d)));
    const deltas = await Promise.all([first, ...rest]);
    expect(deltas.map((d) => d.seq)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    expect(order).toEqual(deltas.map((d) => d.seq));
    expect(log.headSeq).toBe(21);
    expect(log.deltasSince(0)!.map((d) => d.seq)).toEqual(deltas.map((d) => d.seq));
    log.close();
  });

  it('rejects the appends of a failed commit and gives their seqs to the next ones (no gap)', async () => {
    const dir = tempDir();
    const log = new SqliteFeedLog({ dir });
    await log.append({ upserts: [appeal({ id: 'a' })], removes: [] }, 1);
    // A trigger makes any transaction that stores an entity "boom" fail.
    const other = new Database(path.join(dir, 'hub.sqlite'));
    other.exec(`CREATE TRIGGER boom BEFORE INSERT ON changes WHEN NEW.payload LIKE '%"boom"%' BEGIN SELECT RAISE(ABORT, 'boom'); END`);
    other.close();
    const failed = await Promise.allSettled([
      log.append({ upserts: [appeal({ id: 'boom' })], removes: [] }, 2),
      log.append({ upserts: [appeal({ id: 'b' })], removes: [] }, 2), // same transaction
    ]);
    expect(failed.map((r) => r.status === 'rejected' && String(r.reason))).toEqual([expect.stringMatching(/boom/), expect.stringMatching(/boom/)]);
    expect(log.get('appeal:boom')).toBeUndefined();
    expect(log.headSeq).toBe(1);
    expect((await log.append({ upserts: [appeal({ id: 'c' })], removes: [] }, 3)).seq).toBe(2);
    log.close();
    const again = new SqliteFeedLog({ dir });
    expect(again.headSeq).toBe(2);
    expect(again.deltasSince(0)!.map((d) => [d.seq, d.upserts.map((e) => e.id)])).toEqual([
      [1, ['a']],
      [2, ['c']],
    ]);
    expect(
      again
        .snapshot()
        .entities.map((e) => e.id)
        .sort(),
    ).toEqual(['a', 'c']);
    again.close();
  });

  it('commits what was appended before close() and answers version checks with appends not yet committed', async () => {
    const dir = tempDir();
    const log = new SqliteFeedLog({ dir });
    await log.append({ upserts: [appeal({ id: 'v', version: 1 })], removes: [] }, 1);
    const pending = [
      log.append({ upserts: [appeal({ id: 'v', version: 5 })], removes: [] }, 2),
      log.append({ upserts: [appeal({ id: 'w' })], removes: [{ kind: 'appeal', id: 'v' }] }, 3),
    ];
    expect(log.get('appeal:v')).toBeUndefined(); // removed by the last append, though not yet durable
    expect(log.get('appeal:w')).toBeDefined();
    expect(log.snapshot().seq).toBe(1); // the snapshot holds committed changes only
    log.close();
    expect((await Promise.all(pending)).map((d) => d.seq)).toEqual([2, 3]);
    await expect(log.append({ upserts: [appeal()], removes: [] }, 4)).rejects.toThrow('log closed');
    const again = new SqliteFeedLog({ dir });
    expect(again.headSeq).toBe(3);
    expect(again.snapshot().entities.map((e) => e.id)).toEqual(['w']);
    again.close();
  });

  it('keeps the state table right for large groups that update and remove the same keys', async () => {
    const dir = tempDir();
    const log = new SqliteFeedLog({ dir });
    const ids = Array.from({ length: 250 }, (_, i) => `s${i}`);
    // One tick, one transaction: 250 new, then 30 of them updated, 5 removed, 1 removed and re-added.
    const appended = [
      log.append({ upserts: ids.map((id) => appeal({ id })), removes: [] }, 1),
      log.append(
        { upserts: ids.slice(0, 30).map((id) => appeal({ id, version: 2 })), removes: ids.slice(200, 206).map((id) => ({ kind: 'appeal' as const, id })) },
        2,
      ),
      log.append({ upserts: [appeal({ id: 's205', version: 3 })], removes: [] }, 3),
    ];
    await Promise.all(appended);
    const expected = log
      .snapshot()
      .entities.map((e) => `${e.id}@${e.version}`)
      .sort();
    expect(expected).toHaveLength(245);
    log.close();
    const again = new SqliteFeedLog({ dir });
    expect(
      again
        .snapshot()
        .entities.map((e) => `${e.id}@${e.version}`)
        .sort(),
    ).toEqual(expected);
    expect(again.get('appeal:s0')!.version).toBe(2);
    expect(again.get('appeal:s205')!.version).toBe(3);
    expect(again.get('appeal:s200')).toBeUndefined();
    again.close();
  });

  it('shows audit entries at once and keeps them', () => {
    const dir = tempDir();
    const log = new SqliteFeedLog({ dir });
    log.audit({ at: 1, role: 'touch', client: 'c1', command: '{"type":"scene:clear"}', result: 'ok' });
    log.audit({ at: 2, role: 'wall', client: 'c2', command: '{"type":"scene:clear"}', result: 'role wall may not send commands' });
    expect(log.recentAudit(1).map((e) => e.client)).toEqual(['c2']);
    log.close();
    const again = new SqliteFeedLog({ dir });
    expect(again.recentAudit(10).map((e) => e.client)).toEqual(['c2', 'c1']);
    again.close();
  });

  it('serialises each delta exactly as JSON.stringify would, once for the log and the broadcast', async () => {
    const log = new SqliteFeedLog({ dir: tempDir() });
    const d = await log.append({ upserts: [appeal({ title: 'Кавычки " и \\ слэш\n' }), appeal()], removes: [{ kind: 'accident', id: 'x' }] }, 1234.5);
    expect(jsonOf(d)).toBe(JSON.stringify(d));
    log.close();
  });
});

describe('SqliteFeedLog: no silent data loss at open', () => {
  /** A data directory whose head file says seq 2 existed; returns its epoch. */
  async function withData(dir: string): Promise<string> {
    const log = new SqliteFeedLog({ dir });
    await log.append({ upserts: [appeal()], removes: [] }, 1);
    await log.append({ upserts: [appeal()], removes: [] }, 2);
    log.close();
    return log.epoch;
  }
  const files = (dir: string) => readdirSync(dir).sort();

  it('refuses a missing database the head file says existed, without creating one', async () => {
    const dir = tempDir();
    const epoch = await withData(dir);
    rmSync(path.join(dir, 'hub.sqlite'));
    const before = files(dir);
    expect(() => new SqliteFeedLog({ dir })).toThrow(new RegExp(`says seq 2 of epoch ${epoch} existed, but .*hub\\.sqlite is missing`));
    expect(() => new SqliteFeedLog({ dir })).toThrow(/hub\.sqlite отсутствует/);
    expect(files(dir)).toEqual(before);
  });

  it('refuses a 0-byte database and one whose -wal was lost', async () => {
    const dir = tempDir();
    await withData(dir);
    writeFileSync(path.join(dir, 'hub.sqlite'), '');
    expect(() => new SqliteFeedLog({ dir })).toThrow(/hub\.sqlite is empty \(0 bytes\)/);
    expect(statSync(path.join(dir, 'hub.sqlite')).size).toBe(0);

    // Everything still in the -wal (no checkpoint yet), and the -wal gone: the kill -9 case.
    const dir2 = tempDir();
    const log = new SqliteFeedLog({ dir: dir2 });
    await log.append({ upserts: [appeal()], removes: [] }, 1);
    (log as unknown as { writeSidecar(): void }).writeSidecar();
    const walCopy = path.join(tempDir(), 'wal');
    copyFileSync(path.join(dir2, 'hub.sqlite'), walCopy); // main file as a crash leaves it
    log.close(); // checkpoints: put the pre-checkpoint main file back, without its -wal
    copyFileSync(walCopy, path.join(dir2, 'hub.sqlite'));
    rmSync(path.join(dir2, 'hub.sqlite-wal'), { force: true });
    expect(() => new SqliteFeedLog({ dir: dir2 })).toThrow(/hub\.sqlite holds no data \(its -wal lost\?\)/);
  });

  it('refuses a database of another epoch and one the head file cannot vouch for', async () => {
    const dir = tempDir();
    await withData(dir);
    const other = tempDir();
    await withData(other);
    restore(path.join(other, 'hub.sqlite'), dir);
    expect(() => new SqliteFeedLog({ dir })).toThrow(/is of another epoch/);

    const dir2 = tempDir();
    await withData(dir2);
    writeFileSync(path.join(dir2, 'hub-head.json'), '{"epo');
    // An unreadable head file with the data there: carry on (and write it anew).
    const ok = new SqliteFeedLog({ dir: dir2 });
    expect([ok.epochReason, ok.headSeq]).toEqual(['continued', 2]);
    ok.close();
    writeFileSync(path.join(dir2, 'hub-head.json'), 'garbage');
    rmSync(path.join(dir2, 'hub.sqlite'));
    expect(() => new SqliteFeedLog({ dir: dir2 })).toThrow(/hub-head\.json cannot be read, so it cannot be told that no data existed, but .*is missing/);
  });

  it('starts fresh where no data existed, and under a new epoch when the loss is accepted', async () => {
    // No head file, or a head at seq 0: nothing was there to lose.
    const dir = tempDir();
    new SqliteFeedLog({ dir }).close();
    rmSync(path.join(dir, 'hub.sqlite'));
    const fresh = new SqliteFeedLog({ dir });
    expect([fresh.epochReason, fresh.acceptedLoss]).toEqual(['fresh', null]);
    fresh.close();

    const dir2 = tempDir();
    const epoch = await withData(dir2);
    rmSync(path.join(dir2, 'hub.sqlite'));
    writeFileSync(path.join(dir2, 'hub.sqlite-wal'), 'stale'); // a -wal left without its database
    const accepted = new SqliteFeedLog({ dir: dir2, acceptDataLoss: true });
    expect(accepted.epochReason).toBe('fresh');
    expect(accepted.acceptedLoss).toMatch(/is missing/);
    expect(accepted.epoch).not.toBe(epoch);
    expect(accepted.headSeq).toBe(0);
    expect(accepted.setAside).toEqual([expect.stringMatching(/hub\.sqlite-wal\.orphan-\d+$/)]);
    expect((await accepted.append({ upserts: [appeal()], removes: [] }, 1)).seq).toBe(1);
    accepted.close();
    const again = new SqliteFeedLog({ dir: dir2 });
    expect(again.epochReason).toBe('continued');
    again.close();
  });

  it('starts a restored backup (marker in meta) under a new epoch even when it is not behind', async () => {
    const dir = tempDir();
    const epoch = await withData(dir);
    const db = new Database(path.join(dir, 'hub.sqlite'));
    db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(BACKUP_META_KEY, JSON.stringify({ epoch, seq: 2, takenAt: 5 }));
    db.close();
    const log = new SqliteFeedLog({ dir });
    expect([log.epochReason, log.acceptedLoss, log.restoredBackup]).toEqual(['restored', null, { epoch, seq: 2, takenAt: 5 }]);
    expect(log.epoch).not.toBe(epoch);
    expect(log.deltasSince(0)!.map((d) => d.seq)).toEqual([1, 2]);
    log.close();
    const again = new SqliteFeedLog({ dir });
    expect([again.epochReason, again.epoch, again.restoredBackup]).toEqual(['continued', log.epoch, null]);
    again.close();
  });
});

describe('SqliteFeedLog: the database file while open', () => {
  it('stops every append once hub.sqlite is deleted, through the failed-commit path (no gap, nothing acknowledged)', async () => {
    const dir = tempDir();
    const faults: string[] = [];
    const log = new SqliteFeedLog({ dir, onFault: (r) => faults.push(r), checkEveryMs: 3_600_000 });
    await log.append({ upserts: [appeal({ id: 'kept' })], removes: [] }, 1);
    expect(log.storageFault()).toBeNull();
    rmSync(path.join(dir, 'hub.sqlite'));
    const results = await Promise.allSettled([
      log.append({ upserts: [appeal({ id: 'lost' })], removes: [] }, 2),
      log.append({ upserts: [], removes: [{ kind: 'appeal', id: 'kept' }] }, 2),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(String((results[0] as PromiseRejectedResult).reason)).toMatch(/hub\.sqlite was deleted while the hub was running: ingest stopped/);
    expect(log.headSeq).toBe(1);
    expect(log.get('appeal:lost')).toBeUndefined();
    expect(log.get('appeal:kept')).toBeDefined();
    expect(log.storageFault()).toMatch(/удалена/);
    await expect(log.append({ upserts: [appeal()], removes: [] }, 3)).rejects.toThrow(/was deleted/);
    expect(faults).toHaveLength(1);
    log.close();
  });

  it('writes the head file at once for its first data and when the file is lost, so a restart refuses', async () => {
    const dir = tempDir();
    const head = () => JSON.parse(readFileSync(path.join(dir, 'hub-head.json'), 'utf8')) as { headSeq: number };
    const log = new SqliteFeedLog({ dir, onFault: () => undefined, checkEveryMs: 3_600_000 });
    expect(head().headSeq).toBe(0);
    await log.append({ upserts: [appeal()], removes: [] }, 1);
    expect(head().headSeq).toBe(1); // not a second later: the first data
    await log.append({ upserts: [appeal()], removes: [] }, 2);
    rmSync(path.join(dir, 'hub.sqlite'));
    expect(log.storageFault()).not.toBeNull();
    expect(head().headSeq).toBe(2);
    log.close();
    expect(() => new SqliteFeedLog({ dir })).toThrow(/says seq 2 .* is missing/);
  });

  it('notices a replaced file or a deleted -wal on its own, without an append', async () => {
    const dir = tempDir();
    const faults: string[] = [];
    const log = new SqliteFeedLog({ dir, onFault: (r) => faults.push(r), checkEveryMs: 20 });
    await log.append({ upserts: [appeal()], removes: [] }, 1);
    copyFileSync(path.join(dir, 'hub.sqlite'), path.join(dir, 'other'));
    renameSync(path.join(dir, 'other'), path.join(dir, 'hub.sqlite'));
    await vi.waitFor(() => expect(faults).toHaveLength(1), { timeout: 10_000 });
    expect(faults[0]).toMatch(/hub\.sqlite was replaced by another file \(inode \d+ → \d+\)/);
    log.close();

    const dir2 = tempDir();
    const log2 = new SqliteFeedLog({ dir: dir2, onFault: () => undefined, checkEveryMs: 3_600_000 });
    await log2.append({ upserts: [appeal()], removes: [] }, 1);
    rmSync(path.join(dir2, 'hub.sqlite-wal'));
    expect(log2.storageFault()).toMatch(/hub\.sqlite-wal was deleted/);
    log2.close();
  });

  it('reads its own database from another connection without a fault (backup, tools)', async () => {
    const dir = tempDir();
    const log = new SqliteFeedLog({ dir, checkEveryMs: 3_600_000 });
    await log.append({ upserts: [appeal()], removes: [] }, 1);
    const reader = new Database(path.join(dir, 'hub.sqlite'), { readonly: true });
    expect(reader.prepare('SELECT COUNT(*) AS n FROM changes').get()).toEqual({ n: 1 });
    reader.close();
    await log.append({ upserts: [appeal()], removes: [] }, 2);
    expect(log.storageFault()).toBeNull();
    log.close();
  });
});

describe('SqliteFeedLog: schema versions (PRAGMA user_version)', () => {
  /** A database as the hub wrote it before user_version was used (schema version 1). */
  function v1Database(dir: string): void {
    const db = new Database(path.join(dir, 'hub.sqlite'));
    db.pragma('journal_mode = WAL');
    MIGRATIONS[0]!.up(db);
    const a = appeal({ id: 'a', version: 3 });
    const b = appeal({ id: 'b', version: 1 });
    const put = db.prepare('INSERT INTO changes (seq, at, payload) VALUES (?, ?, ?)');
    put.run(1, 10, JSON.stringify({ upserts: [a, b], removes: [] }));
    put.run(
      2,
      20,
      JSON.stringify({
        upserts: [],
        removes: [
          { kind: 'appeal', id: 'a' },
          { kind: 'appeal', id: 'never' },
        ],
      }),
    );
    db.prepare('INSERT INTO entities (key, seq, json) VALUES (?, ?, ?)').run('appeal:b', 1, JSON.stringify(b));
    db.prepare("INSERT INTO meta (key, value) VALUES ('epoch', 'e1'), ('head_seq', '2')").run();
    db.close();
  }

  it('takes a pre-versioned database as version 1 and migrates it, data and epoch kept, tombstones filled', () => {
    const dir = tempDir();
    v1Database(dir);
    const log = new SqliteFeedLog({ dir });
    expect([log.schemaFound, log.epochReason, log.epoch, log.headSeq]).toEqual([0, 'continued', 'e1', 2]);
    expect(log.snapshot().entities.map((e) => e.id)).toEqual(['b']);
    expect(log.deltasSince(0)!.map((d) => d.seq)).toEqual([1, 2]);
    expect(log.removedVersion('appeal:a')).toBe(3);
    expect(log.removedVersion('appeal:never')).toBeUndefined();
    log.close();
    const db = new Database(path.join(dir, 'hub.sqlite'), { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
    const again = new SqliteFeedLog({ dir });
    expect(again.schemaFound).toBe(SCHEMA_VERSION);
    again.close();
  });

  it('writes the newest version into a new database, and refuses one newer than this code, unchanged', () => {
    const dir = tempDir();
    new SqliteFeedLog({ dir }).close();
    const db = new Database(path.join(dir, 'hub.sqlite'));
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    const bytes = readFileSync(path.join(dir, 'hub.sqlite'));
    expect(() => new SqliteFeedLog({ dir })).toThrow(RefusedDatabaseError);
    expect(() => new SqliteFeedLog({ dir })).toThrow(new RegExp(`schema version ${SCHEMA_VERSION + 1}, this hub knows up to ${SCHEMA_VERSION}`));
    expect(readFileSync(path.join(dir, 'hub.sqlite')).equals(bytes)).toBe(true);
  });

  it('runs the migrations in order, in one transaction', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    const dir = tempDir();
    v1Database(dir);
    // A migration that fails leaves the database at its old version.
    const db = new Database(path.join(dir, 'hub.sqlite'));
    db.exec('CREATE TABLE removed (x)'); // migration 2 cannot create its table
    db.close();
    expect(() => new SqliteFeedLog({ dir })).toThrow(/removed already exists/);
    const after = new Database(path.join(dir, 'hub.sqlite'), { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(0);
    after.close();
  });
});

describe('SqliteFeedLog: tombstones (removedVersion)', () => {
  it('keeps the last version of a removed entity, durable, before and after the commit', async () => {
    const dir = tempDir();
    const log = new SqliteFeedLog({ dir });
    await log.append({ upserts: [appeal({ id: 'x', version: 4 }), appeal({ id: 'y', version: 1 })], removes: [] }, 1);
    expect(log.removedVersion('appeal:x')).toBeUndefined();
    const pending = [
      log.append({ upserts: [appeal({ id: 'x', version: 6 })], removes: [] }, 2),
      log.append(
        {
          upserts: [],
          removes: [
            { kind: 'appeal', id: 'x' },
            { kind: 'appeal', id: 'unknown' },
          ],
        },
        3,
      ),
      // Removed and added again in one change: removed (removes win), at the version just added.
      log.append({ upserts: [appeal({ id: 'y', version: 2 })], removes: [{ kind: 'appeal', id: 'y' }] }, 4),
    ];
    expect(log.removedVersion('appeal:x')).toBe(6); // not yet durable: version checks see it
    await Promise.all(pending);
    expect([log.removedVersion('appeal:x'), log.removedVersion('appeal:y'), log.removedVersion('appeal:unknown')]).toEqual([6, 2, undefined]);
    // Back again, removed again: the newest removal counts.
    await log.append({ upserts: [appeal({ id: 'x', version: 9 })], removes: [] }, 5);
    expect(log.removedVersion('appeal:x')).toBe(6);
    await log.append({ upserts: [], removes: [{ kind: 'appeal', id: 'x' }] }, 6);
    log.close();
    const again = new SqliteFeedLog({ dir });
    expect([again.removedVersion('appeal:x'), again.removedVersion('appeal:y')]).toEqual([9, 2]);
    again.close();
  });

  it('forgets tombstones of a failed commit, and trims them with the retention', async () => {
    const dir = tempDir();
    let now = 0;
    const day = 86_400_000;
    const log = new SqliteFeedLog({ dir, retentionDays: 1, now: () => now });
    await log.append({ upserts: [appeal({ id: 'a', version: 2 }), appeal({ id: 'b', version: 3 }), appeal({ id: 'c' })], removes: [] }, 0);
    const other = new Database(path.join(dir, 'hub.sqlite'));
    other.exec(`CREATE TRIGGER boom BEFORE INSERT ON changes WHEN NEW.payload LIKE '%"boom"%' BEGIN SELECT RAISE(ABORT, 'boom'); END`);
    other.close();
    const failed = log.append({ upserts: [appeal({ id: 'boom' })], removes: [{ kind: 'appeal', id: 'c' }] }, 0);
    expect(log.removedVersion('appeal:c')).toBe(1);
    await expect(failed).rejects.toThrow('boom');
    expect(log.removedVersion('appeal:c')).toBeUndefined();
    await log.append({ upserts: [], removes: [{ kind: 'appeal', id: 'a' }] }, 0);
    await log.append({ upserts: [], removes: [{ kind: 'appeal', id: 'b' }] }, 2 * day);
    now = 2 * day;
    log.compact();
    expect([log.removedVersion('appeal:a'), log.removedVersion('appeal:b')]).toEqual([undefined, 3]);
    log.close();
  });
});
