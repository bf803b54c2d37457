import { useEffect, useState } from 'react';
import type { ControlState } from '../../app/protocol/control';
import { formatMskDateTime } from './format-time';
import { replayedTime } from '../../app/replay/replay-client';
import './replay.css';

export interface ReplayBannerProps {
  /** The hub's control state (only `replay` and `frozenAt` are read); null shows nothing. */
  control: Pick<ControlState, 'replay' | 'frozenAt'> | null;
  /** Hub clock minus page clock, ms. */
  serverOffsetMs: number;
  /** A problem loading the replayed data, in Russian (shown under the time). */
  error?: string | null;
}

/**
 * The unmistakable sign that a screen does not show live data (issue 7): «ПОВТОР» with the
 * replayed time and speed, or «ДАННЫЕ НА …» for a moment frozen by the curator. Renders
 * nothing while the data are live. Ticks by itself once a second.
 */
export function ReplayBanner({ control, serverOffsetMs, error }: ReplayBannerProps) {
  const replay = control?.replay ?? null;
  const frozenAt = control?.frozenAt ?? null;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!replay) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [replay]);

  if (replay) {
    const at = replayedTime(replay, now + serverOffsetMs);
    return (
      <div className="replay-banner replay-banner-replay" role="status" data-replay-banner="replay" data-replayed-at={Math.floor(at)}>
        <span className="replay-banner-word">ПОВТОР</span>
        <span className="replay-banner-time">{formatMskDateTime(at, true)}</span>
        <span className="replay-banner-speed">{replay.speed === 0 ? 'пауза' : `×${replay.speed}`}</span>
        {error ? <span className="replay-banner-error">{error}</span> : null}
      </div>
    );
  }
  if (frozenAt !== null) {
    return (
      <div className="replay-banner replay-banner-frozen" role="status" data-replay-banner="frozen" data-replayed-at={frozenAt}>
        <span className="replay-banner-word">ДАННЫЕ НА</span>
        <span className="replay-banner-time">{formatMskDateTime(frozenAt)}</span>
        <span className="replay-banner-speed">зафиксированы</span>
        {error ? <span className="replay-banner-error">{error}</span> : null}
      </div>
    );
  }
  return null;
}
