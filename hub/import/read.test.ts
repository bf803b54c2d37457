/**
 * The streaming readers on small crafted files: CSV (delimiter, encodings, quotes, bad and cut
 * rows), XLSX (dates, a cut file) and the ГИС ЖКХ XML (records, a bad record, a cut file,
 * pages).
 */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { xlsxBuffer } from '../../test/support/import-samples';
import { readCsv, readOutageXml, readXlsx } from './read';

const all = async <T>(g: AsyncGenerator<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const x of g) out.push(x);
  return out;
};
const stream = (data: string | Buffer, chunk = 7) =>
  Readable.from(
    (function* () {
      const b = Buffer.isBuffer(data) ? data : Buffer.from(data);
      for (let i = 0; i < b.length; i += chunk) yield b.subarray(i, i + chunk);
    })(),
  );
const brief = (items: ({ row: number; values: unknown } | { row: number; error: { reason: string }; fatal?: boolean })[]) =>
  items.map((i) => ('error' in i ? `${i.row}:${i.error.reason.split(':')[0]}${i.fatal ? '!' : ''}` : `${i.row}:${JSON.stringify(i.values)}`));

describe('readCsv', () => {
  it('reads `;` CSV with BOM, quotes, doubled quotes and line breaks in a cell, numbering rows as a spreadsheet', async () => {
    const items = await all(readCsv(stream('\ufeffa;b\r\n1;"x;""y"""\r\n2;"two\r\nlines"\r\n')));
    expect(brief(items)).toEqual(['1:{"a":"a","b":"b"}', '2:{"a":"1","b":"x;\\"y\\""}', '3:{"a":"2","b":"two\\r\\nlines"}']);
  });

  it('takes the delimiter the header has most of (commas inside fields stay)', async () => {
    expect(brief(await all(readCsv(stream('a,b\n"x, y",2\n'))))).toEqual(['1:{"a":"a","b":"b"}', '2:{"a":"x, y","b":"2"}']);
    expect(brief(await all(readCsv(stream('a;b\nг. Канаш, ул. Мира;2\n'))))).toEqual(['1:{"a":"a","b":"b"}', '2:{"a":"г. Канаш, ул. Мира","b":"2"}']);
  });

  it('reads Windows-1251 when the bytes are not UTF-8', async () => {
    const cp1251 = Buffer.from([0xc8, 0xcc, 0xdf, 0x3b, 0x4e, 0x0d, 0x0a, 0xcf, 0xe5, 0xf2, 0xf0, 0x3b, 0x31, 0x0d, 0x0a]); // ИМЯ;N / Петр;1
    expect(brief(await all(readCsv(stream(cp1251, 64))))).toEqual(['1:{"ИМЯ":"ИМЯ","N":"N"}', '2:{"ИМЯ":"Петр","N":"1"}']);
  });

  it('refuses a row with another number of fields, and a last row cut before its line break', async () => {
    expect(brief(await all(readCsv(stream('a;b\n1;2;3\n4\n5;6\n7;8'))))).toEqual([
      '1:{"a":"a","b":"b"}',
      '2:bad-row',
      '3:bad-row',
      '4:{"a":"5","b":"6"}',
      '5:truncated',
    ]);
    expect(brief(await all(readCsv(stream('a;b\n1;2;;\n'))))).toEqual(['1:{"a":"a","b":"b"}', '2:{"a":"1","b":"2"}']);
  });

  it('stops with one final error at an unclosed quote, after the rows before it', async () => {
    expect(brief(await all(readCsv(stream('a;b\n1;2\n3;"open\n'))))).toEqual(['1:{"a":"a","b":"b"}', '2:{"a":"1","b":"2"}', '3:corrupt-file!']);
    expect(brief(await all(readCsv(stream(''))))).toEqual(['0:empty-file!']);
  });
});

