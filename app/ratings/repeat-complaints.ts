/**
 * Repeat complaints: half of the quality criterion of the ratings («качество реагирования»,
 * Положение о ЦУР п. 87: no repeat complaints on the same problem). Nothing is guessed from
 * titles or distances; two facts link an appeal B to an answered appeal A:
 *
 * 1. the same applicant (`applicantKey`, the hub's salted hash of the source's applicant id or
 *    contact), or the same object (`objectKey`, the hub's hash of the normalised address:
 *    one building);
 * 2. the same sector (a person who wrote about a pothole and then about a bus did not repeat);
 * 3. B came after A's answer and within `windowDays` of it: A.answeredAt < B.createdAt ≤
 *    A.answeredAt + window.
 *
 * The hub links them once, at ingest (`RepeatLinker`): B gets `repeatOf: A.id`, the latest such
 * A. The keys never leave the hub for a public screen, the link does, so the wall, the touch
 * panel and the API count the same repeats. A is then "bounced": its answer did not solve the
 * problem; the bounce is charged to A's body. Items with neither key are never linked.
 */
import type { Appeal } from '../domain/entity';
import { DAY_MS } from '../calendar/msk-time';

/** Parameters of the repeat rule. */
export interface RepeatRule {
  readonly windowDays: number;
}

/** The keys an appeal can be linked by: applicant and object, each within its sector. */
function linkKeys(a: Appeal): string[] {
  const keys: string[] = [];
  if (a.applicantKey) keys.push(`a|${a.sector}|${a.applicantKey}`);
  if (a.objectKey) keys.push(`o|${a.sector}|${a.objectKey}`);
  return keys;
}

/**
 * Links each new appeal to the answered appeal it repeats, over every appeal it has seen (the
 * hub feeds it its whole state once, then every accepted upsert). `link` returns the appeal
 * with `repeatOf` set (or removed when nothing qualifies), and indexes it.
 */
/** What the linker keeps of an appeal: only what a link needs (not its texts: a hub holds 100,000s). */
interface LinkFacts {
  readonly id: string;
  readonly answeredAt: number | undefined;
}

export class RepeatLinker {
  private readonly byKey = new Map<string, Map<string, LinkFacts>>();
  private readonly keysOf = new Map<string, string[]>();

  constructor(private readonly rule: RepeatRule = { windowDays: 30 }) {}

  /** Indexes an appeal as it is (no link computed): for the state the hub starts with. */
  add(a: Appeal): void {
    this.forget(a.id);
    const keys = linkKeys(a);
    if (!keys.length) return;
    this.keysOf.set(a.id, keys);
    const facts: LinkFacts = { id: a.id, answeredAt: a.answeredAt };
    for (const k of keys) {
      let g = this.byKey.get(k);
      if (!g) this.byKey.set(k, (g = new Map()));
      g.set(a.id, facts);
    }
  }

  /** Forgets a removed appeal. */
  forget(id: string): void {
    for (const k of this.keysOf.get(id) ?? []) this.byKey.get(k)?.delete(id);
    this.keysOf.delete(id);
  }

  /** The appeal with `repeatOf` computed from what has been seen, then indexed. */
  link(a: Appeal): Appeal {
    const window = this.rule.windowDays * DAY_MS;
    let best: LinkFacts | undefined;
    for (const k of linkKeys(a)) {
      for (const x of this.byKey.get(k)?.values() ?? []) {
        if (x.id === a.id || x.answeredAt === undefined) continue;
        if (!(x.answeredAt < a.createdAt && a.createdAt <= x.answeredAt + window)) continue;
        if (!best || x.answeredAt > best.answeredAt! || (x.answeredAt === best.answeredAt && x.id < best.id)) best = x;
      }
    }
    let out: Appeal = a;
    if (best && a.repeatOf !== best.id) out = { ...a, repeatOf: best.id };
    else if (!best && a.repeatOf !== undefined) {
      const { repeatOf: _r, ...rest } = a;
      out = rest;
    }
    this.add(out);
    return out;
  }
}

/** Links a whole set in creation order (the demo report, tests): what the hub does as items arrive. */
export function linkRepeats(appeals: readonly Appeal[], rule: RepeatRule = { windowDays: 30 }): Appeal[] {
  const linker = new RepeatLinker(rule);
  const sorted = [...appeals].sort((x, y) => x.createdAt - y.createdAt || (x.id < y.id ? -1 : 1));
  // Answers may come after a later appeal was created: index everything first, then link.
  for (const a of sorted) linker.add(a);
  return sorted.map((a) => linker.link(a));
}

/** The repeaters of every answered appeal, from the hub's `repeatOf` links. */
export class RepeatIndex {
  private constructor(private readonly byId: ReadonlyMap<string, readonly string[]>) {}

  /** Indexes `appeals` (repeaters must be among them and exist by `now`). */
  static of(appeals: readonly Appeal[], rule: RepeatRule, now: number): RepeatIndex {
    return new RepeatIndex(findRepeats(appeals, rule, now));
  }

  /** How many appeals repeat the answered appeal `id`. */
  count(id: string): number {
    return this.byId.get(id)?.length ?? 0;
  }

  /** Ids of the appeals that repeat `id`, oldest first. */
  ids(id: string): readonly string[] {
    return this.byId.get(id) ?? [];
  }
}

/**
 * The repeaters of each answered appeal that has any, by id; each list oldest first. Reads the
 * `repeatOf` links (a link to an appeal answered by `now`, from an appeal created by `now`
 * within the window of that answer).
 */
export function findRepeats(appeals: readonly Appeal[], rule: RepeatRule, now: number): Map<string, string[]> {
  const window = rule.windowDays * DAY_MS;
  const byId = new Map<string, Appeal>();
  for (const a of appeals) byId.set(a.id, a);
  const out = new Map<string, Appeal[]>();
  for (const b of appeals) {
    if (b.repeatOf === undefined || b.createdAt > now) continue;
    const a = byId.get(b.repeatOf);
    if (!a || a.answeredAt === undefined || a.answeredAt > now) continue;
    if (!(a.answeredAt < b.createdAt && b.createdAt <= a.answeredAt + window)) continue;
    const g = out.get(a.id);
    if (g) g.push(b);
    else out.set(a.id, [b]);
  }
  return new Map([...out].map(([id, bs]) => [id, bs.sort((x, y) => x.createdAt - y.createdAt || (x.id < y.id ? -1 : 1)).map((b) => b.id)]));
}
