/**
 * Zoomed-out aggregation of appeals: flat hexagons (a ColumnLayer with six sides, not
 * extruded) whose colour says how many appeals fall in the cell. The cells are binned
 * incrementally in the worker (renderer/worker/encode/hex-grid.ts), for every sector together
 * and for each sector apart.
 */
import { ColumnLayer } from '@deck.gl/layers';
import type { HexBuffers } from '../../worker/frame';
import type { FilterProps } from '../sector-filter';
import { sectorFilterProps } from './sector-filter-extension';

export interface AppealHexesLayerProps {
  buffers: HexBuffers;
  beforeId?: string;
  /** @default true */
  visible?: boolean;
  /**
   * Which cells: the all-sector ones, or one sector's (renderer/map/sector-filter.ts). Always
   * on: each cell comes once per sector as well.
   */
  filter: FilterProps;
}

export function appealHexesLayer({ buffers, beforeId, visible = true, filter }: AppealHexesLayerProps): ColumnLayer {
  return new ColumnLayer({
    id: 'appeal-hexes',
    beforeId,
    visible,
    data: {
      length: buffers.count,
      attributes: {
        getPosition: { value: buffers.positions, size: 2 },
        getFillColor: { value: buffers.fillColors, size: 4, normalized: true },
        getFilterValue: { value: buffers.sectors, size: 1 },
      },
    },
    ...sectorFilterProps(filter),
    diskResolution: 6,
    // Pointy-top cells, as binned.
    angle: 90,
    radius: buffers.radiusM,
    // A hairline gap between cells reads better than a solid mosaic.
    coverage: 0.94,
    extruded: false,
    pickable: false,
  } as ConstructorParameters<typeof ColumnLayer>[0]);
}
