/**
 * The ingest source of bench/hub.bench.ts, in its own thread (as it would be on another
 * machine), so the hub's thread is not also the producer's. Messages in: workerData {mode:
 * 'sio' | 'ws', url, now}; then 'go'. Out: 'ready' once connected; then {last} (the seq of
 * the last acknowledged batch, sio) or {last: 0} (ws: everything sent).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { io } from 'socket.io-client';
import { WebSocket } from 'ws';
import type { IngestResult } from '../app/protocol/ingest';
import { BATCH, benchBatches } from './hub-data';

const { mode, url, now } = workerData as { mode: 'sio' | 'ws'; url: string; now: number };
const port = parentPort!;
const batches = benchBatches(now);

async function sio(): Promise<void> {
  const producer = io(`${url}/ingest`, { auth: { token: 'dev-ingest' }, transports: ['websocket'] });
  await new Promise<void>((r) => producer.once('connect', () => r()));
  port.postMessage('ready');
  await new Promise((r) => port.once('message', r));
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
  port.postMessage({ last });
  producer.close();
}

async function ws(): Promise<void> {
  const producer = new WebSocket(url);
  await new Promise((r) => producer.once('open', r));
  port.postMessage('ready');
  await new Promise((r) => port.once('message', r));
  for (const b of batches) producer.send(JSON.stringify({ upserts: b }));
  port.postMessage({ last: 0 });
}

(mode === 'sio' ? sio() : ws()).catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
