/**
 * `npm run bench:cluster` (issue 16): the hub cluster on NATS JetStream against, in the same run,
 * the single-node SQLite hub and raw NATS (core publish→subscribe, and JetStream publish→ordered
 * consumer: the floor under the cluster log). A real 3-node `nats-server` cluster on loopback,
 * hubs as child processes (`out/hub/cli.js`: run `node scripts/build.mjs hub` first).
 *
 * For 1, 2 and 3 hub nodes: CUR_BENCH_CLIENTS simulated walls (default 100: 300 sockets in one
 * client thread on a shared 2-core machine measure the client thread, not the hub) spread
 * over the nodes, ingest of BATCHES × BATCH accidents over HTTP spread over the nodes (IN_FLIGHT
 * senders per node); throughput = items / time until every wall holds the last seq; latency =
 * the moment a batch was sent → a wall got its delta (p50, p99 over every wall and batch).
 * Each measurement runs on a stream of its own. Then a snapshot of CUR_BENCH_SNAPSHOT entities
 * (default 100,000) to a fresh client.
 */
import { Worker } from 'node:worker_threads';
import { connect, StringCodec } from 'nats';
import { io } from 'socket.io-client';
import { makeAccident } from '../test/support/entities';
import { removeDir, startHubProcess, stopAllHubProcesses, tempDataDir, type HubProcess } from '../test/support/hub-process';
import { freePort, startNatsCluster, type NatsCluster } from '../test/cluster/nats-cluster';

const CLIENTS = Number(process.env.CUR_BENCH_CLIENTS ?? 100);
const SNAPSHOT = Number(process.env.CUR_BENCH_SNAPSHOT ?? 100_000);
const BATCH = 100;
const BATCHES = 200;
/** Batches in flight per hub node (each sender waits for its acknowledgement). */
const IN_FLIGHT = 4;
const HUB_ARGS = [
  '--heartbeat-ms',
  '1000',
  '--ingest-rate',
  '10000000',
  '--ingest-burst',
  '100000000',
  '--max-connections',
  '100000',
  '--max-entities',
  '5000000',
];

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const fmt = (n: number) => Math.round(n).toLocaleString('en');

