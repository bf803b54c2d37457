import { describe, expect, it } from 'vitest';
import { Watchdog, type WatchdogAction, type WatchdogEvent } from './watchdog';

/** Feeds events in order; returns the actions that are not log lines, each with the time it came at. */
function run(w: Watchdog, events: WatchdogEvent[]): Array<{ at: number } & Exclude<WatchdogAction, { type: 'log' }>> {
  const out: Array<{ at: number } & Exclude<WatchdogAction, { type: 'log' }>> = [];
  for (const e of events) {
    const at = 'at' in e ? e.at : -1;
    for (const a of w.dispatch(e)) if (a.type !== 'log') out.push({ at, ...a });
  }
  return out;
}

/** Ticks every second from `from` to `to` (inclusive). */
const ticks = (from: number, to: number): WatchdogEvent[] => {
  const out: WatchdogEvent[] = [];
  for (let t = from; t <= to; t += 1000) out.push({ type: 'tick', at: t });
  return out;
};

const S = 'main';
const opened = (at: number): WatchdogEvent => ({ type: 'opened', screenId: S, at });
const gone = (at: number, reason = 'crashed'): WatchdogEvent => ({ type: 'render-gone', screenId: S, at, reason });
const beat = (at: number, frame: number): WatchdogEvent => ({ type: 'heartbeat', screenId: S, at, frame });
const loaded = (at: number): WatchdogEvent => ({ type: 'loaded', screenId: S, at });

describe('Watchdog: crashes', () => {
  it('reloads a crashed renderer after 1 s, then 2 s, 4 s while it keeps crashing', () => {
    const w = new Watchdog();
    const actions = run(w, [opened(0), gone(10_000), ...ticks(10_000, 12_000), gone(12_500), ...ticks(13_000, 15_000), gone(15_000), ...ticks(16_000, 20_000)]);
    expect(actions).toEqual([
      { at: 11_000, type: 'reload', screenId: S, hard: false, reason: 'renderer gone (crashed)', nextHub: false },
      { at: 15_000, type: 'reload', screenId: S, hard: false, reason: 'renderer gone (crashed)', nextHub: false },
      { at: 19_000, type: 'reload', screenId: S, hard: false, reason: 'renderer gone (crashed)', nextHub: false },
    ]);
  });

  it('ignores a clean exit, and a second report of the same failure while a reload is pending', () => {
    const w = new Watchdog();
    const actions = run(w, [
      opened(0),
      gone(1_000, 'clean-exit'),
      gone(2_000),
      { type: 'load-failed', screenId: S, at: 2_100, detail: '-2 FAILED' },
      ...ticks(2_000, 10_000),
    ]);
    expect(actions).toEqual([{ at: 3_000, type: 'reload', screenId: S, hard: false, reason: 'renderer gone (crashed)', nextHub: false }]);
  });

  it('starts the backoff over after the page stayed up for a minute', () => {
    const w = new Watchdog();
    const a = run(w, [
      opened(0),
      loaded(500),
      gone(1_000),
      ...ticks(1_000, 2_000),
      gone(2_500),
      ...ticks(3_000, 5_000),
      loaded(5_500),
      gone(200_000),
      ...ticks(200_000, 201_000),
    ]);
    expect(a.map((x) => x.at)).toEqual([2_000, 5_000, 201_000]);
  });

  it('retries a failed load (hub down at boot) with backoff', () => {
    const w = new Watchdog();
    const a = run(w, [opened(0), { type: 'load-failed', screenId: S, at: 0, detail: '-102 ERR_CONNECTION_REFUSED' }, ...ticks(0, 1_000)]);
    expect(a).toEqual([{ at: 1_000, type: 'reload', screenId: S, hard: false, reason: 'load failed (-102 ERR_CONNECTION_REFUSED)', nextHub: false }]);
  });
});

