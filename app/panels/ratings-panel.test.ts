import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DAY_MS, HOUR_MS, mskTime } from '../calendar/msk-time';
import type { Appeal } from '../domain/entity';
import { rateBodies } from '../ratings/rate-bodies';
import { DEFAULT_RATING_CONFIG } from '../ratings/rating-config';
import { PanelsConfigSchema, type PanelsConfig } from './panels-config';
import { buildRatings, ratingPeriods, ratingsDue } from './ratings-panel';
import { makeAppeal, omsuOf } from '../../test/support/entities';

const NOW = mskTime(2026, 1, 20, 15);
const CHEB = '97701000';
const NOVO = '97710000';
const ALAT = '97503000';
let n = 0;
/** A written appeal created `ago` before NOW: `ok` answered, else open and overdue by a day. */
const appeal = (municipality: string, ago: number, ok: boolean): Appeal =>
  makeAppeal({
    id: `a${++n}`,
    municipality,
    channel: 'written',
    sector: 'roads',
    org: omsuOf(municipality),
    topic: `тема ${n}`,
    title: 'Обращение',
    createdAt: NOW - ago,
    ...(ok ? { status: 'answered', answeredAt: NOW - ago + DAY_MS, dueAt: NOW - ago + 2 * DAY_MS } : { status: 'new', dueAt: NOW - ago + DAY_MS }),
  });
const times = (k: number, f: () => Appeal) => Array.from({ length: k }, f);

// Completeness alone: score = 100 × (1 − overdue / items), easy to recount by hand.
const config = (limit: number): PanelsConfig => ({
  ...PanelsConfigSchema.parse({ ratings: { limit } }),
  rating: { ...DEFAULT_RATING_CONFIG, weights: { quantity: 0, quality: 0, speed: 0, completeness: 1 } },
});

describe('ratings table', () => {
  const cur = 10 * DAY_MS;
  const prev = 40 * DAY_MS;
  const appeals = [
    ...times(4, () => appeal(CHEB, cur, true)), // 100
    ...times(3, () => appeal(NOVO, cur, true)), // 75
    appeal(NOVO, cur, false),
    ...times(2, () => appeal(ALAT, cur, false)), // 0
    appeal('97707000', cur, true), // one item: listed as unrated
    appeal(CHEB, prev, true), // previous period: Чебоксары 50, Новочебоксарск 100
    appeal(CHEB, prev, false),
    ...times(2, () => appeal(NOVO, prev, true)),
  ];

  it('ranks with trends against the previous period: up, down, new', () => {
    const t = buildRatings(appeals, NOW, config(2));
    expect(t.top).toMatchObject([
      {
        key: CHEB,
        label: 'Чебоксары',
        rank: 1,
        score: 100,
        components: expect.objectContaining({ completeness: 100 }),
        weakest: 'completeness',
        previousRank: 2,
        previousScore: 50,
        trend: 'up',
      },
      {
        key: NOVO,
        label: 'Новочебоксарск',
        rank: 2,
        score: 75,
        components: expect.objectContaining({ completeness: 75 }),
        weakest: 'completeness',
        previousRank: 1,
        previousScore: 100,
        trend: 'down',
      },
    ]);
    expect(t.bottom).toMatchObject([
      {
        key: ALAT,
        label: 'Алатырский',
        rank: 3,
        score: 0,
        components: expect.objectContaining({ completeness: 0 }),
        weakest: 'completeness',
        previousRank: null,
        previousScore: null,
        trend: 'new',
      },
    ]);
    expect(t).toMatchObject({
      subject: 'municipality',
      from: NOW - 30 * DAY_MS,
      to: NOW,
      previousFrom: NOW - 60 * DAY_MS,
      computedAt: NOW,
      rated: 3,
      unrated: 1,
    });
    // Every ranked body's score, beyond the rows shown (the map's rating choropleth); unrated ones none.
    // Each row carries the figures behind its components and its worst items («why this place»).
    expect(t.top[1]).toMatchObject({ figures: { items: 4, final: 3, overdue: 1 }, worst: [{ why: ['overdue'] }] });
    expect(buildRatings(appeals, NOW, config(1)).scores).toEqual({ [CHEB]: 100, [NOVO]: 75, [ALAT]: 0 });
  });

  it('top N and bottom N never repeat a place', () => {
    const t = buildRatings(appeals, NOW, config(1));
    expect([t.top.map((r) => r.key), t.bottom.map((r) => r.key)]).toEqual([[CHEB], [ALAT]]);
    const all = buildRatings(appeals, NOW, config(5));
    expect([all.top.length, all.bottom.length]).toEqual([3, 0]);
  });

  it('rates organisations when configured, labelled by the directory’s short names', () => {
    const t = buildRatings(appeals, NOW, { ...config(5), ratings: { ...config(5).ratings, subject: 'org' } });
    expect(t.top.map((r) => r.label)).toEqual(['Администрация г. Чебоксары', 'Администрация г. Новочебоксарск', 'Администрация Алатырского МО']);
  });

  it('rates ОИВ apart: an ОИВ table has none of the ОМСУ and the ОМСУ table none of the ОИВ', () => {
    const withOiv = [...appeals, ...times(3, () => ({ ...appeal(CHEB, cur, true), org: 'oiv-minzdrav' }))];
    const oiv = buildRatings(withOiv, NOW, { ...config(5), ratings: { ...config(5).ratings, subject: 'oiv' } });
    expect(oiv.top.map((r) => [r.key, r.label])).toEqual([['oiv-minzdrav', 'Минздрав']]);
    const omsu = buildRatings(withOiv, NOW, config(5));
    expect(omsu.top.map((r) => r.key)).toEqual(buildRatings(appeals, NOW, config(5)).top.map((r) => r.key));
  });
});

