/**
 * Real data in (issue 14): the two ways a source export reaches the hub.
 * - `POST /api/v1/import?format=gis-zhkh-outages|pos|im` (Bearer ingest or admin token; body = the
 *   file, XLSX/CSV/XML, ≤ 256 MB; `kind=xlsx|csv|xml` or the content type, else sniffed) →
 *   `202 {importId}` once the file is received (kept in a temporary file, so memory stays
 *   flat); `GET /api/v1/import/ID` (ingest or admin token) → the report: `{status: "running" |
 *   "done" | "failed", rows, accepted, updated, unchanged, rejected: [{row, field, reason}], …}`.
 * - a watched inbox (`--inbox DIR`): a file dropped there (named `pos-…`, `im-…` or
 *   `gis-zhkh-outages-…`/any `.xml`) is imported once its size has stayed the same for one
 *   poll, then moved to `DIR/done/` or `DIR/failed/` with `<name>.report.json` beside it.
 * Imports run one at a time, in the order they came, through the hub's normal ingest
 * (`run-import.ts`), so validation, redaction, applicant keys and projection apply.
 */
import { randomUUID } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readSync,
  closeSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FeedLog } from './feed-log';
import { sendJson } from './http-routes';
import type { Ingest } from './ingest';
import { DEFAULT_IMPORT_CONFIG, fileKind, newReport, runImport, type ImportConfig, type ImportReport } from './import/run-import';
import { MAX_PREVIEW_ROWS, previewImport } from './import/preview';
import { TableMappingSchema, type TableMapping } from './import/table-mapping';
import { IMPORT_FORMATS, type ImportFormat } from './import/types';
import { configErrors, type ConfigError } from '../app/config/config-errors';
import type { ConfigStore } from './config-store';
import { DEFAULT_IM_MAPPING } from './import/im';
import { DEFAULT_POS_MAPPING } from './import/pos';
import { authError, personOf, type TokenTable } from './tokens';

/** Largest import body. */
export const MAX_IMPORT_BYTES = 256 * 1024 * 1024;
/** Imports waiting or running at once; beyond: 429. */
export const MAX_QUEUED_IMPORTS = 16;
/** Reports kept for `GET /api/v1/import/ID` (the oldest finished ones go first). */
const KEPT_REPORTS = 200;

export interface ImportDeps {
  tokens: TokenTable;
  ingest: Ingest;
  log: FeedLog;
  config?: ImportConfig;
  /** `--import-config DIR`: where the current mappings are mirrored (`pos.json`, `im.json`) whenever their documents change. */
  configDir?: string;
  /**
   * The hub's configuration documents: the ПОС and ИМ mappings are the documents `import-pos`
   * and `import-im` (versions, history, rollback). A mapping in `config` other than the built-in
   * one (from `--import-config`) that differs from the document is stored as its next version.
   * Absent: the mappings of `config`, replaced by `PUT /api/v1/import/mapping` until the hub stops.
   */
  store?: ConfigStore;
  now?: () => number;
}

export interface Imports {
  /** Handles `/api/v1/import…`; false for other paths. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): boolean;
  /** Imports a file now (queued behind running imports); resolves with its final report. */
  importFile(file: string, format: ImportFormat, kind: 'xlsx' | 'csv' | 'xml'): Promise<ImportReport>;
  report(id: string): ImportReport | undefined;
  /** Watches an inbox folder until `close`. */
  watchInbox(dir: string, pollMs?: number): void;
  close(): Promise<void>;
}

/** The configuration document of each spreadsheet format's mapping. */
export const MAPPING_DOC = { pos: 'import-pos', im: 'import-im' } as const;

/** JSON with the keys of every object sorted (two mappings compared by content). */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : x,
  );
}

const bearer = (req: IncomingMessage): string | undefined => /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];

/** XLSX is a zip (`PK`), XML starts with `<` (after a BOM and spaces); anything else is read as CSV. */
function sniffKind(file: string): 'xlsx' | 'csv' | 'xml' {
  const fd = openSync(file, 'r');
  const buf = Buffer.alloc(64);
  const n = readSync(fd, buf, 0, 64, 0);
  closeSync(fd);
  const head = buf
    .subarray(0, n)
    .toString('latin1')
    .replace(/^\xef\xbb\xbf/, '')
    .trimStart();
  if (head.startsWith('PK')) return 'xlsx';
  if (head.startsWith('<')) return 'xml';
  return 'csv';
}

/** A file stream whose errors only its reader sees (a run that refuses the file early never reads it). */
function quietStream(file: string) {
  const s = createReadStream(file);
  s.on('error', () => {});
  return s;
}

