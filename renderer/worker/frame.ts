/**
 * Messages between the feed worker and the main thread. At most one `frame` per animation
 * frame; map data travels as typed arrays (transferred, not copied) for deck.gl binary
 * attributes, panel data as small plain objects. The main thread hands superseded map
 * buffers back with `recycle`, so the worker reuses them instead of allocating (double
 * buffering, issue 4).
 */
import type { AlarmSeverity } from '../../app/alarms/alarm-rules';
import type { Entity } from '../../app/domain/entity';
import type { MunicipalitySetId } from '../../app/domain/municipality';
import type { PanelsState } from '../../app/panels/build-panels';
import type { ControlState } from '../../app/protocol/control';
import type { Scene } from '../../app/scenes/scene';
import type { Playlist } from '../../app/scenes/playlist';
import type { Sector } from '../../app/domain/sector';
import type { Organisation } from '../../app/domain/organisations';

export type Connection = 'connecting' | 'connected' | 'disconnected';

/** Feed health as the worker sees it; times are the page's `Date.now()`. */
export interface FeedInfo {
  connection: Connection;
  epoch: string | null;
  seq: number;
  /** When the last message from the hub arrived (0 = never). */
  lastMessageAt: number;
  /** Hub clock minus local clock, from the last hello/heartbeat/delta. */
  serverOffsetMs: number;
  /** True once a complete snapshot has been applied. */
  hasState: boolean;
  /** Last connection error, in words, or null. */
  error: string | null;
  resyncs: number;
  /** The hub node the feed is connected to (issue 16: a cluster's nodes fail over), or undefined before any. */
  hub?: string;
  /** A configuration document the hub sent that could not be applied (the last good one stays), in Russian. */
  configProblem?: string | null;
  /** Years the hub's production calendar confirms (null: the built-in calendar), for the status line's warning. */
  confirmedYears?: readonly number[] | null;
}

/**
 * What the data on a wall screen are (issue 7): live, or the hub's log at a replayed or
 * frozen moment. The banner's time comes from the control state; this says what is drawn.
 */
export interface DataInfo {
  mode: 'live' | 'replay' | 'frozen';
  /** The moment the replayed or frozen data are of, hub time (Unix ms); null while live. */
  at: number | null;
  /** The control state asks for a replay or freeze whose data have not come yet. */
  pending: boolean;
  /** In Russian: why the replay could not be loaded (the last good state stays on screen). */
  error: string | null;
}

/**
 * Appeal points (one deck.gl ScatterplotLayer): `count` items; positions as [lon, lat]
 * pairs, RGBA fill and outline colours, radius and outline width in pixels, and the sector
 * index (`app/domain/sector.ts` `sectorIndex`) the sector scenes filter on.
 */
export interface PointBuffers {
  count: number;
  positions: Float32Array;
  fillColors: Uint8Array;
  lineColors: Uint8Array;
  radii: Float32Array;
  lineWidths: Float32Array;
  sectors: Float32Array;
}

/** ЖКХ accidents: disk, resource icon, overdue ring and pulse in one set of arrays. */
export interface AccidentBuffers {
  count: number;
  positions: Float32Array;
  fillColors: Uint8Array;
  lineColors: Uint8Array;
  iconColors: Uint8Array;
  radii: Float32Array;
  /** Index into ACCIDENT_RESOURCES (app/domain/entity.ts). */
  icons: Uint8Array;
  /** Radius of the overdue ring in pixels; 0 = restoration not overdue. */
  ringRadii: Float32Array;
  /** Pulse start in clock seconds (see {@link ClockConfig}); -1 = does not pulse. */
  pulseStarts: Float32Array;
}

/**
 * Hexagon cells of the zoomed-out aggregation: centres and colours by count. Each occupied
 * cell comes once for every sector (`sectors` = ALL_SECTORS) and once per sector in it.
 */
export interface HexBuffers {
  count: number;
  positions: Float32Array;
  fillColors: Uint8Array;
  /** Sector index, or ALL_SECTORS for the cells that count every sector. */
  sectors: Float32Array;
  /** Most appeals in one cell (for the legend). */
  maxCount: number;
  /** The same per sector index. */
  maxBySector: Float32Array;
  /** Circumradius of a cell, metres. */
  radiusM: number;
}

/** Segments from an accident to the social posts linked to it (`appeal.accidentId`). */
export interface LinkBuffers {
  count: number;
  sources: Float32Array;
  targets: Float32Array;
}

/** The most recent arrivals (a fixed ring), drawn as a short pulse. */
export interface ArrivalBuffers {
  count: number;
  positions: Float32Array;
  fillColors: Uint8Array;
  /** Arrival time in clock seconds. */
  pulseStarts: Float32Array;
  /** Sector index (an accident counts as ЖКХ). */
  sectors: Float32Array;
}

/** Per-municipality figures for the choropleth, keyed by OKTMO code. */
export interface MunicipalityStat {
  appeals: number;
  open: number;
  overdue: number;
}

