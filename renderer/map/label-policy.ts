/**
 * One collision policy for the wall map's labels (issue 18): no two names overlap, live
 * symbols (ЖКХ accidents, SLA breaches) keep their space, and no name runs past the canvas's
 * edge. maplibre places symbols layer by layer from the top of the style down, each feature in
 * `symbol-sort-key` order, and never lets a label overlap one placed before it
 * (`text-allow-overlap: false`). So the order of the layers is the order of priority:
 * 1. `live-label-obstacles` (added here, on top): invisible icons, always placed
 *    (`icon-allow-overlap`) and reserving their box (`icon-ignore-placement: false`): one as
 *    large as each accident disk or breach target, and a frame of boxes just outside the
 *    canvas's four edges and over the attribution (`label-obstacles.ts`), so every name moves
 *    off live symbols and stays whole on the canvas, or hides;
 * 2. `settlement-labels`: the capital, then the okrug centres by population (sort key), each
 *    trying eight anchors around its dot (`text-variable-anchor`): placed before any other name;
 * 2a. `live-label-obstacles-minor`: the open appeals at risk (white ring), after those names
 *    (which may lie over such a dot) and before every other name;
 * 3. `municipality-labels`, on their point or just above or below it;
 * 4. minor settlements (eight anchors, by population), water, rivers, neighbours: whatever
 *    room is left; then the street layers (street-style.ts), under all of these.
 * Pure functions of the style; `wall-map.ts` feeds the obstacles from worker frames.
 */
import type { ExpressionSpecification, GeoJSONSourceSpecification, LayerSpecification, StyleSpecification, SymbolLayerSpecification } from 'maplibre-gl';

export const OBSTACLE_SOURCE = 'live-label-obstacles';
/** The capital's and okrug centres' names: placed first of the names (after the obstacles). */
export const CENTRE_LABELS = 'settlement-labels';
export const OBSTACLE_LAYER = 'live-label-obstacles';
/** The minor obstacles (open appeals at risk): placed after the capital's and okrug centres' names, before the others. */
export const MINOR_OBSTACLE_LAYER = 'live-label-obstacles-minor';
/** The invisible icon of an obstacle (`wall-map.ts` adds it when the style asks for it). */
export const OBSTACLE_IMAGE = 'live-label-obstacle';
/** Its side in pixels: an obstacle of diameter `d` is drawn at `icon-size` d / OBSTACLE_IMAGE_PX. */
export const OBSTACLE_IMAGE_PX = 32;

/** The label layers of the basemap, highest priority first (placement order). */
export const LABEL_LAYERS = [
  'settlement-labels',
  'municipality-labels',
  'settlement-labels-minor',
  'water-labels',
  'river-labels',
  'neighbour-labels',
] as const;

const EIGHT_ANCHORS: SymbolLayerSpecification['layout'] = {
  'text-variable-anchor': ['top', 'bottom', 'right', 'left', 'top-right', 'top-left', 'bottom-right', 'bottom-left'],
  'text-radial-offset': 0.55,
  'text-justify': 'auto',
};

/** Layout added to each label layer (on top of what the style file says). */
const POLICY: Readonly<Record<string, SymbolLayerSpecification['layout']>> = {
  // Capital first, then centres by rank and population.
  'settlement-labels': {
    ...EIGHT_ANCHORS,
    'symbol-sort-key': ['-', ['*', ['get', 'rank'], 10_000_000], ['get', 'population']] as ExpressionSpecification,
    'text-padding': 4,
  },
  'municipality-labels': { 'text-variable-anchor': ['center', 'top', 'bottom'], 'text-radial-offset': 0.8, 'text-padding': 4 },
  'settlement-labels-minor': { ...EIGHT_ANCHORS, 'symbol-sort-key': ['-', 0, ['get', 'population']] as ExpressionSpecification, 'text-padding': 3 },
  'water-labels': { 'text-padding': 3 },
  'river-labels': { 'text-padding': 3 },
  'neighbour-labels': { 'text-padding': 3 },
};

const isSymbol = (l: LayerSpecification): l is SymbolLayerSpecification => l.type === 'symbol';

/** The style with the label policy applied and the obstacle layer on top (pure; idempotent). */
export function applyLabelPolicy(style: StyleSpecification): StyleSpecification {
  const layers = style.layers
    .filter((l) => l.id !== OBSTACLE_LAYER && l.id !== MINOR_OBSTACLE_LAYER)
    .map((l): LayerSpecification => {
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
      // A frame box lies outside the canvas from its anchor just inside the edge (label-obstacles.ts).
      'icon-anchor': ['coalesce', ['get', 'a'], 'center'] as ExpressionSpecification,
    },
    filter: ['!=', ['get', 'm'], 1],
    // Invisible by its image (all transparent, `LabelObstacles.addImage`).
  };
  const minor: SymbolLayerSpecification = { ...obstacles, id: MINOR_OBSTACLE_LAYER, filter: ['==', ['get', 'm'], 1] };
  // On top: placed before every name, so no name covers an alarm symbol or crosses the edge;
  // the minor ones right under the capital's and okrug centres' names, which go before them.
  const at = layers.findIndex((l) => l.id === CENTRE_LABELS);
  const ordered = at < 0 ? [...layers, minor, obstacles] : [...layers.slice(0, at), minor, ...layers.slice(at), obstacles];
  return { ...style, sources: { ...style.sources, [OBSTACLE_SOURCE]: style.sources[OBSTACLE_SOURCE] ?? source }, layers: ordered };
}

