import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS, mskTime } from '../calendar/msk-time';
import type { Accident, Appeal, Entity } from '../domain/entity';
import { comparePeriods } from './compare';
import { stepFigures } from './figures';
import { isEmptyFilter, matchesAccident, matchesAppeal } from './item-filter';
import { periodAt } from './periods';
import { makeAccident, makeAppeal } from '../../test/support/entities';

const NOW = mskTime(2026, 1, 15, 12); // Thursday
let n = 0;
const appeal = (over: Partial<Appeal> = {}): Appeal => makeAppeal({ id: `a${n++}`, channel: 'written', sector: 'housing', createdAt: NOW - HOUR_MS, ...over });
const accident = (over: Partial<Accident> = {}): Accident =>
  makeAccident({
    id: `x${n++}`,
    municipality: '97516000',
    lon: 47.5,
    lat: 55.5,
    address: 'ул. Ленина, 1',
    operator: 'ТГК-5',
    residents: 1200,
    buildings: 10,
    startedAt: NOW - 2 * HOUR_MS,
    plannedRestoreAt: NOW + HOUR_MS,
    ...over,
  });

describe('item filter', () => {
  it('filters appeals by sector, channel, SLA state, municipality (2023 codes merged) and org', () => {
    const a = appeal({ municipality: '97707000', sector: 'roads', channel: 'social', createdAt: NOW - 30 * DAY_MS });
    expect(matchesAppeal(a, { municipality: '97516000' }, NOW)).toBe(true); // Канаш (2023) → Канашский
    expect(matchesAppeal(a, { sectors: ['housing'] }, NOW)).toBe(false);
    expect(matchesAppeal(a, { channels: ['social'], sla: ['overdue'] }, NOW)).toBe(true);
    expect(matchesAppeal(a, { sla: ['on_time'] }, NOW)).toBe(false);
    expect(matchesAppeal(a, { org: 'oiv-minzdrav' }, NOW)).toBe(false);
    expect(isEmptyFilter({ sectors: [], channels: [] })).toBe(true);
  });

  it('lets accidents through only when no channel or SLA state is asked, and the sectors include ЖКХ', () => {
    const x = accident();
    expect(matchesAccident(x, {})).toBe(true);
    expect(matchesAccident(x, { sectors: ['housing', 'roads'] })).toBe(true);
    expect(matchesAccident(x, { sectors: ['roads'] })).toBe(false);
    expect(matchesAccident(x, { channels: ['social'] })).toBe(false);
    expect(matchesAccident(x, { org: 'accidents:ТГК-5', municipality: '97516000' })).toBe(true);
  });
});

describe('step figures', () => {
  it('counts the period inflow, the backlog now and active accidents by municipality', () => {
    const entities: Entity[] = [
      appeal(),
      appeal({ channel: 'social', createdAt: NOW - 20 * DAY_MS }), // before the week, overdue now
      appeal({ status: 'closed', answeredAt: NOW - 10 * 60_000 }),
      appeal({ sector: 'roads' }),
      accident(),
      accident({ status: 'resolved', restoredAt: NOW - HOUR_MS }),
    ];
    const f = stepFigures(entities, NOW, { sectors: ['housing'] }, periodAt('week', NOW));
    expect(f).toMatchObject({ appeals: 2, open: 2, overdue: 1, accidents: 2, activeAccidents: 1, residentsWithoutSupply: 1200 });
    expect(f.byMunicipality['97701000']).toEqual({ appeals: 2, overdue: 1, activeAccidents: 0 });
    expect(f.byMunicipality['97516000']).toEqual({ appeals: 0, overdue: 0, activeAccidents: 1 });
  });
});

describe('period comparison', () => {
  it('compares this week with the same span of last week, judged at each span end', () => {
    const lastWeek = NOW - 7 * DAY_MS;
    const entities: Entity[] = [
      appeal(),
      appeal({ createdAt: lastWeek - 3 * DAY_MS - 11 * HOUR_MS, status: 'closed', answeredAt: lastWeek - 3 * DAY_MS }), // Monday 01:00; written: due in 30 d
      appeal({ createdAt: lastWeek - HOUR_MS }),
      appeal({ createdAt: lastWeek + HOUR_MS }), // after the same span of last week
      appeal({ createdAt: lastWeek - 5 * DAY_MS, status: 'closed' }), // before both spans: the data reach back
      accident({ startedAt: lastWeek - 2 * HOUR_MS, restoredAt: lastWeek, status: 'resolved' }),
    ];
    const c = comparePeriods(entities, NOW, 'week');
    expect(c.current.figures.appeals).toBe(1);
    expect(c.previous.figures).toEqual({ appeals: 2, onTimeShare: null, accidents: 1, accidentResidents: 1200, meanRestoreH: 2 });
    expect(c.previousComplete).toBe(true);
    expect(comparePeriods([appeal()], NOW, 'heating-season').previousComplete).toBe(false);
  });

  it('counts the share answered on time among items due within the span', () => {
    const social = (answeredAfterH: number | null) =>
      appeal({
        channel: 'social',
        createdAt: NOW - 3 * DAY_MS,
        ...(answeredAfterH === null ? {} : { status: 'answered', answeredAt: NOW - 3 * DAY_MS + answeredAfterH * HOUR_MS }),
      });
    const c = comparePeriods([social(1), social(200), social(null), social(2)], NOW, 'week');
    expect(c.current.figures.onTimeShare).toBeCloseTo(0.5);
  });
});

describe('step view', () => {
  it('adds the ratings table on a ratings step, and the comparison when the step asks', async () => {
    const { buildStepView } = await import('./step-view');
    const { MeetingStepSchema } = await import('./meeting-script');
    const entities = Array.from({ length: 6 }, (_, i) => appeal({ municipality: i % 2 ? '97701000' : '97516000', createdAt: NOW - (i + 1) * HOUR_MS }));
    const v = buildStepView(entities, NOW, MeetingStepSchema.parse({ scene: 'ratings', period: 'month', compare: 'week' }));
    expect(v.title).toBe('Рейтинг ОИВ и ОМСУ');
    expect(v.ratings?.subject).toBe('municipality');
    expect(v.ratings!.top.length + v.ratings!.unrated).toBeGreaterThan(0);
    expect(v.compare?.current.figures.appeals).toBe(6);
    expect(buildStepView(entities, NOW, MeetingStepSchema.parse({ scene: 'overview' })).ratings).toBeNull();
  });
});
