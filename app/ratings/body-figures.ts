/**
 * The raw figures of one rated body (ОИВ or ОМСУ) over a period, and the component scores
 * that follow from them. Every number here is one a curator can recount by hand from the
 * list of items: that is what lets a rank explain itself.
 */
import type { Appeal } from '../domain/entity';
import { DEFAULT_SLA_RULES, type SlaRules } from '../sla/sla-rules';
import { slaClock, type SlaClock } from '../sla/sla-due';
import { slaInfo, type SlaStatus } from '../sla/sla-state';
import type { RatingComponent, RatingConfig } from './rating-config';
import { RepeatIndex } from './repeat-complaints';
import { workingRuler, type WorkingRuler } from './working-ruler';

/** Why an item weighs on a body's place, worst first. */
export type ExplainReason = 'overdue' | 'late' | 'repeat' | 'postponed' | 'unsatisfied';

/** Reasons in order of weight: an open overdue item is worse than a late answer, etc. */
export const EXPLAIN_ORDER: readonly ExplainReason[] = ['overdue', 'late', 'repeat', 'postponed', 'unsatisfied'];

/** Russian labels of the reasons, for "why this place". */
export const EXPLAIN_REASON_LABELS: Readonly<Record<ExplainReason, string>> = {
  overdue: 'просрочено',
  late: 'ответ с опозданием',
  repeat: 'повторная жалоба',
  postponed: 'срок продлён / промежуточный ответ',
  unsatisfied: 'заявитель не удовлетворён ответом',
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
  /** Set when the citizen rated the answer unsatisfactory. */
  readonly unsatisfied?: true;
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
  /** Items with a reaction by `now`: taken into work, an intermediate or a final answer. */
  readonly reacted: number;
  /** Items whose reaction is decided: reacted, or still untouched past their first-answer due time. */
  readonly reactionDecided: number;
  /** Items closed with a final answer (answered or closed). */
  readonly final: number;
  /** Answers the citizen rated: satisfied, unsatisfied. */
  readonly satisfied: number;
  readonly unsatisfied: number;
  /** Median time from registration to the first answer, in working time of the item's SLA basis, ms. */
  readonly medianFirstAnswerMs?: number;
}

/** A body's figures, its absolute component scores (volume is relative, added later), and its worst items. */
export interface BodyAssessment {
  readonly figures: BodyFigures;
  readonly components: Partial<Record<RatingComponent, number>>;
  readonly worst: readonly ExplainItem[];
}

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
function firstAnswerClock(a: Appeal, sla: SlaRules): SlaClock {
  return slaClock(a.status === 'intermediate' ? { ...a, status: 'in_progress' } : a, sla);
}

/**
 * What a rating reads of an item's SLA clocks: its due time, the due time of its first answer,
 * and the share of that allowance the answer used (`usedShare`, clamped to 0–1). Each depends
 * on the item and the rules only, so it is memoised on both (feed entities are immutable, rules
 * are configuration), as `slaClock` is: a refresh of the ratings then reads one small record
 * per item instead of two clocks and a walk over the calendar.
 */
interface ClockFacts {
  readonly dueAt: number;
  firstDueAt?: number;
  used?: number;
}

const factsByRules = new WeakMap<SlaRules, WeakMap<Appeal, ClockFacts>>();

function factsMemo(sla: SlaRules): WeakMap<Appeal, ClockFacts> {
  let memo = factsByRules.get(sla);
  if (!memo) factsByRules.set(sla, (memo = new WeakMap()));
  return memo;
}

function factsOf(memo: WeakMap<Appeal, ClockFacts>, a: Appeal, sla: SlaRules): ClockFacts {
  let facts = memo.get(a);
  if (!facts) memo.set(a, (facts = { dueAt: slaClock(a, sla).dueAt }));
  return facts;
}