/**
 * A symbol that reserves its space: position, side of its square box in pixels, and where the
 * box lies from the position (`center` for a live symbol; a frame box lies outside the edge).
 */
export interface Obstacle {
  readonly lon: number;
  readonly lat: number;
  readonly d: number;
  readonly anchor?: 'center' | 'left' | 'right' | 'top' | 'bottom';
  /** Below the capital's and okrug centres' names in priority (`MINOR_OBSTACLE_LAYER`). */
  readonly minor?: boolean;
}

/** The obstacles as the GeoJSON of `OBSTACLE_SOURCE`. */
export function obstaclesGeoJson(obstacles: readonly Obstacle[]): GeoJSON.FeatureCollection<GeoJSON.Point, { d: number; a?: string; m?: number }> {
  return {
    type: 'FeatureCollection',
    features: obstacles.map((o) => ({
      type: 'Feature',
      properties: { d: o.d, ...(o.anchor && o.anchor !== 'center' ? { a: o.anchor } : {}), ...(o.minor ? { m: 1 } : {}) },
      geometry: { type: 'Point', coordinates: [o.lon, o.lat] },
    })),
  };
}

/** A `text-size` value of the style: a number, an expression or a legacy `{ stops }` function. */
type SizeValue = unknown;

const OUTPUTS_FROM: Readonly<Record<string, (e: readonly unknown[]) => number[]>> = {
  // ['interpolate', interpolation, input, stop, out, stop, out, …] (and its colour-space kin)
  interpolate: (e) => e.map((_, i) => i).filter((i) => i >= 4 && i % 2 === 0),
  'interpolate-hcl': (e) => e.map((_, i) => i).filter((i) => i >= 4 && i % 2 === 0),
  'interpolate-lab': (e) => e.map((_, i) => i).filter((i) => i >= 4 && i % 2 === 0),
  // ['step', input, out0, stop, out, …]
  step: (e) => e.map((_, i) => i).filter((i) => i >= 2 && i % 2 === 0),
  // ['match', input, label, out, …, fallback]
  match: (e) => e.map((_, i) => i).filter((i) => i >= 3 && (i % 2 === 1 || i === e.length - 1)),
  // ['case', condition, out, …, fallback]
  case: (e) => e.map((_, i) => i).filter((i) => i >= 2 && (i % 2 === 0 || i === e.length - 1)),
};

/** Maps every size a `text-size` value can give through `f` (pure); other expressions are multiplied. */
function mapSizes(v: SizeValue, f: (px: number) => number, k: number): SizeValue {
  if (typeof v === 'number') return f(v);
  if (Array.isArray(v) && typeof v[0] === 'string') {
    const outputs = OUTPUTS_FROM[v[0]];
    // A zoom expression must stay at the top, so only its outputs are rewritten.
    if (outputs) {
      const at = new Set(outputs(v));
      return v.map((x, i) => (at.has(i) ? mapSizes(x, f, k) : x));
    }
    return ['*', k, v];
  }
  if (v && typeof v === 'object' && Array.isArray((v as { stops?: unknown }).stops)) {
    const fn = v as { stops: [unknown, unknown][] };
    return { ...fn, stops: fn.stops.map(([z, out]) => [z, mapSizes(out, f, k)]) };
  }
  return v;
}

/** The literal sizes (px) a `text-size` value can give: its numbers at the outputs of its stops, matches and cases. */
export function textSizes(v: SizeValue): number[] {
  const out: number[] = [];
  mapSizes(v, (px) => (out.push(px), px), 1);
  return out;
}

/** maplibre's default `text-size` (px), for a label layer that names none. */
const DEFAULT_TEXT_SIZE = 16;

/**
 * The basemap's labels on the wall's type scale (issue 18 «Real sizes»): the smallest size the
 * style gives any label becomes `bodyPx` (the body size for the screen's viewing distance and
 * pixel pitch), and a larger one `bodyPx × √(size / smallest)`: the hierarchy (capital, okrug
 * centres, municipalities, rivers) keeps its order, compressed, so a capital of 1.8× the
 * smallest in the file is 1.35× the body size rather than crowding out the map. Sizes are
 * rounded up to whole pixels; a `text-size` expression other than stops, matches and cases is
 * multiplied by bodyPx / smallest. Pure; the collision policy (`applyLabelPolicy`) works on the
 * result unchanged (its offsets and anchors are in ems, so they grow with the text).
 */
export function scaleLabelSizes(style: StyleSpecification, bodyPx: number): StyleSpecification {
  const labels = style.layers.filter((l): l is SymbolLayerSpecification => isSymbol(l) && (LABEL_LAYERS as readonly string[]).includes(l.id));
  const sizes = labels.flatMap((l) => (l.layout?.['text-size'] === undefined ? [DEFAULT_TEXT_SIZE] : textSizes(l.layout['text-size'])));
  if (sizes.length === 0 || !(bodyPx > 0)) return style;
  const min = Math.min(...sizes);
  const k = bodyPx / min;
  const scale = (px: number) => Math.ceil(bodyPx * Math.sqrt(px / min) - 1e-9);
  const layers = style.layers.map((l): LayerSpecification => {
    if (!labels.includes(l as SymbolLayerSpecification)) return l;
    const s = l as SymbolLayerSpecification;
    const size = s.layout?.['text-size'] ?? DEFAULT_TEXT_SIZE;
    return { ...s, layout: { ...s.layout, 'text-size': mapSizes(size, scale, k) as NonNullable<SymbolLayerSpecification['layout']>['text-size'] } };
  });
  return { ...style, layers };
}
