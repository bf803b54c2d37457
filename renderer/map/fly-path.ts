/**
 * A smooth camera flight (van Wijk & Nuij, "Smooth and efficient zooming and panning", 2003,
 * the curve maplibre's flyTo uses): zooms out, pans, zooms in. Pure: the camera at progress
 * t ∈ [0, 1], so every window of a spanning map, driven by the same clock, shows the same
 * flight of the one virtual camera.
 */
import { project, unproject, type Camera } from './camera';

const RHO = 1.42;

export interface FlyPath {
  /** Camera at progress t (0 = start, 1 = end), eased in and out. */
  at(t: number): Camera;
  /** Suggested duration in ms: longer for longer flights, within 1–6 s. */
  durationMs: number;
}

/** The flight from `from` to `to` for a canvas whose larger side is `viewportPx` pixels. */
export function flyPath(from: Camera, to: Camera, viewportPx: number): FlyPath {
  const z0 = from.zoom;
  const p0 = project(from.center, z0);
  const p1 = project(to.center, z0);
  const w0 = Math.max(1, viewportPx);
  const w1 = w0 / 2 ** (to.zoom - z0);
  const u1 = Math.hypot(p1[0] - p0[0], p1[1] - p0[1]);
  const rho2 = RHO * RHO;
  const zoomOutFactor = (descent: boolean) => {
    const b = (w1 * w1 - w0 * w0 + (descent ? -1 : 1) * rho2 * rho2 * u1 * u1) / (2 * (descent ? w1 : w0) * rho2 * u1);
    return Math.log(Math.sqrt(b * b + 1) - b);
  };
  const r0 = zoomOutFactor(false);
  let S = (zoomOutFactor(true) - r0) / RHO;
  let w = (s: number) => Math.cosh(r0) / Math.cosh(r0 + RHO * s);
  let u = (s: number) => (w0 * ((Math.cosh(r0) * Math.tanh(r0 + RHO * s) - Math.sinh(r0)) / rho2)) / u1;
  if (u1 < 1e-6 || !Number.isFinite(S)) {
    // Zoom only (or nothing): a straight exponential zoom.
    const k = w1 < w0 ? -1 : 1;
    S = Math.abs(Math.log(w1 / w0)) / RHO;
    w = (s) => Math.exp(k * RHO * s);
    u = () => 0;
  }
  const durationMs = Math.min(6000, Math.max(1000, 1000 * S * 0.83));

  const at = (tRaw: number): Camera => {
    const t = Math.min(1, Math.max(0, tRaw));
    if (t === 1) return { center: to.center, zoom: to.zoom };
    const s = t * t * (3 - 2 * t) * S;
    const k = u(s);
    const center = unproject([p0[0] + (p1[0] - p0[0]) * k, p0[1] + (p1[1] - p0[1]) * k], z0);
    return { center, zoom: z0 + Math.log2(1 / w(s)) };
  };
  return { at, durationMs };
}
