/**
 * One long-lived maplibre map + one deck.gl overlay per window, created once and never
 * remounted (ARCHITECTURE.md). React only hands it a container; data goes in through
 * `applyFrame`, directly from worker frames. A lost WebGL context is recovered without a
 * reload: the overlay is rebuilt once maplibre has restored its style, and the last buffers
 * and feature-states are drawn again.
 */
import { MapLibreOverlay } from '@deck.gl/maplibre';
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { MapFrame, MunicipalityStat } from '../worker/frame';
import type { VirtualViewport } from './camera';
import { applyChoropleth, choroplethClasses, type ChoroplethClasses, type ChoroplethMetric } from './choropleth';
import { ARRIVAL_PULSE_S } from './layers/arrivals-layer';
import { pulseClockFrozen, pulseSeconds } from './layers/pulse-clock';
import { forgetLumaState } from './luma-context';
import { AGGREGATE_ABOVE_COUNT, liveLayers, shouldAggregate, symbolScale, type LiveState } from './live-layers';
import type { MapParams } from './map-params';
import { useMapLegend } from './map-store';
import { layerFilter, type LayerFilter, type MapFilter } from './sector-filter';
import { currentSectors } from '../scenes/live-config-store';
import { addStreets, fetchStreetsMeta } from './street-style';
import { applyLabelPolicy } from './label-policy';
import { LabelObstacles } from './label-obstacles';
import { loadableStyle } from './style-loader';
import { paintWhenLoaded } from './paint-when-loaded';
import { isSoftwareRenderer, mapAntialias } from './gl-probe';
import { WallCamera, type FlyOptions, type FlyTarget } from './wall-camera';

maplibregl.setWorkerUrl(workerUrl);

/** Animations repaint at most this often (a wall needs no more for a pulse). */
const ANIMATION_FRAME_MS = 1000 / 30;

export interface WallMapOptions {
  attribution: string;
  params: MapParams;
  /** Appeals are aggregated when zoomed out and more than this many. @default AGGREGATE_ABOVE_COUNT */
  aggregateAbove?: number;
}

export interface WallMap {
  readonly map: maplibregl.Map;
  /** Resolves when the basemap and its sources are loaded. */
  readonly ready: Promise<void>;
  /** Applies a worker frame; returns the superseded buffers for the worker to reuse. */
  applyFrame(frame: MapFrame): ArrayBuffer[];
  setMetric(metric: ChoroplethMetric): void;
  /** ОМСУ rating scores by OKTMO code (the `rating` choropleth; `scoresByOktmo`). */
  setRatings(scores: Readonly<Record<string, number>>): void;
  /**
   * Draws one sector's appeals only (a sector scene), or all (null). A GPU filter: nothing is
   * re-encoded or re-uploaded.
   */
  setFilter(filter: MapFilter): void;
  flyTo(target: FlyTarget, opts?: FlyOptions): Promise<void>;
  fitRepublic(opts?: FlyOptions): Promise<void>;
  setVirtualViewport(v: VirtualViewport | null): void;
  /** WebGL context restores completed so far (diagnostics, tests). */
  readonly restores: number;
  destroy(): void;
}

