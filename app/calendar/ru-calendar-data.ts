/**
 * The Russian production calendar (производственный календарь) for a five-day week, as data.
 *
 * Sources:
 * - Non-working holidays: Labour Code (ТК РФ) art. 112 part 1 — 1–6 and 8 January (New Year
 *   holidays), 7 January, 23 February, 8 March, 1 May, 9 May, 12 June, 4 November.
 * - A weekend day that coincides with a holiday moves to the next working day (art. 112
 *   part 2), except the weekends that coincide with the January holidays: the Government
 *   moves those two days by its yearly decree (art. 112 part 5), which may move other days too.
 * - Pre-holiday working days are one hour shorter (ТК РФ art. 95 part 1).
 *
 * Each year lists only what differs from a plain Mon–Fri week. Dates are Moscow calendar
 * dates. To add a year, copy the decree's transfers here; years not listed fall back to the
 * rule in `calendar-days.ts` (`lawOnlyYear`).
 */

/** One year of the production calendar. */
export interface ProductionYear {
  readonly year: number;
  /** True when the transfers come from a signed Government decree; false for law-only years. */
  readonly confirmed: boolean;
  /** The decree (or the law) the transfers come from, cited for auditors. */
  readonly source: string;
  /** Non-working holidays (ТК РФ art. 112), `YYYY-MM-DD`; may fall on weekends. */
  readonly holidays: readonly string[];
  /** Weekdays made days off: decree transfers and art. 112 part 2 carry-overs. */
  readonly extraDaysOff: readonly string[];
  /** Saturdays or Sundays made working days by the decree. */
  readonly workingWeekendDays: readonly string[];
  /** Pre-holiday working days shortened by one hour (ТК РФ art. 95). */
  readonly shortDays: readonly string[];
}

/** The art. 112 holidays of a year as ISO dates (shared by every year, data or fallback). */
export function art112Holidays(year: number): string[] {
  const d = (m: number, day: number) => `${year}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return [1, 2, 3, 4, 5, 6, 7, 8].map((day) => d(1, day)).concat([d(2, 23), d(3, 8), d(5, 1), d(5, 9), d(6, 12), d(11, 4)]);
}

/**
 * 2025: Government decree No. 1335 of 04.10.2024 «О переносе выходных дней в 2025 году».
 * Transfers: Sat 4 Jan → Fri 2 May; Sun 5 Jan → Wed 31 Dec; Sun 23 Feb → Thu 8 May;
 * Sat 8 Mar → Fri 13 Jun; Sat 1 Nov → Mon 3 Nov (so Sat 1 Nov is a working day).
 * Resulting rest periods: 1–8 Jan, 22–23 Feb, 8–9 Mar, 1–4 May, 8–11 May, 12–15 Jun,
 * 2–4 Nov, 31 Dec. Short days: 7 Mar, 30 Apr, 11 Jun, 1 Nov. 247 working days.
 */
const Y2025: ProductionYear = {
  year: 2025,
  confirmed: true,
  source: 'Постановление Правительства РФ от 04.10.2024 № 1335',
  holidays: art112Holidays(2025),
  extraDaysOff: ['2025-05-02', '2025-05-08', '2025-06-13', '2025-11-03', '2025-12-31'],
  workingWeekendDays: ['2025-11-01'],
  shortDays: ['2025-03-07', '2025-04-30', '2025-06-11', '2025-11-01'],
};

/**
 * 2026: Government decree No. 1466 of 24.09.2025 «О переносе выходных дней в 2026 году».
 * Transfers: Sat 3 Jan → Fri 9 Jan; Sun 4 Jan → Thu 31 Dec. By art. 112 part 2 (no decree
 * needed): Sun 8 Mar → Mon 9 Mar; Sat 9 May → Mon 11 May. Rest periods: 31 Dec 2025 –
 * 11 Jan, 21–23 Feb, 7–9 Mar, 1–3 May, 9–11 May, 12–14 Jun, 4 Nov, 31 Dec. No working
 * Saturdays. Short days: 30 Apr, 8 May, 11 Jun, 3 Nov.
 */
const Y2026: ProductionYear = {
  year: 2026,
  confirmed: true,
  source: 'Постановление Правительства РФ от 24.09.2025 № 1466',
  holidays: art112Holidays(2026),
  extraDaysOff: ['2026-01-09', '2026-03-09', '2026-05-11', '2026-12-31'],
  workingWeekendDays: [],
  shortDays: ['2026-04-30', '2026-05-08', '2026-06-11', '2026-11-03'],
};

/**
 * 2027: UNCONFIRMED — no signed decree «О переносе выходных дней в 2027 году» was found
 * (checked November 2026). This is the law-only calendar: art. 112 holidays plus the
 * automatic art. 112 part 2 carry-overs (Sat 1 May → Mon 3 May, Sun 9 May → Mon 10 May,
 * Sat 12 Jun → Mon 14 Jun) and short days derived by art. 95 (the working day right before a
 * holiday). The two January weekend days (Sat 2, Sun 3 Jan) that the decree will move
 * somewhere are NOT applied. A deputy's December 2025 statement mentioned a draft with rest on
 * 4–7 Nov and a working Saturday 13 Nov — also not applied. Replace this entry with the
 * decree's transfers once it is published, and set `confirmed: true`.
 */
const Y2027: ProductionYear = {
  year: 2027,
  confirmed: false,
  source: 'ТК РФ ст. 112, 95 (постановление о переносе на 2027 год не подтверждено)',
  holidays: art112Holidays(2027),
  extraDaysOff: ['2027-05-03', '2027-05-10', '2027-06-14'],
  workingWeekendDays: [],
  shortDays: ['2027-02-22', '2027-04-30', '2027-06-11', '2027-11-03', '2027-12-31'],
};

/** The built-in years, 2025–2027. */
export const RU_PRODUCTION_YEARS: readonly ProductionYear[] = [Y2025, Y2026, Y2027];