describe('Watchdog: hangs and freezes', () => {
  it('hard-reloads a window unresponsive for the grace period', () => {
    const w = new Watchdog({ unresponsiveGraceMs: 10_000 });
    const a = run(w, [opened(0), { type: 'unresponsive', screenId: S, at: 5_000 }, ...ticks(5_000, 14_000)]);
    expect(a).toEqual([]);
    expect(w.health(14_000)[0]?.phase).toBe('unresponsive');
    const b = run(w, [...ticks(15_000, 16_000)]);
    expect(b).toEqual([{ at: 16_000, type: 'reload', screenId: S, hard: true, reason: 'unresponsive for 10 s', nextHub: false }]);
  });

  it('does not reload a window that became responsive within the grace period', () => {
    // Still loading after a minute: the load timeout is not what this is about.
    const w = new Watchdog({ unresponsiveGraceMs: 10_000, loadTimeoutMs: 3_600_000 });
    const a = run(w, [
      opened(0),
      { type: 'unresponsive', screenId: S, at: 5_000 },
      ...ticks(5_000, 9_000),
      { type: 'responsive', screenId: S, at: 9_500 },
      ...ticks(10_000, 60_000),
    ]);
    expect(a).toEqual([]);
    expect(w.health(60_000)[0]?.phase).toBe('loading');
  });

  it('ignores the report of the renderer it crashed itself for a hard reload', () => {
    const w = new Watchdog({ unresponsiveGraceMs: 1_000 });
    const a = run(w, [opened(0), { type: 'unresponsive', screenId: S, at: 0 }, ...ticks(1_000, 2_000), gone(2_100, 'killed'), ...ticks(3_000, 10_000)]);
    expect(a.map((x) => [x.at, x.type])).toEqual([[2_000, 'reload']]);
  });

  it('hard-reloads a page whose frame counter stopped moving, once it was seen drawing', () => {
    const w = new Watchdog({ freezeMs: 15_000 });
    const events: WatchdogEvent[] = [opened(0), { type: 'loaded', screenId: S, at: 500 }];
    for (let t = 1_000; t <= 10_000; t += 1_000) events.push(beat(t, t / 1000));
    // A timer keeps reporting the same frame: not drawing.
    for (let t = 11_000; t <= 30_000; t += 1_000) events.push(beat(t, 10), { type: 'tick', at: t });
    const a = run(w, events);
    // Found frozen at 25 s (15 s after frame 10), reloaded 1 s later.
    expect(a[0]).toEqual({ at: 26_000, type: 'reload', screenId: S, hard: true, reason: 'frozen: no new frame for 15 s', nextHub: false });
  });

  it('never reloads a renderer that does not send heartbeats for its silence', () => {
    const w = new Watchdog();
    expect(run(w, [opened(0), { type: 'loaded', screenId: S, at: 1 }, ...ticks(0, 3_600_000)])).toEqual([]);
    expect(w.health(3_600_000)[0]).toMatchObject({ phase: 'running', lastHeartbeatAgeMs: null });
  });

  it('expects a first frame after a reload from a renderer known to send heartbeats', () => {
    const w = new Watchdog({ firstFrameMs: 60_000 });
    const a = run(w, [opened(0), beat(1_000, 1), gone(2_000), ...ticks(2_000, 3_000), loaded(3_500), ...ticks(4_000, 64_000)]);
    // Reloaded at 3 s, loaded; no frame by 63 s: hard reload 1 s later.
    expect(a.map((x) => [x.at, 'hard' in x && x.hard, x.reason])).toEqual([
      [3_000, false, 'renderer gone (crashed)'],
      [64_000, true, 'no frame 60 s after loading'],
    ]);
  });
});

