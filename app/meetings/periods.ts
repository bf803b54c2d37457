/**
 * Periods a meeting talks about, in Moscow calendar terms: today, this week (from Monday),
 * this month, this heating season, or everything. Pure of the clock: `now` is an argument.
 */
import { DAY_MS, isoWeekday, monthDayOfDay, mskDay, mskDayStart, mskTime, yearOfDay } from '../calendar/msk-time';
import { DEFAULT_HEATING_SEASON, type HeatingSeason } from '../accidents/heating-season';

/** Period kinds a script step may name. */
export const PERIOD_KINDS = ['today', 'week', 'month', 'heating-season', 'all'] as const;
/** A period kind. */
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** A span of time [from, to), Unix ms, with its Russian label. */
export interface Period {
  readonly from: number;
  readonly to: number;
  readonly label: string;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** `DD.MM.YYYY` (Moscow date) of an instant. */
export function formatMskDate(time: number): string {
  const day = mskDay(time);
  const { month, dayOfMonth } = monthDayOfDay(day);
  return `${pad2(dayOfMonth)}.${pad2(month)}.${yearOfDay(day)}`;
}

/** Moscow midnight that starts the ISO week (Monday) containing `time`. */
export function weekStart(time: number): number {
  const day = mskDay(time);
  return mskDayStart(day - (isoWeekday(day) - 1));
}

/**
 * The heating season that contains `now`, or the last one before it (in summer): its start
 * and its end (the Moscow midnight after its last day).
 */
export function heatingSeasonAt(now: number, season: HeatingSeason = DEFAULT_HEATING_SEASON): { start: number; end: number } {
  const day = mskDay(now);
  const year = yearOfDay(day);
  const { month, dayOfMonth } = monthDayOfDay(day);
  const wraps = season.startMonth * 100 + season.startDay > season.endMonth * 100 + season.endDay;
  const startIn = (y: number) => mskTime(y, season.startMonth, season.startDay);
  const endAfter = (startYear: number) => mskTime(wraps ? startYear + 1 : startYear, season.endMonth, season.endDay) + DAY_MS;
  // The latest season start not after today.
  const md = month * 100 + dayOfMonth;
  const startYear = md >= season.startMonth * 100 + season.startDay ? year : year - 1;
  return { start: startIn(startYear), end: endAfter(startYear) };
}

/** Russian label of a heating season by its start, e.g. «отопительный сезон 2025/26». */
export function seasonLabel(start: number): string {
  const y = yearOfDay(mskDay(start));
  return `отопительный сезон ${y}/${String((y + 1) % 100).padStart(2, '0')}`;
}

/** The period of a kind at `now` (its `to` is `now`, or the season's end when it is over). */
export function periodAt(kind: PeriodKind, now: number, season?: HeatingSeason): Period {
  switch (kind) {
    case 'today':
      return { from: mskDayStart(mskDay(now)), to: now, label: `сегодня, ${formatMskDate(now)}` };
    case 'week': {
      const from = weekStart(now);
      return { from, to: now, label: `неделя с ${formatMskDate(from)}` };
    }
    case 'month': {
      const day = mskDay(now);
      const from = mskTime(yearOfDay(day), monthDayOfDay(day).month, 1);
      return { from, to: now, label: `месяц с ${formatMskDate(from)}` };
    }
    case 'heating-season': {
      const s = heatingSeasonAt(now, season);
      return { from: s.start, to: Math.min(now, s.end), label: seasonLabel(s.start) };
    }
    case 'all':
      return { from: 0, to: now, label: 'за всё время' };
  }
}