/** The first-answer facts of an item answered at `answeredAt`, on demand (see `ClockFacts`). */
function answerFacts(facts: ClockFacts, a: Appeal, answeredAt: number, sla: SlaRules): { firstDueAt: number; used: number } {
  if (facts.firstDueAt === undefined || facts.used === undefined) {
    const clock = firstAnswerClock(a, sla);
    facts.used = Math.min(1, Math.max(0, usedShareOn(workingRuler(sla.workingTime), clock, answeredAt)));
    facts.firstDueAt = clock.dueAt;
  }
  return facts as { firstDueAt: number; used: number };
}

/**
 * `usedShare(clock, at, sla)` (sla-due.ts), with working time read off the ruler: the same
 * number without walking the calendar for every answer.
 */
function usedShareOn(ruler: WorkingRuler, clock: SlaClock, at: number): number {
  if (clock.allowedBasisMs <= 0) return 1;
  return (clock.basis === 'working' ? ruler(clock.start, at) : at - clock.start) / clock.allowedBasisMs;
}

/**
 * What `slaInfo(a, now).status` says of an item that matters to a rating: `overdue` (with how
 * long), `postponed` (extended or intermediate) or nothing (closed, on time, at risk). The
 * rating never tells «at risk» from «on time», the one case `slaInfo` walks the working
 * calendar up to the due time for, so this reads only the due time (as `panels/sla-view.ts`
 * does). A `now` that is not finite goes through `slaInfo` as before.
 */
function ratingState(a: Appeal, dueAt: number, now: number, sla: SlaRules): { overdueMs: number } | 'postponed' | undefined {
  let status: SlaStatus;
  let remainingMs: number;
  if (Number.isFinite(now)) {
    if (a.status === 'answered' || a.status === 'closed') return undefined;
    remainingMs = dueAt - now;
    status = remainingMs < 0 ? 'overdue' : a.status === 'intermediate' || a.status === 'extended' ? a.status : 'on_time';
  } else {
    ({ status, remainingMs } = slaInfo(a, now, sla));
  }
  if (status === 'overdue') return { overdueMs: -remainingMs };
  return status === 'extended' || status === 'intermediate' ? 'postponed' : undefined;
}

/**
 * Figures, absolute components and worst items of one body.
 * - quantity = 100 × reacted / reactionDecided (a reaction: taken into work, an intermediate
 *   or a final answer; an untouched item counts once its first-answer time has run out);
 * - quality = 100 × mix(satisfaction: satisfied / rated answers, notRepeated: 1 − bounced / answered);
 * - speed = 100 × mix(onTime: answeredOnTime / decided, time: 1 − meanUsedShare);
 * - completeness = 100 × final / (final + overdue + postponed): of the items whose outcome is
 *   due, the share closed with a final answer.
 * docs/ratings.md gives each with its source and what is assumed.
 * Known limit: an answered 59-ФЗ item no longer says it was extended, so without the feed's
 * `dueAt` its answer is judged against 30 days.
 *
 * `repeats`: the repeaters of each answered item by id, as `findRepeats` maps them or as a
 * `RepeatIndex` (which names them only for the worst items kept). `worstLimit` keeps only
 * that many worst items (the first of the full list, as a table row shows them) without
 * sorting every item that has a reason; @default all.
 */
