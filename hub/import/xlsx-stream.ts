/**
 * A lean streaming reader of one XLSX worksheet (issue 14: memory stays flat on large exports).
 * The zip is read as a stream of entries by unzipper and each XML part by saxes (SAX events);
 * this file only interprets SpreadsheetML: which part is which sheet, shared strings, and the
 * cells of `<row>`s. Rows go out as they are read, one chunk's worth at a time, as plain values.
 *
 * Why not exceljs's `WorkbookReader`: it builds a `Row` and `Cell` model object per cell, and its
 * allocation rate made the process grow by +136 MB RSS reading a 100,000-row sheet (bench/README.md).
 *
 * A zip is read in file order. A worksheet that comes before the parts it needs (the workbook's
 * sheet names and relationships, and the shared strings when it has any) is spooled to a temporary
 * file (uncompressed XML, on disk, not in memory) and read after the zip ends, as exceljs does.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import unzipper, { type Entry } from 'unzipper';
import type { Cell } from './types';

/** One row: its spreadsheet number and its cells by column (0 = A; a missing cell is a hole). */
export interface XlsxRow {
  number: number;
  cells: Cell[];
}
/** What the reader yields: first the chosen sheet's name, then its rows. */
export type XlsxItem = { sheet: string } | XlsxRow;

/** Most characters of shared strings kept (a zip bomb of strings is refused, not held). */
export const MAX_SHARED_STRING_CHARS = 64 * 1024 * 1024;

/** «AB12» → 27 (0-based column); -1 when the reference has no letters. */
export function columnOf(ref: string): number {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
  }
  return i === 0 ? -1 : col - 1;
}

type Attrs = Record<string, string>;
const attrsOf = (tag: SaxesTagPlain) => tag.attributes as Attrs;

/** Runs saxes over a stream of XML bytes; `each` is called after each chunk (to yield what it gathered). */
async function* sax(
  input: AsyncIterable<Buffer | string>,
  on: { open?(tag: SaxesTagPlain): void; text?(s: string): void; close?(tag: SaxesTagPlain): void },
): AsyncGenerator<void> {
  const parser = new SaxesParser({ xmlns: false, position: false });
  let error: Error | null = null;
  parser.on('error', (e) => (error ??= e));
  if (on.open) parser.on('opentag', on.open as (t: SaxesTagPlain) => void);
  if (on.close) parser.on('closetag', on.close as (t: SaxesTagPlain) => void);
  if (on.text) {
    parser.on('text', on.text);
    parser.on('cdata', on.text);
  }
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of input) {
    parser.write(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    if (error) throw error;
    yield;
  }
  parser.write(decoder.decode());
  parser.close();
  if (error) throw error;
  yield;
}

async function drain(run: AsyncGenerator<void>): Promise<void> {
  for await (const _ of run) void _;
}

/** `<sheet name r:id>` of xl/workbook.xml, in workbook order. */
async function readWorkbook(entry: Readable): Promise<{ name: string; rel: string }[]> {
  const sheets: { name: string; rel: string }[] = [];
  await drain(sax(entry, { open: (t) => t.name === 'sheet' && sheets.push({ name: attrsOf(t).name ?? '', rel: attrsOf(t)['r:id'] ?? '' }) }));
  return sheets;
}

/** Relationship id → part path (`xl/…`) of xl/_rels/workbook.xml.rels, and the shared strings part if any. */
async function readRels(entry: Readable): Promise<{ targets: Map<string, string>; sharedStrings: string | null }> {
  const targets = new Map<string, string>();
  let sharedStrings: string | null = null;
  await drain(
    sax(entry, {
      open: (t) => {
        if (t.name !== 'Relationship') return;
        const a = attrsOf(t);
        const target = (a.Target ?? '').startsWith('/') ? (a.Target ?? '').slice(1) : path.posix.join('xl', a.Target ?? '');
        targets.set(a.Id ?? '', target);
        if ((a.Type ?? '').endsWith('/sharedStrings')) sharedStrings = target;
      },
    }),
  );
  return { targets, sharedStrings };
}

/** The strings of xl/sharedStrings.xml: each `<si>`'s text (rich-text runs joined, phonetic runs left out). */
async function readSharedStrings(entry: Readable): Promise<string[]> {
  const strings: string[] = [];
  let text = '';
  let inT = false;
  let inPhonetic = false;
  let chars = 0;
  await drain(
    sax(entry, {
      open: (t) => {
        if (t.name === 'si') text = '';
        else if (t.name === 't') inT = !inPhonetic;
        else if (t.name === 'rPh') inPhonetic = true;
      },
      text: (s) => {
        if (inT) text += s;
      },
      close: (t) => {
        if (t.name === 't') inT = false;
        else if (t.name === 'rPh') inPhonetic = false;
        else if (t.name === 'si') {
          chars += text.length;
          if (chars > MAX_SHARED_STRING_CHARS) throw new Error(`shared strings longer than ${MAX_SHARED_STRING_CHARS} characters`);
          strings.push(text);
        }
      },
    }),
  );
  return strings;
}

