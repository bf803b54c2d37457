/**
 * Issue 16: the changes stream is trimmed behind the checkpoints. Real 3-node NATS JetStream
 * cluster on loopback; two hubs in this process (each its own `NatsFeedLog`) with small limits:
 * a checkpoint every 40 changes (checked every 200 ms), 200 deltas kept for resumes and 60 changes
 * kept in the stream before the checkpoint. After ingest past several checkpoints the stream's
 * first seq has moved up, a node started then loads the checkpoint and ends with the same entity
 * set and seq as the others (and the deltas before the checkpoint, so a wall resuming on it from
 * before the checkpoint gets the same deltas as on the others), a wall resuming inside the window
 * gets deltas (no snapshot) and one further back a snapshot.
 */
import { connect, type NatsConnection } from 'nats';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUR_MS } from '../../app/calendar/msk-time';
import type { Delta, SubscribeAck } from '../../app/protocol/feed';
import { storedCheckpoint } from '../../hub/cluster/checkpoint';
import { NatsFeedLog } from '../../hub/cluster/nats-log';
import { startHub, type RunningHub } from '../../hub/start-hub';
import { DEV_TOKENS } from '../../hub/tokens';
import { ENTITY_TIME, makeAccident } from '../support/entities';
import { startWall, stateOf, until, type Wall } from './cluster-clients';
import { startNatsCluster, type NatsCluster } from './nats-cluster';

const STREAM = `c${Date.now().toString(36)}`;
const EVERY = 40;
const RETAIN = 200;
const KEEP = 60;
const NOW = ENTITY_TIME + HOUR_MS;
const TOKENS = DEV_TOKENS;

let nats: NatsCluster;
let nc: NatsConnection;
const hubs: RunningHub[] = [];
const logs: NatsFeedLog[] = [];
const walls: Wall[] = [];
const sockets: Socket[] = [];

async function node(): Promise<{ hub: RunningHub; log: NatsFeedLog }> {
  const log = await NatsFeedLog.open({
    servers: nats.urls.split(','),
    stream: STREAM,
    retain: RETAIN,
    keep: KEEP,
    checkpointEvery: EVERY,
    checkpointCheckMs: 200,
  });
  logs.push(log);
  const hub = await startHub({ host: '127.0.0.1', port: 0, log, tokens: TOKENS, staticDir: null, now: () => NOW, limits: { maxResumeDeltas: RETAIN } });
  hubs.push(hub);
  return { hub, log };
}

/** Change n: an accident upserted (ids 0..49 again and again, so versions rise), every 7th removed. */
async function change(hub: RunningHub, n: number): Promise<void> {
  const id = `t-${n % 50}`;
  const body =
    n % 7 === 6 ? { upserts: [], removes: [{ kind: 'accident', id: `t-${(n - 1) % 50}` }] } : { upserts: [makeAccident({ id, version: n + 1 })], removes: [] };
  const r = await hub.ingest.ingest('http', body);
  if (r.error || r.rejected.length > 0) throw new Error(`change ${n}: ${JSON.stringify(r)}`);
}

async function streamBounds(): Promise<{ first: number; last: number }> {
  const jsm = await nc.jetstreamManager();
  const i = await jsm.streams.info(STREAM);
  return { first: i.state.first_seq, last: i.state.last_seq };
}

/** Subscribes on `hub` as a wall with `resume`: how the hub serves it, and the deltas it sends up to `head` on a resume. */
async function subscribeMode(hub: RunningHub, resume: { epoch: string; seq: number }, head = 0): Promise<{ mode: SubscribeAck['mode']; deltas: Delta[] }> {
  const socket = io(`${hub.url}/wall`, { auth: { token: 'dev-wall' }, transports: ['websocket'], reconnection: false });
  sockets.push(socket);
  const deltas: Delta[] = [];
  socket.on('feed:delta', (d: Delta) => deltas.push(d));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  const ack = (await socket.timeout(10_000).emitWithAck('feed:subscribe', { resume })) as SubscribeAck;
  if (ack.mode === 'resume' && head > 0)
    await until(
      () => deltas.at(-1)?.seq === head,
      10_000,
      () => `deltas up to ${deltas.at(-1)?.seq}`,
    );
  socket.close();
  return { mode: ack.mode, deltas };
}

beforeAll(async () => {
  nats = await startNatsCluster(3);
  nc = await connect({ servers: nats.urls.split(',') });
}, 60_000);

afterAll(async () => {
  for (const w of walls) w.close();
  for (const s of sockets) s.close();
  for (const h of hubs) await h.close();
  for (const l of logs) l.close();
  await nc?.close();
  await nats?.stop();
});

