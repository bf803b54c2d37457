/**
 * Issue 16: one alarm record per key for the whole cluster. Two hubs (in this process, each with
 * its own NATS connection and `NatsFeedLog`) on a real 3-node NATS JetStream cluster on
 * loopback, one clock: both evaluate the alarm rules on the same state and raise the same
 * alarms at once — each key gets one record (one id) on both; an officer's acknowledgement on
 * node A reaches node B's walls and B's `GET /api/v1/alarms`; clearing is one record too; a node
 * started later gets the same records from the stream.
 */
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlarmRecord, AlarmsState } from '../../app/alarms/alarm-record';
import { HOUR_MS } from '../../app/calendar/msk-time';
import type { ControlAck } from '../../app/protocol/control';
import type { SigninAck } from '../../app/protocol/officer';
import { NatsFeedLog } from '../../hub/cluster/nats-log';
import { startHub, type RunningHub } from '../../hub/start-hub';
import { parseTokens } from '../../hub/tokens';
import { ENTITY_TIME, makeAccident } from '../support/entities';
import { until } from './cluster-clients';
import { startNatsCluster, type NatsCluster } from './nats-cluster';

const NOW = ENTITY_TIME + HOUR_MS;
let t = NOW;
const STREAM = `a${Date.now().toString(36)}`;
const TOKENS = parseTokens({
  'wall-secret-token': 'wall',
  'touch-secret-token': 'touch',
  'admin-secret-token': { role: 'admin', name: 'Сидоров С. С.', position: 'куратор' },
});
const RULES = [
  { id: 'no-heat-school', type: 'social-object-no-heat', severity: 'critical' },
  { id: 'big-outage', type: 'accident-residents', minResidents: 1000, severity: 'major' },
];
const PEOPLE = { idleMinutes: 10, people: [{ id: 'ivanov', name: 'Иванов И. И.', position: 'дежурный', role: 'touch', pin: '4321' }] };

let nats: NatsCluster;
const hubs: RunningHub[] = [];
const sockets: Socket[] = [];

async function node(): Promise<RunningHub> {
  const log = await NatsFeedLog.open({ servers: nats.urls.split(','), stream: STREAM, checkpointEvery: 0 });
  const hub = await startHub({ host: '127.0.0.1', port: 0, log, tokens: TOKENS, staticDir: null, now: () => t });
  hubs.push(hub);
  return hub;
}

interface Screen {
  socket: Socket;
  states: AlarmsState[];
}
function screen(hub: RunningHub, role: 'wall' | 'touch'): Screen {
  const socket = io(`${hub.url}/${role}`, { auth: { token: `${role}-secret-token` }, transports: ['websocket'], reconnection: false });
  sockets.push(socket);
  const s: Screen = { socket, states: [] };
  socket.on('alarms:state', (st: AlarmsState) => s.states.push(st));
  return s;
}
const activeOf = (s: Screen, rule: string): AlarmRecord | undefined => s.states.at(-1)?.active.find((r) => r.rule === rule);

async function alarmsOf(hub: RunningHub, query = ''): Promise<AlarmRecord[]> {
  const r = await fetch(`${hub.url}/api/v1/alarms${query}`, { headers: { authorization: 'Bearer wall-secret-token' } });
  expect(r.status).toBe(200);
  return ((await r.json()) as { alarms: AlarmRecord[] }).alarms;
}

async function putConfig(hub: RunningHub, name: string, body: unknown): Promise<void> {
  const auth = { authorization: 'Bearer admin-secret-token' };
  const cur = (await (await fetch(`${hub.url}/api/v1/config/${name}`, { headers: auth })).json()) as { version: number };
  const r = await fetch(`${hub.url}/api/v1/config/${name}`, {
    method: 'PUT',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ baseVersion: cur.version, body }),
  });
  expect(r.status, await r.clone().text()).toBe(200);
}

/** Polls `get` until it returns something truthy (20 s). */
async function eventually<T>(what: string, get: () => Promise<T | null | undefined | false> | T | null | undefined | false): Promise<T> {
  const end = Date.now() + 20_000;
  for (;;) {
    const v = await get();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  nats = await startNatsCluster(3);
  const [a, b] = [await node(), await node()];
  await putConfig(a, 'alarm-rules', RULES);
  await putConfig(a, 'people', PEOPLE);
  // The configuration is the cluster's: node B evaluates the same rules.
  await eventually('the rules on node B', async () => {
    const r = await fetch(`${b.url}/api/v1/config/alarm-rules`, { headers: { authorization: 'Bearer admin-secret-token' } });
    return ((await r.json()) as { body: unknown[] }).body.length === RULES.length;
  });
}, 120_000);

afterAll(async () => {
  for (const s of sockets) s.close();
  for (const h of hubs) await h.close();
  await nats?.stop();
});