function clientThread(urls: string[], clients: number): { ready: Promise<void>; until(seq: number): Promise<number[]>; stop(): Promise<number> } {
  const file = new URL('./cluster-clients.worker.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(file)}); })`;
  const w = new Worker(boot, { eval: true, workerData: { urls, clients } });
  const ready = new Promise<void>((resolve, reject) => {
    w.once('message', () => resolve());
    w.once('error', reject);
  });
  return {
    ready,
    until: (seq) =>
      new Promise((resolve) => {
        w.once('message', (m: { latencies: number[] }) => resolve(m.latencies));
        w.postMessage({ until: seq });
      }),
    stop: () => w.terminate(),
  };
}

let run = 0;
/** IN_FLIGHT senders per hub URL, each posting the next batch once its last one is acknowledged; resolves with the last acknowledged seq. */
async function ingest(urls: string[], batches: number, size: number, stamp = true): Promise<number> {
  const tag = `r${run++}`;
  let last = 0;
  let next = 0;
  await Promise.all(
    urls
      .flatMap((url) => Array.from({ length: IN_FLIGHT }, () => url))
      .map(async (url) => {
        for (let b = next++; b < batches; b = next++) {
          const t = Date.now();
          const upserts = Array.from({ length: size }, (_, k) =>
            makeAccident({ id: stamp ? `c${t}-${tag}-${b}-${k}` : `s-${tag}-${b}-${k}`, lon: 47.2 + (k % 100) * 0.001, lat: 56.1 + (b % 50) * 0.001 }),
          );
          const res = await fetch(`${url}/api/v1/ingest`, {
            method: 'POST',
            headers: { authorization: 'Bearer dev-ingest', 'content-type': 'application/json' },
            body: JSON.stringify({ upserts, removes: [] }),
          });
          const body = (await res.json()) as { seq: number; accepted: number };
          if (res.status !== 202 || body.accepted !== size) throw new Error(`ingest: ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
          last = Math.max(last, body.seq);
        }
      }),
  );
  return last;
}

async function measureHubs(label: string, urls: string[]): Promise<void> {
  const clients = clientThread(urls, CLIENTS);
  await clients.ready;
  const t0 = Date.now();
  const head = await ingest(urls, BATCHES, BATCH);
  const lat = await clients.until(head);
  const ms = Date.now() - t0;
  await clients.stop();
  console.log(
    `${label.padEnd(34)} ${fmt((BATCHES * BATCH) / (ms / 1000)).padStart(8)} items/s to ${CLIENTS} walls   ingest→wall p50 ${fmt(pct(lat, 50))} ms  p99 ${fmt(pct(lat, 99))} ms`,
  );
}

async function rawNats(cluster: NatsCluster): Promise<void> {
  const payload = JSON.stringify({ upserts: Array.from({ length: BATCH }, (_, k) => makeAccident({ id: `raw-${k}` })), removes: [], serverTime: 0 });
  const sc = StringCodec();
  const pub = await connect({ servers: cluster.nodes[0]!.url });
  const sub = await connect({ servers: cluster.nodes[1]!.url });
  // Core publish → subscribe across two nodes.
  {
    const lat: number[] = [];
    let got = 0;
    const done = new Promise<void>((resolve) => {
      sub.subscribe('bench.raw', {
        callback: (_e, m) => {
          lat.push(Date.now() - Number(sc.decode(m.data).slice(0, 13)));
          if (++got === BATCHES) resolve();
        },
      });
    });
    await sub.flush();
    const t0 = Date.now();
    for (let b = 0; b < BATCHES; b++) {
      pub.publish('bench.raw', sc.encode(`${Date.now()}${payload}`));
      await new Promise((r) => setImmediate(r));
    }
    await done;
    console.log(
      `${'raw NATS core pub→sub'.padEnd(34)} ${fmt((BATCHES * BATCH) / ((Date.now() - t0) / 1000)).padStart(8)} items/s to 1 subscriber   pub→sub p50 ${fmt(pct(lat, 50))} ms  p99 ${fmt(pct(lat, 99))} ms`,
    );
  }
  // JetStream publish (acknowledged, R=3) → ordered consumer on another node.
  {
    const jsm = await pub.jetstreamManager();
    await jsm.streams.add({ name: 'bench-raw', subjects: ['bench-raw.x'], num_replicas: 3 });
    const js = pub.jetstream();
    const consumer = await sub.jetstream().consumers.get('bench-raw', {});
    const messages = await consumer.consume({ max_messages: 1000 });
    const lat: number[] = [];
    const done = (async () => {
      let got = 0;
      for await (const m of messages) {
        lat.push(Date.now() - Number(sc.decode(m.data).slice(0, 13)));
        if (++got === BATCHES) break;
      }
    })();
    const t0 = Date.now();
    for (let b = 0; b < BATCHES; b++) await js.publish('bench-raw.x', sc.encode(`${Date.now()}${payload}`));
    await done;
    console.log(
      `${'raw JetStream publish→consumer'.padEnd(34)} ${fmt((BATCHES * BATCH) / ((Date.now() - t0) / 1000)).padStart(8)} items/s to 1 consumer   pub→consumer p50 ${fmt(pct(lat, 50))} ms  p99 ${fmt(pct(lat, 99))} ms`,
    );
  }
  await pub.close();
  await sub.close();
}

async function snapshotTo(url: string): Promise<void> {
  const head = await ingest([url], Math.ceil(SNAPSHOT / 1000), 1000, false);
  const t0 = Date.now();
  const s = io(`${url}/wall`, { auth: { token: 'dev-wall' }, transports: ['websocket'], forceNew: true });
  let entities = 0;
  await new Promise<void>((resolve) => {
    s.on('feed:hello', () => s.emit('feed:subscribe', {}, () => undefined));
    s.on('feed:snapshot', (m: { entities: unknown[]; chunk: number; chunks: number }) => {
      entities += m.entities.length;
      if (m.chunk === m.chunks - 1) resolve();
    });
  });
  s.close();
  console.log(`snapshot of ${fmt(entities)} entities (seq ${head}) to a fresh wall: ${fmt(Date.now() - t0)} ms`);
}

const cluster = await startNatsCluster(3);
for (const sig of ['SIGINT', 'SIGTERM'] as const)
  process.once(
    sig,
    () =>
      void stopAllHubProcesses()
        .then(() => cluster.stop())
        .finally(() => process.exit(130)),
  );
const sqliteDir = tempDataDir('cur-bench-sqlite-');
try {
  console.log(
    `hub cluster bench: ${CLIENTS} simulated walls (one client thread), ${BATCHES} batches × ${BATCH} accidents over HTTP (${IN_FLIGHT} in flight per hub node), 3 NATS nodes on loopback`,
  );
  await rawNats(cluster);
  const sqlite = await startHubProcess({ data: sqliteDir, args: HUB_ARGS, startTimeoutMs: 60_000 });
  await measureHubs('single-node SQLite hub', [sqlite.url]);
  await sqlite.kill('SIGTERM');
  // Each measurement on a stream of its own: the walls start from an empty snapshot.
  const nodesOn = async (n: number, stream: string): Promise<HubProcess[]> => {
    const out: HubProcess[] = [];
    for (let i = 0; i < n; i++)
      out.push(
        await startHubProcess({ data: null, port: await freePort(), args: ['--log', cluster.urls, '--stream', stream, ...HUB_ARGS], startTimeoutMs: 60_000 }),
      );
    return out;
  };
  for (let n = 1; n <= 3; n++) {
    const nodes = await nodesOn(n, `bench${n}`);
    await measureHubs(
      `cluster, ${n} hub node${n > 1 ? 's' : ''} (NATS R=3)`,
      nodes.map((h) => h.url),
    );
    for (const h of nodes) await h.kill('SIGTERM');
  }
  if (SNAPSHOT > 0) {
    const [node] = await nodesOn(1, 'benchsnap');
    await snapshotTo(node!.url);
  }
} finally {
  await stopAllHubProcesses();
  await cluster.stop();
  removeDir(sqliteDir);
}
