/**
 * Issue 16, a federal view: two regions, each with its own stream and hub ingesting (equal ids
 * in both), and two federal hubs on a stream that sources both (`--sources`). Real 3-node NATS
 * JetStream cluster on loopback; hubs in this process, each with its own `NatsFeedLog`. A wall on
 * a federal hub gets both regions' entities (count = the sum), ids prefixed by region; both
 * federal nodes hold the same seq, and the wall fails over from one to the other without a
 * snapshot; every ingest on a federal hub is refused and counted.
 */
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUR_MS } from '../../app/calendar/msk-time';
import { EntitySchema } from '../../app/domain/entity';
import type { IngestResult } from '../../app/protocol/ingest';
import { federalEntity, federalId } from '../../hub/cluster/federal';
import { NatsFeedLog } from '../../hub/cluster/nats-log';
import { startHub, type RunningHub } from '../../hub/start-hub';
import { DEV_TOKENS } from '../../hub/tokens';
import { ENTITY_TIME, makeAccident, makeAppeal } from '../support/entities';
import { startWall, stateOf, until, type Wall } from './cluster-clients';
import { startNatsCluster, type NatsCluster } from './nats-cluster';

const RUN = Date.now().toString(36);
const REGION_A = `r21-${RUN}`;
const REGION_B = `r12-${RUN}`;
const FEDERAL = `rf-${RUN}`;
const NOW = ENTITY_TIME + HOUR_MS;

let nats: NatsCluster;
const hubs: RunningHub[] = [];
const logs: NatsFeedLog[] = [];
const walls: Wall[] = [];
const sockets: Socket[] = [];

async function hubOn(stream: string, sources?: string[]): Promise<{ hub: RunningHub; log: NatsFeedLog }> {
  const log = await NatsFeedLog.open({ servers: nats.urls.split(','), stream, checkpointEvery: 0, ...(sources && { sources }) });
  logs.push(log);
  const hub = await startHub({ host: '127.0.0.1', port: 0, log, tokens: DEV_TOKENS, staticDir: null, now: () => NOW });
  hubs.push(hub);
  return { hub, log };
}

