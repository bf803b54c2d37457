/**
 * Recordings (NDJSON) of accepted changes, for `--record FILE` and `--source replay:FILE`.
 *
 * Format, one JSON object per line:
 * - line 1, the header: `{"format":"cur-wall-recording","version":1,"startedAt":<Unix ms>}`
 * - then one line per change: `{"t":<ms since startedAt>,"upserts":[entities],"removes":[refs]}`
 * Entities are as the hub stored them (validated, redacted). Replay sends every change
 * through the ingest pipeline again, so a hand-edited file is validated like any source.
 */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';

export const RECORDING_FORMAT = 'cur-wall-recording';

export interface RecordedChange {
  t: number;
  upserts: unknown[];
  removes: unknown[];
}

export class Recorder {
  private readonly startedAt: number;

  constructor(
    private readonly file: string,
    now = Date.now(),
  ) {
    this.startedAt = now;
    writeFileSync(file, JSON.stringify({ format: RECORDING_FORMAT, version: 1, startedAt: now }) + '\n');
  }

  write(at: number, upserts: unknown[], removes: unknown[]): void {
    appendFileSync(this.file, JSON.stringify({ t: at - this.startedAt, upserts, removes }) + '\n');
  }
}

/** Reads and checks a recording; throws a message naming the line. */
export function readRecording(file: string): RecordedChange[] {
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim());
  if (lines.length === 0) throw new Error(`${file}: empty recording`);
  const header = JSON.parse(lines[0]!) as { format?: unknown; version?: unknown };
  if (header.format !== RECORDING_FORMAT || header.version !== 1) throw new Error(`${file}: line 1 is not a ${RECORDING_FORMAT} v1 header`);
  return lines.slice(1).map((l, i) => {
    let j: Partial<RecordedChange>;
    try {
      j = JSON.parse(l) as Partial<RecordedChange>;
    } catch {
      throw new Error(`${file}: line ${i + 2} is not JSON`);
    }
    if (typeof j.t !== 'number' || !Array.isArray(j.upserts ?? []) || !Array.isArray(j.removes ?? []))
      throw new Error(`${file}: line ${i + 2} needs {t, upserts, removes}`);
    return { t: j.t, upserts: j.upserts ?? [], removes: j.removes ?? [] };
  });
}

/** Plays changes at their recorded offsets divided by `speed`; returns a stop function. */
export function playRecording(changes: RecordedChange[], speed: number, push: (c: RecordedChange) => void, onEnd: () => void): () => void {
  let i = 0;
  let timer: NodeJS.Timeout | null = null;
  const start = Date.now();
  const next = (): void => {
    while (i < changes.length && changes[i]!.t / speed <= Date.now() - start) push(changes[i++]!);
    if (i >= changes.length) return onEnd();
    timer = setTimeout(next, Math.max(0, changes[i]!.t / speed - (Date.now() - start)));
  };
  next();
  return () => {
    if (timer) clearTimeout(timer);
  };
}
