/**
 * The shift's HTTP API (issue 15). Reading tokens (wall, touch, presenter, admin; Bearer or
 * `?token=`) read; touch, presenter and admin tokens write. Bodies are JSON of at most 16 KB;
 * a bad one gets a 400 with a Russian reason, counted in `cur_hub_shift_refused_total{reason}`.
 *
 * | route | answer |
 * |---|---|
 * | `GET /api/v1/shift/handover?from=…&to=…` | the handover digest for [from, to] (Unix ms; default: the `handoverHours` before the last shift change) |
 * | `POST /api/v1/shift/handover/confirm` `{change, by}` | the incoming officer confirms the handover of the change `change` |
 * | `GET /api/v1/shift/notes?from=…&to=…` | `{notes}` posted in the span (default: the current shift) |
 * | `POST /api/v1/shift/notes` `{target: {kind, id?}, text, by}` | `201 {note}`, its text redacted as an appeal's (a quoted caller's phone or name) |
 * | `GET /api/v1/shift/sop?alarm=ID` | the alarm's checklist, 404 when it has none |
 * | `POST /api/v1/shift/sop/tick` `{alarmId, step, by}` | `200 {checklist}`; 404 unknown alarm or step, 409 already ticked |
 *
 * Every write that reaches its check goes to the audit log, accepted or refused, with the
 * officer's name (the token's person when the tokens file names one, else the body's `by`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { ConfirmInputSchema, NoteInputSchema, TickInputSchema } from '../../app/shift/shift-records';
import { shiftAt } from '../../app/shift/shift-schedule';
import type { ConfigBodies } from '../../app/config/documents';
import { sendJson } from '../http-routes';
import type { Metrics } from '../metrics';
import { redactText } from '../redact';
import { personOf, readingRoleOf, type TokenTable } from '../tokens';
import type { Shift } from './shift-service';

const MAX_BODY = 16 * 1024;
const WRITERS = new Set(['touch', 'presenter', 'admin']);

export interface ShiftRoutesDeps {
  tokens: TokenTable;
  shift: Shift;
  config: () => ConfigBodies;
  metrics?: Metrics;
  now: () => number;
}

const bearer = (req: IncomingMessage): string | undefined => /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => resolve(size > MAX_BODY ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(null));
  });
}

/** Handles `/api/v1/shift/…`; false for any other path. */
export function handleShiftApi(req: IncomingMessage, res: ServerResponse, url: URL, deps: ShiftRoutesDeps): boolean {
  if (!url.pathname.startsWith('/api/v1/shift/')) return false;
  const refuse = (status: number, reason: string, error: string) => {
    deps.metrics?.inc('cur_hub_shift_refused_total', 'Shift API requests refused, by reason', { reason });
    req.resume();
    sendJson(res, status, { error });
  };
  const token = bearer(req) ?? url.searchParams.get('token') ?? undefined;
  const role = readingRoleOf(token ? deps.tokens.get(token) : undefined);
  if (!role) {
    refuse(401, 'auth', 'нужен токен стены, сенсорной панели, ведущего или администратора');
    return true;
  }
  const path = url.pathname.slice('/api/v1/shift/'.length);
  const write = req.method === 'POST';
  if (write && !WRITERS.has(role)) {
    refuse(403, 'auth', 'записывать в журнал смены могут сенсорная панель, ведущий и администратор');
    return true;
  }
  const time = (k: string): number | undefined | null => {
    const v = url.searchParams.get(k);
    if (v === null || v === '') return undefined;
    const n = Number(v);
    return Number.isInteger(n) && n >= 0 ? n : null;
  };
  const audit = (command: string, result: string, by: string | null) =>
    deps.shift.audit({ at: deps.now(), role, client: 'http', command, result, person: personOf(deps.tokens, token)?.name ?? by });
  const withBody = <S extends z.ZodType>(schema: S, then: (body: z.output<S>) => void) => {
    readBody(req).then(
      (text) => {
        if (text === null) return refuse(413, 'too-large', `тело запроса больше ${MAX_BODY} байт`);
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          return refuse(400, 'malformed', 'тело запроса — не JSON');
        }
        const r = schema.safeParse(json);
        if (!r.success) {
          const issue = r.error.issues[0]!;
          const error = `${issue.path.join('.') || '(тело запроса)'}: ${issue.message}`;
          audit(`shift:${path}`, `refused: ${error}`, null);
          return refuse(400, 'schema', error);
        }
        try {
          then(r.data);
        } catch (e) {
          sendJson(res, 500, { error: String((e as Error).message) });
        }
      },
      (e: Error) => sendJson(res, 500, { error: e.message }),
    );
  };

  if (path === 'handover' && req.method === 'GET') {
    const from = time('from');
    const to = time('to');
    if (from === null || to === null) refuse(400, 'bad-time', 'from и to: время в мс Unix');
    else if (from !== undefined && to !== undefined && from >= to) refuse(400, 'bad-time', 'from должно быть раньше to');
    else if (from !== undefined && to !== undefined && to - from > 7 * 24 * 3_600_000) refuse(400, 'bad-time', 'передача смены охватывает не больше 7 суток');
    else sendJson(res, 200, deps.shift.handover(from, to));
    return true;
  }
  if (path === 'handover/confirm' && write) {
    withBody(ConfirmInputSchema, (b) => {
      const shifts = deps.config().shifts;
      const command = `handover:confirm ${b.change}`;
      const bad =
        shiftAt(b.change, shifts).start !== b.change
          ? 'change: это не время смены по документу shifts'
          : b.change > deps.now()
            ? 'change: смена ещё не наступила'
            : null;
      if (bad) {
        audit(command, `refused: ${bad}`, b.by);
        return refuse(400, 'bad-time', bad);
      }
      const h = deps.shift.handover(undefined, b.change);
      const c = { change: b.change, from: h.from, to: h.to, confirmedAt: deps.now(), confirmedBy: b.by };
      deps.shift.store.confirmHandover(c);
      audit(command, 'ok', b.by);
      sendJson(res, 200, { confirmation: c });
    });
    return true;
  }
  if (path === 'notes' && req.method === 'GET') {
    const span = shiftAt(deps.now(), deps.config().shifts);
    const from = time('from');
    const to = time('to');
    if (from === null || to === null) refuse(400, 'bad-time', 'from и to: время в мс Unix');
    else sendJson(res, 200, { notes: deps.shift.store.notes(from ?? span.start, to ?? deps.now()) });
    return true;
  }
  if (path === 'notes' && write) {
    withBody(NoteInputSchema, (b) => {
      // An officer may quote a caller: the hub's redaction runs on a note as on an appeal's text.
      const note = deps.shift.store.addNote({ ...b, text: redactText(b.text) });
      audit(`shift:note ${b.target.kind}${b.target.id ? ` ${b.target.id}` : ''}`, 'ok', b.by);
      sendJson(res, 201, { note });
    });
    return true;
  }
  if (path === 'sop' && req.method === 'GET') {
    const id = url.searchParams.get('alarm');
    const list = id ? deps.shift.sop.checklist(id) : null;
    if (!id) refuse(400, 'schema', 'alarm: нужен id тревоги');
    else if (!list) sendJson(res, 404, { error: 'для этой тревоги порядок действий не задан' });
    else sendJson(res, 200, list);
    return true;
  }
  if (path === 'sop/tick' && write) {
    withBody(TickInputSchema, (b) => {
      const r = deps.shift.sop.tick(b.alarmId, b.step, b.by);
      audit(`sop:tick ${b.alarmId} шаг ${b.step + 1}`, r.ok ? 'ok' : `refused: ${r.error}`, b.by);
      if (r.ok) sendJson(res, 200, { checklist: r.checklist });
      else refuse(r.status, r.status === 404 ? 'not-found' : 'conflict', r.error);
    });
    return true;
  }
  refuse(404, 'not-found', 'нет такого адреса в /api/v1/shift/');
  return true;
}