describe('Watchdog: the safe screen', () => {
  it('shows the safe screen on the 5th failure within 10 minutes, and tries the wall page again later', () => {
    const w = new Watchdog({ safeRetryMs: 120_000 });
    const events: WatchdogEvent[] = [opened(0), loaded(500)];
    // Each reload loads (the 5th `loaded` is the safe screen's own page: ignored).
    for (let i = 0; i < 5; i++) {
      const t = i * 70_000;
      events.push(gone(t + 1_000), ...ticks(t + 1_000, t + 2_000), loaded(t + 2_500), ...ticks(t + 3_000, t + 60_000));
    }
    const a = run(w, events);
    expect(a.filter((x) => x.type === 'reload')).toHaveLength(4);
    expect(a.at(-1)).toEqual({ at: 281_000, type: 'show-safe-screen', screenId: S, reason: 'renderer gone (crashed)' });
    expect(w.health(290_000)[0]).toMatchObject({ phase: 'safe-screen', recentFailures: 5, lastProblem: 'renderer gone (crashed)' });

    // Late reports and heartbeats of the lost page change nothing while the safe screen is up.
    expect(
      run(w, [
        { type: 'loaded', screenId: S, at: 290_000 },
        { type: 'load-failed', screenId: S, at: 290_000, detail: 'x' },
        beat(290_000, 1),
        ...ticks(290_000, 400_000),
      ]),
    ).toEqual([]);
    // Two minutes later the wall page is tried again…
    const retry = run(w, ticks(401_000, 401_000));
    expect(retry).toEqual([{ at: 401_000, type: 'reload', screenId: S, hard: false, reason: 'retry after the safe screen', nextHub: false }]);
    // …and a failure of that try goes straight back to the safe screen.
    expect(run(w, [gone(405_000)])).toEqual([{ at: 405_000, type: 'show-safe-screen', screenId: S, reason: 'renderer gone (crashed)' }]);
  });

  it('stays on the wall page after a retry that works, and forgets old failures', () => {
    const w = new Watchdog({ maxFailures: 2, safeRetryMs: 60_000, failureWindowMs: 600_000 });
    run(w, [opened(0), gone(1_000), ...ticks(1_000, 2_000), gone(3_000)]);
    expect(w.health(3_000)[0]?.phase).toBe('safe-screen');
    run(w, [...ticks(63_000, 63_000), { type: 'loaded', screenId: S, at: 64_000 }, beat(64_000, 1)]);
    expect(w.health(64_000)[0]?.phase).toBe('running');
    // Ten minutes on, one crash is one crash again.
    expect(run(w, [gone(700_000), ...ticks(700_000, 701_000)]).map((x) => x.type)).toEqual(['reload']);
  });

  it('shows the safe screen again when the safe screen renderer itself dies', () => {
    const w = new Watchdog({ maxFailures: 1 });
    run(w, [opened(0), gone(1_000)]);
    expect(run(w, [gone(2_000, 'oom')])).toEqual([{ at: 2_000, type: 'show-safe-screen', screenId: S, reason: 'safe screen renderer gone (oom)' }]);
  });

  it('an operator reload leaves the safe screen at once and is not counted as a failure', () => {
    const w = new Watchdog({ maxFailures: 1 });
    run(w, [opened(0), gone(1_000)]);
    expect(run(w, [{ type: 'reload-requested', screenId: S, at: 2_000, by: 'admin' }])).toEqual([
      { at: 2_000, type: 'reload', screenId: S, hard: false, reason: 'requested by admin', nextHub: false },
    ]);
    expect(w.health(2_000)[0]).toMatchObject({ phase: 'loading', reloads: 1, recentFailures: 1 });
    expect(run(w, [{ type: 'reload-requested', screenId: 'nope', at: 2_000, by: 'admin' }])).toEqual([]);
  });
});

