/**
 * One collision policy for the wall map's labels (issue 18): no two names overlap, and live
 * symbols (ЖКХ accidents, SLA breaches) keep their space. maplibre places symbols layer by
 * layer from the top of the style down, each feature in `symbol-sort-key` order, and never
 * lets a label overlap one placed before it (`text-allow-overlap: false`). So the order of
 * the layers is the order of priority:
 * 1. `settlement-labels` (top): the capital, then the okrug centres by population (sort key),
 *    each trying eight anchors around its dot (`text-variable-anchor`): always named;
 * 2. `live-label-obstacles` (added here, right under them): an invisible icon as large as each
 *    accident disk or breach target, always placed (`icon-allow-overlap`) and reserving its
 *    box (`icon-ignore-placement: false`), so every other name moves off live symbols or hides;
 * 3. `municipality-labels`, biggest first, on their point or just above or below it;
 * 4. minor settlements, water, rivers, neighbours: whatever room is left.
 * Pure functions of the style; `wall-map.ts` feeds the obstacles from worker frames.
 */
import type { ExpressionSpecification, GeoJSONSourceSpecification, LayerSpecification, StyleSpecification, SymbolLayerSpecification } from 'maplibre-gl';

export const OBSTACLE_SOURCE = 'live-label-obstacles';
/** The capital's and okrug centres' names: placed first, drawn above every live symbol. */
export const CENTRE_LABELS = 'settlement-labels';
export const OBSTACLE_LAYER = 'live-label-obstacles';
/** The invisible icon of an obstacle (`wall-map.ts` adds it when the style asks for it). */
export const OBSTACLE_IMAGE = 'live-label-obstacle';
/** Its side in pixels: an obstacle of diameter `d` is drawn at `icon-size` d / OBSTACLE_IMAGE_PX. */
export const OBSTACLE_IMAGE_PX = 32;

/** The label layers of the basemap, highest priority first (placement order). */
export const LABEL_LAYERS = ['settlement-labels', 'municipality-labels', 'settlement-labels-minor', 'water-labels', 'river-labels', 'neighbour-labels'] as const;

const EIGHT_ANCHORS: SymbolLayerSpecification['layout'] = {
  'text-variable-anchor': ['top', 'bottom', 'right', 'left', 'top-right', 'top-left', 'bottom-right', 'bottom-left'],
  'text-radial-offset': 0.55,
  'text-justify': 'auto',
};

/** Layout added to each label layer (on top of what the style file says). */
const POLICY: Readonly<Record<string, SymbolLayerSpecification['layout']>> = {
  // Capital first, then centres by rank and population.
  'settlement-labels': { ...EIGHT_ANCHORS, 'symbol-sort-key': ['-', ['*', ['get', 'rank'], 10_000_000], ['get', 'population']] as ExpressionSpecification, 'text-padding': 4 },
  'municipality-labels': { 'text-variable-anchor': ['center', 'top', 'bottom'], 'text-radial-offset': 0.8, 'text-padding': 4 },
  'settlement-labels-minor': { ...EIGHT_ANCHORS, 'symbol-sort-key': ['-', 0, ['get', 'population']] as ExpressionSpecification, 'text-padding': 3 },
  'water-labels': { 'text-padding': 3 },
  'river-labels': { 'text-padding': 3 },
  'neighbour-labels': { 'text-padding': 3 },
};

const isSymbol = (l: LayerSpecification): l is SymbolLayerSpecification => l.type === 'symbol';

/** The style with the label policy applied and the obstacle layer on top (pure; idempotent). */
export function applyLabelPolicy(style: StyleSpecification): StyleSpecification {
  const layers = style.layers.filter((l) => l.id !== OBSTACLE_LAYER).map((l): LayerSpecification => {
    if (!isSymbol(l) || !POLICY[l.id]) return l;
    return { ...l, layout: { ...l.layout, ...POLICY[l.id], 'text-allow-overlap': false, 'text-ignore-placement': false, 'text-optional': false } };
  });
  const source: GeoJSONSourceSpecification = { type: 'geojson', data: { type: 'FeatureCollection', features: [] } };
  const obstacles: SymbolLayerSpecification = {
    id: OBSTACLE_LAYER,
    type: 'symbol',
    source: OBSTACLE_SOURCE,
    layout: {
      'icon-image': OBSTACLE_IMAGE,
      'icon-size': ['/', ['get', 'd'], OBSTACLE_IMAGE_PX],
      'icon-allow-overlap': true,
      'icon-ignore-placement': false,
      'icon-padding': 0,
    },
    // Invisible by its image (all transparent, `LabelObstacles.addImage`).
  };
  // Right under the settlement names: the capital and the okrug centres keep their place
  // whatever lies there; every other name gives way to live symbols.
  const at = layers.findIndex((l) => l.id === CENTRE_LABELS);
  const ordered = at < 0 ? [...layers, obstacles] : [...layers.slice(0, at), obstacles, ...layers.slice(at)];
  return { ...style, sources: { ...style.sources, [OBSTACLE_SOURCE]: style.sources[OBSTACLE_SOURCE] ?? source }, layers: ordered };
}

/** A live symbol that reserves its space: position and diameter in pixels. */
export interface Obstacle {
  readonly lon: number;
  readonly lat: number;
  readonly d: number;
}

/** The obstacles as the GeoJSON of `OBSTACLE_SOURCE`. */
export function obstaclesGeoJson(obstacles: readonly Obstacle[]): GeoJSON.FeatureCollection<GeoJSON.Point, { d: number }> {
  return {
    type: 'FeatureCollection',
    features: obstacles.map((o) => ({ type: 'Feature', properties: { d: o.d }, geometry: { type: 'Point', coordinates: [o.lon, o.lat] } })),
  };
}
