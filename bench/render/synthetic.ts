/**
 * Synthetic live appeals for the render bench: N points around the municipal centres
 * (population-weighted, as the real inflow), a seeded stream of changes (1 % of the points a
 * second move and change sector), and a probe point that jumps between empty spots outside
 * the republic so both pipelines can time when a change is on screen.
 */
import { municipalities } from '../../app/domain/municipality';
import { DEFAULT_SECTORS } from '../../app/domain/sector';
import { mulberry32 } from '../../test/support/rng';

/** The bench's seeded generator (test/support/rng.ts). */
export const rng = mulberry32;

export interface SynthPoint {
  lon: number;
  lat: number;
  sector: number;
}

export function synthPoint(r: () => number): SynthPoint {
  const ms = municipalities('2025');
  const total = ms.reduce((s, m) => s + m.population, 0);
  let x = r() * total;
  let m = ms[0]!;
  for (const c of ms)
    if ((x -= c.population) <= 0) {
      m = c;
      break;
    }
  const g = () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  const sigma = m.type === 'city_okrug' ? 0.03 : 0.09;
  return { lon: m.centre[0] + g() * sigma * 1.7, lat: m.centre[1] + g() * sigma, sector: Math.floor(r() * (DEFAULT_SECTORS.length - 1)) };
}

/** Empty spots west and east of the republic, where no synthetic point lands. */
export const PROBE_SPOTS: readonly [number, number][] = [
  [45.45, 55.35],
  [45.45, 55.85],
  [49.05, 55.05],
  [49.05, 55.9],
];
/** The probe moves this often (ms). */
export const PROBE_EVERY_MS = 400;
export const PROBE_RGB: readonly [number, number, number] = [255, 0, 255];

/** Page-independent wall-clock ms (worker and page share `performance.timeOrigin` + now). */
export function epochNow(): number {
  return performance.timeOrigin + performance.now();
}

/** Message from a bench worker: what changed and when (epoch ms of the oldest change in it). */
export interface ProbeInfo {
  lon: number;
  lat: number;
  /** Epoch ms when the probe moved there. */
  at: number;
  seq: number;
}
