/**
 * Simulated wall clients of bench/cluster.bench.ts in a thread of their own: `clients` socket.io
 * /wall clients spread over `urls` (client i on urls[i % n]), each subscribed from a snapshot.
 * Every delta's first entity id carries the moment its batch was sent (`c<send ms>-<n>`): the
 * thread keeps each client's ingest→client latency. In: {until: seq}. Out: 'ready', then
 * {latencies} once every client holds `until`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { io } from 'socket.io-client';

const { urls, clients } = workerData as { urls: string[]; clients: number };
const port = parentPort!;
const seqs = new Array<number>(clients).fill(-1);
let latencies: number[] = [];
let until = Infinity;
let ready = 0;

const check = (): void => {
  if (seqs.every((s) => s >= until)) {
    until = Infinity;
    port.postMessage({ latencies });
    latencies = [];
  }
};

for (let i = 0; i < clients; i++) {
  const s = io(`${urls[i % urls.length]}/wall`, { auth: { token: 'dev-wall' }, transports: ['websocket'], forceNew: true });
  s.on('feed:hello', () => s.emit('feed:subscribe', {}, () => undefined));
  s.on('feed:snapshot', (m: { seq: number; chunk: number; chunks: number }) => {
    if (m.chunk !== m.chunks - 1) return;
    seqs[i] = m.seq;
    if (++ready === clients) port.postMessage('ready');
  });
  s.on('feed:delta', (d: { seq: number; upserts: { id: string }[] }) => {
    seqs[i] = d.seq;
    const m = /^c(\d+)-/.exec(d.upserts[0]?.id ?? '');
    if (m) latencies.push(Date.now() - Number(m[1]));
    if (until !== Infinity) check();
  });
}
port.on('message', (m: { until: number }) => {
  until = m.until;
  check();
});
