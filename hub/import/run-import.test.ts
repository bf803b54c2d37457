/**
 * The import runner over the hub's real ingest pipeline (in memory, no HTTP): idempotence
 * (a second import changes nothing), a newer export updates, an older one never rolls back,
 * ИМ regrouping, cancelled outages, and the property that no truncation of a sample loses or
 * changes a previously imported entity (never half a row).
 */
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { entityKey, type Entity } from '../../app/domain/entity';
import { csvText, imRows, makeSamples, posRows, SAMPLE_NOW, xlsxBuffer, type Samples } from '../../test/support/import-samples';
import { MemoryFeedLog } from '../feed-log';
import { createIngest } from '../ingest';
import { Metrics } from '../metrics';
import { readHouseRegister } from './config';
import { DEFAULT_IMPORT_CONFIG, newReport, runImport, type ImportConfig, type ImportReport } from './run-import';
import type { ImportFormat } from './types';

function memoryHub(now = SAMPLE_NOW) {
  const log = new MemoryFeedLog(100_000);
  const ingest = createIngest({
    validation: () => ({ now, stored: (k) => log.get(k), insideRepublic: () => true, removedVersion: (k) => log.removedVersion(k) }),
    publish: (c) => log.append(c, now),
    headSeq: () => log.headSeq,
    metrics: new Metrics(),
    applicantSalt: 'import-test',
  });
  const state = () => new Map(log.snapshot().entities.map((e) => [entityKey(e), e]));
  const run = (format: ImportFormat, data: string | Buffer, kind: 'xlsx' | 'csv' | 'xml', config: ImportConfig, batchSize?: number): Promise<ImportReport> =>
    runImport(
      { format, kind, input: Readable.from([Buffer.from(data)]), config, report: newReport('t', format, now), batchSize },
      {
        ingest: ingest.ingest,
        stored: (k) => log.get(k),
        storedIds: () => log.snapshot().entities.map((e) => e.id),
        now: () => now,
      },
    );
  const runFile = (
    format: ImportFormat,
    file: string,
    kind: 'xlsx' | 'csv' | 'xml',
    config: ImportConfig,
    thread: 'worker' | 'inline',
  ): Promise<ImportReport> =>
    runImport(
      { format, kind, file, thread, config, report: newReport('t', format, now) },
      { ingest: ingest.ingest, stored: (k) => log.get(k), storedIds: () => log.snapshot().entities.map((e) => e.id), now: () => now },
    );
  return { log, state, run, runFile };
}

let samples: Samples | null = null;
let config: ImportConfig | null = null;
async function fixtures() {
  samples ??= await makeSamples();
  if (!config) {
    const { houses } = await readHouseRegister(Readable.from([Buffer.from(samples.housesCsv)]));
    config = { ...DEFAULT_IMPORT_CONFIG, gis: { ...DEFAULT_IMPORT_CONFIG.gis, houses } };
  }
  return { samples, config };
}
const counts = (r: ImportReport) => ({
  status: r.status,
  rows: r.rows,
  accepted: r.accepted,
  updated: r.updated,
  unchanged: r.unchanged,
  rejectedRows: r.rejectedRows,
});

