import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS, MINUTE_MS, mskTime } from '../calendar/msk-time';
import { formatCount, formatDurationRu, formatMskClock, formatMskDate, formatMskDateTime, formatMskWhen, NBSP, parseMskDateTime, pluralRu } from './format-ru';

describe('Russian formats', () => {
  it('groups digits by three with a no-break space', () => {
    expect([formatCount(0), formatCount(950), formatCount(1000), formatCount(26_600), formatCount(1_170_000), formatCount(-5000)]).toEqual([
      '0',
      '950',
      `1${NBSP}000`,
      `26${NBSP}600`,
      `1${NBSP}170${NBSP}000`,
      `-5${NBSP}000`,
    ]);
  });

  it('chooses the plural form: 1 житель, 2 жителя, 5 жителей, 11 жителей, 21 житель, 112 жителей', () => {
    const f = (n: number) => pluralRu(n, 'житель', 'жителя', 'жителей');
    expect([1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111, 112, 0].map(f)).toEqual([
      'житель',
      'жителя',
      'жителя',
      'жителей',
      'жителей',
      'жителей',
      'жителей',
      'житель',
      'жителя',
      'жителей',
      'житель',
      'жителей',
      'жителей',
      'жителей',
    ]);
  });

  it('prints Moscow wall-clock time, with the date when it is not today', () => {
    const t = mskTime(2026, 1, 20, 6, 5);
    expect(formatMskClock(t)).toBe('06:05');
    expect(formatMskClock(Date.UTC(2026, 0, 19, 21, 0))).toBe('00:00');
    expect(formatMskWhen(t, t + HOUR_MS)).toBe('06:05');
    expect(formatMskWhen(t, t + DAY_MS)).toBe('20.01 06:05');
  });

  it('prints dates and times as дд.мм.гггг чч:мм, 24-hour, Moscow time', () => {
    const t = mskTime(2026, 12, 7, 18, 21) + 53_000;
    expect(formatMskDate(t)).toBe('07.12.2026');
    expect(formatMskDateTime(t)).toBe('07.12.2026 18:21');
    expect(formatMskDateTime(t, true)).toBe('07.12.2026 18:21:53');
    // 23:30 UTC on 31 December is already the next year in Moscow.
    expect(formatMskDateTime(Date.UTC(2026, 11, 31, 23, 30))).toBe('01.01.2027 02:30');
  });

  it('reads a typed Moscow date-time back, and refuses what is not one', () => {
    const t = mskTime(2026, 12, 7, 18, 21) + 53_000;
    expect(parseMskDateTime('07.12.2026 18:21:53')).toBe(t);
    expect(parseMskDateTime(formatMskDateTime(t, true))).toBe(t);
    expect(parseMskDateTime('7.12.2026 18:21')).toBe(t - 53_000);
    expect(parseMskDateTime(' 07.12.2026, 6:05 ')).toBe(mskTime(2026, 12, 7, 6, 5));
    for (const bad of [
      '',
      '12/07/2026, 06:21:53 PM',
      '2026-12-07T18:21',
      '31.02.2026 10:00',
      '07.13.2026 10:00',
      '07.12.2026 24:00',
      '07.12.2026 18:60',
      '07.12.2026',
    ]) {
      expect(parseMskDateTime(bad), bad).toBeNull();
    }
  });

  it('prints durations in the two largest units', () => {
    expect(
      [40_000, 3 * MINUTE_MS, 5 * HOUR_MS + 12 * MINUTE_MS, 5 * HOUR_MS, 2 * DAY_MS + 4 * HOUR_MS + 5 * MINUTE_MS, -90 * MINUTE_MS].map(formatDurationRu),
    ).toEqual([`40${NBSP}с`, `3${NBSP}мин`, `5${NBSP}ч 12${NBSP}мин`, `5${NBSP}ч`, `2${NBSP}д 4${NBSP}ч`, `1${NBSP}ч 30${NBSP}мин`]);
  });
});
