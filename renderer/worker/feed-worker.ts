/**
 * The feed worker: owns the socket.io connection and the entity store (app/), validates
 * every message at the boundary, and posts at most one frame per animation frame to the
 * main thread with typed arrays (transferred). High-rate data never touches React state.
 *
 * While the hub's control state asks for a replay or a frozen moment (issue 7), the map, the
 * counts, the ticker and the panels come from the hub's log at the replayed moment
 * (`data-source.ts`) and are judged at that moment; the live store keeps taking live deltas,
 * and alarms are the hub's live alarm records (`alarms:state`): replayed data never raise one.
 */
import type { Socket } from 'socket.io-client';
import type { z } from 'zod';
import { entityKey, EntitySchema, type EntityRef, type Entity } from '../../app/domain/entity';
import type { MunicipalitySetId } from '../../app/domain/municipality';
import { DeltaSchema, HeartbeatSchema, HelloSchema, SnapshotSchema, type FeedServerEvents, type Snapshot, type Subscribe } from '../../app/protocol/feed';
import type { NamespaceClientEvents, NamespaceServerEvents } from '../../app/protocol/namespaces';
import { decodeSnapshotColumns, SNAPSHOT_FORMAT_COLUMNS } from '../../app/protocol/snapshot-columns';
import { applyDelta, applySnapshotChunk, createEntityStore, onHeartbeat, onHello, type Outcome } from '../../app/store/entity-store';
import { PanelEngine, type PanelOutput } from './panel-engine';
import { parseControlState, type ControlState } from '../../app/protocol/control';
import { AlarmsStateSchema, type AlarmRecord } from '../../app/alarms/alarm-record';
import { BufferPool } from './encode/buffer-pool';
import { compileFastCheck } from './fast-check';
import { MapEncoder } from './encode/map-encoder';
import { SnapshotStaging } from './encode/snapshot-staging';
import { DataSource } from './data-source';
import { HubFailover } from './hub-failover';
import { frameBuffers, type ClockConfig, type FeedInfo, type PanelFocus, type WorkerCommand, type WorkerFrame } from './frame';
import { TickerList } from './ticker';
import { LiveConfig, PAGE_DOCUMENTS } from './live-config';

// The DOM lib types `self` as Window; in a worker only postMessage and onmessage are used.
const scope = self as unknown as { postMessage(msg: unknown, transfer: Transferable[]): void; onmessage: ((ev: MessageEvent<WorkerCommand>) => void) | null };
const store = createEntityStore();
/** Re-ask for a resync when a request got no progress for this long. */
const RESYNC_RETRY_MS = 10_000;

/**
 * The bulk path (snapshot chunks of up to 10^6 entities, deltas): a fast acceptance test
 * compiled from each schema (fast-check.ts); whatever it does not accept goes to zod, which
 * decides and explains. Zod runs interpreted here (the page's CSP forbids eval).
 */
const FAST_CHECKS = new Map<unknown, ((v: unknown) => boolean) | null>([
  [SnapshotSchema, compileFastCheck(SnapshotSchema)],
  [DeltaSchema, compileFastCheck(DeltaSchema)],
]);
/** The fast check of one entity: the JSON entities of a columnar chunk (accidents, weather). */
const entityFastCheck = compileFastCheck(EntitySchema);
const checkEntity = (v: unknown): boolean => entityFastCheck?.(v) || EntitySchema.safeParse(v).success;

/** Municipality figures go out at most this often (the choropleth needs no more). */
const MUNICIPALITIES_EVERY_MS = 500;

