/**
 * No silent data loss (issue 10, part 3), with the built hub and backup tool as real processes
 * on real SQLite files (`node scripts/build.mjs hub` first):
 * - a database that `hub-head.json` says had data and that is deleted, 0 bytes or lost its
 *   -wal after `kill -9` → exit code 4 and a Russian + English message; `--accept-data-loss`
 *   starts it under a new epoch;
 * - `hub.sqlite` deleted while the hub runs → every ingest after it answers 503 (the socket
 *   ack an error), `/healthz` says error, `/metrics` counts it, and every acknowledged item was
 *   durable (found in the deleted file, kept alive by a hard link);
 * - `npm run hub:backup` while the hub ingests → a copy that opens and holds every acknowledged
 *   item up to its seq and none after;
 * - an older backup restored as the README says → refused, then with `--accept-data-loss` a new
 *   epoch whose replay API works up to the backup's head and on;
 * - a newer schema → exit 4; a pre-versioned (v1) database is migrated.
 * No assertion on timing.
 */
import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, linkSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { io } from 'socket.io-client';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Entity, EntityRef } from '../app/domain/entity';
import type { IngestResult } from '../app/protocol/ingest';
import { parseHubArgs } from '../hub/cli-options';
import { MIGRATIONS, SCHEMA_VERSION } from '../hub/sqlite-log';
import { makeAppeal } from './support/entities';
import { waitFor } from './support/hub-fixture';
import { HUB_CLI, health, metrics, removeDir, startHubProcess, stopAllHubProcesses, tempDataDir, type HubProcess } from './support/hub-process';

const BACKUP_CLI = path.join(path.dirname(HUB_CLI), 'backup.js');
const EXIT_REFUSED = 4;

const dirs: string[] = [];
afterEach(() => stopAllHubProcesses());
afterAll(() => dirs.forEach(removeDir));

function dataDir(): string {
  const d = tempDataDir('cur-hub-durable-');
  dirs.push(d);
  return d;
}

interface Batch {
  upserts: Entity[];
  removes: EntityRef[];
}

let nextId = 1;
/** `n` new appeals (version 1), unique ids. */
function newAppeals(n: number, prefix = 'd'): Entity[] {
  return Array.from({ length: n }, () => makeAppeal({ id: `${prefix}-${nextId++}` }));
}

async function ingest(url: string, b: Batch): Promise<{ status: number; json: IngestResult & { error?: string } }> {
  const res = await fetch(`${url}/api/v1/ingest`, {
    method: 'POST',
    headers: { authorization: 'Bearer dev-ingest', 'content-type': 'application/json' },
    body: JSON.stringify(b),
    signal: AbortSignal.timeout(20_000),
  });
  return { status: res.status, json: (await res.json()) as IngestResult & { error?: string } };
}

/** Ingests and expects every item accepted; returns the seq. */
async function ingestOk(url: string, b: Batch): Promise<number> {
  const r = await ingest(url, b);
  expect(r.status, JSON.stringify(r.json).slice(0, 500)).toBe(202);
  expect(r.json.rejected).toEqual([]);
  return r.json.seq;
}

function readHead(dir: string): { epoch: string; headSeq: number } | null {
  try {
    return JSON.parse(readFileSync(path.join(dir, 'hub-head.json'), 'utf8')) as { epoch: string; headSeq: number };
  } catch {
    return null;
  }
}

/** Runs the hub CLI to its exit (for the runs that must refuse to start). */
function runHub(dir: string, ...args: string[]) {
  return spawnSync(process.execPath, [HUB_CLI, '--host', '127.0.0.1', '--port', '0', '--source', 'none', '--data', dir, ...args], {
    encoding: 'utf8',
    timeout: 30_000,
  });
}

/** A hub with data: `batches` acknowledged batches of 5 appeals; waits until the head file has them. */
async function hubWithData(dir: string, batches = 3): Promise<{ hub: HubProcess; epoch: string; seq: number }> {
  const hub = await startHubProcess({ data: dir });
  let seq = 0;
  for (let i = 0; i < batches; i++) seq = await ingestOk(hub.url, { upserts: newAppeals(5), removes: [] });
  await waitFor(
    () => (readHead(dir)?.headSeq ?? 0) >= seq,
    20_000,
    () => `hub-head.json to reach seq ${seq}: ${JSON.stringify(readHead(dir))}`,
  );
  return { hub, epoch: (await health(hub.url)).epoch, seq };
}

