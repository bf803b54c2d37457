import { describe, expect, it } from 'vitest';
import { backoffDelay, nextFailureCount } from './backoff';

describe('backoff', () => {
  it('doubles from 1 s up to a minute', () => {
    expect([0, 1, 2, 3, 5, 6, 7, 100].map((a) => backoffDelay(a))).toEqual([1_000, 2_000, 4_000, 8_000, 32_000, 60_000, 60_000, 60_000]);
    expect(backoffDelay(-1)).toBe(1_000);
    expect(backoffDelay(Number.NaN)).toBe(1_000);
  });

  it('starts over after a page stayed up for a minute, keeps counting in a crash loop', () => {
    expect(nextFailureCount(0, 10)).toBe(1);
    expect(nextFailureCount(4, 10)).toBe(5);
    expect(nextFailureCount(4, 60_000)).toBe(1);
  });
});
