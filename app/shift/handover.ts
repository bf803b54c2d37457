/**
 * The handover digest (issue 15): what the outgoing shift hands to the incoming one for the last
 * `handoverHours` — new and ongoing accidents, breaches (items that went overdue), alarms and how
 * they were handled (acknowledged by whom, procedure steps done or late, notes), the items at
 * risk of a breach before the end of the next shift, and the shift's own notes. Pure: built from
 * entities the hub has already put through the public projection (no citizen's words, no
 * person), the alarm records and the shift log. The JSON API, the `#/shift` page, the touch panel
 * and the printed report all show this one object.
 */
import type { AlarmRecord } from '../alarms/alarm-record';
import { breachForecast, type OrgForecast } from '../detect/breach-forecast';
import { RESOURCE_LABELS, type Accident, type Appeal, type Entity } from '../domain/entity';
import { municipalityByOktmo } from '../domain/municipality';
import { orgShortName, type OrgDirectory } from '../domain/organisations';
import { DEFAULT_SLA_RULES, type SlaRules } from '../sla/sla-rules';
import { dueAt } from '../sla/sla-state';
import type { Procedure } from './procedures';
import type { ShiftSpan } from './shift-schedule';
import type { HandoverConfirmation, ShiftNote, SopStepRecord } from './shift-records';

/** An accident as the digest lists it. */
export interface HandoverAccident {
  readonly id: string;
  readonly resource: string;
  /** «Холодная вода». */
  readonly resourceLabel: string;
  readonly municipality: string;
  readonly place: string;
  /** Public address (locality, street, house). */
  readonly address: string;
  readonly residents: number;
  readonly socialObjects: number;
  readonly startedAt: number;
  readonly plannedRestoreAt: number;
  readonly restoredAt: number | null;
  /** Still active at the end of the span. */
  readonly ongoing: boolean;
}

/** An appeal that went overdue in the span. */
export interface HandoverBreach {
  readonly id: string;
  readonly channel: Appeal['channel'];
  readonly sector: string;
  readonly municipality: string;
  readonly org: string;
  readonly dueAt: number;
}

/** An alarm and how it was handled. */
export interface HandoverAlarm {
  readonly id: string;
  readonly rule: string;
  readonly severity: AlarmRecord['severity'];
  readonly title: string;
  readonly text: string;
  readonly raisedAt: number;
  readonly ackedAt: number | null;
  readonly ackedBy: string | null;
  readonly comment: string | null;
  readonly clearedAt: number | null;
  /** The procedure's steps with what became of each (absent: no procedure for its rule). */
  readonly procedure?: {
    readonly id: string;
    readonly title: string;
    readonly steps: readonly {
      readonly title: string;
      readonly limitMin: number;
      readonly doneAt: number | null;
      readonly doneBy: string | null;
      readonly late: boolean;
    }[];
  };
  readonly notes: readonly ShiftNote[];
}

export interface HandoverDigest {
  /** The span covered, Unix ms. */
  readonly from: number;
  readonly to: number;
  /** The forecast looks this far ahead (the end of the next shift). */
  readonly forecastUntil: number;
  readonly accidents: { readonly new: readonly HandoverAccident[]; readonly ongoing: readonly HandoverAccident[] };
  readonly breaches: {
    readonly total: number;
    readonly byOrg: readonly { readonly org: string; readonly orgName: string; readonly count: number }[];
    readonly items: readonly HandoverBreach[];
  };
  readonly alarms: readonly HandoverAlarm[];
  readonly atRisk: readonly OrgForecast[];
  readonly notes: readonly ShiftNote[];
  readonly confirmations: readonly HandoverConfirmation[];
}

export interface HandoverInput {
  from: number;
  to: number;
  forecastUntil: number;
  /** The state, in the public projection. */
  entities: Iterable<Entity>;
  /** Alarm records raised in the span or still active at its start. */
  alarms: readonly AlarmRecord[];
  notes: readonly ShiftNote[];
  /** Step records per alarm id. */
  steps: (alarmId: string) => readonly SopStepRecord[];
  procedureFor: (rule: string) => Procedure | undefined;
  confirmations: readonly HandoverConfirmation[];
  rules?: SlaRules;
  orgs?: OrgDirectory;
}

/** Items listed at most (the totals count every one). */
export const HANDOVER_MAX_ITEMS = 50;

const placeOf = (oktmo: string) => (municipalityByOktmo(oktmo) ?? municipalityByOktmo(oktmo, '2023'))?.shortName ?? oktmo;

