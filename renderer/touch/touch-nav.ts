/**
 * The touch panel's session state (zustand): the drill-down stack, the filter, the zoom of
 * the map and of the lists, and the wall-command options. Pure actions; the app's own back is
 * the only back (the browser's is trapped, see `kiosk-guard.ts`).
 */
import { create } from 'zustand';
import type { AppealChannel } from '../../app/domain/entity';
import type { ItemFilter } from '../../app/meetings/item-filter';
import type { SlaStatus } from '../../app/sla/sla-state';
import type { ItemListKind } from './drill-model';

/** A screen of the drill-down. */
export type TouchScreen =
  | { kind: 'republic' }
  | { kind: 'municipality'; oktmo: string }
  | { kind: 'org'; oktmo: string; org: string }
  | { kind: 'items'; oktmo: string; org: string; list: ItemListKind }
  | { kind: 'item'; key: string }
  | { kind: 'ratings'; level: 'omsu' | 'oiv' }
  | { kind: 'rating'; level: 'omsu' | 'oiv'; key: string };

/** A pan-and-zoom transform in CSS px: translate, then scale. */
export interface MapView {
  scale: number;
  tx: number;
  ty: number;
}

export interface TouchNavState {
  stack: TouchScreen[];
  filter: Required<Pick<ItemFilter, 'sectors' | 'channels' | 'sla'>>;
  filtersOpen: boolean;
  mapView: MapView;
  /** Text scale of lists, 1–2. */
  listZoom: number;
  /** How long the wall keeps what the panel sent, seconds. */
  durationS: number;
  /** «Показать на стене» also switches the wall's scene. */
  withScene: boolean;
  /** The wall follows every municipality, list or item opened on the panel. */
  follow: boolean;
}

const HOME: TouchScreen = { kind: 'republic' };
export const IDENTITY_VIEW: MapView = { scale: 1, tx: 0, ty: 0 };

export const useTouchNav = create<TouchNavState>(() => ({
  stack: [HOME],
  filter: { sectors: [], channels: [], sla: [] },
  filtersOpen: false,
  mapView: IDENTITY_VIEW,
  listZoom: 1,
  durationS: 120,
  withScene: false,
  follow: false,
}));

/** The screen on top. */
export const currentScreen = (s: TouchNavState): TouchScreen => s.stack[s.stack.length - 1]!;

export function push(screen: TouchScreen): void {
  useTouchNav.setState((s) => ({ stack: [...s.stack, screen], filtersOpen: false }));
}

/** One step back; false when already on the first screen. */
export function back(): boolean {
  const s = useTouchNav.getState();
  if (s.filtersOpen) {
    useTouchNav.setState({ filtersOpen: false });
    return true;
  }
  if (s.stack.length <= 1) return false;
  useTouchNav.setState({ stack: s.stack.slice(0, -1) });
  return true;
}

/** Back to the republic, filters and zoom reset (after the panel has been idle). */
export function reset(): void {
  useTouchNav.setState({ stack: [HOME], filter: { sectors: [], channels: [], sla: [] }, filtersOpen: false, mapView: IDENTITY_VIEW, listZoom: 1 });
}

type FilterField = { sectors: string; channels: AppealChannel; sla: SlaStatus };

/** Adds or removes one value of a filter field. */
export function toggleFilter<K extends keyof FilterField>(field: K, value: FilterField[K]): void {
  useTouchNav.setState((s) => {
    const cur = s.filter[field] as unknown as readonly FilterField[K][];
    const next = cur.includes(value) ? cur.filter((v) => v !== value) : [...cur, value];
    return { filter: { ...s.filter, [field]: next } };
  });
}

export function clearFilter(): void {
  useTouchNav.setState({ filter: { sectors: [], channels: [], sla: [] } });
}

/** Number of values chosen in the filter. */
export function filterSize(f: TouchNavState['filter']): number {
  return f.sectors.length + f.channels.length + f.sla.length;
}
