/**
 * The raw figures of one rated body (ОИВ or ОМСУ) over a period, and the component scores
 * that follow from them. Every number here is one a curator can recount by hand from the
 * list of items: that is what lets a rank explain itself.
 */
import type { Appeal } from '../domain/entity';
import { DEFAULT_SLA_RULES, type SlaRules } from '../sla/sla-rules';
import { slaClock, usedShare } from '../sla/sla-due';
import { slaInfo } from '../sla/sla-state';
import type { RatingComponent, RatingConfig } from './rating-config';

/** Why an item weighs on a body's place, worst first. */
export type ExplainReason = 'overdue' | 'late' | 'repeat' | 'postponed' | 'low_satisfaction';

/** Reasons in order of weight: an open overdue item is worse than a late answer, etc. */
export const EXPLAIN_ORDER: readonly ExplainReason[] = ['overdue', 'late', 'repeat', 'postponed', 'low_satisfaction'];

/** Russian labels of the reasons, for "why this place". */
export const EXPLAIN_REASON_LABELS: Readonly<Record<ExplainReason, string>> = {
  overdue: 'просрочено',
  late: 'ответ с опозданием',
  repeat: 'повторная жалоба',
  postponed: 'срок продлён / промежуточный ответ',
  low_satisfaction: 'низкая оценка ответа',
};

/** One item behind a body's place. */
export interface ExplainItem {
  readonly id: string;
  /** Every reason that applies, worst first. */
  readonly why: readonly ExplainReason[];
  /** How far past the due time an open item is at `now`, ms. */
  readonly overdueMs?: number;
  /** How late the first answer came, ms. */
  readonly lateMs?: number;
  /** Ids of the complaints that repeated this answered item. */
  readonly repeatedBy?: readonly string[];
  /** The citizen's score 1–5, when low. */
  readonly satisfaction?: number;
}

/** Raw figures of a body over the period. */
export interface BodyFigures {
  /** Items created in the period. */
  readonly items: number;
  /** Items with a (first) answer by `now`. */
  readonly answered: number;
  /** …of which on time (first answer not after its due time). */
  readonly answeredOnTime: number;
  /** Items whose timeliness is known: answered, or open and already overdue. */
  readonly decided: number;
  /** Mean wall-clock time from registration to the first answer, ms. */
  readonly meanFirstAnswerMs?: number;
  /** Mean share of the allowance the answers used (capped at 1 per item), on the SLA basis. */
  readonly meanUsedShare?: number;
  /** Open items past their due time at `now`. */
  readonly overdue: number;
  /** Open items postponed: extended, or with an intermediate answer. */
  readonly postponed: number;
  /** Answered items whose problem came back (see `repeat-complaints.ts`). */
  readonly bounced: number;
  readonly satisfactionCount: number;
  readonly satisfactionMean?: number;
  /** Items per `perResidents` residents, when the population is known. */
  readonly perCapita?: number;
}

/** A body's figures, its absolute component scores (volume is relative, added later), and its worst items. */
export interface BodyAssessment {
  readonly figures: BodyFigures;
  readonly components: Partial<Record<RatingComponent, number>>;
  readonly worst: readonly ExplainItem[];
}

const mean = (xs: readonly number[]) => (xs.length > 0 ? xs.reduce((s, x) => s + x, 0) / xs.length : undefined);

/** Weighted mean of the parts that exist; undefined when none does. */
export function weightedMean(parts: ReadonlyArray<readonly [value: number | undefined, weight: number]>): number | undefined {
  let sum = 0;
  let weights = 0;
  for (const [v, w] of parts) {
    if (v === undefined || w <= 0) continue;
    sum += v * w;
    weights += w;
  }
  return weights > 0 ? sum / weights : undefined;
}

/**
 * The clock of the *first* answer: an item now in `intermediate` was first answered by that
 * intermediate answer, which is judged against the first-answer deadline, not the final one.
 */
function firstAnswerClock(a: Appeal, sla: SlaRules) {
  return slaClock(a.status === 'intermediate' ? { ...a, status: 'in_progress' } : a, sla);
}

/**
 * Figures, absolute components and worst items of one body.
 * - speed = 100 × mix(onTime: answeredOnTime / decided, time: 1 − meanUsedShare);
 * - completeness = 100 × (1 − (overdue + postponedWeight × postponed) / items);
 * - quality = 100 × (1 − bounced / answered);
 * - satisfaction = 100 × (mean score − 1) / 4 over items with a score.
 * Known limit: an answered 59-ФЗ item no longer says it was extended, so without the feed's
 * `dueAt` its answer is judged against 30 days.
 */
