import { afterEach, describe, expect, it, vi } from 'vitest';
import { entityKey, type Entity } from '../../app/domain/entity';
import type { Delta } from '../../app/protocol/feed';
import { ReplayClient, replayedTime, type ReplayView } from './replay-client';

const T0 = 1_800_000_000_000;
const appeal = (id: string, version = 1): Entity => ({
  kind: 'appeal', id, version, municipality: '97701000', lon: 47.25, lat: 56.13, channel: 'social', sector: 'housing', org: 'omsu-cheboksary',
  importance: 'normal', status: 'new', title: 'Нет отопления', text: '', createdAt: T0 - 1000,
});

/** A hub log in memory, served like hub/replay.ts does (pages of `page`). */
function fakeHub(log: Delta[], page = 2000) {
  const calls: string[] = [];
  const fetch = vi.fn(async (url: string | URL | Request) => {
    const u = new URL(String(url));
    calls.push(u.pathname + u.search);
    const upTo = (to: number, after = 0) => log.filter((d) => d.seq > after && d.serverTime <= to);
    if (u.pathname.endsWith('/state')) {
      const at = Number(u.searchParams.get('at'));
      const state = new Map<string, Entity>();
      let seq = 0;
      for (const d of upTo(at)) {
        for (const e of d.upserts) state.set(entityKey(e), e);
        for (const r of d.removes) state.delete(entityKey(r));
        seq = d.seq;
      }
      return Response.json({ at, seq, entities: [...state.values()] });
    }
    return Response.json({ deltas: upTo(Number(u.searchParams.get('to')), Number(u.searchParams.get('after'))).slice(0, page) });
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
}

const delta = (seq: number, at: number, upserts: Entity[], removes: Delta['removes'] = []): Delta => ({ epoch: 'e', seq, upserts, removes, serverTime: at });

afterEach(() => vi.useRealTimers());

describe('replay client', () => {
  it('computes the replayed moment from the hub clock, never ahead of it', () => {
    const spec = { from: T0, speed: 60, startedAt: T0 + 3_600_000 };
    expect(replayedTime(spec, spec.startedAt + 1000)).toBe(T0 + 60_000);
    expect(replayedTime({ ...spec, speed: 0 }, spec.startedAt + 1000)).toBe(T0);
    expect(replayedTime(spec, spec.startedAt + 3_600_000)).toBe(spec.startedAt + 3_600_000);
  });

  it('starts from the state at the moment and plays the changes at ×N, page by page', async () => {
    vi.useFakeTimers();
    const log = [delta(1, T0 - 5000, [appeal('a'), appeal('b')]), ...Array.from({ length: 5 }, (_, i) => delta(i + 2, T0 + (i + 1) * 10_000, [appeal(`n${i}`)])), delta(7, T0 + 60_000, [], [{ kind: 'appeal', id: 'a' }])];
    const hub = fakeHub(log, 2);
    let hubTime = T0 + 100_000;
    const views: ReplayView[] = [];
    const client = new ReplayClient({ hub: 'http://hub', token: 'dev-wall', hubNow: () => hubTime, fetch: hub.fetch, pageSize: 2, onUpdate: (v) => views.push({ ...v }) });
    client.start({ from: T0, speed: 10, startedAt: hubTime });
    await vi.waitFor(() => expect(views.at(-1)?.status).toBe('ready'));
    expect([...views.at(-1)!.entities.keys()].sort()).toEqual(['appeal:a', 'appeal:b']);
    expect(hub.calls[0]).toBe(`/api/v1/replay/state?at=${T0}`);

    hubTime += 3000; // ×10: the replay is at T0 + 30 s
    await vi.advanceTimersByTimeAsync(1000);
    await vi.waitFor(() => expect(views.at(-1)!.at).toBe(T0 + 30_000));
    expect(views.at(-1)!.entities.size).toBe(5);
    expect(views.at(-1)!.seq).toBe(4);

    hubTime += 4000; // T0 + 70 s: everything, paged two at a time, and `a` removed
    await vi.advanceTimersByTimeAsync(1000);
    await vi.waitFor(() => expect(views.at(-1)!.seq).toBe(7));
    expect(views.at(-1)!.entities.has('appeal:a')).toBe(false);
    expect(views.at(-1)!.entities.size).toBe(6);
    client.stop();
  });

  it('holds a frozen moment (speed 0) without polling, and reports a refusal in Russian', async () => {
    vi.useFakeTimers();
    const hub = fakeHub([delta(1, T0, [appeal('a')])]);
    const views: ReplayView[] = [];
    const client = new ReplayClient({ hub: 'http://hub', token: 't', hubNow: () => T0 + 10_000, fetch: hub.fetch, onUpdate: (v) => views.push(v) });
    client.start({ from: T0, speed: 0, startedAt: T0 });
    await vi.waitFor(() => expect(views.at(-1)?.status).toBe('ready'));
    await vi.advanceTimersByTimeAsync(5000);
    expect(hub.calls).toHaveLength(1);
    client.stop();

    const refusing = vi.fn(async () => Response.json({ error: 'журнал хаба хранит изменения не с начала' }, { status: 409 }));
    const failed: ReplayView[] = [];
    const c2 = new ReplayClient({ hub: 'http://hub', token: 't', hubNow: () => T0, fetch: refusing as unknown as typeof fetch, onUpdate: (v) => failed.push(v) });
    c2.start({ from: T0, speed: 1, startedAt: T0 });
    await vi.waitFor(() => expect(failed.at(-1)?.status).toBe('error'));
    expect(failed.at(-1)!.error).toMatch(/^Хаб не отдал повтор: журнал хаба/);
    c2.stop();
  });
});
