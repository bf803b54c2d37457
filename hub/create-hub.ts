/**
 * The socket.io side of the hub: one namespace per role, token auth on every handshake,
 * feed subscribe (snapshot or resume from the log, `feed-sessions.ts`), live deltas and
 * heartbeats. `createHub(httpServer, deps)` is the factory tests and the CLI both use.
 *
 * Limits (issue 10, `limits.ts`): a handshake from a page whose `Origin` is not allowed, or
 * beyond `maxConnections`, is refused before socket.io sees it (`allowRequest`); a refused
 * authentication closes the engine connection once its `connect_error` is out (unless the
 * connection has another namespace connected); a connection that joins no namespace is
 * closed after `connectTimeoutMs`; a socket with more than `maxSocketBufferBytes` waiting is
 * disconnected; a tokens reload disconnects the clients whose token no longer grants their
 * namespace.
 */
import type { Server as HttpServer } from 'node:http';
import { Server, type Namespace, type Socket } from 'socket.io';
import { WallAgentAuthSchema } from '../app/protocol/admin';
import {
  HEARTBEAT_INTERVAL_MS,
  PROTOCOL_VERSION,
  READING_ROLES,
  ROLES,
  type Delta,
  type FeedClientEvents,
  type FeedServerEvents,
  type Role,
} from '../app/protocol/feed';
import type { NamespaceClientEvents, NamespaceServerEvents, ReaderClientEvents, ReaderServerEvents } from '../app/protocol/namespaces';
import { createControl, type Control } from './control';
import type { AlarmStore } from './alarms/alarm-store';
import { createOfficers } from './officers';
import type { People } from '../app/config/people';
import { attachWallScreens } from './wall-screens';
import type { Change, FeedLog } from './feed-log';
import { createFeedSessions, queuedBytes } from './feed-sessions';
import { itemCount, type IngestLimiter } from './ingest-gate';
import { countLimited, DEFAULT_LIMITS, exportLimits, type HubLimits } from './limits';
import { originRefusal, type OriginPolicy } from './origin';
import type { Ingest } from './ingest';
import type { Metrics } from './metrics';
import { projectDelta, projectionOf, type Projection } from './projection';
import { authError, isAgent, onTokensChanged, type HandshakeClaims, type TokenRole, type TokenTable } from './tokens';
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
  /** What one client may cost (default {@link DEFAULT_LIMITS}). */
  limits?: HubLimits;
  /** Which pages may connect; absent = any (tests of this module only; startHub always sets it). */
  origins?: OriginPolicy;
  /** The ingest rate limit per token, for `ingest:push` (start-hub.ts shares it with HTTP). */
  ingestLimiter?: IngestLimiter;
  /** The hub's alarm records (issue 15): `alarm:ack` acknowledges one. */
  alarms?: AlarmStore;
  /** Evaluates the alarm rules now (before an acknowledgement of an alarm not yet raised). */
  refreshAlarms?: () => void;
  /** The current `people` document (officers' PINs, issue 15); absent = nobody signs in by PIN. */
  people?: () => People;
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

/** A role's namespace, typed with the event maps every role shares (app/protocol/namespaces.ts). */
type FeedNamespace = Namespace<ReaderClientEvents, ReaderServerEvents>;
/** Client events each namespace handles; anything else is counted as a bad message. */
const KNOWN_EVENTS: Record<Role, ReadonlySet<string>> = {
  wall: new Set(['feed:subscribe', 'control:command']),
  touch: new Set(['feed:subscribe', 'control:command', 'officer:signin', 'officer:signout']),
  presenter: new Set(['feed:subscribe', 'control:command', 'officer:signin', 'officer:signout']),
  ingest: new Set(['ingest:push', 'control:command']),
  admin: new Set(['feed:subscribe', 'control:command', 'screen:health', 'screen:reload', 'screen:capture']),
};
const FEED_ROOM = 'feed';

/** The grant of the token a socket authenticated with (set by the auth middleware). */
export function grantOf(socket: Socket): TokenRole | undefined {
  return (socket.data as { grant?: TokenRole } | undefined)?.grant;
}

/** The handshake token of a socket ('' when none). */
export function tokenOf(socket: Pick<Socket, 'handshake'>): string {
  const t = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
  return typeof t === 'string' ? t : '';
}

function claimsOf(auth: unknown): HandshakeClaims {
  const agent = WallAgentAuthSchema.safeParse(auth);
  return agent.success ? { wallAgent: true, pc: agent.data.pc } : {};
}