/** The database's entities as `key → version`. */
function entityVersions(file: string): Map<string, number> {
  const db = new Database(file, { readonly: true });
  try {
    return new Map(
      db
        .prepare<[], { key: string; json: string }>('SELECT key, json FROM entities')
        .all()
        .map((r) => [r.key, (JSON.parse(r.json) as Entity).version]),
    );
  } finally {
    db.close();
  }
}

describe('hub start on a database that lost data', () => {
  it('exits with code 4 on a lost -wal, a deleted and a 0-byte database after kill -9; starts with --accept-data-loss', async () => {
    const dir = dataDir();
    const { hub, epoch, seq } = await hubWithData(dir);
    await hub.kill('SIGKILL');
    const db = path.join(dir, 'hub.sqlite');

    // The -wal (where the newest pages are) lost.
    rmSync(`${db}-wal`);
    let r = runHub(dir);
    expect(r.status, r.stderr).toBe(EXIT_REFUSED);
    expect(r.stderr).toMatch(new RegExp(`hub-head\\.json says seq ${seq} of epoch ${epoch} existed, but .*hub\\.sqlite (holds no data|is behind)`));

    // Deleted: refused, and no new empty database is made.
    rmSync(db);
    const files = readdirSync(dir).sort();
    r = runHub(dir);
    expect(r.status, r.stderr).toBe(EXIT_REFUSED);
    expect(r.stderr).toContain(`hub-head.json говорит, что был seq ${seq} эпохи ${epoch}, но ${db} отсутствует`);
    expect(r.stderr).toContain(`hub refused to start: ${path.join(dir, 'hub-head.json')} says seq ${seq} of epoch ${epoch} existed, but ${db} is missing.`);
    expect(r.stderr).toMatch(/--accept-data-loss/);
    expect(readdirSync(dir).sort()).toEqual(files);

    // 0 bytes.
    writeFileSync(db, '');
    r = runHub(dir);
    expect(r.status, r.stderr).toBe(EXIT_REFUSED);
    expect(r.stderr).toMatch(/hub\.sqlite is empty \(0 bytes\)/);

    // Accepted: a new epoch, a loud warning, and it works.
    const accepted = await startHubProcess({ data: dir, args: ['--accept-data-loss'] });
    expect(accepted.output()).toMatch(/WARNING: DATA LOST, started by --accept-data-loss under a new epoch/);
    const h = await health(accepted.url);
    expect(h.epoch).not.toBe(epoch);
    expect([h.status, h.headSeq]).toEqual(['ok', 0]);
    expect(await ingestOk(accepted.url, { upserts: newAppeals(2), removes: [] })).toBe(1);
    await accepted.kill('SIGTERM');
    // Accepted once: the next start needs no flag.
    const again = await startHubProcess({ data: dir });
    expect((await health(again.url)).epoch).toBe(h.epoch);
  });

  it('refuses bad uses of the flag (exit 2), a newer schema (exit 4), and migrates a pre-versioned database', async () => {
    expect(parseHubArgs(['--data', '/x', '--accept-data-loss']).acceptDataLoss).toBe(true);
    expect(() => parseHubArgs(['--accept-data-loss'])).toThrow(/only with --data/);
    expect(() => parseHubArgs(['--data', '/x', '--accept-data-loss=yes'])).toThrow(/takes no value/);
    const bad = spawnSync(process.execPath, [HUB_CLI, '--port', '0', '--accept-data-loss'], { encoding: 'utf8', timeout: 20_000 });
    expect(bad.status, bad.stderr).toBe(2);

    // A database as the hub wrote it before user_version (schema 1), with a change in it.
    const dir = dataDir();
    const db = new Database(path.join(dir, 'hub.sqlite'));
    db.pragma('journal_mode = WAL');
    MIGRATIONS[0]!.up(db);
    const a = makeAppeal({ id: 'v1-a' });
    db.prepare('INSERT INTO changes (seq, at, payload) VALUES (1, ?, ?)').run(Date.now(), JSON.stringify({ upserts: [a], removes: [] }));
    db.prepare("INSERT INTO entities (key, seq, json) VALUES ('appeal:v1-a', 1, ?)").run(JSON.stringify(a));
    db.prepare("INSERT INTO meta (key, value) VALUES ('epoch', 'old-epoch'), ('head_seq', '1')").run();
    db.close();
    const hub = await startHubProcess({ data: dir });
    expect(hub.output()).toMatch(new RegExp(`database schema migrated from version 1 to ${SCHEMA_VERSION}`));
    expect(await health(hub.url)).toMatchObject({ epoch: 'old-epoch', headSeq: 1 });
    await hub.kill('SIGTERM');

    const newer = new Database(path.join(dir, 'hub.sqlite'));
    newer.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    newer.close();
    const r = runHub(dir);
    expect(r.status, r.stderr).toBe(EXIT_REFUSED);
    expect(r.stderr).toMatch(new RegExp(`schema version ${SCHEMA_VERSION + 1}, this hub knows up to ${SCHEMA_VERSION}`));
  });
});

