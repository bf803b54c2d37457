/**
 * Clients of the cluster tests and bench: a wall (the feed worker's failover link,
 * renderer/worker/hub-failover.ts, and its entity store, app/store/) and an ingest source that
 * spreads its changes over the hub nodes and sends a change again to the next node when a
 * node does not answer (what a real source does; the cluster stores it once).
 */
import { applyDelta, applySnapshotChunk, createEntityStore, onHeartbeat, onHello, type EntityStore, type Outcome } from '../../app/store/entity-store';
import type { Delta, Heartbeat, Hello, Snapshot } from '../../app/protocol/feed';
import type { Accident } from '../../app/domain/entity';
import { HubFailover } from '../../renderer/worker/hub-failover';
import { makeAccident } from '../support/entities';

export interface Wall {
  readonly store: EntityStore;
  readonly link: HubFailover;
  /** Hubs it has been connected to, in order. */
  readonly hubs: string[];
  /** `kind:id@version` → the seqs of the deltas that brought it (more than one: stored twice). */
  readonly seen: Map<string, Set<number>>;
  /** Arrival time of each delta seq (latency measurements). */
  onDelta?: (d: Delta) => void;
  close(): void;
}

/** A wall client on `hubs` (the first is where it starts). */
export function startWall(hubs: readonly string[], opts: { token?: string } = {}): Wall {
  const store = createEntityStore();
  const seen = new Map<string, Set<number>>();
  const visited: string[] = [];
  const link = new HubFailover({
    hubs,
    role: 'wall',
    socket: { auth: { token: opts.token ?? 'dev-wall' }, transports: ['websocket'] },
    onHub: (h) => visited.push(h),
  });
  const wall: Wall = { store, link, hubs: visited, seen, close: () => link.close() };
  const handle = (out: Outcome): void => {
    if (out.type === 'resync') link.emit('feed:subscribe', out.request, () => undefined);
  };
  link.on('feed:hello', (m: Hello) => handle(onHello(store, m)));
  link.on('feed:snapshot', (m: Snapshot) => handle(applySnapshotChunk(store, m)));
  link.on('feed:delta', (m: Delta) => {
    const out = applyDelta(store, m);
    if (out.type === 'applied') {
      for (const e of m.upserts) {
        const k = `${e.kind}:${e.id}@${e.version}`;
        const seqs = seen.get(k) ?? new Set<number>();
        seen.set(k, seqs.add(m.seq));
      }
      wall.onDelta?.(m);
    }
    handle(out);
  });
  link.on('feed:heartbeat', (m: Heartbeat) => handle(onHeartbeat(store, m)));
  return wall;
}

/** `kind:id@version` of every entity a wall holds, sorted. */
export function stateOf(w: Wall): string[] {
  return [...w.store.entities.values()].map((e) => `${e.kind}:${e.id}@${e.version}`).sort();
}

/** Waits until `ok()` holds (polls every 50 ms); throws with `what()` after `timeoutMs`. */
export async function until(ok: () => boolean, timeoutMs: number, what: () => string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out: ${what()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface IngestStats {
  /** Entities a hub acknowledged (`kind:id@version`). */
  acked: Set<string>;
  /** Highest seq a hub acknowledged. */
  maxSeq: number;
  /** Sends that failed and went to the next node. */
  retries: number;
}

/** An accident in Чебоксары with this number (ids unique per run). */
export function accident(n: number, run: string): Accident {
  return makeAccident({ id: `${run}-${n}`, lon: 47.2 + (n % 100) * 0.001, lat: 56.1 + (n % 37) * 0.001 });
}

/**
 * Posts `batches` changes of `size` accidents, round-robin over `nodes()` (asked before each
 * send, so a killed node can be left out), until `stop()`; a send that fails goes to the next node.
 */
export async function ingestLoop(
  nodes: () => readonly string[],
  run: string,
  opts: { size: number; pauseMs: number; stop: () => boolean; stats: IngestStats; sent?: (n: number) => void },
): Promise<void> {
  let n = 0;
  let turn = 0;
  while (!opts.stop()) {
    const upserts = Array.from({ length: opts.size }, () => accident(n++, run));
    for (let attempt = 0; ; attempt++) {
      const list = nodes();
      const url = list[turn++ % list.length]!;
      try {
        const t0 = Date.now();
        opts.sent?.(t0);
        const res = await fetch(`${url}/api/v1/ingest`, {
          method: 'POST',
          headers: { authorization: 'Bearer dev-ingest', 'content-type': 'application/json' },
          body: JSON.stringify({ upserts, removes: [] }),
          signal: AbortSignal.timeout(15_000),
        });
        const body = (await res.json()) as { accepted: number; seq: number; rejected: unknown[] };
        if (res.status !== 202 || body.accepted !== upserts.length) throw new Error(`ingest ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
        for (const e of upserts) opts.stats.acked.add(`${e.kind}:${e.id}@${e.version}`);
        opts.stats.maxSeq = Math.max(opts.stats.maxSeq, body.seq);
        break;
      } catch (e) {
        opts.stats.retries++;
        if (attempt > 40) throw e;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    if (opts.pauseMs) await new Promise((r) => setTimeout(r, opts.pauseMs));
  }
}
