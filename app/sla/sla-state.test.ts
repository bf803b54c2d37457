import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { Appeal } from '../domain/entity';
import { HOUR_MS, isWorkingTime, mskTime } from '../calendar/production-calendar';
import { DEFAULT_SLA_RULES, type SlaRules } from './sla-rules';
import { dueAt, slaInfo, slaState, type SlaStatus } from './sla-state';
import { makeAppeal } from '../../test/support/entities';

// Created on a Wednesday of an ordinary week.
const appeal = (over: Partial<Appeal> = {}): Appeal => makeAppeal({ createdAt: mskTime(2026, 2, 4, 10), ...over });

describe('dueAt: derived deadlines', () => {
  it('ИМ post: 8 working hours — Wed 10:00 → Thu 10:00 (3 h + 4 h Wed, 1 h Thu)', () => {
    expect(dueAt(appeal())).toBe(mskTime(2026, 2, 5, 10));
  });

  it('ИМ post of high importance: 4 clock hours — Wed 10:00 → Wed 14:00; Saturday 23:00 → Sunday 03:00, not Monday 13:00', () => {
    // A high-importance post is an emergency signal; the ИМ regional regulations count it round the clock (docs/deadlines.md).
    expect(dueAt(appeal({ importance: 'high' }))).toBe(mskTime(2026, 2, 4, 14));
    expect(dueAt(appeal({ importance: 'high', createdAt: mskTime(2026, 2, 7, 23) }))).toBe(mskTime(2026, 2, 8, 3));
  });

  it('ИМ post of high importance counted in working hours when the rules say so — Wed 10:00 → Wed 15:00 (lunch skipped)', () => {
    const rules: SlaRules = { ...DEFAULT_SLA_RULES, social: { ...DEFAULT_SLA_RULES.social, highBasis: 'working' } };
    expect(dueAt(appeal({ importance: 'high' }), rules)).toBe(mskTime(2026, 2, 4, 15));
  });

  it('a post linked to a utility accident: 4 clock hours, night and weekend included', () => {
    expect(dueAt(appeal({ accidentId: 'acc-1', createdAt: mskTime(2026, 2, 7, 22) }))).toBe(mskTime(2026, 2, 8, 2));
  });

  it('59-ФЗ art. 8 part 2: an unregistered written appeal is due for registration within 3 days of receipt', () => {
    // Received Mon 2 Mar 10:00; 3 days → end of Thu 5 Mar.
    expect(dueAt(appeal({ channel: 'written', status: 'received', createdAt: mskTime(2026, 3, 2, 10) }))).toBe(mskTime(2026, 3, 6));
  });

  it('59-ФЗ art. 12: 30 days run from registration (registeredAt), not receipt', () => {
    const a = appeal({ channel: 'written', status: 'in_progress', createdAt: mskTime(2026, 3, 2, 10), registeredAt: mskTime(2026, 3, 4, 9) });
    // Registered 4 Mar + 30 days = 3 Apr → the midnight that ends 3 Apr.
    expect(dueAt(a)).toBe(mskTime(2026, 4, 4));
  });

  it('59-ФЗ art. 8 part 3: an appeal to redirect is due for redirection within 7 days of registration', () => {
    const a = appeal({
      channel: 'written',
      status: 'in_progress',
      createdAt: mskTime(2026, 3, 2, 10),
      registeredAt: mskTime(2026, 3, 2, 10),
      redirect: 'pending',
    });
    expect(dueAt(a)).toBe(mskTime(2026, 3, 10));
  });

  it('ИМ post after an intermediate answer: 7 working days from the answer', () => {
    // Answer Wed 4 Feb 12:00; working days 5, 6, 9, 10, 11, 12, 13 Feb → Fri 13 Feb 18:00.
    const a = appeal({ status: 'intermediate', answeredAt: mskTime(2026, 2, 4, 12) });
    expect(dueAt(a)).toBe(mskTime(2026, 2, 13, 18));
  });

  it('59-ФЗ: 30 calendar days from registration, to the end of the 30th day; 60 when extended', () => {
    const created = mskTime(2026, 3, 2, 10);
    // 2 Mar + 30 days = 1 Apr; due at the midnight that ends 1 Apr.
    expect(dueAt(appeal({ channel: 'written', createdAt: created }))).toBe(mskTime(2026, 4, 2));
    // + 30 more: 1 May (a holiday: no shift for calendar-day terms) → midnight ending 1 May.
    expect(dueAt(appeal({ channel: 'written', createdAt: created, status: 'extended' }))).toBe(mskTime(2026, 5, 2));
  });

  it('ПОС: 10 working days by default, per topic when configured', () => {
    // Mon 2 Feb 2026: working days 3, 4, 5, 6, 9, 10, 11, 12, 13, 16 → Mon 16 Feb 18:00.
    const pos = appeal({ channel: 'pos', createdAt: mskTime(2026, 2, 2, 10), topic: 'Ямы на дорогах' });
    expect(dueAt(pos)).toBe(mskTime(2026, 2, 16, 18));
    const rules: SlaRules = { ...DEFAULT_SLA_RULES, pos: { defaultWorkingDays: 10, byTopic: { 'Ямы на дорогах': 5 } } };
    expect(dueAt(pos, rules)).toBe(mskTime(2026, 2, 9, 18));
  });

  it('ПОС across the New Year holidays: 29 Dec 2025 + 3 working days → 13 Jan 2026', () => {
    // Working days after Mon 29 Dec: Tue 30 Dec, (31 Dec – 11 Jan off), Mon 12, Tue 13 Jan.
    const pos = appeal({ channel: 'pos', createdAt: mskTime(2025, 12, 29, 10) });
    const rules: SlaRules = { ...DEFAULT_SLA_RULES, pos: { defaultWorkingDays: 3, byTopic: {} } };
    expect(dueAt(pos, rules)).toBe(mskTime(2026, 1, 13, 18));
  });

  it("the feed's dueAt wins over the rules", () => {
    const due = mskTime(2026, 2, 20, 12);
    expect(dueAt(appeal({ dueAt: due }))).toBe(due);
    expect(slaInfo(appeal({ dueAt: due }), mskTime(2026, 2, 21)).status).toBe('overdue');
  });
});

