/**
 * The preview of an import (issue 14: «a preview of the first rows as mapped» on the admin
 * page, before the import runs): the first rows of a file through a mapping, each as the
 * entity the hub would store (validated and redacted, so no personal data comes back) or
 * with its refusals. Nothing is stored; the file is read only as far as the rows shown.
 */
import type { Readable } from 'node:stream';
import type { Entity } from '../../app/domain/entity';
import { redactEntity, redactText } from '../redact';
import { checkEntity } from '../validate';
import { mapOutageReport, type GisZhkhConfig } from './gis-zhkh-outages';
import { tableContext, type MapConfig } from './map-rows';
import { readCsv, readOutageXml, readXlsx, type ReadItem, type RecordItem } from './read';
import { checkHeader, mapTableRow, type TableMapping } from './table-mapping';
import { normLabel } from './values';
import { reason, type ImportFormat, type MapResult, type RowError } from './types';

/** Most rows a preview shows. */
export const MAX_PREVIEW_ROWS = 200;

/** One previewed row: what it becomes, or why it is refused. */
export interface PreviewRow {
  row: number;
  /** The source row as read (spreadsheets: header → text, redacted like any text; a column mapped to the applicant: «•••»), for the page to show beside its result. */
  source?: Record<string, string>;
  /** The entities the row becomes, as the hub would store them. */
  entities: Entity[];
  /** Refusals of the row (empty: it would be imported). */
  rejected: RowError[];
}

export interface ImportPreview {
  format: ImportFormat;
  /** The file's column headers (spreadsheets). */
  headers: string[];
  rows: PreviewRow[];
  /** Errors of the file as a whole (a header without a required column, an unreadable file). */
  fileErrors: RowError[];
}

const cellText = (v: unknown): string => (v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : String(v)).slice(0, 300);

/** The field a header feeds under a mapping (headers compared as the importer compares them). */
const mapsTo = (m: TableMapping, header: string) => Object.entries(m.columns).find(([h]) => normLabel(h) === normLabel(header))?.[1];

/** A mapped row checked as the ingest would check it (permissive on time and place, like run-import). */
function checked(row: number, m: MapResult): Pick<PreviewRow, 'entities' | 'rejected'> {
  if (!m.ok) return { entities: [], rejected: m.errors };
  const entities: Entity[] = [];
  const rejected = [...m.value.notes];
  for (const raw of m.value.upserts) {
    const r = checkEntity(
      { ...raw, version: Math.max(1, Math.floor(Number(raw.version) || 1)) },
      { now: Number.MAX_SAFE_INTEGER / 2, stored: () => undefined, insideRepublic: () => true },
    );
    if (r.ok) entities.push(redactEntity(r.value));
    else rejected.push({ row, field: 'entity', reason: reason(r.reason, r.detail) });
  }
  return { entities, rejected };
}

/** The first `limit` rows of a file as mapped. */
export async function previewImport(
  format: ImportFormat,
  kind: 'xlsx' | 'csv' | 'xml',
  input: Readable,
  cfg: { mapping?: TableMapping; gis: GisZhkhConfig; reference?: Pick<MapConfig, 'topics' | 'organisations' | 'sectorIds'> },
  limit: number,
  now: number,
): Promise<ImportPreview> {
  const out: ImportPreview = { format, headers: [], rows: [], fileErrors: [] };
  try {
    if (format === 'gis-zhkh-outages') {
      if (kind !== 'xml')
        return { ...out, fileErrors: [{ row: 0, field: 'file', reason: reason('bad-format', `a ГИС ЖКХ outage export is XML, not ${kind.toUpperCase()}`) }] };
      for await (const item of readOutageXml(input) as AsyncGenerator<RecordItem>) {
        if ('error' in item) {
          if (item.fatal || item.row === 0) out.fileErrors.push(item.error);
          else out.rows.push({ row: item.row, entities: [], rejected: [item.error] });
        } else out.rows.push({ row: item.row, ...checked(item.row, mapOutageReport(item.record, item.row, cfg.gis, now)) });
        if (out.rows.length >= limit || out.fileErrors.length) break;
      }
      return out;
    }
    const mapping = cfg.mapping!;
    const ctx = tableContext(cfg.reference);
    if (kind === 'xml')
      return {
        ...out,
        fileErrors: [{ row: 0, field: 'file', reason: reason('bad-format', `a ${format === 'pos' ? 'ПОС' : 'ИМ'} export is XLSX or CSV, not XML`) }],
      };
    let header = true;
    const applicant = new Set<string>();
    for await (const item of (kind === 'xlsx' ? readXlsx(input, mapping.sheet) : readCsv(input)) as AsyncGenerator<ReadItem>) {
      if ('error' in item) {
        if (item.fatal) out.fileErrors.push(item.error);
        else out.rows.push({ row: item.row, entities: [], rejected: [item.error] });
      } else if (header) {
        header = false;
        out.headers = Object.keys(item.values);
        for (const h of out.headers) if (mapsTo(mapping, h) === 'applicant') applicant.add(h);
        out.fileErrors.push(...checkHeader(out.headers, mapping));
      } else {
        const source = Object.fromEntries(Object.entries(item.values).map(([k, v]) => [k, applicant.has(k) && cellText(v) ? '•••' : redactText(cellText(v))]));
        out.rows.push({ row: item.row, source, ...checked(item.row, mapTableRow(item.values, item.row, mapping, ctx)) });
      }
      if (out.rows.length >= limit || out.fileErrors.some((e) => e.row <= 1)) break;
    }
    return out;
  } finally {
    input.destroy();
  }
}
