import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BufferPool } from './buffer-pool';
import { PointTable } from './point-table';

const FIELDS = { positions: { kind: 'f32', size: 2 }, colors: { kind: 'u8', size: 4 } } as const;

describe('PointTable', () => {
  it('keeps exactly the live keys in [0, count) after any sequence of upserts and removes', () => {
    const op = fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 40 }));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const t = new PointTable(FIELDS, 4);
        const model = new Map<string, number>();
        for (const [put, n] of ops) {
          const key = `k${n}`;
          if (put) {
            const s = t.acquire(key);
            t.arrays.positions[2 * s] = n;
            t.arrays.positions[2 * s + 1] = -n;
            t.arrays.colors[4 * s] = n;
            model.set(key, n);
          } else {
            expect(t.remove(key)).toBe(model.delete(key));
          }
        }
        expect(t.count).toBe(model.size);
        const seen = new Set<number>();
        for (let s = 0; s < t.count; s++) {
          const n = t.arrays.positions[2 * s]!;
          expect(t.arrays.positions[2 * s + 1]).toBe(-n);
          expect(t.arrays.colors[4 * s]).toBe(n);
          seen.add(n);
        }
        expect([...seen].sort()).toEqual([...model.values()].sort());
      }),
    );
  });

  it('keeps exactly the placed holders in [0, count), each knowing its slot, after any sequence of places and vacates', () => {
    const op = fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 40 }));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const t = new PointTable(FIELDS, 4);
        const holders = Array.from({ length: 41 }, () => ({ slot: -1 }));
        const model = new Set<number>();
        for (const [put, n] of ops) {
          const h = holders[n]!;
          if (put) {
            const s = t.place(h);
            t.arrays.positions[2 * s] = n;
            t.arrays.colors[4 * s] = n;
            model.add(n);
          } else {
            t.vacate(h);
            model.delete(n);
            expect(h.slot).toBe(-1);
          }
        }
        expect(t.count).toBe(model.size);
        for (const [n, h] of holders.entries()) {
          if (!model.has(n)) expect(h.slot).toBe(-1);
          else {
            expect(h.slot).toBeLessThan(t.count);
            expect(t.arrays.positions[2 * h.slot]).toBe(n);
            expect(t.arrays.colors[4 * h.slot]).toBe(n);
          }
        }
        t.clear();
        expect(holders.every((h) => h.slot === -1)).toBe(true);
      }),
    );
  });

  it('copies out exactly count items into pooled buffers, reused once given back', () => {
    const pool = new BufferPool();
    const t = new PointTable(FIELDS, 2);
    for (let i = 0; i < 5; i++) {
      const slot = t.acquire(`k${i}`); // before reading `arrays`: acquiring may grow them
      t.arrays.positions[2 * slot] = i;
    }
    const a = t.copyOut(pool);
    expect(a.positions.length).toBe(10);
    expect(a.colors.length).toBe(20);
    expect([...a.positions].filter((_, i) => i % 2 === 0)).toEqual([0, 1, 2, 3, 4]);
    const allocated = pool.allocated;
    pool.give([a.positions.buffer as ArrayBuffer, a.colors.buffer as ArrayBuffer]);
    t.copyOut(pool);
    expect(pool.allocated).toBe(allocated);
  });
});

describe('BufferPool', () => {
  it('hands back a fitting buffer and never a huge one for a tiny layer', () => {
    const pool = new BufferPool();
    const big = pool.take(1_000_000);
    pool.give([big]);
    expect(pool.take(100)).not.toBe(big);
    expect(pool.take(900_000)).toBe(big);
  });

  it('ignores detached buffers', () => {
    const pool = new BufferPool();
    const b = new ArrayBuffer(8192);
    structuredClone(b, { transfer: [b] });
    pool.give([b]);
    expect(pool.freeCount).toBe(0);
  });
});
