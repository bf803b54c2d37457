/**
 * What the legend needs to know about the map (zustand, low rate): the choropleth classes,
 * whether appeals are aggregated, and the fullest cell. Map buffers never live here.
 */
import { create } from 'zustand';
import type { ChoroplethClasses } from './choropleth';

export interface MapLegendState {
  choropleth: ChoroplethClasses | null;
  aggregated: boolean;
  hexMax: number;
}

export const useMapLegend = create<MapLegendState>(() => ({ choropleth: null, aggregated: false, hexMax: 0 }));
