/**
 * Render bench (issue 4): our pipeline (worker encoder → transferred typed arrays → deck.gl
 * binary attributes, interleaved in maplibre) against the baseline a user would write
 * (a maplibre GeoJSON source + circle layer updated with `setData`), in the same headless
 * Chromium, on the same basemap and the same synthetic stream (1 % of the points change per
 * second). Both run on the CPU here (Mesa llvmpipe), so rasterisation says little about a
 * wall's GPU; the JavaScript and update path is what transfers. Prints a table; asserts nothing.
 *
 *   node bench/run.mjs render                      # 10k, 100k, 1M
 *   BENCH_SIZES=10000 BENCH_SECONDS=10 node bench/run.mjs render
 *   BENCH_SIZES=100000 BENCH_SECONDS=600 BENCH_MODES=ours node bench/run.mjs render   # 10-minute heap
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../test/support/chromium';
import type { BenchResult } from './render/bench-page';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(root, 'out/bench-render');
const SIZES = (process.env.BENCH_SIZES ?? '10000,100000,1000000').split(',').map(Number);
/** Seconds of measured updates; the heap figure covers this window. */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
/** Pipelines to run (`ours`, `baseline`): one alone for a long heap run. */
const MODES = (process.env.BENCH_MODES ?? 'ours,baseline').split(',').filter((m) => m === 'ours' || m === 'baseline');
const VIEWPORT = { width: 960, height: 540 };

async function buildPage(): Promise<void> {
  const { build } = await import('vite');
  await build({
    configFile: false,
    root: path.join(root, 'bench/render'),
    base: './',
    publicDir: path.join(root, 'assets'),
    logLevel: 'warn',
    build: { outDir: OUT, emptyOutDir: true, chunkSizeWarningLimit: 5000 },
    worker: { format: 'es' },
  });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.json': 'application/json',
  '.geojson': 'application/json',
  '.woff2': 'font/woff2',
  '.css': 'text/css',
  '.png': 'image/png',
};

