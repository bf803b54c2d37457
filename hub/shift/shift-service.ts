/**
 * The shift's tools at the hub (issue 15), wired together: the shift log (`shift-store.ts`),
 * the spike and silence detectors (`detect-runner.ts`), the procedures and their watch
 * (`sop-watch.ts`) and the handover digest (`app/shift/handover.ts`) over the log's state in the
 * public projection. `shift-routes.ts` serves them over HTTP.
 */
import type { ConfigBodies } from '../../app/config/documents';
import type { Entity } from '../../app/domain/entity';
import type { OrgDirectory } from '../../app/domain/organisations';
import type { Delta } from '../../app/protocol/feed';
import { buildHandover, type HandoverAnswer } from '../../app/shift/handover';
import { procedureFor } from '../../app/shift/procedures';
import { handoverSpan, shiftAt } from '../../app/shift/shift-schedule';
import type { SlaRules } from '../../app/sla/sla-rules';
import type { AlarmStore } from '../alarms/alarm-store';
import type { AuditEntry } from '../feed-log';
import { publicEntity } from '../projection';
import { startDetectRunner, type DetectRunner } from './detect-runner';
import { createSop, type Sop } from './sop-watch';
import { isShiftPersistence, ShiftStore } from './shift-store';

export interface ShiftDeps {
  /** The feed log (its state; its shift table when it has one). */
  log: { snapshot(): { entities: Entity[] }; audit(e: AuditEntry): void };
  onDelta: (fn: (d: Delta) => void) => void;
  alarms: AlarmStore;
  config: () => ConfigBodies;
  slaRules: () => SlaRules;
  orgs?: () => OrgDirectory;
  now: () => number;
  /** Detector period. @default 60 000 */
  detectIntervalMs?: number;
  /** SOP watch period. @default 15 000 */
  sopIntervalMs?: number;
}

export interface Shift {
  readonly store: ShiftStore;
  readonly sop: Sop;
  readonly detect: DetectRunner;
  /** The digest for [from, to]; by default the span before the last shift change. */
  handover(from?: number, to?: number): HandoverAnswer;
  /** Writes an audit row (every note, tick and confirmation, with the officer's name). */
  audit(e: AuditEntry): void;
  close(): void;
}

export function createShift(deps: ShiftDeps): Shift {
  const store = new ShiftStore({ now: deps.now, ...(isShiftPersistence(deps.log) ? { persist: deps.log } : {}) });
  const detect = startDetectRunner({
    entities: () => deps.log.snapshot().entities,
    onDelta: deps.onDelta,
    alarms: deps.alarms,
    thresholds: () => deps.config().thresholds.detect,
    now: deps.now,
    ...(deps.detectIntervalMs !== undefined && { intervalMs: deps.detectIntervalMs }),
  });
  const sop = createSop({
    alarms: deps.alarms,
    store,
    procedures: () => deps.config().procedures,
    now: deps.now,
    ...(deps.sopIntervalMs !== undefined && { intervalMs: deps.sopIntervalMs }),
  });

  function handover(fromArg?: number, toArg?: number): HandoverAnswer {
    const shifts = deps.config().shifts;
    const now = deps.now();
    const to = toArg ?? shiftAt(now, shifts).start;
    const from = fromArg ?? handoverSpan(to, shifts).start;
    const nextShift = shiftAt(to, shifts);
    const procedures = deps.config().procedures;
    const alarms = [...deps.alarms.list({ state: 'all', to, limit: 10_000 }).filter((r) => r.clearedAt === null || r.clearedAt >= from)];
    const digest = buildHandover({
      from,
      to,
      forecastUntil: nextShift.end,
      entities: (function* () {
        for (const e of deps.log.snapshot().entities) if (e.kind !== 'weather') yield publicEntity(e);
      })(),
      alarms,
      notes: store.notes(from, to),
      steps: (id) => store.steps(id),
      procedureFor: (rule) => procedureFor(procedures, rule),
      confirmations: store.handovers(to),
      rules: deps.slaRules(),
      ...(deps.orgs && { orgs: deps.orgs() }),
    });
    return { ...digest, change: to, nextShift, generatedAt: now };
  }

  return {
    store,
    sop,
    detect,
    handover,
    audit: (e) => deps.log.audit(e),
    close() {
      detect.close();
      sop.close();
    },
  };
}
