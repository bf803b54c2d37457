/**
 * One long-lived maplibre map + one deck.gl overlay per window, created once and never
 * remounted (ARCHITECTURE.md). React only hands it a container; data goes in through
 * `setPoints`, directly from worker frames.
 */
import { MapLibreOverlay } from '@deck.gl/maplibre';
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { REPUBLIC_BOUNDS } from '../../app/domain/municipality';
import type { PointBuffers } from '../feed/frame';
import { basemapStyle } from './basemap-style';
import { pointsLayer } from './points-layer';

maplibregl.setWorkerUrl(workerUrl);

export interface WallMap {
  readonly map: maplibregl.Map;
  setPoints(appeals: PointBuffers, accidents: PointBuffers): void;
  /** Resolves when the basemap and its sources are loaded. */
  readonly ready: Promise<void>;
  destroy(): void;
}

export function createWallMap(container: HTMLElement, attribution: string): WallMap {
  const [w, s, e, n] = REPUBLIC_BOUNDS;
  const map = new maplibregl.Map({
    container,
    style: basemapStyle(location.href, attribution),
    bounds: [w, s, e, n],
    fitBoundsOptions: { padding: 24 },
    attributionControl: { compact: false },
    // The wall is looked at, not dragged; the touch panel drives it.
    interactive: false,
    fadeDuration: 0,
    canvasContextAttributes: { antialias: true, preserveDrawingBuffer: false },
  });
  const overlay = new MapLibreOverlay({ interleaved: true, layers: [] });
  let latest: { appeals: PointBuffers; accidents: PointBuffers } | null = null;
  let loaded = false;

  const render = (): void => {
    if (!loaded || !latest) return;
    overlay.setProps({
      layers: [
        pointsLayer({ id: 'appeals', buffers: latest.appeals, beforeId: 'municipality-labels' }),
        pointsLayer({ id: 'accidents', buffers: latest.accidents, beforeId: 'municipality-labels', lineColor: [255, 255, 255, 220] }),
      ],
    });
  };

  const ready = new Promise<void>((resolve) => {
    // Added inside 'load': added earlier, beforeId is silently ignored (PITFALLS.md).
    map.once('load', () => {
      map.addControl(overlay);
      loaded = true;
      render();
      resolve();
    });
  });

  return {
    map,
    ready,
    setPoints(appeals, accidents) {
      latest = { appeals, accidents };
      render();
    },
    destroy() {
      map.remove();
    },
  };
}
