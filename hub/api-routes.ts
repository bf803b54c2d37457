/**
 * The hub's HTTP API: `POST /api/v1/ingest` (Bearer ingest token; JSON `{upserts, removes}`
 * or NDJSON of entities → 202 once durable), `GET /api/v1/schema` (JSON Schema of every
 * entity and message), `GET /api/v1/replay/…` (replay.ts), `GET /api/v1/audit` (admin: the
 * command audit log), `GET /metrics` (Prometheus text; client ids only with a valid token).
 *
 * Before any route (issue 10): a request whose `Origin` is not allowed is refused (403), and
 * every request but ingest takes a token from its client's bucket (`--api-rate`/`--api-burst`;
 * the client is its token, when valid, and its address), a page of the replay state one more
 * per 1,000 entities: beyond it 429 with `Retry-After`. Ingest has its own bucket per token
 * (`--ingest-rate`/`--ingest-burst`), which a batch pays by its items or by its size in KB,
 * whichever is more; while the bucket is in debt a request is refused before its body is read.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { EntityRefSchema, EntitySchema } from '../app/domain/entity';
import { configJsonSchemas } from '../app/config/documents';
import { ConfigDocSchema, ConfigStateSchema } from '../app/protocol/config';
import { DeltaSchema, HeartbeatSchema, HelloSchema, SnapshotSchema, SubscribeSchema } from '../app/protocol/feed';
import { sendJson } from './http-routes';
import type { AuditEntry, FeedLog } from './feed-log';
import { project, projectDelta, projectionOf } from './projection';
import { changesUntil, type ReplayStates } from './replay';
import type { Ingest, IngestResult } from './ingest';
import { itemCount, type IngestLimiter } from './ingest-gate';
import { BucketMap, countLimited, retryAfterSeconds, type HubLimits } from './limits';
import type { Metrics } from './metrics';
import { originRefusal, type OriginPolicy } from './origin';
import type { SlaRules } from '../app/sla/sla-rules';
import { handleRatingsApi } from './ratings-api';
import { handleAuditApi } from './alarms/alarm-routes';
import { authError, readingRoleOf, type TokenTable } from './tokens';

/** Largest accepted ingest body. */
export const MAX_INGEST_BYTES = 5 * 1024 * 1024;

export interface ApiDeps {
  tokens: TokenTable;
  ingest: Ingest;
  metrics: Metrics;
  /** Newest audit entries in a time range (for `GET /api/v1/audit`, admin token; alarms/alarm-routes.ts). */
  audit: (limit: number, range: { from?: number; to?: number }) => AuditEntry[];
  /** `GET /api/v1/alarms` (alarms/alarm-routes.ts: the hub's alarm records, issue 15). */
  alarms?: (req: IncomingMessage, res: ServerResponse, url: URL) => boolean;
  /** `/api/v1/shift/…` (hub/shift/shift-routes.ts: shift log, handover, procedures; issue 15). */
  shift?: (req: IncomingMessage, res: ServerResponse, url: URL) => boolean;
  log: FeedLog;
  limits: HubLimits;
  /** Which pages may call the API; absent = any. */
  origins?: OriginPolicy;
  ingestLimiter: IngestLimiter;
  replay: ReplayStates;
  now?: () => number;
  /** `GET /api/v1/address` (tiles.ts: the street basemap's address index). */
  address?: (req: IncomingMessage, res: ServerResponse, url: URL) => boolean;
  /** `/api/v1/import…` (import-routes.ts: source exports, issue 14). */
  imports?: (req: IncomingMessage, res: ServerResponse, url: URL) => boolean;
  /** `/api/v1/config…` (config-routes.ts: the curator's configuration documents). */
  config?: (req: IncomingMessage, res: ServerResponse, url: URL) => boolean;
  /** The SLA rules in effect (with the `production-calendar` document), for the ratings. */
  slaRules?: () => SlaRules;
}

/** 429 with `Retry-After` (whole seconds) and the same in the body. */
export function sendTooMany(res: ServerResponse, retryAfterMs: number, error: string): void {
  const s = retryAfterSeconds(retryAfterMs);
  res.writeHead(429, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'retry-after': String(s) });
  res.end(JSON.stringify({ error: `${error}; retry in ${s} s`, retryAfterMs }));
}

const bearer = (req: IncomingMessage): string | undefined => /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];

class TooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) return reject(new TooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new TooLarge());
        req.resume();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Parses an ingest body: JSON `{upserts, removes}`, or NDJSON with one entity per line. */
