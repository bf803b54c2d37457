/**
 * What a scene asks of the map and the worker (pure, tested): where the camera goes, which
 * choropleth is on, which entities the focused panels take. The map is one long-lived map
 * for every scene (never remounted): a scene only moves its camera and changes its metric.
 */
import type { ControlState } from '../../app/protocol/control';
import type { Scene } from '../../app/scenes/scene';
import type { PanelFocus } from '../worker/frame';
import type { ChoroplethMetric } from '../map/choropleth';
import type { MapFilter } from '../map/sector-filter';

/** Where the camera goes. */
export type CameraTarget = { kind: 'republic' } | { kind: 'oktmo'; oktmo: string } | { kind: 'point'; center: [number, number]; zoom?: number };

/**
 * A live `focus:set` from the touch panel or the curator wins; else a municipality scene
 * flies to its municipality; every other scene shows the whole republic.
 */
export function cameraTarget(scene: Scene | null, focus: ControlState['focus'] | undefined, hubNow: number): CameraTarget {
  if (focus && hubNow < focus.until) {
    if (focus.oktmo) return { kind: 'oktmo', oktmo: focus.oktmo };
    if (focus.point) return { kind: 'point', center: focus.point, ...(focus.zoom !== undefined && { zoom: focus.zoom }) };
  }
  if (scene?.id === 'municipality') return { kind: 'oktmo', oktmo: scene.oktmo };
  return { kind: 'republic' };
}

/** One string per distinct target (an effect's dependency). */
export function targetKey(t: CameraTarget): string {
  return t.kind === 'oktmo' ? `oktmo:${t.oktmo}` : t.kind === 'point' ? `point:${t.center.join(',')}${t.zoom !== undefined ? `@${t.zoom}` : ''}` : 'republic';
}

/** The OKTMO code for `data-focus`, or empty. */
export function focusOktmo(t: CameraTarget): string {
  return t.kind === 'oktmo' ? t.oktmo : '';
}

/**
 * The choropleth of a scene: SLA shows where answers are late, ratings each municipality's
 * ОМСУ score (the table beside it names the places); the others keep the map to points and
 * accidents (a per-10,000 choropleth in the ratings scene came out one colour for most of the
 * republic on demo data: it said less than the points).
 */
export function sceneMetric(scene: Scene): ChoroplethMetric {
  if (scene.id === 'sla') return 'overdue';
  if (scene.id === 'ratings') return 'rating';
  return 'off';
}

/** The entities the focused panels take for a scene, or null. */
export function panelFocus(scene: Scene | null): PanelFocus | null {
  // ЖКХ: the housing sector's appeals next to the accidents.
  if (scene?.id === 'housing') return { kind: 'sector', sector: 'housing' };
  if (scene?.id === 'sector') return { kind: 'sector', sector: scene.sector };
  if (scene?.id === 'municipality') return { kind: 'municipality', oktmo: scene.oktmo };
  return null;
}

/**
 * What the map draws of the appeals (issue 5): a sector scene its sector's only, ЖКХ the
 * housing appeals and the accidents (as their focused panels); every other scene, the
 * municipality's included, all of them.
 */
export function mapFilter(scene: Scene | null): MapFilter {
  const f = panelFocus(scene);
  return f?.kind === 'sector' ? { sector: f.sector } : null;
}

/** One string per distinct focus. */
export function focusKey(f: PanelFocus | null): string {
  return f === null ? '' : f.kind === 'sector' ? `sector:${f.sector}` : `municipality:${f.oktmo}`;
}
