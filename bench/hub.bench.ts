/**
 * Hub throughput: ingest → durable commit (SQLite, synchronous=FULL) → broadcast to 10
 * subscribed /wall clients that apply every delta to the entity store, against a baseline
 * measured in the same run: a raw `ws` server that JSON.stringify-broadcasts each batch to
 * 10 `ws` clients that JSON.parse it (no validation, no redaction, no durability).
 * Also: snapshot of 100,000 entities to a fresh client, and resume after 1,000 missed changes.
 * The clients and the ingest source run in worker threads of their own, as they would on
 * other machines; loopback only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { WebSocketServer } from 'ws';
import { SqliteFeedLog } from '../hub/sqlite-log';
import { startHub } from '../hub/start-hub';
import { DEV_TOKENS } from '../hub/tokens';
import { FeedClient } from '../test/support/hub-fixture';
import { BATCH, BATCHES, benchAppeal } from './hub-data';

const CLIENTS = 10;
const now = Date.now();
const entity = (i: number, v = 1) => benchAppeal(now, i, v);
const total = BATCH * BATCHES;
const rate = (n: number, ms: number) => `${Math.round(n / (ms / 1000)).toLocaleString('en')} changes/s`;

/** A worker thread running one of bench/*.worker.ts. */
function thread(name: string, data: unknown): Worker {
  // Node 20 does not pass `--import tsx` to workers: register tsx inside the worker first.
  const file = new URL(`./${name}`, import.meta.url).href;
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(file)}); })`;
  return new Worker(boot, { eval: true, workerData: data });
}

/** Starts the ingest source in its own thread; `send()` resolves with the last acknowledged seq. */
async function producerThread(mode: 'sio' | 'ws', url: string): Promise<{ send(): Promise<number>; stop(): Promise<number> }> {
  const w = thread('hub-producer.worker.ts', { mode, url, now });
  await new Promise<void>((resolve, reject) => {
    w.once('message', () => resolve());
    w.once('error', reject);
  });
  return {
    send: () =>
      new Promise<number>((resolve, reject) => {
        w.once('message', (m: { last: number }) => resolve(m.last));
        w.once('error', reject);
        w.postMessage('go');
      }),
    stop: () => w.terminate(),
  };
}

/** Starts the subscribed clients in a worker thread; resolves once they are all subscribed. */
async function clientThread(
  mode: 'sio' | 'ws',
  url: string,
  clients = CLIENTS,
): Promise<{ snapshotMs: number; until(n: number): Promise<void>; stop(): Promise<number> }> {
  const w = thread('hub-clients.worker.ts', { mode, url, clients });
  const ready = await new Promise<{ snapshotMs?: number }>((resolve, reject) => {
    w.once('message', (m: { snapshotMs?: number }) => resolve(m));
    w.once('error', reject);
  });
  return {
    snapshotMs: ready.snapshotMs ?? NaN,
    until: (n) =>
      new Promise<void>((resolve) => {
        w.once('message', () => resolve());
        w.postMessage({ until: n });
      }),
    stop: () => w.terminate(),
  };
}

/** Wall time of one run, and the CPU time this process (hub, producer and client threads) spent in it. */
async function ours(clients = CLIENTS): Promise<{ ms: number; cpuMs: number }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cur-bench-'));
  const hub = await startHub({ host: '127.0.0.1', port: 0, log: new SqliteFeedLog({ dir }), tokens: DEV_TOKENS, staticDir: null });
  const walls = await clientThread('sio', hub.url, clients);
  const producer = await producerThread('sio', hub.url);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const last = await producer.send();
  await walls.until(last);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  await producer.stop();
  await walls.stop();
  await hub.close();
  rmSync(dir, { recursive: true, force: true });
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000 };
}

async function baseline(): Promise<number> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((r) => wss.once('listening', r));
  const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
  wss.on('connection', (sock) => {
    sock.on('message', (data) => {
      const batch = JSON.parse(String(data)) as { upserts: unknown[] };
      const text = JSON.stringify(batch);
      for (const c of wss.clients) if (c !== sock) c.send(text);
    });
  });
  const clients = await clientThread('ws', url);
  const producer = await producerThread('ws', url);
  const t0 = performance.now();
  await producer.send();
  await clients.until(BATCH * BATCHES);
  const ms = performance.now() - t0;
  await clients.stop();
  await producer.stop();
  await new Promise((r) => wss.close(r));
  return ms;
}

async function snapshotAndResume(): Promise<{ snapshotMs: number; resumeMs: number }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cur-bench-'));
  const log = new SqliteFeedLog({ dir });
  for (let i = 0; i < 100_000; i += 5000) await log.append({ upserts: Array.from({ length: 5000 }, (_, k) => entity(i + k)), removes: [] }, now);
  const hub = await startHub({ host: '127.0.0.1', port: 0, log, tokens: DEV_TOKENS, staticDir: null });
  // The snapshot goes to a client in its own thread (as a wall PC would be).
  const remote = await clientThread('sio', hub.url, 1);
  const snapshotMs = remote.snapshotMs;
  await remote.stop();
  const wall = new FeedClient(hub.url, 'wall');
  await wall.waitForSeq(log.headSeq, 60_000);
  if (wall.store.entities.size !== 100_000) throw new Error(`snapshot had ${wall.store.entities.size}`);
  wall.socket.disconnect();
  for (let i = 0; i < 1000; i++) await hub.hub.publish({ upserts: [entity(i, 2)], removes: [] });
  const t1 = performance.now();
  wall.socket.connect();
  await wall.waitForSeq(log.headSeq, 60_000);
  const resumeMs = performance.now() - t1;
  wall.close();
  await hub.close();
  rmSync(dir, { recursive: true, force: true });
  return { snapshotMs, resumeMs };
}

console.log(`hub: ${total.toLocaleString('en')} entity changes in batches of ${BATCH}, ${CLIENTS} subscribed clients (median of 3)`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1]!;
const b: number[] = [];
const o: number[] = [];
for (let r = 0; r < 3; r++) {
  b.push(await baseline());
  o.push((await ours()).ms);
}
const bm = median(b);
const om = median(o);
console.log(`  baseline raw ws + JSON (no validation/durability): ${bm.toFixed(0).padStart(6)} ms  ${rate(total, bm)}`);
console.log(`  ours: validate + redact + SQLite commit + socket.io: ${om.toFixed(0).padStart(6)} ms  ${rate(total, om)}`);
console.log(`  ratio ours/baseline throughput: ${(bm / om).toFixed(2)} (target ≥ 0.5; target rate ≥ 20,000 changes/s)`);
// CPU time is less sensitive than wall time to other work on a shared machine.
const aloneRuns = [await ours(0), await ours(0), await ours(0)];
const alone = median(aloneRuns.map((r) => r.ms));
const aloneCpu = median(aloneRuns.map((r) => r.cpuMs));
console.log(
  `  ours, hub side only (no subscribers): ${alone.toFixed(0).padStart(6)} ms  ${rate(total, alone)}; CPU ${aloneCpu.toFixed(0)} ms (hub + producer thread)`,
);
const s = await snapshotAndResume();
console.log(`  snapshot of 100,000 entities to a fresh /wall client: ${s.snapshotMs.toFixed(0)} ms (target ≤ 1000 ms)`);
console.log(`  resume after 1,000 missed changes: ${s.resumeMs.toFixed(0)} ms`);
process.exit(0);
