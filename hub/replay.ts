/**
 * Replay of the hub's log (issue 7): the state as it was at a moment, and the changes that
 * follow it, so a wall can rewind or play a period at ×N. Served over HTTP to any reading
 * role, in that role's projection:
 * - `GET /api/v1/replay/state?at=T[&limit=N][&cursor=C]` → `{at, seq, entities, next?}`: the
 *   state after every change with serverTime ≤ T, one page at a time (issue 10: one answer
 *   with 688k entities was 210 MB and stalled the hub 5.5 s). A page holds at most
 *   `--replay-page` entities (the default; `limit` may ask for fewer); `next`, when present,
 *   is the opaque cursor of the following page, and every page of one walk is consistent at
 *   the same `seq`. 409 when the log no longer starts at seq 1 (compacted, or a renewed
 *   epoch), since an older state cannot be rebuilt then, or when a cursor's state cannot be
 *   rebuilt any more (start again without a cursor).
 * - `GET /api/v1/replay/changes?after=SEQ&to=T` → `{deltas, more?}`: up to 2,000 changes after
 *   SEQ with serverTime ≤ T, and at most `4 × --replay-page` entities (at least one change);
 *   `more: true` when the page was cut short by that bound.
 *
 * The rebuild walks the log from seq 1 in slices, yielding to the event loop between them,
 * one rebuild at a time; the last rebuilt state is kept for a minute, so the pages of a walk
 * (and other walls asking for the same moment) cost one rebuild. A cursor names the state by
 * epoch, moment and seq: if it was evicted, it is rebuilt up to exactly that seq, and the
 * order of the entities (the order the changes made them) is the same.
 */
import { entityKey, type Entity } from '../app/domain/entity';
import type { Delta } from '../app/protocol/feed';
import type { FeedLog } from './feed-log';

const PAGE = 2000;
/** Entities applied between two yields of a rebuild. */
const SLICE_ITEMS = 20_000;
/** How long a rebuilt state is kept after its last use (ms). */
const KEEP_MS = 60_000;
/** Rebuilds waiting behind the one running; beyond it the answer is 503. */
const MAX_WAITING = 4;

export type StateAt = { ok: true; at: number; seq: number; entities: Entity[] } | { ok: false; error: string };

const NOT_FROM_START =
  'журнал хаба хранит изменения не с начала (сжат или начат заново): восстановить состояние на этот момент нельзя / the log no longer starts at seq 1';

/** Rebuilds the state at `at` from the start of the log (synchronously; small logs and tests). */
export function stateAt(log: FeedLog, at: number): StateAt {
  if (log.firstSeq() !== 1 && log.headSeq > 0) return { ok: false, error: NOT_FROM_START };
  const state = new Map<string, Entity>();
  let seq = 0;
  for (;;) {
    const page = log.deltasUntil(seq, at, PAGE);
    for (const d of page) {
      for (const e of d.upserts) state.set(entityKey(e), e);
      for (const r of d.removes) state.delete(entityKey(r));
      seq = d.seq;
    }
    if (page.length < PAGE) break;
  }
  return { ok: true, at, seq, entities: [...state.values()] };
}

/** The next page of changes after `afterSeq` up to time `to`, at most `maxItems` entities (≥ 1 change). */
export function changesUntil(log: FeedLog, afterSeq: number, to: number, maxItems = Infinity): { deltas: Delta[]; more: boolean } {
  const all = log.deltasUntil(afterSeq, to, PAGE);
  let items = 0;
  for (let i = 0; i < all.length; i++) {
    items += all[i]!.upserts.length + all[i]!.removes.length;
    if (items > maxItems && i > 0) return { deltas: all.slice(0, i), more: true };
  }
  return { deltas: all, more: false };
}

/** One page of the state at a moment. */
export type StatePage = { ok: true; at: number; seq: number; entities: Entity[]; next?: string } | { ok: false; status: 400 | 409 | 503; error: string };

interface Cursor {
  epoch: string;
  at: number;
  seq: number;
  offset: number;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.epoch, c.at, c.seq, c.offset])).toString('base64url');
}

export function decodeCursor(text: string): Cursor | null {
  if (text.length > 200) return null;
  try {
    const v = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown;
    if (!Array.isArray(v) || v.length !== 4) return null;
    const [epoch, at, seq, offset] = v as unknown[];
    if (typeof epoch !== 'string' || ![at, seq, offset].every((n) => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0)) return null;
    return { epoch, at: at as number, seq: seq as number, offset: offset as number };
  } catch {
    return null;
  }
}

interface Rebuilt {
  epoch: string;
  at: number;
  seq: number;
  list: Entity[];
  /** Hub time when the rebuild began: changes appended later have a later serverTime. */
  builtAt: number;
  usedAt: number;
}

export interface ReplayStates {
  /** One page of the state at `at`: the first (cursor null) or the one a cursor names. */
  page(at: number, cursor: string | null, limit: number): Promise<StatePage>;
  /** Drops the kept state (tests, shutdown). */
  clear(): void;
}

