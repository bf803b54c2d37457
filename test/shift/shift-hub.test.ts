/**
 * The shift's tools on a real hub (issue 15): a real port, a real SQLite file (the shift log is
 * its migration 6), real socket.io clients, the hub's own timers (shortened) and a hub clock the
 * test moves. A surge ingested after a month of history raises one spike alarm on every screen;
 * an accident's procedure is ticked by name, a step left undone past its limit is flagged to
 * the senior officer (an alarm, and the record keeps it); notes, the handover digest at the shift
 * change (no citizen's data in it) and its confirmation by the incoming officer.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlarmRecord, AlarmsState } from '../../app/alarms/alarm-record';
import { DAY_MS, HOUR_MS, MINUTE_MS, mskTime } from '../../app/calendar/msk-time';
import type { Appeal } from '../../app/domain/entity';
import { DEFAULT_DETECT_THRESHOLDS } from '../../app/detect/detect-thresholds';
import { municipalityByOktmo } from '../../app/domain/municipality';
import type { HandoverAnswer } from '../../app/shift/handover';
import type { Checklist } from '../../app/shift/shift-records';
import { mulberry32 } from '../support/rng';
import { makeAccident, makeAppeal, omsuOf } from '../support/entities';
import { SqliteFeedLog } from '../../hub/sqlite-log';
import { startHub, type RunningHub } from '../../hub/start-hub';
import { parseTokens } from '../../hub/tokens';

/** Wednesday 4 Feb 2026, 10:00 MSK: the day shift began at 08:00. */
const NOW = mskTime(2026, 2, 4, 10);
let t = NOW;
const TOUCH = 'touch-panel-secret';
const WALL = 'wall-screen-secret';
const TOKENS = parseTokens({ [TOUCH]: 'touch', [WALL]: 'wall', 'admin-secret-token': 'admin', 'ingest-secret-token': 'ingest' });
const KANASH = '97516000';
const PLACES = ['97701000', '97710000', '97541000', '97553000', '97507000'];
const TOPICS: [string, string, string][] = [
  ['roads', 'roads.pothole', 'Яма на проезжей части'],
  ['improvement', 'improvement.yard-cleaning', 'Не убрана придомовая территория'],
  ['waste', 'waste.not-collected', 'Не вывезен мусор с площадки'],
];
const PERSONAL = ['Иванов Пётр Сергеевич', '+7 912 345-67-89', 'кв. 12'];

let dir: string;
let hub: RunningHub;
let touch: Socket;
const states: AlarmsState[] = [];

function appealAt(id: string, createdAt: number, oktmo: string, sector: string, topic: string, title: string, over: Partial<Appeal> = {}): Appeal {
  const m = municipalityByOktmo(oktmo)!;
  return makeAppeal({
    id,
    createdAt,
    municipality: oktmo,
    lon: m.centre[0],
    lat: m.centre[1],
    sector,
    topic,
    title,
    org: omsuOf(oktmo),
    channel: 'pos',
    status: 'new',
    ...over,
  });
}

