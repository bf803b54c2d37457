/**
 * Imports of large source exports (issue 14): a 100,000-row ПОС XLSX and a 20,000-outage ГИС
 * ЖКХ XML, generated synthetically (test/support/import-samples.ts). Each measure runs in a
 * fresh Node process of its own, so its peak RSS is its own: rows/s and RSS (at start, peak, the
 * growth), next to baselines on the same file in the same run:
 * - XLSX: the exceljs streaming reader alone in the process's main thread (rows read, nothing
 *   mapped), the reader the import uses.
 * - XML: our record cutter + fast-xml-parser alone (nothing mapped), and fast-xml-parser on the
 *   whole file read into memory (what a non-streaming import pays).
 * «read + map + batch»: the runner and the importer into an ingest that only counts: the
 * import's own memory; «in the import worker»: as the hub runs it (the file by path, read and
 * mapped in a worker thread with a small heap, `hub/import/import-thread.ts`), «in the hub
 * thread»: the same read and mapping inline. RSS is the whole process's, worker included. «import → hub ingest, state not kept»: the hub's real ingest (validation
 * with the republic's shapes, redaction, applicant keys, batches of 500) whose publish keeps
 * nothing (the ingest's repeat-complaint index still holds every keyed appeal, as in a hub);
 * «import → hub state»: into an in-memory log that keeps every entity (the hub's state grows with
 * the data, by design). `BENCH_MODES=xlsx-map,xml-map` runs some. Asserts nothing.
 * `BENCH_POS_ROWS`, `BENCH_OUTAGES` change the sizes.
 */
import { build as esbuild } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import { entityKey } from '../app/domain/entity';
import { houses, housesCsv, outageXml, posRows, SAMPLE_NOW, writeText, writeXlsx } from '../test/support/import-samples';
import { MemoryFeedLog } from '../hub/feed-log';
import { readHouseRegister } from '../hub/import/config';
import { readOutageXml } from '../hub/import/read';
import { useImportWorkerModule } from '../hub/import/import-thread';
import { DEFAULT_IMPORT_CONFIG, newReport, runImport, type ImportConfig } from '../hub/import/run-import';
import { createIngest } from '../hub/ingest';
import { Metrics } from '../hub/metrics';
import { RepublicShape } from '../hub/republic-shape';

const POS_ROWS = Number(process.env.BENCH_POS_ROWS ?? 100_000);
const OUTAGES = Number(process.env.BENCH_OUTAGES ?? 20_000);
const MB = 1024 * 1024;

type Mode =
  | 'xlsx-read'
  | 'xlsx-inline'
  | 'xlsx-map'
  | 'xlsx-sink'
  | 'xlsx-sink-inline'
  | 'xlsx-state'
  | 'xml-cut'
  | 'xml-whole'
  | 'xml-inline'
  | 'xml-map'
  | 'xml-sink'
  | 'xml-state';
const MODES: Mode[] = [
  'xlsx-read',
  'xlsx-inline',
  'xlsx-map',
  'xlsx-sink',
  'xlsx-sink-inline',
  'xlsx-state',
  'xml-cut',
  'xml-whole',
  'xml-inline',
  'xml-map',
  'xml-sink',
  'xml-state',
];