/** Map layers that changed since the previous frame; absent = unchanged. */
export interface MapFrame {
  /** Open appeals that are not overdue. */
  appeals?: PointBuffers;
  /** Answered and closed appeals. */
  closed?: PointBuffers;
  /** SLA breaches (overdue appeals), drawn above everything. */
  breaches?: PointBuffers;
  hexes?: HexBuffers;
  accidents?: AccidentBuffers;
  links?: LinkBuffers;
  arrivals?: ArrivalBuffers;
  municipalities?: Record<string, MunicipalityStat>;
}

export interface Counts {
  appeals: number;
  openAppeals: number;
  accidents: number;
  activeAccidents: number;
  residentsWithoutSupply: number;
}

export interface TickerItem {
  key: string;
  kind: Entity['kind'];
  title: string;
  municipality: string;
  at: number;
}

/** An alarm as the wall shows it: `Alarm` of app/alarms without the entity object. */
export interface AlarmView {
  id: string;
  ruleId: string;
  severity: AlarmSeverity;
  title: string;
  text: string;
  /** When the condition began, hub time (Unix ms). */
  since: number;
  scene: Scene;
  sound: boolean;
  entityKey: string;
}

/** A rule's wall preset of an active alarm record (issue 15): shown until the alarm is cleared. */
export interface AlarmPresetView {
  /** The record's id. */
  id: string;
  scene: Scene;
  /** Wall screen ids; null = every scene screen. */
  screens: string[] | null;
  since: number;
}

/** The hub's alarm records up (not acknowledged), most urgent first (renderer/alarms/hub-alarms.ts). */
export interface AlarmsFrame {
  /** The first few (the wall shows the first and a count). */
  top: AlarmView[];
  /** All alarms up. */
  count: number;
  /** The presets of the active records, acknowledged or not, most urgent first. */
  presets?: AlarmPresetView[];
}

/** What the focused panels are filtered to (the sector and municipality scenes). */
export type PanelFocus = { kind: 'sector'; sector: string } | { kind: 'municipality'; oktmo: string };

/** The panels of one sector's or municipality's entities only. */
export interface FocusPanels {
  focus: PanelFocus;
  panels: PanelsState;
}

export interface WorkerFrame {
  type: 'frame';
  feed: FeedInfo;
  /** Present only when some map layer changed since the previous frame. */
  map?: MapFrame;
  counts?: Counts;
  ticker?: TickerItem[];
  /** Panel states, when recomputed (at most every ~500 ms; see feed-worker.ts). */
  panels?: PanelsState;
  /** The focused panels (one per focus asked for), when recomputed. */
  focus?: FocusPanels[];
  alarms?: AlarmsFrame;
  /** The hub's shared control state (`control:state`), when it changed. */
  control?: ControlState;
  /** Worker ms spent on the last panel + alarm computation (diagnostics). */
  panelsMs?: number;
  /** What the data on screen are (live, replay, frozen), when it changed. */
  data?: DataInfo;
  /** The hub's sectors, playlists and organisations in effect (issue 12), when a new version was applied. */
  config?: PageConfig;
}

/** What the page needs of the hub's configuration (`live-config.ts`). */
export interface PageConfig {
  sectors: readonly Sector[];
  /** The hub's named playlists; null until a `playlists` document above version 1 came. */
  playlists: Readonly<Record<string, Playlist>> | null;
  /**
   * The hub's organisation directory (its short names on the wall) and its version; null until an
   * `organisations` document above version 1 came (the built-in directory).
   */
  organisations: { version: number; body: readonly Organisation[] } | null;
}

/**
 * The clock of time-dependent state. `origin` (page `Date.now()` at start) makes pulse
 * times small float32 seconds; `fixedNow` freezes hub time for render tests (`&now=`).
 */
export interface ClockConfig {
  origin: number;
  fixedNow?: number;
}

/** Main thread → worker. */
export type WorkerCommand =
  | {
      type: 'start';
      hub: string;
      /** Every hub node to fail over to, `hub` first (issue 16). */ hubs?: string[];
      token: string;
      role: 'wall' | 'touch' | 'presenter';
      clock: ClockConfig;
      municipalitySet: MunicipalitySetId;
    }
  | { type: 'stop' }
  /**
   * Acknowledges the last map frame (sent on the page's next animation frame) and transfers
   * back the buffers it superseded, for reuse.
   */
  | { type: 'recycle'; buffers: ArrayBuffer[] }
  /** Send every map layer in the next frame (after a WebGL context restore, say). */
  | { type: 'resend' }
  /** Also compute the panels of these sectors or municipalities (the scene's, the next scene's). */
  | { type: 'focus'; focus: PanelFocus[] };

/** Every ArrayBuffer of a map frame (the transfer list, and what is recycled later). */
export function frameBuffers(map: MapFrame): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const part of [map.appeals, map.closed, map.breaches, map.hexes, map.accidents, map.links, map.arrivals]) {
    if (!part) continue;
    for (const v of Object.values(part)) if (ArrayBuffer.isView(v)) out.push(v.buffer as ArrayBuffer);
  }
  return out;
}
