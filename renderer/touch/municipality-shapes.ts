/**
 * The municipalities as SVG paths for the touch panel and the presenter (no WebGL: a
 * tap target and a printable, exportable picture). Loaded once from the renderer's geo assets
 * (`geo/municipalities-2025.geojson`, served next to the page) and projected equirectangularly
 * with the longitude scaled by cos(55.5°), which is true to shape at Chuvashia's latitude.
 */
import { REPUBLIC_BOUNDS } from '../../app/domain/municipality';

export interface Shape {
  oktmo: string;
  /** SVG path data in view units (also valid for canvas `Path2D`). */
  d: string;
}

/** View units of the projected republic. */
export const VIEW_W = 1000;
const [W, S, E, N] = REPUBLIC_BOUNDS;
const KX = Math.cos((55.5 * Math.PI) / 180);
const UNIT = VIEW_W / ((E - W) * KX);
export const VIEW_H = Math.round((N - S) * UNIT);

/** [lon, lat] → view units. */
export function project(lon: number, lat: number): [number, number] {
  return [(lon - W) * KX * UNIT, (N - lat) * UNIT];
}

type Ring = [number, number][];
interface Feature {
  properties: { oktmo: string };
  geometry: { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
}

const ringPath = (ring: Ring) =>
  ring
    .map(([lon, lat], i) => {
      const [x, y] = project(lon, lat);
      return `${i === 0 ? 'M' : 'L'}${x.toFixed(1)} ${y.toFixed(1)}`;
    })
    .join('') + 'Z';

/** Paths of a GeoJSON FeatureCollection of municipalities. */
export function shapesOf(geo: { features: Feature[] }): Shape[] {
  return geo.features.map((f) => {
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    return { oktmo: String(f.properties.oktmo), d: polys.map((p) => p.map(ringPath).join('')).join('') };
  });
}

let loading: Promise<Shape[]> | null = null;

/** The 2025 municipalities, fetched once per page. */
export function loadShapes(): Promise<Shape[]> {
  loading ??= fetch(new URL('geo/municipalities-2025.geojson', document.baseURI))
    .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`HTTP ${r.status}`))))
    .then((g: { features: Feature[] }) => shapesOf(g))
    .catch((e: unknown) => {
      loading = null;
      throw e;
    });
  return loading;
}

const RAMP = ['#2b3f5f', '#4a5a6e', '#8a6a3c', '#c27a2a', '#ee7733'];

/** The [min, max] of the positive values (the ramp's range); [0, 0] when there are none. */
export function rampRange(values: Iterable<number>): [number, number] {
  let min = Infinity;
  let max = 0;
  for (const v of values) {
    if (v <= 0) continue;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  return max > 0 ? [min, max] : [0, 0];
}

/**
 * Fill of a municipality: nothing is dark; positive values in five steps from the smallest
 * positive value to the largest, dark blue to amber (so per-capita figures that are all of one
 * order still tell the municipalities apart).
 */
export function rampColor(value: number, [min, max]: readonly [number, number]): string {
  if (value <= 0 || max <= 0) return '#1a2740';
  const t = max > min ? (value - min) / (max - min) : 1;
  return RAMP[Math.min(RAMP.length - 1, Math.floor(t * RAMP.length))]!;
}
