/**
 * The render bench page. `?mode=ours` feeds the real wall map (renderer/map/wall-map.ts)
 * with frames from the real encoder in a worker; `?mode=baseline` keeps a GeoJSON
 * FeatureCollection on the main thread and calls `setData` on a maplibre circle layer. Same
 * basemap, same data stream, same probe. Results land in `window.__bench`.
 */
import type { GeoJSONSource, Map as MaplibreMap } from 'maplibre-gl';
import { configurePulseClock } from '../../renderer/map/layers/pulse-clock';
import { LABELS_START } from '../../renderer/map/style-loader';
import { createWallMap } from '../../renderer/map/wall-map';
import type { BaselineChange, BaselineFrame } from './baseline-worker';
import type { OursFrame } from './ours-worker';
import { epochNow, PROBE_RGB, type ProbeInfo } from './synthetic';

const q = new URLSearchParams(location.search);
const mode = q.get('mode') === 'baseline' ? 'baseline' : 'ours';
const n = Number(q.get('n') ?? 10_000);
const rate = Number(q.get('rate') ?? 0.01);
const seconds = Number(q.get('seconds') ?? 20);
const warmup = Number(q.get('warmup') ?? 3);

export interface BenchResult {
  mode: string;
  n: number;
  seconds: number;
  updates: number;
  changes: number;
  handlerMs: number[];
  renderMs: number;
  renders: number;
  latencies: number[];
  longTasks: number;
  longTaskMs: number;
  ttffMs: number | null;
  heapStartMB: number;
  heapEndMB: number;
  frameMs: number[];
  /** Heap after a GC every `heapEvery` seconds of the window (diagnostics). */
  heapSeriesMB: number[];
  /** Main-thread task seconds over the window (filled in by the bench from Chrome's metrics). */
  mainThreadS?: number;
  /** Main-thread seconds running the pipeline over the window (from a CPU profile). */
  jsS?: number;
  /** …of which inside WebGL calls, counted apart. */
  glS?: number;
  error?: string;
}

const result: BenchResult = {
  mode,
  n,
  seconds,
  updates: 0,
  changes: 0,
  handlerMs: [],
  renderMs: 0,
  renders: 0,
  latencies: [],
  longTasks: 0,
  longTaskMs: 0,
  ttffMs: null,
  heapStartMB: 0,
  heapEndMB: 0,
  frameMs: [],
  heapSeriesMB: [],
};
const w = window as unknown as { __bench?: { done: boolean; phase: string; result: BenchResult }; gc?: () => void };
w.__bench = { done: false, phase: 'loading', result };
let measuring = false;

new PerformanceObserver((list) => {
  if (!measuring) return;
  for (const e of list.getEntries()) {
    result.longTasks++;
    result.longTaskMs += e.duration;
  }
}).observe({ type: 'longtask', buffered: false });

configurePulseClock(Date.now(), null);
// Every point drawn as a point (no hexagons), as the baseline does.
const wall = createWallMap(document.getElementById('map')!, {
  attribution: 'bench',
  params: { virtual: null, municipalitySet: '2025', metric: 'off', filter: null, fixedNow: null, antialias: 'auto' },
  aggregateAbove: Infinity,
});
const map: MaplibreMap = wall.map;

// Main-thread time of every maplibre render (deck.gl draws inside it in interleaved mode).
let renderStart = 0;
const internal = map as unknown as { _render(t: number): unknown };
const render = internal._render.bind(map);
internal._render = (t: number) => {
  const s = performance.now();
  renderStart = s;
  const out = render(t);
  if (measuring) {
    result.renderMs += performance.now() - s;
    result.renders++;
  }
  return out;
};

// The probe: after each render, read the pixel where the latest probe point should be —
// asynchronously (pixel-pack buffer + fence), so the bench itself never blocks the main
// thread waiting for the GPU; the fence is polled every animation frame.
let probe: ProbeInfo | null = null;
let seenSeq = -1;
/** The latest probe position, unless already seen. */
function expectProbe(p: ProbeInfo): void {
  if (p.seq > seenSeq) probe = p;
}
let worker: Worker;
const px = new Uint8Array(4);
const gl = map.getCanvas().getContext('webgl2')!;
const pbo = gl.createBuffer();
gl.bindBuffer(gl.PIXEL_PACK_BUFFER, pbo);
gl.bufferData(gl.PIXEL_PACK_BUFFER, 4, gl.STREAM_READ);
gl.bindBuffer(gl.PIXEL_PACK_BUFFER, null);
let inflight: { sync: WebGLSync; probe: ProbeInfo } | null = null;
/** Probe readbacks stall the main thread on this CPU rasteriser: off while costs are measured. */
let probing = true;
let probingSince = 0;
map.on('render', () => {
  if (!probing || !probe || inflight) return;
  const p = map.project([probe.lon, probe.lat]);
  const dpr = devicePixelRatio;
  gl.bindBuffer(gl.PIXEL_PACK_BUFFER, pbo);
  gl.readPixels(Math.round(p.x * dpr), Math.round(gl.drawingBufferHeight - p.y * dpr), 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, 0);
  gl.bindBuffer(gl.PIXEL_PACK_BUFFER, null);
  inflight = { sync: gl.fenceSync(gl.SYNC_GPU_COMMANDS_COMPLETE, 0)!, probe };
  gl.flush();
});
function pollProbe(): void {
  if (inflight) {
    const status = gl.clientWaitSync(inflight.sync, 0, 0);
    if (status === gl.ALREADY_SIGNALED || status === gl.CONDITION_SATISFIED) {
      gl.deleteSync(inflight.sync);
      gl.bindBuffer(gl.PIXEL_PACK_BUFFER, pbo);
      gl.getBufferSubData(gl.PIXEL_PACK_BUFFER, 0, px);
      gl.bindBuffer(gl.PIXEL_PACK_BUFFER, null);
      const seen = inflight.probe;
      inflight = null;
      if (Math.abs(px[0]! - PROBE_RGB[0]) < 40 && px[1]! < 60 && Math.abs(px[2]! - PROBE_RGB[2]) < 40) {
        if (result.ttffMs === null) result.ttffMs = performance.now();
        // Only probes that moved while readbacks were on (one parked through the cost window
        // would count the window itself).
        else if (probing && seen.at >= probingSince) result.latencies.push(epochNow() - seen.at);
        worker.postMessage({ type: 'probe-seen', seq: seen.seq });
        seenSeq = Math.max(seenSeq, seen.seq);
        if (probe && probe.seq <= seenSeq) probe = null;
      } else if (probe && probing) map.triggerRepaint();
    }
  }
  requestAnimationFrame(pollProbe);
}
requestAnimationFrame(pollProbe);

