/**
 * Wall geometry: one map across several screens, and the type scale. Pure; tested without a
 * GPU (ARCHITECTURE.md "The wall").
 *
 * A map region spanning several screens is one **virtual canvas**: the picture of the whole
 * wall, bezels included, at the panels' pixel pitch. Each screen's window renders its own
 * viewport (an offset rectangle) of that canvas, driven by the same camera. Because the bezel
 * gaps are part of the canvas (the map "continues behind the frames"), a straight road stays
 * straight across a seam instead of jumping by the frame's width.
 */
import { mapRegions, physicalOf, type WallLayout, type WallScreen } from './wall-layout';

/** A screen's rectangle of its region's virtual canvas, in canvas pixels (= the panel's pixels). */
export interface CanvasViewport {
  /** Size of the whole virtual canvas of the region. */
  canvasWidth: number;
  canvasHeight: number;
  /** Top-left corner of this screen's picture on the canvas. */
  offsetX: number;
  offsetY: number;
  /** Size of this screen's picture (its resolution). */
  width: number;
  height: number;
}

export interface ScreenViewport extends CanvasViewport {
  screenId: string;
  /** The map region (virtual canvas) this viewport belongs to. */
  region: string;
}

/**
 * The viewports of the screens of one map region, in layout order.
 *
 * - Several screens: each screen's picture sits on the canvas where it physically is. The
 *   top-left of a screen's picture is `(col × cellWidth + bezel.left, row × cellHeight +
 *   bezel.top)` mm from the wall's top-left, converted at the region's pixel pitch and rounded
 *   to whole pixels (rounding each position, never accumulating gaps, keeps every screen
 *   within half a pixel of its physical place however wide the wall). The canvas starts at
 *   the top-left-most picture and ends at the bottom-right-most one.
 * - One screen: its whole picture, when its resolution is known.
 * - Screens without the physical facts (possible only in an unvalidated layout) are left out.
 */
export function regionViewports(layout: Pick<WallLayout, 'screens'>, region: string): ScreenViewport[] {
  const members = (mapRegions(layout).get(region) ?? []).map((i) => layout.screens[i]!);
  if (members.length === 1) {
    const s = members[0]!;
    if (!s.resolution) return [];
    const { width, height } = s.resolution;
    return [{ screenId: s.id, region, canvasWidth: width, canvasHeight: height, offsetX: 0, offsetY: 0, width, height }];
  }
  const placed = members.flatMap((s) => {
    const p = physicalOf(s);
    return p ? [{ s, p }] : [];
  });
  const ref = placed[0]?.p;
  if (!ref) return [];
  // One pitch and one grid cell per region (the layout validation guarantees they agree).
  const raw = placed.map(({ s, p }) => ({
    s,
    p,
    x: (p.grid.col * ref.cellMm.width + p.bezelMm.left) / ref.pitchX,
    y: (p.grid.row * ref.cellMm.height + p.bezelMm.top) / ref.pitchY,
  }));
  const minX = Math.min(...raw.map((r) => r.x));
  const minY = Math.min(...raw.map((r) => r.y));
  const rects = raw.map((r) => ({
    screenId: r.s.id,
    offsetX: Math.round(r.x - minX),
    offsetY: Math.round(r.y - minY),
    width: r.p.resolution.width,
    height: r.p.resolution.height,
  }));
  const canvasWidth = Math.max(...rects.map((r) => r.offsetX + r.width));
  const canvasHeight = Math.max(...rects.map((r) => r.offsetY + r.height));
  return rects.map((r) => ({ ...r, region, canvasWidth, canvasHeight }));
}

/** Every map-region screen's viewport, by screen id. */
export function wallViewports(layout: Pick<WallLayout, 'screens'>): Map<string, ScreenViewport> {
  const out = new Map<string, ScreenViewport>();
  for (const region of mapRegions(layout).keys()) for (const v of regionViewports(layout, region)) out.set(v.screenId, v);
  return out;
}

/**
 * A viewport rescaled to a window whose size differs from the panel's pixels: a display with
 * a scale factor (a 4K panel at 200 % has a 1920-DIP window) or a mode other than the layout's.
 * `scale` = window width in CSS px / picture width in panel px. Rounded to whole CSS px.
 */
export function scaleViewport(v: CanvasViewport, scale: number): CanvasViewport {
  if (!(scale > 0) || !Number.isFinite(scale)) throw new Error(`bad viewport scale ${scale}`);
  const r = (n: number): number => Math.round(n * scale);
  return {
    canvasWidth: r(v.canvasWidth),
    canvasHeight: r(v.canvasHeight),
    offsetX: r(v.offsetX),
    offsetY: r(v.offsetY),
    width: r(v.width),
    height: r(v.height),
  };
}

// ---------------------------------------------------------------------------------------------
// Camera: Web Mercator with 512-px tiles, the same as maplibre-gl.

/** Side of the world in pixels at zoom 0 (maplibre's tile size). */
export const TILE_SIZE = 512;

/** One camera of a map: centre, zoom, and bearing in degrees clockwise from north (maplibre's). Pitch must be 0 for a spanning map. */
export interface MapCamera {
  lng: number;
  lat: number;
  zoom: number;
  /** @default 0 */
  bearing?: number;
}

export interface Point {
  x: number;
  y: number;
}

/** World pixel coordinates of a longitude/latitude at `zoom` (x east, y south). */
export function projectWorld(lng: number, lat: number, zoom: number): Point {
  const size = TILE_SIZE * 2 ** zoom;
  const phi = (lat * Math.PI) / 180;
  return {
    x: ((lng + 180) / 360) * size,
    y: ((1 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / Math.PI) / 2) * size,
  };
}

