/**
 * HTTP of the alarm record and the audit (issue 15):
 * - `GET /api/v1/alarms?state=active|all&from=…&to=…&limit=…` (any reading token, header or
 *   `?token=`): `{alarms: AlarmRecord[]}`, newest raised first; `state` defaults to `active`.
 * - `GET /api/v1/audit?from=…&to=…&limit=…[&format=csv]` (admin token in the header):
 *   `{entries: [{at, role, person, client, command, result}]}` newest first, or the same as CSV
 *   (UTF-8 with BOM, `;`-separated for a Russian spreadsheet, times also in Moscow time).
 * `from`/`to`: Unix ms or an ISO date-time. A bad parameter: 400 with a Russian message.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { formatMskDateTime } from '../../app/ui/format-ru';
import type { AuditEntry } from '../feed-log';
import { sendJson } from '../http-routes';
import { authError, readingRoleOf, type TokenTable } from '../tokens';
import type { AlarmStore } from './alarm-store';

const bearer = (req: IncomingMessage): string | undefined => /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];

/** A time parameter: undefined when absent, NaN when malformed. */
export function timeParam(v: string | null): number | undefined {
  if (v === null || v === '') return undefined;
  if (/^\d{1,16}$/.test(v)) return Number(v);
  const t = Date.parse(v);
  return Number.isFinite(t) ? t : NaN;
}

function range(url: URL): { from?: number; to?: number } | string {
  const from = timeParam(url.searchParams.get('from'));
  const to = timeParam(url.searchParams.get('to'));
  if (Number.isNaN(from)) return 'from: ожидается время в мс Unix или дата ISO (2026-12-07T09:00:00+03:00)';
  if (Number.isNaN(to)) return 'to: ожидается время в мс Unix или дата ISO (2026-12-07T21:00:00+03:00)';
  return { ...(from !== undefined && { from }), ...(to !== undefined && { to }) };
}

function limitOf(url: URL, dflt: number, max: number): number | string {
  const raw = url.searchParams.get('limit');
  if (raw === null) return dflt;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 && n <= max ? n : `limit: целое от 1 до ${max}`;
}

export function handleAlarmsApi(req: IncomingMessage, res: ServerResponse, url: URL, deps: { tokens: TokenTable; store: AlarmStore }): boolean {
  if (url.pathname !== '/api/v1/alarms') return false;
  if (req.method !== 'GET') {
    sendJson(res, 405, { error: 'use GET' });
    return true;
  }
  const token = bearer(req) ?? url.searchParams.get('token') ?? undefined;
  const grant = token ? deps.tokens.get(token) : undefined;
  if (!readingRoleOf(grant)) {
    sendJson(res, grant ? 403 : 401, {
      error: grant ? 'auth: this token does not read the alarms' : 'auth: a wall, touch, presenter or admin token is needed',
    });
    return true;
  }
  const state = url.searchParams.get('state') ?? 'active';
  if (state !== 'active' && state !== 'all') {
    sendJson(res, 400, { error: 'state: active или all' });
    return true;
  }
  const r = range(url);
  const limit = limitOf(url, 1000, 10_000);
  if (typeof r === 'string' || typeof limit === 'string') {
    sendJson(res, 400, { error: typeof r === 'string' ? r : limit });
    return true;
  }
  sendJson(res, 200, { alarms: deps.store.list({ state, ...r, limit }) });
  return true;
}

const CSV_COLUMNS = ['at', 'time_msk', 'role', 'person', 'client', 'command', 'result'] as const;

function csvCell(v: string): string {
  // A cell a spreadsheet would run as a formula is quoted as text.
  const safe = /^[=+\-@]/.test(v) ? `'${v}` : v;
  return /[;"\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The audit as CSV: a header and one row per entry. */
export function auditCsv(entries: readonly AuditEntry[]): string {
  const rows = entries.map((e) => [String(e.at), formatMskDateTime(e.at, true), e.role, e.person ?? '', e.client, e.command, e.result].map(csvCell).join(';'));
  return `\uFEFF${[CSV_COLUMNS.join(';'), ...rows].join('\r\n')}\r\n`;
}

export function handleAuditApi(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  deps: { tokens: TokenTable; audit: (limit: number, range: { from?: number; to?: number }) => AuditEntry[] },
): boolean {
  if (url.pathname !== '/api/v1/audit' || req.method !== 'GET') return false;
  const token = bearer(req);
  const denied = authError(deps.tokens, token, 'admin');
  if (denied) {
    sendJson(res, token && deps.tokens.has(token) ? 403 : 401, { error: denied });
    return true;
  }
  const r = range(url);
  const format = url.searchParams.get('format') ?? 'json';
  const limit = limitOf(url, format === 'csv' ? 100_000 : 100, format === 'csv' ? 100_000 : 1000);
  if (typeof r === 'string' || typeof limit === 'string' || (format !== 'json' && format !== 'csv')) {
    sendJson(res, 400, { error: typeof r === 'string' ? r : typeof limit === 'string' ? limit : 'format: json или csv' });
    return true;
  }
  const entries = deps.audit(limit, r).map((e) => ({ ...e, person: e.person ?? null }));
  if (format === 'json') {
    sendJson(res, 200, { entries });
    return true;
  }
  res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="audit.csv"', 'cache-control': 'no-store' });
  res.end(auditCsv(entries));
  return true;
}
