/**
 * The online backup (backup.ts) against a live log in the same process: commits between every
 * step of the copy neither restart it nor reach the copy, which is the log at one seq.
 */
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appeal } from '../test/support/hub-fixture';
import { backupDatabase, parseBackupArgs } from './backup';
import { SqliteFeedLog } from './sqlite-log';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'cur-backup-'));
  dirs.push(d);
  return d;
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('backupDatabase', () => {
  it('copies one consistent snapshot while the log keeps committing between its steps', async () => {
    const dir = tempDir();
    const out = path.join(tempDir(), 'copy.sqlite');
    const log = new SqliteFeedLog({ dir });
    for (let i = 0; i < 20; i++) await log.append({ upserts: Array.from({ length: 200 }, () => appeal({ text: 'x'.repeat(300) })), removes: [] }, i);
    const seqAtStart = log.headSeq;
    const keysAtStart = new Set(log.snapshot().entities.map((e) => `${e.kind}:${e.id}`));
    const steps: number[] = [];
    let commitsDuring = 0;
    const copying = backupDatabase({
      dataDir: dir,
      out,
      pagesPerStep: 20,
      onProgress: ({ copiedPages }) => {
        steps.push(copiedPages);
        // A commit between two steps (the backup steps on setImmediate, as the log flushes).
        void log.append({ upserts: [appeal()], removes: [] }, 100).then(() => commitsDuring++);
      },
    });
    const r = await copying;
    await new Promise((res) => setImmediate(res));
    expect(steps.length).toBeGreaterThan(5);
    expect(commitsDuring).toBeGreaterThan(5);
    // Never restarted: the pages copied only grew.
    expect(steps.every((n, i) => i === 0 || n > steps[i - 1]!)).toBe(true);
    expect(r).toMatchObject({ file: out, epoch: log.epoch, seq: seqAtStart });
    expect(log.headSeq).toBeGreaterThan(seqAtStart);
    log.close();

    const copy = new Database(out, { readonly: true });
    expect(copy.pragma('quick_check', { simple: true })).toBe('ok');
    expect(copy.prepare("SELECT value FROM meta WHERE key = 'head_seq'").get()).toEqual({ value: String(seqAtStart) });
    expect(
      new Set(
        copy
          .prepare<[], { key: string }>('SELECT key FROM entities')
          .all()
          .map((x) => x.key),
      ),
    ).toEqual(keysAtStart);
    copy.close();
    expect(readdirSync(path.dirname(out))).toEqual(['copy.sqlite']); // one file, no -wal, no temporary left
  });

  it('is a restore a hub recognises: a new epoch, its history replayable', async () => {
    const dir = tempDir();
    const log = new SqliteFeedLog({ dir });
    await log.append({ upserts: [appeal({ id: 'a' })], removes: [] }, 1);
    await log.append({ upserts: [appeal({ id: 'b' })], removes: [{ kind: 'appeal', id: 'a' }] }, 2);
    const out = path.join(tempDir(), 'b.sqlite');
    await backupDatabase({ dataDir: dir, out });
    log.close();
    // Restored on a new machine (no head file there): no loss to accept, but a new epoch.
    const target = tempDir();
    copyFileSync(out, path.join(target, 'hub.sqlite'));
    const restored = new SqliteFeedLog({ dir: target });
    expect([restored.epochReason, restored.acceptedLoss, restored.restoredBackup?.seq]).toEqual(['restored', null, 2]);
    expect(restored.epoch).not.toBe(log.epoch);
    expect(restored.deltasSince(0)!.map((d) => d.seq)).toEqual([1, 2]);
    expect(restored.removedVersion('appeal:a')).toBe(1);
    restored.close();
  });

  it('refuses what it cannot copy and leaves no partial file', async () => {
    const dir = tempDir();
    await expect(backupDatabase({ dataDir: dir, out: path.join(dir, 'x') })).rejects.toThrow(/no hub\.sqlite there/);
    new SqliteFeedLog({ dir }).close();
    await expect(backupDatabase({ dataDir: dir, out: path.join(dir, 'hub.sqlite') })).rejects.toThrow(/the database itself/);
    await expect(backupDatabase({ dataDir: dir, out: path.join(dir, 'no', 'x') })).rejects.toThrow(/does not exist/);
    await expect(backupDatabase({ dataDir: dir, out: dir })).rejects.toThrow(/is a folder/);
    // A database with no hub data in it.
    const empty = tempDir();
    const raw = new Database(path.join(empty, 'hub.sqlite'));
    raw.exec('CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
    raw.close();
    const out = path.join(tempDir(), 'x.sqlite');
    await expect(backupDatabase({ dataDir: empty, out })).rejects.toThrow(/holds no hub data/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(path.dirname(out))).toEqual([]);
  });
});

describe('parseBackupArgs', () => {
  it('reads --data and --out, in both spellings', () => {
    expect(parseBackupArgs(['--data', 'd', '--out', 'f'])).toEqual({ data: 'd', out: 'f' });
    expect(parseBackupArgs(['--out=f', '--data=d'])).toEqual({ data: 'd', out: 'f' });
  });

  it.each([
    [[], /--data DIR is required/],
    [['--data', 'd'], /--out FILE is required/],
    [['--data', '--out', 'f'], /--data: missing value/],
    [['--data=', '--out', 'f'], /--data: missing value/],
    [['--data', 'd', '--out', 'f', '--now'], /unknown flag "--now"/],
  ])('%j → a specific error', (argv, message) => {
    expect(() => parseBackupArgs(argv)).toThrow(message);
  });
});
