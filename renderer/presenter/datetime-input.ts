/**
 * The text of the presenter's own date-time field (`DateTimeField`): Moscow `DD.MM.YYYY HH:MM:SS`,
 * 24-hour, whatever the browser's locale (a native `<input type=datetime-local>` would show the
 * OS's format, «12/07/2026, 06:21:53 PM» on an English system).
 */
import { formatMskDateTime, parseMskDateTime } from '../../app/ui/format-ru';

/** `DD.MM.YYYY HH:MM:SS` of an instant, Moscow wall clock. */
export function toMskInput(time: number): string {
  return formatMskDateTime(time, true);
}

/** The instant of a Moscow wall-clock field value (seconds optional); null when malformed. */
export function fromMskInput(value: string): number | null {
  return parseMskDateTime(value);
}
