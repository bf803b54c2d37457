/**
 * Cold start (issue 13): a wall PC that reboots in the morning must show the whole picture
 * fast. The built hub runs as its own process (`out/hub/cli.js`) holding N appeals (ingested
 * over HTTP before timing); then, for each N:
 *
 * - baseline, the snapshot transfer alone: a Node socket.io client on `/wall` with the real
 *   entity store (test/support/hub-fixture.ts `FeedClient`), from connect to every entity held,
 *   with the JSON chunks (`feed:snapshot`), then the same with the columnar chunks the wall's
 *   worker asks for (`feed:snapshot-columns`, app/protocol/snapshot-columns.ts);
 * - ours: a fresh Chromium page (1920×1080, WebGL on llvmpipe as on a PC without a GPU) from
 *   `page.goto` of the wall to every entity drawn: `data-map=ready` and `data-entities` = N (the
 *   worker's map frame with all of them applied), then two frames later a pixel read back from
 *   the map's WebGL context (so the frame was really rasterised, PITFALLS.md) — watched by the
 *   page itself (`watchAllDrawn`), not polled from here;
 * - memory of the wall: the renderer process's resident set (page and feed worker share it),
 *   the page's JS heap, and the feed worker's live heap after a full GC, once everything is drawn.
 *
 * Asserts nothing; prints a table (bench/README.md «Cold start»).
 *
 *   node bench/run.mjs coldstart                       # 100,000 and 1,000,000
 *   BENCH_SIZES=100000 BENCH_ROUNDS=3 node bench/run.mjs coldstart
 *   BENCH_COMPARE=/tmp/old/renderer node bench/run.mjs coldstart   # another build beside ours, same hub
 *
 * A renderer built before the columnar snapshot does not ask for it: with BENCH_COMPARE it gets
 * the JSON chunks from the same hub, so old path and new path are measured in one run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import type { Browser, Page } from 'playwright-core';
import { io } from 'socket.io-client';
import { decodeSnapshotColumns, SNAPSHOT_FORMAT_COLUMNS } from '../app/protocol/snapshot-columns';
import { applySnapshotChunk, createEntityStore, onHello, type Outcome } from '../app/store/entity-store';
import { launchChromium } from '../test/support/chromium';
import { FeedClient } from '../test/support/hub-fixture';
import { benchAppeal } from './hub-data';

const SIZES = (process.env.BENCH_SIZES ?? '100000,1000000').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);
const BATCH = 10_000;
const TIMEOUT_MS = 600_000;
/** The built hub and renderer (`BENCH_OUT`: a copy, so a rebuild by parallel work cannot change them mid-run). */
const OUT = process.env.BENCH_OUT ?? 'out';
const BUILT = `${OUT}/renderer`;
/**
 * Another renderer build to measure beside ours against the same hub (e.g. the previous
 * commit's `out/renderer`, copied): the hub serves a link that points at one build, then the
 * other, for each round (the hub reads its static files per request).
 */
const COMPARE = process.env.BENCH_COMPARE ?? '';
const STATIC = COMPARE ? path.join(mkdtempSync(path.join(tmpdir(), 'coldstart-')), 'renderer') : BUILT;
const serve = (dir: string): void => {
  if (!COMPARE) return;
  rmSync(STATIC, { force: true });
  symlinkSync(path.resolve(dir), STATIC);
};
/** A folder: a Chromium trace (every thread's CPU samples) of each wall run and the hub's CPU profile go there (`bench/trace-summary.ts` reads them). */
const PROFILE = process.env.BENCH_PROFILE ?? '';
/** Extra page parameters, e.g. `&shows=map` (a map screen without the scenes' panels). */
const QUERY = process.env.BENCH_QUERY ?? '';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;

interface Hub {
  proc: ChildProcess;
  url: string;
}