/** The rows of one worksheet part, as they are read. */
async function* readSheet(input: AsyncIterable<Buffer | string>, shared: readonly string[]): AsyncGenerator<XlsxRow> {
  let done: XlsxRow[] = [];
  let row: XlsxRow | null = null;
  let lastRow = 0;
  let col = -1;
  let type = '';
  let value = '';
  let capture = false;
  let inInline = false;
  let inPhonetic = false;
  const cellValue = (): Cell => {
    switch (type) {
      case 's': {
        const s = shared[Number(value)];
        return s === undefined ? null : s;
      }
      case 'inlineStr':
      case 'str':
        return value;
      case 'b':
        return value.trim() === '1' || value.trim() === 'true';
      case 'e':
        return null;
      case 'd': {
        const d = new Date(value);
        return Number.isNaN(d.getTime()) ? value : d;
      }
      default: {
        if (value.trim() === '') return null;
        const n = Number(value);
        return Number.isNaN(n) ? value : n;
      }
    }
  };
  const run = sax(input, {
    open: (t) => {
      switch (t.name) {
        case 'row': {
          const r = Number(attrsOf(t).r);
          lastRow = Number.isInteger(r) && r > 0 ? r : lastRow + 1;
          row = { number: lastRow, cells: [] };
          col = -1;
          break;
        }
        case 'c': {
          const a = attrsOf(t);
          const c = a.r ? columnOf(a.r) : -1;
          col = c >= 0 ? c : col + 1;
          type = a.t ?? 'n';
          value = '';
          inInline = false;
          break;
        }
        case 'v':
          capture = true;
          break;
        case 'is':
          inInline = true;
          break;
        case 'rPh':
          inPhonetic = true;
          break;
        case 't':
          capture = inInline && !inPhonetic;
          break;
      }
    },
    text: (s) => {
      if (capture) value += s;
    },
    close: (t) => {
      switch (t.name) {
        case 'v':
        case 't':
          capture = false;
          break;
        case 'rPh':
          inPhonetic = false;
          break;
        case 'c':
          if (row && col >= 0) row.cells[col] = cellValue();
          break;
        case 'row':
          if (row) done.push(row);
          row = null;
          break;
      }
    },
  });
  for await (const _ of run) {
    void _;
    if (done.length === 0) continue;
    const out = done;
    done = [];
    yield* out;
  }
}

/**
 * The rows of the worksheet named `sheet` (absent: the workbook's first) of an XLSX stream,
 * after a `{sheet}` item with its name; nothing when the workbook has no such sheet. Throws
 * what makes the file unreadable (not a zip, a part that is not well-formed XML, a cut stream):
 * the rows before the fault have gone out, a row only when whole.
 */
export async function* readXlsxSheet(input: Readable, sheet?: string): AsyncGenerator<XlsxItem> {
  const zip = input.pipe(unzipper.Parse({ forceStream: true }));
  input.on('error', (e) => zip.destroy(e));
  // A cut zip: unzipper errors its own stream («FILE_ENDED»), sometimes before it hands out the
  // entry it was in, and leaves that entry open: it is failed here (else reading it waits for ever).
  let current: Entry | null = null;
  let zipError: Error | null = null;
  zip.on('error', (e) => {
    zipError ??= e.message === 'FILE_ENDED' ? new Error('the zip breaks off before its end (a file cut short)') : e;
    current?.destroy(zipError);
  });
  let sheets: { name: string; rel: string }[] | null = null;
  let rels: Awaited<ReturnType<typeof readRels>> | null = null;
  let shared: string[] | null = null;
  const spooled: { part: string; file: string }[] = [];
  let spoolDir: string | null = null;
  let chosenDone = false;
  /** The part path of the wanted sheet and its name, once the workbook and its relationships are read. */
  const wanted = () => {
    const s = sheet === undefined ? sheets?.[0] : sheets?.find((x) => x.name === sheet);
    const part = s && rels?.targets.get(s.rel);
    return s && part ? { name: s.name, part } : null;
  };
  const ready = () => sheets !== null && rels !== null && (rels.sharedStrings === null || shared !== null);
  try {
    for await (const entry of zip as AsyncIterable<Entry>) {
      current = entry;
      if (zipError) throw zipError;
      const part = entry.path.replace(/^\//, '');
      if (part === 'xl/workbook.xml') sheets = await readWorkbook(entry);
      else if (part === 'xl/_rels/workbook.xml.rels') rels = await readRels(entry);
      else if (part === (rels?.sharedStrings ?? 'xl/sharedStrings.xml')) shared = await readSharedStrings(entry);
      else if (/^xl\/worksheets\/[^/]+\.xml$/.test(part) && !chosenDone) {
        if (ready()) {
          const w = wanted();
          if (w && w.part === part) {
            yield { sheet: w.name };
            yield* readSheet(entry, shared ?? []);
            chosenDone = true;
          } else entry.autodrain();
        } else {
          spoolDir ??= await mkdtemp(path.join(os.tmpdir(), 'cur-xlsx-'));
          const file = path.join(spoolDir, `${spooled.length}.xml`);
          await pipeline(entry, createWriteStream(file));
          spooled.push({ part, file });
        }
      } else entry.autodrain();
    }
    if (!chosenDone && ready()) {
      const w = wanted();
      const s = w && spooled.find((x) => x.part === w.part);
      if (w && s) {
        yield { sheet: w.name };
        yield* readSheet(createReadStream(s.file), shared ?? []);
      }
    }
  } finally {
    if (!zip.destroyed) zip.destroy();
    if (spoolDir) await rm(spoolDir, { recursive: true, force: true });
  }
}