describe('slaState', () => {
  it('an ИМ post goes on time → at risk → overdue, at risk judged on working time', () => {
    const a = appeal(); // due Thu 5 Feb 10:00
    expect(slaState(a, mskTime(2026, 2, 4, 11))).toBe('on_time'); // 7 h left of 8
    expect(slaState(a, mskTime(2026, 2, 4, 16, 59))).toBe('on_time'); // 1 h 1 min Wed + 1 h Thu = 2 h 1 min left
    expect(slaState(a, mskTime(2026, 2, 4, 17, 30))).toBe('at_risk'); // 0.5 h Wed + 1 h Thu = 1.5 h < 2 h
    expect(slaState(a, mskTime(2026, 2, 5, 10))).toBe('at_risk'); // the deadline itself is still allowed
    expect(slaState(a, mskTime(2026, 2, 5, 10) + 1)).toBe('overdue');
  });

  it('a night does not drain a working-hour allowance: a Friday-evening post is on time over the weekend', () => {
    // Fri 6 Feb 17:50 + 8 h: 10 min Fri + 4 h (9–13) + 3 h 50 min (14–17:50) → Mon 9 Feb 17:50.
    // On Sunday 7 h 50 min of the 8 h are left.
    const a = appeal({ createdAt: mskTime(2026, 2, 6, 17, 50) });
    expect(dueAt(a)).toBe(mskTime(2026, 2, 9, 17, 50));
    expect(slaState(a, mskTime(2026, 2, 8, 12))).toBe('on_time');
  });

  it('at risk by share: a 59-ФЗ appeal with under 25 % of its 30 days 14 h left', () => {
    // Created 2 Mar 10:00, due 2 Apr 00:00: allowed 734 h; 25 % = 183.5 h.
    const a = appeal({ channel: 'written', createdAt: mskTime(2026, 3, 2, 10) });
    expect(slaState(a, mskTime(2026, 3, 25))).toBe('on_time'); // 192 h left
    expect(slaState(a, mskTime(2026, 3, 25, 12))).toBe('at_risk'); // 180 h left
  });

  it('answered and closed items are closed, even when answered late', () => {
    expect(slaState(appeal({ status: 'answered', answeredAt: mskTime(2026, 2, 9) }), mskTime(2026, 3, 1))).toBe('closed');
    expect(slaState(appeal({ status: 'closed' }), mskTime(2026, 3, 1))).toBe('closed');
  });

  it('intermediate until the final deadline, then overdue', () => {
    const a = appeal({ status: 'intermediate', answeredAt: mskTime(2026, 2, 4, 12) }); // due 13 Feb 18:00
    expect(slaState(a, mskTime(2026, 2, 13, 17))).toBe('intermediate');
    expect(slaState(a, mskTime(2026, 2, 13, 18, 1))).toBe('overdue');
  });

  it('extended until the extended deadline, then overdue', () => {
    const a = appeal({ channel: 'written', status: 'extended', createdAt: mskTime(2026, 3, 2, 10) }); // due 2 May 00:00
    expect(slaState(a, mskTime(2026, 4, 20))).toBe('extended');
    expect(slaState(a, mskTime(2026, 5, 2, 0, 1))).toBe('overdue');
  });

  it('slaInfo: countdown figures', () => {
    const info = slaInfo(appeal(), mskTime(2026, 2, 5, 9));
    expect(info).toMatchObject({ status: 'at_risk', dueAt: mskTime(2026, 2, 5, 10), remainingMs: HOUR_MS, basis: 'working' });
    expect(info.allowedMs).toBe(24 * HOUR_MS);
    expect(info.leftShare).toBeCloseTo(1 / 8);
    const late = slaInfo(appeal(), mskTime(2026, 2, 5, 12));
    expect(late.remainingMs).toBe(-2 * HOUR_MS);
    expect(late.leftShare).toBe(0);
  });
});

