import { describe, expect, it } from 'vitest';
import { mskTime } from '../../app/calendar/msk-time';
import { fromMskInput, toMskInput } from './datetime-input';

describe('Moscow date-time field text', () => {
  it('reads and writes Moscow wall-clock time, дд.мм.гггг чч:мм:сс, whatever the browser zone', () => {
    const t = mskTime(2026, 3, 12, 14, 5) + 7000;
    expect(toMskInput(t)).toBe('12.03.2026 14:05:07');
    expect(fromMskInput('12.03.2026 14:05:07')).toBe(t);
    expect(fromMskInput('12.03.2026 14:05')).toBe(t - 7000);
    expect(fromMskInput('2026-03-12T14:05:07')).toBeNull();
    expect(fromMskInput('12.03.2026')).toBeNull();
  });
});
