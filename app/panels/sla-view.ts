/**
 * An open appeal's SLA state for the panels' hot path. `slaInfo` measures the time left on the
 * working-time basis for every item (a walk over the calendar days up to the due time); the
 * panels need that measure only to tell «on time» from «at risk» for an item that is neither
 * overdue nor postponed and has more than `atRisk.minLeftMs` of wall-clock time left. Every
 * other case is decided from the memoised due time alone. Same answers as `slaInfo` (a
 * property test holds the two together), a fraction of the cost at 100k items.
 */
import type { Appeal } from '../domain/entity';
import { slaClock } from '../sla/sla-due';
import type { SlaRules } from '../sla/sla-rules';
import { slaInfo, type SlaStatus } from '../sla/sla-state';

/** The SLA figures the panels use. */
export interface SlaView {
  status: SlaStatus;
  /** Unix ms. */
  dueAt: number;
  /** `dueAt − now`; negative when overdue. */
  remainingMs: number;
}

/**
 * Writes the state of an open appeal (not answered or closed) at `now` into `out` and returns
 * it; `out` is reused across items, so a reader copies what it keeps.
 */
export function slaViewInto(out: SlaView, a: Appeal, now: number, rules: SlaRules): SlaView {
  const { dueAt } = slaClock(a, rules);
  const remainingMs = dueAt - now;
  out.dueAt = dueAt;
  out.remainingMs = remainingMs;
  if (remainingMs < 0) out.status = 'overdue';
  else if (a.status === 'intermediate') out.status = 'intermediate';
  else if (a.status === 'extended') out.status = 'extended';
  // Working time left never exceeds wall-clock time left, so this is `at_risk` on any basis.
  else if (remainingMs < rules.atRisk.minLeftMs) out.status = 'at_risk';
  else out.status = slaInfo(a, now, rules).status;
  return out;
}