/** The built hub on a free port, no demo, limits opened for the bench's ingest. */
async function startHub(n: number): Promise<Hub> {
  const args = [`${OUT}/hub/cli.js`, '--host', '127.0.0.1', '--port', '0', '--source', 'none', '--static', STATIC, '--heartbeat-ms', '2000'];
  args.push('--max-entities', String(n + 1000), '--ingest-rate', '10000000', '--ingest-burst', '10000000', '--api-rate', '100000', '--api-burst', '100000');
  const proc = spawn(process.execPath, ['--max-old-space-size=8192', ...(PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE}`] : []), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: proc.stdout! }).on('line', (l) => {
      const m = /^hub listening on (\S+)/.exec(l);
      if (m) resolve(m[1]!);
    });
    proc.once('exit', (code) => reject(new Error(`hub exited with ${code}`)));
  });
  return { proc, url };
}

/** Ingests N appeals over HTTP in batches; resolves when the hub holds them all. */
async function fill(hub: Hub, n: number): Promise<number> {
  const started = Date.now();
  const now = Date.now();
  for (let i = 0; i < n; i += BATCH) {
    const upserts = Array.from({ length: Math.min(BATCH, n - i) }, (_, k) => benchAppeal(now, i + k));
    const res = await fetch(`${hub.url}/api/v1/ingest`, {
      method: 'POST',
      headers: { authorization: 'Bearer dev-ingest', 'content-type': 'application/json' },
      body: JSON.stringify({ upserts, removes: [] }),
    });
    const body = (await res.json()) as { accepted?: number; rejected?: unknown[]; error?: string };
    if (!res.ok || body.accepted !== upserts.length) throw new Error(`ingest ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
  }
  return Date.now() - started;
}

/** Baseline: a Node client's snapshot of every entity (connect → N held), JSON chunks (`feed:snapshot`). */
async function snapshotAlone(hub: Hub, n: number): Promise<number> {
  const started = Date.now();
  const c = new FeedClient(hub.url, 'wall');
  try {
    for (const end = started + TIMEOUT_MS; c.store.entities.size < n; await sleep(5))
      if (Date.now() > end) throw new Error(`snapshot: ${c.store.entities.size} of ${n}`);
    return Date.now() - started;
  } finally {
    c.close();
  }
}

/** The same with columnar chunks (`feed:snapshot-columns`, decoded and checked into the entity store), as the wall's worker asks. */
async function snapshotColumnsAlone(hub: Hub, n: number): Promise<number> {
  const started = Date.now();
  const store = createEntityStore();
  const socket = io(`${hub.url}/wall`, {
    auth: { token: 'dev-wall', snapshot: SNAPSHOT_FORMAT_COLUMNS },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  const follow = (o: Outcome) => o.type === 'resync' && socket.emit('feed:subscribe', o.request, () => {});
  socket.on('feed:hello', (m) => follow(onHello(store, m)));
  socket.on('feed:snapshot-columns', (m: unknown) => {
    const d = decodeSnapshotColumns(m);
    if (!d.ok) throw new Error(`columns refused: ${d.error}`);
    follow(applySnapshotChunk(store, d.snapshot));
  });
  try {
    for (const end = started + TIMEOUT_MS; store.entities.size < n; await sleep(5))
      if (Date.now() > end) throw new Error(`columns snapshot: ${store.entities.size} of ${n}`);
    return Date.now() - started;
  } finally {
    socket.close();
  }
}

/** CPU seconds used so far by this browser's processes, by process type (renderer, gpu, browser, utility…). */
async function browserCpu(browser: Browser): Promise<Record<string, number>> {
  const cdp = await browser.newBrowserCDPSession();
  const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: Array<{ type: string; cpuTime: number }> };
  await cdp.detach();
  const out: Record<string, number> = {};
  for (const p of processInfo) out[p.type] = (out[p.type] ?? 0) + p.cpuTime;
  return out;
}

/** CPU seconds the hub's process has used so far (user + system, from /proc). */
function hubCpu(hub: Hub): number {
  const f = readFileSync(`/proc/${hub.proc.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
}

/** Resident set of the largest renderer process of this browser, in bytes. */
async function rendererRss(browser: Browser): Promise<number> {
  const cdp = await browser.newBrowserCDPSession();
  const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: Array<{ type: string; id: number }> };
  let max = 0;
  for (const p of processInfo) {
    if (p.type !== 'renderer') continue;
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p.id}/status`, 'utf8'));
    if (m) max = Math.max(max, Number(m[1]) * 1024);
  }
  await cdp.detach();
  return max;
}

