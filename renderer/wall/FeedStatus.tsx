import { useEffect } from 'react';
import { feedState, useUi } from '../state/ui-store';
import { calendarWarning } from '../../app/calendar/calendar-warning';
import { useClock } from '../state/clock-store';
import { age as formatAge } from '../panels/format';

const LABEL = { live: 'Онлайн', stale: 'Нет обновлений', offline: 'Нет связи' } as const;
const ICON = { live: '●', stale: '▲', offline: '■' } as const;

/**
 * Feed health: a shape and a word, not colour alone; the age of data when not live. Judged
 * on the page clock (it re-renders with every worker frame, at least once a second), so a
 * fixed hub time (`&now=`) never makes a live feed look stale. `compact`: no age (the scene
 * wall's feed-lost banner gives it). While the screen shows a replay it says «Связь»,
 * never «Онлайн».
 */
export function FeedStatus({ compact = false }: { compact?: boolean }) {
  const feed = useUi((s) => s.feed);
  const dataNow = useClock((s) => s.dataNow);
  // During a replay or a freeze the link is fine but the data are not live: no «Онлайн».
  const replayed = useUi((s) => s.data.mode !== 'live');
  const local = Date.now();
  const state = feedState(feed, local);
  const age = feed.lastMessageAt ? formatAge(local - feed.lastMessageAt) : '';
  // Deadlines on the screen rest on the production calendar: say when a year in reach is not confirmed.
  // The hub's `production-calendar` document once it came (the worker applies it), else the built-in one.
  const confirmed = feed.confirmedYears;
  // On the data's clock (a replay or a fixed `&now=` moves it), not the page's.
  const calendar = calendarWarning(dataNow, confirmed ? { isConfirmedYear: (y) => confirmed.includes(y) } : undefined);
  return (
    <div className={`feed-status feed-${state}`} role="status" title={feed.error ?? ''}>
      <span className="feed-icon" aria-hidden>
        {ICON[state]}
      </span>
      <span>{state === 'live' && replayed ? 'Связь' : LABEL[state]}</span>
      {state !== 'live' && age && !compact && <span className="feed-age">обновлено {age} назад</span>}
      {calendar && (
        <span className="feed-warning" data-calendar-warning>
          ⚠ {calendar}
        </span>
      )}
      {feed.configProblem && (
        <span className="feed-warning" data-config-warning>
          ⚠ {feed.configProblem}
        </span>
      )}
    </div>
  );
}

/** Mirrors the feed state on `<html data-feed-state>` (monitoring, tests); mounted for the page's life. */
export function useFeedStateAttr(): void {
  const state = useUi((s) => feedState(s.feed, Date.now()));
  useEffect(() => {
    document.documentElement.dataset.feedState = state;
  }, [state]);
}