export function parseIngestBody(text: string, contentType: string): { ok: true; body: unknown } | { ok: false; error: string } {
  const ndjson = /ndjson|jsonl|jsonlines/i.test(contentType);
  try {
    if (!ndjson) return { ok: true, body: JSON.parse(text) };
    const upserts = text
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .map((l, i) => {
        try {
          return JSON.parse(l) as unknown;
        } catch {
          throw new Error(`line ${i + 1}: not JSON`);
        }
      });
    return { ok: true, body: { upserts, removes: [] } };
  } catch (e) {
    return { ok: false, error: `malformed body: ${(e as Error).message.slice(0, 200)}` };
  }
}

let schemaCache: string | null = null;
/** JSON Schema of every entity and message of protocol v1. */
export function protocolJsonSchema(): string {
  schemaCache ??= JSON.stringify({
    $id: 'cur-wall/protocol/v1',
    title: 'ЦУР wall feed protocol v1',
    entity: z.toJSONSchema(EntitySchema),
    entityRef: z.toJSONSchema(EntityRefSchema),
    ingest: z.toJSONSchema(z.strictObject({ upserts: z.array(EntitySchema).optional(), removes: z.array(EntityRefSchema).optional() })),
    messages: {
      'feed:hello': z.toJSONSchema(HelloSchema),
      'feed:subscribe': z.toJSONSchema(SubscribeSchema),
      'feed:snapshot': z.toJSONSchema(SnapshotSchema),
      'feed:delta': z.toJSONSchema(DeltaSchema),
      'feed:heartbeat': z.toJSONSchema(HeartbeatSchema),
      'config:state': z.toJSONSchema(ConfigStateSchema),
      'config:doc': z.toJSONSchema(ConfigDocSchema),
    },
    /** The curator's configuration documents (app/config/documents.ts), as a curator writes them. */
    config: configJsonSchemas(),
  });
  return schemaCache;
}

