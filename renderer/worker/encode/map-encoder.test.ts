import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Accident, Appeal, Entity } from '../../../app/domain/entity';
import { ALL_SECTORS, sectorIndex } from '../../../app/domain/sector';
import { slaState } from '../../../app/sla/sla-state';
import { appealLook } from '../../../app/ui/map-look';
import { BufferPool } from './buffer-pool';
import { MapEncoder } from './map-encoder';

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 10, 3, 9); // a Monday, 12:00 MSK

function appeal(id: string, over: Partial<Appeal> = {}): Appeal {
  return {
    kind: 'appeal',
    id,
    version: 1,
    municipality: '97701000',
    lon: 47.25,
    lat: 56.13,
    channel: 'written',
    sector: 'roads',
    org: 'o',
    importance: 'normal',
    status: 'new',
    title: 't',
    text: '',
    createdAt: T0,
    ...over,
  };
}

function accident(id: string, over: Partial<Accident> = {}): Accident {
  return {
    kind: 'accident',
    id,
    version: 1,
    municipality: '97701000',
    lon: 47.3,
    lat: 56.1,
    resource: 'heat',
    status: 'active',
    address: 'a',
    operator: 'op',
    residents: 1200,
    buildings: 4,
    socialObjects: 0,
    startedAt: T0,
    plannedRestoreAt: T0 + 6 * 3_600_000,
    ...over,
  };
}

const pool = new BufferPool();

