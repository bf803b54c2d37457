import { describe, expect, it } from 'vitest';
import { HOUR_MS, MINUTE_MS, mskTime } from '../calendar/msk-time';
import type { Accident, Appeal, AppealChannel } from '../domain/entity';
import { buildFreshness } from './freshness';
import { makeAccident, makeAppeal } from '../../test/support/entities';

const NOW = mskTime(2026, 1, 20, 15);
const appeal = (id: string, channel: AppealChannel, createdAt: number): Appeal =>
  makeAppeal({ id, channel, sector: 'roads', org: 'x', title: 'Обращение', createdAt });
const accident = (id: string, startedAt: number, restoredAt?: number): Accident =>
  makeAccident({
    id,
    residents: 10,
    buildings: 1,
    startedAt,
    plannedRestoreAt: startedAt + HOUR_MS,
    ...(restoredAt !== undefined ? { status: 'resolved', restoredAt } : { status: 'active' }),
  });

describe('freshness per source', () => {
  it('the newest item time and its age per channel; null for a silent source', () => {
    const f = buildFreshness([appeal('a', 'social', NOW - 5 * MINUTE_MS), appeal('b', 'social', NOW - 40 * 1000), appeal('c', 'pos', NOW - HOUR_MS)], NOW);
    expect(f).toEqual({
      pos: { lastAt: NOW - HOUR_MS, ageMs: HOUR_MS },
      social: { lastAt: NOW - 40_000, ageMs: 40_000 },
      written: { lastAt: null, ageMs: null },
      accident: { lastAt: null, ageMs: null },
    });
  });

  it('an accident counts at its start and at its restoration (not a restoration still in the future)', () => {
    expect(buildFreshness([accident('x', NOW - 3 * HOUR_MS, NOW - HOUR_MS)], NOW).accident).toEqual({ lastAt: NOW - HOUR_MS, ageMs: HOUR_MS });
    expect(buildFreshness([accident('y', NOW - 3 * HOUR_MS, NOW + HOUR_MS)], NOW).accident.lastAt).toBe(NOW - 3 * HOUR_MS);
  });

  it('an item stamped ahead of the hub clock shows as just now, never a negative age', () => {
    expect(buildFreshness([appeal('f', 'written', NOW + 2000)], NOW).written).toEqual({ lastAt: NOW + 2000, ageMs: 0 });
  });
});