/**
 * The feed worker's live JS heap after a full GC, bytes (0 when it cannot be read): through the
 * page's DevTools session, attached to the worker (`performance.memory` is the page's only).
 */
async function feedWorkerHeap(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  const workers: { sessionId: string; url: string }[] = [];
  const replies = new Map<number, (m: { result?: { usedSize?: number } }) => void>();
  cdp.on('Target.attachedToTarget', (e) => {
    if (e.targetInfo.type === 'worker') workers.push({ sessionId: e.sessionId, url: e.targetInfo.url });
  });
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const m = JSON.parse(e.message) as { id?: number; result?: { usedSize?: number } };
    if (m.id !== undefined) replies.get(m.id)?.(m);
  });
  try {
    await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
    for (const end = Date.now() + 5000; !workers.some((w) => w.url.includes('feed-worker')) && Date.now() < end;) await sleep(50);
    const w = workers.find((x) => x.url.includes('feed-worker'));
    if (!w) return 0;
    let id = 0;
    const call = (method: string) =>
      new Promise<{ result?: { usedSize?: number } }>((resolve) => {
        replies.set(++id, resolve);
        void cdp.send('Target.sendMessageToTarget', { sessionId: w.sessionId, message: JSON.stringify({ id, method }) });
      });
    await call('HeapProfiler.collectGarbage');
    return (await call('Runtime.getHeapUsage')).result?.usedSize ?? 0;
  } finally {
    await cdp.detach();
  }
}

interface WallRun {
  mapReady: number;
  entities: number;
  drawn: number;
  rss: number;
  heap: number;
  workerHeap: number;
  /** The page's own clock (ms since its navigation started): the navigation's milestones and the `cur:` marks. */
  phases: Record<string, number>;
  /** CPU seconds from `page.goto` to all drawn: the browser's processes by type, and the hub. */
  cpu: Record<string, number>;
}

/**
 * The page start's phases, on the page's clock: the navigation (HTML received, every module
 * fetched and parsed = DOMContentLoaded of a module page), then the `cur:` marks the renderer
 * sets (renderer/main.tsx, wall/WallScreen.tsx, map/wall-map.ts) and this bench's own.
 */
async function pagePhases(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const out: Record<string, number> = {};
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    if (nav) {
      out.html = nav.responseEnd;
      out.dcl = nav.domContentLoadedEventStart;
    }
    for (const m of performance.getEntriesByType('mark')) if (m.name.startsWith('cur:') && !(m.name.slice(4) in out)) out[m.name.slice(4)] = m.startTime;
    return out;
  });
}

/** The phases in the order they happen, as one line. */
const phaseLine = (p: Record<string, number>): string =>
  Object.entries(p)
    .sort((a, b) => a[1] - b[1])
    .map(([k, v]) => `${k} ${(v / 1000).toFixed(2)}`)
    .join(' · ');

/**
 * Runs in the page before its scripts (an init script): once `data-map` is `ready` (maplibre's
 * `load`, the overlay attached) and `data-entities` = N (the worker's map frame with all of them
 * applied to the map) and a deck.gl layer group is in the map's style (deck.gl places its layers
 * only while no source loads), two animation frames later it reads a pixel back from the map's WebGL
 * context, so the frame with them was really rasterised (PITFALLS.md). Sets the marks
 * `cur:all-counted` and `cur:drawn`, and `window.__curDrawn` (epoch ms of map ready, all counted,
 * drawn) for the bench to collect.
 */