export function assessBody(
  items: readonly Appeal[],
  ctx: { now: number; sla?: SlaRules; config: RatingConfig; repeats: ReadonlyMap<string, readonly string[]>; satisfaction?: ReadonlyMap<string, number> },
): BodyAssessment {
  const sla = ctx.sla ?? DEFAULT_SLA_RULES;
  const { config, now } = ctx;
  let answered = 0;
  let onTime = 0;
  let decided = 0;
  let overdue = 0;
  let postponed = 0;
  let bounced = 0;
  const answerMs: number[] = [];
  const used: number[] = [];
  const scores: number[] = [];
  const worst: ExplainItem[] = [];

  for (const a of items) {
    const state = slaInfo(a, now, sla);
    const why: ExplainReason[] = [];
    const item: { -readonly [K in keyof ExplainItem]: ExplainItem[K] } = { id: a.id, why };
    const hasAnswer = a.answeredAt !== undefined && a.answeredAt <= now;
    if (hasAnswer) {
      const clock = firstAnswerClock(a, sla);
      answered++;
      decided++;
      answerMs.push(a.answeredAt! - a.createdAt);
      used.push(Math.min(1, Math.max(0, usedShare(clock, a.answeredAt!, sla))));
      if (a.answeredAt! <= clock.dueAt) onTime++;
      else {
        why.push('late');
        item.lateMs = a.answeredAt! - clock.dueAt;
      }
      const repeatedBy = ctx.repeats.get(a.id);
      if (repeatedBy) {
        bounced++;
        why.push('repeat');
        item.repeatedBy = repeatedBy;
      }
    }
    if (state.status === 'overdue') {
      overdue++;
      if (!hasAnswer) decided++;
      why.push('overdue');
      item.overdueMs = -state.remainingMs;
    } else if (state.status === 'extended' || state.status === 'intermediate') {
      postponed++;
      why.push('postponed');
    }
    const s = ctx.satisfaction?.get(a.id);
    if (s !== undefined && Number.isFinite(s) && s >= 1 && s <= 5) {
      scores.push(s);
      if (s <= config.lowSatisfaction) {
        why.push('low_satisfaction');
        item.satisfaction = s;
      }
    }
    if (why.length > 0) {
      why.sort((x, y) => EXPLAIN_ORDER.indexOf(x) - EXPLAIN_ORDER.indexOf(y));
      worst.push(item);
    }
  }

  const meanUsed = mean(used);
  const satisfactionMean = mean(scores);
  const speed = weightedMean([
    [decided > 0 ? onTime / decided : undefined, config.speedMix.onTime],
    [meanUsed !== undefined ? 1 - meanUsed : undefined, config.speedMix.time],
  ]);
  const n = items.length;
  const components: Partial<Record<RatingComponent, number>> = {};
  if (speed !== undefined) components.speed = 100 * speed;
  if (n > 0) components.completeness = 100 * Math.max(0, 1 - (overdue + config.postponedWeight * postponed) / n);
  if (answered > 0) components.quality = 100 * (1 - bounced / answered);
  if (satisfactionMean !== undefined) components.satisfaction = (100 * (satisfactionMean - 1)) / 4;

  const meanFirstAnswerMs = mean(answerMs);
  const figures: BodyFigures = {
    items: n,
    answered,
    answeredOnTime: onTime,
    decided,
    ...(meanFirstAnswerMs !== undefined ? { meanFirstAnswerMs } : {}),
    ...(meanUsed !== undefined ? { meanUsedShare: meanUsed } : {}),
    overdue,
    postponed,
    bounced,
    satisfactionCount: scores.length,
    ...(satisfactionMean !== undefined ? { satisfactionMean } : {}),
  };
  return { figures, components, worst: sortWorst(worst) };
}

/** Worst first: by the item's worst reason, then by its size (overdue/late time, repeats, low score). */
function sortWorst(items: ExplainItem[]): ExplainItem[] {
  const size = (i: ExplainItem) => {
    switch (i.why[0]) {
      case 'overdue':
        return i.overdueMs ?? 0;
      case 'late':
        return i.lateMs ?? 0;
      case 'repeat':
        return i.repeatedBy?.length ?? 0;
      case 'low_satisfaction':
        return 5 - (i.satisfaction ?? 5);
      default:
        return 0;
    }
  };
  return items.sort(
    (x, y) => EXPLAIN_ORDER.indexOf(x.why[0]!) - EXPLAIN_ORDER.indexOf(y.why[0]!) || size(y) - size(x) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0),
  );
}
