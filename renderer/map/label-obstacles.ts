/**
 * Feeds the symbols that reserve label space (`label-policy.ts`):
 * - live ones, from the map's live buffers: ЖКХ accidents (disk or overdue ring, whichever is
 *   larger) and SLA breaches (their halo, at the current symbol scale), in pixels, for what the
 *   current filter draws, then the open appeals at risk (white ring) while appeal points are
 *   drawn; bounded (`MAX_LIVE_OBSTACLES`: accidents first, largest first, then breaches, then
 *   appeals at risk, one per ~50 m cell), so a day of thousands of breaches never makes
 *   thousands of map symbols;
 * - a frame: boxes just outside the canvas's four edges and over the attribution, so maplibre
 *   (which otherwise places a label that runs past the canvas) leaves a name whole or hides it.
 *   The frame follows the camera once it rests (two animation frames without a move); while
 *   the camera flies it is off (a frame left where the last rest put it would cut through the
 *   moving map).
 * The plain appeal dots (up to 100,000), their hexagons, arrival pulses and accident links do
 * not reserve space: they are a field under the names, which keep a dark halo over them.
 * The GeoJSON is rebuilt only when the buffers, the filter, the scale or the frame change.
 */
import type { GeoJSONSource, Map as MaplibreMap } from 'maplibre-gl';
import { OBSTACLE_IMAGE, OBSTACLE_IMAGE_PX, OBSTACLE_SOURCE, obstaclesGeoJson, type Obstacle } from './label-policy';
import { appealLook } from '../../app/ui/map-look';
import { HALO_FACTOR } from './layers/sla-breaches-layer';
import type { LayerFilter } from './sector-filter';
import type { AccidentBuffers, PointBuffers } from '../worker/frame';

/** At most this many live obstacles (accidents first). */
export const MAX_LIVE_OBSTACLES = 400;
/** Breaches (appeals at risk) closer than this (degrees, ≈ 35–55 m) share one obstacle (the largest). */
const BREACH_CELL_DEG = 0.0005;
/** Side of a frame box (px): maplibre's collision grid reaches 100 px past the canvas. */
export const FRAME_BOX_PX = 96;
/** A name keeps this far (px) from the canvas's edge. */
export const FRAME_MARGIN_PX = 2;

/**
 * Obstacles of what is drawn now (pure), at most `max`: accidents (largest first), then SLA
 * breaches, then open appeals at risk (`atRisk`: the drawn appeal points; only those with the
 * at-risk white ring count, the plain dots are a field under the names; `minor`: the capital's
 * and okrug centres' names go before them), both one per ~50 m cell.
 */
export function liveObstacles(
  accidents: AccidentBuffers | undefined,
  breaches: PointBuffers | undefined,
  filter: LayerFilter,
  scale: number,
  max = MAX_LIVE_OBSTACLES,
  atRisk?: PointBuffers,
): Obstacle[] {
  const acc: Obstacle[] = [];
  if (accidents && filter.accidents) {
    for (let i = 0; i < accidents.count; i++) {
      const r = Math.max(accidents.radii[i]!, accidents.ringRadii[i]!);
      acc.push({ lon: accidents.positions[2 * i]!, lat: accidents.positions[2 * i + 1]!, d: 2 * r });
    }
  }
  acc.sort((a, b) => b.d - a.d);
  const out = acc.slice(0, max);
  const points = (b: PointBuffers | undefined, take: (i: number) => boolean, diameter: (i: number) => number, minor = false) => {
    if (!b || out.length >= max) return;
    const cells = new Map<string, Obstacle>();
    for (let i = 0; i < b.count; i++) {
      if (filter.sector !== null && b.sectors[i] !== filter.sector) continue;
      if (!take(i)) continue;
      const o: Obstacle = { lon: b.positions[2 * i]!, lat: b.positions[2 * i + 1]!, d: diameter(i), ...(minor ? { minor } : {}) };
      const key = `${Math.round(o.lon / BREACH_CELL_DEG)}:${Math.round(o.lat / BREACH_CELL_DEG)}`;
      const had = cells.get(key);
      if (!had || had.d < o.d) cells.set(key, o);
    }
    for (const o of cells.values()) {
      if (out.length >= max) break;
      out.push(o);
    }
  };
  points(
    breaches,
    () => true,
    (i) => 2 * breaches!.radii[i]! * scale * HALO_FACTOR,
  );
  // The at-risk look (a white ring round a larger dot): its radius, the ring's outer edge.
  const risk = appealLook('at_risk');
  points(
    atRisk,
    (i) => atRisk!.radii[i]! >= risk.radius,
    (i) => 2 * (atRisk!.radii[i]! + atRisk!.lineWidths[i]! / 2) * scale,
    true,
  );
  return out;
}