/** The format an inbox file's name says, or null. */
export function formatOfName(name: string): ImportFormat | null {
  const n = name.toLowerCase();
  for (const f of [...IMPORT_FORMATS].sort((a, b) => b.length - a.length)) if (n.startsWith(f)) return f;
  if (n.startsWith('gis')) return 'gis-zhkh-outages';
  if (n.endsWith('.xml')) return 'gis-zhkh-outages';
  return null;
}

export function createImports(deps: ImportDeps): Imports {
  const now = deps.now ?? Date.now;
  const reports = new Map<string, ImportReport>();
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'cur-hub-import-'));
  let queue: Promise<unknown> = Promise.resolve();
  let waiting = 0;
  let closed = false;
  const timers: NodeJS.Timeout[] = [];
  /** The configuration imports use; the admin page replaces its mappings (`PUT /api/v1/import/mapping`). */
  let config: ImportConfig = deps.config ?? DEFAULT_IMPORT_CONFIG;
  const store = deps.store;
  if (store) {
    const builtIn = { pos: DEFAULT_POS_MAPPING, im: DEFAULT_IM_MAPPING };
    for (const format of ['pos', 'im'] as const) {
      const given = config[format];
      if (given === builtIn[format] || canonical(given) === canonical(store.bodies()[MAPPING_DOC[format]])) continue;
      // Synchronous for a single hub's log (a cluster's commit may finish later).
      void store
        .save(MAPPING_DOC[format], { baseVersion: store.latest(MAPPING_DOC[format]).version, body: given }, '--import-config', `seed from ${format}.json`)
        .then((r) => {
          if (r.status === 200) console.log(`hub: import mapping ${format}: ${format}.json of --import-config stored as ${MAPPING_DOC[format]} v${r.version}`);
          else console.error(`hub: import mapping ${format}: ${format}.json of --import-config not stored: ${JSON.stringify(r)}`);
        })
        // A cluster's commit can fail (NATS unreachable past its retries): said, not a crash at start.
        .catch((e: Error) => console.error(`hub: import mapping ${format}: ${format}.json of --import-config not stored: ${e.message}`));
    }
    // The folder mirrors the documents, so that it seeds the same mappings after a restart.
    if (deps.configDir)
      store.onChange((v) => {
        const format = v.name === MAPPING_DOC.pos ? 'pos' : v.name === MAPPING_DOC.im ? 'im' : null;
        if (!format) return;
        try {
          writeFileSync(path.join(deps.configDir!, `${format}.json`), `${JSON.stringify(v.body, null, 2)}\n`);
        } catch (e) {
          console.error(`hub: import mapping ${format}: could not write ${format}.json: ${(e as Error).message}`);
        }
      });
  }
  /** The configuration of the next import: the current mapping documents. */
  const current = (): ImportConfig => {
    if (!store) return config;
    const b = store.bodies();
    return {
      ...config,
      pos: b[MAPPING_DOC.pos],
      im: b[MAPPING_DOC.im],
      reference: { topics: b.topics, organisations: b.organisations, sectorIds: b.sectors.map((x) => x.id) },
    };
  };

  function keep(r: ImportReport): void {
    reports.set(r.id, r);
    if (reports.size <= KEPT_REPORTS) return;
    for (const [id, old] of reports) {
      if (old.status !== 'running') {
        reports.delete(id);
        break;
      }
    }
  }

  /** Queues one run; the report is visible (running) at once. */
  function enqueue(
    file: string,
    format: ImportFormat,
    kind: 'xlsx' | 'csv' | 'xml',
    after?: () => void,
  ): { report: ImportReport; done: Promise<ImportReport> } {
    const report = newReport(randomUUID(), format, now());
    keep(report);
    waiting++;
    const done = queue
      .then(() =>
        runImport(
          { format, kind, file, config: current(), report },
          {
            ingest: (source, body) => deps.ingest.ingest(source, body),
            stored: (k) => deps.log.get(k),
            storedIds: () =>
              deps.log
                .snapshot()
                .entities.filter((e) => e.kind === 'appeal')
                .map((e) => e.id),
            now,
          },
        ),
      )
      .finally(() => {
        waiting--;
        after?.();
      });
    queue = done.catch(() => undefined);
    return { report, done };
  }

  /** Answers 401/403 (and drains the body) unless the bearer token has one of `roles`. */
  function refused(req: IncomingMessage, res: ServerResponse, roles: readonly ('ingest' | 'admin')[]): boolean {
    const token = bearer(req);
    let denied: string | null | undefined = null;
    for (const role of roles) {
      denied = authError(deps.tokens, token, role);
      if (!denied) return false;
    }
    req.resume();
    sendJson(res, token && deps.tokens.has(token) ? 403 : 401, { error: denied });
    return true;
  }

  async function upload(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    // The admin page uploads with the curator's admin token (issue 14's «upload on the admin page»).
    if (refused(req, res, ['ingest', 'admin'])) return;
    const format = url.searchParams.get('format') as ImportFormat | null;
    if (!format || !IMPORT_FORMATS.includes(format)) {
      req.resume();
      return sendJson(res, 400, { error: `format: one of ${IMPORT_FORMATS.join(', ')} expected` });
    }
    const kindParam = url.searchParams.get('kind');
    if (kindParam !== null && !['xlsx', 'csv', 'xml'].includes(kindParam)) {
      req.resume();
      return sendJson(res, 400, { error: 'kind: xlsx, csv or xml expected' });
    }
    if (waiting >= MAX_QUEUED_IMPORTS) {
      req.resume();
      res.setHeader('retry-after', '10');
      return sendJson(res, 429, { error: `${MAX_QUEUED_IMPORTS} imports are waiting already; retry later` });
    }
    if (Number(req.headers['content-length'] ?? 0) > MAX_IMPORT_BYTES) {
      req.resume();
      return sendJson(res, 413, { error: `file larger than ${MAX_IMPORT_BYTES} bytes` });
    }
    const file = await receive(req, res);
    if (!file) return;
    const kind = (kindParam as 'xlsx' | 'csv' | 'xml' | null) ?? fileKind('', req.headers['content-type'] ?? '') ?? sniffKind(file);
    const { report } = enqueue(file, format, kind, () => rmSync(file, { force: true }));
    sendJson(res, 202, { importId: report.id });
  }

  /** The request body into a temporary file (memory stays flat); null when refused (answered). */
  async function receive(req: IncomingMessage, res: ServerResponse): Promise<string | null> {
    const file = path.join(tmp, randomUUID());
    let size = 0;
    try {
      await pipeline(
        req,
        async function* (source: AsyncIterable<Buffer>) {
          for await (const chunk of source) {
            size += chunk.length;
            if (size > MAX_IMPORT_BYTES) throw new RangeError('too large');
            yield chunk;
          }
        },
        createWriteStream(file),
      );
    } catch (e) {
      rmSync(file, { force: true });
      sendJson(res, e instanceof RangeError ? 413 : 400, {
        error: e instanceof RangeError ? `file larger than ${MAX_IMPORT_BYTES} bytes` : 'could not read the body',
      });
      return null;
    }
    if (size === 0) {
      rmSync(file, { force: true });
      sendJson(res, 400, { error: 'empty body: send the export file as the body' });
      return null;
    }
    return file;
  }

  /** `format` of a request, or null after answering 400. */
  function formatOf(res: ServerResponse, url: URL, only: readonly ImportFormat[] = IMPORT_FORMATS): ImportFormat | null {
    const format = url.searchParams.get('format') as ImportFormat | null;
    if (format && only.includes(format)) return format;
    sendJson(res, 400, { error: `format: one of ${only.join(', ')} expected`, errors: [{ path: 'format', message: `формат: один из ${only.join(', ')}` }] });
    return null;
  }

  /** A mapping document checked: the mapping, or `{errors}` in Russian by field. */
  function checkMapping(raw: unknown, format: 'pos' | 'im'): { mapping: TableMapping } | { errors: ConfigError[] } {
    const r = TableMappingSchema.safeParse(raw);
    if (!r.success) return { errors: configErrors('', r.error) };
    if (r.data.format !== format) return { errors: [{ path: 'format', message: `ожидается «${format}»: это сопоставление для другого формата` }] };
    return { mapping: r.data };
  }

  /** `POST /api/v1/import/preview?format=…[&rows=N][&kind=…]`: body = the file; header `x-import-mapping`: the mapping to try (base64 of its JSON), else the hub's. */
  async function preview(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (refused(req, res, ['ingest', 'admin'])) return;
    const format = formatOf(res, url);
    if (!format) return void req.resume();
    const kindParam = url.searchParams.get('kind');
    const rows = Number(url.searchParams.get('rows') ?? 20);
    if ((kindParam !== null && !['xlsx', 'csv', 'xml'].includes(kindParam)) || !Number.isInteger(rows) || rows < 1 || rows > MAX_PREVIEW_ROWS) {
      req.resume();
      return sendJson(res, 400, {
        error: `kind: xlsx, csv or xml; rows: 1–${MAX_PREVIEW_ROWS}`,
        errors: [
          {
            path: kindParam !== null && !['xlsx', 'csv', 'xml'].includes(kindParam) ? 'kind' : 'rows',
            message: `kind: xlsx, csv или xml; rows: от 1 до ${MAX_PREVIEW_ROWS}`,
          },
        ],
      });
    }
    const cfg = current();
    let mapping: TableMapping | undefined = format === 'pos' ? cfg.pos : format === 'im' ? cfg.im : undefined;
    const header = req.headers['x-import-mapping'];
    if (typeof header === 'string' && format !== 'gis-zhkh-outages') {
      let raw: unknown;
      try {
        raw = JSON.parse(Buffer.from(header, 'base64').toString('utf8'));
      } catch {
        req.resume();
        return sendJson(res, 400, {
          error: 'x-import-mapping: base64 of a JSON mapping expected',
          errors: [{ path: '(документ)', message: 'сопоставление не читается: ожидается JSON (в заголовке x-import-mapping, base64)' }],
        });
      }
      const c = checkMapping(raw, format);
      if ('errors' in c) {
        req.resume();
        return sendJson(res, 400, { error: 'the mapping is refused', errors: c.errors });
      }
      mapping = c.mapping;
    }
    const file = await receive(req, res);
    if (!file) return;
    try {
      const kind = (kindParam as 'xlsx' | 'csv' | 'xml' | null) ?? fileKind('', req.headers['content-type'] ?? '') ?? sniffKind(file);
      sendJson(res, 200, await previewImport(format, kind, quietStream(file), { mapping, gis: cfg.gis, reference: cfg.reference }, rows, now()));
    } finally {
      rmSync(file, { force: true });
    }
  }

  /**
   * `GET|PUT /api/v1/import/mapping?format=pos|im`: the mapping imports use (the document
   * `import-pos` / `import-im`, `version` its document version); PUT (admin token) stores the
   * body as the document's next version (400 `{errors}` by field, Russian).
   */
  async function mappingRoute(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const write = req.method === 'PUT';
    if (refused(req, res, write ? ['admin'] : ['ingest', 'admin'])) return;
    const format = formatOf(res, url, ['pos', 'im']) as 'pos' | 'im' | null;
    if (!format) return void req.resume();
    const stored = deps.configDir ? path.join(deps.configDir, `${format}.json`) : null;
    const doc = MAPPING_DOC[format];
    const docVersion = () => (store ? { document: doc, documentVersion: store.latest(doc).version } : {});
    if (!write) return sendJson(res, 200, { mapping: current()[format], storedIn: stored && existsSync(stored) ? stored : null, ...docVersion() });
    let text = '';
    for await (const chunk of req as AsyncIterable<Buffer>) {
      text += chunk.toString('utf8');
      if (text.length > 1024 * 1024) return sendJson(res, 413, { error: 'mapping larger than 1 MB' });
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return sendJson(res, 400, { error: 'not JSON', errors: [{ path: '(документ)', message: 'тело запроса не JSON' }] });
    }
    const c = checkMapping(raw, format);
    if ('errors' in c) return sendJson(res, 400, { error: 'the mapping is refused', errors: c.errors });
    if (store) {
      const token = bearer(req);
      const who = (token && personOf(deps.tokens, token)?.name) ?? 'admin';
      const r = await store.save(doc, { baseVersion: store.latest(doc).version, body: raw }, who);
      if (r.status === 400)
        // Paths as this route has always given them: from the mapping's root, not the document's name.
        return sendJson(res, 400, {
          error: 'the mapping is refused',
          errors: r.errors.map((e) => ({ ...e, path: e.path.replace(new RegExp(`^${doc}\\.?`), '') || '(документ)' })),
        });
      if (r.status !== 200) return sendJson(res, r.status, r);
    } else {
      if (stored) writeFileSync(stored, `${JSON.stringify(c.mapping, null, 2)}\n`);
      config = { ...config, [format]: c.mapping };
    }
    sendJson(res, 200, { mapping: current()[format], storedIn: stored, ...docVersion() });
  }

  function handle(req: IncomingMessage, res: ServerResponse, url: URL): boolean {
    if (url.pathname === '/api/v1/import/preview') {
      if (req.method !== 'POST') sendJson(res, 405, { error: 'use POST' });
      else preview(req, res, url).catch((e: Error) => sendJson(res, 500, { error: String(e.message) }));
      return true;
    }
    if (url.pathname === '/api/v1/import/mapping') {
      if (req.method !== 'GET' && req.method !== 'PUT') sendJson(res, 405, { error: 'use GET or PUT' });
      else mappingRoute(req, res, url).catch((e: Error) => sendJson(res, 500, { error: String(e.message) }));
      return true;
    }
    if (url.pathname === '/api/v1/import') {
      if (req.method !== 'POST') sendJson(res, 405, { error: 'use POST' });
      else upload(req, res, url).catch((e: Error) => sendJson(res, 500, { error: String(e.message) }));
      return true;
    }
    const m = /^\/api\/v1\/import\/([\w-]{1,64})$/.exec(url.pathname);
    if (!m) return false;
    if (req.method !== 'GET') {
      sendJson(res, 405, { error: 'use GET' });
      return true;
    }
    const token = bearer(req);
    if (authError(deps.tokens, token, 'ingest') && authError(deps.tokens, token, 'admin')) {
      sendJson(res, token && deps.tokens.has(token) ? 403 : 401, { error: 'auth: an ingest or admin token is needed' });
      return true;
    }
    const r = reports.get(m[1]!);
    if (!r) sendJson(res, 404, { error: 'no such import (reports are kept for the last 200 imports, until the hub restarts)' });
    else sendJson(res, 200, r);
    return true;
  }

  function watchInbox(dir: string, pollMs = 1000): void {
    for (const sub of ['done', 'failed', '.processing']) mkdirSync(path.join(dir, sub), { recursive: true });
    const seen = new Map<string, string>();
    const busy = new Set<string>();
    /** Moves `from` into `folder` under its own name, or a dated one when taken. */
    const moveTo = (from: string, folder: string, name: string): string => {
      let to = path.join(dir, folder, name);
      if (existsSync(to)) {
        const ext = path.extname(name);
        to = path.join(dir, folder, `${path.basename(name, ext)}-${new Date(now()).toISOString().replace(/[:.]/g, '-')}${ext}`);
      }
      renameSync(from, to);
      return to;
    };
    const finish = (file: string, name: string, r: ImportReport) => {
      if (closed) return;
      try {
        const to = moveTo(file, r.status === 'done' ? 'done' : 'failed', name);
        writeFileSync(`${to}.report.json`, `${JSON.stringify(r, null, 2)}\n`);
        console.log(
          `hub: inbox: ${name}: ${r.status}, ${r.rows} rows: ${r.accepted} new, ${r.updated} updated, ${r.unchanged} unchanged, ${r.rejectedRows} refused${r.error ? ` (${r.error})` : ''}`,
        );
      } catch (e) {
        console.error(`hub: inbox: ${name}: could not move it out of the inbox: ${(e as Error).message}`);
      } finally {
        busy.delete(name);
      }
    };
    const start = (name: string, file: string) => {
      const format = formatOfName(name);
      const kind = fileKind(name) ?? sniffKind(file);
      busy.add(name);
      if (!format) {
        const r = newReport(randomUUID(), null, now());
        r.status = 'failed';
        r.error = 'cannot tell the format from the file name: name it pos-…, im-… or gis-zhkh-outages-… (an .xml is taken as ГИС ЖКХ)';
        r.finishedAt = now();
        keep(r);
        return finish(file, name, r);
      }
      void enqueue(file, format, kind).done.then((r) => finish(file, name, r));
    };
    // Files left in .processing by a hub that stopped mid-import: import them again (imports are idempotent).
    for (const name of readdirSync(path.join(dir, '.processing'))) start(name, path.join(dir, '.processing', name));
    const poll = () => {
      if (closed) return;
      let names: string[] = [];
      try {
        names = readdirSync(dir);
      } catch (e) {
        console.error(`hub: inbox ${dir}: ${(e as Error).message}`);
      }
      for (const name of names) {
        if (name.startsWith('.') || name.startsWith('~$') || /\.(part|tmp|crdownload|report\.json)$/i.test(name) || busy.has(name)) continue;
        const file = path.join(dir, name);
        let st;
        try {
          st = statSync(file);
        } catch {
          continue;
        }
        if (!st.isFile()) continue;
        const sig = `${st.size}:${st.mtimeMs}`;
        if (seen.get(name) !== sig) {
          seen.set(name, sig); // still being written, or new: wait one more poll
          continue;
        }
        seen.delete(name);
        let moved: string;
        try {
          moved = moveTo(file, '.processing', name);
        } catch {
          continue;
        }
        start(path.basename(moved), moved);
      }
    };
    const t = setInterval(poll, pollMs);
    t.unref();
    timers.push(t);
    poll();
  }

  return {
    handle,
    importFile: (file, format, kind) => enqueue(file, format, kind).done,
    report: (id) => reports.get(id),
    watchInbox,
    async close() {
      closed = true;
      for (const t of timers) clearInterval(t);
      await queue;
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}
