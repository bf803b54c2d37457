/**
 * Wall text of the panels: counts, live countdowns and ages, all from `app/ui/format-ru.ts`
 * (hand-written, so every screen prints the same string whatever its ICU data).
 */
import { HOUR_MS, MINUTE_MS } from '../../app/calendar/msk-time';
import { formatCount, formatDurationRu, NBSP } from '../../app/ui/format-ru';

/** A count with digit groups, or a dash when there is no figure yet. */
export function count(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : formatCount(n);
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * A live countdown: `h:mm:ss` under a day, else «2 д 4 ч». The seconds
 * move on the hub clock, so every screen shows the same figure.
 */
export function countdown(ms: number): string {
  const abs = Math.abs(ms);
  if (abs >= 24 * HOUR_MS) return formatDurationRu(abs);
  const h = Math.floor(abs / HOUR_MS);
  const m = Math.floor((abs % HOUR_MS) / MINUTE_MS);
  const s = Math.floor((abs % MINUTE_MS) / 1000);
  return `${h}:${pad2(m)}:${pad2(s)}`;
}

/** «обновлено 12 с назад» style age: «12 с», «5 мин», «2 ч 10 мин». */
export function age(ms: number): string {
  return formatDurationRu(Math.max(0, ms));
}

/** A score 0–100 as the table prints it: «87», «86,5». */
export function score(x: number | undefined): string {
  if (x === undefined || !Number.isFinite(x)) return '—';
  const r = Math.round(x * 10) / 10;
  return String(r).replace('.', ',');
}

export { NBSP };
