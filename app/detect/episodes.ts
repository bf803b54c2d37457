/**
 * From detections at each evaluation to alarms with a life: a key that fires is raised once,
 * stays raised while it keeps firing (its text updated), and is cleared only after it has not
 * fired for `clearAfterMs` — so a surge that dips under the thresholds for one evaluation is
 * one alarm, not two. Pure state, no timers: the hub's runner and the bench both drive it.
 */

/** What an evaluation found for one key. */
export interface Detection {
  readonly key: string;
  readonly text: string;
}

/** What changed at one evaluation. */
export interface EpisodeChanges<D extends Detection> {
  /** Keys that fired and were not active: new alarms. */
  readonly raised: D[];
  /** Keys still firing whose text changed. */
  readonly updated: D[];
  /** Keys that have not fired for `clearAfterMs`. */
  readonly cleared: string[];
}

export class Episodes<D extends Detection> {
  private readonly active = new Map<string, { lastSeen: number; text: string }>();

  constructor(private readonly clearAfterMs: number) {}

  /** Feeds the detections found at `now`; returns what to raise, update and clear. */
  update(now: number, found: readonly D[]): EpisodeChanges<D> {
    const raised: D[] = [];
    const updated: D[] = [];
    for (const d of found) {
      const a = this.active.get(d.key);
      if (!a) raised.push(d);
      else if (a.text !== d.text) updated.push(d);
      this.active.set(d.key, { lastSeen: now, text: d.text });
    }
    const cleared: string[] = [];
    for (const [key, a] of this.active) {
      if (now - a.lastSeen >= this.clearAfterMs) {
        cleared.push(key);
        this.active.delete(key);
      }
    }
    return { raised, updated, cleared };
  }

  /** Keys active now. */
  keys(): string[] {
    return [...this.active.keys()];
  }
}