let socket: Socket<NamespaceServerEvents['wall'], NamespaceClientEvents['wall']> | null = null;
let encoderSet: MunicipalitySetId = '2025';
let encoder = new MapEncoder({ municipalitySet: encoderSet });
const pool = new BufferPool();
/** The snapshot streaming in, encoded chunk by chunk (snapshot-staging.ts): drawn whole as soon as it completes. */
const staging = new SnapshotStaging();
let clock: ClockConfig = { origin: Date.now() };
let resendAll = false;
/** A map frame is out and not yet acknowledged: the next one waits (one per page frame). */
let mapInFlight = false;
let lastMunicipalitiesAt = 0;
let framePending = false;
let invalidMessages = 0;
let resyncRequestedAt = 0;
const liveTicker = new TickerList();
const replayTicker = new TickerList();
// Panels and alarms (issue 5): computed apart from the map frames, at most every ~500 ms
// (panel-engine.ts), and posted as soon as they are computed.
let panelEngine = new PanelEngine();
/** The hub's configuration documents (issue 12): the alarm rules are applied live (live-config.ts). */
const liveConfig = new LiveConfig();
let acknowledged: readonly string[] = [];
let hubAlarms: readonly AlarmRecord[] = [];
let focus: PanelFocus[] = [];
let panelTimer: ReturnType<typeof setTimeout> | null = null;
let panelTimerAt = 0;
let panelOut: PanelOutput | null = null;
let control: ControlState | null = null;
let controlDirty = false;
/** Live data, or the hub's log at a replayed or frozen moment (issue 7); set by `start`. */
let source: DataSource | null = null;
let dataDirty = true;
/** A hub message carried its clock: replayed moments can be computed (they are hub time). */
let hubClockKnown = false;
const feed: FeedInfo = { connection: 'connecting', epoch: null, seq: -1, lastMessageAt: 0, serverOffsetMs: 0, hasState: false, error: null, resyncs: 0 };

/** Hub time: the fixed `now` of a render test, else the local clock plus the hub's offset. */
function now(): number {
  return clock.fixedNow ?? Date.now() + feed.serverOffsetMs;
}

/** The moment the data on screen are judged at: the replayed or frozen moment, else hub now. */
function dataNow(): number {
  return source?.at ?? now();
}

/** The screen shows a replay or a frozen moment (not merely asks for one). */
function replaying(): boolean {
  return source !== null && !source.live;
}

/** Something to draw: the live store has a state, or a replay is on screen. */
function hasData(): boolean {
  return replaying() || store.epoch !== null;
}

/** Pulse clock, seconds since the page's clock origin (small numbers for float32). */
function clockSeconds(): number {
  return clock.fixedNow !== undefined ? 0 : (Date.now() - clock.origin) / 1000;
}

function scheduleFrame(): void {
  if (framePending) return;
  framePending = true;
  const raf = (scope as unknown as { requestAnimationFrame?: (cb: () => void) => number }).requestAnimationFrame;
  if (raf) raf.call(scope, postFrame);
  else setTimeout(postFrame, 16);
}

function postFrame(): void {
  framePending = false;
  feed.epoch = store.epoch;
  feed.seq = store.seq;
  feed.hasState = store.epoch !== null;
  feed.resyncs = store.stats.resyncs;
  const frame: WorkerFrame = { type: 'frame', feed: { ...feed } };
  if (dataDirty && source) frame.data = { ...source.info };
  dataDirty = false;
  let transfer: ArrayBuffer[] = [];
  if (hasData()) {
    // Changes keep accumulating in the encoder while the main thread has not taken the last
    // frame: a slow screen gets fewer, fuller frames instead of a queue. The sweep goes on
    // meanwhile (after a snapshot of 10^6 appeals, their SLA clocks are computed by it, a slice
    // at a time): the page gets the states of several slices in one frame, not a frame a slice.
    encoder.sweep(dataNow());
    if (!mapInFlight) {
      const t = Date.now();
      const municipalities = resendAll || t - lastMunicipalitiesAt >= MUNICIPALITIES_EVERY_MS;
      const map = encoder.flush(pool, { all: resendAll, municipalities });
      if (map) {
        frame.map = map;
        transfer = frameBuffers(map);
        mapInFlight = true;
        if (map.municipalities) lastMunicipalitiesAt = t;
      }
      resendAll = false;
    }
    if (panelOut) Object.assign(frame, panelOut);
    panelOut = null;
    if (controlDirty && control) frame.control = control;
    controlDirty = false;
    const counts = encoder.takeCounts();
    if (counts) frame.counts = counts;
    const ticker = replaying() ? replayTicker : liveTicker;
    if (ticker.dirty) frame.ticker = [...ticker.items];
    ticker.dirty = false;
    // Keep going while a sweep slice or throttled figures are pending.
    if (encoder.sweeping || encoder.municipalitiesDirty) setTimeout(scheduleFrame, encoder.sweeping ? 0 : MUNICIPALITIES_EVERY_MS);
  }
  scope.postMessage(frame, transfer);
}