describe('Watchdog: the GPU process', () => {
  it('recreates the windows at once, then with backoff while the GPU keeps crashing', () => {
    const w = new Watchdog();
    const a = run(w, [
      { type: 'gpu-gone', at: 1_000, reason: 'crashed' },
      ...ticks(2_000, 3_000),
      { type: 'gpu-gone', at: 3_500, reason: 'crashed' },
      ...ticks(4_000, 5_000),
      { type: 'gpu-gone', at: 5_000, reason: 'crashed' },
      ...ticks(6_000, 8_000),
    ]);
    expect(a.map((x) => [x.at, x.type])).toEqual([
      [1_000, 'recreate-windows'],
      [5_000, 'recreate-windows'],
      [7_000, 'recreate-windows'],
    ]);
  });

  it('forgets a closed window; a window opened again starts loading', () => {
    const w = new Watchdog();
    run(w, [opened(0), { type: 'closed', screenId: S }]);
    expect(w.screens()).toEqual([]);
    expect(run(w, [gone(1_000), ...ticks(1_000, 5_000)])).toEqual([]);
    run(w, [opened(6_000)]);
    expect(w.health(6_000)).toEqual([
      { screenId: S, phase: 'loading', since: 6_000, lastHeartbeatAgeMs: null, reloads: 0, recentFailures: 0, lastProblem: null },
    ]);
  });
});

describe('Watchdog: several screens', () => {
  it('keeps each screen to itself', () => {
    const w = new Watchdog();
    const a = run(w, [
      { type: 'opened', screenId: 'a', at: 0 },
      { type: 'opened', screenId: 'b', at: 0 },
      { type: 'render-gone', screenId: 'b', at: 1_000, reason: 'oom' },
      ...ticks(1_000, 2_000),
    ]);
    expect(a).toEqual([{ at: 2_000, type: 'reload', screenId: 'b', hard: false, reason: 'renderer gone (oom)', nextHub: false }]);
    expect(w.health(2_000).map((h) => [h.screenId, h.phase, h.reloads])).toEqual([
      ['a', 'loading', 0],
      ['b', 'loading', 1],
    ]);
  });
});

