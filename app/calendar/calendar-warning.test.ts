import { describe, expect, it } from 'vitest';
import { mskTime } from './msk-time';
import { calendarWarning } from './calendar-warning';

describe('calendar warning (ТК РФ art. 112 part 5: transfers come from a yearly decree)', () => {
  it('is silent while every year a deadline can reach is confirmed (2026 has its decree)', () => {
    expect(calendarWarning(mskTime(2026, 6, 1, 12))).toBeNull();
  });

  it('warns in December 2026: a 60-day term reaches 2027, which is law-only in the data', () => {
    expect(calendarWarning(mskTime(2026, 12, 7, 12))).toBe('производственный календарь на 2027 не подтверждён');
  });

  it('warns all through an unconfirmed year', () => {
    expect(calendarWarning(mskTime(2027, 7, 1, 12))).toBe('производственный календарь на 2027 не подтверждён');
  });
});