export function createWallMap(container: HTMLElement, opts: WallMapOptions): WallMap {
  const { params } = opts;
  const { url, transformStyle } = loadableStyle(location.href, { municipalitySet: params.municipalitySet, attribution: opts.attribution });
  let boundariesUrl: string | null = null;
  // Multisampled on a GPU only (gl-probe.ts): on llvmpipe it cost a third or more of every frame.
  const gl = mapAntialias(params.antialias);
  document.documentElement.dataset.mapAntialias = gl.antialias ? 'on' : 'off';
  if (gl.renderer !== null) document.documentElement.dataset.gl = isSoftwareRenderer(gl.renderer) ? 'software' : 'gpu';
  const map = new maplibregl.Map({
    container,
    style: url,
    transformStyle: (previous, next) => {
      // One collision policy for every label, live symbols reserving space (label-policy.ts).
      const style = applyLabelPolicy(transformStyle(previous, next));
      const src = style.sources.municipalities;
      if (src?.type === 'geojson' && typeof src.data === 'string') boundariesUrl = src.data;
      return style;
    },
    attributionControl: { compact: false },
    // The wall is looked at, not dragged; the touch panel drives it.
    interactive: false,
    fadeDuration: 0,
    canvasContextAttributes: { antialias: gl.antialias, preserveDrawingBuffer: false },
  });
  // No partial basemap pictures before `load` (paint-when-loaded.ts: ≈ 1.8 s of GPU-process CPU at 1920×1080 on llvmpipe).
  const skipped = paintWhenLoaded(map);
  // Cold-start phases (bench/coldstart.bench.ts): the style fetched and parsed, the first render pass.
  map.once('style.load', () => performance.mark('cur:style-load'));
  map.once('render', () => performance.mark('cur:first-render'));
  const camera = new WallCamera(map, params.virtual, () => boundariesUrl);
  camera.apply();
  const obstacles = new LabelObstacles(map);

  let overlay: MapLibreOverlay | null = null;
  const live: LiveState = {};
  let stats: Record<string, MunicipalityStat> = {};
  let ratings: Readonly<Record<string, number>> = {};
  let metric = params.metric;
  let classes: ChoroplethClasses | null = null;
  let aggregated = false;
  let filter: LayerFilter = layerFilter(params.filter);
  let filterKey = JSON.stringify(params.filter);
  // Written when the filter changes, not every frame (each write queues a mutation record).
  document.documentElement.dataset.mapFilter = filter.key;
  let restores = 0;
  let destroyed = false;

  let scale = 1;
  let layersPending = false;
  const appealCount = () => (live.appeals?.count ?? 0) + (live.closed?.count ?? 0);
  /** The open appeals while drawn as points (as live-layers.ts decides), for the label obstacles. */
  const appealPoints = () => {
    const a = live.appeals;
    return a && (!aggregated || a.count <= (opts.aggregateAbove ?? AGGREGATE_ABOVE_COUNT)) ? a : undefined;
  };
  const render = (): void => {
    const zoom = map.getZoom();
    aggregated = shouldAggregate(zoom, appealCount(), metric !== 'off', opts.aggregateAbove);
    scale = symbolScale(zoom);
    overlay?.setProps({ layers: liveLayers(live, aggregated, metric !== 'off', scale, opts.aggregateAbove, filter) });
    // deck.gl places new layers only while no source is loading (the label obstacles' GeoJSON
    // may be): otherwise they would be missing, or added later on top of the labels. Again once idle.
    if (!map.isStyleLoaded()) layersPending = true;
    // Not before the overlay is attached (maplibre's `load`, or a restore): the obstacles' GeoJSON
    // would load again and hold `load` back while nothing live is drawn; attachOverlay places them.
    if (overlay) obstacles.update(live.accidents, live.breaches, filter, scale, appealPoints());
    const hexMax = filter.sector === null ? live.hexes?.maxCount : live.hexes?.maxBySector[filter.sector];
    useMapLegend.setState({ aggregated: aggregated && metric === 'off', hexMax: hexMax ?? 0, accidents: filter.accidents });
    startAnimation();
  };

  let recolourPending = false;
  const recolour = (force: boolean): void => {
    if (!map.style || !map.isStyleLoaded()) {
      // A source still loading (the label obstacles change with every frame): colour once idle.
      if (!recolourPending && map.style) {
        recolourPending = true;
        map.once('idle', () => {
          recolourPending = false;
          recolour(true);
        });
      }
      return;
    }
    const next = choroplethClasses(metric, stats, params.municipalitySet, ratings);
    applyChoropleth(map, next, classes, force);
    classes = next;
    useMapLegend.setState({ choropleth: next });
  };

  const attachOverlay = (): void => {
    // Added inside 'load' (and after a restore, once the style is back): added earlier,
    // beforeId is silently ignored (PITFALLS.md).
    obstacles.addImage();
    overlay = new MapLibreOverlay({ interleaved: true, layers: [] });
    map.addControl(overlay);
    render();
    // After the overlay has placed its layers: while a source loads, deck.gl would add them
    // later and on top of the labels.
    obstacles.update(live.accidents, live.breaches, filter, scale, appealPoints(), true);
    // …and the frame along the canvas's edges (no name runs past them).
    obstacles.placeFrame(true);
    recolour(true);
    camera.reapplyHighlight();
  };

  const ready = new Promise<void>((resolve) => {
    map.once('load', () => {
      if (destroyed) return;
      performance.mark('cur:map-load', { detail: { skippedFrames: skipped.skipped } });
      attachOverlay();
      performance.mark('cur:overlay');
      resolve();
    });
  });

  // Street tiles (issue 17, street-style.ts) when the hub has them; without, the map stays as it
  // is. Kept across a context restore (maplibre rebuilds the style from a snapshot).
  void fetchStreetsMeta(location.href).then((meta) => {
    if (meta)
      void ready.then(() => {
        if (destroyed) return;
        // Text on the wall's type scale (`data-type-scale` = body/kpi px, wall/type-scale.ts).
        const bodyPx = Number(document.documentElement.dataset.typeScale?.split('/')[0]);
        addStreets(map, meta, location.href, bodyPx > 0 ? bodyPx : undefined);
        document.documentElement.dataset.mapStreets = 'on';
      });
  });

  // Appeals turn into hexagons and back as the zoom crosses the threshold, and symbols grow
  // as the map zooms in.
  map.on('zoom', () => {
    const zoom = map.getZoom();
    if (shouldAggregate(zoom, appealCount(), metric !== 'off', opts.aggregateAbove) !== aggregated || symbolScale(zoom) !== scale) render();
  });
  map.on('resize', () => camera.apply());
  // Layers held back while a source loaded are placed as soon as every source is loaded again —
  // not at `idle`, which also waits for every tile and frame: at a cold start the label frame's
  // source loads at `load` and the first data came just after, so the entities waited 0.4–0.6 s
  // for `idle` (bench/README.md «Cold start»).
  const placePending = (): void => {
    if (!layersPending || !overlay || !map.isStyleLoaded()) return;
    layersPending = false;
    render();
  };
  map.on('sourcedata', placePending);
  map.on('idle', placePending);

  map.on('webglcontextlost', () => {
    document.documentElement.dataset.map = 'lost';
    if (overlay) {
      try {
        map.removeControl(overlay);
      } catch (err) {
        console.warn('map: removing the deck.gl overlay after context loss failed', err);
      }
      overlay = null;
    }
  });
  map.on('webglcontextrestored', () => {
    // maplibre re-creates its style from a snapshot; feature-state and custom (deck.gl)
    // layers are not part of it, so they come back here once the style is loaded.
    const whenStyled = (): void => {
      if (!map.style || !map.isStyleLoaded()) return;
      map.off('styledata', whenStyled);
      map.off('sourcedata', whenStyled);
      if (destroyed) return;
      const gl = map.getCanvas().getContext('webgl2');
      if (gl) forgetLumaState(gl);
      attachOverlay();
      restores++;
      document.documentElement.dataset.map = 'ready';
      document.documentElement.dataset.mapRestores = String(restores);
    };
    // Sources load after the style itself: either event may be the one that completes it.
    map.on('styledata', whenStyled);
    map.on('sourcedata', whenStyled);
  });

  // Pulses animate through a clock uniform: repaint while any pulse can be visible.
  let animating = false;
  let lastPaint = 0;
  const pulsing = (): boolean => {
    if (pulseClockFrozen()) return false;
    const a = filter.accidents ? live.accidents : undefined;
    if (a) for (let i = 0; i < a.count; i++) if (a.pulseStarts[i]! >= 0) return true;
    const r = live.arrivals;
    const t = pulseSeconds();
    if (r) for (let i = 0; i < r.count; i++) if (t - r.pulseStarts[i]! < ARRIVAL_PULSE_S) return true;
    return false;
  };
  const tick = (ts: number): void => {
    if (destroyed || !pulsing()) {
      animating = false;
      return;
    }
    if (ts - lastPaint >= ANIMATION_FRAME_MS) {
      lastPaint = ts;
      map.triggerRepaint();
    }
    requestAnimationFrame(tick);
  };
  function startAnimation(): void {
    if (animating || !pulsing()) return;
    animating = true;
    requestAnimationFrame(tick);
  }

  return {
    map,
    ready,
    get restores() {
      return restores;
    },
    applyFrame(frame) {
      const done: ArrayBuffer[] = [];
      const keys = ['appeals', 'closed', 'breaches', 'hexes', 'accidents', 'links', 'arrivals'] as const;
      for (const k of keys) {
        const next = frame[k];
        if (!next) continue;
        const prev = live[k];
        if (prev) for (const v of Object.values(prev)) if (ArrayBuffer.isView(v)) done.push(v.buffer as ArrayBuffer);
        (live as Record<string, unknown>)[k] = next;
      }
      if (frame.municipalities) {
        stats = frame.municipalities;
        recolour(false);
      }
      render();
      return done;
    },
    setMetric(m) {
      metric = m;
      recolour(false);
      render();
    },
    setRatings(r) {
      ratings = r;
      if (metric === 'rating') recolour(false);
    },
    setFilter(f) {
      const key = JSON.stringify(f);
      if (key === filterKey) return;
      filterKey = key;
      filter = layerFilter(f, currentSectors());
      document.documentElement.dataset.mapFilter = filter.key;
      render();
    },
    flyTo: (target, o) => camera.flyTo(target, o),
    fitRepublic: (o) => camera.fitRepublic(o),
    setVirtualViewport: (v) => camera.setVirtualViewport(v),
    destroy() {
      destroyed = true;
      camera.destroy();
      map.remove();
    },
  };
}
