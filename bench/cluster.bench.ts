/**
 * `npm run bench:cluster` (issue 16): the hub cluster on NATS JetStream against, in the same run,
 * the single-node SQLite hub and raw NATS (core publish→subscribe, and JetStream publish→ordered
 * consumer: the floor under the cluster log). A real 3-node `nats-server` cluster on loopback,
 * hubs as child processes (`out/hub/cli.js`: run `node scripts/build.mjs hub` first).
 *
 * For the SQLite hub and 1, 2 and 3 hub nodes: CUR_BENCH_CLIENTS simulated walls (default 300)
 * spread over the nodes, in CUR_BENCH_THREADS client threads (default 2); each is a bare
 * WebSocket speaking socket.io's wire protocol that reads only the seq and first id of a delta
 * (bench/cluster-clients.worker.ts), so 300 of them cost the client side little and the
 * figures are the hubs'. Ingest of BATCHES × BATCH accidents over HTTP spread over the nodes
 * (IN_FLIGHT senders per node); throughput = items / time until every wall holds the last seq;
 * latency = the moment a batch was sent → a wall got its delta (p50, p99 over every wall and
 * batch); gaps = deltas whose seq did not follow the previous one (must be 0). Each
 * measurement runs on a stream of its own. Then a cluster node filled with CUR_BENCH_SNAPSHOT
 * appeals (default 1,000,000; 0 skips it) and its snapshot to a fresh socket.io wall client,
 * connect → every entity in its entity store: twice with the columnar chunks the wall's worker
 * asks for, once with JSON chunks; CUR_BENCH_SNAPSHOT_SQLITE=1 the same from the SQLite hub.
 */
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import { connect, StringCodec } from 'nats';
import { io } from 'socket.io-client';
import { decodeSnapshotColumns, SNAPSHOT_FORMAT_COLUMNS } from '../app/protocol/snapshot-columns';
import type { Hello, Snapshot } from '../app/protocol/feed';
import { applySnapshotChunk, createEntityStore, onHello, type Outcome } from '../app/store/entity-store';
import { makeAccident } from '../test/support/entities';
import { benchAppeal } from './hub-data';
import { HUB_CLI, removeDir, startHubProcess, stopAllHubProcesses, tempDataDir, type HubProcess } from '../test/support/hub-process';
import { freePort, startNatsCluster, type NatsCluster } from '../test/cluster/nats-cluster';

const CLIENTS = Number(process.env.CUR_BENCH_CLIENTS ?? 300);
const THREADS = Math.max(1, Number(process.env.CUR_BENCH_THREADS ?? 2));
const SNAPSHOT = Number(process.env.CUR_BENCH_SNAPSHOT ?? 1_000_000);
const BATCH = 100;
const BATCHES = Number(process.env.CUR_BENCH_BATCHES ?? 200);
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

interface Clients {
  ready: Promise<void>;
  /** Resolves once every client holds `seq`, with every client's latencies and the gaps seen. */
  until(seq: number): Promise<{ latencies: number[]; gaps: number }>;
  stop(): Promise<void>;
}

