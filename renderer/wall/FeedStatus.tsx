import { useEffect } from 'react';
import { feedState, useUi } from '../state/ui-store';
import { formatAge } from './format';

const LABEL = { live: 'Онлайн', stale: 'Нет обновлений', offline: 'Нет связи' } as const;
const ICON = { live: '●', stale: '▲', offline: '■' } as const;

/** Feed health: a shape and a word, not colour alone; the age of data when not live. */
export function FeedStatus({ now }: { now: number }) {
  const feed = useUi((s) => s.feed);
  const state = feedState(feed, now - feed.serverOffsetMs);
  useEffect(() => {
    document.documentElement.dataset.feedState = state;
  }, [state]);
  const age = feed.lastMessageAt ? formatAge(now - feed.serverOffsetMs - feed.lastMessageAt) : '';
  return (
    <div className={`feed-status feed-${state}`} role="status" title={feed.error ?? ''}>
      <span className="feed-icon" aria-hidden>{ICON[state]}</span>
      <span>{LABEL[state]}</span>
      {state !== 'live' && age && <span className="feed-age">обновлено {age} назад</span>}
    </div>
  );
}