/** In a child: one measure; prints one JSON line. */
async function child(mode: Mode, file: string, housesFile: string, workerFile: string): Promise<void> {
  useImportWorkerModule(workerFile);
  let peak = process.memoryUsage().rss;
  const start = peak;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const t0 = performance.now();
  let rows = 0;
  if (mode === 'xlsx-read') {
    const { default: ExcelJS } = await import('exceljs');
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(createReadStream(file), {
      sharedStrings: 'cache',
      styles: 'ignore',
      hyperlinks: 'ignore',
      worksheets: 'emit',
    });
    for await (const ws of reader) for await (const row of ws) rows += row.number > 1 ? 1 : 0;
  } else if (mode === 'xml-cut') {
    for await (const r of readOutageXml(createReadStream(file))) if ('record' in r) rows++;
  } else if (mode === 'xml-whole') {
    const doc = new XMLParser({ removeNSPrefix: true, ignoreAttributes: true, parseTagValue: false }).parse(readFileSync(file, 'utf8')) as Record<
      string,
      Record<string, Record<string, Record<string, unknown>>>
    >;
    rows = (doc.Envelope!.Body!.exportOutageReportResult!.OutageReport as unknown[]).length;
  } else {
    const keep = mode.endsWith('state');
    const mapOnly = mode.endsWith('map') || mode === 'xlsx-inline' || mode === 'xml-inline';
    const log = new MemoryFeedLog(10);
    const republic = RepublicShape.load();
    const units = RepublicShape.loadMunicipalities();
    const ingest = createIngest({
      validation: () => ({
        now: SAMPLE_NOW,
        stored: (k) => log.get(k),
        insideRepublic: (lon, lat) => republic.contains(lon, lat),
        insideMunicipality: (o, lon, lat) => units.get(o)?.contains(lon, lat) ?? true,
        removedVersion: (k) => log.removedVersion(k),
      }),
      publish: (c) =>
        keep ? log.append(c, SAMPLE_NOW) : Promise.resolve({ epoch: 'x', seq: 1, upserts: c.upserts, removes: c.removes, serverTime: SAMPLE_NOW }),
      headSeq: () => log.headSeq,
      metrics: new Metrics(),
    });
    const { houses: register } = await readHouseRegister(createReadStream(housesFile));
    const config: ImportConfig = { ...DEFAULT_IMPORT_CONFIG, gis: { ...DEFAULT_IMPORT_CONFIG.gis, houses: register } };
    const xml = mode.startsWith('xml');
    const format = xml ? 'gis-zhkh-outages' : 'pos';
    const report = newReport('bench', format, SAMPLE_NOW);
    // «map»: the runner and the importer only, into an ingest that counts (no validation, no hub memory).
    const counting = async (_s: string, b: { upserts: unknown[]; removes: unknown[] }) => ({
      accepted: b.upserts.length + b.removes.length,
      rejected: [],
      seq: 1,
    });
    await runImport(
      // As the hub runs it: the file by path, read and mapped in the import worker thread; «inline»: in this thread.
      { format, kind: xml ? 'xml' : 'xlsx', file, thread: mode.endsWith('inline') ? 'inline' : 'worker', config, report },
      { ingest: mapOnly ? counting : ingest.ingest, stored: (k) => log.get(k), now: () => SAMPLE_NOW },
    );
    rows = report.rows;
    if (report.status !== 'done' || report.accepted < rows * 0.8)
      throw new Error(`import: ${JSON.stringify({ ...report, rejected: report.rejected.slice(0, 3) })}`);
    if (keep && log.size === 0) throw new Error(`nothing kept ${entityKey({ kind: 'appeal', id: 'x' })}`);
  }
  const ms = performance.now() - t0;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
  (globalThis as unknown as { gc: () => void }).gc();
  console.log(JSON.stringify({ mode, rows, ms, startMb: start / MB, peakMb: peak / MB, heapMb: process.memoryUsage().heapUsed / MB }));
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cur-import-bench-'));
  try {
    const xlsx = path.join(dir, 'pos.xlsx');
    const xml = path.join(dir, 'outages.xml');
    const housesFile = path.join(dir, 'houses.csv');
    // The worker thread as the built hub runs it (`out/hub/import-worker.js`): one bundle, not the sources through tsx.
    // (under the repository, so that its external packages resolve from node_modules)
    const workerFile = fileURLToPath(new URL('../node_modules/.cache/cur-bench/import-worker.mjs', import.meta.url));
    await esbuild({
      entryPoints: [fileURLToPath(new URL('../hub/import/import-worker.ts', import.meta.url))],
      outfile: workerFile,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      packages: 'external',
      logLevel: 'warning',
    });
    let t = performance.now();
    const out = createWriteStream(xlsx);
    await writeXlsx(out, posRows(POS_ROWS, { dates: 'cells', badEvery: 1000 }), 'Сообщения');
    const register = houses(Math.max(500, OUTAGES / 4));
    await writeText(housesFile, [housesCsv(register)]);
    await writeText(xml, outageXml(OUTAGES, register));
    console.log(
      `files: ПОС XLSX ${POS_ROWS} rows ${(statSync(xlsx).size / MB).toFixed(1)} MB, outage XML ${OUTAGES} records ${(statSync(xml).size / MB).toFixed(1)} MB (made in ${((performance.now() - t) / 1000).toFixed(1)} s)`,
    );
    const self = fileURLToPath(import.meta.url);
    const results: Record<string, { rows: number; ms: number; startMb: number; peakMb: number; heapMb: number }> = {};
    const only = process.env.BENCH_MODES?.split(',');
    for (const mode of MODES.filter((m) => !only || only.includes(m))) {
      t = performance.now();
      const r = spawnSync(
        process.execPath,
        ['--expose-gc', '--import', 'tsx', self, '--child', mode, mode.startsWith('xml') ? xml : xlsx, housesFile, workerFile],
        {
          encoding: 'utf8',
          maxBuffer: 16 * MB,
        },
      );
      const line = r.stdout.trim().split('\n').pop() ?? '';
      if (r.status !== 0 || !line.startsWith('{')) {
        console.log(`${mode}: failed (${r.status}): ${r.stderr.slice(-800)}`);
        continue;
      }
      results[mode] = JSON.parse(line);
    }
    const label: Record<Mode, string> = {
      'xlsx-read': 'ПОС XLSX: exceljs streaming read only (baseline)',
      'xlsx-inline': 'ПОС XLSX: read + map + batch in the hub thread (counting ingest)',
      'xlsx-map': 'ПОС XLSX: read + map in the import worker + batch (counting ingest)',
      'xlsx-sink': 'ПОС XLSX: import → hub ingest, state not kept',
      'xlsx-sink-inline': 'ПОС XLSX: import → hub ingest, state not kept, read + map in the hub thread',
      'xlsx-state': 'ПОС XLSX: import → hub state',
      'xml-cut': 'ГИС ЖКХ XML: record cutter + fast-xml-parser only (baseline)',
      'xml-whole': 'ГИС ЖКХ XML: fast-xml-parser on the whole file (baseline)',
      'xml-inline': 'ГИС ЖКХ XML: read + map + batch in the hub thread (counting ingest)',
      'xml-map': 'ГИС ЖКХ XML: read + map in the import worker + batch (counting ingest)',
      'xml-sink': 'ГИС ЖКХ XML: import → hub ingest, state not kept',
      'xml-state': 'ГИС ЖКХ XML: import → hub state',
    };
    console.log('\n| measure | rows | time | rows/s | RSS start → peak (growth) | heap live after, GC | vs baseline |\n|---|---|---|---|---|---|---|');
    for (const [mode, r] of Object.entries(results) as [Mode, (typeof results)[string]][]) {
      const base = results[mode.startsWith('xml') ? 'xml-cut' : 'xlsx-read'];
      const ratio = base && base !== r ? `${(r.ms / base.ms).toFixed(2)}× the time` : '—';
      console.log(
        `| ${label[mode]} | ${r.rows} | ${(r.ms / 1000).toFixed(2)} s | ${Math.round(r.rows / (r.ms / 1000)).toLocaleString('en')} | ${r.startMb.toFixed(0)} → ${r.peakMb.toFixed(0)} MB (+${(r.peakMb - r.startMb).toFixed(0)}) | ${r.heapMb.toFixed(0)} MB | ${ratio} |`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const i = process.argv.indexOf('--child');
if (i > 0) await child(process.argv[i + 1] as Mode, process.argv[i + 2]!, process.argv[i + 3]!, process.argv[i + 4]!);
else await main();