describe('Watchdog: a hub cluster (issue 16)', () => {
  const failed = (at: number): WatchdogEvent => ({ type: 'load-failed', screenId: S, at, detail: '-102 ERR_CONNECTION_REFUSED' });
  const reload = (at: number, nextHub: boolean) => ({
    at,
    type: 'reload',
    screenId: S,
    hard: false,
    reason: 'load failed (-102 ERR_CONNECTION_REFUSED)',
    nextHub,
  });

  it('moves a failed load to the next node at the next tick, not counted, while the round has untried nodes', () => {
    const w = new Watchdog({ hubNodes: 3 });
    // A fails at 0 → B at 1 s (uncounted); B fails → C at 2 s (uncounted); C fails: the round is complete,
    // counted (failure 1), backoff 1 s → A again at 4 s, where it loads and stays.
    const a = run(w, [opened(0), failed(500), ...ticks(1_000, 1_000), failed(1_500), ...ticks(2_000, 2_000), failed(2_500), ...ticks(3_000, 4_000)]);
    expect(a).toEqual([reload(1_000, true), reload(2_000, true), reload(4_000, true)]);
    expect(w.health(4_000)[0]).toMatchObject({ recentFailures: 1, phase: 'loading' });
  });

  it('starts a new round after a page loaded: one more failed node is not counted', () => {
    const w = new Watchdog({ hubNodes: 2 });
    const a = run(w, [
      opened(0),
      failed(100),
      ...ticks(1_000, 1_000),
      { type: 'loaded', screenId: S, at: 1_200 },
      { type: 'reload-requested', screenId: S, at: 5_000, by: 'admin' },
      failed(5_100),
      ...ticks(6_000, 6_000),
    ]);
    // The operator's reload stays on the node; its failure moves to the other one, uncounted.
    expect(a).toEqual([
      reload(1_000, true),
      { at: 5_000, type: 'reload', screenId: S, hard: false, reason: 'requested by admin', nextHub: false },
      reload(6_000, true),
    ]);
    expect(w.health(6_000)[0]!.recentFailures).toBe(0);
  });

  it('reloads a crashed page on its own node, counted as before', () => {
    const w = new Watchdog({ hubNodes: 3 });
    const a = run(w, [opened(0), { type: 'loaded', screenId: S, at: 100 }, gone(1_000), ...ticks(1_000, 2_000)]);
    expect(a).toEqual([{ at: 2_000, type: 'reload', screenId: S, hard: false, reason: 'renderer gone (crashed)', nextHub: false }]);
    expect(w.health(2_000)[0]!.recentFailures).toBe(1);
  });

  it('shows the safe screen only after every node failed 5 times (15 loads with 3 nodes), and goes round again after it', () => {
    const w = new Watchdog({ hubNodes: 3 });
    const events: WatchdogEvent[] = [opened(0)];
    const loads: number[] = [0];
    const actions: ReturnType<typeof run> = [];
    let t = 0;
    // Every load fails 100 ms after it started; ticks until the next reload or the safe screen.
    for (let n = 0; n < 40; n++) {
      actions.push(...run(w, [...events.splice(0), failed(t + 100)]));
      if (actions.at(-1)?.type === 'show-safe-screen') break;
      let next: ReturnType<typeof run> = [];
      while (!next.length) next = run(w, [{ type: 'tick', at: (t += 1_000) }]);
      actions.push(...next);
      loads.push(t);
    }
    expect(loads).toHaveLength(15);
    expect(actions.filter((x) => x.type === 'reload').every((x) => x.type === 'reload' && x.nextHub)).toBe(true);
    expect(actions.at(-1)).toMatchObject({ type: 'show-safe-screen', screenId: S });
    expect(w.health(t)[0]).toMatchObject({ phase: 'safe-screen', recentFailures: 5 });
    // After the safe screen: the retry (on the last node) and the other two nodes, then the safe screen again.
    const retry = run(w, [...ticks(t + 1_000, t + 121_000), failed(t + 121_100)]);
    expect(retry.map((x) => x.type)).toEqual(['reload']);
    const round = run(w, [...ticks(t + 122_000, t + 122_000), failed(t + 122_100), ...ticks(t + 123_000, t + 123_000), failed(t + 123_100)]);
    expect(round.map((x) => x.type)).toEqual(['reload', 'reload', 'show-safe-screen']);
  });

  it('moves a page that loaded but drew no first frame to the next node, counted; a frozen page stays', () => {
    const w = new Watchdog({ hubNodes: 2, firstFrameMs: 60_000, freezeMs: 15_000 });
    const a = run(w, [opened(0), beat(1_000, 1), gone(2_000), ...ticks(2_000, 3_000), loaded(3_500), ...ticks(4_000, 64_000)]);
    expect(a.map((x) => [x.at, x.type === 'reload' && x.hard, x.type === 'reload' && x.nextHub])).toEqual([
      [3_000, false, false],
      [64_000, true, true],
    ]);
    expect(w.health(64_000)[0]!.recentFailures).toBe(2);
    // It drew on the next node, then froze: reloaded there.
    const b = run(w, [beat(65_000, 2), ...ticks(65_000, 100_000)]);
    expect(b.length).toBe(1);
    expect(b[0]).toMatchObject({ type: 'reload', hard: true, nextHub: false, reason: 'frozen: no new frame for 15 s' });
  });

  it('with one node behaves as before: every failed load counts and reloads the same page', () => {
    const w = new Watchdog({ hubNodes: 1 });
    const a = run(w, [opened(0), failed(0), ...ticks(0, 1_000)]);
    expect(a).toEqual([reload(1_000, false)]);
    expect(w.health(1_000)[0]!.recentFailures).toBe(1);
  });
});

