/**
 * One import run: read a file (stream), map each row with its format's importer (both in the
 * import thread, `import-thread.ts`, when the file is given by path), and send the entities through the hub's normal ingest (validation, redaction, applicant keys,
 * projection) in batches of at most 500 items. Idempotent and safe (issue 14):
 * - an entity whose content equals the stored one (compared as the hub would store it:
 *   validated, cleaned, redacted; hub-made keys and links aside) is `unchanged`, not sent,
 *   its version not raised: importing the same file twice changes nothing;
 * - versions: an entity's `version` is its source version in ms (the row's «updated» time,
 *   else its latest time) × 1000, plus a correction counter when the content changed under the
 *   same source version; an export older than what the hub holds is refused for that item
 *   (`stale-version`), so a newer export updates and an older one never rolls it back;
 * - a bad row is reported (`{row, field, reason}`) and never half-imported; a file that
 *   cannot be read further stops the run (`failed`) with what was read before imported;
 *   nothing is removed but what the source cancels: an earlier entity is never lost.
 */
import { entityKey, type Entity, type EntityRef } from '../../app/domain/entity';
import type { IngestResult } from '../ingest';
import { redactEntity } from '../redact';
import { checkEntity } from '../validate';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { DEFAULT_GIS_ZHKH_CONFIG, type GisZhkhConfig } from './gis-zhkh-outages';
import { DEFAULT_IM_MAPPING, imPostId } from './im';
import { importWorkerAvailable, mapFileInWorker } from './import-thread';
import { mapFile, type MapConfig, type MappedItem } from './map-rows';
import { DEFAULT_POS_MAPPING } from './pos';
import type { TableMapping } from './table-mapping';
import { reason, type ImportFormat, type MapResult, type RowError } from './types';

export interface ImportConfig {
  pos: TableMapping;
  im: TableMapping;
  gis: GisZhkhConfig;
  /** The hub's current reference documents the spreadsheet mappings resolve against (absent: the built-in ones). */
  reference?: Pick<MapConfig, 'topics' | 'organisations' | 'sectorIds'>;
}
export const DEFAULT_IMPORT_CONFIG: ImportConfig = { pos: DEFAULT_POS_MAPPING, im: DEFAULT_IM_MAPPING, gis: DEFAULT_GIS_ZHKH_CONFIG };

/** Most refused rows listed in a report (all are counted in `rejectedRows`). */
export const MAX_LISTED_REJECTS = 5000;
/**
 * Largest batch handed to the ingest (below its own limit, `MAX_BATCH_ITEMS`). Small, so that a
 * batch's items die young: with 1,000–10,000 they outlived the young generation's collections and
 * the process grew by +170 MB RSS on a 100,000-row import, with 500 by ≈ +100 (bench/README.md).
 */
export const IMPORT_BATCH = 500;

export interface ImportReport {
  id: string;
  /** null: an inbox file whose name says no format. */
  format: ImportFormat | null;
  status: 'running' | 'done' | 'failed';
  /** Data rows (XML: records) read so far. */
  rows: number;
  /** Rows that created at least one entity. */
  accepted: number;
  /** Rows that changed stored entities (or removed them: a cancelled outage). */
  updated: number;
  /** Rows whose entities the hub already holds as they are. */
  unchanged: number;
  /** Refused rows and refused parts of rows, at most {@link MAX_LISTED_REJECTS}. */
  rejected: RowError[];
  /** Rows refused as a whole. */
  rejectedRows: number;
  /** Why the whole file failed (status `failed`). */
  error?: string;
  startedAt: number;
  finishedAt?: number;
}

export interface ImportDeps {
  /** The hub's ingest (`RunningHub.ingest.ingest`). */
  ingest(source: string, body: { upserts: unknown[]; removes: unknown[] }): Promise<IngestResult>;
  /** The stored entity with this key (`FeedLog.get`). */
  stored(key: string): Entity | undefined;
  /** Ids of the stored entities (read once per ИМ import, to follow posts that ИМ regroups). */
  storedIds?(): Iterable<string>;
  now(): number;
}

export interface ImportRun {
  format: ImportFormat;
  /** The file, as a stream (read in this thread); `kind` says how to read it. */
  input?: Readable;
  /** The file, by path: read and mapped in a worker thread with a small heap (`import-thread.ts`), unless `thread` is `inline`. */
  file?: string;
  /** Where a `file` is read and mapped: `worker` (default where the worker module exists) or `inline` (this thread). */
  thread?: 'worker' | 'inline';
  kind: 'xlsx' | 'csv' | 'xml';
  config?: ImportConfig;
  /** The report to fill in (progress is visible while it runs). */
  report: ImportReport;
  batchSize?: number;
}

