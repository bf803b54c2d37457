/**
 * The wall's palette at an instant: the palette of the playlist's daypart in force (issue 18:
 * the night daypart dims the wall). A pure function of hub time, like the scene schedule, so
 * every window switches palette in the same minute.
 */
import { DAY_MS, MINUTE_MS, MSK_OFFSET_MS } from '../calendar/msk-time';
import type { PaletteName } from '../ui/palette';
import { minuteOwners, type Playlist } from './playlist';

/** The palette of the daypart in force at `now` (hub time, Unix ms); `day` when it names none. */
export function paletteAt(playlist: Playlist, now: number): PaletteName {
  const minute = Math.floor(((((now + MSK_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS) / MINUTE_MS);
  const owner = minuteOwners(playlist.dayparts)[minute] ?? -1;
  return playlist.dayparts[owner]?.palette ?? 'day';
}
