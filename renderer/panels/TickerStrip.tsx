import { CHANNEL_LABELS } from '../../app/domain/entity';
import { placeName } from '../../app/alarms/alarm-text';
import type { TickerState } from '../../app/panels/ticker';
import { formatMskClock } from '../../app/ui/format-ru';
import { withoutPlace } from '../../app/ui/abbreviate';
import { STATUS_COLORS } from '../../app/ui/palette';
import { useLayoutEffect, useRef } from 'react';
import { fitTickerItems } from './ticker-fit';

/** The newest items of both kinds in one line along the bottom of the wall, newest first. */
export function TickerStrip({ state }: { state: TickerState | null }) {
  const list = useRef<HTMLOListElement>(null);
  // After every render (React keeps a title it did not change as this shortened it) and on resize.
  useLayoutEffect(() => {
    if (list.current) fitTickerItems(list.current);
  });
  useLayoutEffect(() => {
    const ol = list.current;
    if (!ol) return;
    const resize = new ResizeObserver(() => fitTickerItems(ol));
    resize.observe(ol);
    void document.fonts.ready.then(() => fitTickerItems(ol));
    return () => resize.disconnect();
  }, []);
  return (
    <footer className="ticker-strip" data-panel="ticker" aria-label="Новые обращения и аварии">
      <span className="ticker-strip-title">Поступило</span>
      <ol ref={list}>
        {(state?.items ?? []).map((i) => (
          <li key={i.key} className={`ticker-${i.kind}`}>
            <span className="num ticker-time">{formatMskClock(i.at)}</span>{' '}
            {i.kind === 'accident' ? (
              <span style={{ color: STATUS_COLORS.accident_active }} aria-hidden>
                ◆
              </span>
            ) : (
              <span className="ticker-channel">{CHANNEL_LABELS[i.channel]}</span>
            )}{' '}
            <span data-full={withoutPlace(i.title, placeName(i.municipality))}>{withoutPlace(i.title, placeName(i.municipality))}</span>{' '}
            <span className="ticker-place">— {placeName(i.municipality)}</span>
          </li>
        ))}
      </ol>
    </footer>
  );
}