/** A fresh report for a run. */
export function newReport(id: string, format: ImportFormat | null, now: number): ImportReport {
  return { id, format, status: 'running', rows: 0, accepted: 0, updated: 0, unchanged: 0, rejected: [], rejectedRows: 0, startedAt: now };
}

/** Content of an entity as the hub compares it: no version, no hub-made keys or links. */
function comparable(e: Entity): string {
  const o = { ...e } as Record<string, unknown>;
  for (const k of ['version', 'applicant', 'applicantKey', 'objectKey', 'repeatOf']) delete o[k];
  return JSON.stringify(
    Object.keys(o)
      .sort()
      .map((k) => [k, o[k]]),
  );
}

/** The stored form of a raw entity (validated with a permissive context, redacted), or null when the hub will refuse it. */
function storedForm(raw: Record<string, unknown>): Entity | null {
  const r = checkEntity(raw, { now: Number.MAX_SAFE_INTEGER / 2, stored: () => undefined, insideRepublic: () => true });
  return r.ok ? redactEntity(r.value) : null;
}

const VERSION_SCALE = 1000;

type Outcome = 'accepted' | 'updated' | 'unchanged';
const RANK: Record<Outcome, number> = { unchanged: 0, updated: 1, accepted: 2 };

/** Runs one import to its end; never throws (a failure is the report's `failed` status). */
export async function runImport(run: ImportRun, deps: ImportDeps): Promise<ImportReport> {
  const report = run.report;
  const cfg = run.config ?? DEFAULT_IMPORT_CONFIG;
  const batchSize = Math.min(run.batchSize ?? IMPORT_BATCH, IMPORT_BATCH);
  const source = `import:${run.format}`;
  const reject = (e: RowError) => void (report.rejected.length < MAX_LISTED_REJECTS && report.rejected.push(e));

  // The batch being built: each item remembers its row and what it would do to it.
  let upserts: Record<string, unknown>[] = [];
  let removes: EntityRef[] = [];
  let upsertItems: { row: number; outcome: Outcome }[] = [];
  let removeItems: { row: number; outcome: Outcome }[] = [];
  const batchKeys = new Set<string>();
  /** Rows with items in flight: their count, the best outcome of the stored ones, refusals. */
  const rowState = new Map<number, { items: number; outcome: Outcome | null; refused: number }>();
  const settle = (row: number) => {
    const s = rowState.get(row)!;
    if (s.items > 0) return;
    rowState.delete(row);
    if (s.outcome) report[s.outcome]++;
    else if (s.refused > 0) report.rejectedRows++;
    else report.unchanged++;
  };

  const imPosts = new Map<string, string>();
  if (run.format === 'im')
    for (const id of deps.storedIds?.() ?? []) {
      const post = imPostId(id);
      if (post) imPosts.set(post, id);
    }

  async function flush(): Promise<void> {
    if (upserts.length === 0 && removes.length === 0) return;
    const body = { upserts, removes };
    const items = { upserts: upsertItems, removes: removeItems };
    upserts = [];
    removes = [];
    upsertItems = [];
    removeItems = [];
    batchKeys.clear();
    const result = await deps.ingest(source, body);
    const refused = new Set<string>();
    for (const r of result.rejected) {
      const item = (r.field === 'removes' ? items.removes : items.upserts)[r.index];
      if (!item) continue;
      refused.add(`${r.field}:${r.index}`);
      reject({ row: item.row, field: r.field === 'removes' ? 'remove' : 'entity', reason: reason(r.reason, r.detail) });
    }
    for (const [field, list] of Object.entries(items)) {
      list.forEach((item, i) => {
        const s = rowState.get(item.row)!;
        if (refused.has(`${field}:${i}`)) s.refused++;
        else if (!s.outcome || RANK[item.outcome] > RANK[s.outcome]) s.outcome = item.outcome;
        s.items--;
        settle(item.row);
      });
    }
  }

  /** One row's mapped entities into the batch. */
  async function add(row: number, m: MapResult): Promise<void> {
    if (!m.ok) {
      report.rejectedRows++;
      m.errors.forEach(reject);
      return;
    }
    m.value.notes.forEach(reject);
    const state = { items: 0, outcome: null as Outcome | null, refused: 0 };
    rowState.set(row, state);
    for (const raw of m.value.upserts) {
      const key = entityKey(raw as EntityRef);
      if (batchKeys.has(key)) await flush(); // the same item twice in a batch: send the first before comparing the second
      const sourceVersion = Math.max(0, Math.floor(Number(raw.version) || 0));
      const stored = deps.stored(key);
      // Compared only with a stored item (a new one is validated and redacted once, by the ingest).
      const candidate = stored ? storedForm(raw) : null;
      let version = sourceVersion * VERSION_SCALE;
      if (stored && candidate) {
        if (comparable(stored) === comparable(candidate)) continue;
        const storedSource = Math.floor(stored.version / VERSION_SCALE);
        if (sourceVersion < storedSource) {
          state.refused++;
          reject({
            row,
            field: 'version',
            reason: reason(
              'stale-version',
              `the hub holds ${key} from a newer export (source version ${new Date(storedSource).toISOString()}); this row is of ${new Date(sourceVersion).toISOString()}`,
            ),
          });
          continue;
        }
        if (sourceVersion === storedSource) version = stored.version + 1;
      }
      const outcome: Outcome = stored ? 'updated' : 'accepted';
      if (run.format === 'im') {
        const post = imPostId(String(raw.id));
        const before = post ? imPosts.get(post) : undefined;
        if (post && before && before !== raw.id && deps.stored(entityKey({ kind: 'appeal', id: before }))) {
          removes.push({ kind: 'appeal', id: before });
          removeItems.push({ row, outcome: 'updated' });
          state.items++;
        }
        if (post) imPosts.set(post, String(raw.id));
      }
      upserts.push({ ...raw, version });
      upsertItems.push({ row, outcome });
      batchKeys.add(key);
      state.items++;
    }
    for (const ref of m.value.removes) {
      if (!deps.stored(entityKey(ref))) continue;
      removes.push(ref);
      removeItems.push({ row, outcome: 'updated' });
      state.items++;
    }
    if (state.items === 0) {
      // Nothing to send: unchanged, unless a part was refused (an older export).
      state.items = 0;
      settle(row);
    }
    if (upserts.length + removes.length >= batchSize) await flush();
  }

  const mapConfig: MapConfig = run.format === 'gis-zhkh-outages' ? { gis: cfg.gis } : { mapping: run.format === 'pos' ? cfg.pos : cfg.im, ...cfg.reference };
  let input: Readable | undefined;
  let items: AsyncGenerator<MappedItem>;
  if (run.file && run.thread !== 'inline' && importWorkerAvailable())
    items = readFailures(mapFileInWorker({ format: run.format, kind: run.kind, file: run.file, config: mapConfig, now: deps.now() }));
  else {
    input = run.input ?? createReadStream(run.file!);
    input.on('error', () => {}); // the reader sees it
    items = mapFile(run.format, run.kind, input, mapConfig, deps.now());
  }

  try {
    for await (const item of items) {
      if ('refused' in item) throw new FileRefused(item.refused, item.errors);
      if ('error' in item) {
        if (item.counted) {
          report.rows++;
          report.rejectedRows++;
        }
        reject(item.error);
        continue;
      }
      report.rows++;
      await add(item.row, item.result);
    }
    await flush();
    report.status = 'done';
  } catch (thrown) {
    let e = thrown;
    try {
      if (e instanceof FileRefused) await flush(); // the rows read before the fault are whole: keep them
    } catch (e2) {
      e = e2;
    }
    report.status = 'failed';
    report.error = e instanceof FileRefused ? e.message : `not stored: ${(e as Error).message}`;
    if (e instanceof FileRefused) e.rowErrors.forEach(reject);
    await items.return(undefined); // stops the worker thread
    input?.destroy();
  }
  report.finishedAt = deps.now();
  return report;
}

/** The thread's own failures (out of memory) as a refusal of the rest of the file: the rows read before are whole and kept. */
async function* readFailures(items: AsyncGenerator<MappedItem>): AsyncGenerator<MappedItem> {
  try {
    yield* items;
  } catch (e) {
    throw new FileRefused((e as Error).message);
  }
}

/** The file as a whole cannot be (further) read. */
export class FileRefused extends Error {
  constructor(
    message: string,
    readonly rowErrors: readonly RowError[] = [],
  ) {
    super(message);
  }
}

/** How to read a file, from its name (or a content type). */
export function fileKind(name: string, contentType = ''): 'xlsx' | 'csv' | 'xml' | null {
  const n = name.toLowerCase();
  if (n.endsWith('.xlsx') || /spreadsheetml/.test(contentType)) return 'xlsx';
  if (n.endsWith('.csv') || /text\/csv/.test(contentType)) return 'csv';
  if (n.endsWith('.xml') || /\bxml\b/.test(contentType)) return 'xml';
  return null;
}
