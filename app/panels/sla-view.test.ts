import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DAY_MS, HOUR_MS, mskTime } from '../calendar/msk-time';
import { DEFAULT_SLA_RULES } from '../sla/sla-rules';
import { slaInfo } from '../sla/sla-state';
import { slaViewInto, type SlaView } from './sla-view';
import { makeAppeal } from '../../test/support/entities';

describe('slaViewInto', () => {
  it('agrees with slaInfo on status, due time and countdown for every open appeal', () => {
    const arb = fc.record({
      channel: fc.constantFrom('pos', 'social', 'written'),
      status: fc.constantFrom('new', 'in_progress', 'intermediate', 'extended'),
      importance: fc.constantFrom('normal', 'high'),
      createdAt: fc.integer({ min: mskTime(2025, 12, 20), max: mskTime(2026, 1, 20) }),
      feedDue: fc.option(fc.integer({ min: 0, max: 20 * DAY_MS }), { nil: undefined }),
      answeredAfter: fc.option(fc.integer({ min: 0, max: 3 * DAY_MS }), { nil: undefined }),
      age: fc.integer({ min: -HOUR_MS, max: 45 * DAY_MS }),
    });
    const out: SlaView = { status: 'on_time', dueAt: 0, remainingMs: 0 };
    fc.assert(
      fc.property(arb, (r) => {
        const a = makeAppeal({
          id: 'x',
          channel: r.channel,
          sector: 'housing',
          org: 'o',
          importance: r.importance,
          status: r.status,
          title: 't',
          createdAt: r.createdAt,
          ...(r.feedDue !== undefined ? { dueAt: r.createdAt + r.feedDue } : {}),
          ...(r.answeredAfter !== undefined ? { answeredAt: r.createdAt + r.answeredAfter } : {}),
        });
        const now = r.createdAt + r.age;
        const info = slaInfo(a, now, DEFAULT_SLA_RULES);
        expect({ ...slaViewInto(out, a, now, DEFAULT_SLA_RULES) }).toEqual({ status: info.status, dueAt: info.dueAt, remainingMs: info.remainingMs });
      }),
      { numRuns: 1000 },
    );
  });
});
