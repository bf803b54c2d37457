/**
 * The watchdog that keeps every wall window alive for months: a deterministic state machine.
 * It owns no timer and calls nothing: Electron's events and a periodic `tick` come in (with
 * the time), actions come out (reload, safe screen, recreate the windows, log), and
 * main.ts carries them out. So every sequence of failures is a unit test.
 *
 * - `render-process-gone` or a failed load → reload with backoff (1 s, 2 s, 4 s… 60 s).
 * - A load that hangs: a window `opened` or reloaded (by the watchdog or an operator) that got
 *   neither `loaded` nor `load-failed` (nor a heartbeat) within `loadTimeoutMs` (30 s; a node
 *   that accepts the connection and never answers, where Chromium's own timeout is minutes) is
 *   a failed load at the next tick, under the same rules (the cluster's below included). A
 *   `load-failed` before it is the one failure of that load; after it (the hung load giving up
 *   while the reload is pending) it is ignored. The safe screen is never timed: its phase takes
 *   no load events, and its retries of the wall page are timed like any load.
 * - `unresponsive` → a hard reload (renderer crashed on purpose, then reloaded) after a grace
 *   period, unless `responsive` comes first.
 * - Heartbeats (`kiosk:report-heartbeat`, a frame counter) stop advancing → a hard reload
 *   (the page is frozen). Armed only once a window has sent a heartbeat, so a renderer
 *   that does not send them is never reloaded for silence.
 * - The GPU process gone → recreate all windows (with backoff when it repeats).
 * - `maxFailures` failures of one screen within `failureWindowMs` → the safe screen (the ЦУР
 *   sign and a clock, never white or black); the wall page is tried again every
 *   `safeRetryMs`, and a failure of that try goes straight back to the safe screen.
 * - A hub cluster (`hubNodes` > 1, issue 16): a failed load moves the page to the next node
 *   (the `reload` says `nextHub`; main picks the node, hub-rotation.ts), at the next tick and
 *   without counting (a timed-out load: in the tick that finds it); only a load failure that
 *   completes a round (every node failed in turn since the last load) counts toward the safe
 *   screen and backs off. So the safe screen comes after every node failed `maxFailures` times.
 *   A page that loaded stays on its node: crashes, hangs and frozen pages reload it there; a
 *   page that loaded but drew no first frame (for a window that sent heartbeats before) is
 *   counted as usual and reloaded from the next node.
 */
import { backoffDelay, nextFailureCount } from './backoff';

export interface WatchdogConfig {
  /** How long a window may stay `unresponsive` before it is reloaded. */
  unresponsiveGraceMs: number;
  /** Heartbeat silence (no new frame) that counts as frozen, once frames were seen on this page. */
  freezeMs: number;
  /** Time allowed for the first frame after a (re)load, for a window known to send heartbeats. */
  firstFrameMs: number;
  /** Failures within `failureWindowMs` that switch a screen to the safe screen. */
  maxFailures: number;
  failureWindowMs: number;
  /** How long the safe screen stays before the wall page is tried again. */
  safeRetryMs: number;
  /** A page that stayed up this long starts the backoff over. */
  stableMs: number;
  /** Hub nodes a page may be loaded from (`--hub` and the layout's `hubs`). */
  hubNodes: number;
  /**
   * A load (window opened, or reloaded by the watchdog) with neither `loaded` nor `load-failed`
   * (nor a heartbeat) this long is a failed load (a node that accepts the connection but never
   * answers).
   */
  loadTimeoutMs: number;
}

export const DEFAULT_WATCHDOG_CONFIG: WatchdogConfig = {
  unresponsiveGraceMs: 10_000,
  freezeMs: 15_000,
  firstFrameMs: 60_000,
  maxFailures: 5,
  failureWindowMs: 10 * 60_000,
  safeRetryMs: 2 * 60_000,
  stableMs: 60_000,
  hubNodes: 1,
  loadTimeoutMs: 30_000,
};

/** After a hard reload the renderer we crashed reports itself gone: not a new failure. */
const OWN_CRASH_IGNORE_MS = 5_000;

export type WatchdogEvent =
  /** A window was created (or recreated) and its wall page started loading. */
  | { type: 'opened'; screenId: string; at: number }
  /** The wall page finished loading (main frame). */
  | { type: 'loaded'; screenId: string; at: number }
  /** The wall page failed to load (main frame, not an aborted navigation). */
  | { type: 'load-failed'; screenId: string; at: number; detail: string }
  | { type: 'render-gone'; screenId: string; at: number; reason: string }
  | { type: 'unresponsive'; screenId: string; at: number }
  | { type: 'responsive'; screenId: string; at: number }
  /** A heartbeat from the wall page: `frame` is its frame counter. */
  | { type: 'heartbeat'; screenId: string; at: number; frame: number }
  | { type: 'gpu-gone'; at: number; reason: string }
  | { type: 'closed'; screenId: string }
  /** An operator asked for a reload (hub `/admin`). */
  | { type: 'reload-requested'; screenId: string; at: number; by: string }
  | { type: 'tick'; at: number };

