/**
 * Integration (issue 14): a real hub on port 0 imports the committed samples over HTTP and
 * through a watched inbox; a second import changes nothing; a newer export updates; a wall
 * client sees the imported items and none of the samples' personal data.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FeedClient, waitFor } from '../test/support/hub-fixture';
import { makeSamples, SAMPLE_NOW, type Samples } from '../test/support/import-samples';
import { MemoryFeedLog } from './feed-log';
import { loadImportConfig } from './import/config';
import type { ImportConfig, ImportReport } from './import/run-import';
import { startHub, type RunningHub } from './start-hub';
import { DEV_TOKENS } from './tokens';

const SAMPLES = path.resolve(__dirname, '../docs/integrations/samples');
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

let config: ImportConfig;
let samples: Samples;
beforeAll(async () => {
  config = await loadImportConfig(SAMPLES);
  samples = await makeSamples();
});

async function hub(inbox?: string): Promise<RunningHub & { log: MemoryFeedLog }> {
  const log = new MemoryFeedLog(100_000);
  const h = await startHub({
    host: '127.0.0.1',
    port: 0,
    log,
    tokens: DEV_TOKENS,
    staticDir: null,
    now: () => SAMPLE_NOW,
    imports: { config, inbox, inboxPollMs: 50 },
  });
  cleanups.push(() => h.close());
  return Object.assign(h, { log });
}

async function upload(h: RunningHub, format: string, body: string | Buffer, token = 'dev-ingest', type = 'application/octet-stream'): Promise<Response> {
  return fetch(`${h.url}/api/v1/import?format=${format}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': type },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
}

async function importAndWait(h: RunningHub, format: string, body: string | Buffer): Promise<ImportReport> {
  const res = await upload(h, format, body);
  expect(res.status).toBe(202);
  const { importId } = (await res.json()) as { importId: string };
  for (;;) {
    const r = await fetch(`${h.url}/api/v1/import/${importId}`, { headers: { authorization: 'Bearer dev-ingest' } });
    expect(r.status).toBe(200);
    const report = (await r.json()) as ImportReport;
    if (report.status !== 'running') return report;
    await new Promise((r) => setTimeout(r, 100)); // under the hub's API rate limit while the import thread starts
  }
}

const files = (): [string, string, string | Buffer, number][] => [
  ['pos', 'pos-export.xlsx', readFileSync(path.join(SAMPLES, 'pos-export.xlsx')), samples.facts.pos.badRows.size],
  ['pos', 'pos-export.csv', readFileSync(path.join(SAMPLES, 'pos-export.csv')), samples.facts.pos.badRows.size],
  ['im', 'im-export.xlsx', readFileSync(path.join(SAMPLES, 'im-export.xlsx')), samples.facts.im.badRows.size],
  ['gis-zhkh-outages', 'gis-zhkh-outages.xml', readFileSync(path.join(SAMPLES, 'gis-zhkh-outages.xml')), samples.facts.outages.badRows.size],
];

describe('import over HTTP', () => {
  it('imports each committed sample (202, then a report); a second import changes nothing; the wall gets the items and no personal data', async () => {
    // The committed samples are what `npm run samples` makes, byte for byte.
    expect(readFileSync(path.join(SAMPLES, 'pos-export.csv'), 'utf8')).toBe(samples.posCsv);
    expect(readFileSync(path.join(SAMPLES, 'pos-export.xlsx')).equals(samples.posXlsx)).toBe(true);
    expect(readFileSync(path.join(SAMPLES, 'gis-zhkh-outages.xml'), 'utf8')).toBe(samples.outagesXml);
    const h = await hub();
    const wall = new FeedClient(h.url, 'wall');
    cleanups.push(() => wall.close());
    await wall.connected();
    for (const [format, name, body, bad] of files()) {
      const first = await importAndWait(h, format, body);
      expect(first, name).toMatchObject({ status: 'done', rows: format === 'gis-zhkh-outages' ? 200 : 300 });
      expect(first.rejectedRows, name).toBeGreaterThanOrEqual(bad);
      expect(first.rows - first.rejectedRows, name).toBe(first.accepted + first.updated + first.unchanged);
      if (name !== 'pos-export.csv') expect(first.accepted, name).toBeGreaterThan(first.rows * 0.8);
      else expect(first.accepted + first.updated, name).toBe(0); // the same messages as the XLSX
      const seq = h.log.headSeq;
      const again = await importAndWait(h, format, body);
      expect(again, name).toMatchObject({
        status: 'done',
        rows: first.rows,
        accepted: 0,
        updated: 0,
        unchanged: first.accepted + first.updated + first.unchanged,
      });
      expect(h.log.headSeq, name).toBe(seq);
    }
    await wall.waitForSeq(h.log.headSeq);
    expect(wall.store.entities.size).toBe(h.log.size);
    expect(h.log.snapshot().entities.filter((e) => e.id.startsWith('gis:')).length).toBeGreaterThan(150);
    const seen = JSON.stringify(wall.raw);
    const pii = [...samples.facts.pos.pii, ...samples.facts.im.pii].filter((p) => p.length >= 6);
    expect(pii.length).toBeGreaterThan(300);
    expect(pii.filter((p) => seen.includes(p))).toEqual([]);
    expect(seen).not.toMatch(/\+7 \(9\d\d\)/);
  });

  it('a newer export updates; the wall follows', async () => {
    const h = await hub();
    await importAndWait(h, 'pos', samples.posXlsx);
    await importAndWait(h, 'gis-zhkh-outages', samples.outagesXml);
    const newer = await makeSamples({ revision: 2 });
    const pos = await importAndWait(h, 'pos', newer.posXlsx);
    expect(pos.updated).toBeGreaterThan(20);
    expect(pos.accepted).toBeGreaterThan(5);
    const gis = await importAndWait(h, 'gis-zhkh-outages', newer.outagesXml);
    expect(gis.updated).toBeGreaterThan(10);
    const wall = new FeedClient(h.url, 'wall');
    cleanups.push(() => wall.close());
    await wall.waitForSeq(h.log.headSeq);
    expect(wall.store.entities.size).toBe(h.log.size);
  });

  it('refuses a request without an ingest token, of an unknown format, or with no body; an unknown id is 404', async () => {
    const h = await hub();
    expect((await upload(h, 'pos', 'x', 'nope')).status).toBe(401);
    expect((await upload(h, 'pos', 'x', 'dev-wall')).status).toBe(403);
    expect((await upload(h, 'excel', 'x')).status).toBe(400);
    expect((await upload(h, 'pos', '')).status).toBe(400);
    expect((await fetch(`${h.url}/api/v1/import/nope`, { headers: { authorization: 'Bearer dev-ingest' } })).status).toBe(404);
    expect((await fetch(`${h.url}/api/v1/import/nope`, { headers: { authorization: 'Bearer dev-wall' } })).status).toBe(403);
    expect((await fetch(`${h.url}/api/v1/import?format=pos`)).status).toBe(405);
    const bad = await importAndWait(h, 'pos', '<xml/>');
    expect(bad).toMatchObject({ status: 'failed', error: expect.stringMatching(/XLSX or CSV/) });
  });
});

describe('import through the inbox', () => {
  it('imports each dropped file once, then moves it to done/ or failed/ with its report', async () => {
    const inbox = mkdtempSync(path.join(os.tmpdir(), 'cur-inbox-'));
    cleanups.push(() => rmSync(inbox, { recursive: true, force: true }));
    const h = await hub(inbox);
    for (const [, name] of files()) copyFileSync(path.join(SAMPLES, name), path.join(inbox, name));
    writeFileSync(path.join(inbox, 'notes.txt'), 'what is this');
    const xml = readFileSync(path.join(SAMPLES, 'gis-zhkh-outages.xml'));
    writeFileSync(path.join(inbox, 'gis-zhkh-outages-cut.xml'), xml.subarray(0, Math.floor(xml.length / 2)));
    const reportOf = (dir: string, name: string) => JSON.parse(readFileSync(path.join(inbox, dir, `${name}.report.json`), 'utf8')) as ImportReport;
    await waitFor(
      () =>
        readdirSync(inbox).filter((n) => !['done', 'failed', '.processing'].includes(n)).length === 0 &&
        readdirSync(path.join(inbox, '.processing')).length === 0 &&
        readdirSync(path.join(inbox, 'done')).length + readdirSync(path.join(inbox, 'failed')).length === 12,
      60_000,
      () => `inbox: ${readdirSync(inbox)} done: ${readdirSync(path.join(inbox, 'done'))} failed: ${readdirSync(path.join(inbox, 'failed'))}`,
    );
    for (const [, name] of files()) {
      expect(existsSync(path.join(inbox, 'done', name)), name).toBe(true);
      expect(reportOf('done', name), name).toMatchObject({ status: 'done' });
    }
    expect(reportOf('failed', 'notes.txt')).toMatchObject({ status: 'failed', error: expect.stringMatching(/format/) });
    const cut = reportOf('failed', 'gis-zhkh-outages-cut.xml');
    expect(cut).toMatchObject({ status: 'failed', error: expect.stringMatching(/^truncated/) });
    expect(h.log.snapshot().entities.filter((e) => e.kind === 'appeal').length).toBeGreaterThan(500);
    // Dropped again: imported again, nothing changes, and the second copy gets its own name in done/.
    const seq = h.log.headSeq;
    copyFileSync(path.join(SAMPLES, 'im-export.xlsx'), path.join(inbox, 'im-export.xlsx'));
    await waitFor(
      () => readdirSync(path.join(inbox, 'done')).filter((n) => n.startsWith('im-export') && n.endsWith('.report.json')).length === 2,
      30_000,
      () => `done: ${readdirSync(path.join(inbox, 'done'))}`,
    );
    const second = readdirSync(path.join(inbox, 'done')).find((n) => n.startsWith('im-export-') && n.endsWith('.xlsx.report.json'))!;
    expect(JSON.parse(readFileSync(path.join(inbox, 'done', second), 'utf8'))).toMatchObject({ status: 'done', accepted: 0, updated: 0 });
    expect(h.log.headSeq).toBe(seq);
  });
});
