/**
 * `GET /api/v1/organisations` and `GET /api/v1/ratings` against a real hub on a real port, the
 * items sent through the real ingest; a closed month's table frozen at the hub (in memory and in
 * a real SQLite file across a restart) and recomputed for an audit with a diff.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mskTime } from '../app/calendar/msk-time';
import type { Appeal } from '../app/domain/entity';
import { makeAppeal } from '../test/support/entities';
import { MemoryFeedLog } from './feed-log';
import { frozenMonth } from './ratings-api';
import { SqliteFeedLog } from './sqlite-log';
import { startHub, type RunningHub } from './start-hub';
import { DEV_TOKENS } from './tokens';

const NOW = mskTime(2026, 12, 7, 12);
const DAY = 86_400_000;
let hub: RunningHub;
let n = 0;
const nov = (org: string, over: Partial<Appeal> = {}): Appeal =>
  makeAppeal({
    id: `r${++n}`,
    channel: 'written',
    org,
    status: 'answered',
    createdAt: mskTime(2026, 11, 3, 10),
    dueAt: mskTime(2026, 11, 13, 10),
    answeredAt: mskTime(2026, 11, 5, 10),
    ...over,
  });

const get = async (p: string, token?: string) => {
  const r = await fetch(`${hub.url}${p}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return {
    status: r.status,
    json: (await r.json()) as Record<string, unknown> & {
      rows?: { key: string; score: number; components: Record<string, number>; figures: Record<string, number> }[];
    },
  };
};

beforeAll(async () => {
  hub = await startHub({ host: '127.0.0.1', port: 0, log: new MemoryFeedLog(10_000), tokens: DEV_TOKENS, staticDir: null, now: () => NOW });
  const r = await hub.ingest.ingest('test', {
    upserts: [
      nov('omsu-cheboksary'),
      nov('omsu-cheboksary', { answeredAt: mskTime(2026, 11, 20, 10) }),
      nov('omsu-cheboksary', { satisfaction: 'unsatisfied' }),
      nov('oiv-minzdrav', { status: 'in_progress', answeredAt: undefined }),
      nov('oiv-minzdrav', { status: 'in_progress', answeredAt: undefined }),
    ],
    removes: [],
  });
  expect(r.rejected).toEqual([]);
});
afterAll(async () => hub?.close());

describe('GET /api/v1/organisations', () => {
  it('serves the directory to any reading token, and nothing without one', async () => {
    const r = await get('/api/v1/organisations', 'dev-wall');
    expect(r.status).toBe(200);
    const list = r.json as unknown as { id: string; type: string; name: string }[];
    expect(list.find((o) => o.id === 'oiv-minzdrav')).toMatchObject({ type: 'oiv', name: 'Министерство здравоохранения Чувашской Республики' });
    expect(list.filter((o) => o.type === 'omsu').length).toBeGreaterThanOrEqual(23);
    expect((await get('/api/v1/organisations')).status).toBe(401);
    expect((await get('/api/v1/organisations', 'dev-ingest')).status).toBe(401);
  });
});

describe('GET /api/v1/ratings', () => {
  it('gives each row its components and the figures behind them; ОМСУ without ОИВ items', async () => {
    const r = await get('/api/v1/ratings?level=omsu&from=2026-11-01&to=2026-12-01', 'dev-presenter');
    expect(r.status).toBe(200);
    const che = r.json.rows!.find((x) => x.key === '97701000')!;
    expect(che.figures).toMatchObject({ items: 3, answered: 3, answeredOnTime: 2, satisfied: 0, unsatisfied: 1 });
    expect(Object.keys(che.components)).toEqual(['quantity', 'quality', 'speed', 'completeness']);
    const oiv = await get('/api/v1/ratings?level=oiv&from=2026-11-01&to=2026-12-01', 'dev-admin');
    expect(oiv.json.rows!.map((x) => x.key)).toEqual(['oiv-minzdrav']);
  });

  it('freezes a closed month: later items do not move it; recompute=1 shows the difference', async () => {
    const first = await get('/api/v1/ratings?level=omsu&month=2026-11', 'dev-presenter');
    expect(first.json).toMatchObject({ frozen: true, title: 'Рейтинг ОМСУ за ноябрь 2026' });
    await hub.ingest.ingest('test', {
      upserts: [
        nov('omsu-cheboksary', { status: 'in_progress', answeredAt: undefined, createdAt: mskTime(2026, 11, 25, 10), dueAt: mskTime(2026, 11, 26, 10) }),
      ],
      removes: [],
    });
    const again = await get('/api/v1/ratings?level=omsu&month=2026-11', 'dev-presenter');
    expect(again.json.rows).toEqual(first.json.rows);
    const audit = await get('/api/v1/ratings?level=omsu&month=2026-11&recompute=1', 'dev-admin');
    expect(audit.json.rows).toEqual(first.json.rows);
    expect((audit.json.diff as unknown[]).length).toBeGreaterThan(0);
  });

  it('refuses wall tokens, unknown levels and malformed months with a reason', async () => {
    expect((await get('/api/v1/ratings', 'dev-wall')).status).toBe(403);
    expect((await get('/api/v1/ratings')).status).toBe(401);
    expect((await get('/api/v1/ratings?level=xyz', 'dev-admin')).json.error).toMatch(/level/);
    expect((await get('/api/v1/ratings?month=2026-13', 'dev-admin')).status).toBe(400);
  });
});

describe('frozen tables in a real SQLite file', () => {
  it('stay the same across a restart, whatever arrives later', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cur-frozen-'));
    try {
      let log = new SqliteFeedLog({ dir, now: () => NOW });
      await log.append(
        {
          upserts: [
            nov('omsu-kanashsky', { municipality: '97516000', lon: 47.49, lat: 55.51 }),
            nov('omsu-kanashsky', { municipality: '97516000', lon: 47.49, lat: 55.51 }),
          ],
          removes: [],
        },
        NOW,
      );
      const t1 = frozenMonth(log, 'omsu', '2026-11')!;
      log.close();
      log = new SqliteFeedLog({ dir, now: () => NOW + DAY });
      expect(frozenMonth(log, 'omsu', '2026-11')).toEqual(t1);
      expect(t1.rows.map((r) => r.key)).toEqual(['97516000']);
      log.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
