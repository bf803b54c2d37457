import { describe, expect, it } from 'vitest';
import { countdown, count, score } from './format';
import { orgLabel } from './org-label';

describe('panel text', () => {
  it('counts down as h:mm:ss under a day and in days and hours beyond', () => {
    expect(countdown(9 * 60_000 + 10_000)).toBe('0:09:10');
    expect(countdown(-(2 * 3_600_000 + 5_000))).toBe('2:00:05');
    expect(countdown(2 * 86_400_000 + 4 * 3_600_000)).toBe('2\u00a0д 4\u00a0ч');
  });

  it('groups digits, dashes a missing figure, prints scores with a comma', () => {
    expect(count(26600)).toBe('26\u00a0600');
    expect(count(null)).toBe('—');
    expect([score(86.55), score(100), score(undefined)]).toEqual(['86,6', '100', '—']);
  });

  it('names organisations in Russian', () => {
    expect(orgLabel('oiv-minzdrav')).toBe('Минздрав');
    expect(orgLabel('omsu-cheboksary')).toBe('Администрация г. Чебоксары');
    expect(orgLabel('something-else')).toBe('something-else');
  });
});
