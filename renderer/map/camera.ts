/**
 * Camera math, pure and testable without a GPU (ARCHITECTURE.md: wall geometry is tested
 * without one). Web Mercator with maplibre's 512-px tiles, north up, no pitch.
 *
 * A map spanning several screens is one virtual canvas: every window renders the part of it
 * at its offset, from the same camera; {@link windowCamera} is that part's own camera.
 */

export type LngLat = readonly [number, number];
/** [west, south, east, north] in degrees. */
export type Bounds = readonly [number, number, number, number];

export interface Camera {
  center: LngLat;
  zoom: number;
}

/** One window's part of a larger virtual canvas (pixels; bezels are the caller's business). */
export interface VirtualViewport {
  canvasWidth: number;
  canvasHeight: number;
  offsetX: number;
  offsetY: number;
  /** The camera of the whole virtual canvas; omitted = fit the republic into it. */
  camera?: Camera;
}

const TILE = 512;
const MAX_LAT = 85.051129;

export function worldSize(zoom: number): number {
  return TILE * 2 ** zoom;
}

/** World pixel coordinates of a point at `zoom`. */
export function project([lon, lat]: LngLat, zoom: number): [number, number] {
  const s = worldSize(zoom);
  const phi = (Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * Math.PI) / 180;
  return [((lon + 180) / 360) * s, (0.5 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / (2 * Math.PI)) * s];
}

export function unproject([x, y]: readonly [number, number], zoom: number): [number, number] {
  const s = worldSize(zoom);
  const lon = (x / s) * 360 - 180;
  const lat = (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / s))) * 180) / Math.PI;
  return [lon, lat];
}

/** The camera that fits `bounds` into a `width`×`height` canvas with `padding` px all round. */
export function fitBounds(bounds: Bounds, width: number, height: number, padding = 0): Camera {
  const [w, s, e, n] = bounds;
  const [x0, y0] = project([w, n], 0);
  const [x1, y1] = project([e, s], 0);
  const availW = Math.max(1, width - 2 * padding);
  const availH = Math.max(1, height - 2 * padding);
  const zoom = Math.log2(Math.min(availW / Math.max(1e-9, x1 - x0), availH / Math.max(1e-9, y1 - y0)));
  const center = unproject([(x0 + x1) / 2, (y0 + y1) / 2], 0);
  return { center, zoom };
}

/**
 * The camera of the window showing the `width`×`height` part at (`offsetX`, `offsetY`) of the
 * virtual canvas: the same zoom, and the centre that puts every point where the virtual
 * canvas has it.
 */
export function windowCamera(v: VirtualViewport & { camera: Camera }, width: number, height: number): Camera {
  const { zoom } = v.camera;
  const [cx, cy] = project(v.camera.center, zoom);
  const dx = v.offsetX + width / 2 - v.canvasWidth / 2;
  const dy = v.offsetY + height / 2 - v.canvasHeight / 2;
  return { center: unproject([cx + dx, cy + dy], zoom), zoom };
}

/** Pixel position of a point in a window whose camera is `cam` (for tests and hit checks). */
export function toWindowPixel(point: LngLat, cam: Camera, width: number, height: number): [number, number] {
  const [px, py] = project(point, cam.zoom);
  const [cx, cy] = project(cam.center, cam.zoom);
  return [px - cx + width / 2, py - cy + height / 2];
}
