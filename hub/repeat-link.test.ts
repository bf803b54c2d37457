/**
 * Repeat complaints linked at ingest (issue 11): the same applicant writes again in the same
 * sector after the answer → `repeatOf` set by the hub; a wall client sees the link but not the
 * keys, so its ratings count the same repeats as the API's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mskTime } from '../app/calendar/msk-time';
import type { Appeal } from '../app/domain/entity';
import { makeAppeal } from '../test/support/entities';
import { FeedClient, startTestHub } from '../test/support/hub-fixture';

const T = mskTime(2026, 11, 3, 10);
const DAY = 86_400_000;
let hub: Awaited<ReturnType<typeof startTestHub>>;
beforeAll(async () => {
  hub = await startTestHub({ now: () => T + 20 * DAY });
});
afterAll(async () => hub?.close());

describe('repeat links at ingest', () => {
  it('links the same applicant’s later complaint in the sector, not another sector, and shows walls the link only', async () => {
    const first = makeAppeal({ id: 'rp-1', channel: 'pos', applicant: '+7 903 111-22-33', createdAt: T, status: 'answered', answeredAt: T + DAY });
    expect((await hub.ingest.ingest('test', { upserts: [first], removes: [] })).rejected).toEqual([]);
    const again = makeAppeal({ id: 'rp-2', channel: 'pos', applicant: '8 (903) 1112233', createdAt: T + 5 * DAY });
    const other = makeAppeal({ id: 'rp-3', channel: 'pos', sector: 'roads', applicant: '+7 903 111-22-33', createdAt: T + 5 * DAY });
    await hub.ingest.ingest('test', { upserts: [again, other], removes: [] });
    const stored = (id: string) => hub.log.get(`appeal:${id}`) as Appeal;
    expect(stored('rp-2').repeatOf).toBe('rp-1');
    expect(stored('rp-3').repeatOf).toBeUndefined();
    expect(stored('rp-2').applicantKey).toBe(stored('rp-1').applicantKey);
    expect(JSON.stringify(stored('rp-2'))).not.toContain('111');

    const wall = new FeedClient(hub.url, 'wall', 'dev-wall');
    try {
      await wall.waitForSeq(hub.log.headSeq);
      const seen = wall.store.entities.get('appeal:rp-2') as Appeal;
      expect(seen.repeatOf).toBe('rp-1');
      expect(seen).not.toHaveProperty('applicantKey');
      expect(seen).not.toHaveProperty('objectKey');
    } finally {
      wall.close();
    }
  });
});
