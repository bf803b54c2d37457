import { afterEach, describe, expect, it, vi } from 'vitest';
import { entityKey } from '../../app/domain/entity';
import type { ControlState } from '../../app/protocol/control';
import { replayAppeal as appeal, startReplayHub, T0, WAIT, type ReplayHub } from '../../test/support/replay-hub';
import { DataSource } from './data-source';
import { TickerList } from './ticker';

// A real hub on port 0 and the real fetch; real timers with a short poll, the replayed moment
// driven by the hub clock the source is given.
const control = (over: Partial<ControlState>): Pick<ControlState, 'frozenAt' | 'replay'> => ({ frozenAt: null, replay: null, ...over });

let hubs: ReplayHub[] = [];
afterEach(async () => {
  await Promise.all(hubs.map((h) => h.close()));
  hubs = [];
});

type Event = { type: string; upserted?: string[]; removed?: string[] };

async function setup(opts: { retain?: number } = {}) {
  const hub = await startReplayHub(opts);
  hubs.push(hub);
  const events: Event[] = [];
  const source = new DataSource(
    { hub: hub.url, token: hub.token, hubNow: () => hub.clock.now, fetch: hub.fetch, pollMs: 10 },
    {
      reset: () => events.push({ type: 'reset' }),
      change: (u, r) => events.push({ type: 'change', upserted: u.map(entityKey), removed: r.map(entityKey) }),
      info: () => events.push({ type: 'info' }),
    },
  );
  return { hub, events, source };
}

/** The changes that carried items (a poll that found nothing new reports an empty one). */
const changes = (events: Event[]) => events.filter((e) => e.type === 'change' && (e.upserted!.length > 0 || e.removed!.length > 0));

describe('the wall’s data source', () => {
  it('switches to the replayed state once it came, plays the changes, and goes back to live at once', async () => {
    const { source, events, hub } = await setup();
    await hub.publish(T0 - 5000, [appeal('a'), appeal('b'), appeal('c')]);
    // One step of the replay holds both: `c` goes and comes back, `n` comes and goes, `b` changes twice.
    await hub.publish(T0 + 10_000, [appeal('n'), appeal('b', 2)], [{ kind: 'appeal', id: 'c' }]);
    await hub.publish(T0 + 20_000, [appeal('c', 2), appeal('b', 3)], [{ kind: 'appeal', id: 'n' }]);
    hub.clock.now = T0 + 600_000;
    expect(source.live).toBe(true);

    source.follow(control({ replay: { from: T0, speed: 10, startedAt: hub.clock.now } }));
    expect(source.info).toMatchObject({ mode: 'live', pending: true });
    expect(source.live).toBe(true); // still live until the state has come
    await vi.waitFor(() => expect(events.some((e) => e.type === 'reset')).toBe(true), WAIT);
    expect(source.live).toBe(false);
    expect(source.info).toEqual({ mode: 'replay', at: T0, pending: false, error: null });
    expect([...source.entities!.keys()].sort()).toEqual(['appeal:a', 'appeal:b', 'appeal:c']);

    hub.clock.now += 3000; // ×10: the replay is at T0 + 30 s
    await vi.waitFor(() => expect(source.at).toBe(T0 + 30_000), WAIT);
    expect(changes(events)).toEqual([{ type: 'change', upserted: ['appeal:c', 'appeal:b'], removed: ['appeal:n'] }]);
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
    const { source, events, hub } = await setup({ retain: 2 });
    await hub.publish(T0 - 1000, [appeal('a')]);
    await hub.publish(T0 + 1000, [appeal('b')]);
    hub.clock.now = T0 + 60_000;
    source.follow(control({ frozenAt: T0 }));
    await vi.waitFor(() => expect(source.info.mode).toBe('frozen'), WAIT);
    expect(source.info.at).toBe(T0);
    expect(source.entities!.size).toBe(1);

    await hub.publish(T0 + 61_000, [appeal('c')]); // the log drops seq 1: an older state cannot be rebuilt
    source.follow(control({ replay: { from: T0 - 3_600_000, speed: 1, startedAt: hub.clock.now } }));
    await vi.waitFor(() => expect(source.info.error).toMatch(/^Хаб не отдал повтор: журнал хаба/), WAIT);
    // Still the frozen moment on screen: nothing was reset.
    expect(source.info).toMatchObject({ mode: 'frozen', at: T0, pending: true });
    expect(source.entities!.size).toBe(1);
    expect(events.filter((e) => e.type === 'reset')).toHaveLength(1);
    source.stop();
  });

  it('stays live with the reason when the first replayed state never comes', async () => {
    const { source, hub } = await setup({ retain: 1 });
    await hub.publish(T0 - 3000, [appeal('a')]);
    await hub.publish(T0 - 2000, [appeal('b')]); // the log keeps seq 2 only: 409
    hub.clock.now = T0;
    source.follow(control({ frozenAt: T0 - 1000 }));
    await vi.waitFor(() => expect(source.info.error).not.toBeNull(), WAIT);
    expect(source.info.error).toMatch(/^Хаб не отдал повтор: журнал хаба/);
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
    t.fill(
      Array.from({ length: 10 }, (_, i) => appeal(`x${i}`, 1, T0 + i * 1000)),
      T0 + 7000,
    );
    expect(t.items.map((i) => i.key)).toEqual(['appeal:x7', 'appeal:x6', 'appeal:x5', 'appeal:x4', 'appeal:x3', 'appeal:x2']);
    t.note(appeal('y', 2));
    expect(t.items).toHaveLength(6);
    t.note(appeal('y'));
    expect(t.items[0]!.key).toBe('appeal:y');
  });
});
