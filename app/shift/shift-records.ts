/**
 * The shift log's records (issue 15), as the hub keeps them and the touch panel, the `#/shift`
 * page and the printed report read them: officers' notes, procedure steps done or late, and
 * handovers confirmed. Officers' words about their work; never a citizen's data.
 */
import { z } from 'zod';

/** What a note is about. */
export const NoteTargetSchema = z.strictObject({
  kind: z.enum(['alarm', 'accident', 'appeal', 'general']),
  /** The alarm record id or the entity id; absent for a general note. */
  id: z.string().min(1).max(300).optional(),
});
export type NoteTarget = z.infer<typeof NoteTargetSchema>;

/** A note as an officer posts it. */
export const NoteInputSchema = z.strictObject({
  target: NoteTargetSchema,
  text: z.string().trim().min(1, 'пустая заметка').max(2000, 'заметка длиннее 2000 знаков'),
  /** The officer's name. */
  by: z.string().trim().min(1, 'нужно имя дежурного').max(200, 'имя длиннее 200 знаков'),
});
export type NoteInput = z.infer<typeof NoteInputSchema>;

export interface ShiftNote {
  readonly id: string;
  readonly at: number;
  readonly by: string;
  readonly target: NoteTarget;
  readonly text: string;
}

/** A procedure step done, or flagged as not done within its limit, for one alarm. */
export interface SopStepRecord {
  readonly alarmId: string;
  readonly procedure: string;
  /** Index of the step in the procedure. */
  readonly step: number;
  readonly title: string;
  /** `done`: ticked by `by` at `at`; `late`: not done within its limit, flagged at `at`. */
  readonly state: 'done' | 'late';
  readonly at: number;
  readonly by: string | null;
}

/** A handover confirmed by the incoming officer. */
export interface HandoverConfirmation {
  /** The shift change it is for (Unix ms). */
  readonly change: number;
  readonly from: number;
  readonly to: number;
  readonly confirmedAt: number;
  readonly confirmedBy: string;
}

/** `POST /api/v1/shift/handover/confirm`. */
export const ConfirmInputSchema = z.strictObject({
  change: z.number().int().nonnegative(),
  by: z.string().trim().min(1, 'нужно имя принимающего смену').max(200, 'имя длиннее 200 знаков'),
});

/** `POST /api/v1/shift/sop/tick`. */
export const TickInputSchema = z.strictObject({
  alarmId: z.string().min(1).max(300),
  step: z.number().int().min(0).max(29),
  by: z.string().trim().min(1, 'нужно имя дежурного').max(200, 'имя длиннее 200 знаков'),
});

/** One step of an alarm's checklist as the touch panel shows it (`GET /api/v1/shift/sop`). */
export interface ChecklistStep {
  readonly index: number;
  readonly title: string;
  readonly contact: { readonly name: string; readonly phone: string } | null;
  readonly limitMin: number;
  /** The alarm's raisedAt + the step's limit. */
  readonly dueAt: number;
  readonly doneAt: number | null;
  readonly doneBy: string | null;
  /** Not done in time (flagged), or done after its deadline. */
  readonly late: boolean;
}

/** An alarm's checklist: its procedure's steps and what became of each. */
export interface Checklist {
  readonly alarmId: string;
  readonly alarmTitle: string;
  readonly procedure: { readonly id: string; readonly title: string };
  readonly steps: readonly ChecklistStep[];
}
