import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DueQueue } from './due-queue';

describe('DueQueue', () => {
  it('pops in time order', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e12, noNaN: true })), (times) => {
        const q = new DueQueue();
        times.forEach((t, i) => q.push(t, `k${i}`));
        const out: number[] = [];
        while (q.size) {
          const t = q.peek();
          q.pop();
          out.push(t);
        }
        expect(out).toEqual([...times].sort((a, b) => a - b));
      }),
    );
  });
});
