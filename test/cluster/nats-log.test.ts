/**
 * The cluster log itself (hub/cluster/nats-log.ts) on a real 3-node NATS cluster, three logs in
 * this process as three hub nodes would hold them: one epoch, the same deltas (same bytes, same
 * order) delivered on every node, de-duplication of a retried change, an older version taken on
 * another node dropped the same way everywhere, and a node started later rebuilt from the stream.
 */
import { connect } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Delta } from '../../app/protocol/feed';
import { NatsFeedLog } from '../../hub/cluster/nats-log';
import { makeAccident } from '../support/entities';
import { startNatsCluster, type NatsCluster } from './nats-cluster';

let nats: NatsCluster;
const logs: NatsFeedLog[] = [];
const delivered: Delta[][] = [];
const STREAM = 'logtest';

beforeAll(async () => {
  nats = await startNatsCluster(3);
  for (const n of nats.nodes) {
    const log = await NatsFeedLog.open({ servers: [n.url], stream: STREAM });
    const got: Delta[] = [];
    log.follow((d) => got.push(d));
    logs.push(log);
    delivered.push(got);
  }
}, 120_000);

afterAll(async () => {
  for (const l of logs) l.close();
  await nats?.stop();
});

const acc = (id: string, version = 1) => makeAccident({ id, version });

