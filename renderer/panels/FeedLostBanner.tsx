import { formatMskClock } from '../../app/ui/format-ru';
import { useClock } from '../state/clock-store';
import { feedState, useUi } from '../state/ui-store';
import { age } from './format';

/**
 * The feed-lost banner: when the hub goes quiet the wall keeps its last state on screen
 * and says so, with the state's age: when the hub last spoke («данные на 14:03, получены
 * 25 с назад»). Shape + words, not colour.
 */
export function FeedLostBanner() {
  const feed = useUi((s) => s.feed);
  useClock((s) => s.now);
  const local = Date.now();
  const state = feedState(feed, local);
  if (state === 'live') return null;
  const title = state === 'offline' ? 'Нет данных от хаба' : feed.connection === 'connected' ? 'Нет обновлений от хаба' : 'Нет связи с хабом';
  return (
    <div className="feed-lost" role="alert" data-feed-lost={state}>
      <span className="feed-lost-icon" aria-hidden>
        ▲
      </span>
      <span className="feed-lost-title">{title}</span>
      {feed.lastMessageAt > 0 && (
        <span className="feed-lost-age">
          на экране данные на {formatMskClock(feed.lastMessageAt + feed.serverOffsetMs)}, получены {age(local - feed.lastMessageAt)} назад
        </span>
      )}
    </div>
  );
}
