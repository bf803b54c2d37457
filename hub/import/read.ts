/**
 * Streaming readers of import files; memory stays flat on large exports (one record, or one
 * csv/xlsx row, at a time). Spreadsheets: exceljs's streaming `WorkbookReader` (XLSX) and
 * csv-parse (CSV, `;` or `,`, UTF-8 with or without BOM, or Windows-1251); XML: the stream is
 * cut into `OutageReport` elements (the export's records, ≤ 1,000 a page) and each is checked
 * and parsed by fast-xml-parser. A reader never throws for a bad row: it yields the row's
 * error and goes on; what makes the rest of a file unreadable (a corrupt zip, an unclosed
 * quote, a truncated XML) is one final error.
 */
import { parse as parseCsv } from 'csv-parse';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Readable } from 'node:stream';
import { reason, type Cell, type Row, type RowError } from './types';

/** One data row (or record), or an error for it; `fatal`: nothing more can be read. */
export type ReadItem = { row: number; values: Row } | { row: number; error: RowError; fatal?: boolean };
export type RecordItem = { row: number; record: unknown } | { row: number; error: RowError; fatal?: boolean };

const fatal = (row: number, field: string, code: string, detail: string) => ({
  row,
  error: { row, field, reason: reason(code, detail) },
  fatal: true as const,
});

/** The header row's names, trimmed; empty names become `#<column>`. */
function headersOf(cells: readonly unknown[]): string[] {
  return cells.map((c, i) => (cellValue(c) === null || cellValue(c) === '' ? `#${i + 1}` : String(cellValue(c)).trim()));
}

/** An exceljs cell value as a plain one: rich text and hyperlinks as their text, formulas as their result, a hole of a sparse row as empty. */
function cellValue(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  const o = v as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: string };
  if (Array.isArray(o.richText)) return o.richText.map((r) => r.text).join('');
  if (o.result !== undefined) return cellValue(o.result);
  if (typeof o.text === 'string') return o.text;
  return null;
}

const toRow = (headers: readonly string[], cells: readonly unknown[]): Row => {
  const row: Record<string, Cell> = {};
  headers.forEach((h, i) => (row[h] = cellValue(cells[i])));
  return row;
};
const isBlank = (cells: readonly unknown[]) =>
  cells.every((c) => {
    const v = cellValue(c);
    return v === null || (typeof v === 'string' && v.trim() === '');
  });

/**
 * Rows of an XLSX through exceljs's streaming `WorkbookReader` (one row at a time; shared
 * strings cached, hyperlinks and styles not read): the header row first (yielded as `{row: 1,
 * values}` with the header names as values), then each data row with its spreadsheet row
 * number. Styles are not read, so a date cell comes as its Excel serial number, which
 * `parseDate` reads, and a sheet stored before `styles.xml` in the zip need not wait for it.
 * `sheet`: a worksheet name; absent: the first. The hub runs this in a worker thread with a
 * small heap (`import-worker.ts`), which keeps the process's memory flat on large files.
 */
export async function* readXlsx(input: Readable, sheet?: string): AsyncGenerator<ReadItem> {
  // Loaded when a spreadsheet is read, not with the hub: its modules stay out of the hub thread's heap.
  const { default: ExcelJS } = await import('exceljs');
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  let found = false;
  try {
    for await (const ws of untilError(reader, input)) {
      const name = (ws as unknown as { name?: string }).name;
      if (found || (sheet !== undefined && name !== sheet)) {
        for await (const _ of untilError(ws, input)) void _; // drain a sheet we do not read
        continue;
      }
      found = true;
      let headers: string[] | null = null;
      for await (const row of untilError(ws, input)) {
        const cells = (row.values as unknown[]).slice(1);
        if (isBlank(cells)) continue;
        if (!headers) {
          headers = headersOf(cells);
          yield { row: row.number, values: Object.fromEntries(headers.map((h) => [h, h])) };
          continue;
        }
        yield { row: row.number, values: toRow(headers, cells) };
      }
    }
  } catch (e) {
    yield fatal(0, 'file', 'corrupt-file', `the XLSX cannot be read further: ${(e as Error).message.slice(0, 200)}`);
    return;
  }
  if (!found) yield fatal(0, 'file', sheet ? 'missing-sheet' : 'empty-file', sheet ? `no worksheet «${sheet}»` : 'no worksheet');
}