/** Inverse of {@link projectWorld}. */
export function unprojectWorld(x: number, y: number, zoom: number): { lng: number; lat: number } {
  const size = TILE_SIZE * 2 ** zoom;
  return {
    lng: (x / size) * 360 - 180,
    lat: (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / size))) * 180) / Math.PI,
  };
}

function rotate(p: Point, degrees: number): Point {
  const a = (degrees * Math.PI) / 180;
  const c = Math.cos(a);
  const s = Math.sin(a);
  return { x: p.x * c - p.y * s, y: p.x * s + p.y * c };
}

/** Where a longitude/latitude lands in a view of `size` pixels looked at through `camera`. */
export function projectToView(camera: MapCamera, size: { width: number; height: number }, lng: number, lat: number): Point {
  const c = projectWorld(camera.lng, camera.lat, camera.zoom);
  const w = projectWorld(lng, lat, camera.zoom);
  const v = rotate({ x: w.x - c.x, y: w.y - c.y }, -(camera.bearing ?? 0));
  return { x: v.x + size.width / 2, y: v.y + size.height / 2 };
}

/** The longitude/latitude under pixel `p` of a view of `size` pixels looked at through `camera`. */
export function unprojectFromView(camera: MapCamera, size: { width: number; height: number }, p: Point): { lng: number; lat: number } {
  const c = projectWorld(camera.lng, camera.lat, camera.zoom);
  const d = rotate({ x: p.x - size.width / 2, y: p.y - size.height / 2 }, camera.bearing ?? 0);
  return unprojectWorld(c.x + d.x, c.y + d.y, camera.zoom);
}

/**
 * The camera of one screen when the region's camera looks at the whole virtual canvas: same
 * zoom and bearing, centred on the canvas point at the middle of the screen's picture. A
 * renderer may either draw the canvas offset by the viewport, or draw its own window with
 * this camera: both give the same picture (a property test proves it). Meaningful while the
 * screen's centre lies within the Mercator world (|lat| < 85.05°); the offset way has no
 * such limit.
 */
export function screenCamera(camera: MapCamera, v: CanvasViewport): MapCamera {
  const centre = unprojectFromView(camera, { width: v.canvasWidth, height: v.canvasHeight }, { x: v.offsetX + v.width / 2, y: v.offsetY + v.height / 2 });
  return { lng: centre.lng, lat: centre.lat, zoom: camera.zoom, bearing: camera.bearing ?? 0 };
}

// ---------------------------------------------------------------------------------------------
// Type scale (control-room practice, ISO 11064-5 / ISO 9241-303: a character should subtend
// at least 16 minutes of arc at the viewer's eye, 20′ preferred).

/** Minutes of arc of the smallest acceptable character height. */
export const MIN_ARC_MINUTES = 16;
/** Minutes of arc of the preferred character height. */
export const PREFERRED_ARC_MINUTES = 20;

/** Height in mm that subtends `arcMinutes` at `viewingDistanceM`: `2·d·tan(θ/2)`. */
export function characterHeightMm(viewingDistanceM: number, arcMinutes: number): number {
  const theta = (arcMinutes / 60) * (Math.PI / 180);
  return 2 * viewingDistanceM * 1000 * Math.tan(theta / 2);
}

/**
 * The smallest character height in whole pixels that subtends `arcMinutes` (default 16′) at
 * `viewingDistanceM` on a panel of `pixelPitchMm`. "Character height" is the height of a
 * capital letter; a font's CSS size is larger (about cap height / 0.7 for PT Sans).
 */
export function minTextPx(viewingDistanceM: number, pixelPitchMm: number, arcMinutes: number = MIN_ARC_MINUTES): number {
  if (!(viewingDistanceM > 0) || !(pixelPitchMm > 0) || !(arcMinutes > 0)) {
    throw new Error(`minTextPx: distance, pitch and arc must be positive (got ${viewingDistanceM} m, ${pixelPitchMm} mm, ${arcMinutes}′)`);
  }
  // The epsilon keeps an exact whole number (a hand-made case) from rounding up by float noise.
  return Math.ceil(characterHeightMm(viewingDistanceM, arcMinutes) / pixelPitchMm - 1e-9);
}

/** Character heights for one screen, in its pixels. */
export interface TypeScale {
  viewingDistanceM: number;
  pixelPitchMm: number;
  /** At 16′ of arc: nothing on the screen is smaller. */
  minPx: number;
  /** At 20′ of arc: body text. */
  preferredPx: number;
}

/** The type scale of a screen, or undefined when the layout lacks its resolution or size. */
export function screenTypeScale(layout: Pick<WallLayout, 'viewingDistanceM'>, screen: WallScreen): TypeScale | undefined {
  if (!screen.resolution || !screen.sizeMm) return undefined;
  // Character height is vertical: the pitch down the panel.
  const pixelPitchMm = screen.sizeMm.height / screen.resolution.height;
  const viewingDistanceM = screen.viewingDistanceM ?? layout.viewingDistanceM;
  return {
    viewingDistanceM,
    pixelPitchMm,
    minPx: minTextPx(viewingDistanceM, pixelPitchMm, MIN_ARC_MINUTES),
    preferredPx: minTextPx(viewingDistanceM, pixelPitchMm, PREFERRED_ARC_MINUTES),
  };
}
