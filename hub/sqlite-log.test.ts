/**
 * The durable log on a real SQLite file: restart keeps epoch, state and seq; a fresh or
 * restored database gets a new epoch; compaction keeps the state complete.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appeal } from '../test/support/hub-fixture';
import { SqliteFeedLog } from './sqlite-log';

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
    const log = new SqliteFeedLog({ dir: tempDir() });
    log.deadLetter('http', 'schema: id missing', '{"kind":"appeal"}');
    expect(log.deadLetterCount()).toBe(1);
    log.close();
  });
});
