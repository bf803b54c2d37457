/**
 * The heating season as configuration. In law the season starts and ends by local decision
 * when the mean daily air temperature has stayed below (above) +8 °C for five days (Правила
 * предоставления коммунальных услуг, ПП РФ № 354, п. 5), so real dates move every year; the
 * default 1 October – 30 April is a fixed approximation for Chuvashia that a curator may change
 * to the dates of the current municipal decree.
 */
import { mskDay, monthDayOfDay } from '../calendar/msk-time';

/** First and last day of the season (inclusive), Moscow dates; may wrap over New Year. */
export interface HeatingSeason {
  readonly startMonth: number;
  readonly startDay: number;
  readonly endMonth: number;
  readonly endDay: number;
}

/** 1 October – 30 April. */
export const DEFAULT_HEATING_SEASON: HeatingSeason = { startMonth: 10, startDay: 1, endMonth: 4, endDay: 30 };

/** True when the Moscow date of `time` (Unix ms) lies in the heating season. */
export function inHeatingSeason(time: number, season: HeatingSeason = DEFAULT_HEATING_SEASON): boolean {
  const { month, dayOfMonth } = monthDayOfDay(mskDay(time));
  const md = month * 100 + dayOfMonth;
  const start = season.startMonth * 100 + season.startDay;
  const end = season.endMonth * 100 + season.endDay;
  return start <= end ? md >= start && md <= end : md >= start || md <= end;
}
