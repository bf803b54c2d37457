/**
 * Appeal points: colour = sector, a second cue for the SLA state baked into the buffers by
 * the worker (app/ui/map-look.ts). Binary attributes straight from the
 * worker's typed arrays: 3–30× cheaper on the main thread than object arrays (PITFALLS.md).
 */
import { ScatterplotLayer } from '@deck.gl/layers';
import type { PointBuffers } from '../../worker/frame';
import type { FilterProps } from '../sector-filter';
import { FILTER_OFF, sectorFilterProps } from './sector-filter-extension';

export interface AppealsLayerProps {
  /** @default 'appeals' */
  id?: string;
  buffers: PointBuffers;
  /** Draw below this maplibre layer (interleaved mode); undefined = above everything. */
  beforeId?: string;
  /** @default true */
  visible?: boolean;
  /** Multiplies radii and outline widths (smaller symbols when zoomed out). @default 1 */
  scale?: number;
  /** The sector filter (GPU, on `buffers.sectors`). @default off */
  filter?: FilterProps;
}

/** A binary-attribute scatterplot of {@link PointBuffers} (also used for SLA breaches). */
export function pointsLayer({ id = 'appeals', buffers, beforeId, visible = true, scale = 1, filter = FILTER_OFF }: AppealsLayerProps): ScatterplotLayer {
  return new ScatterplotLayer({
    id,
    beforeId,
    visible,
    data: {
      length: buffers.count,
      attributes: {
        getPosition: { value: buffers.positions, size: 2 },
        getFillColor: { value: buffers.fillColors, size: 4, normalized: true },
        getLineColor: { value: buffers.lineColors, size: 4, normalized: true },
        getRadius: { value: buffers.radii, size: 1 },
        getLineWidth: { value: buffers.lineWidths, size: 1 },
        getFilterValue: { value: buffers.sectors, size: 1 },
      },
    },
    ...sectorFilterProps(filter),
    radiusUnits: 'pixels',
    lineWidthUnits: 'pixels',
    radiusScale: scale,
    lineWidthScale: scale,
    stroked: true,
    pickable: false,
  } as ConstructorParameters<typeof ScatterplotLayer>[0]);
}

/** Appeal points (`appeals` for open ones; the closed ones use id `appeals-closed`). */
export function appealsLayer(props: AppealsLayerProps): ScatterplotLayer {
  return pointsLayer({ id: 'appeals', ...props });
}