describe('readXlsx', () => {
  it('reads the header, then each row with its number; date cells as Excel serials (styles are not read), blank rows skipped', async () => {
    const d = new Date(Date.UTC(2026, 10, 15, 15, 39));
    const buf = await xlsxBuffer(
      [
        ['N', 'Когда'],
        ['1', d],
        [null, null],
        [2, 'текст'],
      ],
      'Лист',
    );
    const items = await all(readXlsx(stream(buf, 4096)));
    expect(items.map((i) => ('values' in i ? [i.row, i.values] : [i.row, 'error']))).toEqual([
      [1, { N: 'N', Когда: 'Когда' }],
      [2, { N: '1', Когда: expect.closeTo(d.getTime() / 86_400_000 + 25569, 8) }],
      [4, { N: 2, Когда: 'текст' }],
    ]);
  });

  it('reads the named sheet, and says when it is missing', async () => {
    const buf = await xlsxBuffer([['N'], ['1']], 'Сообщения');
    expect((await all(readXlsx(stream(buf, 4096), 'Сообщения'))).length).toBe(2);
    expect(brief(await all(readXlsx(stream(buf, 4096), 'Другой')))).toEqual(['0:missing-sheet!']);
  });

  it('gives a final error for a cut or corrupt file', async () => {
    const buf = await xlsxBuffer([['N'], ...Array.from({ length: 200 }, (_, i) => [String(i)])], 'Лист');
    const cut = await all(readXlsx(stream(buf.subarray(0, Math.floor(buf.length / 2)), 4096)));
    expect(cut.at(-1)).toMatchObject({ fatal: true });
    expect(brief(await all(readXlsx(stream(Buffer.from('not a zip at all'), 4096))))).toEqual(['0:corrupt-file!']);
  });

  it('ends with corrupt-file when its input stream fails, at once or after some rows (exceljs alone would wait for ever)', async () => {
    const failing = (head: Buffer) =>
      new Readable({
        read() {
          if (head.length) {
            this.push(head);
            head = Buffer.alloc(0);
          } else this.destroy(new Error('EIO: the disk went away'));
        },
      });
    const buf = await xlsxBuffer([['N'], ...Array.from({ length: 2000 }, (_, i) => [`строка ${i}`])], 'Лист');
    for (const head of [Buffer.alloc(0), buf.subarray(0, Math.floor(buf.length * 0.7))]) {
      const items = await all(readXlsx(failing(head)));
      expect(items.at(-1)).toMatchObject({ fatal: true, error: { reason: expect.stringMatching(/^corrupt-file: .*EIO/) } });
    }
  });
});

const rec = (guid: string) =>
  `<ns:OutageReport><ns:OutageReportData><ns:OutageReportGUID>${guid}</ns:OutageReportGUID></ns:OutageReportData></ns:OutageReport>`;
const doc = (body: string, tail = '<ns:IsLastPage>true</ns:IsLastPage>') =>
  `<?xml version="1.0"?><soap:Envelope xmlns:soap="s"><soap:Body><ns:exportOutageReportResult xmlns:ns="n">${body}${tail}</ns:exportOutageReportResult></soap:Body></soap:Envelope>`;
const xmlBrief = (items: Awaited<ReturnType<typeof all<Awaited<ReturnType<ReturnType<typeof readOutageXml>['next']>>['value']>>>) =>
  items.map((i) => (i && 'error' in i ? `${i.row}:${i.error.reason.split(':')[0]}${i.fatal ? '!' : ''}` : `${i!.row}:${JSON.stringify(i!.record)}`));

describe('readOutageXml', () => {
  it('yields each OutageReport record parsed on its own, namespace prefixes removed', async () => {
    expect(xmlBrief(await all(readOutageXml(stream(doc(rec('a') + rec('b'))))))).toEqual([
      '1:{"OutageReportData":{"OutageReportGUID":"a"}}',
      '2:{"OutageReportData":{"OutageReportGUID":"b"}}',
    ]);
    const bare = '<exportOutageReportResult>' + rec('a').replace(/ns:/g, '') + '</exportOutageReportResult>';
    expect(xmlBrief(await all(readOutageXml(stream(bare))))).toEqual(['1:{"OutageReportData":{"OutageReportGUID":"a"}}']);
  });

  it('reports a record that is not well-formed and goes on', async () => {
    const bad = '<ns:OutageReport><ns:OutageReportData><ns:OutageReportGUID>x</ns:Oops></ns:OutageReportData></ns:OutageReport>';
    expect(xmlBrief(await all(readOutageXml(stream(doc(rec('a') + bad + rec('c'))))))).toEqual([
      '1:{"OutageReportData":{"OutageReportGUID":"a"}}',
      '2:bad-xml',
      '3:{"OutageReportData":{"OutageReportGUID":"c"}}',
    ]);
  });

  it('gives the complete records of a cut file, then a final error', async () => {
    const full = doc(rec('a') + rec('b'));
    const inRecord = full.slice(0, full.indexOf('>b<') + 1);
    expect(xmlBrief(await all(readOutageXml(stream(inRecord))))).toEqual(['1:{"OutageReportData":{"OutageReportGUID":"a"}}', '2:truncated!']);
    const afterRecords = full.slice(0, full.indexOf('<ns:IsLastPage>'));
    expect(xmlBrief(await all(readOutageXml(stream(afterRecords))))).toEqual([
      '1:{"OutageReportData":{"OutageReportGUID":"a"}}',
      '2:{"OutageReportData":{"OutageReportGUID":"b"}}',
      '0:truncated!',
    ]);
  });

  it('says when the file is no outage export, or one page of several', async () => {
    expect(xmlBrief(await all(readOutageXml(stream('<root><x/></root>'))))).toEqual(['0:empty-file!']);
    expect(xmlBrief(await all(readOutageXml(stream(''))))).toEqual(['0:empty-file!']);
    expect(xmlBrief(await all(readOutageXml(stream(doc(rec('a'), '<ns:IsLastPage>false</ns:IsLastPage>')))))).toEqual([
      '1:{"OutageReportData":{"OutageReportGUID":"a"}}',
      '0:more-pages',
    ]);
  });
});
