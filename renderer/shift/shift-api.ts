/**
 * The hub's shift API (issue 15, `hub/shift/shift-routes.ts`) as the touch panel and the
 * `#/shift` page call it: the token as a Bearer header, Russian errors passed through.
 */
import type { HandoverAnswer } from '../../app/shift/handover';
import type { Checklist, HandoverConfirmation, NoteTarget, ShiftNote } from '../../app/shift/shift-records';

export type { HandoverAnswer } from '../../app/shift/handover';
export type { Checklist, ChecklistStep } from '../../app/shift/shift-records';

/** The answer, or the hub's Russian error. */
export type ApiResult<T> = { ok: true; value: T; status: number } | { ok: false; error: string; status: number };

async function call<T>(hub: string, token: string, path: string, body?: unknown): Promise<ApiResult<T>> {
  try {
    const r = await fetch(new URL(path, hub), {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const json = (await r.json().catch(() => ({}))) as T & { error?: string };
    return r.ok ? { ok: true, value: json, status: r.status } : { ok: false, error: json.error ?? `ошибка ${r.status}`, status: r.status };
  } catch (e) {
    return { ok: false, error: `хаб недоступен: ${(e as Error).message}`, status: 0 };
  }
}

export const shiftApi = {
  handover: (hub: string, token: string, span?: { from: number; to: number }) =>
    call<HandoverAnswer>(hub, token, `/api/v1/shift/handover${span ? `?from=${span.from}&to=${span.to}` : ''}`),
  confirm: (hub: string, token: string, change: number, by: string) =>
    call<{ confirmation: HandoverConfirmation }>(hub, token, '/api/v1/shift/handover/confirm', { change, by }),
  notes: (hub: string, token: string) => call<{ notes: ShiftNote[] }>(hub, token, '/api/v1/shift/notes'),
  addNote: (hub: string, token: string, target: NoteTarget, text: string, by: string) =>
    call<{ note: ShiftNote }>(hub, token, '/api/v1/shift/notes', { target, text, by }),
  checklist: (hub: string, token: string, alarmId: string) => call<Checklist>(hub, token, `/api/v1/shift/sop?alarm=${encodeURIComponent(alarmId)}`),
  tick: (hub: string, token: string, alarmId: string, step: number, by: string) =>
    call<{ checklist: Checklist }>(hub, token, '/api/v1/shift/sop/tick', { alarmId, step, by }),
};
