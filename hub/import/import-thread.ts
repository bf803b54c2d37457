/**
 * Runs the read + map of an import file in a worker thread (`import-worker.ts`) and hands its
 * items to the runner, one batch at a time. The worker's heap is small (`IMPORT_WORKER_LIMITS`):
 * the per-row garbage of exceljs and of the mapping is collected there, near its small live set,
 * rather than promoted into the hub's heap, where V8 lets garbage grow to a multiple of the hub's
 * live heap before a full collection (bench/README.md, «Import figures»). Back-pressure: the
 * worker reads its next batch only once the runner has received the last (two batches at most).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { WorkerInput } from './import-worker';
import type { MappedItem } from './map-rows';

/**
 * The worker's heap limits (MB). The young generation is what keeps the process flat: with 4 MB
 * semi-spaces the per-row garbage dies there (100,000-row ПОС XLSX: +66–72 MB RSS for the whole
 * process; 8 MB: +82–99; 32 MB: +128; bench/README.md). The old generation's ceiling hardly moves
 * the growth (V8 sizes it by the live heap, ≈ 20 MB here), so it is generous: exceljs keeps a
 * workbook's shared strings there (`sharedStrings: 'cache'`), and a file that needs more fails
 * with that reason instead of growing the hub. `CUR_IMPORT_OLD_MB`, `CUR_IMPORT_YOUNG_MB` override them
 * (for measurements).
 */
export const IMPORT_WORKER_LIMITS = {
  maxOldGenerationSizeMb: Number(process.env.CUR_IMPORT_OLD_MB ?? 256),
  maxYoungGenerationSizeMb: Number(process.env.CUR_IMPORT_YOUNG_MB ?? 4),
};

let bundled: URL | null = null;
/** Uses this bundled worker module (a benchmark measures the thread as the built hub runs it). */
export function useImportWorkerModule(file: string): void {
  bundled = pathToFileURL(file);
}

/**
 * The worker's module: the bundle's `out/hub/import-worker.js` beside `cli.js`, or, run from the
 * sources (tests, benches), `import-worker.ts` through tsx. Null when neither is there.
 */
function workerModule(): { script: URL | string; eval?: true } | null {
  if (bundled) return { script: bundled };
  const fromSource = import.meta.url.endsWith('.ts');
  const url = new URL(fromSource ? './import-worker.ts' : './import-worker.js', import.meta.url);
  if (url.protocol !== 'file:' || !existsSync(fileURLToPath(url))) return null;
  if (!fromSource) return { script: url };
  // From the sources: a bootstrap that registers tsx's loader in the thread, then imports the module
  // (a worker's `--import tsx` is not applied on Node 20).
  const api = pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  return { script: `import(${JSON.stringify(api)}).then((t) => { t.register(); return import(${JSON.stringify(url.href)}); });`, eval: true };
}

/** Whether a worker thread can be started here. */
export const importWorkerAvailable = (): boolean => workerModule() !== null;

/** The file's items, read and mapped in a worker thread; the thread is stopped when the consumer stops early. */
export async function* mapFileInWorker(job: Omit<WorkerInput, 'batch'> & { batch?: number }): AsyncGenerator<MappedItem> {
  const mod = workerModule();
  if (!mod) throw new Error('the import worker module is missing (out/hub/import-worker.js: run the build)');
  const worker = new Worker(mod.script, {
    workerData: { ...job, batch: job.batch ?? 500 } satisfies WorkerInput,
    resourceLimits: IMPORT_WORKER_LIMITS,
    ...(mod.eval && { eval: true }),
    stdout: false,
    stderr: false,
  });
  type Msg = { items: MappedItem[] } | { done: true } | { error: Error } | { exit: number };
  const queue: Msg[] = [];
  let wake: (() => void) | null = null;
  const push = (m: Msg) => {
    queue.push(m);
    const w = wake;
    wake = null;
    w?.();
  };
  worker.on('message', (m: Msg) => push(m));
  worker.on('error', (error) => push({ error }));
  worker.on('exit', (code) => push({ exit: code }));
  let finished = false;
  try {
    for (;;) {
      if (!queue.length) await new Promise<void>((r) => (wake = r));
      const m = queue.shift()!;
      if ('items' in m) {
        worker.postMessage('next'); // the worker reads the next batch while these are ingested: at most two batches in memory
        yield* m.items;
      } else if ('done' in m) {
        finished = true;
        return;
      } else if ('error' in m) {
        const oom = (m.error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
        throw new Error(
          oom
            ? `the file needs more memory than the import thread has (${IMPORT_WORKER_LIMITS.maxOldGenerationSizeMb} MB): ${m.error.message}`
            : `the import thread failed: ${m.error.message}`,
        );
      } else throw new Error(`the import thread ended (code ${m.exit}) before the end of the file`);
    }
  } finally {
    // Also after `done`: a handle exceljs or a stream left open must not keep one thread per import.
    if (!finished) await worker.terminate();
    else void worker.terminate();
  }
}