/** A frame box: its anchor in canvas pixels and the side the box lies on from it. */
export interface FrameBox {
  readonly x: number;
  readonly y: number;
  readonly d: number;
  readonly anchor: 'left' | 'right' | 'top' | 'bottom';
}

/**
 * Boxes of side `box` just outside a `width`×`height` canvas, edge to edge along each side,
 * each anchored `margin` px inside the edge (so its point lies in a loaded tile) and lying
 * outward from there (pure). A label that crosses an edge, or comes within `margin` of it,
 * meets one of them.
 */
export function frameBoxes(width: number, height: number, box = FRAME_BOX_PX, margin = FRAME_MARGIN_PX): FrameBox[] {
  if (!(width > 0 && height > 0)) return [];
  const out: FrameBox[] = [];
  // Edge to edge: n boxes of side `box` over a side of `length` px, no gap between them.
  const along = (length: number) => {
    const n = Math.max(1, Math.ceil(length / box));
    return Array.from({ length: n }, (_, i) => ((i + 0.5) * length) / n);
  };
  // The anchor sits on the box's inner side: icon-anchor `right` puts the box left of it, etc.
  for (const x of along(width)) {
    out.push({ x, y: margin, d: box, anchor: 'bottom' });
    out.push({ x, y: height - margin, d: box, anchor: 'top' });
  }
  for (const y of along(height)) {
    out.push({ x: margin, y, d: box, anchor: 'right' });
    out.push({ x: width - margin, y, d: box, anchor: 'left' });
  }
  return out;
}

/**
 * Square boxes covering a rectangle of the canvas (the attribution), side the rectangle's smaller
 * dimension or `box` if less (pure).
 */
export function rectBoxes(left: number, top: number, right: number, bottom: number, box = FRAME_BOX_PX): { x: number; y: number; d: number }[] {
  const w = right - left;
  const h = bottom - top;
  if (!(w > 0 && h > 0)) return [];
  const side = Math.min(box, w, h);
  const nx = Math.ceil(w / side);
  const ny = Math.ceil(h / side);
  const out: { x: number; y: number; d: number }[] = [];
  for (let i = 0; i < nx; i++)
    for (let j = 0; j < ny; j++)
      out.push({ x: Math.min(right - side / 2, left + side * (i + 0.5)), y: Math.min(bottom - side / 2, top + side * (j + 0.5)), d: side });
  return out;
}

/** Keeps the obstacle source of `map` in step with the live layers and the canvas. */
export class LabelObstacles {
  private last: { accidents?: AccidentBuffers; breaches?: PointBuffers; filter?: LayerFilter; scale?: number; atRisk?: PointBuffers } = {};
  private live: Obstacle[] = [];
  private frame: Obstacle[] = [];
  /** What the source holds now: a new frame with the same symbols leaves the map's placement alone. */
  private lastKey = '';
  private moved = false;
  private restPending = false;
  /** The first frame was placed (wall-map.ts, at `load`): from then on it follows every move and resize. */
  private placed = false;