function schedulePanels(): void {
  if (!hasData()) return;
  const due = Date.now() + panelEngine.dueIn(Date.now());
  // A change moves a pending idle computation forward; it never pushes one back.
  if (panelTimer !== null) {
    if (due >= panelTimerAt) return;
    clearTimeout(panelTimer);
  }
  panelTimerAt = due;
  panelTimer = setTimeout(runPanels, due - Date.now());
}

function runPanels(): void {
  panelTimer = null;
  if (!hasData()) return;
  const entities = source?.entities ?? store.entities;
  // The rating (heavy, once per `refreshS`) takes a task of its own: a frame can go between.
  if (panelEngine.rateIfDue(entities, dataNow())) {
    panelTimer = setTimeout(runPanels, 0);
    return;
  }
  // Alarms are judged on the live data even while a replay is shown: replayed data never
  // raise one (rewinding to last week must not sound), and a real one still takes over.
  panelOut = panelEngine.compute(entities, dataNow(), Date.now());
  // Posted at once, not on the worker's next animation frame: in a busy or headless page
  // that frame can be a second away, and an alarm must reach the screen within 2 s. Panels
  // come at most every ~500 ms, so this never floods the main thread.
  postFrame();
}

function handle(out: Outcome): void {
  if (out.type === 'applied' || out.type === 'snapshot-complete') {
    panelEngine.markDirty();
    schedulePanels();
  }
  switch (out.type) {
    case 'applied': {
      for (const e of out.upserted) liveTicker.note(e);
      // While a replay is shown the live store alone takes the change (see switchSource).
      if (!replaying()) drawChanges(out.upserted, out.removed, now());
      break;
    }
    case 'snapshot-complete':
      if (!replaying()) {
        const staged = staging.take(encoder);
        if (staged) encoder = staged;
        else encoder.reset(store.entities.values(), now());
      } else staging.clear();
      liveTicker.dirty = true;
      // The whole map goes out now, before the panels' pass and the rating (seconds at 10^6
      // entities), which come in frames of their own: a wall that starts draws every point first.
      postFrame();
      break;
    case 'resync':
      requestSync(out.request);
      break;
    default:
      break;
  }
  scheduleFrame();
}

/** Items that changed, to the map; a first version pulses once (snapshots never do). */
function drawChanges(upserted: readonly Entity[], removed: readonly EntityRef[], t: number): void {
  const at = clockSeconds();
  for (const e of upserted) encoder.upsert(e, t, e.version <= 1 ? at : null);
  for (const r of removed) encoder.remove(r);
}

/**
 * The data source switched (live ⇄ replay or freeze, or a replay restarted): the map, the
 * ticker and the panels start over from the new source. The live store is up to date, so
 * going back to live needs no fetch.
 */
function switchSource(): void {
  // A fresh engine: ratings and trends of one source never show in the other.
  panelEngine = new PanelEngine();
  // The configuration in effect carries over (issue 12).
  panelEngine.setSectors(liveConfig.sectors);
  panelEngine.setCalendar(liveConfig.calendar);
  panelEngine.setHubAlarms(hubAlarms);
  panelEngine.setAcknowledged(acknowledged);
  panelEngine.setFocus(focus);
  const replayed = source?.entities;
  if (replayed) {
    encoder.reset(replayed.values(), dataNow());
    replayTicker.fill(replayed.values(), dataNow());
  } else {
    encoder.reset(store.entities.values(), now());
    liveTicker.dirty = true;
  }
  dataDirty = true;
  schedulePanels();
  scheduleFrame();
}