/** Yields to the event loop (the rebuild is sliced so /healthz and the feed keep answering). */
const yieldLoop = () => new Promise<void>((r) => setImmediate(r));

export function createReplayStates(log: FeedLog, opts: { pageSize: () => number; now?: () => number }): ReplayStates {
  const now = opts.now ?? Date.now;
  let kept: Rebuilt | null = null;
  let keepTimer: NodeJS.Timeout | null = null;
  /** Rebuilds one at a time, in arrival order; the same moment shares one rebuild. */
  let chain: Promise<unknown> = Promise.resolve();
  let waiting = 0;
  const inFlight = new Map<string, Promise<Rebuilt | null>>();

  function keep(r: Rebuilt): void {
    kept = r;
    if (keepTimer) clearTimeout(keepTimer);
    keepTimer = setTimeout(() => {
      if (kept && now() - kept.usedAt >= KEEP_MS) kept = null;
    }, KEEP_MS + 100);
    keepTimer.unref();
  }

  /** The state at `at` (up to `maxSeq` when given); null when the log cannot rebuild it. */
  async function rebuild(at: number, maxSeq: number | null): Promise<Rebuilt | null> {
    const epoch = log.epoch;
    const builtAt = now();
    const state = new Map<string, Entity>();
    let seq = 0;
    // Changes per read, adapted so one slice applies about SLICE_ITEMS entities (a back-fill
    // change may hold thousands).
    let limit = PAGE;
    for (;;) {
      if (log.epoch !== epoch || (log.firstSeq() !== 1 && log.headSeq > 0)) return null;
      const page = log.deltasUntil(seq, at, limit);
      let done = page.length < limit;
      let items = 0;
      for (const d of page) {
        if (maxSeq !== null && d.seq > maxSeq) {
          done = true;
          break;
        }
        for (const e of d.upserts) state.set(entityKey(e), e);
        for (const r of d.removes) state.delete(entityKey(r));
        items += d.upserts.length + d.removes.length;
        seq = d.seq;
      }
      if (done) break;
      limit = Math.max(1, Math.min(PAGE, Math.floor((SLICE_ITEMS * page.length) / Math.max(1, items))));
      await yieldLoop();
    }
    if (maxSeq !== null && seq !== maxSeq) return null;
    const list = [...state.values()];
    return { epoch, at, seq, list, builtAt, usedAt: now() };
  }

  function rebuildQueued(at: number, maxSeq: number | null): Promise<Rebuilt | null> | null {
    const key = `${at}|${maxSeq ?? ''}`;
    const running = inFlight.get(key);
    if (running) return running;
    if (waiting >= MAX_WAITING) return null;
    waiting++;
    const p = chain.then(async () => {
      waiting--;
      const r = await rebuild(at, maxSeq);
      if (r) keep(r);
      return r;
    });
    chain = p.catch(() => undefined);
    inFlight.set(key, p);
    void p.finally(() => inFlight.delete(key)).catch(() => undefined);
    return p;
  }

  function slice(r: Rebuilt, offset: number, limit: number): StatePage {
    r.usedAt = now();
    const end = Math.min(r.list.length, offset + limit);
    const page: StatePage = { ok: true, at: r.at, seq: r.seq, entities: r.list.slice(offset, end) };
    if (end < r.list.length) page.next = encodeCursor({ epoch: r.epoch, at: r.at, seq: r.seq, offset: end });
    return page;
  }

  return {
    async page(at, cursorText, limitAsked) {
      const limit = Math.max(1, Math.min(opts.pageSize(), limitAsked));
      if (log.firstSeq() !== 1 && log.headSeq > 0) return { ok: false, status: 409, error: NOT_FROM_START };
      let cursor: Cursor | null = null;
      if (cursorText !== null) {
        cursor = decodeCursor(cursorText);
        if (!cursor) return { ok: false, status: 400, error: 'cursor: not a cursor of this API (take `next` of the previous page)' };
        if (cursor.at !== at) return { ok: false, status: 400, error: 'cursor: it belongs to another `at`' };
        if (cursor.epoch !== log.epoch) return { ok: false, status: 409, error: 'cursor: the hub started a new epoch; start again without a cursor' };
      }
      const fresh = (r: Rebuilt | null): r is Rebuilt => !!r && r.epoch === log.epoch && r.at === at && (cursor ? r.seq === cursor.seq : at < r.builtAt - 1000);
      let r = fresh(kept) ? kept : null;
      if (!r) {
        const p = rebuildQueued(at, cursor ? cursor.seq : null);
        if (!p) return { ok: false, status: 503, error: 'busy: other replay states are being rebuilt; retry in a few seconds' };
        r = await p;
        if (!r)
          return { ok: false, status: 409, error: cursor ? 'cursor: this state cannot be rebuilt any more; start again without a cursor' : NOT_FROM_START };
      }
      return slice(r, cursor?.offset ?? 0, limit);
    },
    clear() {
      kept = null;
      if (keepTimer) clearTimeout(keepTimer);
    },
  };
}
