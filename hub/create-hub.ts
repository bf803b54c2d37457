/**
 * The socket.io side of the hub: one namespace per role, token auth on every handshake,
 * feed subscribe (snapshot or resume from the log), live deltas and heartbeats.
 * `createHub(httpServer, deps)` is the factory tests and the CLI both use.
 */
import type { Server as HttpServer } from 'node:http';
import { Server, type Namespace, type Socket } from 'socket.io';
import {
  HEARTBEAT_INTERVAL_MS,
  PROTOCOL_VERSION,
  READING_ROLES,
  ROLES,
  SNAPSHOT_CHUNK_SIZE,
  SubscribeSchema,
  type Delta,
  type FeedClientEvents,
  type FeedServerEvents,
  type Role,
  type SubscribeAck,
} from '../app/protocol/feed';
import type { ControlServerEvents } from '../app/protocol/control';
import { createControl, type Control } from './control';
import { attachWallScreens } from './wall-screens';
import type { Change, FeedLog } from './feed-log';
import type { IngestClientEvents } from '../app/protocol/ingest';
import type { Ingest } from './ingest';
import type { Metrics } from './metrics';
import { project, projectDelta, projectionOf, type Projection } from './projection';
import { authError, type TokenTable } from './tokens';
import { jsonOf, shareEncodings } from './wire';

export interface HubDeps {
  log: FeedLog;
  tokens: TokenTable;
  /** Hub clock (ms); injectable for tests. */
  now?: () => number;
  heartbeatMs?: number;
  metrics: Metrics;
  /** Handles `ingest:push` on `/ingest`; absent = the namespace only authenticates. */
  ingest?: Ingest;
}

export interface HubCounters {
  subscribes: number;
  snapshots: number;
  resumes: number;
  badMessages: number;
  authFailures: number;
}

export interface Hub {
  readonly io: Server;
  /** Appends a change to the log, then broadcasts it; resolves with its delta. */
  publish(change: Change): Promise<Delta>;
  /** Seq of the last broadcast delta (what heartbeats report). */
  readonly broadcastSeq: number;
  clientsByRole(): Record<Role, number>;
  /** Calls `fn` with every delta after it has been broadcast (recording, tests). */
  onBroadcast(fn: (d: Delta) => void): void;
  readonly counters: HubCounters;
  readonly control: Control;
  close(): Promise<void>;
}

type FeedNamespace = Namespace<FeedClientEvents, FeedServerEvents>;
/** Client events each namespace handles; anything else is counted as a bad message. */
const KNOWN_EVENTS: Record<Role, ReadonlySet<string>> = {
  wall: new Set(['feed:subscribe', 'control:command']),
  touch: new Set(['feed:subscribe', 'control:command']),
  presenter: new Set(['feed:subscribe', 'control:command']),
  ingest: new Set(['ingest:push', 'control:command']),
  admin: new Set(['feed:subscribe', 'control:command', 'screen:health', 'screen:reload', 'screen:capture']),
};
const FEED_ROOM = 'feed';

