import { describe, expect, it } from 'vitest';
import { MINUTE_MS, mskTime } from '../calendar/msk-time';
import type { Accident, Appeal, Entity } from '../domain/entity';
import { PanelsConfigSchema } from './panels-config';
import { buildTicker } from './ticker';
import { makeAccident, makeAppeal } from '../../test/support/entities';

const NOW = mskTime(2026, 1, 20, 15);
const appeal = (id: string, createdAt: number): Appeal =>
  makeAppeal({ id, municipality: '97710000', lon: 47.5, lat: 56.1, channel: 'pos', sector: 'roads', org: 'minstroy', title: `Яма ${id}`, createdAt });
const accident = (id: string, startedAt: number): Accident =>
  makeAccident({ id, resource: 'gas', operator: 'Газпром', residents: 40, buildings: 1, startedAt, plannedRestoreAt: startedAt + 60 * MINUTE_MS });

describe('ticker', () => {
  it('the newest items of both kinds, newest first, ties by key, cut to the limit', () => {
    const entities: Entity[] = [
      appeal('old', NOW - 60 * MINUTE_MS),
      accident('g1', NOW - 5 * MINUTE_MS),
      appeal('b', NOW - MINUTE_MS),
      appeal('a', NOW - MINUTE_MS),
      appeal('mid', NOW - 10 * MINUTE_MS),
    ];
    const { items } = buildTicker(entities, NOW, PanelsConfigSchema.parse({ ticker: { limit: 4 } }));
    expect(items.map((i) => i.key)).toEqual(['appeal:a', 'appeal:b', 'accident:g1', 'appeal:mid']);
    expect(items[0]).toEqual({
      kind: 'appeal',
      key: 'appeal:a',
      at: NOW - MINUTE_MS,
      title: 'Яма a',
      municipality: '97710000',
      channel: 'pos',
      sector: 'roads',
    });
    expect(items[2]).toEqual({
      kind: 'accident',
      key: 'accident:g1',
      at: NOW - 5 * MINUTE_MS,
      title: 'Газоснабжение: ул. Мира, 1',
      municipality: '97701000',
      resource: 'gas',
      residents: 40,
    });
  });
});
