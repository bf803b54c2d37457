import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { HOUR_MS, MINUTE_MS, mskTime } from '../calendar/msk-time';
import { linkedPosts } from '../accidents/linked-posts';
import type { Accident, Appeal, Entity } from '../domain/entity';
import { buildAccidentsBoard, isLinkedPost } from './accidents-board';
import { DEFAULT_PANELS_CONFIG, PanelsConfigSchema } from './panels-config';
import { makeAccident, makeAppeal } from '../../test/support/entities';

const NOW = mskTime(2026, 1, 20, 15);
const accident = (id: string, over: Partial<Accident> = {}): Accident =>
  makeAccident({ id, residents: 1000, startedAt: NOW - 2 * HOUR_MS, plannedRestoreAt: NOW + HOUR_MS, ...over });
const post = (id: string, over: Partial<Appeal> = {}): Appeal =>
  makeAppeal({ id, lon: 47.251, lat: 56.131, org: 'omsu', title: 'Нет отопления в доме', createdAt: NOW - HOUR_MS, ...over });

describe('accidents board', () => {
  const entities: Entity[] = [
    accident('heat', { residents: 1000, startedAt: NOW - 2 * HOUR_MS }), // 2000 resident-hours
    accident('water', { resource: 'cold_water', residents: 300, startedAt: NOW - 10 * HOUR_MS, plannedRestoreAt: NOW - 2 * HOUR_MS, lon: 47.5 }), // 3000, overdue, > 6 h
    accident('gone', { status: 'resolved', restoredAt: NOW - MINUTE_MS, residents: 50_000 }),
    post('p-near'), // heat words, 130 m away, during: linked to «heat»
    post('p-linked', { accidentId: 'water', title: 'Просто вопрос', lon: 46 }), // explicit link wins over place and words
    post('p-far', { lon: 47.4 }), // ~9 km
    post('p-before', { createdAt: NOW - 3 * HOUR_MS }),
    post('p-pos', { channel: 'pos' }),
    post('p-other-words', { title: 'Яма во дворе' }),
  ];
  const board = buildAccidentsBoard(entities, NOW, DEFAULT_PANELS_CONFIG);

  it('lists active accidents only, heaviest (residents × hours) first', () => {
    expect(board.active).toBe(2);
    expect(board.rows.map((r) => [r.id, r.residentHours])).toEqual([
      ['water', 3000],
      ['heat', 2000],
    ]);
  });

  it('gives outage, planned restoration, the overdue flag, thresholds and linked posts', () => {
    expect(board.rows[0]).toEqual({
      key: 'accident:water',
      id: 'water',
      resource: 'cold_water',
      nature: 'emergency',
      address: 'ул. Мира, 1',
      municipality: '97701000',
      operator: 'op-tplus',
      residents: 300,
      buildings: 5,
      socialObjects: 0,
      startedAt: NOW - 10 * HOUR_MS,
      outageMs: 10 * HOUR_MS,
      plannedRestoreAt: NOW - 2 * HOUR_MS,
      // Cold water 10 h: past 4 h single and 8 h a month (ПП № 354, прил. 1, п. 1).
      overdue: true,
      residentHours: 3000,
      crossings: ['interrupted_long', 'month_limit'],
      linkedPosts: 1,
    });
    expect(board.rows[1]).toMatchObject({ id: 'heat', outageMs: 2 * HOUR_MS, overdue: false, crossings: [], linkedPosts: 1 });
  });

  it('shows at most `limit` rows but counts every active accident', () => {
    const config = PanelsConfigSchema.parse({ accidents: { limit: 1 } });
    expect(buildAccidentsBoard(entities, NOW, config)).toMatchObject({ active: 2, rows: [{ id: 'water' }] });
  });

  it('links posts exactly as linkedPosts does', () => {
    const rule = { now: NOW, radiusKm: 3, leadMs: 0 };
    const arbPost = fc.record({
      dLon: fc.double({ min: -0.08, max: 0.08, noNaN: true }),
      dLat: fc.double({ min: -0.04, max: 0.04, noNaN: true }),
      dt: fc.integer({ min: -4 * HOUR_MS, max: HOUR_MS }),
      channel: fc.constantFrom('social', 'pos'),
      sector: fc.constantFrom('housing', 'energy', 'roads'),
      title: fc.constantFrom('Нет отопления', 'Холодные батареи', 'Нет горячей воды', 'Яма', 'Отключили свет'),
      link: fc.constantFrom(undefined, 'A', 'B'),
    });
    const arbAccident = fc.record({ resource: fc.constantFrom('heat', 'hot_water', 'electricity'), restored: fc.constantFrom(undefined, NOW - HOUR_MS / 2) });
    fc.assert(
      fc.property(arbAccident, arbPost, (acc, p) => {
        const a = accident('A', { resource: acc.resource, ...(acc.restored !== undefined ? { restoredAt: acc.restored, status: 'resolved' as const } : {}) });
        const x = post('x', {
          lon: 47.25 + p.dLon,
          lat: 56.13 + p.dLat,
          createdAt: NOW + p.dt,
          channel: p.channel,
          sector: p.sector,
          title: p.title,
          ...(p.link ? { accidentId: p.link } : {}),
        });
        expect(isLinkedPost(x, a, rule)).toBe(linkedPosts(a, [x], { now: NOW }).length === 1);
      }),
      { numRuns: 500 },
    );
  });

  it('lists planned outages after every accident, says what they are, and counts them apart', () => {
    const list: Entity[] = [
      ...entities,
      accident('pressure-test', {
        nature: 'planned',
        resource: 'hot_water',
        residents: 40_000,
        startedAt: NOW - 48 * HOUR_MS,
        plannedRestoreAt: NOW + 5 * 24 * HOUR_MS,
        address: 'ул. Мира, 20',
      }),
    ];
    const b = buildAccidentsBoard(list, NOW, DEFAULT_PANELS_CONFIG);
    expect(b).toMatchObject({ active: 2, planned: 1 });
    expect(b.rows.map((r) => [r.id, r.nature])).toEqual([
      ['water', 'emergency'],
      ['heat', 'emergency'],
      ['pressure-test', 'planned'],
    ]);
    // 48 h of hot water off: no threshold (judged by its announced end).
    expect(b.rows[2]).toMatchObject({ crossings: [], overdue: false });
  });

  it('reads the outdoor temperature from the weather entities for the mass-outage criterion', () => {
    const big = accident('big', { residents: 6000, startedAt: NOW - 5 * HOUR_MS, plannedRestoreAt: NOW + HOUR_MS, address: 'ул. Мира, 30' });
    const thaw = { kind: 'weather' as const, id: 'w', version: 1, municipality: '97701000', lon: 47.25, lat: 56.13, at: NOW - HOUR_MS, temperatureC: 4 };
    const crossed = (list: Entity[]) => buildAccidentsBoard(list, NOW, DEFAULT_PANELS_CONFIG).rows.find((r) => r.id === 'big')!.crossings;
    expect(crossed([big])).toContain('regional_emergency'); // unknown: frost, 5 h > 4 h
    expect(crossed([thaw, big])).not.toContain('regional_emergency'); // +4 °C: 5 h < 12 h
  });
});
