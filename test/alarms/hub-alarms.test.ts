/**
 * One alarm record at the hub (issue 15), against a real hub on a real port with a real SQLite
 * file and real socket.io clients: two walls and a touch panel receive the same record (same
 * id, same raisedAt); the touch panel's officer signs in by PIN and acknowledges (refused
 * without a name, and without a comment for a critical alarm); the acknowledgement is in
 * `GET /api/v1/alarms` and in the audit (JSON and CSV) with the officer's name; a rule's wall
 * preset is published with the record and released when the alarm is cleared, not when acked.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlarmRecord, AlarmsState } from '../../app/alarms/alarm-record';
import type { ControlAck } from '../../app/protocol/control';
import type { OfficerState, SigninAck } from '../../app/protocol/officer';
import { HOUR_MS } from '../../app/calendar/msk-time';
import { ENTITY_TIME, makeAccident } from '../support/entities';
import { SqliteFeedLog } from '../../hub/sqlite-log';
import { startHub, type RunningHub } from '../../hub/start-hub';
import { parseTokens } from '../../hub/tokens';

const NOW = ENTITY_TIME + HOUR_MS;
let t = NOW;
const TOKENS = parseTokens({
  'wall-left-secret': 'wall',
  'wall-right-secret': 'wall',
  'touch-panel-secret': 'touch',
  'admin-secret-token': { role: 'admin', name: 'Сидоров С. С.', position: 'куратор' },
});
const RULES = [
  { id: 'no-heat-school', type: 'social-object-no-heat', severity: 'critical' },
  { id: 'big-outage', type: 'accident-residents', minResidents: 1000, severity: 'major', preset: { scene: 'housing', screens: ['left'] } },
];
const PEOPLE = { idleMinutes: 10, people: [{ id: 'ivanov', name: 'Иванов И. И.', position: 'дежурный', role: 'touch', pin: '4321' }] };

let dir: string;
let hub: RunningHub;
const clients: Socket[] = [];
const seen = new Map<string, AlarmsState[]>();

function connect(name: string, nsp: string, token: string): Socket {
  const s = io(`${hub.url}/${nsp}`, { auth: { token }, transports: ['websocket'], reconnection: false });
  seen.set(name, []);
  s.on('alarms:state', (st: AlarmsState) => seen.get(name)!.push(st));
  clients.push(s);
  return s;
}

async function until<T>(what: string, get: () => T | undefined | null | false): Promise<T> {
  for (let i = 0; i < 500; i++) {
    const v = get();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const last = (name: string) => seen.get(name)!.at(-1);
const activeOf = (name: string, rule: string): AlarmRecord | undefined => last(name)?.active.find((r) => r.rule === rule);
const send = (s: Socket, cmd: unknown) => new Promise<ControlAck>((resolve) => s.emit('control:command', cmd, resolve));
async function api(p: string, token: string): Promise<{ status: number; body: string }> {
  const r = await fetch(`${hub.url}${p}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: r.status, body: await r.text() };
}
async function putConfig(name: string, body: unknown): Promise<void> {
  const cur = (await (await fetch(`${hub.url}/api/v1/config/${name}`, { headers: { authorization: 'Bearer admin-secret-token' } })).json()) as {
    version: number;
  };
  const r = await fetch(`${hub.url}/api/v1/config/${name}`, {
    method: 'PUT',
    headers: { authorization: 'Bearer admin-secret-token', 'content-type': 'application/json' },
    body: JSON.stringify({ baseVersion: cur.version, body }),
  });
  expect(r.status, await r.clone().text()).toBe(200);
}

let touch: Socket;
const officer: OfficerState[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'cur-hub-alarms-'));
  hub = await startHub({ host: '127.0.0.1', port: 0, log: new SqliteFeedLog({ dir, now: () => t }), tokens: TOKENS, staticDir: null, now: () => t });
  await putConfig('alarm-rules', RULES);
  await putConfig('people', PEOPLE);
  connect('left', 'wall', 'wall-left-secret');
  connect('right', 'wall', 'wall-right-secret');
  touch = connect('touch', 'touch', 'touch-panel-secret');
  touch.on('officer:state', (s: OfficerState) => officer.push(s));
  await until('three clients connected', () => clients.every((c) => c.connected) && [...seen.values()].every((l) => l.length > 0));
});
afterAll(async () => {
  for (const c of clients) c.close();
  await hub?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('one alarm record at the hub', () => {
  it('two walls and a touch panel receive the same records (same id, same raisedAt), with the preset of the rule', async () => {
    const r = await hub.ingest.ingest('test', { upserts: [makeAccident({ id: 'school-1', residents: 1500, socialObjects: 2 })], removes: [] });
    expect(r.accepted).toBe(1);
    const records = await until('the alarms on every screen', () => {
      const per = ['left', 'right', 'touch'].map((n) => [activeOf(n, 'no-heat-school'), activeOf(n, 'big-outage')] as const);
      return per.every(([a, b]) => a && b) ? per : null;
    });
    const [first] = records;
    for (const [crit, major] of records) {
      expect([crit!.id, crit!.raisedAt, major!.id, major!.raisedAt]).toEqual([first[0]!.id, first[0]!.raisedAt, first[1]!.id, first[1]!.raisedAt]);
    }
    expect(first[0]).toMatchObject({
      severity: 'critical',
      entity: 'accident:school-1',
      raisedAt: NOW,
      ackedAt: null,
      clearedAt: null,
      title: 'Социальные объекты без отопления',
    });
    expect(first[1]!.preset).toEqual({ scene: { id: 'housing' }, screens: ['left'] });
    // Most urgent first, on every screen.
    expect(last('right')!.active.map((a) => a.rule)).toEqual(['no-heat-school', 'big-outage']);
  });

  it('an acknowledgement needs an officer signed in by PIN, and a comment for a critical alarm', async () => {
    const crit = activeOf('touch', 'no-heat-school')!;
    expect(await send(touch, { type: 'alarm:ack', alarmId: crit.id, comment: 'вызвана аварийная бригада' })).toEqual({
      ok: false,
      error: 'квитирование требует имени дежурного: войдите по PIN',
    });
    const wrong = await new Promise<SigninAck>((resolve) => touch.emit('officer:signin', '0000', resolve));
    expect(wrong).toEqual({ ok: false, error: 'неверный PIN' });
    const ok = await new Promise<SigninAck>((resolve) => touch.emit('officer:signin', '4321', resolve));
    expect(ok).toEqual({ ok: true, person: { name: 'Иванов И. И.', position: 'дежурный' } });
    expect(officer.at(-1)).toEqual({ person: { name: 'Иванов И. И.', position: 'дежурный' }, via: 'pin', idleMinutes: 10 });
    t += 60_000;
    expect(await send(touch, { type: 'alarm:ack', alarmId: crit.id })).toEqual({ ok: false, error: 'для критической тревоги нужен комментарий (что сделано)' });
    expect((await send(touch, { type: 'alarm:ack', alarmId: crit.id, comment: 'вызвана аварийная бригада' })).ok).toBe(true);
    const acked = await until('the acknowledgement on the walls', () =>
      activeOf('left', 'no-heat-school')?.ackedBy ? activeOf('left', 'no-heat-school') : null,
    );
    expect(acked).toMatchObject({ id: crit.id, ackedBy: 'Иванов И. И.', ackedAt: NOW + 60_000, comment: 'вызвана аварийная бригада', clearedAt: null });
  });

  it('the acknowledgement is in GET /api/v1/alarms and in the audit with the name (JSON, from/to, CSV)', async () => {
    const all = await api(`/api/v1/alarms?state=all&from=${NOW}`, 'touch-panel-secret');
    expect(all.status).toBe(200);
    const { alarms } = JSON.parse(all.body) as { alarms: AlarmRecord[] };
    expect(alarms.find((a) => a.rule === 'no-heat-school')).toMatchObject({ ackedBy: 'Иванов И. И.', comment: 'вызвана аварийная бригада' });
    expect((await api('/api/v1/alarms?state=sometimes', 'touch-panel-secret')).body).toContain('state: active или all');
    expect((await api('/api/v1/alarms', 'not-a-token-at-all')).status).toBe(401);

    expect((await api('/api/v1/audit', 'touch-panel-secret')).status).toBe(403);
    const audit = JSON.parse((await api(`/api/v1/audit?from=${NOW + 1}`, 'admin-secret-token')).body) as {
      entries: { command: string; result: string; person: string | null; at: number }[];
    };
    const ack = audit.entries.find((e) => e.command.includes('alarm:ack') && e.result === 'ok');
    expect(ack).toMatchObject({ person: 'Иванов И. И.', at: NOW + 60_000 });
    expect(audit.entries.some((e) => e.result.startsWith('refused: для критической тревоги'))).toBe(true);
    expect(audit.entries.every((e) => e.at >= NOW + 1)).toBe(true);
    // The config saves of the named admin token carry its holder's name; a sign-in never its PIN.
    const everything = JSON.parse((await api('/api/v1/audit?limit=1000', 'admin-secret-token')).body) as {
      entries: { command: string; person: string | null }[];
    };
    expect(everything.entries.find((e) => e.command === 'config:save people')?.person).toBe('Сидоров С. С.');
    expect(JSON.stringify(everything)).not.toContain('4321');
    const csv = await api('/api/v1/audit?format=csv', 'admin-secret-token');
    // (fetch's text() drops the BOM the hub sends for spreadsheets)
    expect(csv.body.split('\r\n')[0]).toBe('at;time_msk;role;person;client;command;result');
    expect(csv.body).toMatch(/;touch;Иванов И\. И\.;[^;]+;"?\{.*alarm:ack/);
    expect((await api('/api/v1/audit?from=yesterday', 'admin-secret-token')).status).toBe(400);
  });

  it('PINs never reach a reader: the people document reaches the touch panel and walls without them', async () => {
    const r = await api('/api/v1/config/people', 'wall-left-secret');
    expect(r.body).toContain('Иванов И. И.');
    expect(r.body).not.toContain('4321');
  });

  it('the preset stays while the alarm is acknowledged and goes when it is cleared', async () => {
    const major = activeOf('left', 'big-outage')!;
    expect((await send(touch, { type: 'alarm:ack', alarmId: major.id })).ok).toBe(true);
    await until('the major alarm acknowledged', () => activeOf('left', 'big-outage')?.ackedAt);
    expect(activeOf('left', 'big-outage')!.preset?.scene).toEqual({ id: 'housing' });
    t += 60_000;
    const restored = makeAccident({ id: 'school-1', version: 2, residents: 1500, socialObjects: 2, status: 'resolved', restoredAt: t - 1000 });
    expect((await hub.ingest.ingest('test', { upserts: [restored], removes: [] })).accepted).toBe(1);
    await until('the alarms cleared on every screen', () => ['left', 'right', 'touch'].every((n) => last(n)!.active.length === 0));
    const { alarms } = JSON.parse((await api('/api/v1/alarms?state=all', 'wall-right-secret')).body) as { alarms: AlarmRecord[] };
    expect(alarms.map((a) => [a.rule, a.clearedAt]).sort()).toEqual([
      ['big-outage', t],
      ['no-heat-school', t],
    ]);
    expect(JSON.parse((await api('/api/v1/alarms', 'wall-right-secret')).body)).toEqual({ alarms: [] });
  });

  it('an acknowledgement sent right after the change that raises the alarm finds it (evaluated at once)', async () => {
    await hub.hub.publish({ upserts: [makeAccident({ id: 'quick-1', residents: 1800 })], removes: [] });
    expect(await send(touch, { type: 'alarm:ack', alarmId: 'big-outage:accident:quick-1' })).toMatchObject({ ok: true });
    await until('the acknowledged record on a wall', () => activeOf('right', 'big-outage')?.ackedBy === 'Иванов И. И.');
  });
});