export type WatchdogAction =
  /**
   * Load the wall page again; `hard`: crash the (hung) renderer first; `nextHub`: from the
   * next hub node (the load failed), else from the node it is on.
   */
  | { type: 'reload'; screenId: string; hard: boolean; reason: string; nextHub: boolean }
  | { type: 'show-safe-screen'; screenId: string; reason: string }
  /** Destroy every window and open them again (the GPU process is gone). */
  | { type: 'recreate-windows'; reason: string }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string };

/** What a screen is doing, as reported to the hub. */
export type ScreenPhase = 'loading' | 'running' | 'unresponsive' | 'reloading' | 'safe-screen';

export interface ScreenWatchHealth {
  screenId: string;
  phase: ScreenPhase;
  /** Since when (ms) the screen is in this phase. */
  since: number;
  /** Age of the last heartbeat of the current page; null when none came. */
  lastHeartbeatAgeMs: number | null;
  /** Reloads done by the watchdog or an operator since the window opened. */
  reloads: number;
  /** Failures within the failure window. */
  recentFailures: number;
  lastProblem: string | null;
}

interface ScreenWatch {
  phase: 'loading' | 'running' | 'reload-pending' | 'safe';
  since: number;
  loadStartedAt: number;
  /** This screen's renderer has sent heartbeats (since the window opened). */
  sendsHeartbeats: boolean;
  lastFrame?: { at: number; frame: number };
  unresponsiveSince?: number;
  reloadAt?: number;
  reloadHard: boolean;
  reloadReason: string;
  /** The pending reload goes to the next hub node. */
  reloadNextHub: boolean;
  /** Nodes whose load failed in turn since the last load (or the last counted failure). */
  roundFailed: number;
  consecutive: number;
  failures: number[];
  safeRetryAt?: number;
  ignoreGoneUntil?: number;
  reloads: number;
  lastProblem: string | null;
}

