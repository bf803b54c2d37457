/**
 * The heating season as configuration. In law the season starts and ends by local decision
 * when the mean daily air temperature has stayed below (above) +8 °C for five days (Правила
 * предоставления коммунальных услуг, ПП РФ № 354, п. 5), so real dates move every year and
 * may differ between municipalities (each okrug issues its own decree). The default
 * 1 October – 30 April is a fixed approximation for Chuvashia; a curator enters the actual
 * dates of each year's decrees in `years` (for the republic, or per municipality), and those
 * win over the default for the season they cover.
 */
import { z } from 'zod';
import { dayFromIso, mskDay, monthDayOfDay, yearOfDay } from '../calendar/msk-time';
import { normalizeOktmo } from '../domain/municipality';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'дата ГГГГ-ММ-ДД / date YYYY-MM-DD');

/** The actual season of one year, from a decree. */
export const HeatingSeasonYearSchema = z
  .strictObject({
    /** First day with heating, Moscow date `YYYY-MM-DD` (in the second half of a year). */
    start: isoDate,
    /** Last day with heating (inclusive); absent while the season goes on. */
    end: isoDate.optional(),
    /** OKTMO code of the municipality the decree is for; absent: every municipality without its own entry. */
    municipality: z
      .string()
      .regex(/^97\d{6}$/)
      .optional(),
    /** The decree (act, date, number). */
    source: z.string().min(1).max(300),
  })
  .refine((y) => y.end === undefined || y.end >= y.start, { message: 'конец раньше начала / end before start' })
  .refine((y) => Number(y.start.slice(5, 7)) >= 7, { message: 'сезон начинается во втором полугодии / a season starts in July–December' });

/** First and last day of the default season (inclusive), Moscow dates; may wrap over New Year. */
export const HeatingSeasonSchema = z.strictObject({
  startMonth: z.number().int().min(1).max(12),
  startDay: z.number().int().min(1).max(31),
  endMonth: z.number().int().min(1).max(12),
  endDay: z.number().int().min(1).max(31),
  /** Actual seasons by decree; a season not listed takes the default dates. */
  years: z.array(HeatingSeasonYearSchema).max(500).optional(),
});

export type HeatingSeasonYear = z.output<typeof HeatingSeasonYearSchema>;
export type HeatingSeason = z.output<typeof HeatingSeasonSchema>;

/** 1 October – 30 April, no decree dates. */
export const DEFAULT_HEATING_SEASON: HeatingSeason = { startMonth: 10, startDay: 1, endMonth: 4, endDay: 30 };

/** The year whose autumn starts the season a Moscow day belongs to (1 July splits the years). */
function seasonYear(day: number): number {
  const y = yearOfDay(day);
  return monthDayOfDay(day).month >= 7 ? y : y - 1;
}

/** The decree entry for the season of `day` in `municipality`: its own first, then the republic's. */
function decreeFor(season: HeatingSeason, day: number, municipality?: string): HeatingSeasonYear | undefined {
  if (!season.years?.length) return undefined;
  const sy = seasonYear(day);
  const oktmo = municipality === undefined ? undefined : (normalizeOktmo(municipality) ?? municipality);
  let common: HeatingSeasonYear | undefined;
  for (const y of season.years) {
    if (seasonYear(dayFromIso(y.start)) !== sy) continue;
    if (y.municipality === undefined) common ??= y;
    else if (oktmo !== undefined && (normalizeOktmo(y.municipality) ?? y.municipality) === oktmo) return y;
  }
  return common;
}

/**
 * True when the Moscow date of `time` (Unix ms) lies in the heating season of `municipality`
 * (absent: the republic's): the decree dates of that season when configured, else the default.
 */
export function inHeatingSeason(time: number, season: HeatingSeason = DEFAULT_HEATING_SEASON, municipality?: string): boolean {
  const day = mskDay(time);
  const decree = decreeFor(season, day, municipality);
  if (decree) return day >= dayFromIso(decree.start) && (decree.end === undefined || day <= dayFromIso(decree.end));
  const { month, dayOfMonth } = monthDayOfDay(day);
  const md = month * 100 + dayOfMonth;
  const start = season.startMonth * 100 + season.startDay;
  const end = season.endMonth * 100 + season.endDay;
  return start <= end ? md >= start && md <= end : md >= start || md <= end;
}