describe('import runner', () => {
  it('imports every sample; the same file again changes nothing (accepted 0, unchanged = the good rows), nor does the same data in another format', async () => {
    const { samples: s, config: cfg } = await fixtures();
    const h = memoryHub();
    const cases: [ImportFormat, string | Buffer, 'xlsx' | 'csv' | 'xml', number][] = [
      ['pos', s.posXlsx, 'xlsx', s.facts.pos.badRows.size],
      ['im', s.imXlsx, 'xlsx', s.facts.im.badRows.size],
      ['gis-zhkh-outages', s.outagesXml, 'xml', s.facts.outages.badRows.size],
    ];
    for (const [format, data, kind, bad] of cases) {
      const first = await h.run(format, data, kind, cfg);
      expect(first.status).toBe('done');
      expect(first.accepted).toBeGreaterThan(first.rows * 0.8);
      expect(first.rejectedRows).toBeGreaterThanOrEqual(bad);
      const seq = h.log.headSeq;
      const second = await h.run(format, data, kind, cfg);
      expect(counts(second)).toEqual({
        status: 'done',
        rows: first.rows,
        accepted: 0,
        updated: 0,
        unchanged: first.accepted,
        rejectedRows: first.rejectedRows,
      });
      expect(h.log.headSeq).toBe(seq);
    }
    const seq = h.log.headSeq;
    const csv = await h.run('pos', s.posCsv, 'csv', cfg);
    expect(csv).toMatchObject({ status: 'done', rows: 300, accepted: 0, updated: 0, unchanged: 300 - s.facts.pos.badRows.size });
    expect(h.log.headSeq).toBe(seq);
  });

  it('a newer export updates by source id and version; the older one then changes nothing back', async () => {
    const { samples: s, config: cfg } = await fixtures();
    const newer = await makeSamples({ revision: 2 });
    const h = memoryHub();
    await h.run('pos', s.posCsv, 'csv', cfg);
    await h.run('gis-zhkh-outages', s.outagesXml, 'xml', cfg);
    const before = h.state();
    const pos2 = await h.run('pos', newer.posCsv, 'csv', cfg);
    expect(pos2.updated).toBeGreaterThan(20);
    expect(pos2.accepted).toBeGreaterThan(5);
    const gis2 = await h.run('gis-zhkh-outages', newer.outagesXml, 'xml', cfg);
    expect(gis2.updated).toBeGreaterThan(10);
    const after = h.state();
    let answered = 0;
    for (const [k, e] of after) {
      const old = before.get(k);
      if (old && old.version !== e.version) expect(e.version).toBeGreaterThan(old.version);
      if (old?.kind === 'appeal' && e.kind === 'appeal' && old.status !== 'answered' && e.status === 'answered') answered++;
    }
    expect(answered).toBeGreaterThan(20);
    // Cancelled outages are gone, and only they.
    const gone = [...before.keys()].filter((k) => !after.has(k));
    expect(gone.length).toBeGreaterThan(0);
    expect(gone.every((k) => k.startsWith('accident:gis:'))).toBe(true);
    // The older exports again: refused item by item as stale, nothing rolled back.
    const seq = h.log.headSeq;
    const old = await h.run('pos', s.posCsv, 'csv', cfg);
    expect(old.updated + old.accepted).toBe(0);
    expect(old.rejected.some((r) => r.field === 'version' && r.reason.startsWith('stale-version'))).toBe(true);
    await h.run('gis-zhkh-outages', s.outagesXml, 'xml', cfg);
    expect(h.log.headSeq).toBe(seq);
  });

  it('a changed row with the same source version still updates (the version rises by one)', async () => {
    const h = memoryHub();
    const rows = [...posRows(3, { dates: 'text' })];
    await h.run('pos', csvText(rows), 'csv', DEFAULT_IMPORT_CONFIG);
    const id = `appeal:pos:${rows[1]![0]}`;
    const v = h.log.get(id)!.version;
    const to = rows[1]![5] === 'В работе' ? 'Закрыто' : 'В работе';
    rows[1]![5] = to; // the dates stay: the same source version
    const r = await h.run('pos', csvText(rows), 'csv', DEFAULT_IMPORT_CONFIG);
    expect(r).toMatchObject({ updated: 1, unchanged: 2 });
    expect(h.log.get(id)!.version).toBe(v + 1);
    expect(h.log.get(id)).toMatchObject({ status: to === 'Закрыто' ? 'closed' : 'in_progress' });
    expect(await h.run('pos', csvText(rows), 'csv', DEFAULT_IMPORT_CONFIG)).toMatchObject({ updated: 0, unchanged: 3 });
  });

  it('follows a post that ИМ moves to another incident: the old id is removed in the same change', async () => {
    const h = memoryHub();
    const rows = [...imRows(4)];
    await h.run('im', await xlsxBuffer(rows, 'Публикации'), 'xlsx', DEFAULT_IMPORT_CONFIG);
    const post = String(rows[1]![0]);
    const before = h.log.snapshot().entities.filter((e) => e.id.endsWith(`:${post}`));
    expect(before.length).toBe(1);
    rows[1]![1] = '79999';
    rows[1]![3] = '29.11.2026 12:00:00';
    const r = await h.run('im', await xlsxBuffer(rows, 'Публикации'), 'xlsx', DEFAULT_IMPORT_CONFIG);
    expect(r).toMatchObject({ accepted: 1, unchanged: 3 });
    expect(
      h.log
        .snapshot()
        .entities.filter((e) => e.id.endsWith(`:${post}`))
        .map((e) => e.id),
    ).toEqual([`im:79999:${post}`]);
  });

  it('sends batches of at most the batch size, each row counted once', async () => {
    const h = memoryHub();
    const r = await h.run('pos', csvText(posRows(50, { dates: 'text' })), 'csv', DEFAULT_IMPORT_CONFIG, 7);
    expect(r.rows).toBe(50);
    expect(r.accepted + r.rejectedRows).toBe(50);
    expect(h.log.headSeq).toBe(Math.ceil(r.accepted / 7));
  });

  it('a file read in the import worker thread gives the same report and the same entities as one read inline', async () => {
    const { samples: s, config: cfg } = await fixtures();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'import-worker-'));
    try {
      for (const [format, name, data, kind] of [
        ['pos', 'pos.xlsx', s.posXlsx, 'xlsx'],
        ['gis-zhkh-outages', 'outages.xml', s.outagesXml, 'xml'],
        ['pos', 'bad.csv', 'Номер сообщения;Текст\n1;x\n', 'csv'],
      ] as const) {
        const file = path.join(dir, name);
        writeFileSync(file, data);
        const inline = memoryHub();
        const threaded = memoryHub();
        const a = await inline.runFile(format, file, kind, cfg, 'inline');
        const b = await threaded.runFile(format, file, kind, cfg, 'worker');
        expect(b).toEqual(a);
        expect([...threaded.state().values()]).toEqual([...inline.state().values()]);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a file the import thread cannot read fails the run with the reason (no hang, nothing stored)', async () => {
    const h = memoryHub();
    const r = await h.runFile('pos', path.join(os.tmpdir(), 'no-such-import-file.xlsx'), 'xlsx', DEFAULT_IMPORT_CONFIG, 'worker');
    expect(r).toMatchObject({ status: 'failed', rows: 0, accepted: 0 });
    expect(r.error).toMatch(/corrupt-file|ENOENT/);
    expect(h.log.headSeq).toBe(0);
  });

  it('refuses a file of the wrong kind or without the required columns, importing nothing', async () => {
    const h = memoryHub();
    expect(await h.run('pos', '<x/>', 'xml', DEFAULT_IMPORT_CONFIG)).toMatchObject({ status: 'failed', error: expect.stringMatching(/XLSX or CSV/) });
    expect(await h.run('gis-zhkh-outages', 'a;b\n', 'csv', DEFAULT_IMPORT_CONFIG)).toMatchObject({ status: 'failed', error: expect.stringMatching(/XML/) });
    const r = await h.run('pos', 'Номер сообщения;Текст\n1;x\n', 'csv', DEFAULT_IMPORT_CONFIG);
    expect(r).toMatchObject({ status: 'failed', rows: 0, error: expect.stringMatching(/required column/) });
    expect(r.rejected.every((e) => e.row === 1 && e.reason.startsWith('missing-column'))).toBe(true);
    expect(h.log.headSeq).toBe(0);
  });
});

