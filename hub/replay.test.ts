/**
 * Replay from the log over HTTP: the state at a moment equals the state the log had then,
 * and the following changes come in order, in the role's projection.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Entity } from '../app/domain/entity';
import type { Delta } from '../app/protocol/feed';
import { appeal, startTestHub } from '../test/support/hub-fixture';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('replay API', () => {
  it('rebuilds the state at T and pages the changes after it', async () => {
    let now = 1_800_000_000_000;
    const h = await startTestHub({ now: () => now });
    cleanups.push(() => h.close());
    const t0 = now;
    await h.hub.publish({ upserts: [appeal({ id: 'a', createdAt: t0 - 1000 }), appeal({ id: 'b', createdAt: t0 - 1000 })], removes: [] });
    now = t0 + 60_000;
    await h.hub.publish({ upserts: [appeal({ id: 'a', version: 2, status: 'answered', createdAt: t0 - 1000 })], removes: [{ kind: 'appeal', id: 'b' }] });
    now = t0 + 120_000;
    await h.hub.publish({ upserts: [appeal({ id: 'c', createdAt: t0 })], removes: [] });

    const get = async (path: string, token = 'dev-wall') => fetch(`${h.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    const at = async (t: number) => (await (await get(`/api/v1/replay/state?at=${t}`)).json()) as { seq: number; entities: Entity[] };
    expect((await at(t0)).entities.map((e) => e.id).sort()).toEqual(['a', 'b']);
    const mid = await at(t0 + 90_000);
    expect(mid.seq).toBe(2);
    expect(mid.entities.map((e) => [e.id, e.version])).toEqual([['a', 2]]);
    expect((mid.entities[0] as { text: string }).text).toBe(''); // public projection for /wall tokens

    const { deltas } = (await (await get(`/api/v1/replay/changes?after=2&to=${t0 + 200_000}`)).json()) as { deltas: Delta[] };
    expect(deltas.map((d) => d.seq)).toEqual([3]);
    expect((await get('/api/v1/replay/state?at=x')).status).toBe(400);
    expect((await get(`/api/v1/replay/state?at=${t0}`, 'dev-ingest')).status).toBe(401);
  });

  it('refuses to rebuild a moment the log no longer holds', async () => {
    const h = await startTestHub({ retain: 2 });
    cleanups.push(() => h.close());
    for (let i = 0; i < 4; i++) await h.hub.publish({ upserts: [appeal()], removes: [] });
    const res = await fetch(`${h.url}/api/v1/replay/state?at=${Date.now()}`, { headers: { authorization: 'Bearer dev-presenter' } });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: string }).error).toMatch(/восстановить состояние/);
  });
});