describe('hub.sqlite deleted while the hub runs', () => {
  it('answers 503 to every ingest after it, acknowledged only what was durable, and says so in /healthz and /metrics', async () => {
    const dir = dataDir();
    const hub = await startHubProcess({ data: dir });
    const db = path.join(dir, 'hub.sqlite');
    const keep = path.join(dir, 'kept.sqlite');
    const acked = new Map<string, number>();
    const state = { deleted: false, afterDeletion: [] as { status: number; error?: string }[], loops: 0 };
    const loop = async (): Promise<void> => {
      while (state.afterDeletion.length < 20) {
        const startedAfter = state.deleted;
        const b = { upserts: newAppeals(4, 'del'), removes: [] };
        const r = await ingest(hub.url, b);
        if (startedAfter) state.afterDeletion.push({ status: r.status, error: r.json.error });
        if (r.status === 202) for (const e of b.upserts) acked.set(`${e.kind}:${e.id}`, e.version);
        else if (!startedAfter && r.status !== 503) throw new Error(`ingest answered ${r.status} before the deletion: ${JSON.stringify(r.json)}`);
      }
    };
    const loops = [loop(), loop(), loop()];
    await waitFor(
      () => acked.size >= 60,
      30_000,
      () => `acknowledgements before the deletion: ${acked.size}`,
    );
    // The operator's `rm hub.sqlite`; a hard link keeps the file itself, to look into afterwards.
    linkSync(db, keep);
    rmSync(db);
    state.deleted = true;
    await Promise.all(loops);

    // Every ingest sent after the deletion was refused with the reason, none acknowledged.
    expect(state.afterDeletion.filter((r) => r.status !== 503)).toEqual([]);
    expect(state.afterDeletion[0]!.error).toMatch(/hub\.sqlite was deleted while the hub was running: ingest stopped/);
    const sock = io(`${hub.url}/ingest`, { auth: { token: 'dev-ingest' }, transports: ['websocket'], reconnection: false, forceNew: true });
    const ack = (await sock.timeout(15_000).emitWithAck('ingest:push', { upserts: newAppeals(1, 'del'), removes: [] })) as IngestResult & { error?: string };
    sock.close();
    expect(ack).toMatchObject({ accepted: 0, error: expect.stringMatching(/not stored: .*was deleted/) as unknown });
    const h = (await health(hub.url)) as { status: string; reason?: string };
    expect(h.status).toBe('error');
    expect(h.reason).toMatch(/база .*hub\.sqlite удалена .* \/ .*hub\.sqlite was deleted/);
    expect((await metrics(hub.url)).get('cur_hub_db_replaced')).toBe(1);
    expect(hub.output()).toMatch(/ERROR: .*was deleted while the hub was running/);

    // Everything acknowledged is in the deleted file (with its -wal): it was durable.
    await hub.kill('SIGKILL');
    renameSync(`${db}-wal`, `${keep}-wal`);
    rmSync(`${db}-shm`, { force: true });
    const stored = entityVersions(keep);
    const missing = [...acked].filter(([k, v]) => !((stored.get(k) ?? 0) >= v)).map(([k]) => k);
    expect(missing.slice(0, 10)).toEqual([]);
    expect(acked.size).toBeGreaterThanOrEqual(60);
    // And the hub does not start over it as if nothing happened.
    const r = runHub(dir);
    expect(r.status, r.stderr).toBe(EXIT_REFUSED);
    expect(r.stderr).toMatch(/hub\.sqlite is missing/);
    console.log(`hub-durability: ${acked.size} items acknowledged before the deletion, all durable; ${state.afterDeletion.length} ingests after it, all 503`);
  });
});

