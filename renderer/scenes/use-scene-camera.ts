/**
 * Moves the one long-lived map for the scene: a flight to the scene's municipality (or a
 * `focus:set`), back to the whole republic otherwise; sets the scene's choropleth and which
 * sector's appeals it draws. Windows of a wall pass the same start (the scene's scheduled
 * start on the page clock), so their flights run in step; with a fixed `now` (render tests)
 * the camera jumps.
 */
import { useEffect } from 'react';
import type { ChoroplethMetric } from '../map/choropleth';
import type { MapFilter } from '../map/sector-filter';
import type { WallMap } from '../map/wall-map';
import { targetKey, type CameraTarget } from './scene-view';

export interface SceneCameraOptions {
  /** Page-clock ms when the move starts. */
  startAt: number;
  /** Jump instead of flying. */
  instant: boolean;
  /** The appeals the scene draws (a sector scene: its sector's only). */
  filter: MapFilter;
}

export function useSceneCamera(map: WallMap | null, target: CameraTarget, metric: ChoroplethMetric | null, opts: SceneCameraOptions): void {
  const key = targetKey(target);
  useEffect(() => {
    if (!map) return;
    let live = true;
    void map.ready.then(() => {
      if (!live) return;
      const fly = { startAt: opts.startAt, ...(opts.instant ? { durationMs: 0 } : {}) };
      const done =
        target.kind === 'oktmo'
          ? map.flyTo({ oktmo: target.oktmo }, fly)
          : target.kind === 'point'
            ? map.flyTo({ center: target.center, zoom: target.zoom ?? 11 }, fly)
            : map.fitRepublic(fly);
      done.catch((err: unknown) => console.warn('scene camera:', err));
    });
    return () => {
      live = false;
    };
    // The target's key is the dependency: the same target again never restarts a flight.
  }, [map, key]);

  useEffect(() => {
    if (!map || metric === null) return;
    void map.ready.then(() => map.setMetric(metric));
  }, [map, metric]);

  // A GPU filter: switching it costs two uniforms, no upload (renderer/map/sector-filter.ts).
  const sector = opts.filter?.sector ?? null;
  useEffect(() => {
    map?.setFilter(sector === null ? null : { sector });
  }, [map, sector]);
}
