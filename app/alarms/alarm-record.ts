/**
 * One alarm as the hub keeps it (issue 15 «One alarm record, at the hub»): raised once, by the
 * hub's rule evaluation (`hub/alarms/`) or by another detector (spikes, silence), acknowledged
 * by a named officer, cleared when its condition ends. Every screen shows the same records
 * (`alarms:state`), so an alarm appears and goes at the same moment on all of them.
 *
 * Hub → every reading client: `alarms:state {rev, serverTime, active}` on connect and after
 * every change; `active` holds the records not yet cleared (acknowledged ones included: a
 * wall preset stays until the alarm is cleared), most urgent first.
 */
import { z } from 'zod';
import { SceneSchema } from '../scenes/scene';
import { ALARM_SEVERITIES, type AlarmSeverity } from './alarm-rules';

const time = z.number().int().nonnegative();

/** What a rule asks the chosen wall screens to show while its alarm is active (until cleared). */
export const AlarmPresetSchema = z.strictObject({
  scene: SceneSchema,
  /** Wall screen ids (`#/wall/<id>`); null = every scene screen. */
  screens: z
    .array(z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/))
    .max(64)
    .nullable(),
});
export type AlarmPreset = z.infer<typeof AlarmPresetSchema>;

export const AlarmRecordSchema = z.strictObject({
  /** Unique record id: `<key>~<raisedAt base 36>` (`@` before 2026-12-08); the same on every screen. */
  id: z.string().min(1).max(300),
  /** Dedup key: while a record with this key is active, raising it again returns that record. */
  key: z.string().min(1).max(250),
  /** Rule id (alarm-rules) or the detector's rule name (e.g. `spike`). */
  rule: z.string().min(1).max(64),
  /** Who raised it: `rules` (the hub's alarm-rules evaluation) or a detector's name. */
  source: z.string().min(1).max(40),
  severity: z.enum(ALARM_SEVERITIES),
  /** Entity key (`accident:A-17`), or null for an alarm about no one entity. */
  entity: z.string().max(200).nullable(),
  /** Russian headline and detail line (public fields only: they reach the wall). */
  title: z.string().max(300),
  text: z.string().max(1000),
  /** Scene of the takeover (the entity's municipality or sector, or the rule's scene). */
  scene: SceneSchema.nullable(),
  sound: z.boolean(),
  /** When the condition began (may be before `raisedAt`). */
  since: time,
  raisedAt: time,
  ackedAt: time.nullable(),
  /** Name of the officer who acknowledged it. */
  ackedBy: z.string().max(200).nullable(),
  comment: z.string().max(1000).nullable(),
  clearedAt: time.nullable(),
  /** The rule's wall preset, if any (shown until `clearedAt`). */
  preset: AlarmPresetSchema.nullable(),
});
export type AlarmRecord = z.infer<typeof AlarmRecordSchema>;

/** `alarms:state`: the active (not cleared) records, most urgent first. */
export const AlarmsStateSchema = z.strictObject({
  rev: z.number().int().nonnegative(),
  serverTime: time,
  active: z.array(AlarmRecordSchema).max(500),
});
export type AlarmsState = z.infer<typeof AlarmsStateSchema>;

/** Hub → reading clients. */
export interface AlarmServerEvents {
  'alarms:state': (state: AlarmsState) => void;
}

const RANK: Readonly<Record<AlarmSeverity, number>> = { critical: 0, major: 1, warning: 2 };

/** Most severe first, then the oldest condition, then id (a total order). */
export function compareRecords(a: AlarmRecord, b: AlarmRecord): number {
  return RANK[a.severity] - RANK[b.severity] || a.since - b.since || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Why an acknowledgement is refused (Russian, shown on the touch panel), or null when it may go. */
export function ackRefusal(
  record: Pick<AlarmRecord, 'severity' | 'ackedAt' | 'clearedAt'> | undefined,
  person: string | null,
  comment: string | null | undefined,
): string | null {
  if (!record) return 'тревога не найдена (уже снята?)';
  if (!person || person.trim() === '') return 'квитирование требует имени дежурного: войдите по PIN';
  if (record.severity === 'critical' && (!comment || comment.trim().length < 3)) return 'для критической тревоги нужен комментарий (что сделано)';
  if (record.ackedAt !== null) return 'тревога уже квитирована';
  return null;
}
