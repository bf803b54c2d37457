/**
 * An appeal's SLA clock: when it started, when it is due, and whether its allowance is
 * counted in working or calendar time. Pure functions of the appeal and the rules.
 */
import type { Appeal } from '../domain/entity';
import { HOUR_MS } from '../calendar/msk-time';
import { addWorkingDays, addWorkingHours, mskDay, mskDayStart, workingMsBetween } from '../calendar/production-calendar';
import { DEFAULT_SLA_RULES, type SlaRules } from './sla-rules';

/** How an allowance is measured: working hours on the production calendar, or wall-clock. */
export type SlaBasis = 'working' | 'calendar';

/** The running SLA clock of an appeal. */
export interface SlaClock {
  /** When the allowance started (registration, or the intermediate answer). Unix ms. */
  readonly start: number;
  /** When the (current) answer is due. Unix ms. */
  readonly dueAt: number;
  /** How the allowance is measured: ИМ and ПОС in working time, 59-ФЗ in calendar days. */
  readonly basis: SlaBasis;
  /** The allowance from `start` to `dueAt` measured on the basis, ms (e.g. 8 h for an ИМ post). */
  readonly allowedBasisMs: number;
}

/**
 * End of the `n`-th Moscow calendar day after the day of `start` (midnight that closes it).
 * 59-ФЗ counts calendar days from the day after registration (ГК РФ art. 191). No shift when
 * the last day is a day off: practice differs between bodies, and the earlier date is the one
 * that never lets an overdue appeal look on time.
 */
function endOfCalendarDay(start: number, n: number): number {
  return mskDayStart(mskDay(start) + n + 1);
}

/**
 * The SLA clock of an appeal under the rules.
 * - `social`: first answer within 8 working hours of the post, or 4 clock hours for a
 *   high-importance post or one linked to an accident; once an intermediate answer is given
 *   (status `intermediate`), the final answer within 7 working days of it.
 * - `written` (59-ФЗ): registration within 3 days of receipt (art. 8 part 2) while unregistered;
 *   redirect within 7 days of registration (art. 8 part 3) while `redirect: 'pending'`; the
 *   answer 30 calendar days from registration, 60 when `extended` (art. 12).
 * - `pos`: the topic's working days (or the default) from the message.
 * The feed's `dueAt` wins over the derived one; `start` and `basis` still follow the channel.
 * The feed has no separate time of an intermediate answer: for an `intermediate` post we take
 * `answeredAt` when the source fills it, else `createdAt` — the earlier start, so the final
 * deadline is never later than the true one.
 */
export function slaClock(appeal: Appeal, rules: SlaRules = DEFAULT_SLA_RULES): SlaClock {
  const first = clocks.get(appeal);
  let depth = 0;
  for (let m = first; m; m = m.next, depth++) if (m.rules === rules) return m;
  // The newest rules first; a chain longer than a few (rules replaced again and again) is cut.
  const memo = computeClock(appeal, rules, depth < MEMO_RULES ? first : undefined);
  clocks.set(appeal, memo);
  return memo;
}

// The wall asks for every item's state every second, but a clock depends only on the appeal
// and the rules. Feed entities are immutable (a new version is a new object) and rules are
// configuration, so memoising on object identity is safe and needs no invalidation. One entry
// per appeal (a short list by rules, nearly always one), and the entry is the clock itself: at
// 10^6 appeals a map per appeal cost ≈ 100 MB and a second of a wall's cold start, and a memo
// object beside the clock ≈ 30 MB more.
interface Memo extends SlaClock {
  readonly rules: SlaRules;
  readonly next: Memo | undefined;
}
const clocks = new WeakMap<Appeal, Memo>();
/** Rules objects remembered per appeal (the built-in rules, the hub's calendar, one change). */
const MEMO_RULES = 4;

type Derived = Omit<SlaClock, 'allowedBasisMs'>;

