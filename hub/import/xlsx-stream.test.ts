// The test project does not include hub/ sources: it needs the ambient module of unzipper too.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./unzipper.d.ts" />
/**
 * The lean XLSX reader on workbooks written by exceljs both ways: the streaming writer (sheets
 * before the workbook part: spooled and read after the zip) and the in-memory writer re-packed with
 * the workbook, its relationships and shared strings first (read straight from the zip); shared strings, rich text,
 * formulas, booleans, errors, holes, the sheet chosen by name, a cut file.
 */
import { PassThrough, Readable } from 'node:stream';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import unzipper from 'unzipper';
import { describe, expect, it } from 'vitest';
import { columnOf, readXlsxSheet, type XlsxItem } from './xlsx-stream';

const stream = (b: Buffer, chunk = 1000) =>
  Readable.from(
    (function* () {
      for (let i = 0; i < b.length; i += chunk) yield b.subarray(i, i + chunk);
    })(),
  );
const all = async (g: AsyncGenerator<XlsxItem>) => {
  const out: unknown[] = [];
  for await (const x of g) out.push('sheet' in x ? { sheet: x.sheet } : [x.number, Array.from(x.cells, (c) => (c === undefined ? '(hole)' : c))]);
  return out;
};

type Fill = (ws: ExcelJS.Worksheet, name: string) => void;
const fill: Fill = (ws, name) => {
  ws.addRow(['Номер', 'Текст', 'Флаг', 'Сумма']);
  ws.addRow([1, { richText: [{ text: 'Нет ' }, { text: 'отопления', font: { bold: true } }] }, true, { formula: 'A2*2', result: 2 }]);
  ws.getCell('A4').value = `в ${name}`;
  ws.getCell('D4').value = { error: '#DIV/0!' } as ExcelJS.CellErrorValue;
  ws.getCell('C4').value = false;
};
const expected = (name: string) => [
  { sheet: name },
  [1, ['Номер', 'Текст', 'Флаг', 'Сумма']],
  [2, [1, 'Нет отопления', true, 2]],
  [4, [`в ${name}`, '(hole)', false, null]],
];

async function streamed(sheets: string[], sharedStrings: boolean): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out as never, useSharedStrings: sharedStrings, useStyles: true });
  for (const name of sheets) {
    const ws = wb.addWorksheet(name);
    fill(ws as unknown as ExcelJS.Worksheet, name);
    ws.commit();
  }
  await wb.commit();
  return Buffer.concat(chunks);
}
async function inMemory(sheets: string[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const name of sheets) fill(wb.addWorksheet(name), name);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
/** The same parts re-packed (stored, no compression) with the workbook, its relationships and shared strings first. */
async function workbookFirst(zip: Buffer): Promise<Buffer> {
  const parts: { name: string; data: Buffer }[] = [];
  for await (const e of Readable.from([zip]).pipe(unzipper.Parse({ forceStream: true }))) parts.push({ name: e.path, data: await e.buffer() });
  const rank = (n: string) => (n.startsWith('xl/worksheets/') ? 1 : 0);
  parts.sort((a, b) => rank(a.name) - rank(b.name));
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of parts) {
    const n = Buffer.from(name);
    const crc = zlib.crc32(data);
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(0x800, 6);
    h.writeUInt32LE(crc, 14);
    h.writeUInt32LE(data.length, 18);
    h.writeUInt32LE(data.length, 22);
    h.writeUInt16LE(n.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(0x800, 8);
    c.writeUInt32LE(crc, 16);
    c.writeUInt32LE(data.length, 20);
    c.writeUInt32LE(data.length, 24);
    c.writeUInt16LE(n.length, 28);
    c.writeUInt32LE(offset, 42);
    local.push(h, n, data);
    central.push(c, n);
    offset += h.length + n.length + data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, cd, end]);
}
async function order(zip: Buffer): Promise<string[]> {
  const names: string[] = [];
  for await (const e of Readable.from([zip]).pipe(unzipper.Parse({ forceStream: true }))) {
    names.push(e.path);
    e.autodrain();
  }
  return names;
}

describe('readXlsxSheet', () => {
  it('reads a streamed workbook (sheet before the workbook part: spooled) with inline or shared strings', async () => {
    for (const shared of [false, true]) {
      const zip = await streamed(['Сообщения', 'Второй'], shared);
      const names = await order(zip);
      expect(names.indexOf('xl/worksheets/sheet1.xml')).toBeLessThan(names.indexOf('xl/workbook.xml'));
      expect(await all(readXlsxSheet(stream(zip)))).toEqual(expected('Сообщения'));
      expect(await all(readXlsxSheet(stream(zip), 'Второй'))).toEqual(expected('Второй'));
    }
  });

  it('reads a workbook whose parts come first straight from the zip, the sheet chosen by name', async () => {
    const zip = await workbookFirst(await inMemory(['Первый', 'Сообщения']));
    const names = await order(zip);
    expect(names.indexOf('xl/workbook.xml')).toBeLessThan(names.indexOf('xl/worksheets/sheet1.xml'));
    expect(names).toContain('xl/sharedStrings.xml');
    expect(await all(readXlsxSheet(stream(zip), 'Сообщения'))).toEqual(expected('Сообщения'));
    expect(await all(readXlsxSheet(stream(zip)))).toEqual(expected('Первый'));
    expect(await all(readXlsxSheet(stream(zip), 'Нет такого'))).toEqual([]);
  });

  it('a cut file: the whole rows before the cut, then an error that says the file is cut short', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Лист');
    for (let i = 1; i <= 3000; i++) ws.addRow([i, `строка ${i} ${'х'.repeat(i % 37)}`]);
    const zip = await workbookFirst(Buffer.from(await wb.xlsx.writeBuffer()));
    const rows: number[] = [];
    const read = async () => {
      for await (const x of readXlsxSheet(stream(zip.subarray(0, Math.floor(zip.length * 0.6))))) if (!('sheet' in x)) rows.push(x.cells[0] as number);
    };
    await expect(read()).rejects.toThrow(/cut short|invalid|unexpected/i);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows).toEqual(Array.from({ length: rows.length }, (_, i) => i + 1));
  });

  it('columnOf reads cell references', () => {
    expect([columnOf('A1'), columnOf('Z9'), columnOf('AA10'), columnOf('XFD1'), columnOf('12')]).toEqual([0, 25, 26, 16383, -1]);
  });
});
