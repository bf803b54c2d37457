/**
 * One evaluation of every detector at `now` over a time-sorted arrival list, with the baseline
 * learnt from the `historyDays` before the current Moscow day (relearnt once a day, so a surge
 * today never raises its own usual level). Shared by the hub's runner and the bench.
 */
import { DAY_MS, mskDay, mskDayStart } from '../calendar/msk-time';
import type { Sector } from '../domain/sector';
import type { TopicList } from '../domain/topics';
import { buildBaseline, type Baseline } from './baseline';
import type { DetectEvent } from './detect-event';
import type { DetectThresholds } from './detect-thresholds';
import { detectSilences, type Silence } from './silence';
import { detectSpikes, type Spike } from './spikes';

/** Index of the first event at or after `t` in a time-sorted list. */
export function lowerBound(events: readonly DetectEvent[], t: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (events[mid]!.t < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** What one evaluation found. */
export interface Detections {
  readonly spikes: Spike[];
  readonly silences: Silence[];
}

/** Detectors over a growing, time-sorted arrival list; the baseline cached per Moscow day. */
export class Detectors {
  private baseline: { day: number; historyDays: number; b: Baseline } | null = null;

  /** Baseline for the day of `now`: the `historyDays` whole days before it. */
  baselineAt(events: readonly DetectEvent[], now: number, historyDays: number): Baseline {
    const day = mskDay(now);
    if (this.baseline?.day !== day || this.baseline.historyDays !== historyDays) {
      const to = mskDayStart(day);
      const from = to - historyDays * DAY_MS;
      this.baseline = { day, historyDays, b: buildBaseline(events.slice(lowerBound(events, from), lowerBound(events, to)), from, to) };
    }
    return this.baseline.b;
  }

  /** Whether the log reaches back `days` whole days before the Moscow day of `now` (a usual level exists). */
  hasHistory(events: readonly DetectEvent[], now: number, days: number): boolean {
    if (days <= 0) return true;
    const first = events[0];
    return first !== undefined && first.t <= mskDayStart(mskDay(now)) - days * DAY_MS;
  }

  /** Forgets the cached baseline (the history changed, e.g. a new log epoch). */
  reset(): void {
    this.baseline = null;
  }

  /** Spikes and silences at `now` (nothing when the thresholds say disabled). */
  evaluate(events: readonly DetectEvent[], now: number, th: DetectThresholds, names?: { topics?: TopicList; sectors?: readonly Sector[] }): Detections {
    if (!th.enabled || !this.hasHistory(events, now, th.spike.minHistoryDays)) return { spikes: [], silences: [] };
    const baseline = this.baselineAt(events, now, th.spike.historyDays);
    const span = Math.max(th.spike.windowMin, th.silence.windowMin) * 60_000;
    const recent = events.slice(lowerBound(events, now - span), lowerBound(events, now));
    return { spikes: detectSpikes(recent, baseline, now, th.spike, names), silences: detectSilences(recent, baseline, now, th.silence) };
  }
}
