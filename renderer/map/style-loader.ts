/**
 * Loads the offline basemap style (assets/map/style.json, served as `map/style.json`) and
 * resolves it for this page: relative URLs become absolute (maplibre's worker cannot
 * resolve relative ones), the municipal set (2025 or 2023) picks the boundaries, and the
 * attribution line comes from the geo data; the labels grow to the wall's type scale (the
 * page's `dist` and `pitch`, label-policy.ts `scaleLabelSizes`).
 */
import type { StyleSpecification, TransformStyleFunction } from 'maplibre-gl';
import type { MunicipalitySetId } from '../../app/domain/municipality';
import { wallTypeScale } from '../wall/type-scale';
import { parseWallConfig } from '../wall/wall-config';
import { pageParams } from '../route';
import { LABEL_LAYERS, scaleLabelSizes } from './label-policy';

/** Where the style file lies relative to the renderer's index.html. */
export const STYLE_PATH = 'map/style.json';
/** maplibre layer under which live data is drawn: every label stays above the points. */
export const LABELS_START = 'neighbour-labels';

export interface StyleOptions {
  municipalitySet: MunicipalitySetId;
  /** Overrides the attribution in the file (assets/geo/attribution.json is the source). */
  attribution?: string;
  /** The body size (CSS px) the smallest map label is drawn at; absent: the file's sizes. */
  labelBodyPx?: number;
  /** `maplabels=off`: the basemap's names are not drawn (the map's geometry alone). */
  hideLabels?: boolean;
}

function abs(url: string, base: string): string {
  return new URL(url, base).href;
}

/** The style with every URL absolute and the municipal set applied (pure). */
export function resolveStyle(raw: StyleSpecification, styleUrl: string, opts: StyleOptions): StyleSpecification {
  const style = structuredClone(raw);
  const sets = (style.metadata as { 'cur:municipalitySets'?: Record<string, string> } | undefined)?.['cur:municipalitySets'] ?? {};
  for (const [id, src] of Object.entries(style.sources)) {
    if (src.type !== 'geojson') continue;
    if (id === 'municipalities') {
      const setUrl = sets[opts.municipalitySet];
      if (!setUrl) throw new Error(`style: no boundaries for municipal set ${opts.municipalitySet}`);
      src.data = setUrl;
      if (opts.attribution) src.attribution = opts.attribution;
    }
    if (typeof src.data === 'string') src.data = abs(src.data, styleUrl);
  }
  const faces = style['font-faces'] ?? {};
  for (const [name, decl] of Object.entries(faces)) {
    faces[name] = typeof decl === 'string' ? abs(decl, styleUrl) : decl.map((f) => ({ ...f, url: abs(f.url, styleUrl) }));
  }
  const scaled = opts.labelBodyPx ? scaleLabelSizes(style, opts.labelBodyPx) : style;
  return opts.hideLabels ? withoutLabels(scaled) : scaled;
}

/** The style with the basemap's name layers hidden (the obstacles and everything else kept). */
function withoutLabels(style: StyleSpecification): StyleSpecification {
  const names = LABEL_LAYERS as readonly string[];
  return {
    ...style,
    layers: style.layers.map((l) => (names.includes(l.id) && l.type === 'symbol' ? { ...l, layout: { ...l.layout, visibility: 'none' as const } } : l)),
  };
}

/**
 * Whether the basemap's labels are drawn at the body size (issue 18, the default): every label
 * at least the type scale's body size for the page's `dist` and `pitch`, placed by the collision
 * policy (label-policy.ts: live symbols and the canvas edges reserve their space).
 * `maplabels=style` keeps the style file's own sizes (11–20 px: a desk monitor, a debugging
 * view); `maplabels=body` (the earlier opt-in) is the default and still accepted; `maplabels=off`
 * draws no names (the 2×2 Xvfb test compares the map's geometry across windows with one window
 * over their seams, where each window's edge frame hides the names that cross it).
 */
export function labelsAtBodySize(pageUrl: string): boolean {
  return pageParams(pageUrl).get('maplabels') !== 'style';
}

/** `maplabels=off`: no basemap names. */
export function labelsHidden(pageUrl: string): boolean {
  return pageParams(pageUrl).get('maplabels') === 'off';
}

/** The body size of the wall page's type scale (its `dist` and `pitch`, renderer/wall/type-scale.ts). */
export function pageLabelBodyPx(pageUrl: string): number {
  const c = parseWallConfig(pageUrl);
  return wallTypeScale(c.viewingDistanceM, c.pixelPitchMm).bodyPx;
}

/**
 * The style URL next to the page and the transform that resolves it once maplibre has
 * fetched it (maplibre re-applies the transform when it rebuilds the style after a WebGL
 * context loss; resolving twice gives the same style).
 */
export function loadableStyle(pageUrl: string, opts: StyleOptions): { url: string; transformStyle: TransformStyleFunction } {
  const url = abs(STYLE_PATH, pageUrl);
  const resolved = {
    ...opts,
    labelBodyPx: opts.labelBodyPx ?? (labelsAtBodySize(pageUrl) ? pageLabelBodyPx(pageUrl) : undefined),
    hideLabels: opts.hideLabels ?? labelsHidden(pageUrl),
  };
  return { url, transformStyle: (_previous, next) => resolveStyle(next, url, resolved) };
}
