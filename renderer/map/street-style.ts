/**
 * The street-level basemap (issue 17): streets with Russian names, buildings, house numbers and
 * social objects (schools, kindergartens, clinics, hospitals) from zoom ≈ 12, drawn from the
 * vector tiles the hub serves when `npm run basemap` has built them (hub/tiles.ts,
 * `GET /tiles/meta.json`). Without tiles nothing is added: the map is exactly the schematic one.
 *
 * Every layer goes under the live deck.gl layers (which sit just under `neighbour-labels`,
 * style-loader.ts `LABELS_START`) and under the boundaries and the schematic map's labels:
 * the points stay on top, and maplibre places the existing labels (settlements, municipalities)
 * first, so a street name never hides them. Same dark palette as assets/map/style.json. Text is
 * on the wall's type scale (wall/type-scale.ts: every character ≥ 16′ of arc at the duty desk,
 * 43 px for 4 m and a 55″ Full HD panel): street names, house numbers and social objects' names
 * are drawn at that size and maplibre leaves out those that would overlap, rather than
 * drawing small ones nobody can read from the desk. The source carries the
 * attribution «© участники OpenStreetMap», shown while street tiles are on screen.
 */
import type { StreetTilesMeta } from '../../app/protocol/street-tiles';
import type { LayerSpecification, Map as MaplibreMap, StyleSpecification, VectorSourceSpecification } from 'maplibre-gl';

export const STREETS_SOURCE = 'streets';
/** Streets, buildings and social objects appear from this zoom. */
export const STREETS_MIN_ZOOM = 12;
/** House numbers from this zoom (the tiles carry them at 14; too dense below 15). */
export const HOUSENUMBER_MIN_ZOOM = 15;
/** The street tiles' line in the attribution (ODbL asks for it wherever they are shown). */
export const OSM_ATTRIBUTION = 'Улицы и дома © участники OpenStreetMap (ODbL 1.0)';

/** `GET /tiles/meta.json` when the hub has street tiles (app/protocol/street-tiles.ts). */
export type StreetsMeta = StreetTilesMeta;

/** Road classes of the OpenMapTiles schema the wall draws, major first. */
const MAJOR = ['motorway', 'trunk', 'primary', 'secondary', 'tertiary'];
const MINOR = ['minor', 'service'];
export const SOCIAL_SUBCLASSES = ['school', 'kindergarten', 'clinic', 'hospital', 'doctors'];

const HALO = '#0a111e';
/** Russian name first; the tiles' `name` is already name:ru, else name (scripts/basemap/process.lua). */
const NAME = ['coalesce', ['get', 'name:ru'], ['get', 'name']] as const;
const FONT = ['PT Sans Regular'];

/**
 * Where each layer goes: fills and lines just above the water and rivers, below the
 * municipal boundaries; labels below the republic's outline (both under the live layers).
 */
export const BELOW_LINES = 'municipalities-line';
export const BELOW_LABELS = 'republic-glow';

/** Text size when the page has no type scale (`data-type-scale`): the map's settlement size. */
export const DEFAULT_TEXT_PX = 16;