describe('import runner: truncated files', () => {
  const cut = (data: string | Buffer, at: number) => (typeof data === 'string' ? Buffer.from(data) : data).subarray(0, at);

  for (const [format, pick, kind] of [
    ['pos', (s: Samples) => s.posCsv, 'csv'],
    ['pos', (s: Samples) => s.posXlsx, 'xlsx'],
    ['im', (s: Samples) => s.imXlsx, 'xlsx'],
    ['gis-zhkh-outages', (s: Samples) => s.outagesXml, 'xml'],
  ] as const) {
    it(`no truncation of the ${format} ${kind} sample loses or changes an entity imported before (never half a row)`, async () => {
      const { samples: s, config: cfg } = await fixtures();
      const data = pick(s);
      const size = Buffer.byteLength(data);
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 0, max: size - 1 }), async (at) => {
          const h = memoryHub();
          await h.run(format, data, kind, cfg);
          const before = h.state();
          const r = await h.run(format, cut(data, at), kind, cfg);
          const after = h.state();
          for (const [k, e] of before) expect(after.get(k) as Entity).toEqual(e);
          expect(after.size).toBe(before.size);
          expect(r.accepted + r.updated).toBe(0);
        }),
        { numRuns: kind === 'xlsx' ? 12 : 25, seed: 14 },
      );
    });
  }

  it('a truncated first import keeps only whole rows: each one equal to its row in the full import', async () => {
    const { samples: s, config: cfg } = await fixtures();
    const full = memoryHub();
    await full.run('pos', s.posCsv, 'csv', cfg);
    const whole = full.state();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: s.posCsv.length - 1 }), async (at) => {
        const h = memoryHub();
        await h.run('pos', s.posCsv.slice(0, at), 'csv', cfg);
        for (const [k, e] of h.state()) expect(e).toEqual(whole.get(k));
      }),
      { numRuns: 25, seed: 15 },
    );
  });
});
