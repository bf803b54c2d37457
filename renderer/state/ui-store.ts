/**
 * UI state (zustand): feed health and the panel-level figures. Map buffers do not live
 * here: they go straight from the worker to deck.gl (ARCHITECTURE.md, hot path).
 */
import { create } from 'zustand';
import type { Counts, FeedInfo, TickerItem } from '../feed/frame';
import { STALE_AFTER_MISSED_HEARTBEATS, HEARTBEAT_INTERVAL_MS } from '../../app/protocol/feed';

export type FeedState = 'live' | 'stale' | 'offline';

export interface UiState {
  feed: FeedInfo;
  counts: Counts;
  ticker: TickerItem[];
  /** Attribution line of the geo data (assets/geo/attribution.json). */
  attribution: string;
}

export const useUi = create<UiState>(() => ({
  feed: { connection: 'connecting', epoch: null, seq: -1, lastMessageAt: 0, serverOffsetMs: 0, hasState: false, error: null, resyncs: 0 },
  counts: { appeals: 0, openAppeals: 0, accidents: 0, activeAccidents: 0, residentsWithoutSupply: 0 },
  ticker: [],
  attribution: '',
}));

/** Slack on top of the missed heartbeats before calling the feed stale. */
const STALE_SLACK_MS = 1000;

/**
 * `live`: data arrived within two heartbeat intervals; `stale`: we have a state but the
 * hub went quiet (the last state stays on screen with its age); `offline`: no state yet.
 */
export function feedState(feed: FeedInfo, now: number): FeedState {
  if (!feed.hasState) return 'offline';
  const quietFor = now - feed.lastMessageAt;
  return feed.connection === 'connected' && quietFor <= STALE_AFTER_MISSED_HEARTBEATS * HEARTBEAT_INTERVAL_MS + STALE_SLACK_MS ? 'live' : 'stale';
}
