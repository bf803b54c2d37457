/**
 * The subscribed clients of bench/hub.bench.ts, in their own thread (as they would be on
 * other machines), so the server side gets a core of its own on 2-core machines.
 * Messages in: {mode: 'sio' | 'ws', url, clients}; then {until: n} (seq for sio, entity
 * count for ws). Out: a ready message (with `snapshotMs` for sio), then 'done' when every
 * client has reached `until`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { WebSocket } from 'ws';
import { FeedClient } from '../test/support/hub-fixture';

const { mode, url, clients } = workerData as { mode: 'sio' | 'ws'; url: string; clients: number };
const port = parentPort!;
let until = Infinity;
let progress: () => number[] = () => [];

function check(): void {
  if (progress().every((n) => n >= until)) {
    until = Infinity;
    port.postMessage('done');
  }
}

if (mode === 'sio') {
  const startedAt = Date.now();
  const feeds = Array.from({ length: clients }, () => new FeedClient(url, 'wall'));
  progress = () => feeds.map((f) => f.store.seq);
  // Ready = every client holds a complete snapshot; the time it took is the snapshot time.
  Promise.all(feeds.map((f) => f.waitForSeq(0, 60_000))).then(() => port.postMessage({ snapshotMs: Date.now() - startedAt }));
  for (const f of feeds) f.socket.on('feed:delta', () => setImmediate(check));
} else {
  const counts = new Array<number>(clients).fill(0);
  progress = () => counts;
  let open = 0;
  for (let i = 0; i < clients; i++) {
    const ws = new WebSocket(url);
    ws.on('message', (data) => {
      counts[i]! += (JSON.parse(String(data)) as { upserts: unknown[] }).upserts.length;
      check();
    });
    ws.once('open', () => ++open === clients && port.postMessage('ready'));
  }
}
port.on('message', (m: { until: number }) => {
  until = m.until;
  check();
});