  constructor(private readonly map: MaplibreMap) {
    // The invisible icon, added whenever the style asks for it (also after a context restore).
    map.on('styleimagemissing', (e: { id: string }) => {
      if (e.id === OBSTACLE_IMAGE) this.addImage();
    });
    map.on('move', () => {
      this.moved = true;
      if (this.frame.length) {
        this.frame = [];
        this.flush(false);
      }
      this.whenAtRest();
    });
    map.on('resize', () => this.whenAtRest());
  }

  /** Adds the invisible icon now (before the deck.gl overlay is attached, see wall-map.ts). */
  addImage(): void {
    if (this.map.hasImage(OBSTACLE_IMAGE)) return;
    this.map.addImage(OBSTACLE_IMAGE, { width: OBSTACLE_IMAGE_PX, height: OBSTACLE_IMAGE_PX, data: new Uint8Array(OBSTACLE_IMAGE_PX * OBSTACLE_IMAGE_PX * 4) });
  }

  /** Puts the frame where the canvas is once two animation frames pass without a move. */
  private whenAtRest(): void {
    // Not before wall-map.ts places the first frame (maplibre's `load`): the layout settling
    // around a new map (type scale, fonts, the first panels) resizes it, and each new frame
    // would load the obstacles' source again and hold `load` back.
    if (this.restPending || !this.placed) return;
    this.restPending = true;
    this.moved = false;
    // Two frames: a flight's next step may run after this callback within the same frame.
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        this.restPending = false;
        if (this.moved) return this.whenAtRest();
        this.placeFrame();
      }),
    );
  }

  /** The frame for the canvas as it is now (also the first time, from wall-map.ts once loaded). */
  placeFrame(force = false): void {
    this.placed = true;
    const canvas = this.map.getCanvas();
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    const at = (x: number, y: number) => this.map.unproject([x, y]);
    const frame: Obstacle[] = frameBoxes(width, height).map((b) => {
      const p = at(b.x, b.y);
      return { lon: p.lng, lat: p.lat, d: b.d, anchor: b.anchor };
    });
    // The attribution (and any other control on the map): no name goes under it.
    const origin = canvas.getBoundingClientRect();
    for (const el of this.map.getContainer().querySelectorAll<HTMLElement>('.maplibregl-ctrl')) {
      const r = el.getBoundingClientRect();
      for (const b of rectBoxes(r.left - origin.left, r.top - origin.top, r.right - origin.left, r.bottom - origin.top)) {
        const p = at(b.x, b.y);
        frame.push({ lon: p.lng, lat: p.lat, d: b.d });
      }
    }
    this.frame = frame;
    this.flush(force);
  }

  /** @param atRisk - the open appeals while drawn as points (undefined while summarised as hexagons) */
  update(
    accidents: AccidentBuffers | undefined,
    breaches: PointBuffers | undefined,
    filter: LayerFilter,
    scale: number,
    atRisk: PointBuffers | undefined,
    force = false,
  ): void {
    const l = this.last;
    if (!force && l.accidents === accidents && l.breaches === breaches && l.filter === filter && l.scale === scale && l.atRisk === atRisk) return;
    if (!this.map.getSource(OBSTACLE_SOURCE)) return;
    this.last = { accidents, breaches, filter, scale, atRisk };
    this.live = liveObstacles(accidents, breaches, filter, scale, MAX_LIVE_OBSTACLES, atRisk);
    this.flush(force);
  }

  private flush(force: boolean): void {
    const source = this.map.getSource<GeoJSONSource>(OBSTACLE_SOURCE);
    if (!source) return;
    const obstacles = [...this.frame, ...this.live];
    const key = obstacles.map((o) => `${o.lon.toFixed(6)},${o.lat.toFixed(6)},${o.d.toFixed(1)},${o.anchor ?? ''}${o.minor ? 'm' : ''}`).join(';');
    if (!force && key === this.lastKey) return;
    this.lastKey = key;
    source.setData(obstaclesGeoJson(obstacles));
    // For tests and diagnostics: how many boxes the frame and the live symbols reserve.
    document.documentElement.dataset.mapObstacles = `${this.frame.length}/${this.live.length}`;
  }
}