function heapMB(): number {
  w.gc?.();
  const m = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
  return m ? m.usedJSHeapSize / 2 ** 20 : 0;
}

async function startOurs(): Promise<void> {
  worker = new Worker(new URL('./ours-worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (e: MessageEvent<OursFrame>) => {
    const t = performance.now();
    const done = wall.applyFrame(e.data.map);
    if (measuring) {
      result.handlerMs.push(performance.now() - t);
      result.updates++;
      result.changes += e.data.changes;
    }
    // Acknowledged on the next page frame, as the wall's feed client does.
    requestAnimationFrame(() => worker.postMessage({ type: 'recycle', buffers: done }, done));
    expectProbe(e.data.probe);
  };
  worker.postMessage({ type: 'start', n, rate });
}

async function startBaseline(): Promise<void> {
  await wall.ready;
  interface PointFeature {
    type: 'Feature';
    geometry: { type: 'Point'; coordinates: [number, number] };
    properties: { color: string };
  }
  const fc = { type: 'FeatureCollection' as const, features: [] as PointFeature[] };
  map.addSource('pts', { type: 'geojson', data: fc });
  map.addLayer(
    {
      id: 'pts',
      type: 'circle',
      source: 'pts',
      paint: { 'circle-radius': ['case', ['==', ['get', 'color'], `rgb(${PROBE_RGB.join(',')})`], 5, 2.5], 'circle-color': ['get', 'color'] },
    },
    LABELS_START,
  );
  const source = map.getSource('pts') as GeoJSONSource;
  const put = (c: BaselineChange) => {
    const f = fc.features[c.i];
    if (f) {
      f.geometry.coordinates = [c.lon, c.lat];
      f.properties.color = c.color;
    } else fc.features[c.i] = { type: 'Feature', geometry: { type: 'Point', coordinates: [c.lon, c.lat] }, properties: { color: c.color } };
  };
  worker = new Worker(new URL('./baseline-worker.ts', import.meta.url), { type: 'module' });
  // Changes are applied and `setData` called at most once per page frame (kinder to the
  // baseline than a `setData` per message).
  let pending: BaselineFrame[] = [];
  const flush = () => {
    const t = performance.now();
    let changes = 0;
    for (const m of pending) {
      if (m.all) m.all.forEach(put);
      m.changes.forEach(put);
      changes += m.changes.length;
      expectProbe(m.probe);
    }
    pending = [];
    source.setData(fc);
    if (measuring) {
      result.handlerMs.push(performance.now() - t);
      result.updates++;
      result.changes += changes;
    }
  };
  worker = new Worker(new URL('./baseline-worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (e: MessageEvent<BaselineFrame>) => {
    if (!pending.length) requestAnimationFrame(flush);
    pending.push(e.data);
  };
  worker.postMessage({ n, rate });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Probe samples of change→screen latency to collect after the cost window. */
const LATENCY_SAMPLES = 10;
const LATENCY_MAX_S = 60;

async function run(): Promise<void> {
  await wall.ready;
  await (mode === 'ours' ? startOurs() : startBaseline());
  while (result.ttffMs === null) await sleep(50);
  probing = false;
  await sleep(warmup * 1000);
  result.heapStartMB = heapMB();
  await sleep(200);
  // 1. Cost window: updates flow, nothing of the bench's own touches the GPU.
  w.__bench!.phase = 'measuring';
  measuring = true;
  if (q.get('heapEvery')) {
    const every = Number(q.get('heapEvery')) * 1000;
    for (let t = 0; t < seconds * 1000; t += every) {
      await sleep(every);
      result.heapSeriesMB.push(heapMB());
    }
  } else await sleep(seconds * 1000);
  measuring = false;
  w.__bench!.phase = 'latency';
  result.heapEndMB = heapMB();
  // 2. Latency: the probe's pixel is read back after each render until seen.
  probing = true;
  probingSince = epochNow();
  map.triggerRepaint();
  const until = performance.now() + LATENCY_MAX_S * 1000;
  while (result.latencies.length < LATENCY_SAMPLES && performance.now() < until) await sleep(100);
  probing = false;
  worker.terminate();
  // 3. Frame time: forced repaints of the final state, each completed by a readback.
  w.__bench!.phase = 'frame';
  for (let i = 0; i < 20; i++) {
    await new Promise<void>((resolve) => {
      map.once('render', () => {
        gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, px);
        result.frameMs.push(performance.now() - renderStart);
        resolve();
      });
      map.triggerRepaint();
    });
  }
  w.__bench!.done = true;
}

run().catch((err: unknown) => {
  result.error = String(err);
  w.__bench!.done = true;
});