describe('MapEncoder', () => {
  it('moves an appeal into the SLA-breach layer once its deadline passes, with the figures', () => {
    const enc = new MapEncoder({ municipalitySet: '2025' });
    enc.reset([appeal('a1'), appeal('a2', { status: 'closed' })], T0 + DAY);
    let f = enc.flush(pool)!;
    expect(f.appeals!.count).toBe(1);
    expect(f.closed!.count).toBe(1);
    expect(f.breaches!.count).toBe(0);
    expect(f.municipalities!['97701000']).toEqual({ appeals: 2, open: 1, overdue: 0 });
    expect(enc.takeCounts()).toMatchObject({ appeals: 2, openAppeals: 1 });

    // 31 days later nothing arrived, but time alone made a1 overdue.
    enc.sweep(T0 + 31 * DAY);
    f = enc.flush(pool)!;
    expect(f.appeals!.count).toBe(0);
    expect(f.closed).toBeUndefined();
    expect(f.breaches!.count).toBe(1);
    expect(f.breaches!.lineWidths[0]).toBeGreaterThan(appealLook('on_time').lineWidth);
    expect(f.breaches!.radii[0]).toBeGreaterThan(appealLook('on_time').radius);
    expect(f.municipalities!['97701000']).toEqual({ appeals: 2, open: 1, overdue: 1 });
    expect(enc.flush(pool)).toBeNull();
  });

  it('rings an accident once its planned restoration has passed, pulses only active ones, and lets restored ones go after a day', () => {
    const enc = new MapEncoder({ municipalitySet: '2025' });
    enc.reset(
      [accident('x1'), accident('x2', { status: 'resolved', restoredAt: T0 + 3_600_000 }), accident('x3', { status: 'resolved', restoredAt: T0 - 2 * DAY })],
      T0 + 3_600_000,
    );
    let f = enc.flush(pool)!;
    expect([...f.accidents!.ringRadii]).toEqual([0, 0]);
    expect([...f.accidents!.pulseStarts]).toEqual([0, -1]);
    expect(enc.takeCounts()).toMatchObject({ accidents: 3, activeAccidents: 1, residentsWithoutSupply: 1200 });
    enc.sweep(T0 + 7 * 3_600_000);
    f = enc.flush(pool)!;
    const active = f.accidents!.pulseStarts.indexOf(0);
    expect(f.accidents!.ringRadii[active]).toBeGreaterThan(f.accidents!.radii[active]!);
    expect(f.accidents!.ringRadii[1 - active]).toBe(0);
    enc.sweep(T0 + 2 * DAY);
    expect(enc.flush(pool)!.accidents!.count).toBe(1);
  });

  it('links social posts to their accident and drops the line with either end', () => {
    const enc = new MapEncoder({ municipalitySet: '2025' });
    enc.reset([accident('x1'), appeal('p1', { channel: 'social', accidentId: 'x1', lon: 47.31 })], T0);
    let f = enc.flush(pool)!;
    expect(f.links!.count).toBe(1);
    expect([...f.links!.sources]).toEqual([Math.fround(47.3), Math.fround(56.1)]);
    enc.remove({ kind: 'accident', id: 'x1' });
    f = enc.flush(pool)!;
    expect(f.links!.count).toBe(0);
  });

  it('pulses live arrivals only', () => {
    const enc = new MapEncoder({ municipalitySet: '2025' });
    enc.reset([appeal('a1')], T0);
    enc.flush(pool);
    enc.upsert(appeal('a2'), T0, 12.5);
    enc.upsert({ ...appeal('a1'), version: 2 }, T0, null);
    const f = enc.flush(pool)!;
    expect(f.arrivals!.count).toBe(1);
    expect(f.arrivals!.pulseStarts[0]).toBe(12.5);
  });

  it('writes the sector index of each point for the GPU filter, and counts the cells per sector too', () => {
    const enc = new MapEncoder({ municipalitySet: '2025' });
    const near = { lon: 47.25, lat: 56.13 };
    enc.reset(
      [
        appeal('r1', near),
        appeal('r2', near),
        appeal('h1', { ...near, sector: 'housing' }),
        appeal('c1', { ...near, sector: 'healthcare', status: 'closed' }),
        appeal('u1', { sector: 'unknown', lon: 46.5, lat: 55 }),
      ],
      T0,
    );
    const f = enc.flush(pool)!;
    const bySector = (p: { count: number; sectors: Float32Array }) => Array.from(p.sectors.subarray(0, p.count)).sort((x, y) => x - y);
    expect(bySector(f.appeals!)).toEqual([sectorIndex('housing'), sectorIndex('roads'), sectorIndex('roads'), sectorIndex('other')].sort((x, y) => x - y));
    expect(bySector(f.closed!)).toEqual([sectorIndex('healthcare')]);
    // Two cells: 4 appeals near Чебоксары (roads 2, housing 1, healthcare 1), 1 far off (other).
    const h = f.hexes!;
    expect(h.count).toBe(2 + 4);
    expect([...h.sectors].filter((x) => x === ALL_SECTORS)).toHaveLength(2);
    expect(h.maxCount).toBe(4);
    expect(h.maxBySector[sectorIndex('roads')]).toBe(2);
    expect(h.maxBySector[sectorIndex('housing')]).toBe(1);
    expect(h.maxBySector[sectorIndex('other')]).toBe(1);
    expect(h.maxBySector[sectorIndex('transport')]).toBe(0);
    // A removal takes its share out of its sector's cell.
    enc.remove({ kind: 'appeal', id: 'r1' });
    enc.remove({ kind: 'appeal', id: 'h1' });
    const g = enc.flush(pool)!.hexes!;
    expect(g.count).toBe(2 + 3);
    expect(g.maxBySector[sectorIndex('roads')]).toBe(1);
    expect(g.maxBySector[sectorIndex('housing')]).toBe(0);
  });

  it('gives an arrival its sector, and an accident arrival ЖКХ', () => {
    const enc = new MapEncoder({ municipalitySet: '2025' });
    enc.reset([], T0);
    enc.upsert(appeal('a1', { sector: 'education' }), T0, 1);
    enc.upsert(accident('x1'), T0, 2);
    const f = enc.flush(pool)!;
    expect([...f.arrivals!.sectors]).toEqual([sectorIndex('education'), sectorIndex('housing')]);
  });

  it('ends in the same state incrementally as rebuilt from scratch', () => {
    const ids = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f');
    const op = fc.oneof(
      fc.record({
        put: fc.constant(true as const),
        id: ids,
        status: fc.constantFrom<Appeal['status']>('new', 'closed', 'in_progress'),
        days: fc.integer({ min: 0, max: 40 }),
        cell: fc.integer({ min: 0, max: 3 }),
        sector: fc.constantFrom('roads', 'housing', 'waste'),
      }),
      fc.record({ put: fc.constant(false as const), id: ids }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const now = T0 + 20 * DAY;
        const inc = new MapEncoder({ municipalitySet: '2025' });
        inc.reset([], now);
        const state = new Map<string, Entity>();
        for (const o of ops) {
          if (o.put) {
            const e = appeal(o.id, { status: o.status, createdAt: T0 - o.days * DAY, lon: 47 + o.cell * 0.1, sector: o.sector });
            state.set(o.id, e);
            inc.upsert(e, now, null);
          } else {
            state.delete(o.id);
            inc.remove({ kind: 'appeal', id: o.id });
          }
        }
        const full = new MapEncoder({ municipalitySet: '2025' });
        full.reset(state.values(), now);
        const a = inc.flush(pool, { all: true })!;
        const b = full.flush(pool, { all: true })!;
        const sorted = (p: { count: number; positions: Float32Array; radii: Float32Array; sectors: Float32Array }) =>
          Array.from({ length: p.count }, (_, i) => `${p.positions[2 * i]},${p.radii[i]},${p.sectors[i]}`).sort();
        const cells = (h: NonNullable<typeof a.hexes>) =>
          Array.from({ length: h.count }, (_, i) => `${h.positions[2 * i]},${h.sectors[i]},${h.fillColors.subarray(4 * i, 4 * i + 4).join('.')}`).sort();
        expect(sorted(a.appeals!)).toEqual(sorted(b.appeals!));
        expect(sorted(a.closed!)).toEqual(sorted(b.closed!));
        expect(sorted(a.breaches!)).toEqual(sorted(b.breaches!));
        expect(cells(a.hexes!)).toEqual(cells(b.hexes!));
        expect([...a.hexes!.maxBySector]).toEqual([...b.hexes!.maxBySector]);
        expect(a.hexes!.maxCount).toBe(b.hexes!.maxCount);
        expect(a.municipalities).toEqual(b.municipalities);
        expect(inc.takeCounts()).toEqual(full.takeCounts());
      }),
    );
  });

  it('shows every appeal in the SLA state slaState gives, as time passes, re-checking only what may change', () => {
    const spec = fc.record({
      channel: fc.constantFrom<Appeal['channel']>('social', 'pos', 'written'),
      status: fc.constantFrom<Appeal['status']>('new', 'in_progress', 'intermediate', 'extended'),
      importance: fc.constantFrom<Appeal['importance']>('normal', 'high'),
      ageH: fc.integer({ min: 0, max: 24 * 40 }),
    });
    fc.assert(
      fc.property(
        fc.array(spec, { minLength: 1, maxLength: 25 }),
        fc.array(fc.integer({ min: 60_000, max: 36 * 3_600_000 }), { minLength: 1, maxLength: 12 }),
        (specs, steps) => {
          const appeals = specs.map((x, i) =>
            appeal(`s${i}`, { channel: x.channel, status: x.status, importance: x.importance, createdAt: T0 - x.ageH * 3_600_000 }),
          );
          const enc = new MapEncoder({ municipalitySet: '2025' });
          let now = T0;
          enc.reset(appeals, now);
          for (const step of steps) {
            now += step;
            do enc.sweep(now);
            while (enc.sweeping);
            const f = enc.flush(pool, { all: true })!;
            const want = { overdue: 0, at_risk: 0 };
            for (const a of appeals) {
              const s = slaState(a, now);
              if (s === 'overdue' || s === 'at_risk') want[s]++;
            }
            const atRiskRadius = appealLook('at_risk').radius;
            expect(f.breaches!.count, `overdue at +${now - T0} ms`).toBe(want.overdue);
            expect([...f.appeals!.radii].filter((r) => r === atRiskRadius).length, `at risk at +${now - T0} ms`).toBe(want.at_risk);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
