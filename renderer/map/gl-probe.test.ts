import { describe, expect, it } from 'vitest';
import { isSoftwareRenderer, mapAntialias } from './gl-probe';

// Renderer strings as Chromium's ANGLE reports them (WEBGL_debug_renderer_info).
const LLVMPIPE = 'ANGLE (Mesa, llvmpipe (LLVM 15.0.6, 256 bits), OpenGL 4.5)';
const SWIFTSHADER = 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)';
const NVIDIA = 'ANGLE (NVIDIA Corporation, NVIDIA GeForce GTX 1650/PCIe/SSE2, OpenGL 4.5.0)';
const INTEL = 'ANGLE (Intel, Mesa Intel(R) UHD Graphics 630 (CFL GT2), OpenGL 4.6)';

describe('gl-probe', () => {
  it('tells a CPU rasteriser from a GPU by its renderer string', () => {
    expect(isSoftwareRenderer(LLVMPIPE)).toBe(true);
    expect(isSoftwareRenderer(SWIFTSHADER)).toBe(true);
    expect(isSoftwareRenderer(NVIDIA)).toBe(false);
    expect(isSoftwareRenderer(INTEL)).toBe(false);
  });

  it('multisamples on a GPU only when auto; on and off are obeyed without a probe', () => {
    expect(mapAntialias('auto', () => NVIDIA)).toEqual({ antialias: true, renderer: NVIDIA });
    expect(mapAntialias('auto', () => LLVMPIPE)).toEqual({ antialias: false, renderer: LLVMPIPE });
    // No WebGL at all: nothing to multisample.
    expect(mapAntialias('auto', () => null)).toEqual({ antialias: false, renderer: null });
    const never = (): string => {
      throw new Error('no probe when the mode is explicit');
    };
    expect(mapAntialias('on', never)).toEqual({ antialias: true, renderer: null });
    expect(mapAntialias('off', never)).toEqual({ antialias: false, renderer: null });
  });
});