function computeClock(appeal: Appeal, rules: SlaRules, next: Memo | undefined): Memo {
  const derived = deriveClock(appeal, rules);
  const { start, basis } = derived;
  const due = appeal.dueAt ?? derived.dueAt;
  const allowed = basis === 'working' ? workingMsBetween(start, due, rules.workingTime) : due - start;
  // One small object literal per appeal, kept for the appeal's life (a spread copy is larger).
  return { start, dueAt: due, basis, allowedBasisMs: allowed, rules, next };
}

function deriveClock(appeal: Appeal, rules: SlaRules): Derived {
  const wt = rules.workingTime;
  switch (appeal.channel) {
    case 'social': {
      if (appeal.status === 'intermediate') {
        const start = appeal.answeredAt ?? appeal.createdAt;
        return { start, dueAt: addWorkingDays(start, rules.social.finalAfterIntermediateDays, wt), basis: 'working' };
      }
      // A post about an accident, and a high-importance post, count clock hours (the smaller term wins).
      const clockHours = [
        appeal.accidentId !== undefined ? rules.social.accidentAnswerHours : undefined,
        appeal.importance === 'high' && rules.social.highBasis === 'calendar' ? rules.social.firstAnswerHoursHigh : undefined,
      ].filter((h): h is number => h !== undefined);
      if (clockHours.length > 0) return { start: appeal.createdAt, dueAt: appeal.createdAt + Math.min(...clockHours) * HOUR_MS, basis: 'calendar' };
      const hours = appeal.importance === 'high' ? rules.social.firstAnswerHoursHigh : rules.social.firstAnswerHours;
      return { start: appeal.createdAt, dueAt: addWorkingHours(appeal.createdAt, hours, wt), basis: 'working' };
    }
    case 'written': {
      // 59-ФЗ art. 8 part 2: registered within 3 days of receipt; art. 8 part 3: redirected within
      // 7 days of registration; art. 12: answered within 30 days of registration (+30 once).
      if (appeal.status === 'received') {
        return { start: appeal.createdAt, dueAt: endOfCalendarDay(appeal.createdAt, rules.written.registrationDays), basis: 'calendar' };
      }
      const registered = appeal.registeredAt ?? appeal.createdAt;
      if (appeal.redirect === 'pending') return { start: registered, dueAt: endOfCalendarDay(registered, rules.written.redirectDays), basis: 'calendar' };
      const days = rules.written.days + (appeal.status === 'extended' ? rules.written.extensionDays : 0);
      return { start: registered, dueAt: endOfCalendarDay(registered, days), basis: 'calendar' };
    }
    case 'pos': {
      const days = (appeal.topic !== undefined ? rules.pos.byTopic[appeal.topic] : undefined) ?? rules.pos.defaultWorkingDays;
      return { start: appeal.createdAt, dueAt: addWorkingDays(appeal.createdAt, days, wt), basis: 'working' };
    }
  }
}

/** When the appeal is due (Unix ms): the feed's `dueAt` when present, else derived by the rules. */
export function dueAt(appeal: Appeal, rules: SlaRules = DEFAULT_SLA_RULES): number {
  return slaClock(appeal, rules).dueAt;
}

/**
 * Time between two instants measured on the clock's basis (working or wall-clock ms); negative
 * when `to` is before `from`.
 */
export function basisMsBetween(clock: SlaClock, from: number, to: number, rules: SlaRules = DEFAULT_SLA_RULES): number {
  return clock.basis === 'working' ? workingMsBetween(from, to, rules.workingTime) : to - from;
}

/**
 * Share of the allowance used by the instant `at`: 0 at the start, 1 at the deadline, above 1
 * when late. Measured on the clock's basis, so a weekend does not eat a working-hour allowance.
 * An allowance of zero length counts as fully used at once.
 */
export function usedShare(clock: SlaClock, at: number, rules: SlaRules = DEFAULT_SLA_RULES): number {
  if (clock.allowedBasisMs <= 0) return 1;
  return basisMsBetween(clock, clock.start, at, rules) / clock.allowedBasisMs;
}
