/**
 * The one pass over the entities that every panel shares: each entity is visited once, its SLA
 * state (open appeals) or activity (accidents) is computed once, and every panel's accumulator
 * takes what it needs. A panel builder on its own is the same pass with one accumulator.
 */
import { isActiveAt } from '../accidents/accident-metrics';
import type { Accident, Appeal, Weather } from '../domain/entity';
import { DEFAULT_SLA_RULES, type SlaRules } from '../sla/sla-rules';
import type { EntitySource } from './panels-config';
import { slaViewInto, type SlaView } from './sla-view';

/** What a panel accumulates in the shared pass. */
export interface PanelAcc<S> {
  /**
   * An appeal; `sla` is its state at `now` when open (not answered or closed), else null.
   * `sla` is reused for the next appeal: copy what you keep.
   */
  appeal(a: Appeal, sla: Readonly<SlaView> | null): void;
  /** An accident; `active` is `isActiveAt(a, now)`. */
  accident(a: Accident, active: boolean): void;
  /** An outdoor temperature reading (for the accident thresholds); most panels ignore it. */
  weather?(w: Weather): void;
  /** The panel's state; `entities` allows a second pass when a panel needs one. */
  finish(entities: EntitySource): S;
}

/** Visits every entity once, feeding all accumulators. */
export function runPass(entities: EntitySource, now: number, sla: SlaRules | undefined, accs: ReadonlyArray<PanelAcc<unknown>>): void {
  const rules = sla ?? DEFAULT_SLA_RULES;
  const view: SlaView = { status: 'on_time', dueAt: 0, remainingMs: 0 };
  for (const e of entities.values()) {
    if (e.kind === 'appeal') {
      const info = e.status === 'answered' || e.status === 'closed' ? null : slaViewInto(view, e, now, rules);
      for (const acc of accs) acc.appeal(e, info);
    } else if (e.kind === 'accident') {
      const active = isActiveAt(e, now);
      for (const acc of accs) acc.accident(e, active);
    } else for (const acc of accs) acc.weather?.(e);
  }
}

/** Runs the pass with one accumulator and returns its state. */
export function buildWith<S>(acc: PanelAcc<S>, entities: EntitySource, now: number, sla?: SlaRules): S {
  runPass(entities, now, sla, [acc]);
  return acc.finish(entities);
}