function watchAllDrawn(want: number): void {
  const w = window as unknown as {
    __curDrawn?: Record<string, number>;
    __curWall?: { map: { getCanvas(): HTMLCanvasElement; getLayersOrder(): string[] } };
  };
  const epoch = (t: number) => performance.timeOrigin + t;
  const times: Record<string, number> = {};
  let started = false;
  const check = (): void => {
    const root = document.documentElement;
    if (!root) return;
    if (root.dataset.map === 'ready' && times['map-ready'] === undefined) times['map-ready'] = epoch(performance.now());
    if (root.dataset.entities === String(want) && times['all-counted'] === undefined) {
      times['all-counted'] = epoch(performance.now());
      performance.mark('cur:all-counted');
    }
    if (started || times['map-ready'] === undefined || times['all-counted'] === undefined) return;
    started = true;
    // deck.gl places its layers in the map's style only while no source is loading (wall-map.ts
    // defers them to `idle` otherwise): until a deck.gl layer group is in the style, frames show the
    // basemap without the entities. Checked every frame; then two frames and the readback.
    const placed = (): boolean => {
      const map = w.__curWall?.map;
      return !!map && map.getLayersOrder().some((id) => id.startsWith('deck-maplibre-layer-group'));
    };
    const whenPlaced = (): void => {
      if (!placed()) return void requestAnimationFrame(whenPlaced);
      times['layers-placed'] = epoch(performance.now());
      performance.mark('cur:layers-placed');
      requestAnimationFrame(() =>
        requestAnimationFrame(() => {
          const gl = w.__curWall?.map.getCanvas().getContext('webgl2');
          gl?.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
          performance.mark('cur:drawn');
          w.__curDrawn = { ...times, drawn: epoch(performance.now()) };
        }),
      );
    };
    whenPlaced();
  };
  new MutationObserver(check).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-map', 'data-entities'] });
}

