import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Appeal } from '../domain/entity';
import { DAY_MS, mskTime } from '../calendar/msk-time';
import { findRepeats as findByLinks, linkRepeats } from './repeat-complaints';

/** What the hub does: link at ingest, then read the links. */
const findRepeats = (appeals: Appeal[], rule: { windowDays: number }, now: number) => findByLinks(linkRepeats(appeals, rule), rule, now);
import { makeAppeal } from '../../test/support/entities';

const T = mskTime(2026, 1, 12, 10);
const RULE = { windowDays: 30 };
const NOW = T + 90 * DAY_MS;
const K = (c: string) => c.repeat(32);
const appeal = (id: string, over: Partial<Appeal> = {}): Appeal => makeAppeal({ id, channel: 'pos', sector: 'housing', createdAt: T, ...over });

describe('repeat complaints (Положение о ЦУР п. 87, quality: same applicant or same object, same sector, within 30 days of the answer)', () => {
  it('links the same applicant’s later complaint in the same sector', () => {
    const a = appeal('a', { applicantKey: K('1'), answeredAt: T + DAY_MS });
    const b = appeal('b', { applicantKey: K('1'), createdAt: T + 5 * DAY_MS });
    expect(findRepeats([a, b], RULE, NOW).get('a')).toEqual(['b']);
  });

  it('links the same building, whoever writes', () => {
    const a = appeal('a', { objectKey: K('b'), answeredAt: T + DAY_MS });
    const b = appeal('b', { objectKey: K('b'), applicantKey: K('2'), createdAt: T + 2 * DAY_MS });
    expect(findRepeats([a, b], RULE, NOW).get('a')).toEqual(['b']);
  });

  it('does not link: before the answer, after 30 days, another sector, or with no key at all', () => {
    const a = appeal('a', { applicantKey: K('1'), answeredAt: T + DAY_MS });
    const before = appeal('before', { applicantKey: K('1'), createdAt: T + DAY_MS / 2 });
    const late = appeal('late', { applicantKey: K('1'), createdAt: T + 32 * DAY_MS });
    const other = appeal('other', { applicantKey: K('1'), sector: 'roads', createdAt: T + 2 * DAY_MS });
    const keyless = appeal('keyless', { createdAt: T + 2 * DAY_MS });
    expect(findRepeats([a, before, late, other, keyless], RULE, NOW).size).toBe(0);
    // Day 31 (30 days after the answer on day 1) still counts: the window is inclusive.
    const edge = appeal('edge', { applicantKey: K('1'), createdAt: T + 31 * DAY_MS });
    expect(findRepeats([a, edge], RULE, NOW).get('a')).toEqual(['edge']);
  });

  it('never links items of different applicants and different objects (property)', () => {
    const arb = fc.array(
      fc.record({
        app: fc.constantFrom('1', '2', '3', undefined),
        obj: fc.constantFrom('a', 'b', undefined),
        sector: fc.constantFrom('housing', 'roads'),
        day: fc.integer({ min: 0, max: 60 }),
        answered: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
      }),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(arb, (rows) => {
        const appeals = rows.map((r, i) =>
          appeal(`x${i}`, {
            sector: r.sector,
            createdAt: T + r.day * DAY_MS,
            ...(r.app ? { applicantKey: K(r.app) } : {}),
            ...(r.obj ? { objectKey: K(r.obj) } : {}),
            ...(r.answered !== undefined ? { answeredAt: T + (r.day + r.answered) * DAY_MS } : {}),
          }),
        );
        const byId = new Map(appeals.map((a) => [a.id, a]));
        for (const [id, reps] of findRepeats(appeals, RULE, NOW)) {
          const a = byId.get(id)!;
          for (const r of reps) {
            const b = byId.get(r)!;
            const same = (a.applicantKey && a.applicantKey === b.applicantKey) || (a.objectKey && a.objectKey === b.objectKey);
            expect(same).toBeTruthy();
            expect(b.sector).toBe(a.sector);
          }
        }
      }),
    );
  });
});
