/**
 * Shifts of the duty officers (issue 15), as configuration: the Moscow times the shift changes
 * at (the `shifts` document). A handover digest covers the `handoverHours` before a change.
 * Pure: the shift of an instant is a function of the time and the document.
 */
import { z } from 'zod';
import { DAY_MS, HOUR_MS, MINUTE_MS, mskDay, mskDayStart } from '../calendar/msk-time';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'время ЧЧ:ММ по Москве, например 08:00');

export const ShiftsSchema = z
  .strictObject({
    /** Moscow times of the shift changes, e.g. `['08:00', '20:00']` (two 12-hour shifts). */
    changes: z.array(hhmm).min(1).max(6).default(['08:00', '20:00']),
    /** Hours of history a handover digest covers. @default 12 */
    handoverHours: z.number().int().min(1).max(72).default(12),
  })
  .refine((s) => new Set(s.changes).size === s.changes.length, { message: 'время смены повторяется', path: ['changes'] });

export type Shifts = z.output<typeof ShiftsSchema>;

/** Two 12-hour shifts, 08:00 and 20:00 MSK. */
export const DEFAULT_SHIFTS: Shifts = ShiftsSchema.parse({});

const minutesOf = (s: string): number => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));

/** The shift an instant falls in: [start, end) in Unix ms. */
export interface ShiftSpan {
  readonly start: number;
  readonly end: number;
}

/** Every change instant from the day before `t` to the day after, ascending. */
function changesAround(t: number, shifts: Shifts): number[] {
  const mins = [...shifts.changes].map(minutesOf).sort((a, b) => a - b);
  const out: number[] = [];
  for (let d = mskDay(t) - 1; d <= mskDay(t) + 1; d++) for (const m of mins) out.push(mskDayStart(d) + m * MINUTE_MS);
  return out;
}

/** The shift `t` falls in. */
export function shiftAt(t: number, shifts: Shifts = DEFAULT_SHIFTS): ShiftSpan {
  const all = changesAround(t, shifts);
  let i = all.length - 1;
  while (i > 0 && all[i]! > t) i--;
  return { start: all[i]!, end: all[i + 1] ?? all[i]! + DAY_MS };
}

/** The last shift change at or before `t`. */
export function lastChange(t: number, shifts: Shifts = DEFAULT_SHIFTS): number {
  return shiftAt(t, shifts).start;
}

/** The span a handover at the change `at` covers: the `handoverHours` before it. */
export function handoverSpan(at: number, shifts: Shifts = DEFAULT_SHIFTS): ShiftSpan {
  return { start: at - shifts.handoverHours * HOUR_MS, end: at };
}
