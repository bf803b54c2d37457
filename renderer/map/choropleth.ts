/**
 * Choropleth of municipalities (issue 4): a metric per municipality from the worker's
 * figures (or, for `rating`, the ОМСУ rating scores of its panel engine), classed into a few
 * steps with round breaks, shown through maplibre feature-state (`fill`) on the
 * `municipalities` source (promoteId = OKTMO). Pure except {@link applyChoropleth}.
 */
import type { Map as MaplibreMap } from 'maplibre-gl';
import { municipalities, type MunicipalitySetId } from '../../app/domain/municipality';
import type { MunicipalityStat } from '../worker/frame';

export const CHOROPLETH_METRICS = ['per10k', 'overdue', 'rating', 'off'] as const;
export type ChoroplethMetric = (typeof CHOROPLETH_METRICS)[number];

export const METRIC_LABELS: Record<ChoroplethMetric, string> = {
  per10k: 'Обращений на 10 000 жителей',
  overdue: 'Доля просроченных, %',
  rating: 'Рейтинг ОМСУ, баллы',
  off: '',
};

/** Calm sequential fills on the dark land colour: low values stay close to the basemap. */
export const CLASS_FILLS: readonly string[] = ['#16243b', '#1d3352', '#26466b', '#315c86', '#3f74a3'];

/**
 * Rating score classes (0–100, higher is better): fixed, so a municipality changes colour only
 * when its own score crosses a line, not when another's moves. Demo and real scores sit mostly
 * above 80; below 80 is the weakest class.
 */
export const RATING_BREAKS: readonly number[] = [80, 85, 90, 95];
/**
 * Diverging orange (weak) → neutral → blue (strong): the orange–blue axis stays apart for
 * every common colour-vision deficiency, and both ends stand out from the dark land while the
 * middle stays close to it. Dark enough for white labels on top.
 */
export const RATING_FILLS: readonly string[] = ['#9a4d0f', '#6b4423', '#2b3447', '#26507a', '#3f7fb3'];

export interface ChoroplethClasses {
  metric: ChoroplethMetric;
  /** Upper bounds of the classes but the last (ascending). */
  breaks: number[];
  fills: readonly string[];
  /** Fill per OKTMO code. */
  byCode: Record<string, string>;
}

/**
 * The metric's value for one municipality, or null when it has no meaning (no open appeals,
 * not rated).
 */
export function metricValue(metric: ChoroplethMetric, stat: MunicipalityStat | undefined, population: number, rating?: number): number | null {
  if (metric === 'rating') return rating ?? null;
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

/**
 * Classes and fills for every municipality of the set. `ratings`: rating scores by OKTMO
 * code (`scoresByOktmo`); a municipality without one keeps the land colour (no fill).
 */
export function choroplethClasses(
  metric: ChoroplethMetric,
  stats: Record<string, MunicipalityStat>,
  set: MunicipalitySetId,
  ratings: Readonly<Record<string, number>> = {},
): ChoroplethClasses {
  const byCode: Record<string, string> = {};
  if (metric === 'off') return { metric, breaks: [], fills: CLASS_FILLS, byCode };
  const values = new Map<string, number | null>();
  for (const m of municipalities(set)) values.set(m.oktmo, metricValue(metric, stats[m.oktmo], m.population, ratings[m.oktmo]));
  const rating = metric === 'rating';
  const fills = rating ? RATING_FILLS : CLASS_FILLS;
  const breaks = rating ? [...RATING_BREAKS] : classBreaks(Math.max(0, ...[...values.values()].filter((v): v is number => v !== null)));
  for (const [code, v] of values) {
    if (v !== null) byCode[code] = fills[classOf(v, breaks)]!;
    else if (!rating) byCode[code] = fills[0]!;
  }
  return { metric, breaks, fills, byCode };
}

/** Sets the fills as feature-state; only codes whose fill changed since `previous`. */
export function applyChoropleth(map: MaplibreMap, next: ChoroplethClasses, previous: ChoroplethClasses | null, force = false): void {
  // Every code coloured before is cleared when it has no class now, forced or not: a forced
  // recolour (after a restore, or deferred until the map is idle) must not leave the previous
  // scene's colours behind.
  const codes = new Set([...Object.keys(next.byCode), ...Object.keys(previous?.byCode ?? {})]);
  for (const code of codes) {
    const fill = next.byCode[code] ?? null;
    if (!force && previous && previous.byCode[code] === fill) continue;
    map.setFeatureState({ source: 'municipalities', id: code }, { fill });
  }
}
