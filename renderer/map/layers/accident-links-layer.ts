/** Thin lines from an accident to the social posts linked to it (`appeal.accidentId`). */
import { LineLayer } from '@deck.gl/layers';
import type { LinkBuffers } from '../../worker/frame';

export function accidentLinksLayer(buffers: LinkBuffers, beforeId?: string, visible = true): LineLayer {
  return new LineLayer({
    id: 'accident-links',
    beforeId,
    visible,
    data: {
      length: buffers.count,
      attributes: {
        getSourcePosition: { value: buffers.sources, size: 2 },
        getTargetPosition: { value: buffers.targets, size: 2 },
      },
    },
    getColor: [255, 138, 128, 170],
    widthUnits: 'pixels',
    getWidth: 1.5,
    pickable: false,
  } as ConstructorParameters<typeof LineLayer>[0]);
}