describe('Watchdog: a load that hangs (a node that accepts the connection and never answers)', () => {
  const reason = 'load timed out (no answer within 30 s)';
  const failed = (at: number): WatchdogEvent => ({ type: 'load-failed', screenId: S, at, detail: '-118 ERR_CONNECTION_TIMED_OUT' });
  /** The log lines of one event. */
  const logs = (w: Watchdog, e: WatchdogEvent): string[] => w.dispatch(e).flatMap((a) => (a.type === 'log' ? [`${a.level} ${a.message}`] : []));

  it('with one node: a failed load after 30 s, counted with backoff, then the safe screen; the safe screen is not timed', () => {
    const w = new Watchdog();
    expect(run(w, [opened(0), ...ticks(0, 29_000)])).toEqual([]);
    expect(w.health(29_000)[0]).toMatchObject({ phase: 'loading', recentFailures: 0 });
    expect(logs(w, { type: 'tick', at: 30_000 })).toEqual([`warn main: ${reason}; reload in 1 s (failure 1 within 600 s)`]);
    expect(w.health(30_000)[0]).toMatchObject({ phase: 'reloading', recentFailures: 1, lastProblem: reason });
    // Every reload hangs too: 30 s each, then 2 s, 4 s, 8 s of backoff; the 5th failure is the safe screen.
    const a = run(w, ticks(31_000, 165_000));
    expect(a.map((x) => [x.at, x.type])).toEqual([
      [31_000, 'reload'],
      [63_000, 'reload'],
      [97_000, 'reload'],
      [135_000, 'reload'],
      [165_000, 'show-safe-screen'],
    ]);
    expect(a[0]).toEqual({ at: 31_000, type: 'reload', screenId: S, hard: false, reason, nextHub: false });
    expect(a.at(-1)).toEqual({ at: 165_000, type: 'show-safe-screen', screenId: S, reason });
    expect(w.health(165_000)[0]).toMatchObject({ phase: 'safe-screen', recentFailures: 5 });
    // The safe screen (a local page) stays, whether its own load is reported or not…
    expect(run(w, [loaded(165_100), ...ticks(166_000, 284_000)])).toEqual([]);
    // …the wall page is tried again 2 minutes later, and a retry that hangs goes back to it after 30 s.
    expect(run(w, ticks(285_000, 285_000)).map((x) => x.type)).toEqual(['reload']);
    expect(run(w, ticks(286_000, 315_000))).toEqual([{ at: 315_000, type: 'show-safe-screen', screenId: S, reason }]);
    expect(run(w, ticks(316_000, 434_000))).toEqual([]);
    expect(run(w, ticks(435_000, 435_000)).map((x) => x.type)).toEqual(['reload']);
  });

  it('with a cluster (3 nodes): the next node at 30 s, not counted, until every node hung in the round', () => {
    const w = new Watchdog({ hubNodes: 3 });
    expect(run(w, [opened(0), ...ticks(0, 29_000)])).toEqual([]);
    const at30 = w.dispatch({ type: 'tick', at: 30_000 });
    expect(at30).toEqual([
      { type: 'log', level: 'warn', message: `main: ${reason}; loading from the next hub node (1 of 3 failed in this round)` },
      { type: 'reload', screenId: S, hard: false, reason, nextHub: true },
    ]);
    expect(w.health(30_000)[0]).toMatchObject({ phase: 'loading', recentFailures: 0, lastProblem: reason });
    // The second node hangs too: the third at 60 s, not counted; the third hangs: the round is
    // complete, counted, back to the first node 1 s later, where it loads and stays.
    const a = run(w, [...ticks(31_000, 91_000), loaded(92_000), ...ticks(92_000, 600_000)]);
    expect(a).toEqual([
      { at: 60_000, type: 'reload', screenId: S, hard: false, reason, nextHub: true },
      { at: 91_000, type: 'reload', screenId: S, hard: false, reason, nextHub: true },
    ]);
    expect(w.health(600_000)[0]).toMatchObject({ phase: 'running', recentFailures: 1 });
  });

  it('leaves a load that finishes at 29 s alone (one node and a cluster)', () => {
    for (const hubNodes of [1, 3]) {
      const w = new Watchdog({ hubNodes });
      expect(run(w, [opened(0), ...ticks(0, 28_000), loaded(29_000), ...ticks(29_000, 600_000)])).toEqual([]);
      expect(w.health(600_000)[0]).toMatchObject({ phase: 'running', reloads: 0, recentFailures: 0, lastProblem: null });
    }
  });

  it('times a reload like the first load, and an operator’s reload too', () => {
    const w = new Watchdog();
    // Loaded, crashed at 1 s, reloaded at 2 s: that load hangs, failed at 32 s, reloaded at 34 s (backoff 2 s).
    const a = run(w, [opened(0), loaded(100), gone(1_000), ...ticks(1_000, 39_000), { type: 'reload-requested', screenId: S, at: 39_500, by: 'admin' }]);
    expect(a.map((x) => [x.at, x.type === 'reload' && x.reason])).toEqual([
      [2_000, 'renderer gone (crashed)'],
      [34_000, reason],
      [39_500, 'requested by admin'],
    ]);
    // The operator's load hangs as well: failed at 69.5 s (found at the 70 s tick), reloaded 4 s later.
    expect(run(w, ticks(40_000, 74_000)).map((x) => [x.at, x.type === 'reload' && x.reason])).toEqual([[74_000, reason]]);
    expect(w.health(74_000)[0]).toMatchObject({ recentFailures: 3, reloads: 4 });
  });

  it('handles a load that fails before the timeout once: no second failure when 30 s pass', () => {
    // One node: the failure counts once and reloads after 1 s; the new load is timed from then.
    const one = new Watchdog();
    const a = run(one, [opened(0), ...ticks(0, 29_000), failed(29_500), ...ticks(30_000, 60_000)]);
    expect(a).toEqual([{ at: 31_000, type: 'reload', screenId: S, hard: false, reason: 'load failed (-118 ERR_CONNECTION_TIMED_OUT)', nextHub: false }]);
    expect(one.health(60_000)[0]!.recentFailures).toBe(1);
    // A cluster: one move to the next node (1 of 3 in the round), so the next two hung nodes
    // are one uncounted move and then the counted end of the round.
    const three = new Watchdog({ hubNodes: 3 });
    const b = run(three, [opened(0), ...ticks(0, 29_000), failed(29_900), ...ticks(30_000, 59_000)]);
    expect(b.map((x) => [x.at, x.type === 'reload' && x.nextHub])).toEqual([[30_000, true]]);
    expect(run(three, ticks(60_000, 60_000)).map((x) => [x.at, x.type === 'reload' && x.nextHub])).toEqual([[60_000, true]]);
    expect(three.health(60_000)[0]!.recentFailures).toBe(0);
    expect(run(three, ticks(61_000, 90_000))).toEqual([]);
    expect(three.health(90_000)[0]).toMatchObject({ phase: 'reloading', recentFailures: 1 });
  });

  it('ignores the hung load giving up after the timeout fired (the reload is pending)', () => {
    const w = new Watchdog();
    const a = run(w, [opened(0), ...ticks(0, 30_000), failed(30_500), ...ticks(31_000, 40_000)]);
    expect(a).toEqual([{ at: 31_000, type: 'reload', screenId: S, hard: false, reason, nextHub: false }]);
    expect(w.health(40_000)[0]!.recentFailures).toBe(1);
  });

  it('leaves an unresponsive loading window to the unresponsive rule (a hard reload)', () => {
    const w = new Watchdog({ unresponsiveGraceMs: 10_000 });
    const a = run(w, [opened(0), ...ticks(0, 24_000), { type: 'unresponsive', screenId: S, at: 25_000 }, ...ticks(25_000, 36_000)]);
    expect(a).toEqual([{ at: 36_000, type: 'reload', screenId: S, hard: true, reason: 'unresponsive for 10 s', nextHub: false }]);
  });
});
