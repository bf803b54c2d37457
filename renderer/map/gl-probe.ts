/**
 * Which WebGL the page got: a GPU, or a rasteriser on the CPU (Mesa llvmpipe or softpipe,
 * SwiftShader: the launcher's fallback on a wall PC without a working GPU, and every test
 * here). A GPU multisamples in hardware; a CPU rasteriser pays for it with a third or more of
 * every frame (bench/README.md «Cold start»: GPU-process CPU per 1920×1080 scene-wall frame
 * 232 ms with it against 129–159 ms without, llvmpipe), so the map asks for it only on a GPU
 * (`aa=auto`).
 */

/** The unmasked renderer string of a WebGL context, '' where the browser hides it. */
export function glRenderer(gl: WebGLRenderingContext | WebGL2RenderingContext): string {
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  const v: unknown = gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER);
  return typeof v === 'string' ? v : '';
}

/** A renderer string of a CPU rasteriser (as ANGLE reports Mesa's and SwiftShader's). */
export function isSoftwareRenderer(renderer: string): boolean {
  return /llvmpipe|softpipe|lavapipe|swiftshader|software rasterizer|microsoft basic render/i.test(renderer);
}

export type AntialiasMode = 'auto' | 'on' | 'off';

/**
 * Whether the map's canvas is multisampled: `on`/`off` as asked (`aa=` in the page URL),
 * `auto` only on a GPU. The probe is a 1×1 context, dropped at once; without WebGL at all
 * the answer does not matter (the map cannot start), so it is `false`.
 */
export function mapAntialias(mode: AntialiasMode, probe: () => string | null = probeRenderer): { antialias: boolean; renderer: string | null } {
  if (mode !== 'auto') return { antialias: mode === 'on', renderer: null };
  const renderer = probe();
  return { antialias: renderer !== null && !isSoftwareRenderer(renderer), renderer };
}

function probeRenderer(): string | null {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 1;
  const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
  // A context that comes back lost answers nothing: unknown, not a GPU.
  if (!gl || gl.isContextLost()) return null;
  const renderer = glRenderer(gl);
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return renderer;
}
