import { afterEach, describe, expect, it, vi } from 'vitest';
import { entityKey, type Entity } from '../../app/domain/entity';
import type { ControlState } from '../../app/protocol/control';
import type { Delta } from '../../app/protocol/feed';
import { DataSource } from './data-source';
import { TickerList } from './ticker';

const T0 = 1_800_000_000_000;
const appeal = (id: string, version = 1, createdAt = T0 - 1000): Entity => ({
  kind: 'appeal', id, version, municipality: '97701000', lon: 47.25, lat: 56.13, channel: 'social', sector: 'housing', org: 'omsu-cheboksary',
  importance: 'normal', status: 'new', title: `Обращение ${id}`, text: '', createdAt,
});
const delta = (seq: number, at: number, upserts: Entity[], removes: Delta['removes'] = []): Delta => ({ epoch: 'e', seq, upserts, removes, serverTime: at });

/** The hub's replay API over a log in memory (as hub/replay.ts serves it). */
function fakeHub(log: Delta[]) {
  let refuse = false;
  const fetch = vi.fn(async (url: string | URL | Request) => {
    if (refuse) return Response.json({ error: 'журнал хаба хранит изменения не с начала / the log no longer starts at seq 1' }, { status: 409 });
    const u = new URL(String(url));
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
    return Response.json({ deltas: upTo(Number(u.searchParams.get('to')), Number(u.searchParams.get('after'))) });
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls: fetch.mock.calls, refuse: () => (refuse = true) };
}

const control = (over: Partial<ControlState>): Pick<ControlState, 'frozenAt' | 'replay'> => ({ frozenAt: null, replay: null, ...over });

function setup(log: Delta[], hubTime: { now: number }) {
  const hub = fakeHub(log);
  const events: { type: string; upserted?: string[]; removed?: string[] }[] = [];
  const source = new DataSource(
    { hub: 'http://hub', token: 'dev-wall', hubNow: () => hubTime.now, fetch: hub.fetch },
    {
      reset: () => events.push({ type: 'reset' }),
      change: (u, r) => events.push({ type: 'change', upserted: u.map(entityKey), removed: r.map(entityKey) }),
      info: () => events.push({ type: 'info' }),
    },
  );
  return { hub, events, source };
}

afterEach(() => vi.useRealTimers());

describe('the wall’s data source', () => {
  it('switches to the replayed state once it came, plays the changes, and goes back to live at once', async () => {
    vi.useFakeTimers();
    const log = [
      delta(1, T0 - 5000, [appeal('a'), appeal('b'), appeal('c')]),
      // One step of the replay holds all three: `c` goes and comes back, `n` comes and goes, `b` changes twice.
      delta(2, T0 + 10_000, [appeal('n'), appeal('b', 2)], [{ kind: 'appeal', id: 'c' }]),
      delta(3, T0 + 20_000, [appeal('c', 2), appeal('b', 3)], [{ kind: 'appeal', id: 'n' }]),
    ];
    const time = { now: T0 + 600_000 };
    const { source, events } = setup(log, time);
    expect(source.live).toBe(true);

    source.follow(control({ replay: { from: T0, speed: 10, startedAt: time.now } }));
    expect(source.info).toMatchObject({ mode: 'live', pending: true });
    expect(source.live).toBe(true); // still live until the state has come
    await vi.waitFor(() => expect(events.at(-1)?.type).toBe('reset'));
    expect(source.live).toBe(false);
    expect(source.info).toEqual({ mode: 'replay', at: T0, pending: false, error: null });
    expect([...source.entities!.keys()].sort()).toEqual(['appeal:a', 'appeal:b', 'appeal:c']);

    time.now += 3000; // ×10: the replay is at T0 + 30 s
    await vi.advanceTimersByTimeAsync(1000);
    await vi.waitFor(() => expect(events.at(-1)?.type).toBe('change'));
    expect(events.at(-1)).toEqual({ type: 'change', upserted: ['appeal:c', 'appeal:b'], removed: ['appeal:n'] });
    expect(source.at).toBe(T0 + 30_000);
    expect(source.entities!.get('appeal:b')?.version).toBe(3);

    // The same spec again (every control:state repeats it) changes nothing.
    const before = events.length;
    source.follow(control({ replay: { from: T0, speed: 10, startedAt: T0 + 600_000 } }));
    expect(events.length).toBe(before);

    source.follow(control({}));
    expect(events.at(-1)?.type).toBe('reset');
    expect(source.live).toBe(true);
    expect(source.entities).toBeNull();
    expect(source.info).toEqual({ mode: 'live', at: null, pending: false, error: null });
    source.stop();
  });

  it('holds a frozen moment; a refusal keeps the last good state with the reason', async () => {
    vi.useFakeTimers();
    const time = { now: T0 + 60_000 };
    const { source, events, hub } = setup([delta(1, T0 - 1000, [appeal('a')]), delta(2, T0 + 1000, [appeal('b')])], time);
    source.follow(control({ frozenAt: T0 }));
    await vi.waitFor(() => expect(source.info.mode).toBe('frozen'));
    expect(source.info.at).toBe(T0);
    expect(source.entities!.size).toBe(1);

    hub.refuse();
    source.follow(control({ replay: { from: T0 - 3_600_000, speed: 1, startedAt: time.now } }));
    await vi.waitFor(() => expect(source.info.error).toMatch(/^Хаб не отдал повтор: журнал хаба/));
    // Still the frozen moment on screen: nothing was reset.
    expect(source.info).toMatchObject({ mode: 'frozen', at: T0, pending: true });
    expect(source.entities!.size).toBe(1);
    expect(events.filter((e) => e.type === 'reset')).toHaveLength(1);
    source.stop();
  });

  it('stays live with the reason when the first replayed state never comes', async () => {
    vi.useFakeTimers();
    const { source, hub } = setup([], { now: T0 });
    hub.refuse();
    source.follow(control({ frozenAt: T0 - 1000 }));
    await vi.waitFor(() => expect(source.info.error).not.toBeNull());
    expect(source.live).toBe(true);
    expect(source.info.mode).toBe('live');
    source.follow(control({}));
    expect(source.info).toEqual({ mode: 'live', at: null, pending: false, error: null });
    source.stop();
  });
});

describe('ticker', () => {
  it('lists a replayed state’s newest arrivals up to the moment, newest first', () => {
    const t = new TickerList();
    t.fill(Array.from({ length: 10 }, (_, i) => appeal(`x${i}`, 1, T0 + i * 1000)), T0 + 7000);
    expect(t.items.map((i) => i.key)).toEqual(['appeal:x7', 'appeal:x6', 'appeal:x5', 'appeal:x4', 'appeal:x3', 'appeal:x2']);
    t.note(appeal('y', 2));
    expect(t.items).toHaveLength(6);
    t.note(appeal('y'));
    expect(t.items[0]!.key).toBe('appeal:y');
  });
});
