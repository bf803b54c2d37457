/** `<input type=datetime-local>` values read and written as Moscow time (the region's time). */
import { MSK_OFFSET_MS } from '../../app/calendar/msk-time';

/** `YYYY-MM-DDTHH:MM:SS` of an instant, Moscow wall clock. */
export function toMskInput(time: number): string {
  return new Date(Math.floor(time / 1000) * 1000 + MSK_OFFSET_MS).toISOString().slice(0, 19);
}

/** The instant of a Moscow wall-clock input value (seconds optional); null when malformed. */
export function fromMskInput(value: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const t = Date.parse(`${value.length === 16 ? `${value}:00` : value}Z`);
  return Number.isFinite(t) ? t - MSK_OFFSET_MS : null;
}
