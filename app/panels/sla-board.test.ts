import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DAY_MS, HOUR_MS, MINUTE_MS, mskTime } from '../calendar/msk-time';
import type { Appeal } from '../domain/entity';
import { slaInfo } from '../sla/sla-state';
import { PanelsConfigSchema } from './panels-config';
import { buildSlaBoard } from './sla-board';
import { makeAppeal } from '../../test/support/entities';

const NOW = mskTime(2026, 1, 20, 15);
// Written appeals with a due time from the feed: the state follows from `dueAt` alone.
const appeal = (id: string, dueIn: number, over: Partial<Appeal> = {}): Appeal =>
  makeAppeal({ id, channel: 'written', sector: 'roads', org: 'minstroy', title: `Обращение ${id}`, createdAt: NOW - 20 * DAY_MS, dueAt: NOW + dueIn, ...over });
const config = PanelsConfigSchema.parse({ slaBoard: { limit: 3, orgLimit: 2 } });

describe('SLA board', () => {
  const appeals = [
    appeal('far', 9 * DAY_MS),
    appeal('soon', 30 * MINUTE_MS, { org: 'minzdrav' }),
    appeal('sooner', 10 * MINUTE_MS, { org: 'minzdrav' }),
    appeal('tie-b', 2 * HOUR_MS),
    appeal('tie-a', 2 * HOUR_MS),
    appeal('late', -HOUR_MS, { org: 'omsu-kanash' }),
    appeal('later', -3 * DAY_MS, { org: 'omsu-kanash' }),
    appeal('just', -1, { org: 'minzdrav' }),
    appeal('done', -DAY_MS, { status: 'closed', answeredAt: NOW - 2 * DAY_MS }),
  ];
  const board = buildSlaBoard(appeals, NOW, config);

  it('soonest to breach: open items not yet overdue, least time left first, ties by id, top N', () => {
    expect(board.soonest.map((r) => r.id)).toEqual(['sooner', 'soon', 'tie-a']);
    expect(board.soonest[0]).toEqual({
      key: 'appeal:sooner',
      id: 'sooner',
      title: 'Обращение sooner',
      org: 'minzdrav',
      sector: 'roads',
      municipality: '97701000',
      channel: 'written',
      status: 'at_risk',
      dueAt: NOW + 10 * MINUTE_MS,
      remainingMs: 10 * MINUTE_MS,
    });
  });

  it('overdue: longest overdue first, with a negative countdown; closed items never appear', () => {
    expect(board.overdue.map((r) => [r.id, r.remainingMs])).toEqual([
      ['later', -3 * DAY_MS],
      ['late', -HOUR_MS],
      ['just', -1],
    ]);
  });

  it('by organisation: most overdue, then at risk, then open; top N', () => {
    expect(board.byOrg).toEqual([
      { org: 'omsu-kanash', open: 2, atRisk: 0, overdue: 2 },
      { org: 'minzdrav', open: 3, atRisk: 2, overdue: 1 },
    ]);
  });

  it('the lists are exactly the sorted open items, cut to N, whatever the input order', () => {
    const arbAppeal = fc.record({ id: fc.stringMatching(/^[a-z]{1,6}$/), dueIn: fc.integer({ min: -5 * DAY_MS, max: 5 * DAY_MS }), closed: fc.boolean() });
    fc.assert(
      fc.property(fc.uniqueArray(arbAppeal, { selector: (a) => a.id, maxLength: 40 }), fc.integer({ min: 1, max: 8 }), (specs, limit) => {
        const list = specs.map((s) => appeal(s.id, s.dueIn, s.closed ? { status: 'answered', answeredAt: NOW - DAY_MS } : {}));
        const b = buildSlaBoard(list, NOW, PanelsConfigSchema.parse({ slaBoard: { limit } }));
        const open = list.filter((a) => a.status !== 'answered').map((a) => ({ id: a.id, r: slaInfo(a, NOW).remainingMs }));
        const order = (x: { id: string; r: number }, y: { id: string; r: number }) => x.r - y.r || (x.id < y.id ? -1 : 1);
        expect(b.soonest.map((r) => r.id)).toEqual(
          open
            .filter((o) => o.r >= 0)
            .sort(order)
            .slice(0, limit)
            .map((o) => o.id),
        );
        expect(b.overdue.map((r) => r.id)).toEqual(
          open
            .filter((o) => o.r < 0)
            .sort(order)
            .slice(0, limit)
            .map((o) => o.id),
        );
      }),
    );
  });
});
