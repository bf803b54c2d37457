/**
 * Runs the spike and silence detectors (`app/detect/`) at the hub every minute on the appeals
 * the log holds, and raises their alarms in the hub's one alarm record (`hub/alarms/`), so every
 * screen shows the same surge at the same moment. Thresholds come from the `thresholds`
 * document's `detect` field, read at each run (a curator's change applies at the next minute).
 *
 * Arrivals are kept as a time-sorted list: built once from the log's state, then extended from
 * every broadcast delta (an appeal counts once, when its id is first seen), and trimmed to the
 * history the baseline learns from. An alarm is raised once per surge (`Episodes`), kept while
 * the surge lasts and cleared after `clearAfterMin` quiet minutes; a change of the thresholds
 * starts afresh (an alarm the new thresholds no longer support is cleared at the next run).
 */
import { DAY_MS } from '../../app/calendar/msk-time';
import { Detectors } from '../../app/detect/detect-all';
import { eventOf, type DetectEvent } from '../../app/detect/detect-event';
import type { DetectThresholds } from '../../app/detect/detect-thresholds';
import { Episodes } from '../../app/detect/episodes';
import type { Entity } from '../../app/domain/entity';
import type { Delta } from '../../app/protocol/feed';
import type { RaiseInput } from '../alarms/alarm-store';

/** The part of the alarm store the runner uses. */
export interface AlarmSink {
  sync(origin: string, inputs: readonly RaiseInput[]): void;
}

export interface DetectRunnerDeps {
  /** The log's current entities (read once, at start). */
  entities: () => Iterable<Entity>;
  /** Registers a listener of every broadcast delta. */
  onDelta: (fn: (d: Delta) => void) => void;
  alarms: AlarmSink;
  thresholds: () => DetectThresholds;
  now: () => number;
  /** @default 60 000 */
  intervalMs?: number;
}

/** The alarm origin of the detectors (the store's `sync` clears only its own). */
export const DETECT_ORIGIN = 'detect';

export interface DetectRunner {
  /** One evaluation now (the timer calls it; tests too). Returns the active alarm inputs. */
  runOnce(): RaiseInput[];
  /** Arrivals held. */
  readonly size: number;
  close(): void;
}

export function startDetectRunner(deps: DetectRunnerDeps): DetectRunner {
  const events: DetectEvent[] = [];
  /** Appeals counted, by id, with their arrival time (pruned with the events). */
  const seen = new Map<string, number>();
  /** Arrivals before this are of no use to any detector (older than the history learnt from). */
  let horizon = -Infinity;
  let unsorted = false;
  const add = (e: Entity) => {
    if (e.kind !== 'appeal' || e.createdAt < horizon || seen.has(e.id)) return;
    seen.set(e.id, e.createdAt);
    const ev = eventOf(e);
    if (events.length && events[events.length - 1]!.t > ev.t) unsorted = true;
    events.push(ev);
  };
  for (const e of deps.entities()) add(e);
  deps.onDelta((d) => {
    for (const e of d.upserts) add(e);
  });

  const detectors = new Detectors();
  let spikeEpisodes: Episodes<RaiseInput> | null = null;
  let silenceEpisodes: Episodes<RaiseInput> | null = null;
  /** The thresholds the episodes run under: a curator's change starts them afresh (and clears what no longer fires). */
  let episodesOf = '';
  const active = new Map<string, RaiseInput>();

  function trim(keepFrom: number): void {
    horizon = keepFrom;
    let cut = 0;
    while (cut < events.length && events[cut]!.t < keepFrom) cut++;
    if (cut === 0) return;
    events.splice(0, cut);
    // A later version of a pruned appeal is older than the horizon, so `add` skips it without its id.
    for (const [id, t] of seen) if (t < keepFrom) seen.delete(id);
  }

  function runOnce(): RaiseInput[] {
    const th = deps.thresholds();
    const now = deps.now();
    if (unsorted) {
      events.sort((a, b) => a.t - b.t);
      unsorted = false;
    }
    trim(now - (th.spike.historyDays + 2) * DAY_MS);
    const thKey = JSON.stringify(th);
    if (episodesOf !== thKey) {
      episodesOf = thKey;
      spikeEpisodes = new Episodes(th.spike.clearAfterMin * 60_000);
      silenceEpisodes = new Episodes(th.spike.clearAfterMin * 60_000);
      active.clear();
    }
    const found = detectors.evaluate(events, now, th);
    const spikes: RaiseInput[] = found.spikes.map((s) => ({
      rule: 'spike',
      severity: th.spike.severity,
      entity: null,
      key: s.key,
      title: 'Всплеск сообщений',
      text: s.text,
      since: now - th.spike.windowMin * 60_000,
    }));
    const silences: RaiseInput[] = found.silences.map((s) => ({
      rule: 'silence',
      severity: th.silence.severity,
      entity: null,
      key: s.key,
      title: s.kind === 'channel' ? 'Канал молчит' : 'Округ молчит',
      text: s.text,
      since: now - th.silence.windowMin * 60_000,
    }));
    for (const [ep, list] of [
      [spikeEpisodes!, spikes],
      [silenceEpisodes!, silences],
    ] as const) {
      const ch = ep.update(now, list);
      for (const r of [...ch.raised, ...ch.updated]) active.set(r.key, r);
      for (const k of ch.cleared) active.delete(k);
    }
    const inputs = [...active.values()];
    deps.alarms.sync(DETECT_ORIGIN, th.enabled ? inputs : []);
    return inputs;
  }

  const safeRun = () => {
    try {
      runOnce();
    } catch (e) {
      console.error(`detect: a run failed: ${(e as Error).message}`);
    }
  };
  const interval = deps.intervalMs ?? 60_000;
  // A first run soon after start (a restarted hub raises a surge under way without waiting a minute).
  const first = setTimeout(safeRun, Math.min(5000, interval));
  const timer = setInterval(safeRun, interval);
  first.unref();
  timer.unref();
  return {
    runOnce,
    get size() {
      return events.length;
    },
    close: () => {
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}
