/**
 * What the legend needs to know about the map (zustand, low rate): the choropleth classes,
 * whether appeals are aggregated, the fullest cell, and whether accidents are drawn. Map
 * buffers never live here.
 */
import { create } from 'zustand';
import type { ChoroplethClasses } from './choropleth';

export interface MapLegendState {
  choropleth: ChoroplethClasses | null;
  aggregated: boolean;
  hexMax: number;
  /** Accidents are drawn (not in a sector scene other than ЖКХ). */
  accidents: boolean;
}

export const useMapLegend = create<MapLegendState>(() => ({ choropleth: null, aggregated: false, hexMax: 0, accidents: true }));
