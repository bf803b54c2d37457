/**
 * Which Moscow calendar days are working days: the production calendar as a lookup built
 * from `ru-calendar-data.ts`, with a law-only fallback for years that have no data.
 */
import { art112Holidays, RU_PRODUCTION_YEARS, type ProductionYear } from './ru-calendar-data';
import { dayFromIso, isoFromDay, isoWeekday, mskDay, yearOfDay } from './msk-time';

/**
 * What kind of day a calendar day is.
 * - `working`: an ordinary working day (including a Saturday made working by a decree);
 * - `short`: a working day one hour shorter (before a holiday, ТК РФ art. 95);
 * - `weekend`: Saturday or Sunday;
 * - `holiday`: a non-working holiday of ТК РФ art. 112;
 * - `day_off`: a weekday made a day off by a transfer.
 */
export type DayKind = 'working' | 'short' | 'weekend' | 'holiday' | 'day_off';

/** A production calendar: classifies day numbers (see `mskDay`). */
export interface ProductionCalendar {
  /** The kind of the Moscow day with this day number. */
  dayKind(day: number): DayKind;
  /** Whether a year's transfers come from a signed decree (false for fallback years). */
  isConfirmedYear(year: number): boolean;
}

/**
 * The law-only calendar of a year without data: Mon–Fri, the art. 112 holidays, the art. 112
 * part 2 carry-over of a non-January holiday that falls on a weekend to the next working day,
 * and art. 95 short days (the working day right before a holiday, including 31 December before
 * New Year). January weekend transfers need a decree and are not guessed. Used for years
 * outside 2025–2027, so a deadline is never wrong by more than the decree's own transfers.
 */
export function lawOnlyYear(year: number): ProductionYear {
  const holidays = art112Holidays(year);
  const holidayDays = new Set(holidays.map(dayFromIso));
  const off = new Set<number>();
  const isFree = (day: number) => isoWeekday(day) >= 6 || holidayDays.has(day) || off.has(day);
  for (const iso of holidays) {
    const day = dayFromIso(iso);
    if (iso.slice(5, 7) === '01' || isoWeekday(day) < 6) continue;
    let to = day + 1;
    while (isFree(to)) to++;
    off.add(to);
  }
  const nextNewYear = dayFromIso(`${year + 1}-01-01`);
  const short = [...holidayDays, nextNewYear].map((h) => h - 1).filter((d) => yearOfDay(d) === year && !isFree(d));
  return {
    year,
    confirmed: false,
    source: 'ТК РФ ст. 112, 95 (без постановления о переносе)',
    holidays,
    extraDaysOff: [...off].sort((a, b) => a - b).map(isoFromDay),
    workingWeekendDays: [],
    shortDays: [...new Set(short)].sort((a, b) => a - b).map(isoFromDay),
  };
}

interface YearIndex {
  readonly confirmed: boolean;
  readonly kinds: ReadonlyMap<number, DayKind>;
}

function indexYear(y: ProductionYear): YearIndex {
  const kinds = new Map<number, DayKind>();
  // Order matters: a holiday on a weekend is reported as a holiday; a short working Saturday
  // as short.
  for (const iso of y.extraDaysOff) kinds.set(dayFromIso(iso), 'day_off');
  for (const iso of y.holidays) kinds.set(dayFromIso(iso), 'holiday');
  for (const iso of y.workingWeekendDays) kinds.set(dayFromIso(iso), 'working');
  for (const iso of y.shortDays) kinds.set(dayFromIso(iso), 'short');
  return { confirmed: y.confirmed, kinds };
}

/**
 * Builds a calendar from year data. Years missing from `years` use `lawOnlyYear`, computed on
 * first use and cached, so any date (e.g. an old appeal from 2023) still gets a sane answer.
 */
export function createProductionCalendar(years: readonly ProductionYear[]): ProductionCalendar {
  const byYear = new Map<number, YearIndex>(years.map((y) => [y.year, indexYear(y)]));
  const yearIndex = (year: number): YearIndex => {
    let idx = byYear.get(year);
    if (!idx) {
      idx = indexYear(lawOnlyYear(year));
      byYear.set(year, idx);
    }
    return idx;
  };
  return {
    dayKind(day) {
      const kind = yearIndex(yearOfDay(day)).kinds.get(day);
      if (kind) return kind;
      return isoWeekday(day) >= 6 ? 'weekend' : 'working';
    },
    isConfirmedYear: (year) => yearIndex(year).confirmed,
  };
}

/** The built-in Russian calendar: decrees for 2025 and 2026, law-only 2027 (see the data file). */
export const RU_PRODUCTION_CALENDAR: ProductionCalendar = createProductionCalendar(RU_PRODUCTION_YEARS);

/** The kind of the Moscow day that contains the instant `time` (Unix ms). */
export function dayKindAt(time: number, calendar: ProductionCalendar = RU_PRODUCTION_CALENDAR): DayKind {
  return calendar.dayKind(mskDay(time));
}

/**
 * True when the Moscow calendar day containing `time` (Unix ms; any instant of that day) is a
 * working day, shortened or not.
 */
export function isWorkingDay(time: number, calendar: ProductionCalendar = RU_PRODUCTION_CALENDAR): boolean {
  const kind = dayKindAt(time, calendar);
  return kind === 'working' || kind === 'short';
}