describe('NatsFeedLog on a 3-node JetStream cluster', () => {
  it('shares one epoch and a stream of R=3', () => {
    expect(new Set(logs.map((l) => l.epoch)).size).toBe(1);
    expect(logs.map((l) => l.replicas)).toEqual([3, 3, 3]);
  });

  it('delivers every node’s changes to every node in one seq order, with the same bytes', async () => {
    const appended = await Promise.all(Array.from({ length: 30 }, (_, i) => logs[i % 3]!.append({ upserts: [acc(`x${i}`)], removes: [] }, 1000 + i)));
    const seqs = appended.map((d) => d.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    await until(() => delivered.every((d) => d.length === 30));
    const bytes = delivered.map((d) => JSON.stringify(d));
    expect(bytes[1]).toBe(bytes[0]);
    expect(bytes[2]).toBe(bytes[0]);
    expect(delivered[0]!.map((d) => d.seq)).toEqual(seqs);
  });

  it('stores a change sent again (same ids and versions) once, on any node', async () => {
    const head = logs[0]!.headSeq;
    const a = await logs[0]!.append({ upserts: [acc('dup', 3)], removes: [] }, 1);
    const b = await logs[1]!.append({ upserts: [acc('dup', 3)], removes: [] }, 2);
    expect(b.seq).toBe(a.seq);
    expect(a.seq).toBe(head + 1);
    await until(() => logs.every((l) => l.headSeq === head + 1));
  });

  it('drops an older version accepted on another node, the same way on every node', async () => {
    await logs[0]!.append({ upserts: [acc('race', 5)], removes: [] }, 1);
    await until(() => logs.every((l) => l.get('accident:race')?.version === 5));
    // Node 2 publishes version 4 (as if its check had run before version 5 arrived).
    const d = await logs[1]!.append({ upserts: [acc('race', 4)], removes: [] }, 2);
    expect(d.upserts).toEqual([]);
    await until(() => logs.every((l) => l.headSeq === d.seq));
    for (const l of logs) expect(l.get('accident:race')?.version).toBe(5);
    expect(logs.map((l) => l.droppedStale)).toEqual([1, 1, 1]);
  });

  it('a node started later rebuilds the same state and seq from the stream', async () => {
    const late = await NatsFeedLog.open({ servers: [nats.nodes[2]!.url], stream: STREAM });
    try {
      expect(late.epoch).toBe(logs[0]!.epoch);
      expect(late.headSeq).toBe(logs[0]!.headSeq);
      const keys = (l: NatsFeedLog) =>
        l
          .snapshot()
          .entities.map((e) => `${e.id}@${e.version}`)
          .sort();
      expect(keys(late)).toEqual(keys(logs[0]!));
      expect(late.deltasSince(0)).toEqual(logs[0]!.deltasSince(0));
    } finally {
      late.close();
    }
  });

  it('a node started after a checkpoint loads it and consumes only the tail', async () => {
    const at = await logs[0]!.checkpoint();
    await logs[1]!.append({ upserts: [acc('after-checkpoint')], removes: [{ kind: 'accident', id: 'x0' }] }, 3);
    await until(() => logs[0]!.headSeq === at + 1);
    const late = await NatsFeedLog.open({ servers: [nats.nodes[1]!.url], stream: STREAM });
    try {
      expect(late.startedFrom).toEqual({ checkpoint: at });
      expect(late.headSeq).toBe(at + 1);
      const keys = (l: NatsFeedLog) =>
        l
          .snapshot()
          .entities.map((e) => `${e.id}@${e.version}`)
          .sort();
      expect(keys(late)).toEqual(keys(logs[0]!));
      expect(late.removedVersion('accident:x0')).toBe(1);
      // The checkpoint carries the writer's deltas before it: resumes from before it get the same deltas.
      expect(late.deltasSince(at)?.map((d) => d.seq)).toEqual([at + 1]);
      expect(late.deltasSince(at - 1)?.map((d) => d.seq)).toEqual([at, at + 1]);
      expect(JSON.stringify(late.deltasSince(0))).toBe(JSON.stringify(logs[0]!.deltasSince(0)));
    } finally {
      late.close();
    }
  });

  it('reads past a message on the changes subject that is not a valid change: applied as far as valid, counted, the projection goes on', async () => {
    const head = logs[0]!.headSeq;
    const malformed = logs.map((l) => l.malformed);
    const nc = await connect({ servers: nats.nodes[0]!.url });
    try {
      const js = nc.jetstream();
      const subject = `${STREAM}.changes`;
      await js.publish(subject, new TextEncoder().encode('{not json'));
      await js.publish(subject, new TextEncoder().encode(JSON.stringify({ upserts: 'all of them', removes: [] })));
      // One valid accident beside one that is not (no id) and a removal of nothing known.
      const { id: _dropped, ...noId } = acc('no-id');
      const mixed = { upserts: [acc('from-outside'), noId], removes: [{ kind: 'bogus', id: 'x' }], serverTime: -5 };
      await js.publish(subject, new TextEncoder().encode(JSON.stringify(mixed)));
    } finally {
      await nc.close();
    }
    await until(() => logs.every((l) => l.headSeq === head + 3));
    expect(logs.map((l, i) => l.malformed - malformed[i]!)).toEqual([3, 3, 3]);
    for (const l of logs) expect(l.get('accident:from-outside')?.version).toBe(1);
    // No usable time (none, or -5): the last change's, on every node alike — never 0 (a wall's
    // hub clock would read 1970) nor one a wall's delta check refuses.
    const before = delivered[0]!.find((d) => d.seq === head)!.serverTime;
    for (const got of delivered) expect(got.filter((d) => d.seq > head && d.seq <= head + 3).map((d) => d.serverTime)).toEqual([before, before, before]);
    // …and the next change of a hub is applied as ever.
    const d = await logs[2]!.append({ upserts: [acc('after-junk')], removes: [] }, 6);
    expect(d.seq).toBe(head + 4);
    await until(() => logs.every((l) => l.get('accident:after-junk') !== undefined));
  });

  it('shares the audit log: a command audited on one node is listed on every node', async () => {
    const entry = { at: Date.now(), role: 'touch', client: 'c1', command: 'scene:set', result: 'ok' };
    logs[2]!.audit(entry);
    await until(() => logs.every((l) => l.recentAudit(10).some((e) => e.client === 'c1' && e.at === entry.at)));
    expect(logs.map((l) => l.recentAudit(10).filter((e) => e.client === 'c1').length)).toEqual([1, 1, 1]);
  });
});

async function until(ok: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
