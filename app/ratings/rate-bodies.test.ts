/**
 * The ratings by the regulation's four criteria (Положение о ЦУР Чувашской Республики, п. 87:
 * «по количеству, качеству, скорости и полноте реагирования на обращения»), hand-computed.
 * Formulas and what is assumed: docs/ratings.md.
 */
import fc from 'fast-check';
import { describe, it, expect } from 'vitest';
import type { Appeal } from '../domain/entity';
import { DAY_MS, mskTime } from '../calendar/msk-time';
import { DEFAULT_RATING_CONFIG } from './rating-config';
import { assessBody } from './body-figures';
import { rateBodies } from './rate-bodies';
import { RepeatIndex } from './repeat-complaints';
import { makeAppeal } from '../../test/support/entities';

// All hand-computed cases use written appeals with the feed's dueAt: their SLA is measured in
// calendar time, so each share below is plain arithmetic on days.
const T = mskTime(2026, 1, 1);
const D = DAY_MS;
const PERIOD = { from: T, to: T + 31 * D, now: T + 30 * D };
const K = (c: string) => c.repeat(32);

const appeal = (id: string, org: string, over: Partial<Appeal> = {}): Appeal =>
  makeAppeal({ id, channel: 'written', org, status: 'answered', title: 'Обращение', createdAt: T, dueAt: T + 10 * D, ...over });

// Org A, 6 items:
//   a1 answered day 2 of 10 → on time, used 0.2; satisfied; same applicant as a5 → bounced
//   a2 answered day 5 of 10 → on time, used 0.5; unsatisfied
//   a3 answered day 15, due day 10 → late by 5 days, used 1.5 → capped at 1; satisfied
//   a4 open (in work), due day 11, now day 30 → overdue by 19 days; reacted (in work)
//   a5 created day 4 (after a1's answer on day 2, same applicant: the hub linked it, repeatOf a1), answered day 6, due day 14 → on time, used 0.2
//   a6 new, untouched, created day 2, due day 12 → no reaction, past its time
// Org B, 2 items:
//   b1 answered day 1 of 10 → on time, used 0.1
//   b2 extended (feed due day 40), open at day 30 → postponed, reacted
// Org C, 1 item → below minItems = 2, unrated.
const appeals: Appeal[] = [
  appeal('a1', 'A', { answeredAt: T + 2 * D, applicantKey: K('1'), satisfaction: 'satisfied' }),
  appeal('a2', 'A', { answeredAt: T + 5 * D, satisfaction: 'unsatisfied' }),
  appeal('a3', 'A', { answeredAt: T + 15 * D, satisfaction: 'satisfied' }),
  appeal('a4', 'A', { status: 'in_progress', createdAt: T + D, dueAt: T + 11 * D }),
  appeal('a5', 'A', { createdAt: T + 4 * D, answeredAt: T + 6 * D, dueAt: T + 14 * D, applicantKey: K('1'), repeatOf: 'a1' }),
  appeal('a6', 'A', { status: 'new', createdAt: T + 2 * D, dueAt: T + 12 * D }),
  appeal('b1', 'B', { answeredAt: T + D }),
  appeal('b2', 'B', { status: 'extended', createdAt: T + 20 * D, dueAt: T + 40 * D }),
  appeal('c1', 'C', { answeredAt: T + D }),
  appeal('old', 'A', { createdAt: T - 5 * D, answeredAt: T - 4 * D }), // before the period: not rated
];

