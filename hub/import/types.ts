/**
 * Shared shapes of the importers (issue 14): an importer is a pure function from one source
 * row (a spreadsheet row keyed by its column header, or one parsed XML record) to entities
 * and per-row errors. Reading files (streams) is `read.ts`; batching into the hub's ingest
 * and the idempotency rules are `run-import.ts`.
 */

/** The import formats the hub knows. */
export const IMPORT_FORMATS = ['gis-zhkh-outages', 'pos', 'im'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/**
 * One refused row (or a part of the file). `row`: the spreadsheet row number (1 = the header
 * row) or the 1-based record number of an XML export (0: the file as a whole). `field`: the
 * source's column or element name. `reason`: a code, a colon and the detail, e.g.
 * `bad-date: "31.02.2025" is not a date (formats: DD.MM.YYYY HH:mm)`.
 */
export interface RowError {
  row: number;
  field: string;
  reason: string;
}

/** A cell as the readers hand it over: text, a number, a boolean, a date (an XLSX `d` cell) or empty. */
export type Cell = string | number | boolean | Date | null | undefined;
/** A spreadsheet row keyed by the (trimmed) column header. */
export type Row = Readonly<Record<string, Cell>>;

/** What an importer makes of one row: raw entities (not yet validated by the hub) and removals. */
export interface Mapped {
  /** Entities in feed shape; `version` is the source version in ms (× 1000 by the runner). */
  upserts: Record<string, unknown>[];
  /** Entities the source says no longer exist (a cancelled outage). */
  removes: { kind: 'appeal' | 'accident'; id: string }[];
  /** Parts of the row that were refused while the rest went through (e.g. a service code the wall has no resource for). */
  notes: RowError[];
}

export type MapResult = { ok: true; value: Mapped } | { ok: false; errors: RowError[] };

/** `code: detail` */
export const reason = (code: string, detail: string): string => `${code}: ${detail}`;
