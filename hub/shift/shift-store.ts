/**
 * The shift log at the hub (issue 15): officers' notes on alarms, accidents and items; the
 * procedure steps ticked (with time and name) or flagged as late; handovers confirmed by the
 * incoming officer. Kept by the durable log (`SqliteFeedLog.putShiftRecord`, table
 * `shift_records`, migration 6) when the hub has one, else in memory (a hub without `--data`,
 * or a log without the table, e.g. the cluster's).
 *
 * Notes are the officers' words about their work, not citizens' data; still they reach only the
 * touch panel, presenter and admin (never a wall) and are bounded in length.
 */
import type { HandoverConfirmation, NoteInput, NoteTarget, ShiftNote, SopStepRecord } from '../../app/shift/shift-records';

/** What the durable log offers (SqliteFeedLog). */
export interface ShiftPersistence {
  putShiftRecord(kind: string, key: string, at: number, json: string): void;
  shiftRecords(kind: string, q: { key?: string; from?: number; to?: number; limit: number }): string[];
}

/** True when the log keeps shift records itself. */
export function isShiftPersistence(x: unknown): x is ShiftPersistence {
  return typeof (x as ShiftPersistence | null)?.putShiftRecord === 'function' && typeof (x as ShiftPersistence).shiftRecords === 'function';
}

type Kind = 'note' | 'sop' | 'handover';
interface Row {
  kind: Kind;
  key: string;
  at: number;
  json: string;
}

/** In memory, for a hub without a durable log. */
class MemoryPersistence implements ShiftPersistence {
  private readonly rows: Row[] = [];
  putShiftRecord(kind: string, key: string, at: number, json: string): void {
    this.rows.push({ kind: kind as Kind, key, at, json });
  }
  shiftRecords(kind: string, q: { key?: string; from?: number; to?: number; limit: number }): string[] {
    const from = q.from ?? 0;
    const to = q.to ?? Number.MAX_SAFE_INTEGER;
    const rows = this.rows.filter((r) => r.kind === kind && (q.key !== undefined ? r.key === q.key : r.at >= from && r.at <= to));
    if (q.key === undefined) rows.sort((a, b) => a.at - b.at);
    return rows.slice(0, q.limit).map((r) => r.json);
  }
}

const LIMIT = 5000;

export class ShiftStore {
  private readonly p: ShiftPersistence;
  private readonly listeners = new Set<(what: Kind) => void>();
  private seq = 0;

  constructor(private readonly deps: { now: () => number; persist?: ShiftPersistence }) {
    this.p = deps.persist ?? new MemoryPersistence();
  }

  /** Adds a note; returns it. */
  addNote(input: NoteInput): ShiftNote {
    const at = this.deps.now();
    const note: ShiftNote = { id: `n-${at.toString(36)}-${(this.seq++).toString(36)}`, at, by: input.by, target: input.target, text: input.text };
    this.put('note', `${note.target.kind}:${note.target.id ?? ''}`, at, note);
    return note;
  }

  /** Notes posted in [from, to], oldest first. */
  notes(from: number, to: number): ShiftNote[] {
    return this.p.shiftRecords('note', { from, to, limit: LIMIT }).map((j) => JSON.parse(j) as ShiftNote);
  }

  /** Notes about one target, oldest first. */
  notesOn(target: NoteTarget): ShiftNote[] {
    return this.p.shiftRecords('note', { key: `${target.kind}:${target.id ?? ''}`, limit: LIMIT }).map((j) => JSON.parse(j) as ShiftNote);
  }

  /** Records a step done or flagged. */
  putStep(r: SopStepRecord): void {
    this.put('sop', r.alarmId, r.at, r);
  }

  /** Every step record of an alarm, oldest first. */
  steps(alarmId: string): SopStepRecord[] {
    return this.p.shiftRecords('sop', { key: alarmId, limit: LIMIT }).map((j) => JSON.parse(j) as SopStepRecord);
  }

  /** Records a confirmed handover. */
  confirmHandover(c: HandoverConfirmation): void {
    this.put('handover', String(c.change), c.confirmedAt, c);
  }

  /** The confirmations of the handover at `change` (normally one). */
  handovers(change: number): HandoverConfirmation[] {
    return this.p.shiftRecords('handover', { key: String(change), limit: 100 }).map((j) => JSON.parse(j) as HandoverConfirmation);
  }

  /** Calls `fn` after every record; returns the unsubscribe function. */
  onChange(fn: (what: Kind) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private put(kind: Kind, key: string, at: number, value: unknown): void {
    this.p.putShiftRecord(kind, key, at, JSON.stringify(value));
    for (const fn of this.listeners) fn(kind);
  }
}