function serve(): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const p = path.join(OUT, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    const file = p.endsWith('/') ? path.join(p, 'index.html') : p;
    if (!file.startsWith(OUT) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` })),
  );
}

interface Profile {
  nodes: { id: number; callFrame: { functionName: string; url: string } }[];
  samples: number[];
  timeDeltas: number[];
}

/** Native calls only the bench makes (its probe readback). */
const BENCH_NATIVE = new Set(['readPixels', 'getBufferSubData', 'clientWaitSync', 'fenceSync', 'deleteSync']);

/**
 * Seconds the main thread spent running the pipeline, from a CPU profile: `js` is every
 * sample but idle, '(program)' (native work outside JS: compositing, command flushes), the
 * bench's own code and calls into WebGL; `gl` is the time inside WebGL calls, which on a CPU
 * rasteriser includes waiting for it (a full command buffer blocks the caller), so it is
 * reported apart.
 */
function pipelineSeconds(p: Profile, glNames: ReadonlySet<string>): { js: number; gl: number } {
  const byId = new Map(p.nodes.map((n) => [n.id, n.callFrame]));
  let js = 0;
  let gl = 0;
  p.samples.forEach((id, i) => {
    const f = byId.get(id)!;
    const dt = p.timeDeltas[i] ?? 0;
    if (f.functionName === '(idle)' || f.functionName === '(program)' || f.functionName === '(root)') return;
    if (BENCH_NATIVE.has(f.functionName) || f.url.includes('/bench-page')) return;
    if (f.url === '' && glNames.has(f.functionName)) gl += dt;
    else js += dt;
  });
  return { js: js / 1e6, gl: gl / 1e6 };
}

const median = (a: number[]) => (a.length ? [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]! : NaN);
const p95 = (a: number[]) => (a.length ? [...a].sort((x, y) => x - y)[Math.min(a.length - 1, Math.floor(a.length * 0.95))]! : NaN);

interface Row {
  mode: string;
  n: number;
  updatesPerS: number;
  mainMsPerUpdate: number;
  /** Main-thread JS ms per second of live updates (same change rate for both pipelines). */
  mainMsPerSecond: number;
  /** Main-thread ms inside WebGL calls per update (inflated by the CPU rasteriser). */
  glMsPerUpdate: number;
  /** Share of the window the main thread was busy (tasks, including waits on the rasteriser). */
  mainBusyShare: number;
  handlerMedian: number;
  latencyMedian: number;
  latencyP95: number;
  probes: number;
  longTasks: number;
  longTaskMs: number;
  ttffS: number;
  heapGrowthMB: number;
  frameMs: number;
  error?: string;
}

function summarise(r: BenchResult): Row {
  return {
    mode: r.mode,
    n: r.n,
    updatesPerS: r.updates / r.seconds,
    mainMsPerUpdate: r.updates ? ((r.jsS ?? NaN) * 1000) / r.updates : NaN,
    mainMsPerSecond: ((r.jsS ?? NaN) * 1000) / r.seconds,
    glMsPerUpdate: r.updates ? ((r.glS ?? NaN) * 1000) / r.updates : NaN,
    mainBusyShare: (r.mainThreadS ?? NaN) / r.seconds,
    handlerMedian: median(r.handlerMs),
    latencyMedian: median(r.latencies),
    latencyP95: p95(r.latencies),
    probes: r.latencies.length,
    longTasks: r.longTasks,
    longTaskMs: r.longTaskMs,
    ttffS: (r.ttffMs ?? NaN) / 1000,
    heapGrowthMB: r.heapEndMB - r.heapStartMB,
    frameMs: median(r.frameMs),
    error: r.error,
  };
}

const f = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '—');

function table(rows: Row[]): string {
  const head =
    '| points | pipeline | updates/s | main-thread JS ms / s | main-thread JS ms / update (tasks busy %) | in WebGL calls ms / update | handler ms (median) | change→screen ms (median / p95) | long tasks > 50 ms (count / ms) | first complete frame, s | heap growth, MB | frame ms @ 960×540 |';
  const sep = '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|';
  const lines = rows.map(
    (r) =>
      `| ${r.n.toLocaleString('en-US')} | ${r.mode} | ${f(r.updatesPerS)} | ${f(r.mainMsPerSecond, 0)} | ${f(r.mainMsPerUpdate, 2)} (${f(100 * r.mainBusyShare, 0)} %) | ${f(r.glMsPerUpdate, 1)} | ${f(r.handlerMedian, 2)} | ${f(r.latencyMedian, 0)} / ${f(r.latencyP95, 0)} (${r.probes}) | ${r.longTasks} / ${f(r.longTaskMs, 0)} | ${f(r.ttffS, 2)} | ${f(r.heapGrowthMB, 2)} | ${f(r.frameMs, 1)} |${r.error ? ` error: ${r.error}` : ''}`,
  );
  return [head, sep, ...lines].join('\n');
}

function emptyResult(mode: string, n: number): BenchResult {
  return {
    mode,
    n,
    seconds: SECONDS,
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
}

/** One pipeline at one size in a fresh page. */
async function runOne(browser: Browser, url: string, mode: string, n: number): Promise<Row> {
  const page = await browser.newPage({ viewport: VIEWPORT });
  page.on('pageerror', (e) => console.error(`  ${mode} ${n}: pageerror ${e.message}`));
  const started = Date.now();
  // A long run also samples the heap (after a GC) every minute: growth vs a one-off step.
  await page.goto(`${url}/index.html?mode=${mode}&n=${n}&seconds=${SECONDS}${SECONDS >= 300 ? '&heapEvery=60' : ''}`);
  // Guard against a hang only: the baseline at 10^6 points may take minutes to load.
  const limit = (SECONDS + 600) * 1000;
  // Main-thread cost over the cost window: a CPU profile of the page's main thread
  // (it sees the work maplibre defers out of setData, which a wrapper would miss),
  // and Chrome's own task accounting (which also counts waits on the CPU rasteriser).
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
  const taskSeconds = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN;
  let r: BenchResult | null = null;
  let t0 = NaN;
  let profile: Profile | null = null;
  let busyS = NaN;
  while (Date.now() - started < limit) {
    const s = await page.evaluate(() => {
      const b = (window as unknown as { __bench?: { done: boolean; phase: string; result: BenchResult } }).__bench;
      return b ? { phase: b.phase, result: b.done ? b.result : null } : null;
    });
    if (s?.phase === 'measuring' && Number.isNaN(t0)) {
      t0 = await taskSeconds();
      await cdp.send('Profiler.start');
    }
    if (s && s.phase !== 'measuring' && !Number.isNaN(t0) && !profile) {
      busyS = (await taskSeconds()) - t0;
      profile = (await cdp.send('Profiler.stop')).profile as Profile;
    }
    r = s?.result ?? null;
    if (r) break;
    await new Promise((res) => setTimeout(res, 100));
  }
  if (r) {
    if (r.heapSeriesMB.length)
      console.log(`  ${mode} ${n}: heap after GC each minute, MB: ${r.heapStartMB.toFixed(1)} → ${r.heapSeriesMB.map((m) => m.toFixed(1)).join(', ')}`);
    r.mainThreadS = busyS;
    if (profile) {
      const glNames = new Set(await page.evaluate(() => Object.getOwnPropertyNames(WebGL2RenderingContext.prototype)));
      const { js, gl } = pipelineSeconds(profile, glNames);
      r.jsS = js;
      r.glS = gl;
    }
  }
  await page.close();
  return r ? summarise(r) : summarise({ ...emptyResult(mode, n), error: 'timed out' });
}

async function main(): Promise<void> {
  await buildPage();
  const { server, url } = await serve();
  const browser = await launchChromium(['--enable-precise-memory-info', '--js-flags=--expose-gc']);
  const rows: Row[] = [];
  try {
    for (const n of SIZES) {
      for (const mode of MODES) {
        let row: Row;
        try {
          row = await runOne(browser, url, mode, n);
        } catch (err) {
          // The baseline may run out of memory at 10^6 points: that is a result too.
          row = summarise({ ...emptyResult(mode, n), error: err instanceof Error ? err.message.split('\n')[0]! : String(err) });
        }
        rows.push(row);
        console.log(
          `  ${mode.padEnd(8)} ${String(n).padStart(8)}: ${f(row.mainMsPerSecond, 0)} JS ms/s, ${f(row.mainMsPerUpdate, 2)} ms/update, latency ${f(row.latencyMedian, 0)} ms, ttff ${f(row.ttffS, 2)} s, heap ${f(row.heapGrowthMB, 2)} MB${row.error ? `, ${row.error}` : ''}`,
        );
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  console.log(
    `\nrender bench: ${SECONDS} s of updates per run, 1 %/s of the points changing, ${VIEWPORT.width}×${VIEWPORT.height}, Chromium + ${process.env.CUR_GL === 'swiftshader' ? 'SwiftShader' : 'Mesa llvmpipe'}\n`,
  );
  console.log(table(rows));
  console.log('\nratios ours / baseline (lower is better):');
  for (const n of SIZES) {
    const o = rows.find((r) => r.n === n && r.mode === 'ours');
    const b = rows.find((r) => r.n === n && r.mode === 'baseline');
    if (o && b)
      console.log(
        `  ${n.toLocaleString('en-US').padStart(9)}: main-thread JS per second ${f(o.mainMsPerSecond / b.mainMsPerSecond, 3)}, per update ${f(o.mainMsPerUpdate / b.mainMsPerUpdate, 3)}, change→screen ${f(o.latencyMedian / b.latencyMedian, 3)}`,
      );
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
