/**
 * luma.gl 9 (under deck.gl) keeps its device, its GL state cache and the spies that feed that
 * cache as own properties of the WebGL context object (`gl.luma`, `gl.lumaState`,
 * `gl.useProgram`…). After a context loss they describe a dead context: a new deck.gl
 * overlay would attach the old device, with cached programs that no longer exist and a
 * state cache that no longer matches (seen here as GL_INVALID_OPERATION on every draw).
 * Removing them lets the next overlay attach a fresh device, exactly as at start.
 */
export function forgetLumaState(gl: WebGL2RenderingContext): void {
  const own = gl as unknown as Record<string, unknown>;
  for (const key of Object.getOwnPropertyNames(gl)) delete own[key];
}
