/**
 * The production calendar's public face: day classification (holidays, transfers, short
 * days for 2025–2027, law-only fallback elsewhere) and working-time arithmetic in Moscow
 * time. Import from here; the files behind it each hold one concern:
 * `ru-calendar-data.ts` (the decrees as data), `calendar-days.ts` (day kinds),
 * `working-time.ts` (hours and days), `msk-time.ts` (the fixed UTC+3 offset).
 */
export { createProductionCalendar, dayKindAt, isWorkingDay, lawOnlyYear, RU_PRODUCTION_CALENDAR } from './calendar-days';
export type { DayKind, ProductionCalendar } from './calendar-days';
export { RU_PRODUCTION_YEARS } from './ru-calendar-data';
export type { ProductionYear } from './ru-calendar-data';
export { addWorkingDays, addWorkingHours, DEFAULT_WORKING_TIME, isWorkingTime, workingIntervals, workingMsBetween } from './working-time';
export type { WorkingTimeConfig } from './working-time';
export { DAY_MS, HOUR_MS, MINUTE_MS, MSK_OFFSET_MS, mskDay, mskDayStart, mskTime } from './msk-time';