/**
 * The items of `it`, or the error of `input` as soon as it fails: exceljs does not see an error of
 * its input stream (a file that cannot be read) and would wait for ever. One promise per item
 * (racing each item against one long-lived promise would keep every item alive through its
 * pending reactions).
 */
async function* untilError<T>(it: AsyncIterable<T>, input: Readable): AsyncGenerator<T> {
  const i = it[Symbol.asyncIterator]();
  let error: Error | null = input.errored ?? null;
  let fail: ((e: Error) => void) | null = null;
  const onError = (e: Error) => {
    error = e;
    fail?.(e);
  };
  input.on('error', onError);
  try {
    for (;;) {
      if (error) throw error;
      const r = await new Promise<IteratorResult<T>>((resolve, reject) => {
        fail = reject;
        i.next().then(resolve, reject);
      });
      fail = null;
      if (r.done) return;
      yield r.value;
    }
  } finally {
    input.off('error', onError);
  }
}

/** Decodes UTF-8 (BOM or not) or, when the first bytes are not UTF-8, Windows-1251. */
async function* decoded(input: Readable): AsyncGenerator<string> {
  let decoder: InstanceType<typeof TextDecoder> | null = null;
  for await (const chunk of input) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    if (!decoder) {
      let utf8 = true;
      try {
        // `stream`: a character cut at the end of the chunk is not an error.
        new TextDecoder('utf-8', { fatal: true }).decode(buf, { stream: true });
      } catch {
        utf8 = false;
      }
      decoder = new TextDecoder(utf8 ? 'utf-8' : 'windows-1251');
    }
    yield decoder.decode(buf, { stream: true });
  }
  if (decoder) yield decoder.decode();
}

/**
 * Rows of a CSV (delimiter `;` or `,`, quotes `"`), numbered as a spreadsheet would (header
 * = 1). A row with another number of fields than the header is an error; so is a last row
 * that does not end with a line break (a file cut in the middle of a row: never half a row).
 */
export async function* readCsv(input: Readable): AsyncGenerator<ReadItem> {
  const source = decoded(input);
  // The delimiter is the one of `;`, `,`, tab that the header line has most of.
  let head = '';
  let first = await source.next();
  while (!first.done && !/[\r\n]/.test(head + first.value) && head.length < 65_536) {
    head += first.value;
    first = await source.next();
  }
  if (!first.done) head += first.value;
  const line = head.split(/\r?\n/, 1)[0] ?? '';
  const count = (d: string) => line.split(d).length;
  const delimiter = [';', ',', '\t'].reduce((a, b) => (count(b) > count(a) ? b : a));
  const parser = parseCsv({ delimiter, bom: true, relax_column_count: true, raw: true, skip_empty_lines: true, quote: '"', escape: '"' });
  const pump = (async () => {
    try {
      if (head && !parser.write(head)) await new Promise((r) => parser.once('drain', r));
      for await (const s of source) if (!parser.write(s)) await new Promise((r) => parser.once('drain', r));
      parser.end();
    } catch (e) {
      parser.destroy(e as Error);
    }
  })();
  let headers: string[] | null = null;
  let rowNo = 0;
  let pending: { row: number; cells: string[]; raw: string } | null = null;
  try {
    for await (const rec of parser as AsyncIterable<{ record: string[]; raw: string }>) {
      if (pending) yield rowOf(pending, headers!);
      rowNo++;
      if (!headers) {
        headers = headersOf(rec.record);
        yield { row: rowNo, values: Object.fromEntries(headers.map((h) => [h, h])) };
        continue;
      }
      pending = { row: rowNo, cells: rec.record, raw: rec.raw };
    }
  } catch (e) {
    await pump.catch(() => {});
    // The row before the fault ended with its line break (a new record had begun): it is whole.
    if (pending)
      yield /[\r\n]$/.test(pending.raw)
        ? rowOf(pending, headers!)
        : { row: pending.row, error: { row: pending.row, field: 'file', reason: reason('truncated', 'the file breaks off inside this row: not imported') } };
    yield fatal(rowNo + 1, 'file', 'corrupt-file', `the CSV cannot be read past row ${rowNo}: ${(e as Error).message.slice(0, 200)}`);
    return;
  }
  await pump;
  if (pending) {
    if (!/[\r\n]$/.test(pending.raw))
      yield {
        row: pending.row,
        error: { row: pending.row, field: 'file', reason: reason('truncated', 'the file ends inside this row (no line break after it): not imported') },
      };
    else yield rowOf(pending, headers!);
  }
  if (!headers) yield fatal(0, 'file', 'empty-file', 'no header row');
}

