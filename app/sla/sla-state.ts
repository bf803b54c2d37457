/**
 * An appeal's SLA state at a given moment, for the SLA board, map markers and alarms:
 * on time · at risk · overdue · extended · intermediate answer given · closed
 * (DOMAIN.md «Channels and deadlines»). Pure: the same appeal, time and rules always give the
 * same state, so every wall window agrees.
 */
import type { Appeal } from '../domain/entity';
import { DEFAULT_SLA_RULES, type SlaRules } from './sla-rules';
import { basisMsBetween, slaClock, type SlaBasis } from './sla-due';

export { dueAt, slaClock } from './sla-due';
export type { SlaBasis, SlaClock } from './sla-due';

/** The SLA state of an appeal. */
export type SlaStatus = 'on_time' | 'at_risk' | 'overdue' | 'extended' | 'intermediate' | 'closed';

/** Russian labels of the states for the wall (status is also carried by shape, never colour alone). */
export const SLA_STATUS_LABELS: Readonly<Record<SlaStatus, string>> = {
  on_time: 'В срок',
  at_risk: 'Срок истекает',
  overdue: 'Просрочено',
  extended: 'Срок продлён',
  intermediate: 'Промежуточный ответ',
  closed: 'Закрыто',
};

/** An appeal's SLA state with the figures behind it (for countdowns and tooltips). */
export interface SlaInfo {
  readonly status: SlaStatus;
  /** When the current answer is due, Unix ms. */
  readonly dueAt: number;
  /** Wall-clock ms from `now` to `dueAt`; negative when overdue. What a countdown shows. */
  readonly remainingMs: number;
  /** Wall-clock ms from the start of the clock to `dueAt`. */
  readonly allowedMs: number;
  /** How the allowance is measured (and `at_risk` judged): working or calendar time. */
  readonly basis: SlaBasis;
  /**
   * Share of the allowance left on the basis, 0–1 (0 when overdue). A weekend does not drain a
   * working-hour allowance, so a post due on Monday is not «at risk» on Saturday by share alone.
   */
  readonly leftShare: number;
}

const CLOSED = new Set<Appeal['status']>(['answered', 'closed']);

/**
 * The state and figures of an appeal at `now` (Unix ms).
 * Precedence: answered/closed → `closed`; past the due time → `overdue`; status
 * `intermediate` → `intermediate`; status `extended` → `extended`; little time left (either
 * at-risk condition of the rules, measured on the basis) → `at_risk`; else `on_time`. Exactly
 * at `dueAt` the item is still on time: the deadline is the last allowed instant.
 */
export function slaInfo(appeal: Appeal, now: number, rules: SlaRules = DEFAULT_SLA_RULES): SlaInfo {
  const clock = slaClock(appeal, rules);
  const remainingMs = clock.dueAt - now;
  const allowedMs = clock.dueAt - clock.start;
  const allowedBasis = clock.allowedBasisMs;
  const leftBasis = Math.max(0, basisMsBetween(clock, now, clock.dueAt, rules));
  const leftShare = remainingMs < 0 ? 0 : allowedBasis > 0 ? Math.min(1, leftBasis / allowedBasis) : 0;
  let status: SlaStatus;
  if (CLOSED.has(appeal.status)) status = 'closed';
  else if (remainingMs < 0) status = 'overdue';
  else if (appeal.status === 'intermediate') status = 'intermediate';
  else if (appeal.status === 'extended') status = 'extended';
  else if (leftShare < rules.atRisk.shareLeft || leftBasis < rules.atRisk.minLeftMs) status = 'at_risk';
  else status = 'on_time';
  return { status, dueAt: clock.dueAt, remainingMs, allowedMs, basis: clock.basis, leftShare };
}

/** The SLA state of an appeal at `now` (Unix ms); see `slaInfo` for the precedence. */
export function slaState(appeal: Appeal, now: number, rules: SlaRules = DEFAULT_SLA_RULES): SlaStatus {
  return slaInfo(appeal, now, rules).status;
}
