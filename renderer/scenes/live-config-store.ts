/**
 * The hub's sectors and playlists on the page (issue 12): the feed worker posts them with a
 * frame when a new version is applied (`WorkerFrame.config`, renderer/worker/live-config.ts);
 * until then the built-in ones. Legends, the map's sector filter, scene titles and the scene
 * rotation read them here.
 */
import { create } from 'zustand';
import { DEFAULT_SECTORS, type Sector } from '../../app/domain/sector';
import type { Playlist } from '../../app/scenes/playlist';
import type { PageConfig } from '../worker/frame';

export interface LiveConfigState {
  sectors: readonly Sector[];
  /** The hub's named playlists; null: none above the built-in version 1 came. */
  playlists: Readonly<Record<string, Playlist>> | null;
}

export const useLiveConfig = create<LiveConfigState>(() => ({ sectors: DEFAULT_SECTORS, playlists: null }));

/** Takes the worker's `config` (feed-client.ts). */
export function applyPageConfig(c: PageConfig): void {
  useLiveConfig.setState({ sectors: c.sectors, playlists: c.playlists });
}

/** The sectors in effect, outside React (the map's filter). */
export function currentSectors(): readonly Sector[] {
  return useLiveConfig.getState().sectors;
}