describe('rating periods (Moscow time)', () => {
  it('rolling: the last N days against the N before', () => {
    expect(ratingPeriods(NOW, { kind: 'rolling', days: 7 })).toEqual({ from: NOW - 7 * DAY_MS, previousFrom: NOW - 14 * DAY_MS });
  });

  it('calendar: week from Monday, month, quarter; the previous one is whole', () => {
    expect(ratingPeriods(NOW, { kind: 'calendar', unit: 'week' })).toEqual({ from: mskTime(2026, 1, 19), previousFrom: mskTime(2026, 1, 12) });
    expect(ratingPeriods(NOW, { kind: 'calendar', unit: 'month' })).toEqual({ from: mskTime(2026, 1, 1), previousFrom: mskTime(2025, 12, 1) });
    expect(ratingPeriods(NOW, { kind: 'calendar', unit: 'quarter' })).toEqual({ from: mskTime(2026, 1, 1), previousFrom: mskTime(2025, 10, 1) });
    expect(ratingPeriods(mskTime(2026, 5, 31, 23, 59), { kind: 'calendar', unit: 'quarter' })).toEqual({
      from: mskTime(2026, 4, 1),
      previousFrom: mskTime(2026, 1, 1),
    });
    // 00:30 MSK on 1 March is still 28 February in UTC: the Moscow date decides.
    expect(ratingPeriods(mskTime(2026, 3, 1, 0, 30), { kind: 'calendar', unit: 'month' }).from).toBe(mskTime(2026, 3, 1));
  });
});

describe('ratingsDue', () => {
  const cfg = config(5);
  const table = buildRatings([], NOW, cfg);

  it('reuses a table until refreshS has passed; recomputes when the clock steps back or the shape changes', () => {
    expect(ratingsDue(undefined, NOW, cfg)).toBe(true);
    expect(ratingsDue(table, NOW + 59_999, cfg)).toBe(false);
    expect(ratingsDue(table, NOW + 60_000, cfg)).toBe(true);
    expect(ratingsDue(table, NOW - 1, cfg)).toBe(true);
    expect(ratingsDue(table, NOW + 1, { ratings: { ...cfg.ratings, subject: 'org' } })).toBe(true);
    expect(ratingsDue(table, NOW + 1, { ratings: { ...cfg.ratings, limit: 3 } })).toBe(true);
  });

  it('recomputes when a calendar period turns over, even within refreshS', () => {
    const month = { ratings: { ...cfg.ratings, period: { kind: 'calendar' as const, unit: 'month' as const } } };
    const late = buildRatings([], mskTime(2026, 1, 31, 23, 59), { ...cfg, ...month });
    expect(ratingsDue(late, mskTime(2026, 1, 31, 23, 59) + 30_000, month)).toBe(false);
    expect(ratingsDue(late, mskTime(2026, 2, 1), month)).toBe(true);
  });
});

describe('ratings table against rateBodies on all appeals', () => {
  it('reading only the appeals that can count changes nothing (repeats included)', () => {
    const cfg = PanelsConfigSchema.parse({ ratings: { limit: 50, period: { kind: 'rolling', days: 20 } } });
    const arb = fc.record({
      m: fc.constantFrom(CHEB, NOVO, ALAT),
      topic: fc.constantFrom('Яма', 'Свет', 'Мусор'),
      ago: fc.integer({ min: 0, max: 50 * DAY_MS }),
      answeredAfter: fc.option(fc.integer({ min: HOUR_MS, max: 5 * DAY_MS }), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(arb, { maxLength: 60 }), (specs) => {
        const appeals = specs.map((s, i): Appeal =>
          makeAppeal({
            id: `r${i}`,
            municipality: s.m,
            channel: 'pos',
            sector: 'roads',
            org: 'o',
            topic: s.topic,
            title: s.topic,
            createdAt: NOW - s.ago,
            ...(s.answeredAfter !== undefined ? { status: 'answered', answeredAt: NOW - s.ago + s.answeredAfter } : { status: 'new' }),
          }),
        );
        const t = buildRatings(appeals, NOW, cfg);
        const whole = rateBodies(appeals, { subject: 'municipality', from: t.from, to: NOW, now: NOW });
        const before = rateBodies(appeals, { subject: 'municipality', from: t.previousFrom, to: t.from, now: t.from });
        expect([...t.top, ...t.bottom].map((r) => [r.key, r.rank, r.score, r.previousRank])).toEqual(
          whole.rows.map((r) => [r.key, r.rank, r.score, before.rows.find((b) => b.key === r.key)?.rank ?? null]),
        );
      }),
      { numRuns: 150 },
    );
  });
});