export function createHub(httpServer: HttpServer, deps: HubDeps): Hub {
  const { log, tokens } = deps;
  const now = deps.now ?? Date.now;
  const counters: HubCounters = { subscribes: 0, snapshots: 0, resumes: 0, badMessages: 0, authFailures: 0 };
  let broadcastSeq = log.headSeq;
  const listeners: ((d: Delta) => void)[] = [];
  /** Generation of the snapshot stream in flight per socket id. */
  const streams = new Map<string, number>();
  // Broadcasts are chained so they leave in seq order even if the log is asynchronous.
  let queue: Promise<unknown> = Promise.resolve();

  const io = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: 1e6,
    // No connectionStateRecovery: correctness never depends on it (ARCHITECTURE.md).
  });
  shareEncodings(io);
  io.of('/').use((_socket, next) => {
    counters.authFailures++;
    deps.metrics.inc('cur_hub_auth_failures_total', 'Refused authentications', { via: 'socket' });
    next(new Error('auth: connect to a role namespace (/wall, /touch, /presenter, /ingest, /admin)'));
  });

  const namespaces = new Map<Role, FeedNamespace>();
  for (const role of ROLES) {
    const nsp: FeedNamespace = io.of(`/${role}`);
    namespaces.set(role, nsp);
    nsp.use((socket, next) => {
      const reason = authError(tokens, (socket.handshake.auth as { token?: unknown } | undefined)?.token, role);
      if (reason) {
        counters.authFailures++;
        deps.metrics.inc('cur_hub_auth_failures_total', 'Refused authentications', { via: 'socket' });
        next(new Error(reason));
      } else next();
    });
    if (READING_ROLES.includes(role)) nsp.on('connection', (socket) => onReader(socket, projectionOf(role)));
  }
  const control = createControl({
    log,
    metrics: deps.metrics,
    now,
    broadcast: (state) => {
      for (const role of READING_ROLES) (namespaces.get(role)! as unknown as Namespace<object, ControlServerEvents>).emit('control:state', state);
    },
  });
  for (const role of ROLES) control.attach(role, namespaces.get(role)! as unknown as Namespace);
  attachWallScreens(namespaces.get('admin')! as unknown as Namespace, deps.metrics, now);
  const ingestNsp = io.of('/ingest') as unknown as Namespace<IngestClientEvents>;
  ingestNsp.on('connection', (socket) => {
    socket.on('ingest:push', (raw, ack) => {
      const reply = typeof ack === 'function' ? ack : () => {};
      if (!deps.ingest) return reply({ accepted: 0, rejected: [], seq: broadcastSeq, error: 'ingest is disabled on this hub' });
      deps.ingest.ingest('socket', raw).then(reply, (e: Error) => reply({ accepted: 0, rejected: [], seq: broadcastSeq, error: `not stored: ${e.message}` }));
    });
  });
  // Anything else sent to any namespace is counted, never trusted.
  for (const [role, nsp] of namespaces) {
    nsp.on('connection', (socket) => {
      socket.onAny((event: string) => {
        if (!KNOWN_EVENTS[role].has(event)) {
          counters.badMessages++;
          deps.metrics.inc('cur_hub_bad_messages_total', 'Socket messages refused', { reason: 'unknown-event' });
        }
      });
    });
  }
  deps.metrics.collect(() => {
    deps.metrics.setGauge('cur_hub_clients', 'Connected clients by role', ROLES.map((r) => [{ role: r }, namespaces.get(r)!.sockets.size]));
    // Per-client lag: packets queued for a client that has not taken them yet (slow link).
    const lag: [Record<string, string>, number][] = [];
    for (const [role, nsp] of namespaces) for (const s of nsp.sockets.values()) lag.push([{ role, client: s.id }, (s.conn as unknown as { writeBuffer?: unknown[] }).writeBuffer?.length ?? 0]);
    deps.metrics.setGauge('cur_hub_client_lag_packets', 'Packets queued for each client', lag);
    deps.metrics.setGauge('cur_hub_log_changes', 'Changes held by the log', [[{}, log.changeCount()]]);
    deps.metrics.setGauge('cur_hub_entities', 'Entities in the current state', [[{}, log.size]]);
    deps.metrics.setGauge('cur_hub_head_seq', 'Seq of the last broadcast change', [[{}, broadcastSeq]]);
  });

  function onReader(socket: Socket<FeedClientEvents, FeedServerEvents>, projection: Projection): void {
    socket.on('disconnect', () => streams.delete(socket.id));
    socket.emit('feed:hello', { protocol: PROTOCOL_VERSION, epoch: log.epoch, headSeq: broadcastSeq, serverTime: now() });
    socket.on('feed:subscribe', (raw, ack) => {
      const reply: (r: SubscribeAck) => void = typeof ack === 'function' ? ack : () => {};
      const parsed = SubscribeSchema.safeParse(raw ?? {});
      if (!parsed.success) {
        counters.badMessages++;
        deps.metrics.inc('cur_hub_bad_messages_total', 'Socket messages refused', { reason: 'invalid-subscribe' });
        reply({ ok: false, error: `feed:subscribe: ${parsed.error.issues[0]?.message ?? 'invalid'}` });
        return;
      }
      counters.subscribes++;
      // A replay is queued on the socket in this tick, before any later broadcast, so the
      // client sees seq in order; a snapshot streams its chunks (see sendSnapshot).
      const resume = parsed.data.resume;
      const missing = resume && resume.epoch === log.epoch && resume.seq <= broadcastSeq ? log.deltasSince(resume.seq) : null;
      if (missing) {
        streams.delete(socket.id);
        counters.resumes++;
        reply({ ok: true, mode: 'resume' });
        for (const d of missing) if (d.seq <= broadcastSeq) socket.emit('feed:delta', projectDelta(d, projection));
      } else {
        counters.snapshots++;
        reply({ ok: true, mode: 'snapshot' });
        sendSnapshot(socket, projection);
      }
      void socket.join(FEED_ROOM);
    });
  }

  function sendSnapshot(socket: Socket<FeedClientEvents, FeedServerEvents>, projection: Projection): void {
    const snap = log.snapshot();
    // Consistent at snap.seq. Chunks go out one per macrotask so the client decodes the first
    // while the hub encodes the next; live deltas broadcast meanwhile reach the client in
    // between and its store buffers them until the last chunk (protocol v1), dropping the
    // ones the snapshot already holds as duplicates.
    const chunks = Math.max(1, Math.ceil(snap.entities.length / SNAPSHOT_CHUNK_SIZE));
    // A newer subscribe on this socket cancels a stream still in flight.
    const gen = (streams.get(socket.id) ?? 0) + 1;
    streams.set(socket.id, gen);
    const send = (c: number): void => {
      if (!socket.connected || streams.get(socket.id) !== gen) return;
      const entities = project(snap.entities.slice(c * SNAPSHOT_CHUNK_SIZE, (c + 1) * SNAPSHOT_CHUNK_SIZE), projection);
      socket.emit('feed:snapshot', { epoch: log.epoch, seq: snap.seq, chunk: c, chunks, entities });
      if (c + 1 < chunks) setImmediate(send, c + 1);
      else streams.delete(socket.id);
    };
    send(0);
  }

  function broadcast(delta: Delta): void {
    // Each projection is made and serialised once (wire.ts), and only for namespaces whose
    // feed room has a subscriber: socket.io would encode an emit to an empty room all the same.
    const byProjection = new Map<Projection, Delta>();
    for (const role of READING_ROLES) {
      const nsp = namespaces.get(role)!;
      if (!nsp.adapter.rooms.get(FEED_ROOM)?.size) continue;
      const p = projectionOf(role);
      let d = byProjection.get(p);
      if (!d) byProjection.set(p, (d = projectDelta(delta, p)));
      jsonOf(d);
      nsp.to(FEED_ROOM).emit('feed:delta', d);
    }
    broadcastSeq = delta.seq;
    for (const fn of listeners) fn(delta);
  }

  const heartbeat = setInterval(() => {
    const hb = { epoch: log.epoch, headSeq: broadcastSeq, serverTime: now() };
    for (const role of READING_ROLES) namespaces.get(role)!.to(FEED_ROOM).emit('feed:heartbeat', hb);
  }, deps.heartbeatMs ?? HEARTBEAT_INTERVAL_MS);
  heartbeat.unref();

  return {
    io,
    publish(change) {
      // Appended at once, not after the previous commit: changes published in the same tick
      // share one transaction (group commit). The log gives seqs in call order and resolves in
      // that order; the queue keeps the broadcasts in it too.
      const appended = log.append(change, now());
      // Handled below once the queue reaches it; until then a failure must not count as unhandled.
      appended.catch(() => undefined);
      const p = queue.then(() => appended).then((delta) => {
        broadcast(delta);
        return delta;
      });
      queue = p.catch(() => undefined);
      return p;
    },
    get broadcastSeq() {
      return broadcastSeq;
    },
    clientsByRole() {
      const out = {} as Record<Role, number>;
      for (const [role, nsp] of namespaces) out[role] = nsp.sockets.size;
      return out;
    },
    counters,
    control,
    onBroadcast(fn) {
      listeners.push(fn);
    },
    async close() {
      clearInterval(heartbeat);
      await io.close();
    },
  };
}
