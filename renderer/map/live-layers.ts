/**
 * The deck.gl layer list from the latest map buffers, bottom to top: appeal hexes (zoomed out)
 * or appeal points, accident links, arrival pulses, accidents, then — above every label —
 * SLA breaches. Building the list is cheap: deck.gl only re-uploads attributes whose arrays
 * changed (binary data, compared by reference).
 */
import type { Layer } from '@deck.gl/core';
import type { MapFrame } from '../worker/frame';
import { accidentLinksLayer } from './layers/accident-links-layer';
import { accidentsLayers } from './layers/accidents-layer';
import { appealHexesLayer } from './layers/appeal-hexes-layer';
import { appealsLayer } from './layers/appeals-layer';
import { arrivalsLayer } from './layers/arrivals-layer';
import { slaBreachesLayers } from './layers/sla-breaches-layer';
import { layerFilter, type LayerFilter } from './sector-filter';
import { LABELS_START } from './style-loader';

/** Below this zoom, many appeals are summarised as hexagons instead of points. */
export const AGGREGATE_BELOW_ZOOM = 10;
/** …but only when there are more than this many (a quiet day stays as points). */
export const AGGREGATE_ABOVE_COUNT = 3000;

export type LiveState = Omit<MapFrame, 'municipalities'>;

/** Every sector drawn. */
const ALL = layerFilter(null);

/**
 * Whether appeals are summarised rather than drawn one by one: zoomed out and many of them,
 * or zoomed out with a choropleth on (then it is the summary).
 */
export function shouldAggregate(zoom: number, appeals: number, choropleth: boolean, above = AGGREGATE_ABOVE_COUNT): boolean {
  return zoom < AGGREGATE_BELOW_ZOOM && (choropleth || appeals > above);
}

/**
 * Appeal symbols shrink a little when zoomed out, so hundreds of breaches do not bury the
 * republic (0.75 at its full view, 1 from zoom 9.5), in steps of 0.05.
 */
export function symbolScale(zoom: number): number {
  const s = Math.min(1, Math.max(0.75, 0.75 + (zoom - 7.5) * 0.125));
  return Math.round(s * 20) / 20;
}

/**
 * @param aggregated - appeals summarised (zoomed out, many of them): closed ones leave the
 *   map for the hexagons, open ones stay as points unless they alone are too many
 * @param choropleth - a choropleth is shown: it is the summary then, so hexagons give way
 * @param filter - a sector scene's: other sectors' points, cells, breaches and arrivals are
 *   filtered out on the GPU, accidents hidden unless ЖКХ (nothing is re-uploaded)
 */
export function liveLayers(
  s: LiveState,
  aggregated: boolean,
  choropleth: boolean,
  scale: number,
  above = AGGREGATE_ABOVE_COUNT,
  filter: LayerFilter = ALL,
): Layer[] {
  const before = LABELS_START;
  const layers: Layer[] = [];
  // Empty layers are left out: each kind of layer costs a shader compile at first use.
  const has = <T extends { count: number }>(b: T | undefined): b is T => Boolean(b && b.count > 0);
  const points = filter.points;
  if (has(s.hexes) && aggregated && !choropleth) layers.push(appealHexesLayer({ buffers: s.hexes, beforeId: before, filter: filter.hexes }));
  if (has(s.links)) layers.push(accidentLinksLayer(s.links, before, filter.accidents));
  if (has(s.closed)) layers.push(appealsLayer({ id: 'appeals-closed', buffers: s.closed, beforeId: before, visible: !aggregated, scale, filter: points }));
  if (has(s.appeals))
    layers.push(appealsLayer({ buffers: s.appeals, beforeId: before, visible: !aggregated || s.appeals.count <= above, scale, filter: points }));
  if (has(s.arrivals)) layers.push(arrivalsLayer(s.arrivals, before, points));
  if (has(s.accidents)) layers.push(...accidentsLayers(s.accidents, before, filter.accidents));
  // Above every label: names keep off breaches (they reserve their space, map/label-policy.ts),
  // and one past the obstacles' bound still shows over a name rather than under it.
  if (has(s.breaches)) layers.push(...slaBreachesLayers(s.breaches, scale, points));
  return layers;
}
