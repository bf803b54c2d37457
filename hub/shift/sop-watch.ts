/**
 * Procedures (SOP) at the hub (issue 15): the checklist of an active alarm (its procedure's steps
 * from the `procedures` document, each with its contact and its deadline counted from the
 * alarm), ticking a step with time and name, and the watch that flags a step not done in its
 * time: a `late` record in the shift log (kept for the handover) and an alarm for the senior
 * officer (`sop-late`), cleared once the step is ticked or its alarm is cleared.
 */
import type { AlarmRecord } from '../../app/alarms/alarm-record';
import { procedureFor, type ProceduresDoc } from '../../app/shift/procedures';
import type { Checklist, ChecklistStep, SopStepRecord } from '../../app/shift/shift-records';
import type { RaiseInput } from '../alarms/alarm-store';
import type { ShiftStore } from './shift-store';

/** The part of the alarm store the procedures use. */
export interface SopAlarms {
  active(): AlarmRecord[];
  get(idOrKey: string): AlarmRecord | undefined;
  sync(origin: string, inputs: readonly RaiseInput[]): void;
}

/** The rule name and origin of the flag alarms. */
export const SOP_LATE_RULE = 'sop-late';

export type TickResult = { ok: true; checklist: Checklist } | { ok: false; status: 404 | 409; error: string };

export interface SopDeps {
  alarms: SopAlarms;
  store: ShiftStore;
  procedures: () => ProceduresDoc;
  now: () => number;
  /** @default 15 000 */
  intervalMs?: number;
}

export interface Sop {
  /** The checklist of an alarm, or null when it has no procedure (or no such alarm). */
  checklist(alarmId: string): Checklist | null;
  tick(alarmId: string, step: number, by: string): TickResult;
  /** One watch pass (the timer runs it; tests too). */
  runOnce(): void;
  close(): void;
}

export function createSop(deps: SopDeps): Sop {
  function checklistOf(alarm: AlarmRecord, records: readonly SopStepRecord[]): Checklist | null {
    const doc = deps.procedures();
    const proc = procedureFor(doc, alarm.rule);
    if (!proc) return null;
    const contacts = new Map(doc.contacts.map((c) => [c.id, c]));
    return {
      alarmId: alarm.id,
      alarmTitle: alarm.title,
      procedure: { id: proc.id, title: proc.title },
      steps: proc.steps.map((s, index): ChecklistStep => {
        const done = records.find((r) => r.step === index && r.state === 'done');
        const dueAt = alarm.raisedAt + s.limitMin * 60_000;
        const c = s.contact !== undefined ? contacts.get(s.contact) : undefined;
        return {
          index,
          title: s.title,
          contact: c ? { name: c.name, phone: c.phone } : null,
          limitMin: s.limitMin,
          dueAt,
          doneAt: done?.at ?? null,
          doneBy: done?.by ?? null,
          late: records.some((r) => r.step === index && r.state === 'late') || (done !== undefined && done.at > dueAt),
        };
      }),
    };
  }

  function runOnce(): void {
    const now = deps.now();
    const flags: RaiseInput[] = [];
    for (const alarm of deps.alarms.active()) {
      if (alarm.rule === SOP_LATE_RULE) continue;
      const records = deps.store.steps(alarm.id);
      const list = checklistOf(alarm, records);
      if (!list) continue;
      for (const step of list.steps) {
        if (step.doneAt !== null || now <= step.dueAt) continue;
        if (!records.some((r) => r.step === step.index && r.state === 'late')) {
          deps.store.putStep({ alarmId: alarm.id, procedure: list.procedure.id, step: step.index, title: step.title, state: 'late', at: now, by: null });
        }
        flags.push({
          rule: SOP_LATE_RULE,
          severity: 'warning',
          entity: alarm.entity,
          key: `${SOP_LATE_RULE}:${alarm.id}:${step.index}`,
          title: 'Шаг порядка действий не выполнен в срок',
          text: `Старшему смены: «${step.title}» по тревоге «${alarm.title}» не выполнен за ${step.limitMin} мин`,
        });
      }
    }
    deps.alarms.sync(SOP_LATE_RULE, flags);
  }

  const timer = setInterval(() => {
    try {
      runOnce();
    } catch (e) {
      console.error(`sop: a watch pass failed: ${(e as Error).message}`);
    }
  }, deps.intervalMs ?? 15_000);
  timer.unref();

  return {
    checklist(alarmId) {
      const alarm = deps.alarms.get(alarmId);
      return alarm ? checklistOf(alarm, deps.store.steps(alarm.id)) : null;
    },
    tick(alarmId, step, by) {
      const alarm = deps.alarms.get(alarmId);
      if (!alarm) return { ok: false, status: 404, error: 'тревога не найдена' };
      const list = checklistOf(alarm, deps.store.steps(alarm.id));
      if (!list) return { ok: false, status: 404, error: `для тревоги правила «${alarm.rule}» порядок действий не задан (документ procedures)` };
      const s = list.steps[step];
      if (!s) return { ok: false, status: 404, error: `в порядке действий «${list.procedure.title}» нет шага ${step + 1}` };
      if (s.doneAt !== null) return { ok: false, status: 409, error: `шаг «${s.title}» уже отмечен: ${s.doneBy ?? ''}` };
      deps.store.putStep({ alarmId: alarm.id, procedure: list.procedure.id, step, title: s.title, state: 'done', at: deps.now(), by });
      runOnce();
      return { ok: true, checklist: checklistOf(alarm, deps.store.steps(alarm.id))! };
    },
    runOnce,
    close: () => clearInterval(timer),
  };
}