describe('the changes stream is trimmed behind the checkpoints (real 3-node NATS JetStream)', () => {
  it('ingest past several checkpoints: the stream keeps KEEP changes before the newest one; a new node starts from it with the same state; resumes inside the window get deltas', async () => {
    const a = await node();
    const b = await node();
    const wall = startWall([a.hub.url]);
    walls.push(wall);
    let n = 0;
    for (; n < 300; n++) await change(n % 2 === 0 ? a.hub : b.hub, n);
    // Checkpoints are written by the timer (every 200 ms) once 40 changes are past the last one.
    await until(
      () => a.log.trimmedTo + b.log.trimmedTo > 0,
      20_000,
      () => `no trim yet (a ${a.log.trimmedTo}, b ${b.log.trimmedTo})`,
    );
    // One more round, so the last checkpoint (and its trim) is past the one above.
    for (; n < 400; n++) await change(n % 2 === 0 ? a.hub : b.hub, n);
    const os = await nc.jetstream().views.os(`${STREAM}-checkpoint`);
    await until(
      () => Math.max(a.log.trimmedTo, b.log.trimmedTo) > 300 - KEEP,
      20_000,
      () => `trimmed to ${a.log.trimmedTo}/${b.log.trimmedTo}`,
    );
    const cp = (await storedCheckpoint(os))!;
    const bounds = await streamBounds();
    console.log(`changes stream: 400 changes, checkpoint at ${cp.seq}, first seq ${bounds.first} (keep ${KEEP}), last ${bounds.last}`);
    expect(cp.epoch).toBe(a.log.epoch);
    expect(bounds.last).toBe(400);
    expect(bounds.first).toBeGreaterThan(300 - KEEP);
    // Never past the stored checkpoint minus KEEP: a node that starts has the checkpoint and the tail.
    expect(bounds.first).toBeLessThanOrEqual(cp.seq - KEEP + 1);

    // A node started now loads the checkpoint and consumes the tail: the same state and seq.
    const c = await node();
    expect(c.log.startedFrom).not.toBe('stream');
    expect((c.log.startedFrom as { checkpoint: number }).checkpoint).toBeGreaterThanOrEqual(bounds.first - 1);
    for (const log of [a.log, b.log, c.log])
      await until(
        () => log.headSeq === 400,
        10_000,
        () => `node at ${log.headSeq}`,
      );
    const ids = (log: NatsFeedLog): string[] =>
      log
        .snapshot()
        .entities.map((e) => `${e.kind}:${e.id}@${e.version}`)
        .sort();
    expect(ids(c.log)).toEqual(ids(a.log));
    expect(ids(b.log)).toEqual(ids(a.log));
    expect(c.log.epoch).toBe(a.log.epoch);
    // The wall that watched all along holds the same.
    await until(
      () => wall.store.seq === 400,
      10_000,
      () => `wall at ${wall.store.seq}`,
    );
    expect(stateOf(wall)).toEqual(ids(a.log));

    // And ingest goes on through the new node, seen by all.
    await change(c.hub, n++);
    for (const log of [a.log, b.log, c.log])
      await until(
        () => log.headSeq === 401,
        10_000,
        () => `node at ${log.headSeq}`,
      );

    // Resumes: inside the window (20 changes back) → deltas; further back than the window → a
    // snapshot (as on one hub).
    const epoch = a.log.epoch;
    expect((await subscribeMode(a.hub, { epoch, seq: 401 - 20 })).mode).toBe('resume');
    expect((await subscribeMode(b.hub, { epoch, seq: 401 - 20 })).mode).toBe('resume');
    // A wall as far back as the stream's first seq: gone from the stream, and past RETAIN → a snapshot.
    expect((await subscribeMode(a.hub, { epoch, seq: bounds.first - 1 - RETAIN })).mode).toBe('snapshot');
    // The node started from the checkpoint got the writer's deltas before it with it: a wall that
    // fails over to it from before its checkpoint resumes too, with the same deltas as from node A.
    const cpC = (c.log.startedFrom as { checkpoint: number }).checkpoint;
    const from = cpC - 30;
    const onC = await subscribeMode(c.hub, { epoch, seq: from }, 401);
    const onA = await subscribeMode(a.hub, { epoch, seq: from }, 401);
    expect(onC.mode).toBe('resume');
    expect(onC.deltas.map((d) => d.seq)).toEqual(Array.from({ length: 401 - from }, (_, i) => from + 1 + i));
    expect(JSON.stringify(onC.deltas)).toBe(JSON.stringify(onA.deltas));
  }, 180_000);
});
