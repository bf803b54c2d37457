import { afterEach, describe, expect, it, vi } from 'vitest';
import { replayAppeal as appeal, startReplayHub, T0, WAIT, type ReplayHub } from '../../test/support/replay-hub';
import { ReplayClient, replayedTime, type ReplayView } from './replay-client';

// A real hub on port 0 and the real fetch; real timers with a short poll, the replayed moment
// driven by the hub clock the client is given.
const POLL_MS = 10;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

let hubs: ReplayHub[] = [];
async function hubWith(opts: { retain?: number } = {}): Promise<ReplayHub> {
  const hub = await startReplayHub(opts);
  hubs.push(hub);
  return hub;
}
afterEach(async () => {
  await Promise.all(hubs.map((h) => h.close()));
  hubs = [];
});

function follow(hub: ReplayHub, hubNow: () => number) {
  const views: ReplayView[] = [];
  const client = new ReplayClient({ hub: hub.url, token: hub.token, hubNow, fetch: hub.fetch, pollMs: POLL_MS, onUpdate: (v) => views.push({ ...v }) });
  return { client, views };
}

describe('replay client', () => {
  it('computes the replayed moment from the hub clock, never ahead of it', () => {
    const spec = { from: T0, speed: 60, startedAt: T0 + 3_600_000 };
    expect(replayedTime(spec, spec.startedAt + 1000)).toBe(T0 + 60_000);
    expect(replayedTime({ ...spec, speed: 0 }, spec.startedAt + 1000)).toBe(T0);
    expect(replayedTime(spec, spec.startedAt + 3_600_000)).toBe(spec.startedAt + 3_600_000);
  });

  it('starts from the state at the moment and plays the changes at ×N, page by page', async () => {
    const hub = await hubWith();
    await hub.publish(T0 - 5000, [appeal('a'), appeal('b')]);
    for (let i = 0; i < 5; i++) await hub.publish(T0 + (i + 1) * 10_000, [appeal(`n${i}`)]); // seq 2..6
    // More changes in one step than the hub answers at once (2,000 a page): seq 7..2506.
    for (let v = 1; v <= 2500; v++) await hub.publish(T0 + 55_000, [appeal('m', v)]);
    const last = await hub.publish(T0 + 60_000, [], [{ kind: 'appeal', id: 'a' }]);
    expect(last.seq).toBe(2507);

    hub.clock.now = T0 + 100_000;
    const { client, views } = follow(hub, () => hub.clock.now);
    client.start({ from: T0, speed: 10, startedAt: hub.clock.now });
    await vi.waitFor(() => expect(views.at(-1)?.status).toBe('ready'), WAIT);
    expect([...views.at(-1)!.entities.keys()].sort()).toEqual(['appeal:a', 'appeal:b']);
    expect(hub.requests[0]).toBe(`/api/v1/replay/state?at=${T0}`);

    hub.clock.now += 3000; // ×10: the replay is at T0 + 30 s
    await vi.waitFor(() => expect(views.at(-1)!.at).toBe(T0 + 30_000), WAIT);
    expect(views.at(-1)!.entities.size).toBe(5);
    expect(views.at(-1)!.seq).toBe(4);

    hub.clock.now += 4000; // T0 + 70 s: everything, in two pages, and `a` removed
    await vi.waitFor(() => expect(views.at(-1)!.seq).toBe(last.seq), WAIT);
    const to = `to=${T0 + 70_000}`;
    const step = hub.requests.filter((r) => r.endsWith(to));
    expect(step.slice(0, 2)).toEqual([`/api/v1/replay/changes?after=4&${to}`, `/api/v1/replay/changes?after=2004&${to}`]);
    expect(views.at(-1)!.entities.has('appeal:a')).toBe(false);
    expect(views.at(-1)!.entities.size).toBe(7);
    expect(views.at(-1)!.entities.get('appeal:m')?.version).toBe(2500);
    // The wall's projection: an appeal's text never leaves the hub.
    expect([...views.at(-1)!.entities.values()].every((e) => e.kind !== 'appeal' || e.text === '')).toBe(true);
    client.stop();
  });

  it('hands the pages it applied to the map even when a later page of the same step fails', async () => {
    const hub = await hubWith();
    await hub.publish(T0 - 5000, [appeal('a')]);
    for (let v = 1; v <= 2500; v++) await hub.publish(T0 + 5000, [appeal('m', v)]); // seq 2..2501
    hub.clock.now = T0 + 100_000;
    // The network drops once, on the second page (a fault the real hub cannot be asked for).
    let drop = true;
    const flaky: typeof fetch = (input, init) => {
      if (drop && String(input instanceof Request ? input.url : input).includes('after=2001')) {
        drop = false;
        return Promise.reject(new TypeError('fetch failed'));
      }
      return hub.fetch(input, init);
    };
    const upserted: number[] = [];
    const statuses: string[] = [];
    const client = new ReplayClient({
      hub: hub.url,
      token: hub.token,
      hubNow: () => hub.clock.now,
      fetch: flaky,
      pollMs: POLL_MS,
      onUpdate: (v, c) => {
        statuses.push(v.status);
        if (!c.reset) upserted.push(...c.upserted.map((e) => e.version));
      },
    });
    client.start({ from: T0, speed: 10, startedAt: hub.clock.now });
    await vi.waitFor(() => expect(statuses).toContain('ready'), WAIT);
    hub.clock.now += 1000; // ×10: T0 + 10 s, past every change
    await vi.waitFor(() => expect(upserted.length).toBe(2500), WAIT);
    // The first page reached the map before the error, the rest after it: nothing lost, nothing twice.
    expect(statuses).toContain('error');
    expect(upserted).toEqual(Array.from({ length: 2500 }, (_, i) => i + 1));
    client.stop();
  });

  it('follows the pages of a state larger than one answer (the hub pages it at 5,000), all at one seq', async () => {
    const hub = await hubWith();
    const many = Array.from({ length: 12_000 }, (_, i) => appeal(`p${i}`));
    await hub.publish(T0 - 5000, many); // seq 1
    await hub.publish(T0 - 4000, [], [{ kind: 'appeal', id: 'p3' }]); // seq 2
    const { client, views } = follow(hub, () => T0);
    client.start({ from: T0, speed: 0, startedAt: T0 });
    await vi.waitFor(() => expect(views.at(-1)?.status).toBe('ready'), WAIT);
    expect(views.at(-1)!.entities.size).toBe(11_999);
    expect(views.at(-1)!.seq).toBe(2);
    expect(views.filter((v) => v.status === 'ready')).toHaveLength(1); // the map gets the state once, whole
    expect(hub.requests).toHaveLength(3);
    expect(hub.requests[0]).toBe(`/api/v1/replay/state?at=${T0}`);
    for (const r of hub.requests.slice(1)) expect(r).toMatch(new RegExp(`^/api/v1/replay/state\\?at=${T0}&cursor=[A-Za-z0-9_%-]+$`));
    client.stop();
  });

  it('goes on with the changes when the hub cut a page short by its entity bound (more: true)', async () => {
    const hub = await hubWith();
    await hub.publish(T0 - 5000, [appeal('a')]); // seq 1
    const big = (v: number) => Array.from({ length: 12_000 }, (_, i) => appeal(`b${i}`, v));
    await hub.publish(T0 + 1000, big(1)); // seq 2
    await hub.publish(T0 + 2000, big(2)); // seq 3: the two are more than one page holds (20,000 entities)
    hub.clock.now = T0 + 100_000;
    const { client, views } = follow(hub, () => hub.clock.now);
    client.start({ from: T0, speed: 10, startedAt: hub.clock.now });
    await vi.waitFor(() => expect(views.at(-1)?.status).toBe('ready'), WAIT);
    hub.clock.now += 1000; // ×10: T0 + 10 s
    await vi.waitFor(() => expect(views.at(-1)!.seq).toBe(3), WAIT);
    const step = hub.requests.filter((r) => r.endsWith(`to=${T0 + 10_000}`));
    expect(step.slice(0, 2)).toEqual([`/api/v1/replay/changes?after=1&to=${T0 + 10_000}`, `/api/v1/replay/changes?after=2&to=${T0 + 10_000}`]);
    expect(views.at(-1)!.entities.get('appeal:b5')?.version).toBe(2);
    client.stop();
  });

  it('holds a frozen moment (speed 0) without polling', async () => {
    const hub = await hubWith();
    await hub.publish(T0, [appeal('a')]);
    const { client, views } = follow(hub, () => T0 + 10_000);
    client.start({ from: T0, speed: 0, startedAt: T0 });
    await vi.waitFor(() => expect(views.at(-1)?.status).toBe('ready'), WAIT);
    expect(views.at(-1)!.entities.size).toBe(1);
    await pause(20 * POLL_MS);
    expect(hub.requests).toEqual([`/api/v1/replay/state?at=${T0}`]);
    client.stop();
  });

  it('reports a refusal in Russian when the hub’s log no longer starts at the beginning', async () => {
    const hub = await hubWith({ retain: 1 });
    await hub.publish(T0 - 2000, [appeal('a')]);
    await hub.publish(T0 - 1000, [appeal('b')]); // the log keeps seq 2 only: 409
    const { client, views } = follow(hub, () => T0);
    client.start({ from: T0, speed: 1, startedAt: T0 });
    await vi.waitFor(() => expect(views.at(-1)?.status).toBe('error'), WAIT);
    expect(views.at(-1)!.error).toMatch(/^Хаб не отдал повтор: журнал хаба/);
    client.stop();
  });
});