export function assessBody(
  items: readonly Appeal[],
  ctx: {
    now: number;
    sla?: SlaRules;
    config: RatingConfig;
    repeats: ReadonlyMap<string, readonly string[]> | RepeatIndex;
    worstLimit?: number;
  },
): BodyAssessment {
  const sla = ctx.sla ?? DEFAULT_SLA_RULES;
  const { config, now, repeats } = ctx;
  const memo = factsMemo(sla);
  // Picking the first few needs sizes that compare as numbers: with a `now` that is not finite
  // (never on the wall) every worst item is sorted, as before.
  const limit = ctx.worstLimit !== undefined && Number.isInteger(ctx.worstLimit) && ctx.worstLimit >= 0 && Number.isFinite(now) ? ctx.worstLimit : undefined;
  let answered = 0;
  let onTime = 0;
  let decided = 0;
  let overdue = 0;
  let postponed = 0;
  let bounced = 0;
  // Sums in item order: the same additions as summing the lists afterwards.
  let answerMsSum = 0;
  let usedSum = 0;
  let reacted = 0;
  let reactionDecided = 0;
  let final = 0;
  let satisfied = 0;
  let unsatisfied = 0;
  const answerWorkMs: number[] = [];
  const ruler = workingRuler(sla.workingTime);
  const worst: ExplainItem[] = [];

  for (const a of items) {
    const facts = factsOf(memo, a, sla);
    const state = ratingState(a, facts.dueAt, now, sla);
    const hasAnswer = a.answeredAt !== undefined && a.answeredAt <= now;
    let lateMs: number | undefined;
    let repeatedBy: readonly string[] | undefined;
    let repeatCount = 0;
    if (hasAnswer) {
      const answeredAt = a.answeredAt!;
      const { firstDueAt, used } = answerFacts(facts, a, answeredAt, sla);
      answered++;
      decided++;
      answerMsSum += answeredAt - a.createdAt;
      answerWorkMs.push(ruler(a.createdAt, answeredAt));
      usedSum += used;
      if (answeredAt <= firstDueAt) onTime++;
      else lateMs = answeredAt - firstDueAt;
      if (repeats instanceof RepeatIndex) repeatCount = repeats.count(a.id);
      else {
        repeatedBy = repeats.get(a.id);
        // A list given by hand may be empty and still count, as it always has.
        repeatCount = repeatedBy ? Math.max(1, repeatedBy.length) : 0;
      }
      if (repeatCount > 0) bounced++;
    }
    if (state === 'postponed') postponed++;
    else if (state) {
      overdue++;
      if (!hasAnswer) decided++;
    }
    // Quantity: any reaction (taken into work, intermediate or final answer) decides; an item
    // still untouched counts against only once its first-answer time has run out.
    if (hasAnswer || (a.status !== 'new' && a.status !== 'received')) {
      reacted++;
      reactionDecided++;
    } else if (now > facts.dueAt) reactionDecided++;
    if (hasAnswer && (a.status === 'answered' || a.status === 'closed')) final++;
    let low: true | undefined;
    if (hasAnswer && a.satisfaction === 'satisfied') satisfied++;
    else if (hasAnswer && a.satisfaction === 'unsatisfied') {
      unsatisfied++;
      low = true;
    }
    const isOverdue = state !== undefined && state !== 'postponed';
    if (lateMs === undefined && repeatCount === 0 && !state && low === undefined) continue;
    if (limit !== undefined && worst.length === limit) {
      // Not among the first `limit`? Then skip it before building it (most items are not).
      const last = worst[limit - 1];
      if (!last) continue;
      const rank = isOverdue ? 0 : lateMs !== undefined ? 1 : repeatCount > 0 ? 2 : state === 'postponed' ? 3 : 4;
      const itemSize = isOverdue
        ? state.overdueMs
        : lateMs !== undefined
          ? lateMs
          : repeatCount > 0
            ? (repeatedBy?.length ?? repeatCount)
            : state === 'postponed'
              ? 0
              : 1;
      if ((rank - reasonRank(last) || size(last) - itemSize || (a.id < last.id ? -1 : a.id > last.id ? 1 : 0)) >= 0) continue;
    }
    // Reasons straight in EXPLAIN_ORDER; fields in the order they have always been set.
    const why: ExplainReason[] = [];
    if (isOverdue) why.push('overdue');
    if (lateMs !== undefined) why.push('late');
    if (repeatCount > 0) why.push('repeat');
    if (state === 'postponed') why.push('postponed');
    if (low !== undefined) why.push('unsatisfied');
    const item: { -readonly [K in keyof ExplainItem]: ExplainItem[K] } = { id: a.id, why };
    if (lateMs !== undefined) item.lateMs = lateMs;
    if (repeatCount > 0) item.repeatedBy = repeatedBy ?? (repeats as RepeatIndex).ids(a.id);
    if (isOverdue) item.overdueMs = state.overdueMs;
    if (low !== undefined) item.unsatisfied = true;
    if (limit === undefined) worst.push(item);
    else keepWorst(worst, item, limit);
  }

  const meanUsed = answered > 0 ? usedSum / answered : undefined;
  const speed = weightedMean([
    [decided > 0 ? onTime / decided : undefined, config.speedMix.onTime],
    [meanUsed !== undefined ? 1 - meanUsed : undefined, config.speedMix.time],
  ]);
  const quality = weightedMean([
    [satisfied + unsatisfied > 0 ? satisfied / (satisfied + unsatisfied) : undefined, config.qualityMix.satisfaction],
    [answered > 0 ? 1 - bounced / answered : undefined, config.qualityMix.notRepeated],
  ]);
  const n = items.length;
  const completenessBase = final + overdue + postponed;
  const components: Partial<Record<RatingComponent, number>> = {};
  if (reactionDecided > 0) components.quantity = (100 * reacted) / reactionDecided;
  if (quality !== undefined) components.quality = 100 * quality;
  if (speed !== undefined) components.speed = 100 * speed;
  if (completenessBase > 0) components.completeness = (100 * final) / completenessBase;

  const meanFirstAnswerMs = answered > 0 ? answerMsSum / answered : undefined;
  const medianFirstAnswerMs = median(answerWorkMs);
  const figures: BodyFigures = {
    items: n,
    answered,
    answeredOnTime: onTime,
    decided,
    ...(meanFirstAnswerMs !== undefined ? { meanFirstAnswerMs } : {}),
    ...(medianFirstAnswerMs !== undefined ? { medianFirstAnswerMs } : {}),
    ...(meanUsed !== undefined ? { meanUsedShare: meanUsed } : {}),
    overdue,
    postponed,
    bounced,
    reacted,
    reactionDecided,
    final,
    satisfied,
    unsatisfied,
  };
  return { figures, components, worst: limit === undefined ? worst.sort(compareWorst) : worst };
}

