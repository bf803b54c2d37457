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
import { encodeEntities, type FeedInfo, type TickerItem, type WorkerCommand, type WorkerFrame } from './frame';

// The DOM lib types `self` as Window; in a worker only postMessage and onmessage are used.
const scope = self as unknown as { postMessage(msg: unknown, transfer: Transferable[]): void; onmessage: ((ev: MessageEvent<WorkerCommand>) => void) | null };
const store = createEntityStore();
const TICKER_SIZE = 6;
/** Re-ask for a resync when a request got no progress for this long. */
const RESYNC_RETRY_MS = 10_000;

let socket: Socket<FeedServerEvents, FeedClientEvents> | null = null;
let dirtyEntities = true;
let framePending = false;
let invalidMessages = 0;
let resyncRequestedAt = 0;
const ticker: TickerItem[] = [];
const feed: FeedInfo = { connection: 'connecting', epoch: null, seq: -1, lastMessageAt: 0, serverOffsetMs: 0, hasState: false, error: null, resyncs: 0 };

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
  const transfer: ArrayBuffer[] = [];
  if (dirtyEntities && store.epoch !== null) {
    dirtyEntities = false;
    const { appeals, accidents, counts } = encodeEntities(store.entities.values());
    Object.assign(frame, { appeals, accidents, counts, ticker: [...ticker] });
    for (const b of [appeals, accidents]) transfer.push(b.positions.buffer as ArrayBuffer, b.colors.buffer as ArrayBuffer, b.radii.buffer as ArrayBuffer);
  }
  scope.postMessage(frame, transfer);
}

function noteTicker(e: Entity): void {
  if (e.version !== 1) return;
  const title = e.kind === 'appeal' ? e.title : `Авария: ${e.address}`;
  ticker.unshift({ key: entityKey(e), kind: e.kind, title, municipality: municipalityByOktmo(e.municipality)?.shortName ?? e.municipality, at: e.kind === 'appeal' ? e.createdAt : e.startedAt });
  if (ticker.length > TICKER_SIZE) ticker.length = TICKER_SIZE;
}

function handle(out: Outcome): void {
  switch (out.type) {
    case 'applied':
      for (const e of out.upserted) noteTicker(e);
      dirtyEntities = true;
      break;
    case 'snapshot-complete':
      dirtyEntities = true;
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
  if (cmd.type === 'start') start(cmd.hub, cmd.token, cmd.role);
  else if (cmd.type === 'stop') {
    socket?.close();
    socket = null;
  }
};
// Age of data keeps moving on screen even when nothing arrives.
setInterval(scheduleFrame, 1000);
