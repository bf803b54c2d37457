/**
 * UI state (zustand): feed health, the panel-level figures, alarms and the hub's control
 * state. Map buffers do not live here: they go straight from the worker to deck.gl
 * (ARCHITECTURE.md, hot path). Panel states arrive at most every ~500 ms, never per entity.
 */
import { create } from 'zustand';
import type { PanelsState } from '../../app/panels/build-panels';
import type { ControlState } from '../../app/protocol/control';
import type { AlarmsFrame, Counts, DataInfo, FeedInfo, FocusPanels, TickerItem, WorkerFrame } from '../worker/frame';
import { STALE_AFTER_MISSED_HEARTBEATS, HEARTBEAT_INTERVAL_MS } from '../../app/protocol/feed';

export type FeedState = 'live' | 'stale' | 'offline';

export interface UiState {
  feed: FeedInfo;
  counts: Counts;
  ticker: TickerItem[];
  /** Attribution line of the geo data (assets/geo/attribution.json). */
  attribution: string;
  /** Every panel at the worker's last computation; kept (with its age) when the feed is lost. */
  panels: PanelsState | null;
  /** The panels of the focused sectors or municipalities the scenes asked for. */
  focus: FocusPanels[];
  /** Alarms up, acknowledged through the hub left out. */
  alarms: AlarmsFrame;
  /** Alarm ids acknowledged by a key on this window only (a wall without a control token). */
  localAcks: string[];
  /** The hub's control state (`control:state`); null until the hub sent one. */
  control: ControlState | null;
  /** Worker ms of the last panel computation (diagnostics). */
  panelsMs: number;
  /** What the data on screen are: live, or the hub's log at a replayed or frozen moment. */
  data: DataInfo;
}

export const useUi = create<UiState>(() => ({
  feed: { connection: 'connecting', epoch: null, seq: -1, lastMessageAt: 0, serverOffsetMs: 0, hasState: false, error: null, resyncs: 0 },
  counts: { appeals: 0, openAppeals: 0, accidents: 0, activeAccidents: 0, residentsWithoutSupply: 0 },
  ticker: [],
  attribution: '',
  panels: null,
  focus: [],
  alarms: { top: [], count: 0 },
  localAcks: [],
  control: null,
  panelsMs: 0,
  data: { mode: 'live', at: null, pending: false, error: null },
}));

/** Takes the panel parts of a worker frame into the store (only what the frame carries). */
export function applyPanelFrame(f: WorkerFrame): void {
  if (!f.panels && !f.focus && !f.alarms && !f.control && !f.data) return;
  useUi.setState((s) => ({
    panels: f.panels ?? s.panels,
    focus: f.focus ?? s.focus,
    alarms: f.alarms ?? s.alarms,
    control: f.control ?? s.control,
    panelsMs: f.panelsMs ?? s.panelsMs,
    data: f.data ?? s.data,
  }));
}

/** Acknowledges an alarm on this window only. */
export function acknowledgeLocally(id: string): void {
  useUi.setState((s) => (s.localAcks.includes(id) ? s : { localAcks: [...s.localAcks, id].slice(-500) }));
}

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