export function createApiRoutes(deps: ApiDeps): (req: IncomingMessage, res: ServerResponse) => boolean {
  const apiBuckets = new BucketMap(deps.limits.apiRate, deps.limits.apiBurst, deps.now);

  async function ingest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const token = bearer(req);
    const denied = authError(deps.tokens, token, 'ingest');
    if (denied) {
      deps.metrics.inc('cur_hub_auth_failures_total', 'Refused authentications', { via: 'http' });
      return sendJson(res, token && deps.tokens.has(token) ? 403 : 401, { error: denied });
    }
    // Paid in two steps: the declared size (KB) on arrival, refused unread when the bucket is
    // empty; the rest of the cost (items or KB, whichever is more) once parsed.
    const limited = (retryAfterMs: number) =>
      sendTooMany(res, retryAfterMs, `rate-limited: this token sends more than ${deps.limits.ingestRate} items/s (--ingest-rate); nothing was stored`);
    const declared = Number(req.headers['content-length']) || 0;
    if (declared > MAX_INGEST_BYTES) {
      // Refused unread, as before, and free: it costs the hub nothing.
      req.resume();
      deps.metrics.inc('cur_hub_rejected_total', 'Items rejected at ingest, by reason', { reason: 'too-large' });
      return sendJson(res, 413, { error: `body larger than ${MAX_INGEST_BYTES} bytes` });
    }
    const paid = Math.max(1, Math.ceil(declared / 1024));
    const early = deps.ingestLimiter.take(token!, paid);
    if (!early.ok) {
      req.resume();
      return limited(early.retryAfterMs);
    }
    let text: string;
    try {
      text = await readBody(req, MAX_INGEST_BYTES);
    } catch (e) {
      if (e instanceof TooLarge) {
        deps.metrics.inc('cur_hub_rejected_total', 'Items rejected at ingest, by reason', { reason: 'too-large' });
        return sendJson(res, 413, { error: `body larger than ${MAX_INGEST_BYTES} bytes` });
      }
      return sendJson(res, 400, { error: 'could not read the body' });
    }
    const parsed = parseIngestBody(text, req.headers['content-type'] ?? '');
    if (!parsed.ok) {
      const r = deps.ingest.rejectBody('http', 'malformed', parsed.error, text.slice(0, 8192));
      return sendJson(res, 400, { error: parsed.error, ...r });
    }
    const rest = Math.max(itemCount(parsed.body), Math.ceil(Buffer.byteLength(text) / 1024)) - paid;
    if (rest > 0) {
      const late = deps.ingestLimiter.take(token!, rest);
      if (!late.ok) return limited(late.retryAfterMs);
    }
    let result: IngestResult;
    try {
      result = await deps.ingest.ingest('http', parsed.body);
    } catch (e) {
      return sendJson(res, 503, { error: `not stored: ${(e as Error).message}` });
    }
    const bodyRejected = result.rejected.some((r) => r.field === 'body');
    sendJson(res, bodyRejected ? 400 : 202, result);
  }

  function replay(req: IncomingMessage, res: ServerResponse, url: URL, client: string): void {
    const token = bearer(req) ?? url.searchParams.get('token') ?? undefined;
    const role = readingRoleOf(token ? deps.tokens.get(token) : undefined);
    if (!role) return sendJson(res, 401, { error: 'auth: a wall, touch, presenter or admin token is needed' });
    const p = projectionOf(role);
    const num = (k: string) => Number(url.searchParams.get(k));
    const isState = url.pathname.endsWith('/state');
    const at = num(isState ? 'at' : 'to');
    if (!Number.isFinite(at) || at < 0) return sendJson(res, 400, { error: 'at / to: Unix ms expected' });
    if (isState) {
      const limitText = url.searchParams.get('limit');
      const limit = limitText === null ? deps.limits.replayPage : Number(limitText);
      if (!Number.isInteger(limit) || limit < 1) return sendJson(res, 400, { error: `limit: an integer from 1 to ${deps.limits.replayPage} expected` });
      deps.replay.page(Math.floor(at), url.searchParams.get('cursor'), limit).then(
        (s) => {
          if (!s.ok) {
            if (s.status === 503) res.setHeader('retry-after', '2');
            return sendJson(res, s.status, { error: s.error });
          }
          // A page costs its client one more API token per 1,000 entities.
          apiBuckets.charge(client, Math.floor(s.entities.length / 1000));
          sendJson(res, 200, { at: s.at, seq: s.seq, entities: project(s.entities, p), ...(s.next ? { next: s.next } : {}) });
        },
        (e: Error) => sendJson(res, 500, { error: String(e.message) }),
      );
    } else if (url.pathname.endsWith('/changes')) {
      const after = num('after');
      const page = changesUntil(deps.log, Number.isInteger(after) && after >= 0 ? after : 0, at, 4 * deps.limits.replayPage);
      sendJson(res, 200, { deltas: page.deltas.map((d) => projectDelta(d, p)), ...(page.more ? { more: true } : {}) });
    } else sendJson(res, 404, { error: 'not found' });
  }

  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://hub');
    if (!url.pathname.startsWith('/api/') && url.pathname !== '/metrics') return false;
    if (deps.origins && !deps.origins.allows(req.headers.origin)) {
      countLimited(deps.metrics, 'origin');
      req.resume();
      sendJson(res, 403, { error: originRefusal(req.headers.origin) });
      return true;
    }
    if (url.pathname === '/api/v1/ingest') {
      if (req.method !== 'POST') sendJson(res, 405, { error: 'use POST' });
      else ingest(req, res).catch((e) => sendJson(res, 500, { error: String(e) }));
      return true;
    }
    const token = bearer(req);
    const bearerOrQuery = token ?? url.searchParams.get('token') ?? '';
    const client = `${deps.tokens.has(bearerOrQuery) ? bearerOrQuery : '-'}|${req.socket.remoteAddress ?? '?'}`;
    const allowed = apiBuckets.take(client);
    if (!allowed.ok) {
      countLimited(deps.metrics, 'api');
      req.resume();
      sendTooMany(res, allowed.retryAfterMs, `rate-limited: more than ${deps.limits.apiRate} API requests/s from this client (--api-rate)`);
      return true;
    }
    if (url.pathname === '/api/v1/schema' && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/schema+json; charset=utf-8' });
      res.end(protocolJsonSchema());
      return true;
    }
    if (url.pathname.startsWith('/api/v1/replay/') && req.method === 'GET') {
      replay(req, res, url, client);
      return true;
    }
    if (handleRatingsApi(req, res, url, { tokens: deps.tokens, log: deps.log, now: deps.now ?? Date.now, ...(deps.slaRules ? { sla: deps.slaRules } : {}) }))
      return true;
    if (deps.address?.(req, res, url)) return true;
    if (deps.imports?.(req, res, url)) return true;
    if (deps.config?.(req, res, url)) return true;
    if (deps.alarms?.(req, res, url)) return true;
    if (deps.shift?.(req, res, url)) return true;
    if (handleAuditApi(req, res, url, { tokens: deps.tokens, audit: deps.audit })) return true;
    if (url.pathname === '/metrics' && req.method === 'GET') {
      // Any valid token shows every series; without one, the same families without client ids
      // (an unauthenticated scrape keeps working). A token that is not valid is refused.
      if (token !== undefined && !deps.tokens.has(token)) {
        deps.metrics.inc('cur_hub_auth_failures_total', 'Refused authentications', { via: 'http' });
        sendJson(res, 401, { error: 'auth: unknown token (scrape without a token to get the metrics without client ids)' });
        return true;
      }
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'cache-control': 'no-store' });
      res.end(deps.metrics.render(token ? {} : { omitLabels: ['client'] }));
      return true;
    }
    if (url.pathname.startsWith('/api/')) {
      sendJson(res, 404, { error: 'not found' });
      return true;
    }
    return false;
  };
}
