/**
 * Heartbeats the renderers send (`kiosk:report-heartbeat`, a frame counter a few times a
 * second), kept per window. Pure: every method takes the current time, so the watchdog that
 * builds on it is tested without timers.
 */

/** The last heartbeat of one window. */
export interface HeartbeatRecord {
  /** When main received it (ms, main's clock). */
  at: number;
  /** The renderer's frame counter. */
  frame: number;
}

export class HeartbeatMonitor {
  /** Window key → when it started being watched, and its last heartbeat if any. */
  readonly #windows = new Map<string, { since: number; last?: HeartbeatRecord }>();

  /** Starts watching a window (just opened or reloaded): its silence counts from `now`. */
  watch(key: string, now: number): void {
    this.#windows.set(key, { since: now });
  }

  /** Stops watching a window (closed). */
  forget(key: string): void {
    this.#windows.delete(key);
  }

  /** Records a heartbeat; a window not watched yet starts being watched. */
  record(key: string, frame: number, now: number): void {
    const w = this.#windows.get(key);
    if (w) w.last = { at: now, frame };
    else this.#windows.set(key, { since: now, last: { at: now, frame } });
  }

  /** The last heartbeat of a window, if it sent one. */
  last(key: string): HeartbeatRecord | undefined {
    return this.#windows.get(key)?.last;
  }

  /** Watched windows that have not reported for at least `thresholdMs` (counting from `watch` if they never did). */
  silent(now: number, thresholdMs: number): string[] {
    const out: string[] = [];
    for (const [key, w] of this.#windows) if (now - (w.last?.at ?? w.since) >= thresholdMs) out.push(key);
    return out;
  }

  /** Keys of all watched windows. */
  keys(): string[] {
    return [...this.#windows.keys()];
  }
}
