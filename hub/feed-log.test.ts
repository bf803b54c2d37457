/**
 * The in-memory log's tombstones: `removedVersion` as the SQLite log answers it, trimmed with
 * the window of retained deltas.
 */
import { describe, expect, it } from 'vitest';
import { appeal } from '../test/support/hub-fixture';
import { MemoryFeedLog } from './feed-log';

describe('MemoryFeedLog.removedVersion', () => {
  it('keeps the last version a removed entity had; the newest removal counts', async () => {
    const log = new MemoryFeedLog();
    await log.append({ upserts: [appeal({ id: 'x', version: 4 }), appeal({ id: 'y', version: 1 })], removes: [] }, 1);
    expect(log.removedVersion('appeal:x')).toBeUndefined();
    await log.append({ upserts: [appeal({ id: 'x', version: 6 })], removes: [] }, 2);
    await log.append(
      {
        upserts: [],
        removes: [
          { kind: 'appeal', id: 'x' },
          { kind: 'appeal', id: 'unknown' },
        ],
      },
      3,
    );
    await log.append({ upserts: [appeal({ id: 'y', version: 2 })], removes: [{ kind: 'appeal', id: 'y' }] }, 4);
    expect([log.removedVersion('appeal:x'), log.removedVersion('appeal:y'), log.removedVersion('appeal:unknown')]).toEqual([6, 2, undefined]);
    await log.append({ upserts: [appeal({ id: 'x', version: 9 })], removes: [] }, 5);
    expect(log.removedVersion('appeal:x')).toBe(6);
    await log.append({ upserts: [], removes: [{ kind: 'appeal', id: 'x' }] }, 6);
    expect(log.removedVersion('appeal:x')).toBe(9);
    expect(log.storageFault()).toBeNull();
  });

  it('forgets a tombstone when the change that made it leaves the window', async () => {
    const log = new MemoryFeedLog(3);
    await log.append({ upserts: [appeal({ id: 'a', version: 2 }), appeal({ id: 'b', version: 5 })], removes: [] }, 1);
    await log.append({ upserts: [], removes: [{ kind: 'appeal', id: 'a' }] }, 2); // seq 2
    await log.append({ upserts: [], removes: [{ kind: 'appeal', id: 'b' }] }, 3); // seq 3
    await log.append({ upserts: [appeal()], removes: [] }, 4); // window 2..4
    expect([log.removedVersion('appeal:a'), log.removedVersion('appeal:b')]).toEqual([2, 5]);
    await log.append({ upserts: [appeal()], removes: [] }, 5); // window 3..5
    expect([log.removedVersion('appeal:a'), log.removedVersion('appeal:b')]).toEqual([undefined, 5]);
    await log.append({ upserts: [appeal()], removes: [] }, 6); // window 4..6
    expect(log.removedVersion('appeal:b')).toBeUndefined();
  });
});
