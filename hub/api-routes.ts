/**
 * The hub's HTTP API: `POST /api/v1/ingest` (Bearer ingest token; JSON `{upserts, removes}`
 * or NDJSON of entities → 202 once durable), `GET /api/v1/schema` (JSON Schema of every
 * entity and message), `GET /api/v1/audit` (admin: the command audit log), `GET /metrics`
 * (Prometheus text).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { EntityRefSchema, EntitySchema } from '../app/domain/entity';
import { DeltaSchema, HeartbeatSchema, HelloSchema, SnapshotSchema, SubscribeSchema } from '../app/protocol/feed';
import { sendJson } from './http-routes';
import type { AuditEntry, FeedLog } from './feed-log';
import { project, projectDelta, projectionOf } from './projection';
import { changesUntil, stateAt } from './replay';
import type { Ingest, IngestResult } from './ingest';
import type { Metrics } from './metrics';
import { authError, type TokenTable } from './tokens';

/** Largest accepted ingest body. */
export const MAX_INGEST_BYTES = 5 * 1024 * 1024;

export interface ApiDeps {
  tokens: TokenTable;
  ingest: Ingest;
  metrics: Metrics;
  /** Newest audit entries (for `GET /api/v1/audit`, admin token). */
  audit: (limit: number) => AuditEntry[];
  log: FeedLog;
}

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
    },
  });
  return schemaCache;
}

export function createApiRoutes(deps: ApiDeps): (req: IncomingMessage, res: ServerResponse) => boolean {
  async function ingest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const auth = req.headers.authorization ?? '';
    const token = /^Bearer\s+(\S+)$/i.exec(auth)?.[1];
    const denied = authError(deps.tokens, token, 'ingest');
    if (denied) {
      deps.metrics.inc('cur_hub_auth_failures_total', 'Refused authentications', { via: 'http' });
      return sendJson(res, token && deps.tokens.has(token) ? 403 : 401, { error: denied });
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
    let result: IngestResult;
    try {
      result = await deps.ingest.ingest('http', parsed.body);
    } catch (e) {
      return sendJson(res, 503, { error: `not stored: ${(e as Error).message}` });
    }
    const bodyRejected = result.rejected.some((r) => r.field === 'body');
    sendJson(res, bodyRejected ? 400 : 202, result);
  }

  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://hub');
    if (url.pathname === '/api/v1/ingest') {
      if (req.method !== 'POST') sendJson(res, 405, { error: 'use POST' });
      else ingest(req, res).catch((e) => sendJson(res, 500, { error: String(e) }));
      return true;
    }
    if (url.pathname === '/api/v1/schema' && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/schema+json; charset=utf-8' });
      res.end(protocolJsonSchema());
      return true;
    }
    if (url.pathname.startsWith('/api/v1/replay/') && req.method === 'GET') {
      const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? url.searchParams.get('token') ?? undefined;
      const role = token ? deps.tokens.get(token) : undefined;
      if (!role || role === 'ingest') {
        sendJson(res, 401, { error: 'auth: a wall, touch, presenter or admin token is needed' });
        return true;
      }
      const p = projectionOf(role);
      const num = (k: string) => Number(url.searchParams.get(k));
      const at = num(url.pathname.endsWith('/state') ? 'at' : 'to');
      if (!Number.isFinite(at) || at < 0) {
        sendJson(res, 400, { error: 'at / to: Unix ms expected' });
        return true;
      }
      if (url.pathname.endsWith('/state')) {
        const s = stateAt(deps.log, at);
        if (s.ok) sendJson(res, 200, { at: s.at, seq: s.seq, entities: project(s.entities, p) });
        else sendJson(res, 409, { error: s.error });
      } else if (url.pathname.endsWith('/changes')) {
        const after = num('after');
        sendJson(res, 200, { deltas: changesUntil(deps.log, Number.isInteger(after) && after >= 0 ? after : 0, at).map((d) => projectDelta(d, p)) });
      } else sendJson(res, 404, { error: 'not found' });
      return true;
    }
    if (url.pathname === '/api/v1/audit' && req.method === 'GET') {
      const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
      const denied = authError(deps.tokens, token, 'admin');
      if (denied) sendJson(res, token && deps.tokens.has(token) ? 403 : 401, { error: denied });
      else sendJson(res, 200, { entries: deps.audit(Math.min(1000, Number(url.searchParams.get('limit')) || 100)) });
      return true;
    }
    if (url.pathname === '/metrics' && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
      res.end(deps.metrics.render());
      return true;
    }
    return false;
  };
}
