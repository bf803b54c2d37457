/**
 * Replay of the hub's log (issue 7): the state as it was at a moment, and the changes that
 * follow it, so a wall can rewind or play a period at ×N. Served over HTTP to any reading
 * role, in that role's projection:
 * - `GET /api/v1/replay/state?at=T` → `{at, seq, entities}`: the state after every change with
 *   serverTime ≤ T. 409 when the log no longer starts at seq 1 (compacted, or a renewed epoch),
 *   since an older state cannot be rebuilt then.
 * - `GET /api/v1/replay/changes?after=SEQ&to=T` → `{deltas}`: up to 2,000 changes after SEQ
 *   with serverTime ≤ T.
 */
import { entityKey, type Entity } from '../app/domain/entity';
import type { Delta } from '../app/protocol/feed';
import type { FeedLog } from './feed-log';

const PAGE = 2000;

export type StateAt = { ok: true; at: number; seq: number; entities: Entity[] } | { ok: false; error: string };

/** Rebuilds the state at `at` from the start of the log. */
export function stateAt(log: FeedLog, at: number): StateAt {
  if (log.firstSeq() !== 1 && log.headSeq > 0) {
    return { ok: false, error: 'журнал хаба хранит изменения не с начала (сжат или начат заново): восстановить состояние на этот момент нельзя / the log no longer starts at seq 1' };
  }
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

/** The next page of changes after `afterSeq` up to time `to`. */
export function changesUntil(log: FeedLog, afterSeq: number, to: number): Delta[] {
  return log.deltasUntil(afterSeq, to, PAGE);
}
