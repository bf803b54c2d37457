/**
 * Fault test (issue 3, «Prove it»): `kill -9` the hub process 10 times during a sustained
 * ingest stream (HTTP loops + one `/ingest` socket loop, unique ids, increasing versions).
 * After each restart on the same data directory:
 * - every acknowledged item (202 / ack) is in the state with at least the acknowledged
 *   version, every acknowledged removal is absent, nothing appears that was never sent, and
 *   every id is in the snapshot exactly once (0 lost, 0 duplicated);
 * - the epoch is unchanged, seq never goes backwards and is ≥ every acknowledged seq;
 * - clients connected before the kill resume from the log (no new snapshot) and their state
 *   hash equals a fresh client's (both `/presenter` and the public `/wall` projection).
 * Items are compared by id and version: the hub redacts text and coarsens appeal points.
 */
import http from 'node:http';
import { io, type Socket } from 'socket.io-client';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Entity, EntityRef } from '../app/domain/entity';
import type { IngestResult } from '../app/protocol/ingest';
import { FeedClient, waitFor } from './support/hub-fixture';
import { health, removeDir, startHubProcess, stopAllHubProcesses, tempDataDir, type HubProcess } from './support/hub-process';
import { stateHash } from './support/state-hash';

const KILLS = 10;
const HTTP_LOOPS = 3;
const MIN_ACKS_PER_CYCLE = 8;
const HUB_ARGS = ['--heartbeat-ms', '500'];

const clients: FeedClient[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await stopAllHubProcesses();
});
afterAll(() => dirs.forEach(removeDir));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What the test knows about one entity key. */
interface Track {
  /** Highest version sent. */
  attempted: number;
  /** Highest version acknowledged (0: none). */
  acked: number;
  ackedRemoved: boolean;
  /** A removal was sent but not acknowledged (it may or may not be durable). */
  maybeRemoved: boolean;
}

interface Batch {
  upserts: Entity[];
  removes: EntityRef[];
}

function entity(kind: 'appeal' | 'accident', id: string, version: number): Entity {
  const now = Date.now();
  const lon = 47.25 + (Math.random() - 0.5) * 0.02;
  const lat = 56.13 + (Math.random() - 0.5) * 0.02;
  if (kind === 'appeal') {
    return {
      kind,
      id,
      version,
      municipality: '97701000',
      lon,
      lat,
      channel: 'pos',
      sector: 'roads',
      org: 'omsu-cheboksary',
      importance: 'normal',
      status: version > 1 ? 'in_progress' : 'new',
      title: 'Яма на дороге',
      text: `Обращение ${id}, версия ${version}`,
      createdAt: now - 60_000,
    };
  }
  return {
    kind,
    id,
    version,
    municipality: '97701000',
    lon,
    lat,
    resource: 'heat',
    status: 'active',
    address: 'г. Чебоксары, ул. Ленина, д. 1',
    operator: 'ТГК-5',
    residents: 100 + version,
    buildings: 1,
    socialObjects: 0,
    startedAt: now - 60_000,
    plannedRestoreAt: now + 3 * 3_600_000,
  };
}

/** POST /api/v1/ingest on a dedicated keep-alive agent; rejects on any connection failure. */
function postIngest(agent: http.Agent, url: string, body: string): Promise<{ status: number; json: IngestResult }> {
  const u = new URL('/api/v1/ingest', url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: u.hostname,
        port: u.port,
        path: u.pathname,
        method: 'POST',
        agent,
        headers: { authorization: 'Bearer dev-ingest', 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let ended = false;
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          ended = true;
          try {
            resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) as IngestResult });
          } catch (e) {
            reject(e as Error);
          }
        });
        res.on('error', reject);
        res.on('close', () => ended || reject(new Error('response cut off')));
      },
    );
    req.on('error', reject);
    req.setTimeout(15_000, () => req.destroy(new Error('request timed out')));
    req.end(body);
  });
}

