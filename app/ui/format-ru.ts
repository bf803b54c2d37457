/**
 * Russian number, time and duration formats for wall text. Hand-written rather than `Intl`, so
 * every wall PC, the hub and the tests print exactly the same string whatever ICU data the
 * runtime carries. Times are Moscow wall-clock (fixed UTC+3, see `calendar/msk-time.ts`).
 */
import { DAY_MS, HOUR_MS, MINUTE_MS, MSK_OFFSET_MS, mskDay } from '../calendar/msk-time';

/** No-break space: digit groups and «5 ч» never break across lines. */
export const NBSP = '\u00a0';

/**
 * An integer count with digit groups of three, as Russian typography writes them.
 * @example formatCount(26600) → '26 600' (with a no-break space); formatCount(950) → '950'
 */
export function formatCount(n: number): string {
  const sign = n < 0 ? '-' : '';
  const digits = String(Math.round(Math.abs(n)));
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
}

/**
 * The Russian plural form for `n`: `one` (1, 21, 101), `few` (2–4, 22–24) or `many` (0, 5–20, 25…).
 * @example pluralRu(3, 'дом', 'дома', 'домов') → 'дома'
 */
export function pluralRu(n: number, one: string, few: string, many: string): string {
  const abs = Math.abs(Math.trunc(n));
  const d10 = abs % 10;
  const d100 = abs % 100;
  if (d10 === 1 && d100 !== 11) return one;
  if (d10 >= 2 && d10 <= 4 && (d100 < 12 || d100 > 14)) return few;
  return many;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Moscow wall-clock `HH:MM` of an instant (Unix ms). */
export function formatMskClock(time: number): string {
  const ms = (((time + MSK_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS;
  return `${pad2(Math.floor(ms / HOUR_MS))}:${pad2(Math.floor((ms % HOUR_MS) / MINUTE_MS))}`;
}

/**
 * Moscow `HH:MM` when `time` falls on the same Moscow day as `now`, else `DD.MM HH:MM`: short
 * for today, unambiguous for anything else.
 */
export function formatMskWhen(time: number, now: number): string {
  const clock = formatMskClock(time);
  if (mskDay(time) === mskDay(now)) return clock;
  const d = new Date(mskDay(time) * DAY_MS);
  return `${pad2(d.getUTCDate())}.${pad2(d.getUTCMonth() + 1)} ${clock}`;
}

/** Moscow `DD.MM.YYYY` of an instant (Unix ms). */
export function formatMskDate(time: number): string {
  const d = new Date(mskDay(time) * DAY_MS);
  return `${pad2(d.getUTCDate())}.${pad2(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`;
}

/**
 * Moscow `DD.MM.YYYY HH:MM` (24-hour; `:SS` too with `seconds`) of an instant: the one
 * date-time format of every screen, whatever the OS or browser locale.
 * @example formatMskDateTime(mskTime(2026, 12, 7, 18, 21) + 53_000, true) → '07.12.2026 18:21:53'
 */
export function formatMskDateTime(time: number, seconds = false): string {
  const s = seconds ? `:${pad2(Math.floor((((time % MINUTE_MS) + MINUTE_MS) % MINUTE_MS) / 1000))}` : '';
  return `${formatMskDate(time)} ${formatMskClock(time)}${s}`;
}

/**
 * The instant of a Moscow date-time typed as `DD.MM.YYYY HH:MM[:SS]` (one or two digits for day,
 * month and hour; a space, `T` or comma between date and time); null when malformed or no such
 * date (31.02 does not roll over into March).
 */
export function parseMskDateTime(text: string): number | null {
  const m = /^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})[\s,T]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*$/.exec(text);
  if (!m) return null;
  const [d, mo, y, h, mi, sec] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || sec > 59) return null;
  const wall = Date.UTC(y, mo - 1, d, h, mi, sec);
  if (new Date(wall).getUTCDate() !== d) return null;
  return wall - MSK_OFFSET_MS;
}

/**
 * A duration in the two largest units, rounded down: «2 д 4 ч», «5 ч 12 мин», «3 мин», «40 с».
 * Negative durations are formatted by their magnitude (the caller says «назад» or «просрочено»).
 */
export function formatDurationRu(ms: number): string {
  const abs = Math.abs(ms);
  const d = Math.floor(abs / DAY_MS);
  const h = Math.floor((abs % DAY_MS) / HOUR_MS);
  const m = Math.floor((abs % HOUR_MS) / MINUTE_MS);
  const s = Math.floor((abs % MINUTE_MS) / 1000);
  if (d > 0) return h > 0 ? `${d}${NBSP}д ${h}${NBSP}ч` : `${d}${NBSP}д`;
  if (h > 0) return m > 0 ? `${h}${NBSP}ч ${m}${NBSP}мин` : `${h}${NBSP}ч`;
  if (m > 0) return `${m}${NBSP}мин`;
  return `${s}${NBSP}с`;
}