const reasonRank = (i: ExplainItem) => EXPLAIN_ORDER.indexOf(i.why[0]!);

function median(xs: number[]): number | undefined {
  if (xs.length === 0) return undefined;
  xs.sort((a, b) => a - b);
  const m = xs.length >> 1;
  return xs.length % 2 ? xs[m] : (xs[m - 1]! + xs[m]!) / 2;
}

/** How bad an item is within its worst reason: overdue/late time, repeats, low score. */
function size(i: ExplainItem): number {
  switch (i.why[0]) {
    case 'overdue':
      return i.overdueMs ?? 0;
    case 'late':
      return i.lateMs ?? 0;
    case 'repeat':
      return i.repeatedBy?.length ?? 0;
    case 'unsatisfied':
      return 1;
    default:
      return 0;
  }
}

/** Worst first: by the item's worst reason, then by its size, then by id (ties keep their order). */
function compareWorst(x: ExplainItem, y: ExplainItem): number {
  return reasonRank(x) - reasonRank(y) || size(y) - size(x) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
}

/**
 * Adds `item` to `kept`, the worst items so far in `compareWorst` order, if it is among the
 * first `limit`: after every kept item it does not precede, so the list is always the first
 * `limit` of a stable sort of the items seen.
 */
function keepWorst(kept: ExplainItem[], item: ExplainItem, limit: number): void {
  let i = kept.length;
  if (i === limit && (limit === 0 || compareWorst(item, kept[i - 1]!) >= 0)) return;
  while (i > 0 && compareWorst(item, kept[i - 1]!) < 0) i--;
  kept.splice(i, 0, item);
  if (kept.length > limit) kept.pop();
}
