/**
 * SLA breaches (overdue appeals), drawn above every other layer and label (no `beforeId`) so
 * a breach is never hidden (issue 4): a larger dot with a thick red outline (from the worker's
 * buffers) inside a thin white halo — a target that reads without colour.
 */
import { ScatterplotLayer } from '@deck.gl/layers';
import { appealLook } from '../../feed/encode/appearance';
import type { PointBuffers } from '../../feed/frame';
import { pointsLayer } from './appeals-layer';

const OVERDUE = appealLook('overdue');
/** The halo's radius over the dot's: past the red outline with a 2.5 px gap. */
const HALO_FACTOR = (OVERDUE.radius + OVERDUE.lineWidth / 2 + 2.5) / OVERDUE.radius;

export function slaBreachesLayers(buffers: PointBuffers, scale = 1): ScatterplotLayer[] {
  const halo = new ScatterplotLayer({
    id: 'sla-breaches-halo',
    data: { length: buffers.count, attributes: { getPosition: { value: buffers.positions, size: 2 }, getRadius: { value: buffers.radii, size: 1 } } },
    radiusUnits: 'pixels',
    radiusScale: scale * HALO_FACTOR,
    filled: false,
    stroked: true,
    lineWidthUnits: 'pixels',
    getLineWidth: 1.5,
    getLineColor: [255, 255, 255, 220],
    pickable: false,
  } as ConstructorParameters<typeof ScatterplotLayer>[0]);
  return [halo, pointsLayer({ id: 'sla-breaches', buffers, scale })];
}