/** Ours: a fresh wall page, page load → every entity drawn. */
async function wallColdStart(browser: Browser, hub: Hub, n: number): Promise<WallRun> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('pageerror:', e.message));
  if (PROFILE)
    await browser.startTracing(page, {
      path: `${PROFILE}/wall-${n}.json`,
      categories: [
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'disabled-by-default-v8.cpu_profiler',
        'v8',
        'v8.execute',
        'blink.user_timing',
        // More on demand, e.g. `BENCH_TRACE=gpu,gpu.service,viz` (the GPU process's tasks).
        ...(process.env.BENCH_TRACE ? process.env.BENCH_TRACE.split(',') : []),
      ],
    });
  try {
    const cpu0 = await browserCpu(browser);
    const hub0 = hubCpu(hub);
    // Watched by the page itself (an init script), not polled from here: a poll from this process
    // lands up to ~0.9 s late while the page's main thread is busy (measured: data-entities = N at
    // 1.6 s on the page's clock, seen by a poll at 2.3–2.5 s), and that lag was counted as start time.
    // As source text: tsx names inner functions with a `__name` helper the page does not have.
    await page.addInitScript({ content: `var __name = (f) => f; (${watchAllDrawn.toString()})(${n});` });
    const started = Date.now();
    await page.goto(`${hub.url}/#/wall/main?token=dev-wall${QUERY}`);
    const at = await page
      .waitForFunction(() => (window as unknown as { __curDrawn?: Record<string, number> }).__curDrawn, null, { timeout: TIMEOUT_MS, polling: 20 })
      .then((h) => h.jsonValue() as Promise<Record<string, number>>);
    // Epoch ms of each moment (the page's timeOrigin + its clock), from before `page.goto`.
    const mapReady = at['map-ready']! - started;
    const entities = at['all-counted']! - started;
    const drawn = at.drawn! - started;
    // CPU, not wall clock: on a shared machine the wall clock mostly measures the neighbours.
    const cpu1 = await browserCpu(browser);
    const cpu: Record<string, number> = { hub: hubCpu(hub) - hub0 };
    for (const [k, v] of Object.entries(cpu1)) cpu[k] = v - (cpu0[k] ?? 0);
    const heap = await page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0);
    const phases = await pagePhases(page);
    // A snapshot asked for again (a gap in the deltas; the first one counts 1) doubles the worker's work: say so.
    const resyncs = Number(await page.evaluate(() => document.documentElement.dataset.resyncs ?? '0'));
    if (resyncs > 1) console.log(`    the feed worker asked for ${resyncs - 1} more snapshot(s) (data-resyncs ${resyncs}) by the time all was drawn`);
    const rss = await rendererRss(browser);
    if (PROFILE) await browser.stopTracing();
    return { mapReady, entities, drawn, rss, heap, workerHeap: await feedWorkerHeap(page), phases, cpu };
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  serve(BUILT);
  for (const need of [`${OUT}/hub/cli.js`, `${BUILT}/index.html`, ...(COMPARE ? [`${COMPARE}/index.html`] : [])])
    if (!existsSync(need)) throw new Error(`${need} missing: run \`npm run build\` first`);
  const rows: string[][] = [];
  for (const n of SIZES) {
    const hub = await startHub(n);
    let browser: Browser | null = null;
    try {
      // Inside the try: a browser that fails to start must not leave the hub running.
      browser = await launchChromium();
      console.log(`${n.toLocaleString('en')} appeals: ingesting…`);
      console.log(`  hub holds them after ${s(await fill(hub, n))}`);
      for (let r = 0; r < ROUNDS; r++) {
        const base = await snapshotAlone(hub, n);
        const columns = await snapshotColumnsAlone(hub, n);
        for (const [build, dir] of COMPARE
          ? [
              ['ours', BUILT],
              ['compared', COMPARE],
            ]
          : [['ours', BUILT]]) {
          serve(dir!);
          const wall = await wallColdStart(browser, hub, n);
          console.log(
            `  round ${r + 1}, ${build}: snapshot alone ${s(base)} (columns ${s(columns)}); wall: map ready ${s(wall.mapReady)}, all counted ${s(wall.entities)}, all drawn ${s(wall.drawn)}; renderer RSS ${mb(wall.rss)}, page heap ${mb(wall.heap)}, feed worker heap after GC ${mb(wall.workerHeap)}`,
          );
          console.log(`    phases (s since navigation): ${phaseLine(wall.phases)}`);
          console.log(
            `    CPU until all drawn (s): ${Object.entries(wall.cpu)
              .map(([k, v]) => `${k} ${v.toFixed(2)}`)
              .join(' · ')}`,
          );
          rows.push([
            n.toLocaleString('en') + (COMPARE ? ` (${build})` : ''),
            s(base),
            s(columns),
            s(wall.mapReady),
            s(wall.entities),
            s(wall.drawn),
            (wall.drawn / base).toFixed(2),
            mb(wall.rss),
            mb(wall.heap),
            mb(wall.workerHeap),
          ]);
        }
      }
    } finally {
      await browser?.close();
      hub.proc.kill('SIGTERM');
      await new Promise((r) => hub.proc.once('exit', r));
    }
  }
  console.log(
    '\n| appeals | snapshot alone, JSON (baseline) | snapshot alone, columns | wall: map ready | wall: all counted | wall: all drawn | drawn ÷ baseline | renderer RSS | page JS heap | feed worker heap after GC |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  if (COMPARE) rmSync(path.dirname(STATIC), { recursive: true, force: true });
}

main().then(
  () => process.exit(0),
  (e: Error) => {
    console.error(e);
    process.exit(1);
  },
);
