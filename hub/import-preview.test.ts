/**
 * The admin page's mapping editor against a real hub on port 0 (issue 14): `POST
 * /api/v1/import/preview` maps the first rows of a committed sample without storing anything,
 * follows a mapping sent with it, refuses a bad mapping with Russian errors by field; `PUT
 * /api/v1/import/mapping` stores the mapping the next import uses (in `--import-config DIR`).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_NOW } from '../test/support/import-samples';
import { MemoryFeedLog } from './feed-log';
import { loadImportConfig } from './import/config';
import { DEFAULT_POS_MAPPING } from './import/pos';
import type { ImportPreview } from './import/preview';
import type { ImportConfig, ImportReport } from './import/run-import';
import { startHub, type RunningHub } from './start-hub';
import { DEV_TOKENS } from './tokens';

const SAMPLES = path.resolve(__dirname, '../docs/integrations/samples');
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

let config: ImportConfig;
beforeAll(async () => {
  config = await loadImportConfig(SAMPLES);
});

async function hub(configDir?: string): Promise<RunningHub & { log: MemoryFeedLog }> {
  const log = new MemoryFeedLog(100_000);
  const h = await startHub({ host: '127.0.0.1', port: 0, log, tokens: DEV_TOKENS, staticDir: null, now: () => SAMPLE_NOW, imports: { config, configDir } });
  cleanups.push(() => h.close());
  return Object.assign(h, { log });
}

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v), 'utf8').toString('base64');
async function preview(h: RunningHub, format: string, body: Buffer, opts: { rows?: number; mapping?: string; token?: string } = {}): Promise<Response> {
  return fetch(`${h.url}/api/v1/import/preview?format=${format}&rows=${opts.rows ?? 10}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${opts.token ?? 'dev-admin'}`, ...(opts.mapping !== undefined && { 'x-import-mapping': opts.mapping }) },
    body: new Uint8Array(body),
  });
}

describe('import preview', () => {
  it('maps the first rows of a ПОС XLSX as the hub would store them (no personal data), stores nothing', async () => {
    const h = await hub();
    const res = await preview(h, 'pos', readFileSync(path.join(SAMPLES, 'pos-export.xlsx')), { rows: 12 });
    expect(res.status).toBe(200);
    const p = (await res.json()) as ImportPreview;
    expect(p.fileErrors).toEqual([]);
    expect(p.headers).toContain('Номер сообщения');
    expect(p.rows).toHaveLength(12);
    const ok = p.rows.filter((r) => r.rejected.length === 0);
    expect(ok.length).toBeGreaterThan(5);
    for (const r of ok) {
      expect(r.entities[0]).toMatchObject({ kind: 'appeal', id: `pos:${r.source!['Номер сообщения']}` });
      expect(r.entities[0]).not.toHaveProperty('applicant');
      expect(JSON.stringify(r.entities)).not.toMatch(/\+7 \(\d{3}\)/);
    }
    // The source values shown beside them are redacted too: no phone, the applicant column masked.
    expect(JSON.stringify(p.rows.map((r) => r.source))).not.toMatch(/\+7 \(\d{3}\)/);
    expect(ok[0]!.source!['Заявитель']).toBe('•••');
    expect(h.log.snapshot().entities.filter((e) => e.id.startsWith('pos:'))).toHaveLength(0);
  });

  it('follows the mapping sent with it: a column mapped elsewhere changes the rows', async () => {
    const h = await hub();
    const file = readFileSync(path.join(SAMPLES, 'pos-export.csv'));
    const before = (await (await preview(h, 'pos', file)).json()) as ImportPreview;
    // «Категория» unmapped and no default sector: rows without a known topic lose their sector; mapping «Статус» away without a default refuses the header.
    const noStatus = { ...DEFAULT_POS_MAPPING, columns: Object.fromEntries(Object.entries(DEFAULT_POS_MAPPING.columns).filter(([, f]) => f !== 'status')) };
    const res = await preview(h, 'pos', file, { mapping: b64(noStatus) });
    expect(res.status).toBe(200);
    const after = (await res.json()) as ImportPreview;
    expect(before.fileErrors).toEqual([]);
    expect(after.fileErrors.map((e) => e.reason)).toEqual([expect.stringMatching(/^missing-column: no status column/)]);
    // With a default status the same file maps again, every appeal with that status.
    const withDefault = { ...noStatus, defaults: { ...noStatus.defaults, status: 'closed' } };
    const third = (await (await preview(h, 'pos', file, { mapping: b64(withDefault) })).json()) as ImportPreview;
    expect(third.fileErrors).toEqual([]);
    const statuses = new Set(third.rows.flatMap((r) => r.entities.map((e) => (e as { status?: string }).status)));
    expect([...statuses]).toEqual(['closed']);
  });

  it('refuses a bad mapping with 400 and Russian errors by field', async () => {
    const h = await hub();
    const file = readFileSync(path.join(SAMPLES, 'pos-export.csv'));
    const bad = { ...DEFAULT_POS_MAPPING, columns: { ...DEFAULT_POS_MAPPING.columns, Статус: 'state' }, utcOffsetMinutes: 5000 };
    const res = await preview(h, 'pos', file, { mapping: b64(bad) });
    expect(res.status).toBe(400);
    const { errors } = (await res.json()) as { errors: { path: string; message: string }[] };
    const paths = errors.map((e) => e.path);
    expect(paths).toContain('columns["Статус"]');
    expect(paths).toContain('utcOffsetMinutes');
    for (const e of errors) expect(e.message).toMatch(/[А-Яа-яЁё]/);
    const notJson = await preview(h, 'pos', file, { mapping: 'not base64 json!' });
    expect(notJson.status).toBe(400);
    const wrongFormat = await preview(h, 'pos', file, { mapping: b64({ ...DEFAULT_POS_MAPPING, format: 'im' }) });
    expect(((await wrongFormat.json()) as { errors: { path: string }[] }).errors[0]!.path).toBe('format');
    expect((await preview(h, 'nope', file)).status).toBe(400);
    expect((await preview(h, 'pos', file, { token: 'dev-wall' })).status).toBe(403);
  });

  it('previews ГИС ЖКХ records', async () => {
    const h = await hub();
    const p = (await (await preview(h, 'gis-zhkh-outages', readFileSync(path.join(SAMPLES, 'gis-zhkh-outages.xml')), { rows: 5 })).json()) as ImportPreview;
    expect(p.rows).toHaveLength(5);
    expect(p.rows.flatMap((r) => r.entities).some((e) => e.kind === 'accident')).toBe(true);
  });
});

describe('import mapping', () => {
  it('PUT stores the mapping in --import-config (admin token only) and the next import uses it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'import-config-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const h = await hub(dir);
    const url = `${h.url}/api/v1/import/mapping?format=pos`;
    const got = (await (await fetch(url, { headers: { authorization: 'Bearer dev-admin' } })).json()) as { mapping: typeof DEFAULT_POS_MAPPING };
    expect(got.mapping.columns['Статус']).toBe('status');
    const edited = {
      ...got.mapping,
      version: 2,
      columns: Object.fromEntries(Object.entries(got.mapping.columns).filter(([, f]) => f !== 'status')),
      defaults: { ...got.mapping.defaults, status: 'closed' },
    };
    expect((await fetch(url, { method: 'PUT', headers: { authorization: 'Bearer dev-ingest' }, body: JSON.stringify(edited) })).status).toBe(403);
    const bad = await fetch(url, { method: 'PUT', headers: { authorization: 'Bearer dev-admin' }, body: JSON.stringify({ ...edited, channel: 'pigeon' }) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(['channel']);
    const put = await fetch(url, { method: 'PUT', headers: { authorization: 'Bearer dev-admin' }, body: JSON.stringify(edited) });
    expect(put.status).toBe(200);
    expect(JSON.parse(readFileSync(path.join(dir, 'pos.json'), 'utf8'))).toMatchObject({ version: 2, defaults: { status: 'closed' } });
    expect((await loadImportConfig(dir)).pos.version).toBe(2);
    // The import now maps with it: every imported ПОС appeal is closed.
    const res = await fetch(`${h.url}/api/v1/import?format=pos`, {
      method: 'POST',
      headers: { authorization: 'Bearer dev-ingest' },
      body: new Uint8Array(readFileSync(path.join(SAMPLES, 'pos-export.csv'))),
    });
    const { importId } = (await res.json()) as { importId: string };
    let report: ImportReport;
    do {
      await new Promise((r) => setTimeout(r, 100));
      report = (await (await fetch(`${h.url}/api/v1/import/${importId}`, { headers: { authorization: 'Bearer dev-ingest' } })).json()) as ImportReport;
    } while (report.status === 'running');
    expect(report.status).toBe('done');
    const pos = h.log.snapshot().entities.filter((e) => e.id.startsWith('pos:'));
    expect(pos.length).toBeGreaterThan(100);
    expect(new Set(pos.map((e) => (e as { status?: string }).status))).toEqual(new Set(['closed']));
  });
});

describe('import mapping documents (import-pos, import-im)', () => {
  const admin = { authorization: 'Bearer dev-admin', 'content-type': 'application/json' };
  /** One ПОС row with a status and a date the built-in mapping does not know. */
  const csv = (id: string) =>
    'Номер сообщения;Дата создания;Статус;Категория;Ответственный;Муниципальное образование;Текст сообщения\n' +
    `${id};2026/11/15 15:39;Принято к исполнению;ЖКХ;Администрация города Новочебоксарск;97710000;Нет холодной воды\n`;
  async function importCsv(h: RunningHub, body: string): Promise<ImportReport> {
    const res = await fetch(`${h.url}/api/v1/import?format=pos&kind=csv`, { method: 'POST', headers: { authorization: 'Bearer dev-ingest' }, body });
    expect(res.status).toBe(202);
    const { importId } = (await res.json()) as { importId: string };
    for (;;) {
      const report = (await (await fetch(`${h.url}/api/v1/import/${importId}`, { headers: { authorization: 'Bearer dev-ingest' } })).json()) as ImportReport;
      if (report.status !== 'running') return report;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const getDoc = async (h: RunningHub) =>
    (await (await fetch(`${h.url}/api/v1/config/import-pos`, { headers: admin })).json()) as { version: number; body: typeof DEFAULT_POS_MAPPING };

  it('a status map and a date format changed over HTTP change how the next import maps; history and rollback', async () => {
    const h = await hub();
    const v1 = await getDoc(h);
    expect(v1.version).toBe(1);
    expect(v1.body).toMatchObject({ format: 'pos', columns: { Статус: 'status' } });

    // Built-in mapping: the row is refused for its status and its date.
    const before = await importCsv(h, csv('7000001'));
    expect(before).toMatchObject({ status: 'done', rows: 1, accepted: 0, rejectedRows: 1 });
    expect(before.rejected.map((e) => `${e.field}:${e.reason.split(':')[0]}`).sort()).toEqual(['Дата создания:bad-date', 'Статус:unknown-value']);

    // A bad edit is refused with the path of its field (Russian), nothing stored.
    const badBody = { ...v1.body, dateFormats: ['DD.MM.GGGG'] };
    const bad = await fetch(`${h.url}/api/v1/config/import-pos`, { method: 'PUT', headers: admin, body: JSON.stringify({ baseVersion: 1, body: badBody }) });
    expect(bad.status).toBe(400);
    const badErrors = ((await bad.json()) as { errors: { path: string; message: string }[] }).errors;
    expect(badErrors[0]!.path).toBe('import-pos.dateFormats[0]');
    expect(badErrors[0]!.message).toMatch(/нет YYYY/);
    // A category mapped onto a sector that does not exist: the cross-check refuses it.
    const noSector = { ...v1.body, values: { ...v1.body.values, sector: { ...v1.body.values.sector, Дороги: 'no-such-sector' } } };
    const crossed = await fetch(`${h.url}/api/v1/config/import-pos`, {
      method: 'PUT',
      headers: admin,
      body: JSON.stringify({ baseVersion: 1, body: noSector }),
    });
    expect(crossed.status).toBe(400);
    expect(((await crossed.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(['import-pos.values.sector["Дороги"]']);

    const edited = {
      ...v1.body,
      values: { ...v1.body.values, status: { ...v1.body.values.status, 'Принято к исполнению': 'in_progress' } },
      dateFormats: [...v1.body.dateFormats, 'YYYY/MM/DD HH:mm'],
    };
    const put = await fetch(`${h.url}/api/v1/config/import-pos`, { method: 'PUT', headers: admin, body: JSON.stringify({ baseVersion: 1, body: edited }) });
    expect(put.status).toBe(200);
    expect(((await put.json()) as { version: number }).version).toBe(2);
    // The import routes see the document.
    const mapping = (await (await fetch(`${h.url}/api/v1/import/mapping?format=pos`, { headers: admin })).json()) as {
      documentVersion: number;
      mapping: typeof DEFAULT_POS_MAPPING;
    };
    expect(mapping.documentVersion).toBe(2);
    expect(mapping.mapping.dateFormats).toContain('YYYY/MM/DD HH:mm');

    const after = await importCsv(h, csv('7000001'));
    expect(after).toMatchObject({ status: 'done', rows: 1, accepted: 1, rejectedRows: 0 });
    const appeal = h.log.get('appeal:pos:7000001') as { status: string; createdAt: number } | undefined;
    expect(appeal?.status).toBe('in_progress');
    // 15:39 Moscow time (the mapping's UTC offset, +180 min) is 12:39 UTC.
    expect(appeal?.createdAt).toBe(Date.UTC(2026, 10, 15, 12, 39));

    const history = (await (await fetch(`${h.url}/api/v1/config/import-pos/history`, { headers: admin })).json()) as { versions: { version: number }[] };
    expect(history.versions.map((v) => v.version)).toEqual([2, 1]);
    const rb = await fetch(`${h.url}/api/v1/config/import-pos/rollback`, { method: 'POST', headers: admin, body: JSON.stringify({ version: 1 }) });
    expect(rb.status).toBe(200);
    expect((await getDoc(h)).version).toBe(3);
    // Rolled back: a new row like it is refused again; the imported appeal stays.
    const again = await importCsv(h, csv('7000002'));
    expect(again).toMatchObject({ accepted: 0, rejectedRows: 1 });
    expect(h.log.get('appeal:pos:7000001')).toBeDefined();
  });

  it('an import resolves against the hub’s current organisations and topics documents', async () => {
    const h = await hub();
    const row = (id: string) =>
      'Номер сообщения;Дата создания;Статус;Подкатегория;Ответственный;Муниципальное образование;Текст сообщения\n' +
      `${id};15.11.2026 15:39;Новое;Сосульки на крыше;ООО «Управляющая компания Тест»;97710000;Сосульки\n`;
    const refused = await importCsv(h, row('7100001'));
    // The built-in directories know neither the operator nor the subcategory (so no sector either).
    expect(refused.rejected.map((e) => `${e.field}:${e.reason.split(':')[0]}`).sort()).toEqual(['Категория:missing', 'Ответственный:unknown-org']);
    const orgs = (await (await fetch(`${h.url}/api/v1/config/organisations`, { headers: admin })).json()) as { version: number; body: unknown[] };
    const uk = { id: 'op-uk-test', name: 'ООО «Управляющая компания Тест»', short: 'УК Тест', type: 'operator', municipality: '97710000' };
    const put = await fetch(`${h.url}/api/v1/config/organisations`, {
      method: 'PUT',
      headers: admin,
      body: JSON.stringify({ baseVersion: orgs.version, body: [...orgs.body, uk] }),
    });
    expect(put.status).toBe(200);
    const topics = (await (await fetch(`${h.url}/api/v1/config/topics`, { headers: admin })).json()) as { version: number; body: unknown[] };
    const icicles = { id: 'housing.icicles', sector: 'housing', label: 'Сосульки на крыше' };
    expect(
      (
        await fetch(`${h.url}/api/v1/config/topics`, {
          method: 'PUT',
          headers: admin,
          body: JSON.stringify({ baseVersion: topics.version, body: [...topics.body, icicles] }),
        })
      ).status,
    ).toBe(200);
    const accepted = await importCsv(h, row('7100001'));
    expect(accepted).toMatchObject({ accepted: 1, rejectedRows: 0 });
    expect(h.log.get('appeal:pos:7100001')).toMatchObject({ org: 'op-uk-test', topic: 'housing.icicles', sector: 'housing' });
  });

  it('seeds the document from pos.json of --import-config, and mirrors a saved version into it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'import-config-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = { ...DEFAULT_POS_MAPPING, version: 5, defaults: { ...DEFAULT_POS_MAPPING.defaults, status: 'new' } };
    writeFileSync(path.join(dir, 'pos.json'), JSON.stringify(file));
    const log = new MemoryFeedLog(1000);
    const h = await startHub({
      host: '127.0.0.1',
      port: 0,
      log,
      tokens: DEV_TOKENS,
      staticDir: null,
      now: () => SAMPLE_NOW,
      imports: { config: await loadImportConfig(dir), configDir: dir },
    });
    cleanups.push(() => h.close());
    const seeded = await getDoc(h);
    expect(seeded.version).toBe(2);
    expect(seeded.body).toMatchObject({ version: 5, defaults: { status: 'new' } });
    const list = (await (await fetch(`${h.url}/api/v1/config/import-pos/history`, { headers: admin })).json()) as { versions: { updatedBy: string }[] };
    expect(list.versions[0]!.updatedBy).toBe('--import-config');
    const body = { ...seeded.body, version: 6, utcOffsetMinutes: 240 };
    expect((await fetch(`${h.url}/api/v1/config/import-pos`, { method: 'PUT', headers: admin, body: JSON.stringify({ baseVersion: 2, body }) })).status).toBe(
      200,
    );
    expect(JSON.parse(readFileSync(path.join(dir, 'pos.json'), 'utf8'))).toMatchObject({ version: 6, utcOffsetMinutes: 240 });
    // The same file at the next start seeds nothing new.
    await h.close();
    cleanups.pop();
    const h2 = await startHub({
      host: '127.0.0.1',
      port: 0,
      log,
      tokens: DEV_TOKENS,
      staticDir: null,
      now: () => SAMPLE_NOW,
      imports: { config: await loadImportConfig(dir), configDir: dir },
    });
    cleanups.push(() => h2.close());
    expect((await getDoc(h2)).version).toBe(3);
  });
});
