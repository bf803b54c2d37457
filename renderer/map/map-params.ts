/**
 * Map options from the page URL (query before or after the hash, as route.ts reads them):
 *
 * - `vx`, `vy`, `vw`, `vh`: this window shows the part at offset (vx, vy) of a virtual canvas
 *   of vw×vh pixels (a map spanning several screens); all four or none.
 * - `lon`, `lat`, `z`: camera of that virtual canvas (default: fit the republic).
 * - `metric`: choropleth metric, `per10k`, `overdue`, `rating` or `off` (default).
 * - `mset`: municipal set, `2025` (default) or `2023`.
 * - `sector`: a sector id: the map draws that sector's appeals only (ЖКХ: with the accidents);
 *   the sector scenes set the same filter on their own.
 * - `now`: fixed hub time in ms; freezes SLA states and animations (render tests).
 * - `aa`: the map canvas's multisampling, `auto` (default: on a GPU, not on a CPU rasteriser,
 *   gl-probe.ts), `on` or `off`.
 */
import type { MunicipalitySetId } from '../../app/domain/municipality';
import type { Camera, VirtualViewport } from './camera';
import type { AntialiasMode } from './gl-probe';
import { CHOROPLETH_METRICS, type ChoroplethMetric } from './choropleth';
import type { MapFilter } from './sector-filter';
import { pageParams } from '../route';

export interface MapParams {
  virtual: VirtualViewport | null;
  municipalitySet: MunicipalitySetId;
  metric: ChoroplethMetric;
  /** One sector's appeals only (`sector=`), or null. */
  filter: MapFilter;
  fixedNow: number | null;
  /** Multisampling of the map canvas (`aa=`): `auto` decides by the GL renderer. */
  antialias: AntialiasMode;
}

function num(p: URLSearchParams, key: string): number | null {
  const v = p.get(key);
  if (v === null || v.trim() === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

export function parseMapParams(href: string): MapParams {
  const p = pageParams(href);
  const [vx, vy, vw, vh] = ['vx', 'vy', 'vw', 'vh'].map((k) => num(p, k));
  let virtual: VirtualViewport | null = null;
  if (vx !== null && vy !== null && vw !== null && vh !== null && vw > 0 && vh > 0) {
    const [lon, lat, z] = ['lon', 'lat', 'z'].map((k) => num(p, k));
    const camera: Camera | undefined =
      lon !== null && lat !== null && z !== null && Math.abs(lat) < 85 && z >= 0 && z <= 22 ? { center: [lon, lat], zoom: z } : undefined;
    virtual = { canvasWidth: vw, canvasHeight: vh, offsetX: vx, offsetY: vy, ...(camera ? { camera } : {}) };
  }
  const metricParam = p.get('metric');
  const metric = (CHOROPLETH_METRICS as readonly string[]).includes(metricParam ?? '') ? (metricParam as ChoroplethMetric) : 'off';
  const municipalitySet: MunicipalitySetId = p.get('mset') === '2023' ? '2023' : '2025';
  const now = num(p, 'now');
  const sector = p.get('sector') ?? '';
  const filter = /^[a-z0-9_-]{1,40}$/.test(sector) ? { sector } : null;
  const aa = p.get('aa');
  const antialias: AntialiasMode = aa === 'on' || aa === 'off' ? aa : 'auto';
  return { virtual, municipalitySet, metric, filter, fixedNow: now !== null && now > 0 ? now : null, antialias };
}
