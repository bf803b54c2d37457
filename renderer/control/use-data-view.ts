/**
 * What a control page shows figures of: the live feed, the moment the curator froze
 * (`control:state.frozenAt`), or the replay (`control:state.replay`), in that order of
 * precedence from the end: a replay outranks a freeze, which outranks live data. Frozen and
 * replayed data come from the hub's log (`renderer/replay/`), so a page opened after the
 * freeze shows the same figures as one that was open before it.
 */
import type { Entity } from '../../app/domain/entity';
import { useReplay } from '../replay/use-replay';
import { dataSpec, type ReplayView } from '../../app/replay/replay-client';
import type { ControlClient } from './control-client';
import { hubNow, useHubNow } from '../state/clock-store';
import { useControl } from './control-store';

export type DataMode = 'live' | 'frozen' | 'replay';

export interface DataView {
  mode: DataMode;
  entities: ReadonlyMap<string, Entity>;
  /** The moment the entities show: hub now, the frozen moment, or the replayed time. */
  now: number;
  /** Changes when the entities change (use with `now` as a memo key). */
  rev: string;
  /** The replay or frozen view behind it; null when live. */
  replay: ReplayView | null;
}

const EMPTY = new Map<string, Entity>();

export { dataSpec };

/**
 * The data view of a page. `tickMs` sets how often live figures are re-judged against the
 * clock (SLA states move with time even when no item changes).
 */
export function useDataView(client: ControlClient | null, hub: string, token: string, tickMs = 5000): DataView {
  const control = useControl((s) => s.control);
  const dataRev = useControl((s) => s.dataRev);
  // Frozen and replayed data come from the node in use (issue 16: the page's hub may be gone).
  const current = useControl((s) => s.hub) ?? hub;
  const spec = dataSpec(control);
  const replay = useReplay(spec, { hub: current, token, hubNow });
  const now = useHubNow(tickMs);
  if (replay) {
    return { mode: control?.replay ? 'replay' : 'frozen', entities: replay.entities, now: replay.at, rev: `r${replay.rev}:${replay.spec.from}`, replay };
  }
  return { mode: 'live', entities: client?.entities ?? EMPTY, now, rev: `l${dataRev}`, replay: null };
}
