import { formatMskClock } from '../../app/ui/format-ru';
import { useClock } from '../state/clock-store';
import { feedState, useUi } from '../state/ui-store';
import { age } from './format';

/**
 * The feed-lost banner: when the hub goes quiet the wall keeps its last state on screen
 * and says so, with the state's age («данные на 14:03, 25 с назад»). Shape + words, not colour.
 */
export function FeedLostBanner() {
  const feed = useUi((s) => s.feed);
  const panelsAt = useUi((s) => s.panels?.now ?? null);
  const now = useClock((s) => s.now);
  const state = feedState(feed, Date.now());
  if (state === 'live') return null;
  const title = state === 'offline' ? 'Нет данных от хаба' : feed.connection === 'connected' ? 'Нет обновлений от хаба' : 'Нет связи с хабом';
  return (
    <div className="feed-lost" role="alert" data-feed-lost={state}>
      <span className="feed-lost-icon" aria-hidden>▲</span>
      <span className="feed-lost-title">{title}</span>
      {panelsAt !== null && (
        <span className="feed-lost-age">
          на экране данные на {formatMskClock(panelsAt)}, {age(now - panelsAt)} назад
        </span>
      )}
    </div>
  );
}
