/**
 * The admin page's calls to the hub's configuration and import API (hub/config-routes.ts,
 * hub/import-routes.ts). The token goes in the `Authorization` header (the hub takes writes
 * from it only). Every answer comes back as `{status, body}`; network failures as status 0
 * with a Russian message, so the page never throws at the curator.
 */
import type { ConfigError } from '../../app/config/config-errors';

export interface DocMeta {
  name: string;
  version: number;
  updatedAt: number;
  updatedBy: string;
}

export interface DocVersion extends DocMeta {
  body: unknown;
}

export interface Answer<T> {
  status: number;
  body: T;
}

/** What a refused write says: field errors (400), or one line (401/403/409/5xx). */
export interface Refusal {
  errors?: ConfigError[];
  error?: string;
  latest?: number;
}

export class AdminApi {
  constructor(
    private readonly hub: string,
    private readonly token: string,
  ) {}

  private async call<T>(method: string, path: string, body?: BodyInit, type = 'application/json', headers: Record<string, string> = {}): Promise<Answer<T>> {
    try {
      const r = await fetch(`${this.hub}${path}`, {
        method,
        headers: { authorization: `Bearer ${this.token}`, ...(body !== undefined ? { 'content-type': type } : {}), ...headers },
        ...(body !== undefined ? { body } : {}),
      });
      const text = await r.text();
      let parsed: unknown = null;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        parsed = { error: text.slice(0, 300) };
      }
      return { status: r.status, body: parsed as T };
    } catch (e) {
      return { status: 0, body: { error: `нет связи с хабом: ${(e as Error).message}` } as T };
    }
  }

  list = () => this.call<DocMeta[]>('GET', '/api/v1/config');
  get = (name: string) => this.call<DocVersion>('GET', `/api/v1/config/${name}`);
  history = (name: string) => this.call<{ versions: DocMeta[] }>('GET', `/api/v1/config/${name}/history`);
  version = (name: string, v: number) => this.call<DocVersion>('GET', `/api/v1/config/${name}/history/${v}`);
  /** `remap` (sectors only): `{removed sector: sector its open appeals move to}`, the curator's confirmation. */
  save = (name: string, baseVersion: number, body: unknown, remap?: Record<string, string>) =>
    this.call<{ version: number; remapped?: number } & Refusal>(
      'PUT',
      `/api/v1/config/${name}`,
      JSON.stringify({ baseVersion, body, ...(remap ? { remap } : {}) }),
    );
  rollback = (name: string, version: number) =>
    this.call<{ version: number } & Refusal>('POST', `/api/v1/config/${name}/rollback`, JSON.stringify({ version }));
  /** Sectors from a «BI: ЦУР РФ» list (CSV text or XLSX bytes): preview or apply. */
  importSectors = (file: Blob, preview: boolean, baseVersion?: number) =>
    this.call<SectorImportAnswer>(
      'POST',
      `/api/v1/config/sectors/import?${preview ? 'preview=1' : `baseVersion=${baseVersion ?? ''}`}`,
      file,
      file.type || 'application/octet-stream',
    );
  /** A source export (ПОС, ИМ, ГИС ЖКХ) into the feed: `202 {importId}`. */
  importFeed = (format: string, file: Blob) =>
    this.call<{ importId?: string; error?: string }>('POST', `/api/v1/import?format=${format}`, file, file.type || 'application/octet-stream');
  importReport = (id: string) => this.call<ImportReportView>('GET', `/api/v1/import/${id}`);
  /** The column mapping imports of `format` (pos, im) use. */
  importMapping = (format: string) =>
    this.call<{ mapping?: ImportMappingView; storedIn?: string | null; document?: string; documentVersion?: number } & Refusal>(
      'GET',
      `/api/v1/import/mapping?format=${format}`,
    );
  saveImportMapping = (format: string, mapping: ImportMappingView) =>
    this.call<{ mapping?: ImportMappingView; storedIn?: string | null; document?: string; documentVersion?: number } & Refusal>(
      'PUT',
      `/api/v1/import/mapping?format=${format}`,
      JSON.stringify(mapping),
    );
  /** The first rows of a file as mapped by `mapping` (nothing stored). */
  previewImport = (format: string, file: Blob, mapping: ImportMappingView | null, rows = 20) =>
    this.call<ImportPreviewView & Refusal>(
      'POST',
      `/api/v1/import/preview?format=${format}&rows=${rows}`,
      file,
      file.type || 'application/octet-stream',
      mapping ? { 'x-import-mapping': base64Json(mapping) } : {},
    );
}

export interface SectorView {
  id: string;
  label: string;
  color: [number, number, number];
}

export interface SectorImportAnswer extends Refusal {
  preview?: boolean;
  added?: SectorView[];
  changed?: { id: string; before: SectorView; after: SectorView }[];
  kept?: string[];
  baseVersion?: number;
  version?: number;
}

export interface ImportReportView {
  id?: string;
  status?: 'running' | 'done' | 'failed';
  rows?: number;
  accepted?: number;
  updated?: number;
  unchanged?: number;
  rejected?: { row: number; field: string; reason: string }[];
  error?: string;
  reason?: string;
  preview?: unknown[];
}

/** A column mapping document of the ПОС and ИМ imports (hub/import/table-mapping.ts); the page edits `columns`. */
export interface ImportMappingView {
  format: string;
  version: number;
  columns: Record<string, string>;
  [other: string]: unknown;
}

export interface ImportRowError {
  row: number;
  field: string;
  reason: string;
}

export interface ImportPreviewView {
  format?: string;
  headers?: string[];
  rows?: { row: number; source?: Record<string, string>; entities: Record<string, unknown>[]; rejected: ImportRowError[] }[];
  fileErrors?: ImportRowError[];
}

/** Base64 of a value's JSON in UTF-8 (a header carries only Latin-1). */
function base64Json(v: unknown): string {
  let bin = '';
  for (const b of new TextEncoder().encode(JSON.stringify(v))) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** Russian date and time of a version (Moscow). */
export function whenRu(ms: number): string {
  return new Date(ms).toLocaleString('ru-RU', {
    timeZone: 'Europe/Moscow',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}
