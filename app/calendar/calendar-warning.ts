/**
 * The wall's warning that deadlines rest on an unconfirmed production calendar: a year whose
 * transfers of days off are not yet in a signed Government decree (ТК РФ art. 112 part 5) is
 * computed by the law alone, and a draft may move days (the published 2027 draft moves days in
 * January and November). Shown while any deadline counted from now can reach such a year: the
 * longest term of the wall is 59-ФЗ's 30 + 30 days.
 */
import { DAY_MS, mskDay, yearOfDay } from './msk-time';
import { RU_PRODUCTION_CALENDAR, type ProductionCalendar } from './calendar-days';

/** How far ahead a deadline counted from now can reach (59-ФЗ: 30 days + one extension of 30). */
export const CALENDAR_HORIZON_MS = 60 * DAY_MS;

/** «производственный календарь на 2027 не подтверждён», or null when every year in reach is confirmed. */
export function calendarWarning(now: number, calendar: Pick<ProductionCalendar, 'isConfirmedYear'> = RU_PRODUCTION_CALENDAR): string | null {
  const first = yearOfDay(mskDay(now));
  const last = yearOfDay(mskDay(now + CALENDAR_HORIZON_MS));
  const unconfirmed: number[] = [];
  for (let y = first; y <= last; y++) if (!calendar.isConfirmedYear(y)) unconfirmed.push(y);
  if (unconfirmed.length === 0) return null;
  return `производственный календарь на ${unconfirmed.join(', ')} не подтверждён`;
}