describe('one alarm record per key in a cluster (real 3-node NATS JetStream)', () => {
  it('the same alarm raised on both nodes at once is one record with one id on both', async () => {
    const [a, b] = hubs as [RunningHub, RunningHub];
    // Directly, in one tick, at different times: each node would have made its own id.
    const input = { rule: 'test-external', severity: 'major' as const, key: 'test:same-key', text: 'Проверка: одна запись' };
    a.alarms.raise(input);
    t += 1;
    b.alarms.raise(input);
    const both = await eventually('the record on both nodes', async () => {
      const [x, y] = [await alarmsOf(a, '?state=all'), await alarmsOf(b, '?state=all')];
      const [rx, ry] = [x.filter((r) => r.key === input.key), y.filter((r) => r.key === input.key)];
      return rx.length > 0 && ry.length > 0 ? [rx, ry] : null;
    });
    // Let every operation in flight land, then: still one.
    await new Promise((r) => setTimeout(r, 500));
    const [onA, onB] = [
      (await alarmsOf(a, '?state=all')).filter((r) => r.key === input.key),
      (await alarmsOf(b, '?state=all')).filter((r) => r.key === input.key),
    ];
    expect(onA).toHaveLength(1);
    expect(onB).toEqual(onA);
    expect(onA[0]!.id).toBe(both[0][0]!.id);

    // The rule evaluation of both nodes raises the alarms of one change: one record per key.
    const wallB = screen(b, 'wall');
    t += 1000;
    expect((await a.ingest.ingest('test', { upserts: [makeAccident({ id: 'school-1', residents: 1500, socialObjects: 2 })], removes: [] })).accepted).toBe(1);
    await eventually('both alarms on node B', () => activeOf(wallB, 'no-heat-school') && activeOf(wallB, 'big-outage'));
    await new Promise((r) => setTimeout(r, 1500)); // both nodes have evaluated (500 ms after the change) and published
    for (const rule of ['no-heat-school', 'big-outage']) {
      const [x, y] = [(await alarmsOf(a, '?state=all')).filter((r) => r.rule === rule), (await alarmsOf(b, '?state=all')).filter((r) => r.rule === rule)];
      expect(x).toHaveLength(1);
      expect(y).toEqual(x);
    }
  });

  it('an acknowledgement on node A is on node B’s walls and in node B’s GET /api/v1/alarms', async () => {
    const [a, b] = hubs as [RunningHub, RunningHub];
    const wallB = screen(b, 'wall');
    const touchA = screen(a, 'touch');
    await until(
      () => touchA.socket.connected && wallB.states.length > 0,
      10_000,
      () => 'screens did not connect',
    );
    const signin = await new Promise<SigninAck>((resolve) => touchA.socket.emit('officer:signin', '4321', resolve));
    expect(signin.ok).toBe(true);
    const crit = (await alarmsOf(a)).find((r) => r.rule === 'no-heat-school')!;
    t += 60_000;
    const ack = await new Promise<ControlAck>((resolve) =>
      touchA.socket.emit('control:command', { type: 'alarm:ack', alarmId: crit.id, comment: 'вызвана аварийная бригада' }, resolve),
    );
    expect(ack.ok).toBe(true);
    const onWall = await eventually(
      'the acknowledgement on node B’s wall',
      () => activeOf(wallB, 'no-heat-school')?.ackedBy && activeOf(wallB, 'no-heat-school'),
    );
    expect(onWall).toMatchObject({ id: crit.id, ackedBy: 'Иванов И. И.', ackedAt: t, comment: 'вызвана аварийная бригада' });
    const onB = (await alarmsOf(b, '?state=all')).filter((r) => r.rule === 'no-heat-school');
    expect(onB).toHaveLength(1);
    expect(onB[0]).toMatchObject({ id: crit.id, ackedBy: 'Иванов И. И.', comment: 'вызвана аварийная бригада' });
    // The other node refuses a second acknowledgement of the same record (it is acknowledged there too).
    expect(b.alarms.ack(crit.id, 'Петров П. П.', 'ещё раз')).toEqual({ ok: false, error: 'тревога уже квитирована' });
  });

  it('cleared once for the cluster; a node started later gets the same records from the stream', async () => {
    const [a, b] = hubs as [RunningHub, RunningHub];
    t += 60_000;
    const restored = makeAccident({ id: 'school-1', version: 2, residents: 1500, socialObjects: 2, status: 'resolved', restoredAt: t - 1000 });
    expect((await b.ingest.ingest('test', { upserts: [restored], removes: [] })).accepted).toBe(1);
    await eventually(
      'no active rule alarm on either node',
      async () => (await alarmsOf(a)).every((r) => r.rule === 'test-external') && (await alarmsOf(b)).every((r) => r.rule === 'test-external'),
    );
    await new Promise((r) => setTimeout(r, 1000));
    const all = (await alarmsOf(a, '?state=all')).filter((r) => r.rule !== 'test-external');
    expect(all.map((r) => [r.rule, r.clearedAt]).sort()).toEqual([
      ['big-outage', t],
      ['no-heat-school', t],
    ]);
    expect((await alarmsOf(b, '?state=all')).filter((r) => r.rule !== 'test-external')).toEqual(all);
    const c = await node();
    const onC = await alarmsOf(c, '?state=all');
    expect(onC.filter((r) => r.rule !== 'test-external')).toEqual(all);
    expect(onC.find((r) => r.rule === 'no-heat-school')).toMatchObject({ ackedBy: 'Иванов И. И.', comment: 'вызвана аварийная бригада' });
  });
});
