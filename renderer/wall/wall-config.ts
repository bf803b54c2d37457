/**
 * The wall window's configuration, from the URL (after the hash, like `token`; see
 * renderer/README.md «Wall URL parameters»). Every value has a default, so a bare
 * `#/wall/main?token=…` is the duty-shift wall with the default playlist.
 */
import { DEFAULT_PLAYLIST, PlaylistSchema, type Playlist } from '../../app/scenes/playlist';
import { SceneSchema } from '../../app/scenes/scene';
import { PALETTE_NAMES, type PaletteName } from '../../app/ui/palette';
import { TEST_PLAYLIST } from '../scenes/test-playlist';
import { pageParams } from '../route';

/** What a window shows: the scene wall (panels around the map) or the map alone. */
export type WallShows = 'scenes' | 'map';

export interface WallConfig {
  shows: WallShows;
  /** Name of the playlist in the hub's `playlists` document (issue 12); `default` and `test` are also built in. */
  playlistName: string;
  /** The built-in playlist shown until the hub's document names `playlistName` (`test` or the default one). */
  playlist: Playlist;
  /** Alarm sound (a generated beep) for alarms whose rule asks for it. @default false */
  sound: boolean;
  /** Metres from the duty desk to the screen. @default 4 */
  viewingDistanceM: number;
  /** Panel pixel pitch, mm (vertical). @default 0.63 (a 55″ Full HD panel: 680 mm / 1080 px) */
  pixelPitchMm: number;
  /** A `/presenter` token: a key on the wall then acknowledges an alarm on every screen. */
  controlToken: string | null;
  /** `palette=day|night`: this palette all day; null: the playlist's dayparts choose. @default null */
  palette: PaletteName | null;
}

/** The playlist name of a window pinned to one scene (`scene=`); the hub's playlists never replace it. */
export const PREVIEW_PLAYLIST = 'preview';

/** A 55″ Full HD panel: 680 mm of height over 1080 pixels. */
export const DEFAULT_PIXEL_PITCH_MM = 0.63;
/** The duty desk's distance from the wall (the `single` layout's `viewingDistanceM`). */
export const DEFAULT_VIEWING_DISTANCE_M = 4;

function positive(v: string | null, dflt: number, max: number): number {
  const n = v === null || v.trim() === '' ? NaN : Number(v);
  return Number.isFinite(n) && n > 0 && n <= max ? n : dflt;
}

/** The wall configuration of a page URL; anything malformed falls back to its default. */
export function parseWallConfig(href: string): WallConfig {
  const p = pageParams(href);
  // A window showing part of a spanning map (`vx`…) is a map screen unless told otherwise.
  const spanning = ['vx', 'vy', 'vw', 'vh'].every((k) => p.has(k));
  const shows: WallShows = p.get('shows') === 'map' || (spanning && p.get('shows') !== 'scenes') ? 'map' : 'scenes';
  const asked = p.get('playlist');
  // `scene=KEY`: that one scene all day, whatever the playlists say (the admin page's preview).
  const pinned = p.get('scene');
  const preview =
    pinned !== null && SceneSchema.safeParse(pinned).success
      ? PlaylistSchema.parse({ dayparts: [{ id: 'preview', from: '00:00', to: '00:00', dwellS: 3600, scenes: [pinned] }] })
      : null;
  const playlistName = preview ? PREVIEW_PLAYLIST : asked && /^[a-z0-9][a-z0-9-]{0,31}$/.test(asked) ? asked : 'default';
  const control = p.get('control');
  return {
    shows,
    playlistName,
    playlist: preview ?? (playlistName === 'test' ? TEST_PLAYLIST : DEFAULT_PLAYLIST),
    sound: p.get('sound') === '1' || p.get('sound') === 'on',
    viewingDistanceM: positive(p.get('dist'), DEFAULT_VIEWING_DISTANCE_M, 50),
    pixelPitchMm: positive(p.get('pitch'), DEFAULT_PIXEL_PITCH_MM, 20),
    controlToken: control && /^[\w.-]{4,200}$/.test(control) ? control : null,
    palette: PALETTE_NAMES.find((n) => n === p.get('palette')) ?? null,
  };
}
