/**
 * Hub throughput: ingest → durable commit (SQLite, synchronous=FULL) → broadcast to 10
 * subscribed /wall clients that apply every delta to the entity store, against a baseline
 * measured in the same run: a raw `ws` server that JSON.stringify-broadcasts each batch to
 * 10 `ws` clients that JSON.parse it (no validation, no redaction, no durability).
 * Also: snapshot of 100,000 entities to a fresh client, and resume after 1,000 missed changes.
 * The clients run in a worker thread, as they would on other machines; loopback only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { io } from 'socket.io-client';
import { WebSocket, WebSocketServer } from 'ws';
import type { Entity } from '../app/domain/entity';
import type { IngestResult } from '../app/protocol/ingest';
import { SqliteFeedLog } from '../hub/sqlite-log';
import { startHub } from '../hub/start-hub';
import { DEV_TOKENS } from '../hub/tokens';
import { makeAppeal } from '../test/support/entities';
import { FeedClient } from '../test/support/hub-fixture';

const CLIENTS = 10;
const BATCH = 500;
const BATCHES = 80; // 40,000 entity changes per run
const now = Date.now();

const entity = (i: number, v = 1): Entity =>
  makeAppeal({
    id: `bench-${i}`, version: v, lon: 47.2 + (i % 500) * 1e-4, lat: 56.1 + (i % 300) * 1e-4, title: 'Нет отопления в подъезде',
    text: 'Нет отопления с утра, дом 12 по ул. Гагарина', createdAt: now - 60_000,
  });
const batches = Array.from({ length: BATCHES }, (_, b) => Array.from({ length: BATCH }, (_, k) => entity(b * BATCH + k)));
const rate = (n: number, ms: number) => `${Math.round(n / (ms / 1000)).toLocaleString('en')} changes/s`;

/** Starts the subscribed clients in a worker thread; resolves once they are all subscribed. */
async function clientThread(mode: 'sio' | 'ws', url: string, clients = CLIENTS): Promise<{ snapshotMs: number; until(n: number): Promise<void>; stop(): Promise<number> }> {
  // Node 20 does not pass `--import tsx` to workers: register tsx inside the worker first.
  const file = new URL('./hub-clients.worker.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(file)}); })`;
  const w = new Worker(boot, { eval: true, workerData: { mode, url, clients } });
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

/** Wall time of one run, and the CPU time this process (hub + producer) spent in it. */
async function ours(clients = CLIENTS): Promise<{ ms: number; cpuMs: number }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cur-bench-'));
  const hub = await startHub({ host: '127.0.0.1', port: 0, log: new SqliteFeedLog({ dir }), tokens: DEV_TOKENS, staticDir: null });
  const walls = await clientThread('sio', hub.url, clients);
  const producer = io(`${hub.url}/ingest`, { auth: { token: 'dev-ingest' }, transports: ['websocket'] });
  await new Promise<void>((r) => producer.once('connect', () => r()));
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  // Pipelined like a real source: up to 4 batches in flight.
  let last = 0;
  const inflight = new Set<Promise<void>>();
  for (const b of batches) {
    const p: Promise<void> = new Promise<IngestResult>((r) => producer.emit('ingest:push', { upserts: b }, r)).then((res) => {
      if (res.accepted !== BATCH) throw new Error(`accepted ${res.accepted}: ${JSON.stringify(res.rejected[0])}`);
      last = Math.max(last, res.seq);
      inflight.delete(p);
    });
    inflight.add(p);
    if (inflight.size >= 4) await Promise.race(inflight);
  }
  await Promise.all(inflight);
  await walls.until(last);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  producer.close();
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
  const producer = new WebSocket(url);
  await new Promise((r) => producer.once('open', r));
  const t0 = performance.now();
  for (const b of batches) producer.send(JSON.stringify({ upserts: b }));
  await clients.until(BATCH * BATCHES);
  const ms = performance.now() - t0;
  await clients.stop();
  producer.close();
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

const total = BATCH * BATCHES;
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
console.log(`  ours, hub side only (no subscribers): ${alone.toFixed(0).padStart(6)} ms  ${rate(total, alone)}; CPU ${aloneCpu.toFixed(0)} ms (hub + producer)`);
const s = await snapshotAndResume();
console.log(`  snapshot of 100,000 entities to a fresh /wall client: ${s.snapshotMs.toFixed(0)} ms (target ≤ 1000 ms)`);
console.log(`  resume after 1,000 missed changes: ${s.resumeMs.toFixed(0)} ms`);
process.exit(0);
