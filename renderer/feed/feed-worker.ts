/**
 * The feed worker: owns the socket.io connection and the entity store (app/), validates
 * every message at the boundary, and posts at most one frame per animation frame to the
 * main thread with typed arrays (transferred). High-rate data never touches React state.
 */
import { io, type Socket } from 'socket.io-client';
import type { z } from 'zod';
import { entityKey, type Entity } from '../../app/domain/entity';
import { municipalityByOktmo } from '../../app/domain/municipality';
import { DeltaSchema, HeartbeatSchema, HelloSchema, SnapshotSchema, type FeedClientEvents, type FeedServerEvents, type Subscribe } from '../../app/protocol/feed';
import { applyDelta, applySnapshotChunk, createEntityStore, onHeartbeat, onHello, type Outcome } from '../../app/store/entity-store';
import { PanelEngine, type PanelOutput } from '../panels/panel-engine';
import { parseControlState } from '../state/control-state';
import type { ControlServerEvents, ControlState } from '../../app/protocol/control';
import { BufferPool } from './encode/buffer-pool';
import { MapEncoder } from './encode/map-encoder';
import { frameBuffers, type ClockConfig, type FeedInfo, type TickerItem, type WorkerCommand, type WorkerFrame } from './frame';

// The DOM lib types `self` as Window; in a worker only postMessage and onmessage are used.
const scope = self as unknown as { postMessage(msg: unknown, transfer: Transferable[]): void; onmessage: ((ev: MessageEvent<WorkerCommand>) => void) | null };
const store = createEntityStore();
const TICKER_SIZE = 6;
/** Re-ask for a resync when a request got no progress for this long. */
const RESYNC_RETRY_MS = 10_000;

/** Municipality figures go out at most this often (the choropleth needs no more). */
const MUNICIPALITIES_EVERY_MS = 500;

let socket: Socket<FeedServerEvents & ControlServerEvents, FeedClientEvents> | null = null;
let encoder = new MapEncoder({ municipalitySet: '2025' });
const pool = new BufferPool();
let clock: ClockConfig = { origin: Date.now() };
let resendAll = false;
/** A map frame is out and not yet acknowledged: the next one waits (one per page frame). */
let mapInFlight = false;
let lastMunicipalitiesAt = 0;
let tickerDirty = true;
let framePending = false;
let invalidMessages = 0;
let resyncRequestedAt = 0;
const ticker: TickerItem[] = [];
// Panels and alarms (issue 5): computed apart from the map frames, at most every ~500 ms
// (renderer/panels/panel-engine.ts), and posted as soon as they are computed.
const panelEngine = new PanelEngine();
let panelTimer: ReturnType<typeof setTimeout> | null = null;
let panelTimerAt = 0;
let panelOut: PanelOutput | null = null;
let control: ControlState | null = null;
let controlDirty = false;
const feed: FeedInfo = { connection: 'connecting', epoch: null, seq: -1, lastMessageAt: 0, serverOffsetMs: 0, hasState: false, error: null, resyncs: 0 };

/** Hub time: the fixed `now` of a render test, else the local clock plus the hub's offset. */
function now(): number {
  return clock.fixedNow ?? Date.now() + feed.serverOffsetMs;
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
  let transfer: ArrayBuffer[] = [];
  if (store.epoch !== null) {
    // Changes keep accumulating in the encoder while the main thread has not taken the last
    // frame: a slow screen gets fewer, fuller frames instead of a queue.
    if (!mapInFlight) {
      encoder.sweep(now());
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
    if (tickerDirty) frame.ticker = [...ticker];
    tickerDirty = false;
    // Keep going while a sweep slice or throttled figures are pending.
    if (encoder.sweeping || encoder.municipalitiesDirty) setTimeout(scheduleFrame, encoder.sweeping ? 0 : MUNICIPALITIES_EVERY_MS);
  }
  scope.postMessage(frame, transfer);
}

function noteTicker(e: Entity): void {
  if (e.version !== 1) return;
  const title = e.kind === 'appeal' ? e.title : `Авария: ${e.address}`;
  ticker.unshift({ key: entityKey(e), kind: e.kind, title, municipality: municipalityByOktmo(e.municipality)?.shortName ?? e.municipality, at: e.kind === 'appeal' ? e.createdAt : e.startedAt });
  if (ticker.length > TICKER_SIZE) ticker.length = TICKER_SIZE;
  tickerDirty = true;
}

function schedulePanels(): void {
  if (store.epoch === null) return;
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
  if (store.epoch === null) return;
  // The rating (heavy, once per `refreshS`) takes a task of its own: a frame can go between.
  if (panelEngine.rateIfDue(store.entities, now())) {
    panelTimer = setTimeout(runPanels, 0);
    return;
  }
  panelOut = panelEngine.compute(store.entities, now(), Date.now());
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
      const t = now();
      const at = clockSeconds();
      for (const e of out.upserted) {
        noteTicker(e);
        // A first version arriving live pulses once; snapshots never do.
        encoder.upsert(e, t, e.version <= 1 ? at : null);
      }
      for (const r of out.removed) encoder.remove(r);
      break;
    }
    case 'snapshot-complete':
      encoder.reset(store.entities.values(), now());
      tickerDirty = true;
      break;
    case 'resync':
      requestSync(out.request);
      break;
    default:
      break;
  }
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
  if (serverTime !== undefined) feed.serverOffsetMs = serverTime - feed.lastMessageAt;
}

function invalid(what: string, err: unknown): void {
  invalidMessages++;
  console.warn(`feed: invalid ${what} (${invalidMessages} so far)`, err);
}

function start(hub: string, token: string, role: string): void {
  socket?.close();
  socket = io(`${hub}/${role}`, { auth: { token }, transports: ['websocket'], reconnectionDelayMax: 5000 });
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
    socket!.on(event, (raw: unknown) => {
      const m = schema.safeParse(raw);
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
    panelEngine.setAcknowledged(state.acknowledged);
    schedulePanels();
    scheduleFrame();
  });
  on('feed:hello', HelloSchema, (m) => onHello(store, m));
  on('feed:snapshot', SnapshotSchema, (m) => applySnapshotChunk(store, m));
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
    encoder = new MapEncoder({ municipalitySet: cmd.municipalitySet });
    start(cmd.hub, cmd.token, cmd.role);
  } else if (cmd.type === 'stop') {
    socket?.close();
    socket = null;
  } else if (cmd.type === 'recycle') {
    // Also the acknowledgement of the last map frame.
    pool.give(cmd.buffers);
    mapInFlight = false;
    scheduleFrame();
  }
  else if (cmd.type === 'resend') {
    resendAll = true;
    scheduleFrame();
  } else if (cmd.type === 'focus') {
    panelEngine.setFocus(cmd.focus);
    schedulePanels();
  }
};
// Age of data keeps moving on screen even when nothing arrives, and SLA states change with
// time alone (the sweep runs in postFrame).
setInterval(scheduleFrame, 1000);
setInterval(schedulePanels, 1000);
