/**
 * The socket to the hub's `/admin` namespace (app/protocol/admin.ts). Thin wiring around
 * admin-agent.ts: connect with the admin token, report health at connect and every
 * `HEALTH_INTERVAL_MS`, route the hub's commands to the agent. socket.io-client reconnects
 * by itself after a lost connection, but not after the hub refused the handshake (its auth
 * middleware said no): then we try again every `refusedRetryMs`, since the hub's token file
 * may be fixed later. Each distinct error is logged once.
 */
import { io, type Socket } from 'socket.io-client';
import { ADMIN_NAMESPACE, HEALTH_INTERVAL_MS, type AdminToWallEvents, type WallAgentAuth, type WallAgentEvents, type WallHealth } from '../app/protocol/admin';
import type { AdminAgent } from './admin-agent';
import type { Logger } from './ipc';

export interface AdminLinkOptions {
  /** The hub's origin, e.g. `http://127.0.0.1:8400`. */
  hubOrigin: string;
  token: string;
  pc: string | null;
  agent: AdminAgent;
  health(): WallHealth;
  log: Logger;
  /** @default HEALTH_INTERVAL_MS */
  intervalMs?: number;
  /** Wait before trying again after the hub refused the handshake (a token it does not know yet). @default 30 s */
  refusedRetryMs?: number;
}

export interface AdminLink {
  /** Sends a health report now (e.g. right after the windows changed). */
  report(): void;
  close(): void;
}

export function connectAdminLink(opts: AdminLinkOptions): AdminLink {
  const auth: WallAgentAuth = { token: opts.token, client: 'wall-agent', pc: opts.pc };
  const socket: Socket<AdminToWallEvents, WallAgentEvents> = io(`${new URL(opts.hubOrigin).origin}${ADMIN_NAMESPACE}`, {
    auth,
    transports: ['websocket'],
    reconnectionDelayMax: 10_000,
  });
  let lastError = '';
  let retry: ReturnType<typeof setTimeout> | undefined;
  const report = (): void => {
    if (socket.connected) socket.emit('screen:health', opts.health());
  };
  socket.on('connect', () => {
    lastError = '';
    opts.log.info(`[cur-wall] admin: connected to ${opts.hubOrigin}${ADMIN_NAMESPACE}`);
    report();
  });
  socket.on('connect_error', (err) => {
    if (!socket.active) {
      clearTimeout(retry);
      retry = setTimeout(() => socket.connect(), opts.refusedRetryMs ?? 30_000);
      retry.unref?.();
    }
    if (err.message === lastError) return;
    lastError = err.message;
    opts.log.warn(`[cur-wall] admin: cannot connect to ${opts.hubOrigin}${ADMIN_NAMESPACE}: ${err.message}; retrying`);
  });
  socket.on('screen:reload', (msg, ack) => opts.agent.onReload(msg, ack));
  socket.on('screen:capture', (msg, ack) => void opts.agent.onCapture(msg, ack));
  const timer = setInterval(report, opts.intervalMs ?? HEALTH_INTERVAL_MS);
  timer.unref?.();
  return {
    report,
    close() {
      clearInterval(timer);
      clearTimeout(retry);
      socket.close();
    },
  };
}
