/**
 * Render-test scenes: a case.json describes what is on the map (appeals by SLA state,
 * accidents by state, or a seeded generated crowd) relative to a fixed `now`; this turns it
 * into feed entities. Deterministic: the same case always gives the same entities.
 */
import type { Accident, AccidentResource, Appeal, Entity } from '../../app/domain/entity';
import { municipalities } from '../../app/domain/municipality';
import { makeAccident, makeAppeal } from '../support/entities';
import { mulberry32 as rng } from '../support/rng';

const HOUR = 3_600_000;

export interface AppealSpec {
  at: [number, number];
  sector: string;
  sla: 'on_time' | 'at_risk' | 'overdue' | 'closed';
  /** Id of the accident this social post is linked to. */
  accident?: string;
}

export interface AccidentSpec {
  id: string;
  at: [number, number];
  resource: AccidentResource;
  state: 'active' | 'overdue' | 'resolved';
  residents: number;
}

export interface RenderCase {
  description: string;
  /** Fixed hub time, ISO 8601. */
  now: string;
  viewport: [number, number];
  /** Camera of the page (default: the republic fitted). */
  camera?: { center: [number, number]; zoom: number };
  /** Extra URL parameters (`metric`, `mset`). */
  params?: Record<string, string>;
  appeals?: AppealSpec[];
  accidents?: AccidentSpec[];
  /** A seeded crowd; `weighting` `uniform` gives every municipality the same share. */
  generate?: { appeals: number; accidents: number; seed: number; weighting?: 'population' | 'uniform' };
}

/** The municipality whose centre is nearest (good enough to file a test point). */
function nearestMunicipality(lon: number, lat: number): string {
  let best = '';
  let bestD = Infinity;
  for (const m of municipalities('2025')) {
    const d = (m.centre[0] - lon) ** 2 * 0.32 + (m.centre[1] - lat) ** 2;
    if (d < bestD) [best, bestD] = [m.oktmo, d];
  }
  return best;
}

export function appealEntity(id: string, s: AppealSpec, now: number): Appeal {
  // Written appeals with an explicit deadline: the SLA state follows from dueAt alone.
  const dueIn = { on_time: 20 * HOUR, at_risk: 1 * HOUR, overdue: -1 * HOUR, closed: 20 * HOUR }[s.sla];
  return makeAppeal({
    id,
    municipality: nearestMunicipality(s.at[0], s.at[1]),
    lon: s.at[0],
    lat: s.at[1],
    channel: s.accident ? 'social' : 'written',
    sector: s.sector,
    org: 'test-org',
    status: s.sla === 'closed' ? 'closed' : 'in_progress',
    title: 'Тестовое обращение',
    createdAt: now - 10 * HOUR,
    dueAt: now + dueIn,
    ...(s.accident ? { accidentId: s.accident } : {}),
  });
}

export function accidentEntity(s: AccidentSpec, now: number): Accident {
  return makeAccident({
    id: s.id,
    municipality: nearestMunicipality(s.at[0], s.at[1]),
    lon: s.at[0],
    lat: s.at[1],
    resource: s.resource,
    status: s.state === 'resolved' ? 'resolved' : 'active',
    address: 'ул. Тестовая, д. 1',
    operator: 'Тест',
    residents: s.residents,
    buildings: Math.max(1, Math.round(s.residents / 200)),
    socialObjects: 0,
    startedAt: now - 5 * HOUR,
    plannedRestoreAt: s.state === 'overdue' ? now - HOUR : now + 3 * HOUR,
    ...(s.state === 'resolved' ? { restoredAt: now - HOUR } : {}),
  });
}

/** Mulberry32: a tiny seeded PRNG. */

const SECTORS = ['roads', 'improvement', 'housing', 'transport', 'healthcare', 'education', 'social', 'energy', 'waste', 'other'];
const RESOURCES: AccidentResource[] = ['heat', 'hot_water', 'cold_water', 'sewerage', 'electricity', 'gas', 'housing'];
/** A year of history: mostly closed; of the rest a few at risk and overdue. */
const SLA_MIX: readonly [AppealSpec['sla'], number][] = [
  ['closed', 0.85],
  ['on_time', 0.1],
  ['at_risk', 0.03],
  ['overdue', 0.02],
];

function pickSla(x: number): AppealSpec['sla'] {
  for (const [s, p] of SLA_MIX) if ((x -= p) <= 0) return s;
  return 'closed';
}

/** A population-weighted crowd around municipal centres, on the hub's ≈ 500 m grid. */
export function generated(g: NonNullable<RenderCase['generate']>, now: number): Entity[] {
  const r = rng(g.seed);
  const ms = municipalities('2025');
  const total = ms.reduce((s, m) => s + m.population, 0);
  const pick = () => {
    if (g.weighting === 'uniform') return ms[Math.floor(r() * ms.length)]!;
    let x = r() * total;
    for (const m of ms) if ((x -= m.population) <= 0) return m;
    return ms[ms.length - 1]!;
  };
  const gauss = () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  const point = (): [number, number] => {
    const m = pick();
    const sigma = m.type === 'city_okrug' ? 0.03 : 0.09;
    const grid = (v: number) => Math.round(v / 0.005) * 0.005;
    return [grid(m.centre[0] + gauss() * sigma * 1.7), grid(m.centre[1] + gauss() * sigma)];
  };
  const out: Entity[] = [];
  for (let i = 0; i < g.appeals; i++)
    out.push(appealEntity(`g-${i}`, { at: point(), sector: SECTORS[Math.floor(r() * SECTORS.length)]!, sla: pickSla(r()) }, now));
  for (let i = 0; i < g.accidents; i++) {
    const state = (['active', 'active', 'overdue', 'resolved'] as const)[Math.floor(r() * 4)]!;
    out.push(
      accidentEntity(
        { id: `gx-${i}`, at: point(), resource: RESOURCES[Math.floor(r() * RESOURCES.length)]!, state, residents: Math.round(10 ** (1 + r() * 3.5)) },
        now,
      ),
    );
  }
  return out;
}

export function caseEntities(c: RenderCase): Entity[] {
  const now = Date.parse(c.now);
  return [
    ...(c.accidents ?? []).map((a) => accidentEntity(a, now)),
    ...(c.appeals ?? []).map((a, i) => appealEntity(`a-${i}`, a, now)),
    ...(c.generate ? generated(c.generate, now) : []),
  ];
}