describe('rateBodies: hand-computed organisations (п. 87: quantity, quality, speed, completeness)', () => {
  const result = rateBodies(appeals, { subject: 'org', ...PERIOD });
  const a = result.rows.find((r) => r.key === 'A')!;
  const b = result.rows.find((r) => r.key === 'B')!;

  it('org A: quantity 83.33, quality 70.83, speed 51.25, completeness 66.67 → score 68', () => {
    // quantity: reacted = a1…a5 (4 answered + a4 in work) = 5; decided = 5 + a6 (untouched past due) = 6 → 5/6
    expect(a.components.quantity).toBeCloseTo(83.3333, 3);
    // quality: satisfied a1, a3 of rated a1, a2, a3 → 2/3; not repeated 1 − 1 bounced (a1) / 4 answered = 0.75
    //   → 100 × (0.5 × 0.6667 + 0.5 × 0.75) = 70.833
    expect(a.components.quality).toBeCloseTo(70.8333, 3);
    // speed: decided = 4 answered + 2 open overdue (a4, a6) = 6; on time a1, a2, a5 = 3 → 0.5
    //   mean used share = (0.2 + 0.5 + 1 + 0.2) / 4 = 0.475 → 0.525; speed = 100 × (0.25 + 0.2625) = 51.25
    expect(a.components.speed).toBeCloseTo(51.25, 9);
    // completeness: final = 4 answered; overdue a4, a6 → 4 / 6 = 66.67
    expect(a.components.completeness).toBeCloseTo(66.6667, 3);
    // score = (83.333 + 70.833 + 51.25 + 66.667) / 4 = 68.02 → 68
    expect(a.score).toBe(68);
    expect(a.figures).toMatchObject({
      items: 6,
      answered: 4,
      answeredOnTime: 3,
      decided: 6,
      overdue: 2,
      postponed: 0,
      bounced: 1,
      reacted: 5,
      reactionDecided: 6,
      final: 4,
      satisfied: 2,
      unsatisfied: 1,
    });
    // mean first answer = (2 + 5 + 15 + 2) days / 4 = 6 days
    expect(a.figures.meanFirstAnswerMs).toBe(6 * D);
  });

  it('org B: quantity 100, quality 100 (no ratings: repeats only), speed 95, completeness 50 → 86.3', () => {
    expect(b.components.quantity).toBeCloseTo(100, 9);
    expect(b.components.quality).toBeCloseTo(100, 9);
    // speed: on time 1/1; time part 1 − 0.1 = 0.9 → 100 × (0.5 + 0.45) = 95
    expect(b.components.speed).toBeCloseTo(95, 9);
    // completeness: final b1; postponed b2 → 1 / 2
    expect(b.components.completeness).toBeCloseTo(50, 9);
    // (100 + 100 + 95 + 50) / 4 = 86.25 → 86.3
    expect(b.score).toBe(86.3);
  });

  it('ranks B first and A second; C is listed as unrated (1 item < 2)', () => {
    expect(result.rows.map((r) => [r.key, r.rank])).toEqual([
      ['B', 1],
      ['A', 2],
    ]);
    expect(result.unrated).toEqual([{ key: 'C', items: 1 }]);
  });

  it('explains each place: weakest component and worst items, worst first', () => {
    expect(a.explain.weakest).toBe('speed');
    expect(a.explain.items).toEqual([
      { id: 'a4', why: ['overdue'], overdueMs: 19 * D },
      { id: 'a6', why: ['overdue'], overdueMs: 18 * D },
      { id: 'a3', why: ['late'], lateMs: 5 * D },
      { id: 'a1', why: ['repeat'], repeatedBy: ['a5'] },
      { id: 'a2', why: ['unsatisfied'], unsatisfied: true },
    ]);
    expect(b.explain.weakest).toBe('completeness');
    expect(b.explain.items).toEqual([{ id: 'b2', why: ['postponed'] }]);
  });

  it('weights are configuration: quantity alone ranks B (100) above A (83.3)', () => {
    const weights = { quantity: 1, quality: 0, speed: 0, completeness: 0 };
    const r = rateBodies(appeals, { subject: 'org', ...PERIOD, config: { ...DEFAULT_RATING_CONFIG, weights } });
    expect(r.rows.map((x) => [x.key, x.score])).toEqual([
      ['B', 100],
      ['A', 83.3],
    ]);
  });

  it('equal scores share a rank, and minItems is configurable', () => {
    const r = rateBodies([appeal('x1', 'X'), appeal('y1', 'Y')], { subject: 'org', ...PERIOD, config: { ...DEFAULT_RATING_CONFIG, minItems: 1 } });
    // Each: status answered but no answer time → quantity 100 (a reaction), completeness: not final
    // without an answer time, not overdue (closed) → unmeasured; speed and quality unmeasured.
    expect(r.rows.map((x) => [x.key, x.rank, x.score])).toEqual([
      ['X', 1, 100],
      ['Y', 1, 100],
    ]);
  });
});

