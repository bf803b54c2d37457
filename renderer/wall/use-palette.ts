/**
 * The wall's palette follows the playlist's dayparts (issue 18): the night daypart dims the
 * wall. Re-evaluated with the hub clock (every second), so all windows switch in the same
 * minute; `&palette=day|night` pins one. `window.__curPalette(name | null)` pins or releases
 * it at run time (tests check contrast in both palettes on one page).
 */
import { useEffect, useState } from 'react';
import { paletteAt } from '../../app/scenes/palette-at';
import type { Playlist } from '../../app/scenes/playlist';
import type { PaletteName } from '../../app/ui/palette';
import { hubNow, useClock } from '../state/clock-store';
import { applyPalette } from './type-scale';

declare global {
  interface Window {
    /** Pins the wall's palette (`null`: back to the playlist's dayparts). */
    __curPalette?: (name: PaletteName | null) => void;
  }
}

export function useDaypartPalette(playlist: Playlist, pinned: PaletteName | null): PaletteName {
  useClock((s) => s.now);
  const [override, setOverride] = useState<PaletteName | null>(pinned);
  const name = override ?? paletteAt(playlist, hubNow());
  useEffect(() => {
    window.__curPalette = setOverride;
    return () => void delete window.__curPalette;
  }, []);
  useEffect(() => applyPalette(document.documentElement, name), [name]);
  return name;
}
