import { useEffect, useState } from 'react';
import type { DataInfo } from '../worker/frame';
import { formatMskDateTime } from '../replay/format-time';
import { ReplayBanner } from '../replay/ReplayBanner';
import { dataSpec } from '../../app/replay/replay-client';
import { useUi } from '../state/ui-store';

/** A replay still loading after this long says so (a quick one never flickers a note). */
const SLOW_LOAD_MS = 2000;

/** The hub's reason without its English half (`… / the log no longer starts at seq 1`). */
const russian = (error: string) => error.split(' / ')[0]!;

/** Why the screen does not (yet) show the moment the banner names, and what it shows instead. */
export function replayNote(data: DataInfo, slow: boolean): string | null {
  const shown = data.mode === 'live' || data.at === null ? 'на экране данные онлайн' : `на экране данные на ${formatMskDateTime(data.at, true)}`;
  if (data.error) return `${russian(data.error)} — ${shown}`;
  if (data.pending && slow) return `Загрузка данных повтора… — ${shown}`;
  return null;
}

/**
 * «ПОВТОР <time> ×N» or «ДАННЫЕ НА <time>» on a wall screen (issue 7), at wall type size,
 * with the reason when the replayed data could not be loaded. Nothing while live.
 */
export function WallReplayBanner() {
  const control = useUi((s) => s.control);
  const offset = useUi((s) => s.feed.serverOffsetMs);
  const data = useUi((s) => s.data);
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    setSlow(false);
    if (!data.pending) return;
    const t = setTimeout(() => setSlow(true), SLOW_LOAD_MS);
    return () => clearTimeout(t);
  }, [data.pending]);
  if (!dataSpec(control)) return null;
  return (
    <div className="wall-replay">
      <ReplayBanner control={control} serverOffsetMs={offset} error={replayNote(data, slow)} />
    </div>
  );
}
