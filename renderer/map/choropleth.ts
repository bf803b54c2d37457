/**
 * Choropleth of municipalities (issue 4): a metric per municipality from the worker's
 * figures, classed into a few steps with round breaks, shown through maplibre feature-state
 * (`fill`) on the `municipalities` source (promoteId = OKTMO). Pure except {@link applyChoropleth}.
 */
import type { Map as MaplibreMap } from 'maplibre-gl';
import { municipalities, type MunicipalitySetId } from '../../app/domain/municipality';
import type { MunicipalityStat } from '../feed/frame';

export const CHOROPLETH_METRICS = ['per10k', 'overdue', 'off'] as const;
export type ChoroplethMetric = (typeof CHOROPLETH_METRICS)[number];

export const METRIC_LABELS: Record<ChoroplethMetric, string> = {
  per10k: 'Обращений на 10 000 жителей',
  overdue: 'Доля просроченных, %',
  off: '',
};

/** Calm sequential fills on the dark land colour: low values stay close to the basemap. */
export const CLASS_FILLS: readonly string[] = ['#16243b', '#1d3352', '#26466b', '#315c86', '#3f74a3'];

export interface ChoroplethClasses {
  metric: ChoroplethMetric;
  /** Upper bounds of the classes but the last (ascending). */
  breaks: number[];
  fills: readonly string[];
  /** Fill per OKTMO code. */
  byCode: Record<string, string>;
}

/** The metric's value for one municipality, or null when it has no meaning (no open appeals). */
export function metricValue(metric: ChoroplethMetric, stat: MunicipalityStat | undefined, population: number): number | null {
  if (metric === 'per10k') return population > 0 ? ((stat?.appeals ?? 0) * 10_000) / population : null;
  if (metric === 'overdue') return stat && stat.open > 0 ? (100 * stat.overdue) / stat.open : null;
  return null;
}

/** The largest round number ≤ x (1, 2, 2.5, 5 × 10^k). */
export function niceFloor(x: number): number {
  if (x <= 0) return 0;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [5, 2.5, 2, 1]) if (m * p <= x + 1e-9) return m * p;
  return p;
}

/**
 * Equal-interval breaks with a round step: `n - 1` breaks for `n` classes, the last class
 * open-ended («и более»), so the largest value always falls in it.
 */
export function classBreaks(max: number, n = CLASS_FILLS.length): number[] {
  const step = niceFloor(max / n) || 1;
  return Array.from({ length: n - 1 }, (_, i) => +(step * (i + 1)).toPrecision(6));
}

export function classOf(value: number, breaks: readonly number[]): number {
  let i = 0;
  while (i < breaks.length && value >= breaks[i]!) i++;
  return i;
}

/** Classes and fills for every municipality of the set. */
export function choroplethClasses(metric: ChoroplethMetric, stats: Record<string, MunicipalityStat>, set: MunicipalitySetId): ChoroplethClasses {
  const byCode: Record<string, string> = {};
  if (metric === 'off') return { metric, breaks: [], fills: CLASS_FILLS, byCode };
  const values = new Map<string, number | null>();
  for (const m of municipalities(set)) values.set(m.oktmo, metricValue(metric, stats[m.oktmo], m.population));
  const max = Math.max(0, ...[...values.values()].filter((v): v is number => v !== null));
  const breaks = classBreaks(max);
  for (const [code, v] of values) byCode[code] = v === null ? CLASS_FILLS[0]! : CLASS_FILLS[classOf(v, breaks)]!;
  return { metric, breaks, fills: CLASS_FILLS, byCode };
}

/** Sets the fills as feature-state; only codes whose fill changed since `previous`. */
export function applyChoropleth(map: MaplibreMap, next: ChoroplethClasses, previous: ChoroplethClasses | null): void {
  const codes = new Set([...Object.keys(next.byCode), ...Object.keys(previous?.byCode ?? {})]);
  for (const code of codes) {
    const fill = next.byCode[code] ?? null;
    if (previous && previous.byCode[code] === fill) continue;
    map.setFeatureState({ source: 'municipalities', id: code }, { fill });
  }
}
