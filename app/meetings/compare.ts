/**
 * Period comparisons for the curator (DOMAIN.md: «this week vs last week, this heating season
 * vs last»). The previous period is the *same elapsed span* one week (one year) earlier, so a
 * Thursday morning is compared with last Thursday morning, not with a whole week.
 * Every figure is judged as of the end of its span, from the items' own times (created,
 * answered, started, restored), so the previous period is not flattered by later answers.
 */
import { DAY_MS } from '../calendar/msk-time';
import type { HeatingSeason } from '../accidents/heating-season';
import { isPlanned } from '../accidents/supply-time';
import { residentsOnce } from '../accidents/residents';
import type { Accident, Entity } from '../domain/entity';
import { dueAt } from '../sla/sla-due';
import type { SlaRules } from '../sla/sla-rules';
import { matchesAccident, matchesAppeal, type ItemFilter } from './item-filter';
import { formatMskDate, heatingSeasonAt, seasonLabel, weekStart, type Period } from './periods';

/** What can be compared. */
export const COMPARE_KINDS = ['week', 'heating-season'] as const;
/** A comparison kind. */
export type CompareKind = (typeof COMPARE_KINDS)[number];

/** Figures of one span. */
export interface SpanFigures {
  /** Appeals created in the span. */
  readonly appeals: number;
  /** Of the appeals due within the span, the share answered by their due time, 0–1; null when none was due. */
  readonly onTimeShare: number | null;
  /**
   * Accidents started in the span (planned outages not counted), and the residents they left
   * without supply: a building hit by overlapping accidents counts once (`residentsOnce`).
   */
  readonly accidents: number;
  readonly accidentResidents: number;
  /** Mean hours to restore supply, over accidents of the span restored by its end; null when none. */
  readonly meanRestoreH: number | null;
}

/** A comparison: the current span, the previous one, and whether the data reach back that far. */
export interface PeriodComparison {
  readonly kind: CompareKind;
  readonly current: Period & { readonly figures: SpanFigures };
  readonly previous: Period & { readonly figures: SpanFigures };
  /** False when the earliest item is later than the previous span's start: its figures are partial. */
  readonly previousComplete: boolean;
}

/** The current and previous spans of a kind at `now`. */
export function compareSpans(kind: CompareKind, now: number, season?: HeatingSeason): { current: Period; previous: Period } {
  if (kind === 'week') {
    const from = weekStart(now);
    const span = now - from;
    return {
      current: { from, to: now, label: `эта неделя (с ${formatMskDate(from)})` },
      previous: { from: from - 7 * DAY_MS, to: from - 7 * DAY_MS + span, label: `прошлая неделя, тот же отрезок (с ${formatMskDate(from - 7 * DAY_MS)})` },
    };
  }
  const cur = heatingSeasonAt(now, season);
  const to = Math.min(now, cur.end);
  // The previous season started on the same date one year earlier.
  const prev = heatingSeasonAt(cur.start - DAY_MS, season);
  const sameSpanEnd = Math.min(prev.end, prev.start + (to - cur.start));
  const whole = to >= cur.end;
  return {
    current: { from: cur.start, to, label: `${seasonLabel(cur.start)}${whole ? '' : ` (по ${formatMskDate(to)})`}` },
    previous: { from: prev.start, to: sameSpanEnd, label: `${seasonLabel(prev.start)}${whole ? '' : `, тот же отрезок (по ${formatMskDate(sameSpanEnd)})`}` },
  };
}

function spanFigures(entities: readonly Entity[], span: Period, filter: ItemFilter, sla?: SlaRules): SpanFigures {
  let appeals = 0;
  let due = 0;
  let onTime = 0;
  const accidents: Accident[] = [];
  let restored = 0;
  let restoreMs = 0;
  for (const e of entities) {
    if (e.kind === 'appeal') {
      if (e.createdAt < span.from || e.createdAt >= span.to) continue;
      // SLA state filters are about now; a past span is filtered by the other fields only.
      if (!matchesAppeal(e, { ...filter, sla: [] }, span.to, sla)) continue;
      appeals++;
      const d = dueAt(e, sla);
      if (d >= span.to) continue;
      due++;
      if (e.answeredAt !== undefined && e.answeredAt <= d) onTime++;
    } else if (e.kind === 'accident') {
      if (e.startedAt < span.from || e.startedAt >= span.to || isPlanned(e) || !matchesAccident(e, filter)) continue;
      accidents.push(e);
      if (e.restoredAt !== undefined && e.restoredAt <= span.to) {
        restored++;
        restoreMs += e.restoredAt - e.startedAt;
      }
    }
  }
  return {
    appeals,
    onTimeShare: due > 0 ? onTime / due : null,
    accidents: accidents.length,
    accidentResidents: residentsOnce(accidents, span.to),
    meanRestoreH: restored > 0 ? restoreMs / restored / 3_600_000 : null,
  };
}

/** Compares the current span with the previous one under a filter. */
export function comparePeriods(
  entities: Iterable<Entity>,
  now: number,
  kind: CompareKind,
  filter: ItemFilter = {},
  opts: { season?: HeatingSeason; sla?: SlaRules } = {},
): PeriodComparison {
  const list = [...entities];
  const { current, previous } = compareSpans(kind, now, opts.season);
  let earliest = Infinity;
  for (const e of list) earliest = Math.min(earliest, e.kind === 'appeal' ? e.createdAt : e.kind === 'accident' ? e.startedAt : Infinity);
  return {
    kind,
    current: { ...current, figures: spanFigures(list, current, filter, opts.sla) },
    previous: { ...previous, figures: spanFigures(list, previous, filter, opts.sla) },
    previousComplete: earliest <= previous.from,
  };
}
