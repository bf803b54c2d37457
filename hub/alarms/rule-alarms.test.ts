import { describe, expect, it } from 'vitest';
import { coalesceDelay, EVALUATE_EVERY_MS } from './rule-alarms';

describe('rule evaluation pacing', () => {
  it('coalesces changes for 500 ms while a pass is cheap', () => {
    expect(coalesceDelay(0)).toBe(500);
    expect(coalesceDelay(50)).toBe(500);
  });

  it('stretches the wait so that passes take at most a fifth of the hub’s time, up to the periodic interval', () => {
    expect(coalesceDelay(400)).toBe(1600);
    const ms = 900;
    const d = coalesceDelay(ms);
    expect(ms / (ms + d)).toBeLessThanOrEqual(0.2 + 1e-9);
    expect(coalesceDelay(10_000)).toBe(EVALUATE_EVERY_MS);
  });
});
