/**
 * Simulated wall clients of bench/cluster.bench.ts, many to a thread: `clients` /wall
 * connections spread over `urls` (client i on urls[(first + i) % n]), each subscribed from a
 * snapshot. Cheap on purpose, so 300 of them measure the hubs and not this thread: each speaks
 * the socket.io wire protocol over a bare WebSocket (`ws`; engine.io v4 text frames, the same
 * packets socket.io-client would exchange) and reads only the head of each `feed:delta` frame
 * (its `seq` and its first entity's id) instead of parsing and applying it; a seq that does
 * not follow the previous one is counted as a gap. Every delta's first entity id carries the
 * moment its batch was sent (`c<send ms>-…`): the thread keeps each client's ingest→client
 * latency. In: {until: seq}. Out: 'ready' once every client holds its snapshot, then
 * {latencies, gaps} once every client holds `until`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { WebSocket } from 'ws';

const { urls, clients, first } = workerData as { urls: string[]; clients: number; first: number };
const port = parentPort!;
const seqs = new Array<number>(clients).fill(-1);
let latencies: number[] = [];
let gaps = 0;
let until = Infinity;
let ready = 0;

const check = (): void => {
  if (until === Infinity) return;
  for (const s of seqs) if (s < until) return;
  until = Infinity;
  port.postMessage({ latencies, gaps });
  latencies = [];
  gaps = 0;
};

const DELTA = '42/wall,["feed:delta",';
const SNAPSHOT = '42/wall,["feed:snapshot",';

function startClient(i: number): void {
  const base = urls[(first + i) % urls.length]!.replace(/^http/, 'ws');
  const ws = new WebSocket(`${base}/socket.io/?EIO=4&transport=websocket`, { perMessageDeflate: false });
  let done = false;
  ws.on('message', (data: Buffer) => {
    // The head is enough for every packet read here; the body of a delta is never decoded.
    const head = data.toString('latin1', 0, Math.min(data.length, 600));
    if (head.startsWith(DELTA)) {
      const seq = Number(/"seq":(\d+)/.exec(head)?.[1] ?? NaN);
      if (seqs[i]! >= 0 && seq !== seqs[i]! + 1) gaps++;
      seqs[i] = seq;
      const m = /"id":"c(\d+)-/.exec(head);
      if (m) latencies.push(Date.now() - Number(m[1]));
      check();
    } else if (head === '2') ws.send('3');
    else if (head.startsWith('0{')) ws.send('40/wall,{"token":"dev-wall"}');
    else if (head.startsWith('42/wall,["feed:hello",')) ws.send('42/wall,0["feed:subscribe",{}]');
    else if (head.startsWith(SNAPSHOT)) {
      // Only an empty stream's snapshot here (one small chunk): parse it whole.
      const snap = (JSON.parse(data.toString('utf8').slice('42/wall,'.length)) as [string, { seq: number; chunk: number; chunks: number }])[1];
      if (snap.chunk !== snap.chunks - 1) return;
      seqs[i] = snap.seq;
      if (!done && (done = true) && ++ready === clients) port.postMessage('ready');
    } else if (head.startsWith('44/wall,')) throw new Error(`wall client ${i} refused: ${head}`);
  });
  ws.on('error', (e) => {
    throw e;
  });
}

for (let i = 0; i < clients; i++) startClient(i);
port.on('message', (m: { until: number }) => {
  until = m.until;
  check();
});