async function post(hub: RunningHub, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${hub.url}/api/v1/ingest`, {
    method: 'POST',
    headers: { authorization: 'Bearer dev-ingest', 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Accidents `t-from`..`t-(to-1)`, one change each, over HTTP. */
async function ingestRange(hub: RunningHub, from: number, to: number, version = 1): Promise<void> {
  for (let i = from; i < to; i++) {
    const r = await post(hub, { upserts: [makeAccident({ id: `t-${i}`, version, lon: 47.2 + i * 0.001 })], removes: [] });
    if (r.status !== 202 || r.body.accepted !== 1) throw new Error(`ingest t-${i}: ${r.status} ${JSON.stringify(r.body)}`);
  }
}

beforeAll(async () => {
  nats = await startNatsCluster(3);
}, 60_000);

afterAll(async () => {
  for (const w of walls) w.close();
  for (const s of sockets) s.close();
  for (const h of hubs) await h.close().catch(() => undefined);
  for (const l of logs) l.close();
  await nats?.stop();
});

describe('region prefixes keep the entity schema', () => {
  it('REGION:id, a hash of an id too long beside the prefix, references prefixed too', () => {
    expect(federalId('cur-21', 'acc-1')).toBe('cur-21:acc-1');
    const long = federalId('cur-21', 'x'.repeat(64));
    expect(long).toMatch(/^cur-21:\.[A-Za-z0-9_-]+$/);
    expect(long.length).toBe(64);
    expect(federalId('cur-21', 'y'.repeat(64))).not.toBe(long);
    const appeal = federalEntity('cur-21', makeAppeal({ id: 'a-1', accidentId: 'acc-9', repeatOf: 'a-0' }));
    expect(appeal).toMatchObject({ id: 'cur-21:a-1', accidentId: 'cur-21:acc-9', repeatOf: 'cur-21:a-0' });
    // The wall checks entities with this schema (renderer/worker/fast-check.ts compiles it).
    expect(EntitySchema.safeParse(appeal).error?.issues ?? []).toEqual([]);
    expect(EntitySchema.safeParse(federalEntity('a'.repeat(32), makeAccident({ id: 'z'.repeat(64) }))).error?.issues ?? []).toEqual([]);
  });
});

describe('a federal view of two regions (real 3-node NATS JetStream)', () => {
  it('a federal hub shows both regions (equal ids kept apart), every federal node at the same seq; ingest on it is refused', async () => {
    const a = await hubOn(REGION_A);
    const b = await hubOn(REGION_B);
    // Equal ids in both regions: t-0..t-29 in A, t-0..t-19 in B.
    await ingestRange(a.hub, 0, 30);
    await ingestRange(b.hub, 0, 20);
    // A removal in A before the federal stream exists, one after.
    expect((await post(a.hub, { upserts: [], removes: [{ kind: 'accident', id: 't-5' }] })).status).toBe(202);

    const f1 = await hubOn(FEDERAL, [REGION_A, REGION_B]);
    const f2 = await hubOn(FEDERAL, [REGION_A, REGION_B]);
    expect(f1.log.readOnly).toMatch(/read-only/);
    const wall = startWall([f1.hub.url, f2.hub.url]);
    walls.push(wall);

    // Live changes after the federal hubs started: more in B, an update and a removal in A.
    await ingestRange(b.hub, 20, 25);
    await ingestRange(a.hub, 0, 1, 2);
    expect((await post(a.hub, { upserts: [], removes: [{ kind: 'accident', id: 't-6' }] })).status).toBe(202);

    // Every message of both regions is in the federal stream once: its seq is their sum.
    const total = a.log.headSeq + b.log.headSeq;
    for (const log of [f1.log, f2.log])
      await until(
        () => log.headSeq === total,
        20_000,
        () => `federal node at ${log.headSeq}, want ${total}, fault ${log.storageFault()}`,
      );
    await until(
      () => wall.store.seq === total,
      20_000,
      () => `wall at ${wall.store.seq}, want ${total}`,
    );
    const want = [
      ...[...a.log.snapshot().entities].map((e) => `${e.kind}:${REGION_A}:${e.id}@${e.version}`),
      ...[...b.log.snapshot().entities].map((e) => `${e.kind}:${REGION_B}:${e.id}@${e.version}`),
    ].sort();
    console.log(
      `federal view: region A ${a.log.size} entities (seq ${a.log.headSeq}), B ${b.log.size} (seq ${b.log.headSeq}); federal ${f1.log.size} at seq ${f1.log.headSeq}`,
    );
    expect(a.log.size).toBe(28);
    expect(b.log.size).toBe(25);
    expect(want).toHaveLength(53);
    expect(stateOf(wall)).toEqual(want);
    const ids = (log: NatsFeedLog): string[] =>
      log
        .snapshot()
        .entities.map((e) => `${e.kind}:${e.id}@${e.version}`)
        .sort();
    expect(ids(f1.log)).toEqual(want);
    expect(ids(f2.log)).toEqual(want);
    expect(f1.log.epoch).toBe(f2.log.epoch);
    expect(wall.store.entities.get(`accident:${REGION_A}:t-0`)?.version).toBe(2);

    // Ingest on a federal hub: HTTP and socket refused with the read-only message, and counted.
    const refused = await post(f1.hub, { upserts: [makeAccident({ id: 'fed-1' })], removes: [] });
    expect(refused.status).toBe(503);
    expect(String(refused.body.error)).toMatch(/только для просмотра.*read-only/);
    const socket = io(`${f2.hub.url}/ingest`, { auth: { token: 'dev-ingest' }, transports: ['websocket'], reconnection: false });
    sockets.push(socket);
    const ack = (await socket.timeout(10_000).emitWithAck('ingest:push', { upserts: [makeAccident({ id: 'fed-2' })], removes: [] })) as IngestResult;
    expect(ack.accepted).toBe(0);
    expect(ack.error).toMatch(/read-only/);
    expect(f1.hub.metrics.get('cur_hub_ingest_refused_read_only_total', { source: 'http' })).toBe(1);
    expect(f2.hub.metrics.get('cur_hub_ingest_refused_read_only_total', { source: 'socket' })).toBe(1);
    // Nothing reached the stream: the federal seq is still the regions' sum.
    expect(f1.log.headSeq).toBe(total);
    expect(f2.log.headSeq).toBe(total);

    // Federal node 1 goes: the wall moves to node 2 and resumes (the same seq and epoch), no snapshot.
    const snapshots = wall.store.stats.snapshots;
    await f1.hub.close();
    await ingestRange(a.hub, 40, 42);
    await until(
      () => wall.store.seq === total + 2 && wall.hubs.at(-1) === f2.hub.url,
      20_000,
      () => `wall at ${wall.store.seq} on ${wall.hubs.at(-1)}, want ${total + 2} on ${f2.hub.url}`,
    );
    expect(wall.store.stats.snapshots).toBe(snapshots);
    expect(wall.store.entities.get(`accident:${REGION_A}:t-41`)).toBeDefined();

    // A region's hub (no --sources) on the federal stream refuses to start.
    await expect(NatsFeedLog.open({ servers: nats.urls.split(','), stream: FEDERAL, checkpointEvery: 0 })).rejects.toThrow(/federal.*--sources/);
    // A federal hub on a region's stream too.
    await expect(NatsFeedLog.open({ servers: nats.urls.split(','), stream: REGION_A, checkpointEvery: 0, sources: [REGION_B] })).rejects.toThrow(
      /a region's stream, not a federal one/,
    );
  }, 180_000);
});
