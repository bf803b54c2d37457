import { describe, it, expect } from 'vitest';
import type { Appeal } from '../domain/entity';
import { DAY_MS, mskTime } from '../calendar/msk-time';
import { municipalityByOktmo } from '../domain/municipality';
import { DEFAULT_RATING_CONFIG } from './rating-config';
import { rateBodies } from './rate-bodies';
import { makeAppeal } from '../../test/support/entities';

// All hand-computed cases use written appeals with the feed's dueAt: their SLA is measured in
// calendar time, so each share below is plain arithmetic on days.
const T = mskTime(2026, 1, 1);
const D = DAY_MS;
const PERIOD = { from: T, to: T + 31 * D, now: T + 30 * D };

const appeal = (id: string, org: string, over: Partial<Appeal> = {}): Appeal =>
  makeAppeal({ id, channel: 'written', topic: `topic-${id}`, org, status: 'answered', title: 'Обращение', createdAt: T, dueAt: T + 10 * D, ...over });

// Org A, 5 items:
//   a1 answered day 2 of 10 → on time, used 0.2; topic «Отопление»; repeated by a5 → bounced
//   a2 answered day 5 of 10 → on time, used 0.5
//   a3 answered day 15, due day 10 → late by 5 days, used 1.5 → capped at 1
//   a4 open, due day 11, now day 30 → overdue by 19 days
//   a5 created day 4 (after a1's answer on day 2, same place/topic), answered day 6, due day 14
//      → on time, used 2/10 = 0.2
// Org B, 2 items:
//   b1 answered day 1 of 10 → on time, used 0.1
//   b2 extended (feed due day 40), open at day 30 → postponed
// Org C, 1 item → below minItems = 2, unrated.
const appeals: Appeal[] = [
  appeal('a1', 'A', { answeredAt: T + 2 * D, topic: 'Отопление' }),
  appeal('a2', 'A', { answeredAt: T + 5 * D }),
  appeal('a3', 'A', { answeredAt: T + 15 * D }),
  appeal('a4', 'A', { status: 'in_progress', createdAt: T + D, dueAt: T + 11 * D }),
  appeal('a5', 'A', { createdAt: T + 4 * D, answeredAt: T + 6 * D, dueAt: T + 14 * D, topic: 'отопление ' }),
  appeal('b1', 'B', { answeredAt: T + D }),
  appeal('b2', 'B', { status: 'extended', createdAt: T + 20 * D, dueAt: T + 40 * D }),
  appeal('c1', 'C', { answeredAt: T + D }),
  appeal('old', 'A', { createdAt: T - 5 * D, answeredAt: T - 4 * D }), // before the period: not rated
];
const satisfaction = new Map([
  ['a1', 5],
  ['a2', 4],
  ['a3', 1],
  ['b1', 7], // out of the 1–5 scale: ignored
]);

describe('rateBodies: hand-computed organisations', () => {
  const result = rateBodies(appeals, { subject: 'org', ...PERIOD, satisfaction });
  const a = result.rows.find((r) => r.key === 'A')!;
  const b = result.rows.find((r) => r.key === 'B')!;

  it('org A: speed 56.25, completeness 80, quality 75, satisfaction 58.33, score 67.4', () => {
    // decided = 4 answered + 1 open overdue = 5; on time a1, a2, a5 = 3 → 3/5 = 0.6
    // mean used share = (0.2 + 0.5 + 1 + 0.2) / 4 = 0.475 → time part 1 − 0.475 = 0.525
    // speed = 100 × (0.5 × 0.6 + 0.5 × 0.525) = 56.25
    expect(a.components.speed).toBeCloseTo(56.25, 9);
    // completeness = 100 × (1 − (1 overdue + 0.5 × 0 postponed) / 5) = 80
    expect(a.components.completeness).toBeCloseTo(80, 9);
    // quality = 100 × (1 − 1 bounced (a1) / 4 answered) = 75
    expect(a.components.quality).toBeCloseTo(75, 9);
    // satisfaction: mean(5, 4, 1) = 10/3 → 100 × (10/3 − 1) / 4 = 58.333…
    expect(a.components.satisfaction).toBeCloseTo(58.3333, 3);
    expect(a.components.volume).toBeUndefined(); // orgs have no population
    // score = (0.3 × 56.25 + 0.25 × 80 + 0.2 × 75 + 0.15 × 58.333) / 0.9
    //       = (16.875 + 20 + 15 + 8.75) / 0.9 = 60.625 / 0.9 = 67.36 → 67.4
    expect(a.score).toBe(67.4);
    expect(a.figures).toMatchObject({ items: 5, answered: 4, answeredOnTime: 3, decided: 5, overdue: 1, postponed: 0, bounced: 1, satisfactionCount: 3 });
    // mean first answer = (2 + 5 + 15 + 2) days / 4 = 6 days
    expect(a.figures.meanFirstAnswerMs).toBe(6 * D);
  });

  it('org B: speed 95, completeness 75, quality 100, no satisfaction → score 89.7', () => {
    // decided = 1 (b1), on time 1 → 1; time part 1 − 0.1 = 0.9; speed = 100 × (0.5 + 0.45) = 95
    expect(b.components.speed).toBeCloseTo(95, 9);
    // completeness = 100 × (1 − 0.5 × 1 postponed / 2) = 75
    expect(b.components.completeness).toBeCloseTo(75, 9);
    expect(b.components.quality).toBeCloseTo(100, 9);
    expect(b.components.satisfaction).toBeUndefined(); // the only score (7) is off the scale
    // score = (0.3 × 95 + 0.25 × 75 + 0.2 × 100) / 0.75 = (28.5 + 18.75 + 20) / 0.75 = 89.67 → 89.7
    expect(b.score).toBe(89.7);
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
      { id: 'a3', why: ['late', 'low_satisfaction'], lateMs: 5 * D, satisfaction: 1 },
      { id: 'a1', why: ['repeat'], repeatedBy: ['a5'] },
    ]);
    expect(b.explain.weakest).toBe('completeness');
    expect(b.explain.items).toEqual([{ id: 'b2', why: ['postponed'] }]);
  });

  it('weights are configuration: completeness alone ranks A (80) above B (75)', () => {
    const weights = { speed: 0, completeness: 1, quality: 0, satisfaction: 0, volume: 0 };
    const r = rateBodies(appeals, { subject: 'org', ...PERIOD, config: { ...DEFAULT_RATING_CONFIG, weights } });
    expect(r.rows.map((x) => [x.key, x.score])).toEqual([
      ['A', 80],
      ['B', 75],
    ]);
  });

  it('equal scores share a rank, and minItems is configurable', () => {
    const r = rateBodies(
      [appeal('x1', 'X'), appeal('y1', 'Y')],
      { subject: 'org', ...PERIOD, config: { ...DEFAULT_RATING_CONFIG, minItems: 1 } },
    );
    // Each: status answered but no answeredAt → no answer time, so speed and quality cannot be
    // measured; closed, so not overdue → completeness 100 → score 100 for both, rank 1 for both.
    expect(r.rows.map((x) => [x.key, x.rank, x.score])).toEqual([
      ['X', 1, 100],
      ['Y', 1, 100],
    ]);
  });
});

