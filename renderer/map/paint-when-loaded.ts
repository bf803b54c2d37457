/**
 * At a cold start maplibre paints a frame each time a basemap tile or glyph arrives: about
 * twenty partial pictures of 1920×1080 before its `load`. On a wall PC without a GPU (Mesa
 * llvmpipe, SwiftShader) each costs the GPU process ≈ 80–90 ms of CPU, ≈ 1.8 s in all before
 * the first complete picture (bench/README.md «Cold start»), CPU the page's own start and the
 * feed worker's snapshot then wait for. Until the map's first `load`, this paints only a frame
 * in which every source is loaded: the picture appears once, complete; maplibre's own work
 * (tile requests, placement, the `load` event itself) goes on every frame as before.
 */
import type { Map as MaplibreMap } from 'maplibre-gl';

/** Wraps `map.painter.render` until `load`; returns how many partial frames were skipped (diagnostics). */
export function paintWhenLoaded(map: MaplibreMap): { readonly skipped: number } {
  const painter = map.painter;
  const render = painter.render.bind(painter);
  const state = { skipped: 0 };
  painter.render = (style, transform, data) => {
    // `style.loaded()`: the style and every source's tiles (errored ones included) are in.
    if (style.loaded()) return render(style, transform, data);
    state.skipped++;
  };
  // Back to maplibre's own method (the prototype's): a later style change paints as it always did.
  map.once('load', () => delete (painter as { render?: unknown }).render);
  return state;
}