function rowOf(p: { row: number; cells: string[] }, headers: readonly string[]): ReadItem {
  if (p.cells.length !== headers.length && !(p.cells.length > headers.length && p.cells.slice(headers.length).every((c) => c.trim() === ''))) {
    return { row: p.row, error: { row: p.row, field: 'file', reason: reason('bad-row', `${p.cells.length} fields where the header has ${headers.length}`) } };
  }
  return { row: p.row, values: toRow(headers, p.cells) };
}

const RECORD_OPEN = /<(?:[\w.-]+:)?OutageReport(?=[\s/>])/g;
const RECORD_CLOSE = /<\/(?:[\w.-]+:)?OutageReport\s*>/g;
/** Largest record (one outage with its houses) accepted; beyond it the file is refused. */
export const MAX_RECORD_CHARS = 8 * 1024 * 1024;

const xml = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  ignoreDeclaration: true,
});

/**
 * The `OutageReport` records of a ГИС ЖКХ export (a bare `exportOutageReportResult`, or the
 * SOAP envelope around it), each parsed on its own, numbered from 1. A file that ends before
 * its closing tags (truncated) gives its complete records and a final error; a record that is
 * not well-formed is an error of that record only.
 */
export async function* readOutageXml(input: Readable): AsyncGenerator<RecordItem> {
  let buf = '';
  let n = 0;
  let root: string | null = null;
  let lastPage: string | null = null;
  for await (const s of decoded(input)) {
    buf += s;
    if (root === null) {
      const m = /<(?!\?|!)([\w.-]+(?::[\w.-]+)?)[\s/>]/.exec(buf);
      if (m) root = m[1]!;
    }
    for (;;) {
      RECORD_CLOSE.lastIndex = 0;
      const close = RECORD_CLOSE.exec(buf);
      if (!close) break;
      RECORD_OPEN.lastIndex = 0;
      const open = RECORD_OPEN.exec(buf);
      n++;
      const end = close.index + close[0].length;
      if (!open || open.index > close.index) {
        yield { row: n, error: { row: n, field: 'OutageReport', reason: reason('bad-xml', 'a closing </OutageReport> without its opening tag') } };
      } else yield parseRecord(buf.slice(open.index, end), n);
      buf = buf.slice(end);
    }
    if (buf.length > MAX_RECORD_CHARS) {
      yield fatal(n + 1, 'OutageReport', 'too-large', `more than ${MAX_RECORD_CHARS} characters without a complete OutageReport: not an outage export`);
      return;
    }
  }
  const page = /<(?:[\w.-]+:)?IsLastPage>\s*(\w+)\s*</.exec(buf);
  if (page) lastPage = page[1]!;
  RECORD_OPEN.lastIndex = 0;
  if (RECORD_OPEN.test(buf)) {
    yield fatal(n + 1, 'OutageReport', 'truncated', `the file ends inside record ${n + 1}: not imported`);
    return;
  }
  if (root === null) {
    yield fatal(0, 'file', 'empty-file', 'no XML element');
    return;
  }
  if (!new RegExp(`</${root.replace(/[.]/g, '\\.')}\\s*>`).test(buf)) {
    yield fatal(0, 'file', 'truncated', `the file ends before </${root}>: records after ${n} may be missing`);
    return;
  }
  if (n === 0) yield fatal(0, 'file', 'empty-file', 'no OutageReport element: not a ГИС ЖКХ outage export');
  if (lastPage === 'false')
    yield {
      row: 0,
      error: {
        row: 0,
        field: 'IsLastPage',
        reason: reason('more-pages', 'IsLastPage is false: this is one page of a longer export; import the following pages too'),
      },
    };
}

function parseRecord(text: string, n: number): RecordItem {
  const valid = XMLValidator.validate(text);
  if (valid !== true)
    return {
      row: n,
      error: { row: n, field: 'OutageReport', reason: reason('bad-xml', `${valid.err.msg} (line ${valid.err.line} of the record)`.slice(0, 200)) },
    };
  const parsed = xml.parse(text) as Record<string, unknown>;
  return { row: n, record: parsed.OutageReport };
}
