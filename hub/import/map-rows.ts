/**
 * Read + map of one import file, as one stream of items (issue 14): each data row (or XML
 * record) mapped by its format's importer, the rows the reader refused, and at most one
 * refusal of the file as a whole, always last. No hub state is read here, so the same
 * generator runs inline or in the import worker thread (`import-worker.ts`), whose items
 * cross to the hub's thread by structured clone.
 */
import type { Readable } from 'node:stream';
import { OrgDirectory, type Organisation } from '../../app/domain/organisations';
import { TopicList, type Topic } from '../../app/domain/topics';
import { mapOutageReport, type GisZhkhConfig } from './gis-zhkh-outages';
import { readCsv, readOutageXml, readXlsx, type ReadItem, type RecordItem } from './read';
import { checkHeader, mapTableRow, type TableContext, type TableMapping } from './table-mapping';
import type { ImportFormat, MapResult, RowError } from './types';

export type MappedItem =
  /** A data row (or record) through its importer. */
  | { row: number; result: MapResult }
  /** A row the reader refused; `counted`: it is a data row (counted in `rows` and `rejectedRows`), else a note on the file (an XML export's `IsLastPage`). */
  | { row: number; error: RowError; counted: boolean }
  /** The file cannot be read (further): the message of the run's failure, and the errors to list. */
  | { refused: string; errors: RowError[] };

export interface MapConfig {
  /** The mapping of a spreadsheet format (ПОС, ИМ). */
  mapping?: TableMapping;
  gis?: GisZhkhConfig;
  /** The hub's current `topics`, `organisations` and sector ids (absent: the built-in ones). */
  topics?: readonly Topic[];
  organisations?: readonly Organisation[];
  sectorIds?: readonly string[];
}

export type FileKind = 'xlsx' | 'csv' | 'xml';

/** The lookups a spreadsheet mapping resolves against, from the hub's current reference documents. */
export function tableContext(ref: Pick<MapConfig, 'topics' | 'organisations' | 'sectorIds'> = {}): TableContext {
  return {
    ...(ref.topics && { topics: new TopicList(ref.topics) }),
    ...(ref.organisations && { orgs: new OrgDirectory(ref.organisations) }),
    ...(ref.sectorIds && { sectorIds: new Set(ref.sectorIds) }),
  };
}

/** The items of a file, in order; stops after a refusal. */
export async function* mapFile(format: ImportFormat, kind: FileKind, input: Readable, cfg: MapConfig, now: number): AsyncGenerator<MappedItem> {
  if (format === 'gis-zhkh-outages') {
    if (kind !== 'xml') return yield { refused: `a ГИС ЖКХ outage export is XML, not ${kind.toUpperCase()}`, errors: [] };
    for await (const item of readOutageXml(input) as AsyncGenerator<RecordItem>) {
      if ('error' in item) {
        if (item.fatal) return yield { refused: item.error.reason, errors: [item.error] };
        yield { row: item.row, error: item.error, counted: item.row > 0 };
        continue;
      }
      yield { row: item.row, result: mapOutageReport(item.record, item.row, cfg.gis!, now) };
    }
    return;
  }
  if (kind === 'xml') return yield { refused: `a ${format === 'pos' ? 'ПОС' : 'ИМ'} export is XLSX or CSV, not XML`, errors: [] };
  const mapping = cfg.mapping!;
  const ctx = tableContext(cfg);
  let header = true;
  for await (const item of (kind === 'xlsx' ? readXlsx(input, mapping.sheet) : readCsv(input)) as AsyncGenerator<ReadItem>) {
    if ('error' in item) {
      if (item.fatal) return yield { refused: item.error.reason, errors: [item.error] };
      yield { row: item.row, error: item.error, counted: true };
      continue;
    }
    if (header) {
      header = false;
      const missing = checkHeader(Object.keys(item.values), mapping);
      if (missing.length)
        return yield {
          refused: `the header lacks ${missing.length} required column(s): ${missing.map((e) => e.field).join(', ')} (mapping «${mapping.format}» v${mapping.version})`,
          errors: missing,
        };
      continue;
    }
    yield { row: item.row, result: mapTableRow(item.values, item.row, mapping, ctx) };
  }
}
