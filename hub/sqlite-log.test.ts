/**
 * The durable log on a real SQLite file: restart keeps epoch, state and seq; a fresh or
 * restored database gets a new epoch; compaction keeps the state complete.
 */
import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appeal } from '../test/support/hub-fixture';
import { SqliteFeedLog } from './sqlite-log';
import { jsonOf } from './wire';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'cur-log-'));
  dirs.push(d);
  return d;
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

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

  it('gives a restored (older) copy of the database a new epoch', async () => {
    const dir = tempDir();
    const backup = tempDir();
    const a = new SqliteFeedLog({ dir });
    await a.append({ upserts: [appeal()], removes: [] }, 1);
    a.close();
    copyFileSync(path.join(dir, 'hub.sqlite'), path.join(backup, 'hub.sqlite'));
    const b = new SqliteFeedLog({ dir });
    await b.append({ upserts: [appeal()], removes: [] }, 2);
    const epoch = b.epoch;
    b.close();
    // The operator restores last night's backup over the live file.
    copyFileSync(path.join(backup, 'hub.sqlite'), path.join(dir, 'hub.sqlite'));
    rmSync(path.join(dir, 'hub.sqlite-wal'), { force: true });
    rmSync(path.join(dir, 'hub.sqlite-shm'), { force: true });
    const c = new SqliteFeedLog({ dir });
    expect(c.epochReason).toBe('restored');
    expect(c.epoch).not.toBe(epoch);
    expect(c.deltasSince(0)).toBeNull();
    expect(c.snapshot().entities).toHaveLength(1);
    c.close();
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
    expect(log.snapshot().entities.map((e) => e.id).sort()).toEqual(['mid', 'new', 'old']);
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
    expect(again.deltasSince(0)!.map((d) => [d.seq, d.upserts.map((e) => e.id)])).toEqual([[1, ['a']], [2, ['c']]]);
    expect(again.snapshot().entities.map((e) => e.id).sort()).toEqual(['a', 'c']);
    again.close();
  });

  it('commits what was appended before close() and answers version checks with appends not yet committed', async () => {
    const dir = tempDir();
    const log = new SqliteFeedLog({ dir });
    await log.append({ upserts: [appeal({ id: 'v', version: 1 })], removes: [] }, 1);
    const pending = [log.append({ upserts: [appeal({ id: 'v', version: 5 })], removes: [] }, 2), log.append({ upserts: [appeal({ id: 'w' })], removes: [{ kind: 'appeal', id: 'v' }] }, 3)];
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
      log.append({ upserts: ids.slice(0, 30).map((id) => appeal({ id, version: 2 })), removes: ids.slice(200, 206).map((id) => ({ kind: 'appeal' as const, id })) }, 2),
      log.append({ upserts: [appeal({ id: 's205', version: 3 })], removes: [] }, 3),
    ];
    await Promise.all(appended);
    const expected = log.snapshot().entities.map((e) => `${e.id}@${e.version}`).sort();
    expect(expected).toHaveLength(245);
    log.close();
    const again = new SqliteFeedLog({ dir });
    expect(again.snapshot().entities.map((e) => `${e.id}@${e.version}`).sort()).toEqual(expected);
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
