import { formatMskClock } from '../../app/ui/format-ru';
import { useClock } from '../state/clock-store';

const WEEKDAYS = ['вс', 'пн', 'вт', 'ср', 'чт', 'пт', 'сб'];
const MONTHS = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];

/** «чт, 20 ноября» of an instant, Moscow time. */
export function mskDate(t: number): string {
  const d = new Date(t + 3 * 3_600_000);
  return `${WEEKDAYS[d.getUTCDay()]}, ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
}

/** The hub clock, Moscow time: every screen shows the same minute. */
export function Clock() {
  const now = useClock((s) => s.now);
  return (
    <div className="clock" data-panel="clock">
      <div className="clock-time">{formatMskClock(now)}</div>
      <div className="clock-date">{mskDate(now)}</div>
    </div>
  );
}