/** The layers, text at `textPx` (the wall's body size, `WallTypeScale.bodyPx`). */
export function streetLayers(textPx = DEFAULT_TEXT_PX): { layer: LayerSpecification; before: string }[] {
  const src = { source: STREETS_SOURCE, minzoom: STREETS_MIN_ZOOM } as const;
  const isMajor: ['in', ['get', string], ['literal', string[]]] = ['in', ['get', 'class'], ['literal', MAJOR]];
  const lineWidth = (z12: number, z16: number, z18: number) => ['interpolate', ['exponential', 1.6], ['zoom'], 12, z12, 16, z16, 18, z18] as const;
  return [
    {
      before: BELOW_LINES,
      layer: {
        id: 'streets-buildings',
        type: 'fill',
        ...src,
        'source-layer': 'building',
        minzoom: 13,
        paint: { 'fill-color': '#24354f', 'fill-outline-color': '#3a5679', 'fill-opacity': ['interpolate', ['linear'], ['zoom'], 13, 0, 14, 1] },
      },
    },
    {
      before: BELOW_LINES,
      layer: {
        id: 'streets-minor',
        type: 'line',
        ...src,
        'source-layer': 'transportation',
        filter: ['in', ['get', 'class'], ['literal', MINOR]],
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': '#2b3f60', 'line-width': lineWidth(0.6, 4, 11) as never },
      },
    },
    {
      before: BELOW_LINES,
      layer: {
        id: 'streets-major',
        type: 'line',
        ...src,
        'source-layer': 'transportation',
        filter: isMajor,
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': '#3d5880', 'line-width': lineWidth(1.4, 7, 18) as never },
      },
    },
    {
      before: BELOW_LINES,
      layer: {
        id: 'streets-social',
        type: 'circle',
        ...src,
        'source-layer': 'poi',
        filter: ['in', ['get', 'subclass'], ['literal', SOCIAL_SUBCLASSES]],
        paint: {
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 12, 3, 16, 6],
          'circle-color': ['match', ['get', 'subclass'], ['school', 'kindergarten'], '#6fb39a', '#d98b8b'],
          'circle-stroke-color': HALO,
          'circle-stroke-width': 1.5,
        },
      },
    },
    {
      before: BELOW_LABELS,
      layer: {
        id: 'streets-housenumbers',
        type: 'symbol',
        source: STREETS_SOURCE,
        'source-layer': 'housenumber',
        minzoom: HOUSENUMBER_MIN_ZOOM,
        // A school's or hospital's number would sit on its marker (scripts/basemap/process.lua).
        filter: ['!', ['has', 'social']],
        layout: { 'text-field': ['get', 'housenumber'], 'text-font': FONT, 'text-size': textPx, 'text-padding': 2 },
        paint: { 'text-color': '#8a9dba', 'text-halo-color': HALO, 'text-halo-width': 1.5 },
      },
    },
    {
      before: BELOW_LABELS,
      layer: {
        id: 'streets-social-labels',
        type: 'symbol',
        ...src,
        'source-layer': 'poi',
        filter: ['in', ['get', 'subclass'], ['literal', SOCIAL_SUBCLASSES]],
        layout: {
          'text-field': NAME as never,
          'text-font': FONT,
          'text-size': textPx,
          'text-variable-anchor': ['top', 'bottom', 'right', 'left'],
          'text-radial-offset': 0.7,
          'text-max-width': 10,
          'text-optional': true,
        },
        paint: {
          'text-color': ['match', ['get', 'subclass'], ['school', 'kindergarten'], '#9fd6bf', '#f0b3b3'],
          'text-halo-color': HALO,
          'text-halo-width': 2,
        },
      },
    },
    {
      before: BELOW_LABELS,
      layer: {
        id: 'streets-names',
        type: 'symbol',
        ...src,
        'source-layer': 'transportation_name',
        filter: ['has', 'name'],
        layout: {
          'symbol-placement': 'line',
          'symbol-spacing': Math.max(350, textPx * 12),
          'text-field': NAME as never,
          'text-font': FONT,
          'text-size': textPx,
          'text-max-angle': 30,
          'text-padding': 4,
        },
        paint: { 'text-color': '#b3c1d5', 'text-halo-color': HALO, 'text-halo-width': 2 },
      },
    },
  ];
}

/** The vector source with absolute tile URLs (maplibre's worker cannot resolve relative ones). */
export function streetSource(meta: StreetsMeta, base: string): VectorSourceSpecification {
  return {
    type: 'vector',
    tiles: meta.tiles.map((t) => new URL(t, base).href.replace(/%7B/g, '{').replace(/%7D/g, '}')),
    minzoom: meta.minzoom,
    maxzoom: meta.maxzoom,
    ...(meta.bounds ? { bounds: meta.bounds } : {}),
    // The hub says «© участники OpenStreetMap»; the line names what it covers, since the
    // schematic map's own line already credits OpenStreetMap for the boundaries.
    attribution: OSM_ATTRIBUTION,
  };
}

/**
 * The layer to insert before: the planned one, else the first live (custom, deck.gl) layer, so a
 * street layer never lands above the live points.
 */
function anchor(map: MaplibreMap, before: string): string | undefined {
  const ids = map.getLayersOrder();
  return ids.includes(before) ? before : ids.find((id) => map.getLayer(id)?.type === 'custom');
}

/** The style with the street source and layers inserted (pure; the same style when present). */
export function withStreets(style: StyleSpecification, meta: StreetsMeta, base: string, textPx?: number): StyleSpecification {
  if (style.sources[STREETS_SOURCE]) return style;
  const out: StyleSpecification = { ...style, sources: { ...style.sources, [STREETS_SOURCE]: streetSource(meta, base) }, layers: [...style.layers] };
  for (const { layer, before } of streetLayers(textPx)) {
    const at = out.layers.findIndex((l) => l.id === before);
    out.layers.splice(at < 0 ? out.layers.length : at, 0, layer);
  }
  return out;
}

/** Adds the street source and layers to a loaded map (once). */
export function addStreets(map: MaplibreMap, meta: StreetsMeta, base: string, textPx?: number): void {
  if (map.getSource(STREETS_SOURCE)) return;
  map.addSource(STREETS_SOURCE, streetSource(meta, base));
  for (const { layer, before } of streetLayers(textPx)) map.addLayer(layer, anchor(map, before));
}

/** The hub's street tiles, or null (none, an old hub, or the request failed). */
export async function fetchStreetsMeta(pageUrl: string): Promise<StreetsMeta | null> {
  try {
    const res = await fetch(new URL('/tiles/meta.json', pageUrl), { cache: 'no-cache' });
    if (!res.ok) return null;
    const meta = (await res.json()) as Partial<StreetsMeta>;
    return meta.available === true && Array.isArray(meta.tiles) && meta.tiles.length > 0 ? (meta as StreetsMeta) : null;
  } catch {
    return null;
  }
}
