/**
 * SLA breaches (overdue appeals), drawn above every other layer and label so a breach is never
 * hidden (issue 4); every name keeps off them anyway (each reserves its space in the label
 * collision policy, map/label-policy.ts, issue 18): a larger dot with a thick red outline (from
 * the worker's buffers) inside a thin white halo — a target that reads without colour.
 */
import { ScatterplotLayer } from '@deck.gl/layers';
import { appealLook } from '../../../app/ui/map-look';
import type { PointBuffers } from '../../worker/frame';
import type { FilterProps } from '../sector-filter';
import { pointsLayer } from './appeals-layer';
import { FILTER_OFF, sectorFilterProps } from './sector-filter-extension';

const OVERDUE = appealLook('overdue');
/** The halo's radius over the dot's: past the red outline with a 2.5 px gap. */
export const HALO_FACTOR = (OVERDUE.radius + OVERDUE.lineWidth / 2 + 2.5) / OVERDUE.radius;

/** The halo and the dot; a sector scene shows its own sector's breaches only (`filter`). */
export function slaBreachesLayers(buffers: PointBuffers, scale = 1, filter: FilterProps = FILTER_OFF, beforeId?: string): ScatterplotLayer[] {
  const halo = new ScatterplotLayer({
    id: 'sla-breaches-halo',
    data: {
      length: buffers.count,
      attributes: {
        getPosition: { value: buffers.positions, size: 2 },
        getRadius: { value: buffers.radii, size: 1 },
        getFilterValue: { value: buffers.sectors, size: 1 },
      },
    },
    ...sectorFilterProps(filter),
    radiusUnits: 'pixels',
    radiusScale: scale * HALO_FACTOR,
    filled: false,
    stroked: true,
    lineWidthUnits: 'pixels',
    getLineWidth: 1.5,
    getLineColor: [255, 255, 255, 220],
    pickable: false,
    beforeId,
  } as ConstructorParameters<typeof ScatterplotLayer>[0]);
  return [halo, pointsLayer({ id: 'sla-breaches', buffers, beforeId, scale, filter })];
}
