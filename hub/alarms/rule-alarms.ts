/**
 * The hub evaluates the current `alarm-rules` document on its own state (issue 15): the same
 * `evaluateAlarms` the walls used to run each for itself, applied once here to the public
 * projection (the texts reach the wall), 500 ms after a broadcast change (changes in that
 * window together) and every few seconds (conditions that start with time alone: a due time
 * passing, a threshold crossed). The result is `sync`ed into the alarm store: new conditions
 * are raised, ended ones cleared.
 */
import type { AlarmRule } from '../../app/alarms/alarm-rules';
import { evaluateAlarms } from '../../app/alarms/evaluate-alarms';
import { entityKey, type Entity } from '../../app/domain/entity';
import type { Sector } from '../../app/domain/sector';
import type { SlaRules } from '../../app/sla/sla-rules';
import { publicEntity, publicReference, type PublicReference } from '../projection';
import type { AlarmStore, RaiseInput } from './alarm-store';

/** The origin of the records this evaluation raises (`AlarmStore.sync`). */
export const RULES_ORIGIN = 'rules';
/** Time alone changes alarms (due times, thresholds): evaluated at least this often. */
export const EVALUATE_EVERY_MS = 5000;
/** Changes within this window are evaluated together (~50 ms a pass at 100,000 entities). */
const COALESCE_MS = 500;
/** Under sustained ingest the evaluation takes at most about this share of the event loop. */
const MAX_LOOP_SHARE = 0.2;

/**
 * How long to wait before the next change-driven pass when the last one took `lastPassMs`: the
 * coalescing window, stretched so that the passes stay within MAX_LOOP_SHARE of the hub's time
 * (46 ms a pass measured at 103,848 entities, bench/alarms.bench.ts; ~0.5 s extrapolated at a million, and evaluating every 500 ms would leave the hub
 * little else), never beyond the periodic interval.
 */
export function coalesceDelay(lastPassMs: number): number {
  const stretched = Math.ceil((lastPassMs * (1 - MAX_LOOP_SHARE)) / MAX_LOOP_SHARE);
  return Math.min(EVALUATE_EVERY_MS, Math.max(COALESCE_MS, stretched));
}

export interface RuleAlarmsDeps {
  store: AlarmStore;
  entities: () => readonly Entity[];
  rules: () => readonly AlarmRule[];
  sectors: () => readonly Sector[];
  sla: () => SlaRules;
  now: () => number;
}

/**
 * Public projections of the entities (stored entities are never changed in place, a new version
 * is a new object), so an accident's address is cut once, not on every pass; made again when
 * the reference documents change.
 */
let projected = new WeakMap<Entity, Entity>();
let projectedWith: PublicReference | null = null;

/**
 * The alarm inputs of the rules at `now`. The conditions read only fields the public projection
 * keeps, so the rules run first on the stored entities (cheap: ~30 ms for 100,000), then again
 * on the public projection of the accidents, the weather and only the appeals that alarmed, for
 * the words the walls show (projecting every entity costs several times the evaluation).
 */
export function ruleAlarmInputs(
  entities: readonly Entity[],
  now: number,
  rules: readonly AlarmRule[],
  ctx: { sectors: readonly Sector[]; sla: SlaRules },
): RaiseInput[] {
  const found = evaluateAlarms(entities, now, rules, new Set(), ctx);
  if (found.length === 0) return [];
  const alarmed = new Set(found.map((a) => entityKey(a.entity)));
  const shown: Entity[] = [];
  const ref = publicReference();
  // (`publicReference()` makes a new object each call: its documents are what count.)
  if (!projectedWith || ref.orgs !== projectedWith.orgs || ref.topics !== projectedWith.topics || ref.sectors !== projectedWith.sectors) {
    projected = new WeakMap();
    projectedWith = ref;
  }
  for (const e of entities) {
    if (e.kind === 'appeal' && !alarmed.has(entityKey(e))) continue;
    let p = projected.get(e);
    if (!p) projected.set(e, (p = publicEntity(e, ref)));
    shown.push(p);
  }
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
  let lastPassMs = 0;
  const evaluate = () => {
    if (pending) clearTimeout(pending);
    pending = null;
    const started = performance.now();
    try {
      deps.store.sync(RULES_ORIGIN, ruleAlarmInputs(deps.entities(), deps.now(), deps.rules(), { sectors: deps.sectors(), sla: deps.sla() }));
    } catch (e) {
      console.error(`alarms: rule evaluation failed: ${(e as Error).message}`);
    }
    lastPassMs = performance.now() - started;
  };
  const timer = setInterval(evaluate, EVALUATE_EVERY_MS);
  timer.unref();
  return {
    poke() {
      if (pending) return;
      pending = setTimeout(evaluate, coalesceDelay(lastPassMs));
      pending.unref();
    },
    evaluate,
    close() {
      clearInterval(timer);
      if (pending) clearTimeout(pending);
    },
  };
}