describe('npm run hub:backup', () => {
  it('copies the database while the hub ingests: the copy holds every acknowledged item up to its seq, none after', async () => {
    const dir = dataDir();
    const out = path.join(dataDir(), 'nightly.sqlite');
    const hub = await startHubProcess({ data: dir });
    // Enough data for a copy of several steps (1,000 pages each).
    const seqOf = new Map<number, Entity[]>();
    for (let i = 0; i < 12; i++) {
      const upserts = newAppeals(1000, 'bk');
      seqOf.set(await ingestOk(hub.url, { upserts, removes: [] }), upserts);
    }
    const state = { done: false, duringBackup: 0 };
    const loop = async (): Promise<void> => {
      while (!state.done) {
        const upserts = newAppeals(20, 'bk');
        seqOf.set(await ingestOk(hub.url, { upserts, removes: [] }), upserts);
        state.duringBackup++;
      }
    };
    const loops = [loop(), loop()];
    await waitFor(
      () => state.duringBackup >= 5,
      30_000,
      () => 'the ingest stream to flow',
    );
    const child = spawn(process.execPath, [BACKUP_CLI, '--data', dir, '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (b: Buffer) => (text += b.toString()));
    child.stderr.on('data', (b: Buffer) => (text += b.toString()));
    const ackedBefore = state.duringBackup;
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    const ackedWhile = state.duringBackup - ackedBefore;
    state.done = true;
    await Promise.all(loops);
    expect(code, text).toBe(0);
    const m = /backup: done: epoch (\S+), seq (\d+), [\d.]+ MB \((\d+) bytes/.exec(text);
    expect(m, text).not.toBeNull();
    const [, epoch, seqText, bytes] = m!;
    const seq = Number(seqText);
    expect(text).toMatch(/backup: .*nightly\.sqlite: 0% \(0 \/ \d+ pages\)/);
    const head = await health(hub.url);
    expect(epoch).toBe(head.epoch);
    expect(head.headSeq).toBeGreaterThan(seq); // the hub went on committing after the snapshot

    // A single self-contained file: no -wal beside it, consistent, marked as a backup at its seq.
    expect(existsSync(`${out}-wal`)).toBe(false);
    const copy = new Database(out, { readonly: true });
    expect(copy.pragma('quick_check', { simple: true })).toBe('ok');
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(copy.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const meta = new Map(
      copy
        .prepare<[], { key: string; value: string }>('SELECT key, value FROM meta')
        .all()
        .map((r) => [r.key, r.value]),
    );
    expect([meta.get('epoch'), meta.get('head_seq')]).toEqual([epoch, String(seq)]);
    expect(JSON.parse(meta.get('backup_of')!)).toMatchObject({ epoch, seq });
    expect(copy.prepare('SELECT MAX(seq) AS s, COUNT(*) AS n FROM changes').get()).toEqual({ s: seq, n: seq });
    copy.close();
    const stored = entityVersions(out);
    const wrong: string[] = [];
    for (const [s, upserts] of seqOf) {
      for (const e of upserts) {
        const has = stored.has(`${e.kind}:${e.id}`);
        if (s <= seq && !has) wrong.push(`seq ${s}: ${e.id} acknowledged, not in the copy`);
        if (s > seq && has) wrong.push(`seq ${s}: ${e.id} after the copy's seq, in it`);
      }
    }
    expect(wrong.slice(0, 10)).toEqual([]);
    expect(stored.size).toBe([...seqOf].filter(([s]) => s <= seq).reduce((n, [, u]) => n + u.length, 0));
    console.log(
      `hub-durability: backup of ${Number(bytes)} bytes at seq ${seq} (hub at ${head.headSeq}); ${ackedWhile} batches acknowledged while the backup ran`,
    );
  });

  it('refuses bad flags with a specific message and exit code 2', () => {
    const dir = dataDir();
    const withDb = dataDir();
    writeFileSync(path.join(withDb, 'hub.sqlite'), '');
    for (const [args, message] of [
      [[], /--data DIR is required/],
      [['--data', dir], /--out FILE is required/],
      [['--data', dir, '--out'], /--out: missing value/],
      [['--data', dir, '--out', path.join(dir, 'x'), '--fast'], /unknown flag "--fast"/],
      [['--data', dir, '--out', path.join(dir, 'x')], /no hub\.sqlite there/],
      [['--data', withDb, '--out', path.join(dir, 'nope', 'x')], /folder .*nope does not exist/],
      [['--data', withDb, '--out', path.join(withDb, 'hub.sqlite-wal')], /that is the database itself or one of its files/],
    ] as const) {
      const r = spawnSync(process.execPath, [BACKUP_CLI, ...args], { encoding: 'utf8', timeout: 20_000 });
      expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });
});

describe('restoring an older backup', () => {
  it('is refused without --accept-data-loss; with it, a new epoch whose replay works up to the backup head and on', async () => {
    const dir = dataDir();
    const backup = path.join(dataDir(), 'older.sqlite');
    const hub = await startHubProcess({ data: dir });
    const ids: string[][] = [];
    for (let i = 0; i < 4; i++) {
      const upserts = newAppeals(3, 'rs');
      const removes: EntityRef[] = i > 0 ? [{ kind: 'appeal', id: ids[i - 1]![0]! }] : [];
      expect(await ingestOk(hub.url, { upserts, removes })).toBe(i + 1);
      ids.push(upserts.map((e) => e.id));
    }
    const b = spawnSync(process.execPath, [BACKUP_CLI, '--data', dir, '--out', backup], { encoding: 'utf8', timeout: 60_000 });
    expect(b.status, b.stderr).toBe(0);
    expect(b.stdout).toMatch(/seq 4,/);
    for (let i = 0; i < 3; i++) await ingestOk(hub.url, { upserts: newAppeals(3, 'lost'), removes: [] });
    const oldEpoch = (await health(hub.url)).epoch;
    await waitFor(
      () => readHead(dir)?.headSeq === 7,
      20_000,
      () => `hub-head.json at seq 7: ${JSON.stringify(readHead(dir))}`,
    );
    await hub.kill('SIGTERM');

    // The README's restore: the copy as hub.sqlite, no -wal or -shm.
    copyFileSync(backup, path.join(dir, 'hub.sqlite'));
    rmSync(path.join(dir, 'hub.sqlite-wal'), { force: true });
    rmSync(path.join(dir, 'hub.sqlite-shm'), { force: true });
    const r = runHub(dir);
    expect(r.status, r.stderr).toBe(EXIT_REFUSED);
    expect(r.stderr).toMatch(
      /says seq 7 of epoch .* existed, but .*hub\.sqlite is behind \(seq 4\) \(a backup taken at .*\)\. To restore this backup, start with --accept-data-loss: the changes after seq 4 are lost/,
    );

    const restored = await startHubProcess({ data: dir, args: ['--accept-data-loss'] });
    expect(restored.output()).toMatch(/restored backup of epoch .* at seq 4/);
    const h = await health(restored.url);
    expect(h.epoch).not.toBe(oldEpoch);
    expect(h.headSeq).toBe(4);
    const get = async (p: string) => {
      const res = await fetch(`${restored.url}${p}`, { headers: { authorization: 'Bearer dev-presenter' }, signal: AbortSignal.timeout(10_000) });
      return {
        status: res.status,
        json: (await res.json()) as {
          seq?: number;
          entities?: Entity[];
          deltas?: { seq: number; epoch: string; upserts: Entity[]; removes: EntityRef[] }[];
          error?: string;
        },
      };
    };
    const expectedAt4 = ids.flatMap((batch, i) => batch.filter((id) => !(i < 3 && id === batch[0]))).sort();
    let state = await get(`/api/v1/replay/state?at=${Date.now() + 1000}`);
    expect(state.status, JSON.stringify(state.json)).toBe(200);
    expect(state.json.seq).toBe(4);
    expect(state.json.entities!.map((e) => e.id).sort()).toEqual(expectedAt4);
    const changes = await get(`/api/v1/replay/changes?after=0&to=${Date.now() + 1000}`);
    expect(changes.status).toBe(200);
    expect(changes.json.deltas!.map((d) => [d.seq, d.upserts.map((e) => e.id)])).toEqual(ids.map((batch, i) => [i + 1, batch]));
    expect(new Set(changes.json.deltas!.map((d) => d.epoch))).toEqual(new Set([h.epoch]));

    // The new epoch goes on from the backup's head, and replay with it.
    const more = newAppeals(2, 'after');
    expect(await ingestOk(restored.url, { upserts: more, removes: [] })).toBe(5);
    state = await get(`/api/v1/replay/state?at=${Date.now() + 1000}`);
    expect(state.status).toBe(200);
    expect(state.json.seq).toBe(5);
    expect(state.json.entities!.map((e) => e.id).sort()).toEqual([...expectedAt4, ...more.map((e) => e.id)].sort());
  });
});
