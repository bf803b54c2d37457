/**
 * Pointy-top hexagonal binning for the zoomed-out appeal aggregation. Cells are regular in
 * Web Mercator (what the wall shows), measured in kilometres at the republic's middle
 * latitude, so they look regular on screen; cell ids are integers (cheap Map keys).
 */

const LAT0 = 55.5;
const LON0 = 47;
const KM_PER_DEG = 111.32;
const K = KM_PER_DEG * Math.cos((LAT0 * Math.PI) / 180);
const OFFSET = 32768;

function mercY(lat: number): number {
  return (Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360)) * 180) / Math.PI;
}
const Y0 = mercY(LAT0);

function toPlane(lon: number, lat: number): [number, number] {
  return [(lon - LON0) * K, (mercY(lat) - Y0) * K];
}

/** Id of the cell containing the point, for cells of circumradius `radiusKm`. */
export function hexCell(lon: number, lat: number, radiusKm: number): number {
  const [x, y] = toPlane(lon, lat);
  const qf = ((Math.sqrt(3) / 3) * x - y / 3) / radiusKm;
  const rf = ((2 / 3) * y) / radiusKm;
  // Cube rounding.
  const sf = -qf - rf;
  let q = Math.round(qf);
  let r = Math.round(rf);
  const s = Math.round(sf);
  const dq = Math.abs(q - qf);
  const dr = Math.abs(r - rf);
  const ds = Math.abs(s - sf);
  if (dq > dr && dq > ds) q = -r - s;
  else if (dr > ds) r = -q - s;
  return (q + OFFSET) * 65536 + (r + OFFSET);
}

/** Centre [lon, lat] of a cell. */
export function hexCenter(cell: number, radiusKm: number): [number, number] {
  const q = Math.floor(cell / 65536) - OFFSET;
  const r = (cell % 65536) - OFFSET;
  const x = radiusKm * Math.sqrt(3) * (q + r / 2);
  const y = radiusKm * 1.5 * r;
  const lon = x / K + LON0;
  const my = y / K + Y0;
  const lat = (Math.atan(Math.sinh((my * Math.PI) / 180)) * 180) / Math.PI;
  return [lon, lat];
}

/** Distance in the cells' plane, km (for tests). */
export function planeDistanceKm(a: readonly [number, number], b: readonly [number, number]): number {
  const [ax, ay] = toPlane(a[0], a[1]);
  const [bx, by] = toPlane(b[0], b[1]);
  return Math.hypot(ax - bx, ay - by);
}