/** `clients` simulated walls over `urls`, in THREADS threads (client i of the whole set on urls[i % n]). */
function clientThreads(urls: string[], clients: number): Clients {
  const file = new URL('./cluster-clients.worker.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(file)}); })`;
  const threads = Math.min(THREADS, clients);
  const workers: Worker[] = [];
  let first = 0;
  for (let t = 0; t < threads; t++) {
    const n = Math.floor(clients / threads) + (t < clients % threads ? 1 : 0);
    workers.push(new Worker(boot, { eval: true, workerData: { urls, clients: n, first } }));
    first += n;
  }
  const once = <T>(w: Worker) =>
    new Promise<T>((resolve, reject) => {
      w.once('message', resolve);
      w.once('error', reject);
    });
  return {
    ready: Promise.all(workers.map((w) => once<unknown>(w))).then(() => undefined),
    until: async (seq) => {
      const out = workers.map((w) => once<{ latencies: number[]; gaps: number }>(w));
      for (const w of workers) w.postMessage({ until: seq });
      const all = await Promise.all(out);
      return { latencies: all.flatMap((r) => r.latencies), gaps: all.reduce((n, r) => n + r.gaps, 0) };
    },
    stop: async () => {
      await Promise.all(workers.map((w) => w.terminate()));
    },
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
  const c0 = Date.now();
  const clients = clientThreads(urls, CLIENTS);
  await clients.ready;
  const connectMs = Date.now() - c0;
  const t0 = Date.now();
  const head = await ingest(urls, BATCHES, BATCH);
  const ingestMs = Date.now() - t0;
  const { latencies: lat, gaps } = await clients.until(head);
  const ms = Date.now() - t0;
  await clients.stop();
  console.log(
    `${label.padEnd(34)} ${fmt((BATCHES * BATCH) / (ms / 1000)).padStart(8)} items/s to ${CLIENTS} walls (ingest alone ${fmt((BATCHES * BATCH) / (ingestMs / 1000))} items/s)   ingest→wall p50 ${fmt(pct(lat, 50))} ms  p99 ${fmt(pct(lat, 99))} ms   ${lat.length} deliveries, ${gaps} gaps; ${CLIENTS} walls connected and subscribed in ${fmt(connectMs)} ms`,
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

/**
 * One fresh wall client's full snapshot, from connect until every entity is held in its entity
 * store (app/store/): with columnar chunks as the wall's feed worker asks
 * (`feed:snapshot-columns`, decoded and checked), or the JSON chunks (`feed:snapshot`).
 */
async function freshSnapshot(url: string, n: number, columns: boolean): Promise<{ firstMs: number; ms: number; chunks: number }> {
  const t0 = Date.now();
  const store = createEntityStore();
  const s = io(`${url}/wall`, {
    auth: columns ? { token: 'dev-wall', snapshot: SNAPSHOT_FORMAT_COLUMNS } : { token: 'dev-wall' },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  let firstMs = 0;
  let chunks = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const follow = (o: Outcome) => {
        if (o.type === 'resync') s.emit('feed:subscribe', o.request, () => undefined);
        if (store.entities.size >= n) resolve();
      };
      const chunk = (snap: Snapshot) => {
        if (chunks++ === 0) firstMs = Date.now() - t0;
        follow(applySnapshotChunk(store, snap));
      };
      s.on('connect_error', reject);
      s.on('feed:hello', (m: Hello) => follow(onHello(store, m)));
      s.on('feed:snapshot', chunk);
      s.on('feed:snapshot-columns', (m: unknown) => {
        const d = decodeSnapshotColumns(m);
        if (!d.ok) return reject(new Error(`columns refused: ${d.error}`));
        chunk(d.snapshot);
      });
      setTimeout(() => reject(new Error(`snapshot: ${store.entities.size} of ${n} after 10 min`)), 600_000).unref();
    });
  } finally {
    s.close();
  }
  return { firstMs, ms: Date.now() - t0, chunks };
}

/** Fills the hub at `url` with SNAPSHOT appeals (the entities a region has a million of), then times a fresh wall's snapshot, columnar and JSON. */
async function snapshotTo(label: string, url: string): Promise<void> {
  const t0 = Date.now();
  const now = Date.now();
  let next = 0;
  const per = 1000; // a NATS message holds one ingest batch: stay under its 1 MB payload limit
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      for (let b = next++; b * per < SNAPSHOT; b = next++) {
        const upserts = Array.from({ length: Math.min(per, SNAPSHOT - b * per) }, (_, k) => benchAppeal(now, b * per + k));
        const res = await fetch(`${url}/api/v1/ingest`, {
          method: 'POST',
          headers: { authorization: 'Bearer dev-ingest', 'content-type': 'application/json' },
          body: JSON.stringify({ upserts, removes: [] }),
        });
        const body = (await res.json()) as { accepted: number };
        if (res.status !== 202 || body.accepted !== upserts.length) throw new Error(`fill: ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
      }
    }),
  );
  const fillS = (Date.now() - t0) / 1000;
  console.log(`${label}: filled with ${fmt(SNAPSHOT)} appeals over HTTP at ${fmt(SNAPSHOT / fillS)} items/s`);
  for (const [k, columns] of [
    [1, true],
    [2, true],
    [3, false],
  ] as const) {
    const r = await freshSnapshot(url, SNAPSHOT, columns);
    console.log(
      `snapshot of ${fmt(SNAPSHOT)} appeals from ${label} to fresh wall ${k} (${columns ? 'columnar chunks, as the wall asks' : 'JSON chunks'}, into its entity store): ${fmt(r.ms)} ms, first of ${r.chunks} chunks at ${fmt(r.firstMs)} ms`,
    );
  }
}

/**
 * A hub process for the million-entity snapshot, with an 8 GB heap as a region's hub would run
 * (Node's default, about 4 GB here, is the test helper's): `out/hub/cli.js` on a free port.
 */
async function bigHub(args: string[]): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['--max-old-space-size=8192', HUB_CLI, '--host', '127.0.0.1', '--port', String(port), '--source', 'none', ...args, ...HUB_ARGS],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const gone = new Promise<void>((r) => child.once('exit', () => r()));
  process.once('exit', () => child.kill('SIGKILL'));
  const url = `http://127.0.0.1:${port}`;
  for (const end = Date.now() + 60_000; ; await new Promise((r) => setTimeout(r, 200))) {
    if (child.exitCode !== null) throw new Error(`hub exited with ${child.exitCode}`);
    if (Date.now() > end) throw new Error('hub did not start in 60 s');
    if (
      await fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
  }
  return {
    url,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await gone;
    },
  };
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
    `hub cluster bench: ${CLIENTS} simulated walls (${Math.min(THREADS, CLIENTS)} client threads, wire-level clients), load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}, ${BATCHES} batches × ${BATCH} accidents over HTTP (${IN_FLIGHT} in flight per hub node), 3 NATS nodes on loopback`,
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
    const node = await bigHub(['--log', cluster.urls, '--stream', 'benchsnap']);
    try {
      await snapshotTo('a cluster node', node.url);
    } finally {
      await node.stop();
    }
    if (process.env.CUR_BENCH_SNAPSHOT_SQLITE === '1') {
      const dir = tempDataDir('cur-bench-snap-');
      const hub = await bigHub(['--data', dir]);
      try {
        await snapshotTo('the SQLite hub', hub.url);
      } finally {
        await hub.stop();
        removeDir(dir);
      }
    }
  }
} finally {
  await stopAllHubProcesses();
  await cluster.stop();
  removeDir(sqliteDir);
}
