import { describe, expect, it } from 'vitest';
import { IdleCursor } from './idle-cursor';

describe('IdleCursor', () => {
  it('hides the cursor after it stood still for the idle time, shows it on the first move', () => {
    const c = new IdleCursor(3_000);
    const at = (x: number, y: number, t: number) => c.update({ x, y }, t);
    expect(at(10, 10, 0)).toBeNull();
    expect(at(10, 10, 2_999)).toBeNull();
    expect(at(10, 10, 3_000)).toBe('hide');
    expect(c.hidden).toBe(true);
    expect(at(10, 10, 60_000)).toBeNull();
    expect(at(11, 10, 60_500)).toBe('show');
    expect(at(12, 10, 61_000)).toBeNull();
    expect(at(12, 10, 63_999)).toBeNull();
    expect(at(12, 10, 64_000)).toBe('hide');
  });
});