describe('rateBodies: municipalities per capita', () => {
  // Every item: answered day 5 of 10 → speed = 100 × (0.5 × 1 + 0.5 × 0.5) = 75; completeness
  // 100; quality 100; no satisfaction.
  const m = (id: string, oktmo: string) => appeal(id, `omsu-${oktmo}`, { municipality: oktmo, answeredAt: T + 5 * D });
  const list = [m('m1', '97501000'), m('m2', '97501000'), m('n1', '97502000'), m('n2', '97502000'), m('n3', '97502000'), m('n4', '97502000')];
  const populationOf = (k: string) => ({ '97501000': 20_000, '97502000': 100_000 })[k];

  it('volume: 2 items / 20,000 = 1.0 per 10k vs 4 / 100,000 = 0.4 per 10k → volume 40 vs 100', () => {
    const r = rateBodies(list, { subject: 'municipality', ...PERIOD, populationOf });
    const small = r.rows.find((x) => x.key === '97501000')!;
    const big = r.rows.find((x) => x.key === '97502000')!;
    expect(small.figures.perCapita).toBeCloseTo(1.0, 9);
    expect(big.figures.perCapita).toBeCloseTo(0.4, 9);
    // volume = 100 × lowest rate / own rate: 100 × 0.4 / 1.0 = 40; 100 × 0.4 / 0.4 = 100
    expect(small.components.volume).toBeCloseTo(40, 9);
    expect(big.components.volume).toBeCloseTo(100, 9);
    // small: (0.3 × 75 + 0.25 × 100 + 0.2 × 100 + 0.1 × 40) / 0.85 = 71.5 / 0.85 = 84.12 → 84.1
    // big:   (22.5 + 25 + 20 + 10) / 0.85 = 77.5 / 0.85 = 91.18 → 91.2
    expect([small.score, big.score]).toEqual([84.1, 91.2]);
    expect(r.rows.map((x) => x.key)).toEqual(['97502000', '97501000']);
  });

  it('by default takes the population from the municipality facts (Чебоксары)', () => {
    const che = [m('c1', '97701000'), m('c2', '97701000')];
    const r = rateBodies(che, { subject: 'municipality', ...PERIOD });
    const pop = municipalityByOktmo('97701000')!.population;
    expect(r.rows[0]!.figures.perCapita).toBeCloseTo((2 / pop) * 10_000, 9);
    expect(r.rows[0]!.components.volume).toBeCloseTo(100, 9);
  });

  it('include() restricts the table, e.g. to ОМСУ orgs', () => {
    const mixed = [...list, appeal('o1', 'oiv-health', { municipality: '97501000', answeredAt: T + D }), appeal('o2', 'oiv-health', { municipality: '97501000', answeredAt: T + D })];
    const r = rateBodies(mixed, { subject: 'municipality', ...PERIOD, populationOf, include: (a) => a.org.startsWith('omsu-') });
    expect(r.rows.find((x) => x.key === '97501000')!.figures.items).toBe(2);
  });
});