function accidentRow(a: Accident, to: number): HandoverAccident {
  const ongoing = a.status === 'active' || (a.restoredAt !== undefined && a.restoredAt > to);
  return {
    id: a.id,
    resource: a.resource,
    resourceLabel: RESOURCE_LABELS[a.resource],
    municipality: a.municipality,
    place: placeOf(a.municipality),
    address: a.address,
    residents: a.residents,
    socialObjects: a.socialObjects,
    startedAt: a.startedAt,
    plannedRestoreAt: a.plannedRestoreAt,
    restoredAt: a.restoredAt ?? null,
    ongoing,
  };
}

/** Builds the digest for [from, to]. */
export function buildHandover(input: HandoverInput): HandoverDigest {
  const { from, to } = input;
  const rules = input.rules ?? DEFAULT_SLA_RULES;
  const appeals: Appeal[] = [];
  const fresh: HandoverAccident[] = [];
  const ongoing: HandoverAccident[] = [];
  const breaches: HandoverBreach[] = [];
  for (const e of input.entities) {
    if (e.kind === 'accident') {
      if (e.startedAt > to) continue;
      const row = accidentRow(e, to);
      if (e.startedAt >= from) fresh.push(row);
      else if (row.ongoing || (e.restoredAt ?? 0) >= from) ongoing.push(row);
    } else if (e.kind === 'appeal') {
      if (e.createdAt > to) continue;
      appeals.push(e);
      const due = dueAt(e, rules);
      const answeredInTime = e.answeredAt !== undefined && e.answeredAt <= due;
      if (due >= from && due <= to && !answeredInTime)
        breaches.push({ id: e.id, channel: e.channel, sector: e.sector, municipality: e.municipality, org: e.org, dueAt: due });
    }
  }
  const byStart = (a: HandoverAccident, b: HandoverAccident) => b.residents - a.residents || a.startedAt - b.startedAt;
  const counts = new Map<string, number>();
  for (const b of breaches) counts.set(b.org, (counts.get(b.org) ?? 0) + 1);
  breaches.sort((a, b) => a.dueAt - b.dueAt || (a.id < b.id ? -1 : 1));
  const alarms = [...input.alarms]
    .filter((r) => r.raisedAt <= to && (r.clearedAt === null || r.clearedAt >= from))
    .sort((a, b) => a.raisedAt - b.raisedAt || (a.id < b.id ? -1 : 1))
    .map((r) => alarmRow(r, input));
  return {
    from,
    to,
    forecastUntil: input.forecastUntil,
    accidents: { new: fresh.sort(byStart), ongoing: ongoing.sort(byStart) },
    breaches: {
      total: breaches.length,
      byOrg: [...counts]
        .map(([org, count]) => ({ org, orgName: orgShortName(org, input.orgs), count }))
        .sort((a, b) => b.count - a.count || (a.org < b.org ? -1 : 1)),
      items: breaches.slice(0, HANDOVER_MAX_ITEMS),
    },
    alarms,
    atRisk: breachForecast(appeals, to, input.forecastUntil, rules, input.orgs),
    notes: input.notes.filter((n) => n.at >= from && n.at <= to),
    confirmations: input.confirmations,
  };
}

function alarmRow(r: AlarmRecord, input: HandoverInput): HandoverAlarm {
  const proc = input.procedureFor(r.rule);
  const records = input.steps(r.id);
  const notes = input.notes.filter((n) => n.target.kind === 'alarm' && n.target.id === r.id);
  return {
    id: r.id,
    rule: r.rule,
    severity: r.severity,
    title: r.title,
    text: r.text,
    raisedAt: r.raisedAt,
    ackedAt: r.ackedAt,
    ackedBy: r.ackedBy,
    comment: r.comment,
    clearedAt: r.clearedAt,
    notes,
    ...(proc && {
      procedure: {
        id: proc.id,
        title: proc.title,
        steps: proc.steps.map((s, i) => {
          const done = records.find((x) => x.step === i && x.state === 'done');
          const due = r.raisedAt + s.limitMin * 60_000;
          // Late: flagged by the watch, done after its deadline, or still open past it while the alarm was up in the span.
          const late = records.some((x) => x.step === i && x.state === 'late') || (done ? done.at > due : due < Math.min(input.to, r.clearedAt ?? Infinity));
          return { title: s.title, limitMin: s.limitMin, doneAt: done?.at ?? null, doneBy: done?.by ?? null, late };
        }),
      },
    }),
  };
}

/** `GET /api/v1/shift/handover`: the digest and the shift change it is for. */
export interface HandoverAnswer extends HandoverDigest {
  /** The shift change the handover is for (`to`). */
  readonly change: number;
  /** The shift that starts at the change. */
  readonly nextShift: ShiftSpan;
  readonly generatedAt: number;
}
