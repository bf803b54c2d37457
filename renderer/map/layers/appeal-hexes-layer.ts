/**
 * Zoomed-out aggregation of appeals: flat hexagons (a ColumnLayer with six sides, not
 * extruded) whose colour says how many appeals fall in the cell. The cells are binned
 * incrementally in the worker (renderer/feed/encode/hex-grid.ts).
 */
import { ColumnLayer } from '@deck.gl/layers';
import type { HexBuffers } from '../../feed/frame';

export interface AppealHexesLayerProps {
  buffers: HexBuffers;
  beforeId?: string;
  /** @default true */
  visible?: boolean;
}

export function appealHexesLayer({ buffers, beforeId, visible = true }: AppealHexesLayerProps): ColumnLayer {
  return new ColumnLayer({
    id: 'appeal-hexes',
    beforeId,
    visible,
    data: {
      length: buffers.count,
      attributes: {
        getPosition: { value: buffers.positions, size: 2 },
        getFillColor: { value: buffers.fillColors, size: 4, normalized: true },
      },
    },
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
