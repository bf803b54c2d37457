/**
 * What the wall layout says about one screen, as the URL parameters the renderer reads
 * (renderer/README.md «Wall URL parameters»; the touch panel's `pxmm`). Pure: used by the
 * Electron main (`planWindows`) and by the Chromium fallback of `npm start` (`launcher.ts`),
 * so both open the same URL for the same screen.
 */
import { mapRegions, type WallLayout, type WallScreen } from '../app/wall/wall-layout';

/** URL parameters of one screen; an absent one is the renderer's default. */
export interface ScreenParams {
  /** `map`: a map screen; `scenes`: the duty-shift scene wall (the renderer's default). */
  shows?: 'map' | 'scenes';
  /** A scene playlist by name (the hub's `playlists` document, or the built-in `default`/`test`). */
  playlist?: string;
  /** Beep for alarms whose rule asks for sound. */
  sound?: true;
  /** Viewing distance, m (type scale). */
  dist?: number;
  /** Pixel pitch of the window's CSS pixel, mm (type scale). */
  pitch?: number;
  /** Touch panel: CSS pixels per mm (the size of touch targets). */
  pxmm?: number;
}

const round = (n: number, digits: number): number => Number(n.toFixed(digits));

/**
 * The parameters of `screen` of `layout`, shown in a window of `windowHeight` CSS px (its
 * bounds in DIP; the panel's resolution when unknown).
 *
 * - `map-region` spanning several screens → `shows=map` (the viewport comes separately). A
 *   region of one screen named after it (what a screen without `shows` gets) is the scene
 *   wall, as before layouts said what screens show; any other one-screen region is a map.
 * - `playlist` → the scene wall with that playlist; `panel` → the scene wall (the renderer
 *   has no single-panel screen yet).
 * - `dist`: the screen's viewing distance, else the layout's; `pitch`: panel height in mm
 *   over the window's height in CSS px (so a 4K panel at 200 % gets twice the 4K pitch).
 * - The touch panel gets only `pxmm` (CSS px per mm), when its size is known.
 */
export function screenParams(layout: Pick<WallLayout, 'screens' | 'viewingDistanceM'>, screen: WallScreen, windowHeight?: number): ScreenParams {
  const height = windowHeight ?? screen.resolution?.height;
  const mmHigh = screen.sizeMm?.height;
  if (screen.view === 'touch') return mmHigh && height ? { pxmm: round(height / mmHigh, 3) } : {};

  const p: ScreenParams = {};
  const shows = screen.shows;
  if (shows.type === 'map-region') {
    const alone = (mapRegions(layout).get(shows.region)?.length ?? 0) < 2;
    if (!(alone && shows.region === screen.id)) p.shows = 'map';
  } else if (shows.type === 'playlist') {
    p.shows = 'scenes';
    p.playlist = shows.playlist;
  } else if (shows.type === 'panel') {
    p.shows = 'scenes';
  }
  if (screen.sound) p.sound = true;
  p.dist = screen.viewingDistanceM ?? layout.viewingDistanceM;
  if (mmHigh && height) p.pitch = round(mmHigh / height, 4);
  return p;
}

/** `&shows=…&playlist=…&sound=1&dist=…&pitch=…&pxmm=…`, in that order, absent ones left out. */
export function screenParamsQuery(p: ScreenParams | undefined): string {
  if (!p) return '';
  const parts: string[] = [];
  if (p.shows) parts.push(`shows=${p.shows}`);
  if (p.playlist !== undefined) parts.push(`playlist=${encodeURIComponent(p.playlist)}`);
  if (p.sound) parts.push('sound=1');
  if (p.dist !== undefined) parts.push(`dist=${p.dist}`);
  if (p.pitch !== undefined) parts.push(`pitch=${p.pitch}`);
  if (p.pxmm !== undefined) parts.push(`pxmm=${p.pxmm}`);
  return parts.map((s) => `&${s}`).join('');
}

/** True when two parameter sets give the same URL. */
export function sameParams(a: ScreenParams | undefined, b: ScreenParams | undefined): boolean {
  return screenParamsQuery(a) === screenParamsQuery(b);
}
