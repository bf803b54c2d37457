/**
 * The camera of one window. It always works on a virtual canvas: the window itself by
 * default, or its part of a map spanning several screens (`setVirtualViewport`). Every move
 * — the fit at start, a flight to a municipality or a point — animates the virtual camera
 * with pure math (camera.ts, fly-path.ts) and jumps the window to its share of it, so all
 * windows driven by the same camera and clock show one seamless map.
 */
import type { Map as MaplibreMap } from 'maplibre-gl';
import { REPUBLIC_BOUNDS } from '../../app/domain/municipality';
import { fitBounds, windowCamera, type Bounds, type Camera, type LngLat, type VirtualViewport } from './camera';
import { flyPath } from './fly-path';

/** Padding around the republic at start, px of the virtual canvas. */
const FIT_PADDING = 24;
/** How long a flown-to municipality stays outlined, ms. */
const HIGHLIGHT_MS = 12_000;

export type FlyTarget = { oktmo: string } | { center: LngLat; zoom?: number };

export interface FlyOptions {
  /** Page-clock ms when the flight starts (windows of one wall pass the same); default now. */
  startAt?: number;
  durationMs?: number;
}

export class WallCamera {
  private virtual: VirtualViewport | null;
  private camera: Camera;
  /**
   * What the camera fits, if it fits something (the republic at start and after `fitRepublic`, a
   * municipality after a flight to it): a resize fits it again. Null after a flight to a point, and
   * during any flight (its end fits the target for the canvas as it is then, not as it was).
   */
  private fit: Bounds | null = REPUBLIC_BOUNDS;
  private flight = 0;
  private bounds: Promise<Map<string, Bounds>> | null = null;
  private highlighted: string | null = null;
  private highlightTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly map: MaplibreMap,
    virtual: VirtualViewport | null,
    /** URL of the municipal boundaries the style draws (for flights to a municipality). */
    private readonly boundariesUrl: () => string | null,
  ) {
    this.virtual = virtual;
    this.camera = virtual?.camera ?? this.fitCamera();
    this.fit = virtual?.camera ? null : REPUBLIC_BOUNDS;
  }

  /** Width, height and offset of the virtual canvas (the window itself by default). */
  private canvas(): { w: number; h: number; x: number; y: number } {
    const c = this.map.getContainer();
    if (this.virtual) return { w: this.virtual.canvasWidth, h: this.virtual.canvasHeight, x: this.virtual.offsetX, y: this.virtual.offsetY };
    return { w: c.clientWidth, h: c.clientHeight, x: 0, y: 0 };
  }

  private fitCamera(bounds: Bounds = REPUBLIC_BOUNDS): Camera {
    const { w, h } = this.canvas();
    return fitBounds(bounds, w, h, FIT_PADDING);
  }

  /** The window's own camera for the current virtual camera. */
  windowCamera(cam: Camera = this.camera): Camera {
    const { w, h, x, y } = this.canvas();
    const c = this.map.getContainer();
    return windowCamera({ canvasWidth: w, canvasHeight: h, offsetX: x, offsetY: y, camera: cam }, c.clientWidth, c.clientHeight);
  }

  private jump(cam: Camera): void {
    const wc = this.windowCamera(cam);
    this.map.jumpTo({ center: [wc.center[0], wc.center[1]], zoom: wc.zoom, bearing: 0, pitch: 0 });
  }

  /** Re-applies the camera (after a resize, the fit is recomputed). */
  apply(): void {
    if (this.fit) this.camera = this.fitCamera(this.fit);
    this.jump(this.camera);
  }

  /** Shows this window's part of a virtual canvas (null = the window is the whole canvas). */
  setVirtualViewport(v: VirtualViewport | null): void {
    this.flight++;
    this.virtual = v;
    this.fit = v?.camera ? null : REPUBLIC_BOUNDS;
    this.camera = v?.camera ?? this.fitCamera();
    this.jump(this.camera);
  }

  /** Back to the whole republic. */
  fitRepublic(opts: FlyOptions = {}): Promise<void> {
    return this.flyToCamera(this.fitCamera(), opts, REPUBLIC_BOUNDS);
  }

  /** A smooth flight to a municipality (its outline lights up) or a point. */
  async flyTo(target: FlyTarget, opts: FlyOptions = {}): Promise<void> {
    if ('oktmo' in target) {
      const b = (await this.municipalityBounds()).get(target.oktmo);
      if (!b) throw new Error(`flyTo: unknown municipality ${target.oktmo}`);
      this.highlight(target.oktmo);
      return this.flyToCamera(this.fitCamera(b), opts, b);
    }
    return this.flyToCamera({ center: target.center, zoom: target.zoom ?? 11 }, opts, null);
  }

  /**
   * @param fit - the bounds `to` fits, if any: at the end the camera fits them for the canvas as it
   *   is then (a resize during the flight — the wall's fonts or first panels arriving — would
   *   otherwise leave the fit of the old size), and fits them again on every later resize
   */
  private flyToCamera(to: Camera, opts: FlyOptions, fit: Bounds | null): Promise<void> {
    const id = ++this.flight;
    this.fit = null;
    const { w, h } = this.canvas();
    const path = flyPath(this.camera, to, Math.max(w, h));
    const duration = opts.durationMs ?? path.durationMs;
    const start = opts.startAt ?? Date.now();
    return new Promise((resolve) => {
      const step = () => {
        if (id !== this.flight) return resolve();
        const t = duration <= 0 ? 1 : (Date.now() - start) / duration;
        this.camera = t >= 1 && fit ? this.fitCamera(fit) : path.at(t);
        this.jump(this.camera);
        if (t < 1) return void requestAnimationFrame(step);
        this.fit = fit;
        resolve();
      };
      step();
    });
  }

  private highlight(oktmo: string): void {
    if (this.highlighted) this.map.setFeatureState({ source: 'municipalities', id: this.highlighted }, { selected: false });
    this.highlighted = oktmo;
    this.reapplyHighlight();
    clearTimeout(this.highlightTimer);
    this.highlightTimer = setTimeout(() => {
      if (this.highlighted) this.map.setFeatureState({ source: 'municipalities', id: this.highlighted }, { selected: false });
      this.highlighted = null;
    }, HIGHLIGHT_MS);
  }

  /** Feature-state is lost with the WebGL context; the map calls this after a restore. */
  reapplyHighlight(): void {
    if (this.highlighted) this.map.setFeatureState({ source: 'municipalities', id: this.highlighted }, { selected: true });
  }

  /** Bounding boxes of the municipalities, from the boundaries the style itself uses. */
  private municipalityBounds(): Promise<Map<string, Bounds>> {
    this.bounds ??= (async () => {
      const url = this.boundariesUrl();
      if (!url) throw new Error('flyTo: the style has no municipal boundaries URL');
      const fc = (await (await fetch(url)).json()) as { features: { properties: { oktmo: string }; geometry: { coordinates: unknown } }[] };
      const out = new Map<string, Bounds>();
      for (const f of fc.features) {
        const b = [Infinity, Infinity, -Infinity, -Infinity];
        const walk = (c: unknown): void => {
          if (Array.isArray(c) && typeof c[0] === 'number') {
            b[0] = Math.min(b[0]!, c[0]);
            b[1] = Math.min(b[1]!, c[1] as number);
            b[2] = Math.max(b[2]!, c[0]);
            b[3] = Math.max(b[3]!, c[1] as number);
          } else if (Array.isArray(c)) c.forEach(walk);
        };
        walk(f.geometry.coordinates);
        out.set(f.properties.oktmo, b as unknown as Bounds);
      }
      return out;
    })();
    // A failed fetch is retried by the next flight rather than remembered.
    this.bounds.catch(() => (this.bounds = null));
    return this.bounds;
  }

  destroy(): void {
    this.flight++;
    clearTimeout(this.highlightTimer);
  }
}
