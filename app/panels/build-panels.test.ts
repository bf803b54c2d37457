import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DAY_MS, HOUR_MS, mskTime } from '../calendar/msk-time';
import { ACCIDENT_RESOURCES, APPEAL_STATUSES, type Accident, type Appeal, type Entity } from '../domain/entity';
import { buildAccidentsBoard } from './accidents-board';
import { buildPanels } from './build-panels';
import { buildFreshness } from './freshness';
import { buildKpi } from './kpi';
import { DEFAULT_PANELS_CONFIG } from './panels-config';
import { buildRatings } from './ratings-panel';
import { buildSectors } from './sectors-panel';
import { buildSlaBoard } from './sla-board';
import { buildTicker } from './ticker';
import { makeAccident, makeAppeal } from '../../test/support/entities';

const NOW = mskTime(2026, 1, 20, 15);
const CODES = ['97701000', '97710000', '97503000'];

const arbAppeal: fc.Arbitrary<Appeal> = fc
  .record({
    n: fc.nat(),
    municipality: fc.constantFrom(...CODES),
    channel: fc.constantFrom('pos', 'social', 'written'),
    sector: fc.constantFrom('housing', 'roads', 'healthcare', 'pets'),
    org: fc.constantFrom('minstroy', 'minzdrav', 'omsu'),
    status: fc.constantFrom(...APPEAL_STATUSES),
    title: fc.constantFrom('Нет отопления', 'Яма', 'Нет горячей воды'),
    createdAt: fc.integer({ min: NOW - 70 * DAY_MS, max: NOW }),
    dLon: fc.double({ min: -0.05, max: 0.05, noNaN: true }),
  })
  .map((r) =>
    makeAppeal({
      id: `p${r.n}`,
      municipality: r.municipality,
      lon: 47.25 + r.dLon,
      lat: 56.13,
      channel: r.channel,
      sector: r.sector,
      org: r.org,
      status: r.status,
      title: r.title,
      createdAt: r.createdAt,
      ...(r.status === 'answered' || r.status === 'closed' || r.status === 'intermediate' ? { answeredAt: r.createdAt + HOUR_MS } : {}),
    }),
  );
const arbAccident: fc.Arbitrary<Accident> = fc
  .record({
    n: fc.nat(),
    resource: fc.constantFrom(...ACCIDENT_RESOURCES),
    residents: fc.integer({ min: 0, max: 20_000 }),
    startedAt: fc.integer({ min: NOW - 3 * DAY_MS, max: NOW + HOUR_MS }),
    restored: fc.boolean(),
  })
  .map((r) =>
    makeAccident({
      id: `a${r.n}`,
      resource: r.resource,
      residents: r.residents,
      buildings: 3,
      socialObjects: r.n % 3,
      startedAt: r.startedAt,
      plannedRestoreAt: r.startedAt + 6 * HOUR_MS,
      ...(r.restored ? { status: 'resolved', restoredAt: r.startedAt + 2 * HOUR_MS } : { status: 'active' }),
    }),
  );
const arbEntities = fc.uniqueArray(fc.oneof(arbAppeal, arbAccident), { selector: (e) => `${e.kind}:${e.id}`, maxLength: 80 });

describe('buildPanels', () => {
  it('one pass gives exactly what each panel builder gives on its own', () => {
    fc.assert(
      fc.property(arbEntities, (entities) => {
        const c = DEFAULT_PANELS_CONFIG;
        const p = buildPanels(entities, NOW, c);
        expect(p.kpi).toEqual(buildKpi(entities, NOW, c));
        expect(p.sectors).toEqual(buildSectors(entities, NOW, c));
        expect(p.slaBoard).toEqual(buildSlaBoard(entities, NOW, c));
        expect(p.accidents).toEqual(buildAccidentsBoard(entities, NOW, c));
        expect(p.ticker).toEqual(buildTicker(entities, NOW, c));
        expect(p.freshness).toEqual(buildFreshness(entities, NOW));
        expect(p.ratings).toEqual(
          buildRatings(
            entities.filter((e): e is Appeal => e.kind === 'appeal'),
            NOW,
            c,
          ),
        );
      }),
      { numRuns: 60 },
    );
  });

  it('reads the store’s Map as well as an array, and returns plain data that survives structured cloning', () => {
    fc.assert(
      fc.property(arbEntities, (entities) => {
        const map = new Map<string, Entity>(entities.map((e) => [`${e.kind}:${e.id}`, e]));
        const p = buildPanels(map, NOW);
        expect(buildPanels(entities, NOW)).toEqual(p);
        expect(structuredClone(p)).toEqual(p);
        expect(JSON.parse(JSON.stringify(p))).toEqual(p);
      }),
      { numRuns: 30 },
    );
  });

  it('reuses the previous ratings table until it is due, then recomputes it', () => {
    const entities = fc.sample(arbEntities, { numRuns: 1, seed: 7 })[0]!;
    const first = buildPanels(entities, NOW);
    const soon = buildPanels([], NOW + 10_000, DEFAULT_PANELS_CONFIG, { previous: first });
    expect(soon.ratings).toBe(first.ratings);
    expect(soon.kpi.open).toBe(0);
    const later = buildPanels([], NOW + 60_000, DEFAULT_PANELS_CONFIG, { previous: first });
    expect(later.ratings).toMatchObject({ computedAt: NOW + 60_000, rated: 0, top: [] });
    // A table supplied from elsewhere is used as is, due or not.
    expect(buildPanels([], NOW + 3_600_000, DEFAULT_PANELS_CONFIG, { previous: first, ratings: first.ratings }).ratings).toBe(first.ratings);
  });
});
