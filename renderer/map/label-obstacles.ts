/**
 * Feeds the live symbols that reserve label space (`label-policy.ts`) from the map's live
 * buffers: active ЖКХ accidents (disk or overdue ring, whichever is larger) and SLA breaches
 * (their halo, at the current symbol scale), in pixels, for what the current filter draws.
 * The GeoJSON is rebuilt only when the buffers, the filter or the scale change.
 */
import type { GeoJSONSource, Map as MaplibreMap } from 'maplibre-gl';
import { OBSTACLE_IMAGE, OBSTACLE_IMAGE_PX, OBSTACLE_SOURCE, obstaclesGeoJson, type Obstacle } from './label-policy';
import { HALO_FACTOR } from './layers/sla-breaches-layer';
import type { LayerFilter } from './sector-filter';
import type { AccidentBuffers, PointBuffers } from '../worker/frame';

/** Obstacles of what is drawn now (pure). */
export function liveObstacles(accidents: AccidentBuffers | undefined, breaches: PointBuffers | undefined, filter: LayerFilter, scale: number): Obstacle[] {
  const out: Obstacle[] = [];
  if (accidents && filter.accidents) {
    for (let i = 0; i < accidents.count; i++) {
      const r = Math.max(accidents.radii[i]!, accidents.ringRadii[i]!);
      out.push({ lon: accidents.positions[2 * i]!, lat: accidents.positions[2 * i + 1]!, d: 2 * r });
    }
  }
  if (breaches) {
    for (let i = 0; i < breaches.count; i++) {
      if (filter.sector !== null && breaches.sectors[i] !== filter.sector) continue;
      out.push({ lon: breaches.positions[2 * i]!, lat: breaches.positions[2 * i + 1]!, d: 2 * breaches.radii[i]! * scale * HALO_FACTOR });
    }
  }
  return out;
}

/** Keeps the obstacle source of `map` in step with the live layers. */
export class LabelObstacles {
  private last: { accidents?: AccidentBuffers; breaches?: PointBuffers; filter?: LayerFilter; scale?: number } = {};
  /** What the source holds now: a new frame with the same symbols leaves the map's placement alone. */
  private lastKey = '';

  constructor(private readonly map: MaplibreMap) {
    // The invisible icon, added whenever the style asks for it (also after a context restore).
    map.on('styleimagemissing', (e: { id: string }) => {
      if (e.id === OBSTACLE_IMAGE) this.addImage();
    });
  }

  /** Adds the invisible icon now (before the deck.gl overlay is attached, see wall-map.ts). */
  addImage(): void {
    if (this.map.hasImage(OBSTACLE_IMAGE)) return;
    this.map.addImage(OBSTACLE_IMAGE, { width: OBSTACLE_IMAGE_PX, height: OBSTACLE_IMAGE_PX, data: new Uint8Array(OBSTACLE_IMAGE_PX * OBSTACLE_IMAGE_PX * 4) });
  }

  update(accidents: AccidentBuffers | undefined, breaches: PointBuffers | undefined, filter: LayerFilter, scale: number, force = false): void {
    const l = this.last;
    if (!force && l.accidents === accidents && l.breaches === breaches && l.filter === filter && l.scale === scale) return;
    const source = this.map.getSource<GeoJSONSource>(OBSTACLE_SOURCE);
    if (!source) return;
    this.last = { accidents, breaches, filter, scale };
    const obstacles = liveObstacles(accidents, breaches, filter, scale);
    const key = obstacles.map((o) => `${o.lon.toFixed(5)},${o.lat.toFixed(5)},${o.d.toFixed(1)}`).join(';');
    if (!force && key === this.lastKey) return;
    this.lastKey = key;
    source.setData(obstaclesGeoJson(obstacles));
  }
}
