/**
 * A min-heap of (time, key): when each item's time-dependent state may next change. The
 * encoder re-evaluates only the items whose time has come instead of sweeping every open
 * appeal every second (at 10^6 appeals a sweep costs seconds of worker time). Entries are
 * never removed in place: the caller keeps each key's current time and skips stale ones.
 */
export class DueQueue {
  private times: number[] = [];
  private keys: string[] = [];

  get size(): number {
    return this.times.length;
  }

  clear(): void {
    this.times = [];
    this.keys = [];
  }

  push(time: number, key: string): void {
    const t = this.times;
    const k = this.keys;
    let i = t.length;
    t.push(time);
    k.push(key);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (t[parent]! <= time) break;
      t[i] = t[parent]!;
      k[i] = k[parent]!;
      i = parent;
    }
    t[i] = time;
    k[i] = key;
  }

  /** Time of the earliest entry (Infinity when empty). */
  peek(): number {
    return this.times.length ? this.times[0]! : Infinity;
  }

  /** Removes the earliest entry and returns its key. */
  pop(): string | undefined {
    const t = this.times;
    const k = this.keys;
    if (!t.length) return undefined;
    const top = k[0];
    const lastT = t.pop()!;
    const lastK = k.pop()!;
    const n = t.length;
    if (n) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && t[r]! < t[l]! ? r : l;
        if (t[c]! >= lastT) break;
        t[i] = t[c]!;
        k[i] = k[c]!;
        i = c;
      }
      t[i] = lastT;
      k[i] = lastK;
    }
    return top;
  }
}
