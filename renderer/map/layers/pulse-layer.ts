/**
 * A ScatterplotLayer whose items pulse: each has a start time (clock seconds, attribute
 * `getPulseStart`); the shader grows the disk and fades it out with the clock uniform, so an
 * animation frame needs no new data, no new layer and no allocation (issue 4). `period` 0 =
 * one pulse of `duration` seconds (arrivals); `period` > 0 = repeat forever (active accidents).
 * Items with a negative start never show.
 */
import type { DefaultProps } from '@deck.gl/core';
import { ScatterplotLayer, type ScatterplotLayerProps } from '@deck.gl/layers';
import type { ShaderModule } from '@luma.gl/shadertools';
import { pulseSeconds } from './pulse-clock';

interface PulseUniformProps {
  time: number;
  duration: number;
  period: number;
  growth: number;
}

const pulseUniforms = {
  name: 'pulse',
  vs: `\
layout(std140) uniform pulseUniforms {
  float time;
  float duration;
  float period;
  float growth;
} pulse;

// Progress 0..1 of the pulse that started at 'start', or -1 when it does not show.
float pulse_progress(float start) {
  if (start < 0.0) return -1.0;
  float age = pulse.time - start;
  if (pulse.period > 0.0) return fract(max(age, 0.0) / pulse.period) * pulse.period / pulse.duration;
  return age < 0.0 ? -1.0 : age / pulse.duration;
}
`,
  uniformTypes: { time: 'f32', duration: 'f32', period: 'f32', growth: 'f32' },
} as const satisfies ShaderModule<PulseUniformProps>;

export type PulseLayerProps = ScatterplotLayerProps & {
  /** Seconds one pulse lasts. @default 2 */
  duration?: number;
  /** Seconds between pulses; 0 = pulse once. @default 0 */
  period?: number;
  /** How much the disk grows over a pulse (1 = doubles). @default 1.2 */
  growth?: number;
};

const defaultProps: DefaultProps<PulseLayerProps> = {
  duration: 2,
  period: 0,
  growth: 1.2,
};

export class PulseLayer extends ScatterplotLayer<unknown, PulseLayerProps> {
  static override layerName = 'PulseLayer';
  static override defaultProps = defaultProps as never;

  override getShaders() {
    const shaders = super.getShaders();
    return {
      ...shaders,
      modules: [...shaders.modules, pulseUniforms],
      inject: {
        'vs:#decl': 'in float instancePulseStarts;\nout float vPulse;',
        'vs:#main-start': 'vPulse = pulse_progress(instancePulseStarts);',
        'vs:DECKGL_FILTER_SIZE': 'size *= (vPulse < 0.0 || vPulse > 1.0) ? 0.0 : 1.0 + pulse.growth * vPulse;',
        'vs:DECKGL_FILTER_COLOR': 'color.a *= clamp(1.0 - vPulse, 0.0, 1.0);',
      },
    };
  }

  override initializeState() {
    super.initializeState();
    this.getAttributeManager()!.addInstanced({
      instancePulseStarts: { size: 1, accessor: 'getPulseStart', defaultValue: -1 },
    });
  }

  override draw(opts: Parameters<ScatterplotLayer['draw']>[0]) {
    const { duration = 2, period = 0, growth = 1.2 } = this.props;
    this.state.model!.shaderInputs.setProps({ pulse: { time: pulseSeconds(), duration, period, growth } } as never);
    super.draw(opts);
  }
}
