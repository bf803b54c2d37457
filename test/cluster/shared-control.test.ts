/**
 * Issue 16: control state and configuration are the cluster's, not a node's. Three hub
 * processes (`--log nats://…`) on a real 3-node NATS JetStream cluster on loopback; walls
 * (socket.io clients on `/wall`) on different nodes; commands from a touch panel on one node,
 * configuration saves over HTTP on another.
 */
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ControlState } from '../../app/protocol/control';
import type { ConfigDoc, ConfigState } from '../../app/protocol/config';
import { DEFAULT_SECTORS } from '../../app/domain/sector';
import { startHubProcess, stopAllHubProcesses, type HubProcess } from '../support/hub-process';
import { until } from './cluster-clients';
import { startNatsCluster, type NatsCluster } from './nats-cluster';

const STREAM = `c${Date.now().toString(36)}`;
let nats: NatsCluster;
const hubs: HubProcess[] = [];
const sockets: Socket[] = [];

interface Client {
  socket: Socket;
  states: ControlState[];
  configStates: ConfigState[];
  docs: ConfigDoc[];
}

function client(hub: HubProcess, role: 'wall' | 'touch', token: string): Client {
  const socket = io(`${hub.url}/${role}`, { auth: { token }, transports: ['websocket'], reconnection: false });
  sockets.push(socket);
  const c: Client = { socket, states: [], configStates: [], docs: [] };
  socket.on('control:state', (s: ControlState) => c.states.push(s));
  socket.on('config:state', (s: ConfigState) => c.configStates.push(s));
  socket.on('config:doc', (d: ConfigDoc) => c.docs.push(d));
  return c;
}

const last = (c: Client): ControlState | undefined => c.states.at(-1);

async function connected(cs: Client[]): Promise<void> {
  await until(
    () => cs.every((c) => c.states.length > 0 && c.configStates.length > 0),
    20_000,
    () => 'clients got no control:state / config:state',
  );
}

async function put(
  hub: HubProcess,
  name: string,
  baseVersion: number,
  body: unknown,
): Promise<{ status: number; json: { version?: number; latest?: number; error?: string } }> {
  const r = await fetch(`${hub.url}/api/v1/config/${name}`, {
    method: 'PUT',
    headers: { authorization: 'Bearer dev-admin', 'content-type': 'application/json' },
    body: JSON.stringify({ baseVersion, body }),
  });
  return { status: r.status, json: (await r.json()) as { version?: number; latest?: number; error?: string } };
}

beforeAll(async () => {
  nats = await startNatsCluster(3);
  for (let i = 0; i < 3; i++) {
    const order = [...nats.nodes.slice(i), ...nats.nodes.slice(0, i)].map((n) => n.url).join(',');
    hubs.push(await startHubProcess({ data: null, args: ['--log', order, '--stream', STREAM], startTimeoutMs: 60_000 }));
  }
}, 120_000);

afterAll(async () => {
  for (const s of sockets) s.close();
  await stopAllHubProcesses();
  await nats?.stop();
});

describe('control state and configuration shared by the hub nodes (NATS KV)', () => {
  it('a scene command on node A switches walls on nodes A and B alike; concurrent commands on two nodes are all kept', async () => {
    const [a, b, c] = hubs as [HubProcess, HubProcess, HubProcess];
    const wallA = client(a, 'wall', 'dev-wall');
    const wallB = client(b, 'wall', 'dev-wall');
    const touchA = client(a, 'touch', 'dev-touch');
    const touchC = client(c, 'touch', 'dev-touch');
    await connected([wallA, wallB, touchA, touchC]);
    const rev0 = last(wallB)!.rev;
    expect(last(wallA)!.rev).toBe(rev0);

    const ack = (await touchA.socket.timeout(10_000).emitWithAck('control:command', { type: 'scene:set', scene: 'overview' })) as {
      ok: boolean;
      rev?: number;
      error?: string;
    };
    expect(ack).toEqual({ ok: true, rev: rev0 + 1 });
    await until(
      () => last(wallA)?.rev === rev0 + 1 && last(wallB)?.rev === rev0 + 1,
      10_000,
      () => `walls at rev ${last(wallA)?.rev} / ${last(wallB)?.rev}`,
    );
    expect(last(wallB)!.scene).not.toBeNull();
    expect(last(wallB)).toEqual(last(wallA));

    // Commands sent at once on two nodes: each is applied once, in one order, on every node.
    const sends: Promise<unknown>[] = [];
    for (let i = 0; i < 10; i++) {
      sends.push(touchA.socket.timeout(30_000).emitWithAck('control:command', { type: 'focus:set', oktmo: '97701000', label: `A${i}` }));
      sends.push(touchC.socket.timeout(30_000).emitWithAck('control:command', { type: 'focus:set', oktmo: '97701000', label: `C${i}` }));
    }
    const acks = (await Promise.all(sends)) as { ok: boolean; rev: number }[];
    expect(acks.every((x) => x.ok)).toBe(true);
    expect(new Set(acks.map((x) => x.rev)).size).toBe(20);
    const want = rev0 + 21;
    await until(
      () => [wallA, wallB].every((w) => last(w)?.rev === want),
      10_000,
      () => `walls at rev ${last(wallA)?.rev} / ${last(wallB)?.rev}, want ${want}`,
    );
    expect(last(wallB)).toEqual(last(wallA));
    // A wall that connects later, to the third node, starts from the same state.
    const wallC = client(c, 'wall', 'dev-wall');
    await connected([wallC]);
    expect(last(wallC)).toEqual(last(wallA));
  });

  it('a configuration saved on node A is pushed to a wall on node C; a stale base on node B gets 409', async () => {
    const [a, b, c] = hubs as [HubProcess, HubProcess, HubProcess];
    const wallC = client(c, 'wall', 'dev-wall');
    await connected([wallC]);
    const withParks = [...DEFAULT_SECTORS.slice(0, -1), { id: 'parks', label: 'Парки', color: [68, 170, 153] }, DEFAULT_SECTORS.at(-1)!];
    const saved = await put(a, 'sectors', 1, withParks);
    expect(saved).toEqual({ status: 200, json: expect.objectContaining({ version: 2 }) as unknown });
    await until(
      () => wallC.docs.some((d) => d.name === 'sectors' && d.version === 2),
      10_000,
      () => 'the wall on node C got no sectors v2',
    );
    const doc = wallC.docs.find((d) => d.name === 'sectors' && d.version === 2)!;
    expect((doc.body as { id: string }[]).map((s) => s.id)).toContain('parks');
    expect(wallC.configStates.at(-1)!.documents.find((d) => d.name === 'sectors')!.version).toBe(2);
    // Node B knows version 2: a save from version 1 is refused.
    const stale = await put(b, 'sectors', 1, DEFAULT_SECTORS);
    expect(stale.status).toBe(409);
    expect(stale.json.latest).toBe(2);
    const got = (await (await fetch(`${b.url}/api/v1/config/sectors`, { headers: { authorization: 'Bearer dev-wall' } })).json()) as { version: number };
    expect(got.version).toBe(2);
    // Two nodes saving from the same base at once: exactly one is stored.
    const race = await Promise.all([put(a, 'sectors', 2, DEFAULT_SECTORS), put(b, 'sectors', 2, withParks)]);
    expect(race.map((r) => r.status).sort()).toEqual([200, 409]);
    await until(
      () => wallC.docs.some((d) => d.name === 'sectors' && d.version === 3),
      10_000,
      () => 'the wall on node C got no sectors v3',
    );
  });
});
