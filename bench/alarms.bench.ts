/**
 * The hub's alarm evaluation (issue 15, hub/alarms/rule-alarms.ts) at 100,000 entities (the
 * demo history repeated): one pass of `ruleAlarmInputs` (the rules on the stored entities, then
 * on the public projection of accidents, weather and the alarmed appeals, projections cached),
 * against two baselines measured in the same run: `evaluateAlarms` alone on the stored entities
 * (the floor), and the first cut (project every entity, then evaluate). Minimum of 9 runs each
 * (the shared machine is noisy). Asserts nothing. `npm run bench -- alarms`.
 */
import { DEFAULT_ALARM_RULES } from '../app/alarms/alarm-rules';
import { evaluateAlarms } from '../app/alarms/evaluate-alarms';
import type { Entity } from '../app/domain/entity';
import { DEFAULT_SECTORS } from '../app/domain/sector';
import { DEFAULT_SLA_RULES } from '../app/sla/sla-rules';
import { ruleAlarmInputs } from '../hub/alarms/rule-alarms';
import { DemoSource } from '../hub/demo-source';
import { publicEntity } from '../hub/projection';

const N = Number(process.env.BENCH_ENTITIES ?? 100_000);
const now = Date.UTC(2026, 0, 20, 9);
const base = new DemoSource({ seed: 11, speed: 1, backfillDays: 45 }).backfill(now).upserts as Entity[];
const entities: Entity[] = [];
for (let k = 0; entities.length < N; k++) for (const e of base) entities.push({ ...e, id: `${e.id}-${k}` } as Entity);
const ctx = { sectors: DEFAULT_SECTORS, sla: DEFAULT_SLA_RULES };

function minMs(fn: () => unknown): number {
  let best = Infinity;
  for (let i = 0; i < 9; i++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

const floor = minMs(() => evaluateAlarms(entities, now, DEFAULT_ALARM_RULES, new Set(), ctx));
const pass = minMs(() => ruleAlarmInputs(entities, now, DEFAULT_ALARM_RULES, ctx));
const naive = minMs(() =>
  evaluateAlarms(
    entities.map((e) => publicEntity(e)),
    now,
    DEFAULT_ALARM_RULES,
    new Set(),
    ctx,
  ),
);
const alarms = ruleAlarmInputs(entities, now, DEFAULT_ALARM_RULES, ctx).length;
console.log(`${entities.length} entities, ${alarms} alarms (min of 9):`);
console.log(`  evaluateAlarms alone (floor)        ${floor.toFixed(1)} ms  ×1`);
console.log(`  ruleAlarmInputs (the hub's pass)    ${pass.toFixed(1)} ms  ×${(pass / floor).toFixed(1)}`);
console.log(`  project everything, then evaluate   ${naive.toFixed(1)} ms  ×${(naive / floor).toFixed(1)}`);
