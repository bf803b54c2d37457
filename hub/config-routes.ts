/**
 * The configuration API (issue 12); any reading token (wall, touch, presenter, admin) reads,
 * only an admin token writes:
 * - `GET /api/v1/config` → `[{name, version, updatedAt, updatedBy}]`
 * - `GET /api/v1/config/NAME` → `{name, version, updatedAt, updatedBy, body}`
 * - `PUT /api/v1/config/NAME` `{baseVersion, body, remap?}` → `200 {version}`; `400 {errors:
 *   [{path, message}]}` (Russian); `409 {error, latest}` when `baseVersion` is not the latest
 * - `GET /api/v1/config/NAME/history` → `{name, versions: [{version, updatedAt, updatedBy}]}`, newest first
 * - `GET /api/v1/config/NAME/history/VERSION` → that version with its body (the admin page's diffs)
 * - `POST /api/v1/config/NAME/rollback` `{version, remap?}` → a new version equal to that one
 * - `POST /api/v1/config/sectors/import[?preview=1][&baseVersion=N]`, a «BI: ЦУР РФ» CSV or XLSX
 *   body (an XLSX is told by its zip signature; its first sheet is read with exceljs, loaded then):
 *   `{added, changed, kept}` (preview), else the same and `version` once stored
 * No token or an unknown one: 401; a token of another role: 403. Reads take the token as
 * `Authorization: Bearer …` or `?token=`; writes only from the header.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isConfigName, publicConfigBody, type ConfigName } from '../app/config/documents';
import { importSectorRows, importSectorsCsv, type SectorImport } from '../app/config/sector-import';
import type { ConfigError } from '../app/config/config-errors';
import type { SectorRemap } from '../app/config/cross-checks';
import type { ConfigStore, SaveResult } from './config-store';
import { sendJson } from './http-routes';
import { authError, personOf, readingRoleOf, type TokenTable } from './tokens';

/** Largest configuration body (the organisation directory is ≈ 20 KB). */
export const MAX_CONFIG_BYTES = 2 * 1024 * 1024;

export interface ConfigApiDeps {
  tokens: TokenTable;
  store: ConfigStore;
}

const bearer = (req: IncomingMessage): string | undefined => /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];

function readText(req: IncomingMessage): Promise<string | null> {
  return readBytes(req).then((b) => (b === null ? null : b.toString('utf8')));
}

