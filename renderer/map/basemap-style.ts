/**
 * The wall's basemap: a calm dark control-room style built from the offline geo assets
 * served next to the renderer (`geo/*.geojson`). No tiles, no glyph server, no request
 * outside the hub. The map issue grows this into the full style in assets/map/.
 */
import type { StyleSpecification } from 'maplibre-gl';

export const PALETTE = {
  background: '#0b1220',
  neighbours: '#111a2b',
  neighbourLine: '#24324a',
  land: '#15233a',
  municipalityLine: '#4b6a93',
  republicLine: '#9fb8d8',
  water: '#16406b',
  river: '#2b6aa3',
  label: '#e6edf7',
  labelHalo: '#0b1220',
};

/** Absolute URL of a geo asset (maplibre's worker cannot resolve relative URLs). */
export function geoUrl(baseHref: string, file: string): string {
  return new URL(`geo/${file}`, baseHref).href;
}

export function basemapStyle(baseHref: string, attribution: string): StyleSpecification {
  const src = (file: string, extra: object = {}) => ({ type: 'geojson' as const, data: geoUrl(baseHref, file), ...extra });
  return {
    version: 8,
    name: 'ЦУР — тёмная',
    sources: {
      neighbours: src('neighbors.geojson'),
      water: src('water-areas.geojson'),
      rivers: src('rivers.geojson'),
      municipalities: src('municipalities-2025.geojson', { attribution, promoteId: 'oktmo' }),
      republic: src('republic.geojson'),
      labels: src('municipality-labels.geojson'),
      settlements: src('settlements.geojson'),
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': PALETTE.background } },
      { id: 'neighbours-fill', type: 'fill', source: 'neighbours', paint: { 'fill-color': PALETTE.neighbours } },
      { id: 'neighbours-line', type: 'line', source: 'neighbours', paint: { 'line-color': PALETTE.neighbourLine, 'line-width': 1 } },
      { id: 'municipalities-fill', type: 'fill', source: 'municipalities', paint: { 'fill-color': PALETTE.land, 'fill-opacity': 1 } },
      { id: 'water-fill', type: 'fill', source: 'water', paint: { 'fill-color': PALETTE.water } },
      { id: 'rivers', type: 'line', source: 'rivers', paint: { 'line-color': PALETTE.river, 'line-width': ['interpolate', ['linear'], ['zoom'], 6, 1, 10, 3] } },
      { id: 'municipalities-line', type: 'line', source: 'municipalities', paint: { 'line-color': PALETTE.municipalityLine, 'line-width': 1.2 } },
      { id: 'republic-line', type: 'line', source: 'republic', paint: { 'line-color': PALETTE.republicLine, 'line-width': 2.5 } },
      {
        id: 'municipality-labels',
        type: 'symbol',
        source: 'labels',
        layout: { 'text-field': ['get', 'name'], 'text-size': 15, 'text-font': ['PT Sans Regular'], 'text-max-width': 8 },
        paint: { 'text-color': '#8fa6c4', 'text-halo-color': PALETTE.labelHalo, 'text-halo-width': 1.5 },
      },
      {
        id: 'settlement-labels',
        type: 'symbol',
        source: 'settlements',
        filter: ['<=', ['get', 'rank'], 2],
        layout: { 'text-field': ['get', 'name'], 'text-size': 17, 'text-font': ['PT Sans Bold'], 'text-offset': [0, 1], 'text-anchor': 'top' },
        paint: { 'text-color': PALETTE.label, 'text-halo-color': PALETTE.labelHalo, 'text-halo-width': 2 },
      },
    ],
  };
}
