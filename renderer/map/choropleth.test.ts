import { describe, expect, it } from 'vitest';
import { municipalities } from '../../app/domain/municipality';
import { DAY_MS, mskTime } from '../../app/calendar/msk-time';
import { buildRatings } from '../../app/panels/ratings-panel';
import { PanelsConfigSchema } from '../../app/panels/panels-config';
import { scoresByOktmo } from '../../app/ratings/rating-oktmo';
import { DEFAULT_RATING_CONFIG } from '../../app/ratings/rating-config';
import { makeAppeal, omsuOf } from '../../test/support/entities';
import {
  applyChoropleth,
  CLASS_FILLS,
  choroplethClasses,
  classBreaks,
  classOf,
  metricValue,
  niceFloor,
  RATING_BREAKS,
  RATING_FILLS,
  type ChoroplethClasses,
} from './choropleth';
import { formatBreak } from './legend-format';

describe('choropleth', () => {
  it('computes appeals per 10,000 residents and the overdue share', () => {
    expect(metricValue('per10k', { appeals: 50, open: 10, overdue: 2 }, 100_000)).toBe(5);
    expect(metricValue('overdue', { appeals: 50, open: 10, overdue: 2 }, 100_000)).toBe(20);
    expect(metricValue('overdue', { appeals: 50, open: 0, overdue: 0 }, 100_000)).toBeNull();
    expect(metricValue('per10k', undefined, 100_000)).toBe(0);
  });

  it('uses round breaks that cover the largest value', () => {
    expect(niceFloor(3.2)).toBe(2.5);
    expect(niceFloor(21)).toBe(20);
    expect(classBreaks(26)).toEqual([5, 10, 15, 20]);
    expect(classBreaks(1919)).toEqual([250, 500, 750, 1000]);
    expect(classOf(0, [5, 10, 15, 20])).toBe(0);
    expect(classOf(5, [5, 10, 15, 20])).toBe(1);
    expect(classOf(99, [5, 10, 15, 20])).toBe(4);
    expect(formatBreak([5, 10, 15, 20], 0)).toBe('до 5');
    expect(formatBreak([5, 10, 15, 20], 2)).toBe('10–15');
    expect(formatBreak([5, 10, 15, 20], 4)).toBe('20 и более');
  });

  it('gives every municipality of the set a fill, the busiest the darkest class', () => {
    const set = municipalities('2025');
    const stats = Object.fromEntries(set.map((m, i) => [m.oktmo, { appeals: i === 0 ? 10_000 : 1, open: 1, overdue: 0 }]));
    const c = choroplethClasses('per10k', stats, '2025');
    expect(Object.keys(c.byCode).sort()).toEqual(set.map((m) => m.oktmo).sort());
    expect(c.byCode[set[0]!.oktmo]).toBe(CLASS_FILLS[CLASS_FILLS.length - 1]);
    expect(choroplethClasses('off', stats, '2025').byCode).toEqual({});
  });

  it('colours each municipality by its ОМСУ rating score on fixed classes; one not rated keeps the land colour', () => {
    expect(metricValue('rating', undefined, 100_000, 87.5)).toBe(87.5);
    expect(metricValue('rating', { appeals: 5, open: 1, overdue: 1 }, 100_000)).toBeNull();
    expect(RATING_BREAKS).toEqual([80, 85, 90, 95]);
    const c = choroplethClasses('rating', {}, '2025', { '97701000': 96.2, '97710000': 74.8, '97503000': 85 });
    expect(c.breaks).toEqual([80, 85, 90, 95]);
    expect(c.fills).toBe(RATING_FILLS);
    expect(c.byCode).toEqual({ '97701000': RATING_FILLS[4], '97710000': RATING_FILLS[0], '97503000': RATING_FILLS[2] });
    expect(formatBreak(c.breaks, 0)).toBe('до 80');
    expect(formatBreak(c.breaks, 4)).toBe('95 и более');
  });

  it('takes the rating scores from the ratings table (hand-computed: completeness only)', () => {
    const now = mskTime(2026, 1, 20, 15);
    let n = 0;
    // Answered in time, or open and a day overdue: completeness = 100 × (1 − overdue / items).
    const appeal = (municipality: string, ok: boolean) =>
      makeAppeal({
        id: `a${++n}`,
        municipality,
        channel: 'written',
        sector: 'roads',
        org: omsuOf(municipality),
        title: 'Обращение',
        createdAt: now - 10 * DAY_MS,
        ...(ok ? { status: 'answered', answeredAt: now - 9 * DAY_MS, dueAt: now - 8 * DAY_MS } : { status: 'new', dueAt: now - 9 * DAY_MS }),
      });
    const appeals = [
      ...[1, 2, 3, 4].map(() => appeal('97701000', true)), // Чебоксары 4/4 → 100
      ...[1, 2, 3, 4, 5].map((i) => appeal('97710000', i <= 4)), // Новочебоксарск 4/5 → 80
      ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => appeal('97704000', i <= 8)), // Алатырь (2023 code) 8/9 → 88.9, on Алатырский
      appeal('97505000', true), // Аликовский: one item, not rated
    ];
    const config = { ...PanelsConfigSchema.parse({}), rating: { ...DEFAULT_RATING_CONFIG, weights: { quantity: 0, quality: 0, speed: 0, completeness: 1 } } };
    const table = buildRatings(appeals, now, config);
    const scores = scoresByOktmo(table.scores, table.subject);
    expect(scores).toEqual({ '97701000': 100, '97710000': 80, '97503000': 88.9 });
    const c = choroplethClasses('rating', {}, '2025', scores);
    expect(c.byCode).toEqual({ '97701000': RATING_FILLS[4], '97710000': RATING_FILLS[1], '97503000': RATING_FILLS[2] });
  });
});

describe('applyChoropleth', () => {
  const calls = (prev: ChoroplethClasses | null, next: ChoroplethClasses, force: boolean) => {
    const set: [string, unknown][] = [];
    const map = { setFeatureState: (f: { id: string }, s: { fill: unknown }) => set.push([f.id, s.fill]) } as unknown as Parameters<typeof applyChoropleth>[0];
    applyChoropleth(map, next, prev, force);
    return set;
  };
  const rating: ChoroplethClasses = { metric: 'rating', breaks: [], fills: [], byCode: { '97701000': '#111', '97710000': '#222' } };
  const off: ChoroplethClasses = { metric: 'off', breaks: [], fills: [], byCode: {} };

  it('clears the previous scene’s colours even when the recolour is forced (deferred until the map is idle)', () => {
    expect(calls(rating, off, true)).toEqual([
      ['97701000', null],
      ['97710000', null],
    ]);
    expect(calls(rating, off, false)).toEqual([
      ['97701000', null],
      ['97710000', null],
    ]);
  });

  it('forced, sets every class again (a restored style lost them); not forced, only what changed', () => {
    expect(calls(rating, rating, true)).toHaveLength(2);
    expect(calls(rating, rating, false)).toHaveLength(0);
  });
});
