/**
 * Bench worker, our pipeline: the real MapEncoder (renderer/worker/encode) over synthetic
 * appeals, the real buffer pool, at most one frame per animation frame with transferred
 * buffers — the feed worker's hot path without the socket.
 */
import type { Appeal } from '../../app/domain/entity';
import { DEFAULT_SECTORS, type Sector } from '../../app/domain/sector';
import { BufferPool } from '../../renderer/worker/encode/buffer-pool';
import { MapEncoder } from '../../renderer/worker/encode/map-encoder';
import { frameBuffers, type MapFrame } from '../../renderer/worker/frame';
import { epochNow, PROBE_EVERY_MS, PROBE_RGB, PROBE_SPOTS, rng, synthPoint, type ProbeInfo } from './synthetic';

interface Start {
  type: 'start';
  n: number;
  rate: number;
}
export interface OursFrame {
  map: MapFrame;
  probe: ProbeInfo;
  changes: number;
}

const scope = self as unknown as {
  postMessage(m: unknown, t: Transferable[]): void;
  onmessage: ((e: MessageEvent) => void) | null;
  requestAnimationFrame?: (cb: () => void) => number;
};
const sectors: Sector[] = [...DEFAULT_SECTORS, { id: 'probe', label: 'probe', color: PROBE_RGB }];
const pool = new BufferPool();
const encoder = new MapEncoder({ municipalitySet: '2025', sectors });
const r = rng(42);
const now = Date.now();
let appeals: Appeal[] = [];
let rate = 0.01;
let last = 0;
let debt = 0;
let pendingChanges = 0;
let probeSeen = false;
/** A frame is out and not acknowledged yet: changes accumulate (as in the feed worker). */
let inFlight = false;
let probe: ProbeInfo = { lon: PROBE_SPOTS[0]![0], lat: PROBE_SPOTS[0]![1], at: epochNow(), seq: 0 };

function appeal(i: number, version: number, p: { lon: number; lat: number; sector: string }, overdue = false): Appeal {
  return {
    kind: 'appeal',
    id: `b${i}`,
    version,
    municipality: '97701000',
    lon: p.lon,
    lat: p.lat,
    channel: 'written',
    sector: p.sector,
    org: 'o',
    importance: 'normal',
    status: 'in_progress',
    title: '',
    text: '',
    createdAt: now - 3_600_000,
    dueAt: overdue ? now - 60_000 : now + 30 * 86_400_000,
  };
}

function probeAppeal(): Appeal {
  // Overdue, so it is drawn in the top layer, in a colour no sector has.
  return appeal(-1, probe.seq + 1, { lon: probe.lon, lat: probe.lat, sector: 'probe' }, true);
}

function tick(): void {
  const t = epochNow();
  debt += ((t - last) / 1000) * rate * appeals.length;
  last = t;
  let changes = 0;
  while (debt >= 1) {
    debt--;
    const i = Math.floor(r() * appeals.length);
    const p = synthPoint(r);
    appeals[i] = appeal(i, appeals[i]!.version + 1, { lon: p.lon, lat: p.lat, sector: DEFAULT_SECTORS[p.sector]!.id });
    encoder.upsert(appeals[i]!, Date.now(), null);
    changes++;
  }
  // Closed loop: the probe moves again only once the page has seen it on screen.
  if (probeSeen && t - probe.at >= PROBE_EVERY_MS) {
    probeSeen = false;
    const seq = probe.seq + 1;
    const [lon, lat] = PROBE_SPOTS[seq % PROBE_SPOTS.length]!;
    probe = { lon, lat, at: t, seq };
    encoder.upsert(probeAppeal(), Date.now(), null);
    changes++;
  }
  pendingChanges += changes;
  if (!inFlight) {
    encoder.sweep(Date.now());
    const map = encoder.flush(pool);
    if (map) {
      inFlight = true;
      scope.postMessage({ map, probe, changes: pendingChanges } satisfies OursFrame, frameBuffers(map));
      pendingChanges = 0;
    }
  }
  schedule();
}

function schedule(): void {
  if (scope.requestAnimationFrame) scope.requestAnimationFrame(tick);
  else setTimeout(tick, 16);
}

scope.onmessage = (e: MessageEvent) => {
  const m = e.data as Start | { type: 'recycle'; buffers: ArrayBuffer[] } | { type: 'probe-seen' };
  if (m.type === 'recycle') {
    pool.give(m.buffers);
    inFlight = false;
    return;
  }
  if (m.type === 'probe-seen') return void (probeSeen = true);
  rate = m.rate;
  appeals = Array.from({ length: m.n }, (_, i) => {
    const p = synthPoint(r);
    return appeal(i, 1, { lon: p.lon, lat: p.lat, sector: DEFAULT_SECTORS[p.sector]!.id });
  });
  encoder.reset([...appeals, probeAppeal()], Date.now());
  last = epochNow();
  probe = { ...probe, at: last };
  tick();
};
