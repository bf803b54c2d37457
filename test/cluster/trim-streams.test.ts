/**
 * Issue 16: the control and config streams stay bounded however long a cluster runs, and a node
 * that starts late still gets the current state. Real 3-node NATS JetStream cluster on loopback;
 * cluster logs (`NatsFeedLog`) in this process with small limits (a snapshot of the control state
 * every 20 commands, 5 versions kept per document) so a long sequence of updates is quick.
 */
import { connect, type NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ControlCommand } from '../../app/protocol/control';
import { NatsFeedLog } from '../../hub/cluster/nats-log';
import { startNatsCluster, type NatsCluster } from './nats-cluster';

const STREAM = `m${Date.now().toString(36)}`;
const COMPACT_EVERY = 20;
const KEEP = 5;
let nats: NatsCluster;
let nc: NatsConnection;
const logs: NatsFeedLog[] = [];

async function node(): Promise<NatsFeedLog> {
  const log = await NatsFeedLog.open({
    servers: nats.urls.split(','),
    stream: STREAM,
    checkpointEvery: 0,
    controlCompactEvery: COMPACT_EVERY,
    configKeep: KEEP,
  });
  logs.push(log);
  return log;
}

/** Messages the stream holds now (and per subject). */
async function held(name: string): Promise<{ messages: number; subjects: Record<string, number> }> {
  const jsm = await nc.jetstreamManager();
  const info = await jsm.streams.info(name, { subjects_filter: '>' });
  return { messages: info.state.messages, subjects: (info.state.subjects as Record<string, number> | undefined) ?? {} };
}

beforeAll(async () => {
  nats = await startNatsCluster(3);
  nc = await connect({ servers: nats.urls.split(',') });
}, 60_000);

afterAll(async () => {
  for (const l of logs) l.close();
  await nc?.close();
  await nats?.stop();
});

describe('the control and config streams are trimmed (real 3-node NATS JetStream)', () => {
  it('500 control commands from two nodes: the stream holds at most a snapshot and the commands after it; a new node has the same state', async () => {
    const [a, b] = [await node(), await node()];
    const cmds = (i: number): ControlCommand[] => [
      { type: 'blackout:set', on: i % 2 === 0 },
      { type: 'script:step', script: 'совещание', step: i % 200 },
      { type: 'freeze:set', at: i % 3 === 0 ? 1_800_000_000_000 + i : null },
    ];
    let maxHeld = 0;
    for (let i = 0; i < 500; i++) {
      const log = i % 2 === 0 ? a : b;
      await log.sharedControl!.apply(cmds(i)[i % 3]!, 1_800_000_000_000 + i);
      if (i % 50 === 49) maxHeld = Math.max(maxHeld, (await held(`${STREAM}-control`)).messages);
    }
    const final = (await held(`${STREAM}-control`)).messages;
    console.log(`control stream: 500 commands, at most ${maxHeld} messages held (checked every 50), ${final} at the end`);
    const state = a.sharedControl!.current();
    expect(state.rev).toBe(500);
    expect(b.sharedControl!.current()).toEqual(state);
    expect(a.sharedControl!.snapshots + b.sharedControl!.snapshots).toBeGreaterThanOrEqual(10);
    // Bounded: a snapshot and fewer than 2 × COMPACT_EVERY commands after it (a compaction can be skipped once when another node's command comes in between).
    expect(maxHeld).toBeLessThanOrEqual(2 * COMPACT_EVERY + 1);
    expect(final).toBeLessThanOrEqual(2 * COMPACT_EVERY + 1);
    // A node that starts now reads the snapshot and the tail: the same state, the same rev.
    const c = await node();
    expect(c.sharedControl!.current()).toEqual(state);
    // And it goes on from there with everyone.
    await c.sharedControl!.apply({ type: 'blackout:set', on: true }, 1_800_000_001_000);
    for (const log of [a, b, c]) await expect.poll(() => log.sharedControl!.current().rev).toBe(501);
    expect(a.sharedControl!.current()).toEqual(c.sharedControl!.current());
  }, 120_000);

  it('60 saves of one document: the stream keeps its newest 5 versions; a new node has the current version and the same history', async () => {
    const [a, b] = [logs[0]!, logs[1]!];
    const doc = 'trim-test';
    for (let v = 1; v <= 60; v++) {
      const log = v % 2 === 0 ? a : b;
      await expect.poll(() => log.configLatest(doc)?.version ?? 0).toBe(v - 1);
      expect(await log.commitConfig({ name: doc, version: v, body: { n: v, text: 'x'.repeat(200) }, updatedAt: v, updatedBy: 'admin' })).toBe(true);
    }
    await expect.poll(() => a.configLatest(doc)?.version).toBe(60);
    const { subjects } = await held(`${STREAM}-config`);
    expect(subjects[`${STREAM}.config.${doc}`]).toBe(KEEP);
    const history = a.configHistory(doc).map((v) => v.version);
    expect(history).toEqual([60, 59, 58, 57, 56]);
    const c = await node();
    expect(c.configLatest(doc)).toEqual(a.configLatest(doc));
    expect(c.configHistory(doc).map((v) => v.version)).toEqual(history);
    // The next save from the new node follows on every node.
    expect(await c.commitConfig({ name: doc, version: 61, body: { n: 61 }, updatedAt: 61, updatedBy: 'admin' })).toBe(true);
    for (const log of [a, b, c]) await expect.poll(() => log.configLatest(doc)?.version).toBe(61);
  }, 120_000);
});
