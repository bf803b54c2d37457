/** `DD.MM.YYYY HH:MM[:SS]` in Moscow time (the region's time on every screen). */
import { MINUTE_MS } from '../../app/calendar/msk-time';
import { formatMskDate } from '../../app/meetings/periods';
import { formatMskClock } from '../../app/ui/format-ru';

export function formatMskDateTime(time: number, seconds = false): string {
  const s = seconds ? `:${String(Math.floor((((time % MINUTE_MS) + MINUTE_MS) % MINUTE_MS) / 1000)).padStart(2, '0')}` : '';
  return `${formatMskDate(time)} ${formatMskClock(time)}${s}`;
}