const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`;

export class Watchdog {
  readonly #config: WatchdogConfig;
  readonly #screens = new Map<string, ScreenWatch>();
  #gpuFailures: number[] = [];
  #recreateAt: number | undefined;
  #recreateReason = '';

  constructor(config: Partial<WatchdogConfig> = {}) {
    this.#config = { ...DEFAULT_WATCHDOG_CONFIG, ...config };
  }

  /** Feeds one event; returns what to do now. */
  dispatch(e: WatchdogEvent): WatchdogAction[] {
    const out: WatchdogAction[] = [];
    switch (e.type) {
      case 'opened': {
        const old = this.#screens.get(e.screenId);
        this.#screens.set(e.screenId, {
          phase: 'loading',
          since: e.at,
          loadStartedAt: e.at,
          sendsHeartbeats: false,
          reloadHard: false,
          reloadReason: '',
          reloadNextHub: false,
          roundFailed: 0,
          // Opened again without a `closed` in between (a late report): keep the history.
          consecutive: old?.consecutive ?? 0,
          failures: old?.failures ?? [],
          reloads: old?.reloads ?? 0,
          lastProblem: old?.lastProblem ?? null,
        });
        break;
      }
      case 'closed':
        this.#screens.delete(e.screenId);
        break;
      case 'loaded': {
        const w = this.#screens.get(e.screenId);
        if (w?.phase === 'loading') {
          this.#enter(w, 'running', e.at);
          w.roundFailed = 0;
        }
        break;
      }
      case 'heartbeat': {
        const w = this.#screens.get(e.screenId);
        if (!w || (w.phase !== 'loading' && w.phase !== 'running')) break;
        w.sendsHeartbeats = true;
        // Only a frame counter that moved proves frames are drawn.
        if (!w.lastFrame || w.lastFrame.frame !== e.frame) w.lastFrame = { at: e.at, frame: e.frame };
        if (w.phase === 'loading') this.#enter(w, 'running', e.at);
        break;
      }
      case 'render-gone': {
        const w = this.#screens.get(e.screenId);
        if (!w || e.reason === 'clean-exit') break;
        if (w.ignoreGoneUntil !== undefined && e.at <= w.ignoreGoneUntil) break;
        if (w.phase === 'safe') {
          // The safe screen itself died: show it again, it has no hub to wait for.
          out.push({ type: 'show-safe-screen', screenId: e.screenId, reason: `safe screen renderer gone (${e.reason})` });
          break;
        }
        this.#fail(e.screenId, w, e.at, `renderer gone (${e.reason})`, false, out);
        break;
      }
      case 'load-failed': {
        const w = this.#screens.get(e.screenId);
        if (!w || (w.phase !== 'loading' && w.phase !== 'running')) break;
        this.#loadFailed(e.screenId, w, e.at, `load failed (${e.detail})`, out);
        break;
      }
      case 'unresponsive': {
        const w = this.#screens.get(e.screenId);
        if (w && (w.phase === 'loading' || w.phase === 'running') && w.unresponsiveSince === undefined) {
          w.unresponsiveSince = e.at;
          out.push({
            type: 'log',
            level: 'warn',
            message: `${e.screenId}: unresponsive; reloading in ${seconds(this.#config.unresponsiveGraceMs)} unless it recovers`,
          });
        }
        break;
      }
      case 'responsive': {
        const w = this.#screens.get(e.screenId);
        if (w?.unresponsiveSince !== undefined) {
          out.push({ type: 'log', level: 'info', message: `${e.screenId}: responsive again after ${seconds(e.at - w.unresponsiveSince)}` });
          w.unresponsiveSince = undefined;
        }
        break;
      }
      case 'reload-requested': {
        const w = this.#screens.get(e.screenId);
        if (!w) break;
        out.push({ type: 'log', level: 'info', message: `${e.screenId}: reload requested by ${e.by}` });
        this.#reload(e.screenId, w, e.at, false, `requested by ${e.by}`, out, false);
        break;
      }
      case 'gpu-gone': {
        const { failureWindowMs, maxFailures } = this.#config;
        this.#gpuFailures = [...this.#gpuFailures.filter((t) => e.at - t < failureWindowMs), e.at];
        const n = this.#gpuFailures.length;
        // The first crash is answered at once; a repeating one waits 1 s, 2 s, 4 s…
        const at = n === 1 ? e.at : e.at + backoffDelay(n - 2);
        if (this.#recreateAt === undefined || at < this.#recreateAt) this.#recreateAt = at;
        this.#recreateReason = `GPU process gone (${e.reason}), ${n} within ${seconds(failureWindowMs)}`;
        out.push({
          type: 'log',
          level: n >= maxFailures ? 'error' : 'warn',
          message: `${this.#recreateReason}; recreating the windows${at > e.at ? ` in ${seconds(at - e.at)}` : ''}`,
        });
        this.#tick(e.at, out);
        break;
      }
      case 'tick':
        this.#tick(e.at, out);
        break;
    }
    return out;
  }

  /** The health of every watched screen. */
  health(now: number): ScreenWatchHealth[] {
    return [...this.#screens].map(([screenId, w]) => ({
      screenId,
      phase: this.#publicPhase(w),
      since: w.unresponsiveSince ?? w.since,
      lastHeartbeatAgeMs: w.lastFrame ? now - w.lastFrame.at : null,
      reloads: w.reloads,
      recentFailures: w.failures.filter((t) => now - t < this.#config.failureWindowMs).length,
      lastProblem: w.lastProblem,
    }));
  }

  /** Screen ids being watched. */
  screens(): string[] {
    return [...this.#screens.keys()];
  }

  #publicPhase(w: ScreenWatch): ScreenPhase {
    if (w.phase === 'safe') return 'safe-screen';
    if (w.phase === 'reload-pending') return 'reloading';
    if (w.unresponsiveSince !== undefined) return 'unresponsive';
    return w.phase;
  }

  #enter(w: ScreenWatch, phase: ScreenWatch['phase'], at: number): void {
    w.phase = phase;
    w.since = at;
  }

  #tick(at: number, out: WatchdogAction[]): void {
    const { unresponsiveGraceMs, freezeMs, firstFrameMs, loadTimeoutMs } = this.#config;
    if (this.#recreateAt !== undefined && at >= this.#recreateAt) {
      this.#recreateAt = undefined;
      out.push({ type: 'recreate-windows', reason: this.#recreateReason });
    }
    for (const [id, w] of this.#screens) {
      // A load that neither finished nor failed: a failed load, now (with a cluster the move to
      // the next node is due at once, so it is done in this tick). Not the safe screen (its
      // phase is `safe`, its own load events are ignored), not while `unresponsive` (that rule
      // hard-reloads the hung renderer after its grace period).
      if (w.phase === 'loading' && w.unresponsiveSince === undefined && at - w.loadStartedAt >= loadTimeoutMs) {
        this.#loadFailed(id, w, at, `load timed out (no answer within ${seconds(loadTimeoutMs)})`, out);
      }
      if (w.phase === 'reload-pending') {
        if (w.reloadAt !== undefined && at >= w.reloadAt) this.#reload(id, w, at, w.reloadHard, w.reloadReason, out, w.reloadNextHub);
        continue;
      }
      if (w.phase === 'safe') {
        if (w.safeRetryAt !== undefined && at >= w.safeRetryAt) {
          out.push({ type: 'log', level: 'info', message: `${id}: trying the wall page again after the safe screen` });
          this.#reload(id, w, at, false, 'retry after the safe screen', out, false);
        }
        continue;
      }
      if (w.unresponsiveSince !== undefined) {
        if (at - w.unresponsiveSince >= unresponsiveGraceMs) this.#fail(id, w, at, `unresponsive for ${seconds(at - w.unresponsiveSince)}`, true, out);
        continue;
      }
      if (!w.sendsHeartbeats) continue;
      if (w.lastFrame) {
        if (at - w.lastFrame.at >= freezeMs) this.#fail(id, w, at, `frozen: no new frame for ${seconds(at - w.lastFrame.at)}`, true, out);
      } else if (at - w.loadStartedAt >= firstFrameMs) {
        // A page that loaded but never drew (an error page, a node that serves it broken): with a
        // cluster the (counted) reload goes to the next node.
        this.#fail(id, w, at, `no frame ${seconds(at - w.loadStartedAt)} after loading`, true, out, this.#config.hubNodes > 1);
      }
    }
  }

  /**
   * A load of the wall page that failed (`load-failed`) or never finished (`loadTimeoutMs`):
   * with a cluster, the next node at once (uncounted) while the round has untried nodes; else
   * a counted failure (backoff, the safe screen after `maxFailures`).
   */
  #loadFailed(id: string, w: ScreenWatch, at: number, reason: string, out: WatchdogAction[]): void {
    if (this.#config.hubNodes > 1 && w.roundFailed + 1 < this.#config.hubNodes) {
      // Another node has not been tried in this round: go there now, not counted.
      w.roundFailed++;
      w.lastProblem = reason;
      w.unresponsiveSince = undefined;
      this.#pendReload(w, at, at, false, reason, true);
      out.push({
        type: 'log',
        level: 'warn',
        message: `${id}: ${reason}; loading from the next hub node (${w.roundFailed} of ${this.#config.hubNodes} failed in this round)`,
      });
      return;
    }
    w.roundFailed = 0;
    this.#fail(id, w, at, reason, false, out, this.#config.hubNodes > 1);
  }

  #fail(id: string, w: ScreenWatch, at: number, reason: string, hard: boolean, out: WatchdogAction[], nextHub = false): void {
    if (w.phase === 'reload-pending' || w.phase === 'safe') return;
    const { maxFailures, failureWindowMs, safeRetryMs, stableMs } = this.#config;
    w.failures = [...w.failures.filter((t) => at - t < failureWindowMs), at];
    w.lastProblem = reason;
    w.unresponsiveSince = undefined;
    if (w.failures.length >= maxFailures) {
      this.#enter(w, 'safe', at);
      w.safeRetryAt = at + safeRetryMs;
      w.lastFrame = undefined;
      out.push({
        type: 'log',
        level: 'error',
        message: `${id}: ${reason}; ${w.failures.length} failures within ${seconds(failureWindowMs)}: showing the safe screen, next try in ${seconds(safeRetryMs)}`,
      });
      out.push({ type: 'show-safe-screen', screenId: id, reason });
      return;
    }
    w.consecutive = nextFailureCount(w.consecutive, at - w.loadStartedAt, stableMs);
    const delay = backoffDelay(w.consecutive - 1);
    this.#pendReload(w, at, at + delay, hard, reason, nextHub);
    out.push({
      type: 'log',
      level: 'warn',
      message: `${id}: ${reason}; ${hard ? 'hard ' : ''}reload in ${seconds(delay)} (failure ${w.failures.length} within ${seconds(failureWindowMs)})`,
    });
  }

  /** A reload due at `reloadAt` (done by the first tick at or after it). */
  #pendReload(w: ScreenWatch, at: number, reloadAt: number, hard: boolean, reason: string, nextHub: boolean): void {
    this.#enter(w, 'reload-pending', at);
    w.reloadAt = reloadAt;
    w.reloadHard = hard;
    w.reloadReason = reason;
    w.reloadNextHub = nextHub;
  }

  #reload(id: string, w: ScreenWatch, at: number, hard: boolean, reason: string, out: WatchdogAction[], nextHub: boolean): void {
    this.#enter(w, 'loading', at);
    w.loadStartedAt = at;
    w.lastFrame = undefined;
    w.unresponsiveSince = undefined;
    w.reloadAt = undefined;
    w.safeRetryAt = undefined;
    w.ignoreGoneUntil = hard ? at + OWN_CRASH_IGNORE_MS : undefined;
    w.reloadNextHub = false;
    w.reloads++;
    out.push({ type: 'reload', screenId: id, hard, reason, nextHub });
  }
}
