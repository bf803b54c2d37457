import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createTopN } from './top-n';

describe('top-N list', () => {
  it('holds the N smallest by (score, tie), sorted, whatever the arrival order', () => {
    const item = fc.record({ score: fc.integer({ min: -5, max: 5 }), tie: fc.string({ maxLength: 3 }) });
    fc.assert(
      fc.property(fc.uniqueArray(item, { selector: (i) => `${i.score}|${i.tie}`, maxLength: 60 }), fc.integer({ min: 0, max: 10 }), (items, limit) => {
        const top = createTopN<string>(limit);
        for (const i of items) top.add(i.score, i.tie, `${i.score}|${i.tie}`);
        const expected = [...items].sort((a, b) => a.score - b.score || (a.tie < b.tie ? -1 : a.tie > b.tie ? 1 : 0)).slice(0, limit);
        expect(top.values()).toEqual(expected.map((i) => `${i.score}|${i.tie}`));
      }),
    );
  });

  it('rejects in O(1) once full: accepts() is false for anything not smaller than the last', () => {
    const top = createTopN<number>(2);
    top.add(1, 'a', 1);
    top.add(2, 'a', 2);
    expect([top.accepts(2, 'a'), top.accepts(2, 'b'), top.accepts(3, ''), top.accepts(2, '0'), top.accepts(-1, 'z')]).toEqual([
      false,
      false,
      false,
      true,
      true,
    ]);
  });
});

describe('top-N bound', () => {
  it('is +Infinity until full, then the largest score held', () => {
    const top = createTopN<number>(2);
    expect(top.bound()).toBe(Infinity);
    top.add(5, 'a', 5);
    expect(top.bound()).toBe(Infinity);
    top.add(3, 'a', 3);
    expect(top.bound()).toBe(5);
    top.add(4, 'a', 4);
    expect(top.bound()).toBe(4);
    expect(createTopN<number>(0).bound()).toBe(-Infinity);
  });
});
