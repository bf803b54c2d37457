/**
 * The import worker thread (issue 14: «memory stays flat on large exports»): reads and maps
 * one file (`map-rows.ts`: exceljs, csv-parse, fast-xml-parser) and posts its items to the
 * hub's thread in batches, one batch at a time (the next only after the hub has taken the last:
 * back-pressure). The thread runs with a small heap (`resourceLimits`, `import-thread.ts`), so
 * the reader's and the mapping's garbage is collected within a few MB instead of being promoted
 * into the hub's large heap and kept as RSS. Started by `import-thread.ts`; bundled as
 * `out/hub/import-worker.js`.
 */
import { createReadStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { mapFile, type FileKind, type MapConfig, type MappedItem } from './map-rows';
import type { ImportFormat } from './types';

export interface WorkerInput {
  format: ImportFormat;
  kind: FileKind;
  file: string;
  config: MapConfig;
  now: number;
  /** Items per message. */
  batch: number;
}

const port = parentPort!;
const job = workerData as WorkerInput;
let taken: (() => void) | null = null;
let stop = false;
const onMessage = (m: 'next' | 'stop') => {
  if (m === 'stop') stop = true;
  const t = taken;
  taken = null;
  t?.();
};
port.on('message', onMessage);
const send = (items: MappedItem[]) =>
  new Promise<void>((resolve) => {
    taken = resolve;
    port.postMessage({ items });
  });

const input = createReadStream(job.file);
input.on('error', () => {}); // the reader sees it
let items: MappedItem[] = [];
try {
  for await (const item of mapFile(job.format, job.kind, input, job.config, job.now)) {
    items.push(item);
    if (items.length >= job.batch) {
      await send(items);
      items = [];
      if (stop) break;
    }
  }
  if (items.length && !stop) await send(items);
} finally {
  input.destroy();
}
port.postMessage({ done: true });
port.off('message', onMessage); // nothing else keeps the thread: it ends