describe('rateBodies: ОМСУ and ОИВ rated apart', () => {
  const m = (id: string, org: string, oktmo: string, over: Partial<Appeal> = {}) => appeal(id, org, { municipality: oktmo, answeredAt: T + 5 * D, ...over });
  const omsu = [
    m('c1', 'omsu-cheboksary', '97701000'),
    m('c2', 'omsu-cheboksary', '97701000'),
    m('k1', 'omsu-kanashsky', '97516000'),
    m('k2', 'omsu-kanashsky', '97516000', { answeredAt: T + 20 * D }),
  ];
  const oiv = [
    m('z1', 'oiv-minzdrav', '97701000', { status: 'in_progress', answeredAt: undefined }),
    m('z2', 'oiv-minzdrav', '97701000', { status: 'in_progress', answeredAt: undefined }),
  ];

  it('an ОМСУ row (keyed by OKTMO) counts only the items assigned to that ОМСУ, never an ОИВ item in its territory', () => {
    const r = rateBodies([...omsu, ...oiv], { subject: 'municipality', ...PERIOD });
    expect(r.rows.find((x) => x.key === '97701000')!.figures.items).toBe(2);
    expect(r.rows.map((x) => x.key).sort()).toEqual(['97516000', '97701000']);
  });

  it('the ОИВ table has only ОИВ rows', () => {
    const r = rateBodies([...omsu, ...oiv], { subject: 'oiv', ...PERIOD });
    expect(r.rows.map((x) => x.key)).toEqual(['oiv-minzdrav']);
  });

  it('adding ОИВ items never changes any ОМСУ rating (property)', () => {
    const base = rateBodies(omsu, { subject: 'municipality', ...PERIOD });
    const oivItem = fc.record({
      day: fc.integer({ min: 0, max: 29 }),
      status: fc.constantFrom('new', 'in_progress', 'answered', 'extended'),
      org: fc.constantFrom('oiv-minzdrav', 'oiv-mintrans', 'oiv-minobr'),
      oktmo: fc.constantFrom('97701000', '97516000'),
    });
    fc.assert(
      fc.property(fc.array(oivItem, { maxLength: 20 }), (extra) => {
        const more = extra.map((x, i) =>
          appeal(`o${i}`, x.org, {
            municipality: x.oktmo,
            status: x.status as Appeal['status'],
            createdAt: T + x.day * D,
            ...(x.status === 'answered' ? { answeredAt: T + (x.day + 1) * D } : {}),
          }),
        );
        expect(rateBodies([...omsu, ...more], { subject: 'municipality', ...PERIOD })).toEqual(base);
      }),
    );
  });
});

describe('assessBody: the worst items kept while counting equal the first of a full sort', () => {
  it('for any items and limit (property)', () => {
    const item = fc.record({
      day: fc.integer({ min: 0, max: 29 }),
      took: fc.integer({ min: 0, max: 30 }),
      status: fc.constantFrom('new', 'in_progress', 'intermediate', 'extended', 'answered', 'closed'),
      sat: fc.constantFrom('satisfied', 'unsatisfied', undefined),
      app: fc.constantFrom('1', '2', undefined),
    });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 25 }), fc.integer({ min: 0, max: 8 }), (rows, limit) => {
        const items = rows.map((r, i) =>
          appeal(`i${i}`, 'A', {
            createdAt: T + r.day * D,
            status: r.status as Appeal['status'],
            ...(r.status === 'answered' || r.status === 'closed' ? { answeredAt: T + (r.day + r.took) * D } : {}),
            ...(r.sat ? { satisfaction: r.sat as Appeal['satisfaction'] } : {}),
            ...(r.app ? { applicantKey: K(r.app) } : {}),
          }),
        );
        const repeats = RepeatIndex.of(items, { windowDays: 30 }, PERIOD.now);
        const full = assessBody(items, { now: PERIOD.now, config: DEFAULT_RATING_CONFIG, repeats });
        const kept = assessBody(items, { now: PERIOD.now, config: DEFAULT_RATING_CONFIG, repeats, worstLimit: limit });
        expect(kept.worst).toEqual(full.worst.slice(0, limit));
        expect(kept.components).toEqual(full.components);
      }),
    );
  });
});