function readBytes(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_CONFIG_BYTES) chunks.push(c);
    });
    req.on('end', () => resolve(size > MAX_CONFIG_BYTES ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const bodyError = (message: string) => ({ errors: [{ path: '(тело запроса)', message }] });

/** The request's JSON object, or an answer already sent. */
async function readJson(req: IncomingMessage, res: ServerResponse): Promise<Record<string, unknown> | null> {
  const text = await readText(req);
  if (text === null) {
    sendJson(res, 413, bodyError(`тело запроса больше ${MAX_CONFIG_BYTES} байт`));
    return null;
  }
  try {
    const v = JSON.parse(text) as unknown;
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // answered below
  }
  sendJson(res, 400, bodyError('ожидается JSON-объект'));
  return null;
}

/** `remap` of a request: `{old: new}` of strings, or an error message. */
function remapOf(v: unknown): SectorRemap | undefined | string {
  if (v === undefined) return undefined;
  if (typeof v !== 'object' || v === null || Array.isArray(v) || !Object.values(v).every((x) => typeof x === 'string'))
    return 'remap: ожидается объект {"<старый сектор>": "<новый сектор>"}';
  return v as SectorRemap;
}

function answer(res: ServerResponse, r: SaveResult): void {
  const { status, ...rest } = r;
  sendJson(res, status, rest);
}

/** Handles `/api/v1/config…`; false for any other path. */
export function handleConfigApi(req: IncomingMessage, res: ServerResponse, url: URL, deps: ConfigApiDeps): boolean {
  const m = /^\/api\/v1\/config(?:\/([^/]+)(?:\/(history|rollback|import)(?:\/(\d{1,9}))?)?)?\/?$/.exec(url.pathname);
  if (!m) return false;
  const [, rawName, sub, versionPart] = m;
  const writing = req.method !== 'GET';
  // A write takes its token from the Authorization header only: a token in a URL ends up in
  // logs and histories, and a link must never be able to change the configuration.
  const token = bearer(req) ?? (writing ? undefined : (url.searchParams.get('token') ?? undefined));
  const grant = token ? deps.tokens.get(token) : undefined;
  if (writing) {
    const denied = authError(deps.tokens, token, 'admin');
    if (denied) {
      req.resume();
      sendJson(res, grant ? 403 : 401, { error: denied });
      return true;
    }
  } else if (!readingRoleOf(grant)) {
    sendJson(res, grant ? 403 : 401, {
      error: grant ? 'auth: this token does not read the configuration' : 'auth: a wall, touch, presenter or admin token is needed',
    });
    return true;
  }
  // The named holder of the token (issue 15), else its role.
  const who = personOf(deps.tokens, token)?.name ?? String(grant);
  if (rawName === undefined) {
    if (req.method !== 'GET') sendJson(res, 405, { error: 'use GET' });
    else sendJson(res, 200, deps.store.list());
    return true;
  }
  const name = decodeURIComponent(rawName);
  if (!isConfigName(name)) {
    req.resume();
    sendJson(res, 404, { error: `нет документа «${name.slice(0, 40)}»` });
    return true;
  }
  const route = `${req.method} ${sub ?? ''}${versionPart !== undefined ? '/N' : ''}`;
  const fail = (e: unknown) => sendJson(res, 500, { error: String((e as Error).message ?? e) });
  switch (route) {
    case 'GET ': {
      const v = deps.store.latest(name);
      // Officers' PINs only to an admin token (issue 15).
      sendJson(res, 200, {
        name,
        version: v.version,
        updatedAt: v.updatedAt,
        updatedBy: v.updatedBy,
        body: grant === 'admin' ? v.body : publicConfigBody(name, v.body),
      });
      return true;
    }
    case 'GET history':
      sendJson(res, 200, { name, versions: deps.store.history(name).map(({ version, updatedAt, updatedBy }) => ({ version, updatedAt, updatedBy })) });
      return true;
    case 'GET history/N': {
      const v = deps.store.version(name, Number(versionPart));
      if (!v) sendJson(res, 404, { error: `у документа ${name} нет версии ${versionPart}` });
      else sendJson(res, 200, { name, version: v.version, updatedAt: v.updatedAt, updatedBy: v.updatedBy, body: v.body });
      return true;
    }
    case 'PUT ':
      put(name, req, res, deps, who).catch(fail);
      return true;
    case 'POST rollback':
      rollback(name, req, res, deps, who).catch(fail);
      return true;
    case 'POST import':
      if (name !== 'sectors') {
        req.resume();
        sendJson(res, 404, { error: 'импорт есть только у документа sectors' });
      } else importSectors(req, res, url, deps, who).catch(fail);
      return true;
    default:
      req.resume();
      sendJson(res, 405, { error: `${req.method} is not allowed here` });
      return true;
  }
}

async function put(name: ConfigName, req: IncomingMessage, res: ServerResponse, deps: ConfigApiDeps, who: string): Promise<void> {
  const body = await readJson(req, res);
  if (!body) return;
  if (!Number.isInteger(body.baseVersion))
    return sendJson(res, 400, { errors: [{ path: 'baseVersion', message: 'ожидается номер версии, с которой начата правка (целое число)' }] });
  if (!('body' in body)) return sendJson(res, 400, { errors: [{ path: 'body', message: 'обязательное поле: новый текст документа' }] });
  const remap = remapOf(body.remap);
  if (typeof remap === 'string') return sendJson(res, 400, { errors: [{ path: 'remap', message: remap }] });
  answer(res, await deps.store.save(name, { baseVersion: body.baseVersion as number, body: body.body, remap }, who));
}

async function rollback(name: ConfigName, req: IncomingMessage, res: ServerResponse, deps: ConfigApiDeps, who: string): Promise<void> {
  const body = await readJson(req, res);
  if (!body) return;
  if (!Number.isInteger(body.version) || (body.version as number) < 1)
    return sendJson(res, 400, { errors: [{ path: 'version', message: 'ожидается номер версии, к которой вернуться (целое число ≥ 1)' }] });
  const remap = remapOf(body.remap);
  if (typeof remap === 'string') return sendJson(res, 400, { errors: [{ path: 'remap', message: remap }] });
  answer(res, await deps.store.rollback(name, body.version as number, who, remap));
}

async function importSectors(req: IncomingMessage, res: ServerResponse, url: URL, deps: ConfigApiDeps, who: string): Promise<void> {
  const bytes = await readBytes(req);
  if (bytes === null) return sendJson(res, 413, bodyError(`файл больше ${MAX_CONFIG_BYTES} байт`));
  const latest = deps.store.latest('sectors');
  const imported = isZip(bytes)
    ? await importSectorsXlsx(bytes, deps.store.bodies().sectors)
    : importSectorsCsv(bytes.toString('utf8'), deps.store.bodies().sectors);
  if (!imported.ok) return sendJson(res, 400, { errors: imported.errors });
  const { added, changed, kept, sectors } = imported.result;
  const summary = { added, changed, kept, baseVersion: latest.version };
  if (url.searchParams.get('preview') === '1') return sendJson(res, 200, { preview: true, ...summary });
  const base = url.searchParams.get('baseVersion');
  const r = await deps.store.save('sectors', { baseVersion: base === null ? latest.version : Number(base), body: sectors }, who, 'import');
  if (r.status !== 200) return answer(res, r);
  sendJson(res, 200, { ...summary, version: r.version });
}

/** An XLSX (a zip) starts with `PK\x03\x04`. */
const isZip = (b: Buffer) => b.length >= 4 && b.readUInt32LE(0) === 0x04034b50;

/** The first sheet of a «BI: ЦУР РФ» XLSX as rows of cell texts, through the same import as a CSV. */
async function importSectorsXlsx(
  bytes: Buffer,
  current: Parameters<typeof importSectorsCsv>[1],
): Promise<{ ok: true; result: SectorImport } | { ok: false; errors: ConfigError[] }> {
  // Loaded on the first XLSX upload, not with the hub: exceljs's modules stay out of the hub's heap.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    return { ok: false, errors: [{ path: 'xlsx', message: `файл XLSX не читается: ${(e as Error).message.slice(0, 120)}` }] };
  }
  const sheet = wb.worksheets[0];
  if (!sheet) return { ok: false, errors: [{ path: 'xlsx', message: 'в файле XLSX нет ни одного листа' }] };
  const rows: string[][] = [];
  // Row numbers as the spreadsheet shows them: blank rows keep their place (empty, skipped by the import).
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    const cells: string[] = [];
    for (let c = 1; c <= Math.max(3, row.cellCount); c++) cells.push(row.getCell(c).text ?? '');
    rows[n - 1] = cells;
  });
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  return importSectorRows(rows, current, 'xlsx');
}
