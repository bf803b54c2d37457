import { describe, expect, it } from 'vitest';
import { municipalities } from '../../app/domain/municipality';
import { CLASS_FILLS, choroplethClasses, classBreaks, classOf, metricValue, niceFloor } from './choropleth';
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
});