async function until<T>(what: string, get: () => T | undefined | null | false, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = get();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
const active = (rule: string): AlarmRecord | undefined => states.at(-1)?.active.find((r) => r.rule === rule);

async function get<T>(p: string, token = TOUCH): Promise<{ status: number; json: T }> {
  const r = await fetch(`${hub.url}${p}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: r.status, json: (await r.json()) as T };
}
async function post<T>(p: string, body: unknown, token = TOUCH): Promise<{ status: number; json: T }> {
  const r = await fetch(`${hub.url}${p}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: r.status, json: (await r.json()) as T };
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'cur-shift-'));
  hub = await startHub({
    host: '127.0.0.1',
    port: 0,
    log: new SqliteFeedLog({ dir, now: () => t }),
    tokens: TOKENS,
    staticDir: null,
    now: () => t,
    shiftIntervalsMs: { detect: 100, sop: 100 },
  });
  touch = io(`${hub.url}/touch`, { auth: { token: TOUCH }, transports: ['websocket'], reconnection: false });
  touch.on('alarms:state', (s: AlarmsState) => states.push(s));
  await until('the touch socket', () => touch.connected && states.length > 0);
});
afterAll(async () => {
  touch?.close();
  await hub?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('spike detection at the hub', () => {
  it('a month of history, then 8 messages about cold water in Канашский within the hour: one spike alarm with the Russian text, on the touch socket', async () => {
    const rnd = mulberry32(15);
    const history: Appeal[] = [];
    const dayStart = mskTime(2026, 2, 4);
    for (let i = 0; i < 600; i++) {
      const [sector, topic, title] = TOPICS[Math.floor(rnd() * TOPICS.length)]!;
      const at = dayStart - 28 * DAY_MS + Math.floor(rnd() * 28 * DAY_MS);
      history.push(appealAt(`hist-${i}`, at, PLACES[Math.floor(rnd() * PLACES.length)]!, sector, topic, title, { status: 'closed', answeredAt: at + HOUR_MS }));
    }
    const surge = Array.from({ length: 8 }, (_, i) =>
      appealAt(`surge-${i}`, t - 50 * MINUTE_MS + i * 5 * MINUTE_MS, KANASH, 'housing', 'housing.no-cold-water', 'Нет холодной воды', { channel: 'social' }),
    );
    const r = await hub.ingest.ingest('test', { upserts: [...history, ...surge], removes: [] });
    expect(r.accepted).toBe(608);
    const spike = await until('the spike alarm', () => active('spike'));
    expect(spike).toMatchObject({ key: `spike:${KANASH}:housing`, source: 'detect', title: 'Всплеск сообщений', entity: null });
    expect(spike.text).toBe('8 сообщений о холодной воде в Канашском округе за час, обычно меньше одного');
    // One alarm for the cluster (topic and sector surged together), not two.
    expect(states.at(-1)!.active.filter((a) => a.rule === 'spike')).toHaveLength(1);
  });

  it('the thresholds document rules the detectors live: raising minCount above the surge clears its alarm at the next run', async () => {
    const cur = await get<{ version: number; body: Record<string, unknown> }>('/api/v1/config/thresholds', 'admin-secret-token');
    const put = async (minCount: number, baseVersion: number) => {
      const body = { ...cur.json.body, detect: { ...DEFAULT_DETECT_THRESHOLDS, spike: { ...DEFAULT_DETECT_THRESHOLDS.spike, minCount } } };
      const r = await fetch(`${hub.url}/api/v1/config/thresholds`, {
        method: 'PUT',
        headers: { authorization: 'Bearer admin-secret-token', 'content-type': 'application/json' },
        body: JSON.stringify({ baseVersion, body }),
      });
      expect(r.status, await r.clone().text()).toBe(200);
      return ((await r.json()) as { version: number }).version;
    };
    const v = await put(20, cur.json.version);
    await until('the spike alarm cleared', () => !active('spike'));
    await put(5, v);
    await until('the spike alarm raised again', () => active('spike'));
  });
});

describe('procedures (SOP) at the hub', () => {
  let alarm: AlarmRecord;

  it('an accident alarm shows its checklist; a step is ticked with time and name', async () => {
    await hub.ingest.ingest('test', {
      upserts: [makeAccident({ id: 'big-1', resource: 'electricity', residents: 2400, startedAt: t - 10 * MINUTE_MS, plannedRestoreAt: t + 3 * HOUR_MS })],
      removes: [],
    });
    alarm = await until('the accident alarm', () => active('accident-residents'));
    const list = await get<Checklist>(`/api/v1/shift/sop?alarm=${encodeURIComponent(alarm.id)}`);
    expect(list.status).toBe(200);
    expect(list.json.procedure.title).toBe('Крупная авария ЖКХ');
    expect(list.json.steps.map((s) => [s.title, s.limitMin, s.contact?.name ?? null])).toEqual([
      ['Позвонить диспетчеру оператора, уточнить причину и срок', 15, 'Диспетчер ресурсоснабжающей организации'],
      ['Сообщить главе администрации округа', 30, 'Глава администрации округа (дежурный)'],
      ['Открыть инцидент в региональной системе', 45, null],
      ['Доложить в Минстрой', 60, 'Минстрой Чувашии, дежурный'],
    ]);
    t += 5 * MINUTE_MS;
    const ticked = await post<{ checklist: Checklist }>('/api/v1/shift/sop/tick', { alarmId: alarm.id, step: 0, by: 'Петров П. П.' });
    expect(ticked.status).toBe(200);
    expect(ticked.json.checklist.steps[0]).toMatchObject({ doneAt: t, doneBy: 'Петров П. П.', late: false });
    expect((await post<{ error: string }>('/api/v1/shift/sop/tick', { alarmId: alarm.id, step: 0, by: 'Петров П. П.' })).status).toBe(409);
    expect(await post('/api/v1/shift/sop/tick', { alarmId: alarm.id, step: 1, by: 'Петров П. П.' }, WALL)).toMatchObject({ status: 403 });
    expect(await post('/api/v1/shift/sop/tick', { alarmId: alarm.id, step: 9, by: 'Петров П. П.' })).toMatchObject({
      status: 404,
      json: { error: 'в порядке действий «Крупная авария ЖКХ» нет шага 10' },
    });
    expect(await post('/api/v1/shift/sop/tick', { alarmId: alarm.id, step: 1, by: ' ' })).toMatchObject({
      status: 400,
      json: { error: 'by: нужно имя дежурного' },
    });
  });

  it('a step left undone past its limit is flagged to the senior officer on every screen, kept in the record, and the flag goes once it is done', async () => {
    expect(active('sop-late')).toBeUndefined();
    t = alarm.raisedAt + 31 * MINUTE_MS;
    const flag = await until('the flag alarm', () => active('sop-late'));
    expect(flag).toMatchObject({ severity: 'warning', key: `sop-late:${alarm.id}:1`, entity: 'accident:big-1' });
    expect(flag.text).toBe(`Старшему смены: «Сообщить главе администрации округа» по тревоге «${alarm.title}» не выполнен за 30 мин`);
    const viaApi = await get<{ alarms: AlarmRecord[] }>('/api/v1/alarms?state=active', WALL);
    expect(viaApi.json.alarms.some((a) => a.key === flag.key)).toBe(true);
    const list = await get<Checklist>(`/api/v1/shift/sop?alarm=${encodeURIComponent(alarm.id)}`);
    expect(list.json.steps.map((s) => s.late)).toEqual([false, true, false, false]);
    t += MINUTE_MS;
    expect((await post('/api/v1/shift/sop/tick', { alarmId: alarm.id, step: 1, by: 'Петров П. П.' })).status).toBe(200);
    await until('the flag cleared', () => states.at(-1)!.active.every((a) => a.key !== flag.key));
    const after = await get<Checklist>(`/api/v1/shift/sop?alarm=${encodeURIComponent(alarm.id)}`);
    // Done, but after its deadline: the record keeps that it was late.
    expect(after.json.steps[1]).toMatchObject({ doneBy: 'Петров П. П.', late: true });
  });
});

describe('shift log and handover', () => {
  it('notes: posted by the touch panel, refused to a wall, a bad one refused in Russian', async () => {
    expect(
      (await post('/api/v1/shift/notes', { target: { kind: 'alarm', id: alarm0() }, text: 'Бригада Россетей на месте, обещают к 14:00', by: 'Петров П. П.' }))
        .status,
    ).toBe(201);
    expect((await post('/api/v1/shift/notes', { target: { kind: 'general' }, text: 'Сдал смену без замечаний', by: 'Петров П. П.' })).status).toBe(201);
    expect(await post('/api/v1/shift/notes', { target: { kind: 'general' }, text: 'x', by: 'Петров П. П.' }, WALL)).toMatchObject({ status: 403 });
    // A caller quoted in a note is redacted at the hub like an appeal's text.
    const quoted = await post<{ note: { text: string } }>('/api/v1/shift/notes', {
      target: { kind: 'general' },
      text: `Позвонила ${PERSONAL[0]}, тел. ${PERSONAL[1]}`,
      by: 'Петров П. П.',
    });
    expect(quoted.status).toBe(201);
    for (const p of PERSONAL.slice(0, 2)) expect(quoted.json.note.text).not.toContain(p);
    expect(await post('/api/v1/shift/notes', { target: { kind: 'general' }, text: '   ', by: 'Петров П. П.' })).toMatchObject({
      status: 400,
      json: { error: 'text: пустая заметка' },
    });
    const notes = await get<{ notes: { text: string; by: string }[] }>('/api/v1/shift/notes');
    expect(notes.json.notes.map((n) => n.text).filter((x) => !x.startsWith('Позвонила'))).toEqual([
      'Бригада Россетей на месте, обещают к 14:00',
      'Сдал смену без замечаний',
    ]);
  });

  it('at 20:00 the handover digest holds the accident, the alarms and how they were handled, breaches, items at risk and the notes; no citizen’s data', async () => {
    // An item with personal data in its text, overdue at 14:00 (a high-importance post: 4 clock hours).
    const m = municipalityByOktmo('97701000')!;
    await hub.ingest.ingest('test', {
      upserts: [
        makeAppeal({
          id: 'late-1',
          createdAt: mskTime(2026, 2, 4, 10),
          importance: 'high',
          lon: m.centre[0],
          lat: m.centre[1],
          org: 'omsu-cheboksary',
          text: `Звонил ${PERSONAL[0]}, тел. ${PERSONAL[1]}, ул. Ленина, д. 5, ${PERSONAL[2]}`,
          title: `${PERSONAL[0]} пишет`,
        }),
        makeAppeal({
          id: 'risk-1',
          createdAt: mskTime(2026, 2, 4, 11),
          importance: 'high',
          lon: m.centre[0],
          lat: m.centre[1],
          org: 'omsu-cheboksary',
          text: 'Нет света',
        }),
      ],
      removes: [],
    });
    t = mskTime(2026, 2, 4, 20, 5);
    // One that falls due in the night shift (19:30 + 4 h): at risk, not yet overdue.
    await hub.ingest.ingest('test', {
      upserts: [
        makeAppeal({ id: 'risk-2', createdAt: mskTime(2026, 2, 4, 19, 30), importance: 'high', lon: m.centre[0], lat: m.centre[1], org: 'omsu-cheboksary' }),
      ],
      removes: [],
    });
    const r = await fetch(`${hub.url}/api/v1/shift/handover?token=${WALL}`);
    expect(r.status).toBe(200);
    const raw = await r.text();
    const d = JSON.parse(raw) as HandoverAnswer;
    expect([d.from, d.to, d.change]).toEqual([mskTime(2026, 2, 4, 8), mskTime(2026, 2, 4, 20), mskTime(2026, 2, 4, 20)]);
    expect(d.accidents.new.map((a) => [a.id, a.resourceLabel, a.residents, a.ongoing])).toEqual([['big-1', 'Электроснабжение', 2400, true]]);
    const acc = d.alarms.find((a) => a.rule === 'accident-residents')!;
    expect(acc.procedure!.steps.map((s) => [s.doneBy, s.late])).toEqual([
      ['Петров П. П.', false],
      ['Петров П. П.', true],
      [null, true],
      [null, true],
    ]);
    expect(acc.notes.map((n) => n.text)).toEqual(['Бригада Россетей на месте, обещают к 14:00']);
    expect(d.alarms.some((a) => a.rule === 'spike')).toBe(true);
    expect(d.alarms.some((a) => a.rule === 'sop-late')).toBe(true);
    expect(d.breaches.items.map((b) => b.id)).toContain('late-1');
    expect(d.atRisk.flatMap((o) => o.items.map((i) => i.id))).toEqual(['risk-2']);
    expect(d.notes.map((n) => n.by)).toEqual(['Петров П. П.', 'Петров П. П.', 'Петров П. П.']);
    for (const p of PERSONAL) expect(raw).not.toContain(p);
    expect(raw).not.toContain('Звонил');
  });

  it('the incoming officer confirms the handover by name; a time that is not a shift change is refused', async () => {
    const change = mskTime(2026, 2, 4, 20);
    expect(await post('/api/v1/shift/handover/confirm', { change: change + MINUTE_MS, by: 'Сидорова А. А.' })).toMatchObject({
      status: 400,
      json: { error: 'change: это не время смены по документу shifts' },
    });
    expect(await post('/api/v1/shift/handover/confirm', { change, by: 'Сидорова А. А.' }, WALL)).toMatchObject({ status: 403 });
    t += MINUTE_MS;
    expect((await post('/api/v1/shift/handover/confirm', { change, by: 'Сидорова А. А.' })).status).toBe(200);
    const d = await get<HandoverAnswer>('/api/v1/shift/handover');
    expect(d.json.confirmations).toEqual([{ change, from: mskTime(2026, 2, 4, 8), to: change, confirmedAt: t, confirmedBy: 'Сидорова А. А.' }]);
    // Every tick, note and confirmation is in the audit with the officer's name, refusals too.
    const audit = await get<{ entries: { command: string; result: string; person: string | null }[] }>('/api/v1/audit?limit=100', 'admin-secret-token');
    const rows = audit.json.entries
      .filter((e) => /^(sop:tick|shift:|handover:)/.test(e.command))
      .map((e) => [e.command.split(' ')[0], e.result.split(':')[0], e.person]);
    expect(rows).toContainEqual(['sop:tick', 'ok', 'Петров П. П.']);
    expect(rows).toContainEqual(['sop:tick', 'refused', 'Петров П. П.']);
    expect(rows).toContainEqual(['shift:note', 'ok', 'Петров П. П.']);
    expect(rows).toContainEqual(['handover:confirm', 'ok', 'Сидорова А. А.']);
    expect(rows).toContainEqual(['handover:confirm', 'refused', 'Сидорова А. А.']);
    expect((await get('/api/v1/shift/handover?from=abc')).status).toBe(400);
    expect((await get('/api/v1/shift/handover', 'no-such-token-here')).status).toBe(401);
  });
});

function alarm0(): string {
  return states.flatMap((s) => s.active).find((a) => a.rule === 'accident-residents')!.id;
}
