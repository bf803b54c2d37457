/**
 * ЖКХ accidents: a disk sized by residents affected (red while active, grey once restored)
 * with the resource icon on it, a slow pulse while supply is off, and an amber ring once the
 * planned restoration time has passed. Four primitive deck.gl layers, not a composite, so
 * each keeps its `beforeId` in interleaved mode.
 */
import type { Layer } from '@deck.gl/core';
import { IconLayer, ScatterplotLayer } from '@deck.gl/layers';
import { ACCIDENT_RESOURCES } from '../../../app/domain/entity';
import type { AccidentBuffers } from '../../worker/frame';
import { accidentIconAtlas } from './accident-icons';
import { PulseLayer } from './pulse-layer';

/** Seconds between pulses of an active accident. */
export const ACCIDENT_PULSE_PERIOD_S = 2.4;

/** @param visible - false in a sector scene other than ЖКХ (kept in the list: nothing re-uploads). */
export function accidentsLayers(buffers: AccidentBuffers, beforeId?: string, visible = true): Layer[] {
  const data = (attributes: Record<string, { value: Float32Array | Uint8Array; size: number; normalized?: boolean }>) => ({
    length: buffers.count,
    attributes,
  });
  const position = { value: buffers.positions, size: 2 };
  const { atlas, mapping } = accidentIconAtlas();
  const icons = buffers.icons;
  return [
    new PulseLayer({
      id: 'accidents-pulse',
      beforeId,
      visible,
      data: data({ getPosition: position, getRadius: { value: buffers.radii, size: 1 }, getPulseStart: { value: buffers.pulseStarts, size: 1 } }),
      radiusUnits: 'pixels',
      filled: false,
      stroked: true,
      getLineColor: [255, 82, 82, 255],
      lineWidthUnits: 'pixels',
      getLineWidth: 2.5,
      duration: 1.6,
      period: ACCIDENT_PULSE_PERIOD_S,
      growth: 1.1,
    } as ConstructorParameters<typeof PulseLayer>[0]),
    new ScatterplotLayer({
      id: 'accidents-overdue-ring',
      beforeId,
      visible,
      data: data({ getPosition: position, getRadius: { value: buffers.ringRadii, size: 1 } }),
      radiusUnits: 'pixels',
      filled: false,
      stroked: true,
      getLineColor: [255, 176, 0, 255],
      lineWidthUnits: 'pixels',
      getLineWidth: 3,
    } as ConstructorParameters<typeof ScatterplotLayer>[0]),
    new ScatterplotLayer({
      id: 'accidents',
      beforeId,
      visible,
      data: data({
        getPosition: position,
        getRadius: { value: buffers.radii, size: 1 },
        getFillColor: { value: buffers.fillColors, size: 4, normalized: true },
        getLineColor: { value: buffers.lineColors, size: 4, normalized: true },
      }),
      radiusUnits: 'pixels',
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 1.5,
    } as ConstructorParameters<typeof ScatterplotLayer>[0]),
    new IconLayer({
      id: 'accidents-icons',
      beforeId,
      visible,
      data: data({ getPosition: position, getSize: { value: buffers.radii, size: 1 }, getColor: { value: buffers.iconColors, size: 4, normalized: true } }),
      iconAtlas: atlas as never,
      iconMapping: mapping,
      getIcon: (_: unknown, info: { index: number }) => ACCIDENT_RESOURCES[icons[info.index] ?? 0]!,
      sizeUnits: 'pixels',
      sizeScale: 1.2,
    } as unknown as ConstructorParameters<typeof IconLayer>[0]),
  ];
}
