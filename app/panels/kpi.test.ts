import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS, mskTime } from '../calendar/msk-time';
import type { Accident, Appeal, Entity } from '../domain/entity';
import { buildKpi } from './kpi';
import { makeAccident, makeAppeal } from '../../test/support/entities';

const NOW = mskTime(2026, 1, 20, 15); // Tue 20 Jan 2026, 15:00 MSK

const appeal = (id: string, over: Partial<Appeal> = {}): Appeal =>
  makeAppeal({ id, channel: 'written', org: 'omsu-cheb', title: 'Обращение', createdAt: NOW - 10 * DAY_MS, ...over });
const accident = (id: string, over: Partial<Accident> = {}): Accident =>
  makeAccident({ id, residents: 100, buildings: 1, startedAt: NOW - 2 * HOUR_MS, plannedRestoreAt: NOW + HOUR_MS, ...over });

describe('KPI header', () => {
  it('counts today (Moscow), open, at risk, overdue, active accidents and residents without supply', () => {
    const entities: Entity[] = [
      appeal('today-1', { createdAt: mskTime(2026, 1, 20, 0, 0), dueAt: NOW + 5 * DAY_MS }), // today from 00:00 MSK, on time
      appeal('today-2', { createdAt: NOW, status: 'closed', answeredAt: NOW }), // today, closed
      appeal('yesterday', { createdAt: mskTime(2026, 1, 19, 23, 59), dueAt: NOW - HOUR_MS }), // overdue
      appeal('risk', { dueAt: NOW + HOUR_MS }), // 1 h of 10 days left: at risk
      appeal('extended', { status: 'extended', dueAt: NOW + 20 * DAY_MS }), // open, neither
      appeal('answered', { status: 'answered', answeredAt: NOW - DAY_MS, dueAt: NOW - 2 * DAY_MS }), // not open, not overdue
      appeal('later', { createdAt: NOW + 1, dueAt: NOW + 30 * DAY_MS }), // after now: open, not today's inflow yet
      accident('big', { residents: 1200 }),
      accident('small', { residents: 300, resource: 'cold_water', address: 'ул. Мира, 3' }),
      // Hot water on the houses of «big» (ул. Мира, 1, spelled otherwise): the same people, counted once.
      accident('big-hw', { residents: 900, resource: 'hot_water', address: 'г. Чебоксары, улица Мира, д. 1' }),
      // A planned outage is not an accident: counted apart.
      accident('planned', { residents: 4000, resource: 'hot_water', nature: 'planned', address: 'ул. Мира, 9' }),
      accident('restored', { residents: 5000, status: 'resolved', restoredAt: NOW - HOUR_MS }),
      accident('future', { residents: 700, startedAt: NOW + HOUR_MS }),
    ];
    expect(buildKpi(entities, NOW)).toEqual({
      dayStart: mskTime(2026, 1, 20),
      inflowToday: 2,
      open: 5,
      atRisk: 1,
      overdue: 1,
      activeAccidents: 3,
      residentsWithoutSupply: 1500, // ул. Мира, 1: max(1,200, 900) + ул. Мира, 3: 300
      plannedOutages: 1,
    });
  });

  it('an empty store gives zeros, and the day starts at Moscow midnight (21:00 UTC)', () => {
    expect(buildKpi([], NOW)).toEqual({
      dayStart: Date.UTC(2026, 0, 19, 21),
      inflowToday: 0,
      open: 0,
      atRisk: 0,
      overdue: 0,
      activeAccidents: 0,
      residentsWithoutSupply: 0,
      plannedOutages: 0,
    });
  });
});
