/**
 * A real NATS JetStream cluster on loopback for the cluster tests: `nats-server` processes
 * (Debian package) on free ports, each with its own temporary store directory. Nodes can be
 * killed (`kill -9`), stopped (`SIGSTOP`) and started again on the same ports and store.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface NatsNode {
  name: string;
  port: number;
  clusterPort: number;
  monitorPort: number;
  url: string;
  dir: string;
  child: ChildProcess | null;
}

export interface NatsCluster {
  nodes: NatsNode[];
  /** `nats://127.0.0.1:P1,nats://…` for `--log`. */
  urls: string;
  /** Starts a node again (same ports and store) and waits until it is healthy. */
  start(i: number): Promise<void>;
  /** `kill -9` of a node; resolves when it is gone. */
  kill(i: number): Promise<void>;
  /** Waits until every running node answers /healthz ok (JetStream included). */
  healthy(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** A free loopback port (bound and released: another process could take it, rarely). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of live) c.kill('SIGKILL');
});

async function waitHealthy(node: NatsNode, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < until) {
    try {
      const res = await fetch(`http://127.0.0.1:${node.monitorPort}/healthz`);
      last = await res.text();
      if (res.ok) return;
    } catch (e) {
      last = (e as Error).message;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`nats node ${node.name} not healthy after ${timeoutMs} ms: ${last}`);
}

/**
 * Waits until every node has a route to every other: a node is healthy before its routes are up,
 * and a client that connects then learns fewer servers (the cluster log sizes its stream's
 * replicas by them: R=2 instead of 3 on a loaded machine).
 */
async function waitRouted(nodes: readonly NatsNode[], timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < until) {
    const routes = await Promise.all(
      nodes.map((n) =>
        fetch(`http://127.0.0.1:${n.monitorPort}/routez`)
          .then((r) => r.json() as Promise<{ num_routes?: number }>)
          .then((j) => j.num_routes ?? 0)
          .catch(() => 0),
      ),
    );
    if (routes.every((r) => r >= nodes.length - 1)) return;
    last = routes.join(', ');
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`nats cluster not fully routed after ${timeoutMs} ms (routes per node: ${last})`);
}

export async function startNatsCluster(size = 3): Promise<NatsCluster> {
  const nodes: NatsNode[] = [];
  for (let i = 0; i < size; i++) {
    const port = await freePort();
    nodes.push({
      name: `n${i + 1}`,
      port,
      clusterPort: await freePort(),
      monitorPort: await freePort(),
      url: `nats://127.0.0.1:${port}`,
      dir: mkdtempSync(path.join(tmpdir(), 'cur-nats-')),
      child: null,
    });
  }
  const spawnNode = (n: NatsNode): void => {
    const routes = nodes
      .filter((o) => o !== n)
      .map((o) => `nats://127.0.0.1:${o.clusterPort}`)
      .join(',');
    const args = ['-a', '127.0.0.1', '-p', String(n.port), '-m', String(n.monitorPort), '-n', n.name, '-js', '-sd', n.dir];
    if (size > 1) args.push('--cluster_name', 'cur', '--cluster', `nats://127.0.0.1:${n.clusterPort}`, '--routes', routes);
    const child = spawn('nats-server', args, { stdio: ['ignore', 'ignore', 'ignore'] });
    live.add(child);
    child.once('exit', () => live.delete(child));
    n.child = child;
  };
  const cluster: NatsCluster = {
    nodes,
    urls: nodes.map((n) => n.url).join(','),
    async start(i) {
      spawnNode(nodes[i]!);
      await waitHealthy(nodes[i]!, 30_000);
    },
    async kill(i) {
      const c = nodes[i]!.child;
      nodes[i]!.child = null;
      if (!c || c.exitCode !== null) return;
      const gone = new Promise((r) => c.once('exit', r));
      c.kill('SIGKILL');
      await gone;
    },
    async healthy(timeoutMs = 30_000) {
      await Promise.all(nodes.filter((n) => n.child).map((n) => waitHealthy(n, timeoutMs)));
    },
    async stop() {
      for (let i = 0; i < nodes.length; i++) await cluster.kill(i);
      for (const n of nodes) rmSync(n.dir, { recursive: true, force: true });
    },
  };
  nodes.forEach(spawnNode);
  await cluster.healthy();
  if (size > 1) await waitRouted(nodes, 30_000);
  return cluster;
}
