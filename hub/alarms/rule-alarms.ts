/**
 * The hub evaluates the current `alarm-rules` document on its own state (issue 15): the same
 * `evaluateAlarms` the walls used to run each for itself, applied once here to the public
 * projection of every entity (the texts reach the wall), after every broadcast change
 * (coalesced) and every few seconds (conditions that start with time alone: a due time
 * passing, a threshold crossed). The result is `sync`ed into the alarm store: new conditions
 * are raised, ended ones cleared.
 */
import type { AlarmRule } from '../../app/alarms/alarm-rules';
import { evaluateAlarms } from '../../app/alarms/evaluate-alarms';
import { entityKey, type Entity } from '../../app/domain/entity';
import type { Sector } from '../../app/domain/sector';
import type { SlaRules } from '../../app/sla/sla-rules';
import { publicEntity } from '../projection';
import type { AlarmStore, RaiseInput } from './alarm-store';

/** The origin of the records this evaluation raises (`AlarmStore.sync`). */
export const RULES_ORIGIN = 'rules';
/** Time alone changes alarms (due times, thresholds): evaluated at least this often. */
export const EVALUATE_EVERY_MS = 5000;
/** Changes within this window are evaluated together. */
const COALESCE_MS = 200;

export interface RuleAlarmsDeps {
  store: AlarmStore;
  entities: () => Iterable<Entity>;
  rules: () => readonly AlarmRule[];
  sectors: () => readonly Sector[];
  sla: () => SlaRules;
  now: () => number;
}

/** The alarm inputs of the rules at `now` (pure apart from the projection). */
export function ruleAlarmInputs(entities: Iterable<Entity>, now: number, rules: readonly AlarmRule[], ctx: { sectors: readonly Sector[]; sla: SlaRules }): RaiseInput[] {
  const shown: Entity[] = [];
  for (const e of entities) shown.push(publicEntity(e));
  const byId = new Map(rules.map((r) => [r.id, r]));
  return evaluateAlarms(shown, now, rules, new Set(), ctx).map((a) => {
    const preset = byId.get(a.ruleId)?.preset;
    return {
      rule: a.ruleId,
      severity: a.severity,
      entity: entityKey(a.entity),
      key: a.id,
      title: a.title,
      text: a.text,
      scene: a.scene,
      sound: a.sound,
      since: a.since,
      preset: preset ? { scene: preset.scene, screens: preset.screens ?? null } : null,
    };
  });
}

export interface RuleAlarms {
  /** Evaluate soon (a change was broadcast, or the rules changed). */
  poke(): void;
  /** Evaluate now (tests, start). */
  evaluate(): void;
  close(): void;
}

export function createRuleAlarms(deps: RuleAlarmsDeps): RuleAlarms {
  let pending: ReturnType<typeof setTimeout> | null = null;
  const evaluate = () => {
    if (pending) clearTimeout(pending);
    pending = null;
    try {
      deps.store.sync(RULES_ORIGIN, ruleAlarmInputs(deps.entities(), deps.now(), deps.rules(), { sectors: deps.sectors(), sla: deps.sla() }));
    } catch (e) {
      console.error(`alarms: rule evaluation failed: ${(e as Error).message}`);
    }
  };
  const timer = setInterval(evaluate, EVALUATE_EVERY_MS);
  timer.unref();
  return {
    poke() {
      if (pending) return;
      pending = setTimeout(evaluate, COALESCE_MS);
      pending.unref();
    },
    evaluate,
    close() {
      clearInterval(timer);
      if (pending) clearTimeout(pending);
    },
  };
}
