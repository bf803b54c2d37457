/**
 * Starts a complete hub on a host and port: HTTP routes + socket.io + an optional source.
 * Used by the CLI and by integration tests (port 0).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHub, type Hub } from './create-hub';
import type { FeedLog } from './feed-log';
import { createHttpRoutes, sendJson } from './http-routes';
import type { TokenTable } from './tokens';

export interface StartHubOptions {
  host: string;
  port: number;
  log: FeedLog;
  tokens: TokenTable;
  staticDir: string | null;
  heartbeatMs?: number;
  now?: () => number;
}

export interface RunningHub {
  hub: Hub;
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startHub(opts: StartHubOptions): Promise<RunningHub> {
  const started = Date.now();
  let hub: Hub | null = null;
  const routes = createHttpRoutes({
    staticDir: opts.staticDir,
    health: () => {
      const clients = hub ? Object.values(hub.clientsByRole()).reduce((a, b) => a + b, 0) : 0;
      return { status: 'ok', epoch: opts.log.epoch, headSeq: hub?.broadcastSeq ?? opts.log.headSeq, clients, uptimeS: Math.round((Date.now() - started) / 1000) };
    },
  });
  const server = createServer((req, res) => {
    // socket.io handles its own path; everything else is ours.
    if (req.url?.startsWith('/socket.io/')) return;
    if (!routes(req, res)) sendJson(res, 404, { error: 'not found' });
  });
  hub = createHub(server, { log: opts.log, tokens: opts.tokens, heartbeatMs: opts.heartbeatMs, now: opts.now });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  const h = hub;
  return {
    hub: h,
    port,
    url: `http://${shownHost}:${port}`,
    async close() {
      await h.close();
      await new Promise<void>((r) => server.close(() => r()));
      opts.log.close();
    },
  };
}
