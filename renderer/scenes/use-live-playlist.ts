/**
 * The playlist a wall rotates (issue 12): the hub's `playlists` document names them; the layout
 * names one (`playlist=` of the wall URL). A new version takes effect at the next scene boundary
 * of the playlist running now: every wall computes that boundary from hub time and the same
 * running playlist, so all walls switch together without talking to each other. A page that
 * has just opened takes them at once (they come with its connection).
 *
 * A name the hub's document does not have is an error the wall shows (`problem`), not a silent
 * fallback: the wall keeps rotating the built-in playlist meanwhile.
 */
import { useEffect, useState } from 'react';
import { sceneAt } from '../../app/scenes/scene-at';
import type { Playlist } from '../../app/scenes/playlist';
import { hubNow } from '../state/clock-store';
import { useLiveConfig } from './live-config-store';

export interface LivePlaylist {
  playlist: Playlist;
  /** In Russian: why the layout's playlist is not shown; null when it is. */
  problem: string | null;
}

/** The playlist `name` should show now by the configuration (before the boundary rule). */
export function wantedPlaylist(name: string, builtIn: Playlist, configured: Readonly<Record<string, Playlist>> | null): LivePlaylist {
  // `test` is the built-in test rotation; `preview` a window pinned to one scene (`scene=`);
  // without a hub document the built-in one stands.
  if (configured === null || name === 'preview' || (name === 'test' && !(name in configured))) return { playlist: builtIn, problem: null };
  const p = configured[name];
  if (p) return { playlist: p, problem: null };
  return { playlist: builtIn, problem: `Плейлист «${name}» из раскладки не найден в настройке «Плейлисты сцен»; показывается встроенный` };
}

/**
 * A page younger than this takes the hub's playlists at once: they come with the connection,
 * before the wall has shown anything worth finishing.
 */
export const STARTUP_MS = 10_000;

/** When a switch from `running` to a new playlist asked for at `at` happens: the end of the scene on screen then. */
export function switchAt(running: Playlist, at: number): number {
  return sceneAt(running, at).endsAt;
}

export function useLivePlaylist(name: string, builtIn: Playlist): LivePlaylist {
  const configured = useLiveConfig((s) => s.playlists);
  const wanted = wantedPlaylist(name, builtIn, configured);
  const [active, setActive] = useState<Playlist>(wanted.playlist);
  const [pending, setPending] = useState<{ playlist: Playlist; at: number } | null>(null);
  useEffect(() => {
    if (wanted.playlist === active) return setPending(null);
    if (performance.now() < STARTUP_MS) return setActive(wanted.playlist);
    setPending((p) => (p?.playlist === wanted.playlist ? p : { playlist: wanted.playlist, at: switchAt(active, hubNow()) }));
  }, [wanted.playlist, active]);
  useEffect(() => {
    if (!pending) return;
    // Observability (tests, monitoring): the hub-time instant this wall switches playlists at.
    document.documentElement.dataset.playlistSwitchAt = String(pending.at);
    const t = setTimeout(() => setActive(pending.playlist), Math.max(0, pending.at - hubNow()));
    return () => clearTimeout(t);
  }, [pending]);
  return { playlist: active, problem: wanted.problem };
}
