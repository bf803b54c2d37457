/**
 * "Inside the republic" for ingest validation: point-in-polygon against the republic
 * outline shipped in assets/geo, with a tolerance for the outline's simplification, so a
 * real address on the border is not rejected.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isInsideRepublicBounds } from '../app/domain/municipality';

type Ring = [number, number][];
/** Border tolerance, km: the simplified outline deviates from the real one by less. */
const TOLERANCE_KM = 2;
const KM_PER_DEG_LAT = 111.2;
const KM_PER_DEG_LON = 111.2 * Math.cos((55.5 * Math.PI) / 180);

interface Feature {
  properties: Record<string, unknown> | null;
  geometry: { type: string; coordinates: unknown };
}

/** Finds a file of assets/geo next to the source tree or the bundle (out/hub). */
export function findGeoAsset(name: string): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    const p = path.join(dir, 'assets/geo', name);
    if (existsSync(p)) return p;
    dir = path.dirname(dir);
  }
  throw new Error(`assets/geo/${name} not found next to the hub`);
}

function polygonsOf(features: Feature[]): Ring[][] {
  const out: Ring[][] = [];
  for (const f of features) {
    if (f.geometry.type === 'Polygon') out.push(f.geometry.coordinates as Ring[]);
    else if (f.geometry.type === 'MultiPolygon') out.push(...(f.geometry.coordinates as Ring[][]));
  }
  return out;
}

/** Grid cell size (degrees) of the lookup index: ≈ 1.1 km north–south. */
const CELL = 0.01;
type CellClass = 'inside' | 'outside' | 'border';

export class RepublicShape {
  /** Cells far from any border answer without a polygon test; computed lazily. */
  private readonly cells = new Map<number, CellClass>();

  constructor(private readonly polygons: Ring[][]) {}

  private cellClass(lon: number, lat: number): CellClass {
    const cx = Math.floor(lon / CELL);
    const cy = Math.floor(lat / CELL);
    const key = cx * 100_000 + cy;
    let c = this.cells.get(key);
    if (!c) {
      const clon = (cx + 0.5) * CELL;
      const clat = (cy + 0.5) * CELL;
      const halfDiagKm = Math.hypot((CELL / 2) * KM_PER_DEG_LON, (CELL / 2) * KM_PER_DEG_LAT);
      const d = this.distanceToBorderKm(clon, clat);
      if (d <= halfDiagKm + TOLERANCE_KM) c = 'border';
      else c = this.strictlyContains(clon, clat) ? 'inside' : 'outside';
      this.cells.set(key, c);
    }
    return c;
  }

  static load(file = findGeoAsset('republic.geojson')): RepublicShape {
    return new RepublicShape(polygonsOf((JSON.parse(readFileSync(file, 'utf8')) as { features: Feature[] }).features));
  }

  /** Shapes of the municipalities by OKTMO (the demo places points inside their unit). */
  static loadMunicipalities(file = findGeoAsset('municipalities-2025.geojson')): Map<string, RepublicShape> {
    const byCode = new Map<string, Feature[]>();
    for (const f of (JSON.parse(readFileSync(file, 'utf8')) as { features: Feature[] }).features) {
      const code = String(f.properties?.oktmo ?? '');
      byCode.set(code, [...(byCode.get(code) ?? []), f]);
    }
    return new Map([...byCode].map(([k, fs]) => [k, new RepublicShape(polygonsOf(fs))]));
  }

  /** Strictly inside the polygons (no border tolerance). */
  strictlyContains(lon: number, lat: number): boolean {
    return this.polygons.some((poly) => inRing(poly[0]!, lon, lat) && !poly.slice(1).some((hole) => inRing(hole, lon, lat)));
  }

  /** Inside, or within the border tolerance of the outline. */
  contains(lon: number, lat: number): boolean {
    if (!isInsideRepublicBounds(lon, lat)) return false;
    const c = this.cellClass(lon, lat);
    if (c !== 'border') return c === 'inside';
    return this.strictlyContains(lon, lat) || this.distanceToBorderKm(lon, lat) <= TOLERANCE_KM;
  }

  private distanceToBorderKm(lon: number, lat: number): number {
    let best = Infinity;
    for (const poly of this.polygons)
      for (const ring of poly) for (let i = 1; i < ring.length; i++) best = Math.min(best, segmentKm(lon, lat, ring[i - 1]!, ring[i]!));
    return best;
  }
}

function inRing(ring: Ring, x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function segmentKm(lon: number, lat: number, a: [number, number], b: [number, number]): number {
  const px = lon * KM_PER_DEG_LON,
    py = lat * KM_PER_DEG_LAT;
  const ax = a[0] * KM_PER_DEG_LON,
    ay = a[1] * KM_PER_DEG_LAT;
  const bx = b[0] * KM_PER_DEG_LON,
    by = b[1] * KM_PER_DEG_LAT;
  const dx = bx - ax,
    dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}