// Appeals registered between Dec 2024 and Dec 2027.
const arbAppeal = fc
  .record({
    channel: fc.constantFrom<Appeal['channel']>('social', 'written', 'pos'),
    importance: fc.constantFrom<Appeal['importance']>('normal', 'high'),
    status: fc.constantFrom<Appeal['status']>('new', 'in_progress', 'intermediate', 'extended'),
    createdAt: fc.integer({ min: mskTime(2024, 12, 1), max: mskTime(2027, 12, 1) }),
    topic: fc.constantFrom(undefined, 'Ямы на дорогах', 'Отопление'),
  })
  .map(({ topic, ...r }) => appeal({ ...r, ...(topic ? { topic } : {}) }));
const rulesWithTopic: SlaRules = { ...DEFAULT_SLA_RULES, pos: { defaultWorkingDays: 10, byTopic: { Отопление: 3 } } };
const ORDER: Record<SlaStatus, number> = { on_time: 0, at_risk: 1, intermediate: 0, extended: 0, overdue: 2, closed: 0 };

describe('SLA properties', () => {
  it('a derived working-time deadline never falls on a non-working hour', () => {
    fc.assert(
      fc.property(arbAppeal, (a) => {
        fc.pre(a.channel !== 'written');
        // Clock-hour rules (high importance, posts about an accident) run round the clock.
        fc.pre(a.channel !== 'social' || a.status === 'intermediate' || (a.importance !== 'high' && a.accidentId === undefined));
        expect(isWorkingTime(dueAt(a, rulesWithTopic))).toBe(true);
      }),
    );
  });

  it('a deadline is never before registration; high importance is never due later than normal', () => {
    fc.assert(
      fc.property(arbAppeal, (a) => {
        expect(dueAt(a)).toBeGreaterThan(a.createdAt);
        if (a.channel === 'social' && a.status !== 'intermediate') {
          expect(dueAt({ ...a, importance: 'high' })).toBeLessThanOrEqual(dueAt({ ...a, importance: 'normal' }));
        }
      }),
    );
  });

  it('an open item is overdue exactly when now is past its due time, and its countdown is dueAt − now', () => {
    fc.assert(
      fc.property(arbAppeal, fc.integer({ min: -40 * 24, max: 80 * 24 }), (a, hoursAfter) => {
        const now = a.createdAt + hoursAfter * HOUR_MS;
        const info = slaInfo(a, now);
        expect(info.status === 'overdue').toBe(now > info.dueAt);
        expect(info.remainingMs).toBe(info.dueAt - now);
        expect(info.leftShare).toBeGreaterThanOrEqual(0);
        expect(info.leftShare).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('as time passes a new item only moves forward: on time → at risk → overdue', () => {
    fc.assert(
      fc.property(arbAppeal, fc.array(fc.integer({ min: 0, max: 60 * 24 * 60 }), { minLength: 2, maxLength: 8 }), (a, minutes) => {
        const open = { ...a, status: 'new' as const };
        const states = [...minutes].sort((x, y) => x - y).map((m) => ORDER[slaState(open, a.createdAt + m * 60_000)]);
        for (let i = 1; i < states.length; i++) expect(states[i]!).toBeGreaterThanOrEqual(states[i - 1]!);
      }),
    );
  });

  it('answered and closed items are always closed', () => {
    fc.assert(
      fc.property(arbAppeal, fc.constantFrom<Appeal['status']>('answered', 'closed'), fc.integer({ min: 0, max: 10 ** 10 }), (a, status, dt) => {
        expect(slaState({ ...a, status }, a.createdAt + dt)).toBe('closed');
      }),
    );
  });
});