function replayChanged(upserted: readonly Entity[], removed: readonly EntityRef[]): void {
  for (const e of upserted) replayTicker.note(e);
  drawChanges(upserted, removed, dataNow());
  panelEngine.markDirty();
  dataDirty = true;
  schedulePanels();
  scheduleFrame();
}

function requestSync(request: Subscribe): void {
  resyncRequestedAt = Date.now();
  socket?.emit('feed:subscribe', request, (ack) => {
    if (!ack?.ok) feed.error = `Хаб отклонил подписку: ${ack?.error ?? 'нет ответа'}`;
  });
}

function touch(serverTime?: number): void {
  feed.lastMessageAt = Date.now();
  if (serverTime === undefined) return;
  feed.serverOffsetMs = serverTime - feed.lastMessageAt;
  if (!hubClockKnown) {
    hubClockKnown = true;
    followControl();
  }
}

/** Replay or freeze as the control state says, once the hub's clock is known. */
function followControl(): void {
  if (control && (hubClockKnown || clock.fixedNow !== undefined)) source?.follow(control);
}

function invalid(what: string, err: unknown): void {
  invalidMessages++;
  console.warn(`feed: invalid ${what} (${invalidMessages} so far)`, err);
}

function start(hubs: readonly string[], token: string, role: string): void {
  const hub = hubs[0]!;
  socket?.close();
  source?.stop();
  // The replay comes in this token's projection (the wall's: public data only).
  source = new DataSource(
    { hub, token, hubNow: now },
    {
      reset: switchSource,
      change: replayChanged,
      info: () => {
        dataDirty = true;
        scheduleFrame();
      },
    },
  );
  dataDirty = true;
  // Every node of a hub cluster, in turn, when the one in use is lost (hub-failover.ts).
  const link = new HubFailover({
    hubs,
    role,
    // Snapshots as binary columns (app/protocol/snapshot-columns.ts); a hub without them sends JSON.
    socket: { auth: { token, snapshot: SNAPSHOT_FORMAT_COLUMNS }, transports: ['websocket'] },
    onHub: (h) => {
      feed.hub = h;
      source?.setHub(h);
      scheduleFrame();
    },
  });
  socket = link as unknown as NonNullable<typeof socket>;
  feed.connection = 'connecting';
  socket.on('connect', () => {
    feed.connection = 'connected';
    feed.error = null;
    scheduleFrame();
  });
  socket.on('disconnect', () => {
    feed.connection = 'disconnected';
    scheduleFrame();
  });
  socket.on('connect_error', (err) => {
    feed.connection = 'disconnected';
    feed.error = err.message.startsWith('auth:') ? `Доступ запрещён: ${err.message}` : `Нет связи с хабом: ${err.message}`;
    scheduleFrame();
  });
  // Every payload is validated at the boundary; a bad one is counted and dropped, and the
  // last good state stays.
  const on = <T>(event: keyof FeedServerEvents, schema: z.ZodType<T>, apply: (msg: T) => Outcome): void => {
    const fast = FAST_CHECKS.get(schema) ?? null;
    socket!.on(event, (raw: unknown) => {
      // Accepted by the fast check: zod would return an equal copy, so the message is kept as parsed.
      const m = fast?.(raw) ? { success: true as const, data: raw as T } : schema.safeParse(raw);
      if (!m.success) return invalid(event, m.error);
      const serverTime = (m.data as { serverTime?: number }).serverTime;
      touch(serverTime);
      handle(apply(m.data));
    });
  };
  socket.on('control:state', (raw: unknown) => {
    const state = parseControlState(raw);
    if (!state) return invalid('control:state', raw);
    control = state;
    controlDirty = true;
    acknowledged = state.acknowledged;
    panelEngine.setAcknowledged(state.acknowledged);
    followControl();
    schedulePanels();
    scheduleFrame();
  });
  // The hub's alarm records (issue 15): the hub evaluates the alarm rules for every screen.
  socket.on('alarms:state', (raw: unknown) => {
    const state = AlarmsStateSchema.safeParse(raw);
    if (!state.success) return invalid('alarms:state', raw);
    hubAlarms = state.data.active;
    panelEngine.setHubAlarms(hubAlarms);
    schedulePanels();
  });
  // A configuration document: checked by its schema; a bad one keeps the last good version and
  // says so on the status line (feed.configProblem).
  socket.on('config:doc', (raw: unknown) => {
    const applied = liveConfig.apply(raw);
    if (applied === 'production-calendar') {
      panelEngine.setCalendar(liveConfig.calendar);
      feed.confirmedYears = liveConfig.confirmedYears;
      schedulePanels();
    } else if (applied === 'sectors') {
      // Colours and sector indices are baked into the map's buffers: encode everything again.
      encoder = new MapEncoder({ municipalitySet: encoderSet, sectors: liveConfig.sectors });
      encoder.reset((source?.entities ?? store.entities).values(), dataNow());
      resendAll = true;
      panelEngine.setSectors(liveConfig.sectors);
      schedulePanels();
    }
    if (applied && PAGE_DOCUMENTS.includes(applied))
      scope.postMessage({ type: 'frame', feed: { ...feed }, config: liveConfig.pageConfig() } satisfies WorkerFrame, []);
    feed.configProblem = liveConfig.problem;
    scheduleFrame();
  });
  on('feed:hello', HelloSchema, (m) => onHello(store, m));
  const applyChunk = (m: Snapshot): Outcome => {
    const buffered = store.buffered;
    // One key string per entity, shared by the store and the staged encoder.
    const keys = m.entities.map(entityKey);
    const out = applySnapshotChunk(store, m, keys);
    staging.chunk(m, out, buffered, encoder, now(), keys);
    return out;
  };
  on('feed:snapshot', SnapshotSchema, applyChunk);
  // A malformed column chunk is counted and dropped like a bad JSON chunk: the store then sees
  // the next chunk out of order and asks for a fresh snapshot, keeping its last good state.
  socket.on('feed:snapshot-columns', (raw: unknown) => {
    const m = decodeSnapshotColumns(raw, checkEntity);
    if (!m.ok) return invalid('feed:snapshot-columns', m.error);
    touch();
    handle(applyChunk(m.snapshot));
  });
  on('feed:delta', DeltaSchema, (m) => applyDelta(store, m));
  on('feed:heartbeat', HeartbeatSchema, (m) => {
    if (store.awaitingResync && Date.now() - resyncRequestedAt > RESYNC_RETRY_MS) store.awaitingResync = false;
    return onHeartbeat(store, m);
  });
}

scope.onmessage = (ev: MessageEvent<WorkerCommand>) => {
  const cmd = ev.data;
  if (cmd.type === 'start') {
    clock = cmd.clock;
    encoderSet = cmd.municipalitySet;
    encoder = new MapEncoder({ municipalitySet: encoderSet, sectors: liveConfig.sectors });
    start(cmd.hubs?.length ? cmd.hubs : [cmd.hub], cmd.token, cmd.role);
  } else if (cmd.type === 'stop') {
    socket?.close();
    socket = null;
    source?.stop();
  } else if (cmd.type === 'recycle') {
    // Also the acknowledgement of the last map frame.
    pool.give(cmd.buffers);
    mapInFlight = false;
    scheduleFrame();
  } else if (cmd.type === 'resend') {
    resendAll = true;
    scheduleFrame();
  } else if (cmd.type === 'focus') {
    focus = cmd.focus;
    panelEngine.setFocus(cmd.focus);
    schedulePanels();
  }
};
// Age of data keeps moving on screen even when nothing arrives, and SLA states change with
// time alone (the sweep runs in postFrame).
setInterval(scheduleFrame, 1000);
setInterval(schedulePanels, 1000);
