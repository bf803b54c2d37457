/** A short expanding ring where an appeal or accident has just arrived (issue 4). */
import type { ArrivalBuffers } from '../../worker/frame';
import type { FilterProps } from '../sector-filter';
import { PulseLayer } from './pulse-layer';
import { FILTER_OFF, sectorFilterProps } from './sector-filter-extension';

/** Seconds an arrival pulses. */
export const ARRIVAL_PULSE_S = 2.5;

export function arrivalsLayer(buffers: ArrivalBuffers, beforeId?: string, filter: FilterProps = FILTER_OFF): PulseLayer {
  return new PulseLayer({
    id: 'arrivals',
    beforeId,
    data: {
      length: buffers.count,
      attributes: {
        getPosition: { value: buffers.positions, size: 2 },
        getLineColor: { value: buffers.fillColors, size: 4, normalized: true },
        getPulseStart: { value: buffers.pulseStarts, size: 1 },
        getFilterValue: { value: buffers.sectors, size: 1 },
      },
    },
    ...sectorFilterProps(filter),
    radiusUnits: 'pixels',
    getRadius: 7,
    filled: false,
    stroked: true,
    lineWidthUnits: 'pixels',
    getLineWidth: 3,
    duration: ARRIVAL_PULSE_S,
    growth: 4,
    pickable: false,
  } as ConstructorParameters<typeof PulseLayer>[0]);
}