export function createHub(httpServer: HttpServer, deps: HubDeps): Hub {
  const { log, tokens } = deps;
  const now = deps.now ?? Date.now;
  const limits = deps.limits ?? DEFAULT_LIMITS;
  const counters: HubCounters = { subscribes: 0, snapshots: 0, resumes: 0, badMessages: 0, authFailures: 0 };
  let broadcastSeq = log.headSeq;
  const listeners: ((d: Delta) => void)[] = [];
  // Broadcasts are chained so they leave in seq order even if the log is asynchronous.
  let queue: Promise<unknown> = Promise.resolve();
  exportLimits(deps.metrics, limits);

  let engineClients = (): number => 0;
  const io = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: 1e6,
    connectTimeout: limits.connectTimeoutMs,
    // Checked on every handshake (polling and WebSocket) before socket.io sees it.
    allowRequest: (req, callback) => {
      const origin = req.headers.origin;
      if (deps.origins && !deps.origins.allows(origin)) {
        countLimited(deps.metrics, 'origin');
        return callback(originRefusal(origin), false);
      }
      if (engineClients() >= limits.maxConnections) {
        countLimited(deps.metrics, 'connections');
        return callback(`too many connections (--max-connections ${limits.maxConnections})`, false);
      }
      callback(null, true);
    },
    // No connectionStateRecovery: correctness never depends on it (ARCHITECTURE.md).
  });
  engineClients = () => io.engine.clientsCount;
  shareEncodings(io);

  /**
   * Refuses a handshake: the `connect_error` goes out on the next tick; then the engine
   * connection is closed unless another namespace of it is connected (a client that ignores
   * the refusal must not keep the connection).
   */
  const refuseHandshake = (socket: Socket, next: (err?: Error) => void, reason: string): void => {
    counters.authFailures++;
    deps.metrics.inc('cur_hub_auth_failures_total', 'Refused authentications', { via: 'socket' });
    next(new Error(reason));
    const client = socket.client as unknown as { nsps?: Map<string, unknown> };
    setImmediate(() => {
      if ((client.nsps?.size ?? 0) > 0 || socket.conn.readyState !== 'open') return;
      deps.metrics.inc('cur_hub_refused_connections_closed_total', 'Engine connections closed after a refused handshake');
      socket.conn.close();
    });
  };
  io.of('/').use((socket, next) => refuseHandshake(socket, next, 'auth: connect to a role namespace (/wall, /touch, /presenter, /ingest, /admin)'));

  const namespaces = new Map<Role, FeedNamespace>();
  for (const role of ROLES) {
    const nsp: FeedNamespace = io.of(`/${role}`);
    namespaces.set(role, nsp);
    nsp.use((socket, next) => {
      const auth = socket.handshake.auth as { token?: unknown } | undefined;
      const reason = authError(tokens, auth?.token, role, claimsOf(auth));
      if (reason) return refuseHandshake(socket, next, reason);
      (socket.data as { grant?: TokenRole }).grant = tokens.get(auth!.token as string);
      next();
    });
  }
  // A tokens reload: clients whose token no longer grants their namespace are disconnected.
  const stopWatching = onTokensChanged(tokens, () => {
    for (const [role, nsp] of namespaces) {
      for (const socket of nsp.sockets.values()) {
        const auth = socket.handshake.auth as { token?: unknown } | undefined;
        if (authError(tokens, auth?.token, role, claimsOf(auth)) === null && tokens.get(tokenOf(socket)) === grantOf(socket)) continue;
        deps.metrics.inc('cur_hub_revoked_disconnects_total', 'Clients disconnected because a tokens reload revoked their token');
        socket.disconnect(true);
      }
    }
  });

  const sessions = createFeedSessions({
    log,
    limits,
    metrics: deps.metrics,
    now,
    broadcastSeq: () => broadcastSeq,
    counters,
    room: FEED_ROOM,
    refuse: (socket) => (isAgent(grantOf(socket)) ? 'an agent token does not read the feed' : null),
  });
  for (const role of ROLES) if (READING_ROLES.includes(role)) namespaces.get(role)!.on('connection', (socket) => onReader(socket, projectionOf(role)));
  const officers = createOfficers({ tokens, log, now, tokenOf, people: deps.people ?? (() => ({ idleMinutes: 10, people: [] })) });
  // The same namespace objects, seen through the officer events (io.of returns the one it made).
  for (const role of ROLES) officers.attach(role, io.of(`/${role}`));
  const control = createControl({
    log,
    metrics: deps.metrics,
    now,
    limits,
    officers,
    ...(deps.alarms && { alarms: deps.alarms }),
    ...(deps.refreshAlarms && { refreshAlarms: deps.refreshAlarms }),
    broadcast: (state) => {
      for (const role of READING_ROLES) namespaces.get(role)!.emit('control:state', state);
    },
  });
  for (const role of ROLES) control.attach(role, namespaces.get(role)!);
  attachWallScreens(namespaces.get('admin')!, deps.metrics, now, (socket) => isAgent(grantOf(socket)));
  const ingestNsp: Namespace<NamespaceClientEvents['ingest'], NamespaceServerEvents['ingest']> = io.of('/ingest');
  ingestNsp.on('connection', (socket) => {
    socket.on('ingest:push', (raw, ack) => {
      const reply = typeof ack === 'function' ? ack : () => {};
      if (!deps.ingest) return reply({ accepted: 0, rejected: [], seq: broadcastSeq, error: 'ingest is disabled on this hub' });
      const allowed = deps.ingestLimiter?.take(tokenOf(socket), itemCount(raw)) ?? { ok: true };
      if (!allowed.ok) {
        const s = Math.max(1, Math.ceil(allowed.retryAfterMs / 1000));
        return reply({
          accepted: 0,
          rejected: [],
          seq: broadcastSeq,
          error: `rate-limited: this token sends more than ${limits.ingestRate} items/s (--ingest-rate); not stored, send again in ${s} s`,
          retryAfterMs: allowed.retryAfterMs,
        });
      }
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
    deps.metrics.setGauge(
      'cur_hub_clients',
      'Connected clients by role',
      ROLES.map((r) => [{ role: r }, namespaces.get(r)!.sockets.size]),
    );
    // Per-client lag: packets queued for a client that has not taken them yet (slow link).
    const lag: [Record<string, string>, number][] = [];
    for (const [role, nsp] of namespaces)
      for (const s of nsp.sockets.values()) lag.push([{ role, client: s.id }, (s.conn as unknown as { writeBuffer?: unknown[] }).writeBuffer?.length ?? 0]);
    deps.metrics.setGauge('cur_hub_client_lag_packets', 'Packets queued for each client', lag);
    deps.metrics.setGauge('cur_hub_log_changes', 'Changes held by the log', [[{}, log.changeCount()]]);
    deps.metrics.setGauge('cur_hub_entities', 'Entities in the current state', [[{}, log.size]]);
    deps.metrics.setGauge('cur_hub_head_seq', 'Seq of the last broadcast change', [[{}, broadcastSeq]]);
    const st = sessions.stats();
    deps.metrics.setGauge('cur_hub_snapshots_streaming', 'Snapshot streams in progress (at most --max-snapshots)', [[{}, st.streaming]]);
    deps.metrics.setGauge('cur_hub_snapshots_queued', 'Subscribers waiting for a snapshot stream', [[{}, st.queued]]);
    deps.metrics.setGauge('cur_hub_snapshot_buffered_deltas', 'Deltas held for sockets whose snapshot is streaming', [[{}, st.buffered]]);
    deps.metrics.setGauge('cur_hub_engine_connections', 'socket.io connections (at most --max-connections)', [[{}, io.engine.clientsCount]]);
  });

  function onReader(socket: Socket<FeedClientEvents, FeedServerEvents>, projection: Projection): void {
    socket.emit('feed:hello', { protocol: PROTOCOL_VERSION, epoch: log.epoch, headSeq: broadcastSeq, serverTime: now() });
    sessions.attach(socket, projection);
  }

  function broadcast(delta: Delta): void {
    // Each projection is made and serialised once (wire.ts), and only for namespaces whose
    // feed room has a subscriber: socket.io would encode an emit to an empty room all the same.
    const byProjection = new Map<Projection, Delta>();
    const projected = (p: Projection): Delta => {
      let d = byProjection.get(p);
      if (!d) byProjection.set(p, (d = projectDelta(delta, p)));
      return d;
    };
    for (const role of READING_ROLES) {
      const nsp = namespaces.get(role)!;
      if (!nsp.adapter.rooms.get(FEED_ROOM)?.size) continue;
      const d = projected(projectionOf(role));
      jsonOf(d);
      nsp.to(FEED_ROOM).emit('feed:delta', d);
    }
    // Sockets whose snapshot is streaming get it after their last chunk.
    sessions.deliver(delta, projected);
    broadcastSeq = delta.seq;
    for (const fn of listeners) fn(delta);
  }

  const heartbeat = setInterval(() => {
    const hb = { epoch: log.epoch, headSeq: broadcastSeq, serverTime: now() };
    for (const role of READING_ROLES) namespaces.get(role)!.to(FEED_ROOM).emit('feed:heartbeat', hb);
  }, deps.heartbeatMs ?? HEARTBEAT_INTERVAL_MS);
  heartbeat.unref();
  // A client that stops reading must not hold the hub's memory: over the limit, it is dropped.
  const slowCheck = setInterval(() => {
    for (const nsp of namespaces.values()) {
      for (const socket of nsp.sockets.values()) {
        if (queuedBytes(socket) <= limits.maxSocketBufferBytes) continue;
        countLimited(deps.metrics, 'socket-buffer');
        socket.disconnect(true);
      }
    }
  }, 1000);
  slowCheck.unref();
  // A log shared by several hubs (cluster) delivers every node's changes in seq order: those are
  // what this hub broadcasts, and its own appends resolve once delivered (feed-log.ts `follow`).
  const shared = typeof log.follow === 'function';
  if (log.follow) {
    broadcastSeq = log.headSeq;
    log.follow(broadcast);
  }

  return {
    io,
    publish(change) {
      if (shared) return log.append(change, now());
      // Appended at once, not after the previous commit: changes published in the same tick
      // share one transaction (group commit). The log gives seqs in call order and resolves in
      // that order; the queue keeps the broadcasts in it too.
      const appended = log.append(change, now());
      // Handled below once the queue reaches it; until then a failure must not count as unhandled.
      appended.catch(() => undefined);
      const p = queue
        .then(() => appended)
        .then((delta) => {
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
      clearInterval(slowCheck);
      stopWatching();
      control.close();
      await io.close();
    },
  };
}