describe('hub under kill -9', () => {
  it(`keeps every acknowledged ingest across ${KILLS} kill -9 restarts; resumed clients equal fresh ones`, async () => {
    const started = Date.now();
    const dir = tempDataDir('cur-hub-fault-');
    dirs.push(dir);
    let hub: HubProcess = await startHubProcess({ data: dir, args: HUB_ARGS });
    const port = hub.port;
    const epoch = (await health(hub.url)).epoch;

    const tracks = new Map<string, Track>();
    const track = (key: string): Track => {
      let t = tracks.get(key);
      if (!t) tracks.set(key, (t = { attempted: 0, acked: 0, ackedRemoved: false, maybeRemoved: false }));
      return t;
    };
    /** Every acknowledged seq, to check they are distinct (one change per acknowledged batch). */
    const ackSeqs: number[] = [];
    /** Every acknowledged batch as `kind:id@version` / `kind:id`, to find it in the log at its seq. */
    const ackedBatches: { seq: number; upserts: string[]; removes: string[] }[] = [];
    const stats = { ackedBatches: 0, ackedItems: 0, unknownBatches: 0, unknownItems: 0, socketAcked: 0 };
    const unexpected: string[] = [];

    /** Per loop: its own ids, their live list and the last acknowledged seq. */
    const loops = Array.from({ length: HTTP_LOOPS + 1 }, (_, i) => ({ name: i < HTTP_LOOPS ? `h${i}` : 's0', next: 1, live: [] as string[], lastSeq: 0 }));

    function nextBatch(loop: (typeof loops)[number]): Batch {
      const b: Batch = { upserts: [], removes: [] };
      const used = new Set<string>();
      for (let i = 0; i < 8; i++) {
        const n = loop.next++;
        const kind = n % 3 === 0 ? 'accident' : 'appeal';
        const id = `${loop.name}-${n}`;
        const key = `${kind}:${id}`;
        const t = track(key);
        t.attempted = 1;
        b.upserts.push(entity(kind, id, 1));
        used.add(key);
        loop.live.push(key);
      }
      for (let i = 0; i < 6 && loop.live.length > 20; i++) {
        const key = loop.live[Math.floor(Math.random() * (loop.live.length - 8))]!;
        if (used.has(key)) continue;
        used.add(key);
        const t = track(key);
        t.attempted += 1 + Math.floor(Math.random() * 3);
        const [kind, id] = key.split(':') as ['appeal' | 'accident', string];
        b.upserts.push(entity(kind, id, t.attempted));
      }
      if (Math.random() < 0.15 && loop.live.length > 20) {
        const idx = Math.floor(Math.random() * (loop.live.length - 8));
        const key = loop.live[idx]!;
        if (!used.has(key)) {
          loop.live.splice(idx, 1);
          const [kind, id] = key.split(':') as ['appeal' | 'accident', string];
          b.removes.push({ kind, id });
        }
      }
      return b;
    }

    function onAck(loop: (typeof loops)[number], b: Batch, r: IngestResult, via: string): void {
      const items = b.upserts.length + b.removes.length;
      if (r.error || r.accepted !== items || r.rejected.length !== 0) unexpected.push(`${via}: ${JSON.stringify(r).slice(0, 300)}`);
      if (!(r.seq > loop.lastSeq)) unexpected.push(`${loop.name}: acknowledged seq ${r.seq} after ${loop.lastSeq}`);
      loop.lastSeq = r.seq;
      ackSeqs.push(r.seq);
      ackedBatches.push({
        seq: r.seq,
        upserts: b.upserts.map((e) => `${e.kind}:${e.id}@${e.version}`).sort(),
        removes: b.removes.map((x) => `${x.kind}:${x.id}`).sort(),
      });
      stats.ackedBatches++;
      stats.ackedItems += items;
      for (const e of b.upserts) {
        const t = track(`${e.kind}:${e.id}`);
        t.acked = Math.max(t.acked, e.version);
      }
      for (const ref of b.removes) track(`${ref.kind}:${ref.id}`).ackedRemoved = true;
    }

    function onUnknown(b: Batch): void {
      stats.unknownBatches++;
      stats.unknownItems += b.upserts.length + b.removes.length;
      for (const ref of b.removes) track(`${ref.kind}:${ref.id}`).maybeRemoved = true;
    }

    // Clients connected before every kill; they follow protocol v1 with the real store.
    const presenter = new FeedClient(hub.url, 'presenter');
    const wall = new FeedClient(hub.url, 'wall');
    clients.push(presenter, wall);
    await Promise.all([presenter.waitForSeq(0, 10_000), wall.waitForSeq(0, 10_000)]);

    let lastHead = 0;
    let lastClientSeq = 0;
    for (let cycle = 0; cycle < KILLS; cycle++) {
      // --- sustained ingest stream, then kill -9 at a random moment ---
      const ctl = { killed: false };
      const agent = new http.Agent({ keepAlive: true, maxSockets: HTTP_LOOPS });
      const sock: Socket = io(`${hub.url}/ingest`, { auth: { token: 'dev-ingest' }, transports: ['websocket'], reconnection: false, forceNew: true });
      await new Promise<void>((resolve, reject) => {
        sock.once('connect', () => resolve());
        sock.once('connect_error', reject);
      });
      const running = loops.map(async (loop, i) => {
        while (!ctl.killed) {
          const b = nextBatch(loop);
          try {
            if (i < HTTP_LOOPS) {
              const r = await postIngest(agent, hub.url, JSON.stringify(b));
              if (r.status !== 202) unexpected.push(`http ${r.status}: ${JSON.stringify(r.json).slice(0, 300)}`);
              onAck(loop, b, r.json, 'http');
            } else {
              const r = (await sock.timeout(15_000).emitWithAck('ingest:push', b)) as IngestResult;
              onAck(loop, b, r, 'socket');
              stats.socketAcked++;
            }
          } catch (e) {
            onUnknown(b);
            if (!ctl.killed) unexpected.push(`${loop.name} before the kill: ${(e as Error).message}`);
          }
        }
      });
      // Kill at a random moment once the stream is flowing (a few acknowledgements in), so every
      // cycle has acknowledged items however loaded the machine is.
      const acksBefore = stats.ackedBatches;
      await waitFor(
        () => stats.ackedBatches >= acksBefore + MIN_ACKS_PER_CYCLE || unexpected.length > 0,
        30_000,
        () => 'the ingest stream to flow',
      );
      await sleep(Math.random() * 1000);
      ctl.killed = true;
      const exit = await hub.kill('SIGKILL');
      expect(exit.signal).toBe('SIGKILL');
      await Promise.all(running);
      agent.destroy();
      sock.close();
      await waitFor(
        () => !presenter.socket.connected && !wall.socket.connected,
        10_000,
        () => 'clients to notice the kill',
      );

      // --- restart on the same data directory and port ---
      hub = await startHubProcess({ data: dir, port, args: HUB_ARGS });
      const h = await health(hub.url);
      expect(h.epoch, `epoch after restart ${cycle + 1}`).toBe(epoch);
      expect(h.headSeq, 'seq never goes backwards').toBeGreaterThanOrEqual(lastHead);
      expect(h.headSeq, 'head covers every acknowledged seq').toBeGreaterThanOrEqual(Math.max(0, ...ackSeqs));
      // A client never saw a change the restarted hub does not have.
      expect(presenter.store.seq).toBeLessThanOrEqual(h.headSeq);
      expect(wall.store.seq).toBeLessThanOrEqual(h.headSeq);
      lastHead = h.headSeq;

      // Fresh clients: the hub's state at head, by snapshot.
      const fresh = new FeedClient(hub.url, 'presenter');
      const freshWall = new FeedClient(hub.url, 'wall');
      clients.push(fresh, freshWall);
      await Promise.all([fresh.waitForSeq(h.headSeq, 20_000), freshWall.waitForSeq(h.headSeq, 20_000)]);
      expect(fresh.store.epoch).toBe(epoch);
      expect(fresh.store.seq).toBe(h.headSeq);

      // 0 duplicated: every key exactly once in the snapshot.
      const counts = new Map<string, number>();
      for (const s of fresh.snapshots) for (const e of s.entities) counts.set(`${e.kind}:${e.id}`, (counts.get(`${e.kind}:${e.id}`) ?? 0) + 1);
      const duplicated = [...counts].filter(([, n]) => n !== 1).map(([k]) => k);
      expect(duplicated, 'keys more than once in the snapshot').toEqual([]);

      // 0 lost: every acknowledged item is there with at least its acknowledged version.
      const violations: string[] = [];
      const state = fresh.store.entities;
      for (const [key, e] of state) {
        const t = tracks.get(key);
        if (!t) violations.push(`${key}: never sent`);
        else if (e.version > t.attempted) violations.push(`${key}: version ${e.version} > sent ${t.attempted}`);
      }
      for (const [key, t] of tracks) {
        const e = state.get(key);
        if (t.ackedRemoved) {
          if (e) violations.push(`${key}: acknowledged removal, still present`);
        } else if (t.acked > 0) {
          if (!e && !t.maybeRemoved) violations.push(`${key}: acknowledged v${t.acked}, lost`);
          else if (e && e.version < t.acked) violations.push(`${key}: acknowledged v${t.acked}, state has v${e.version}`);
        }
      }
      expect(violations.slice(0, 20), `after kill ${cycle + 1}`).toEqual([]);

      // Clients connected before the kill resume from the log and equal the fresh ones.
      const snapshotsBefore = [presenter.snapshots.length, wall.snapshots.length];
      presenter.socket.connect();
      wall.socket.connect();
      const caughtUp = (c: FeedClient) => c.store.seq >= h.headSeq && !c.store.awaitingResync && !c.store.staging;
      await waitFor(
        () => caughtUp(presenter) && caughtUp(wall),
        20_000,
        () => `resume to ${h.headSeq}: presenter ${presenter.store.seq}, wall ${wall.store.seq}`,
      );
      expect([presenter.snapshots.length, wall.snapshots.length], 'resumed from the log, not by snapshot').toEqual(snapshotsBefore);
      expect(presenter.store.seq).toBe(h.headSeq);
      expect(presenter.store.seq).toBeGreaterThanOrEqual(lastClientSeq);
      lastClientSeq = presenter.store.seq;
      expect(stateHash(presenter.store.entities.values()), 'resumed /presenter = fresh /presenter').toBe(stateHash(fresh.store.entities.values()));
      expect(stateHash(wall.store.entities.values()), 'resumed /wall = fresh /wall').toBe(stateHash(freshWall.store.entities.values()));
      expect(presenter.store.entities.size).toBe(counts.size);
      fresh.close();
      freshWall.close();
    }

    expect(unexpected.slice(0, 20)).toEqual([]);
    // One change per acknowledged batch: no two acknowledgements share a seq.
    expect(new Set(ackSeqs).size).toBe(ackSeqs.length);
    // The long-lived clients applied every change exactly once, in order.
    for (const c of [presenter, wall]) {
      expect(c.store.stats).toMatchObject({ snapshots: 1, duplicates: 0, gaps: 0, epochChanges: 0 });
      const seqs = c.deltas.map((d) => d.seq);
      expect(seqs.every((s, i) => s === i + 1)).toBe(true);
    }
    // Every acknowledged batch is in the log exactly at its seq (the presenter holds every delta
    // from seq 1), and no entity version was ever applied twice.
    const bySeq = new Map(presenter.deltas.map((d) => [d.seq, d]));
    const inLog: string[] = [];
    for (const b of ackedBatches) {
      const d = bySeq.get(b.seq);
      const got = d
        ? { upserts: d.upserts.map((e) => `${e.kind}:${e.id}@${e.version}`).sort(), removes: d.removes.map((x) => `${x.kind}:${x.id}`).sort() }
        : null;
      if (JSON.stringify(got) !== JSON.stringify({ upserts: b.upserts, removes: b.removes }))
        inLog.push(`seq ${b.seq}: acknowledged ${JSON.stringify(b).slice(0, 200)}, log has ${JSON.stringify(got)?.slice(0, 200)}`);
    }
    expect(inLog.slice(0, 10), 'acknowledged batches in the log at their seq').toEqual([]);
    const applied = new Map<string, number>();
    for (const d of presenter.deltas)
      for (const e of d.upserts) applied.set(`${e.kind}:${e.id}@${e.version}`, (applied.get(`${e.kind}:${e.id}@${e.version}`) ?? 0) + 1);
    expect(
      [...applied]
        .filter(([, n]) => n > 1)
        .map(([k]) => k)
        .slice(0, 10),
      'versions applied twice',
    ).toEqual([]);
    expect(stats.ackedBatches).toBeGreaterThanOrEqual(KILLS * MIN_ACKS_PER_CYCLE);
    expect(stats.socketAcked).toBeGreaterThan(0);
    console.log(
      `hub-fault: ${KILLS} kill -9 restarts in ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
        `acknowledged ${stats.ackedBatches} batches / ${stats.ackedItems} items (${stats.socketAcked} batches over the socket); ` +
        `in flight at a kill: ${stats.unknownBatches} batches / ${stats.unknownItems} items (${lastHead - stats.ackedBatches} of them durable without an ack); ${tracks.size} keys; head seq ${lastHead}`,
    );
  }, 180_000);
});
