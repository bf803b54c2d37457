import { CHANNEL_LABELS } from '../../app/domain/entity';
import { placeName } from '../../app/alarms/alarm-text';
import type { TickerState } from '../../app/panels/ticker';
import { formatMskClock } from '../../app/ui/format-ru';
import { withoutPlace } from '../../app/ui/abbreviate';
import { STATUS_COLORS } from '../../app/ui/palette';

/** The newest items of both kinds in one line along the bottom of the wall, newest first. */
export function TickerStrip({ state }: { state: TickerState | null }) {
  return (
    <footer className="ticker-strip" data-panel="ticker" aria-label="Новые обращения и аварии">
      <span className="ticker-strip-title">Поступило</span>
      <ol>
        {(state?.items ?? []).map((i) => (
          <li key={i.key} className={`ticker-${i.kind}`}>
            <span className="num ticker-time">{formatMskClock(i.at)}</span>{' '}
            {i.kind === 'accident' ? (
              <span style={{ color: STATUS_COLORS.accident_active }} aria-hidden>◆</span>
            ) : (
              <span className="ticker-channel">{CHANNEL_LABELS[i.channel]}</span>
            )}{' '}
            <span>{withoutPlace(i.title, placeName(i.municipality))}</span> <span className="ticker-place">— {placeName(i.municipality)}</span>
          </li>
        ))}
      </ol>
    </footer>
  );
}
