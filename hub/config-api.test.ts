/**
 * The configuration API (issue 12) against a real hub on a real port: list and read with any
 * reading token, PUT with the admin token, 409 on a stale base, 400 with the path of each error,
 * history, rollback (through the same checks), the audit log, the sector CSV import, a new
 * sector accepted by ingest at once, and the live push to a socket client. Then the versions
 * in a real SQLite file across a reopen.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIG_NAMES } from '../app/config/documents';
import { DEFAULT_SECTORS } from '../app/domain/sector';
import type { ConfigDoc, ConfigState } from '../app/protocol/config';
import { ENTITY_TIME, makeAccident, makeAppeal } from '../test/support/entities';
import ExcelJS from 'exceljs';
import { ConfigStore } from './config-store';
import { publicEntity } from './projection';
import { MemoryFeedLog } from './feed-log';
import { SqliteFeedLog } from './sqlite-log';
import { startHub, type RunningHub } from './start-hub';
import { DEV_TOKENS } from './tokens';

const NOW = ENTITY_TIME + 3_600_000;
let hub: RunningHub;
const log = new MemoryFeedLog(10_000);
let wall: Socket;
const states: ConfigState[] = [];
const docs: ConfigDoc[] = [];

type Json = Record<string, unknown> & { errors?: { path: string; message: string }[] };
async function call(method: string, p: string, token?: string, body?: unknown, contentType = 'application/json'): Promise<{ status: number; json: Json }> {
  const r = await fetch(`${hub.url}${p}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': contentType },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return { status: r.status, json: (await r.json()) as Json };
}
const put = (name: string, body: unknown, token = 'dev-admin') => call('PUT', `/api/v1/config/${name}`, token, body);
const parksAppeal = (id: string) => makeAppeal({ id, sector: 'parks', createdAt: ENTITY_TIME });
const withParks = [...DEFAULT_SECTORS.slice(0, -1), { id: 'parks', label: 'Парки', color: [68, 170, 153] }, DEFAULT_SECTORS.at(-1)!];

/** Resolves once `pred` holds for something `list` receives (checked on every push). */
function waitFor<T>(list: T[], pred: (x: T) => boolean): Promise<T> {
  return new Promise((resolve) => {
    const check = () => {
      const hit = list.find(pred);
      if (hit) resolve(hit);
      else setTimeout(check, 10);
    };
    check();
  });
}

beforeAll(async () => {
  hub = await startHub({ host: '127.0.0.1', port: 0, log, tokens: DEV_TOKENS, staticDir: null, now: () => NOW });
  wall = io(`${hub.url}/wall`, { auth: { token: 'dev-wall' }, transports: ['websocket'], reconnection: false });
  wall.on('config:state', (s: ConfigState) => states.push(s));
  wall.on('config:doc', (d: ConfigDoc) => docs.push(d));
  await waitFor(states, () => true);
});
afterAll(async () => {
  wall?.close();
  await hub?.close();
});

describe('configuration API: reading', () => {
  it('lists every document at version 1 (the built-in bodies) to any reading token', async () => {
    const r = await call('GET', '/api/v1/config', 'dev-wall');
    expect(r.status).toBe(200);
    const list = r.json as unknown as { name: string; version: number; updatedBy: string; updatedAt: number }[];
    expect(list.map((d) => d.name)).toEqual([...CONFIG_NAMES]);
    expect(list.every((d) => d.version === 1 && d.updatedBy === 'built-in' && d.updatedAt === NOW)).toBe(true);
    const sectors = await call('GET', '/api/v1/config/sectors', 'dev-touch');
    expect(sectors.json).toMatchObject({ name: 'sectors', version: 1, body: JSON.parse(JSON.stringify(DEFAULT_SECTORS)) });
  });

  it('401 without a token or with an unknown one, 403 for an ingest token, 404 for an unknown document', async () => {
    expect((await call('GET', '/api/v1/config')).status).toBe(401);
    expect((await call('GET', '/api/v1/config', 'nobody-at-all')).status).toBe(401);
    expect((await call('GET', '/api/v1/config/sectors', 'dev-ingest')).status).toBe(403);
    expect((await call('GET', '/api/v1/config/weather', 'dev-wall')).status).toBe(404);
  });

  it('the connected wall got config:state on connect, and no document (all are the built-in version 1)', () => {
    expect(states[0]!.documents.map((d) => [d.name, d.version])).toEqual(CONFIG_NAMES.map((n) => [n, 1]));
    expect(docs).toEqual([]);
  });

  it('GET /api/v1/schema holds the JSON Schema of every document', async () => {
    const r = await call('GET', '/api/v1/schema');
    expect(Object.keys(r.json.config as object)).toEqual([...CONFIG_NAMES]);
    expect((r.json.messages as Record<string, unknown>)['config:state']).toBeTruthy();
  });
});

describe('configuration API: a new sector', () => {
  it('an appeal of an unknown sector is refused at ingest', async () => {
    const r = await hub.ingest.ingest('test', { upserts: [parksAppeal('p0')], removes: [] });
    expect(r.rejected.map((x) => x.reason)).toEqual(['unknown-sector']);
  });

  it('only the admin token writes: 401 without a token, 403 for a wall token', async () => {
    expect((await call('PUT', '/api/v1/config/sectors', undefined, { baseVersion: 1, body: withParks })).status).toBe(401);
    expect((await put('sectors', { baseVersion: 1, body: withParks }, 'dev-wall')).status).toBe(403);
    // A write never takes its token from the URL.
    expect((await call('PUT', '/api/v1/config/sectors?token=dev-admin', undefined, { baseVersion: 1, body: withParks })).status).toBe(401);
    expect((await call('GET', '/api/v1/config/sectors?token=dev-wall')).status).toBe(200);
  });

  it('PUT stores version 2; an appeal of the new sector is accepted at once; the wall gets config:state and config:doc', async () => {
    const r = await put('sectors', { baseVersion: 1, body: withParks });
    expect(r).toEqual({ status: 200, json: { version: 2 } });
    const ingested = await hub.ingest.ingest('test', { upserts: [parksAppeal('p1')], removes: [] });
    expect(ingested.rejected).toEqual([]);
    expect(ingested.accepted).toBe(1);
    const state = await waitFor(states, (s) => s.documents.some((d) => d.name === 'sectors' && d.version === 2));
    expect(state.documents.find((d) => d.name === 'topics')!.version).toBe(1);
    const doc = await waitFor(docs, (d) => d.name === 'sectors' && d.version === 2);
    expect((doc.body as { id: string }[]).map((s) => s.id)).toContain('parks');
  });

  it('the public projection names the new sector from the current document (not «Прочее»)', () => {
    expect((publicEntity(parksAppeal('p-title')) as { title: string }).title).toMatch(/^Парки — /);
  });

  it("a version with its body by number (the admin page's diffs); 404 for one that does not exist", async () => {
    const v1 = await call('GET', '/api/v1/config/sectors/history/1', 'dev-wall');
    expect(v1.status).toBe(200);
    expect(v1.json).toMatchObject({ name: 'sectors', version: 1, updatedBy: 'built-in' });
    expect((v1.json.body as unknown[]).length).toBe(DEFAULT_SECTORS.length);
    expect((await call('GET', '/api/v1/config/sectors/history/2', 'dev-wall')).json.body).toEqual(withParks);
    expect((await call('GET', '/api/v1/config/sectors/history/99', 'dev-wall')).status).toBe(404);
  });

  it('409 when the base version is not the latest; nothing stored', async () => {
    const r = await put('sectors', { baseVersion: 1, body: DEFAULT_SECTORS });
    expect(r.status).toBe(409);
    expect(r.json).toMatchObject({ latest: 2 });
    expect(String(r.json.error)).toMatch(/версия 1 устарела/);
    expect((await call('GET', '/api/v1/config/sectors', 'dev-admin')).json.version).toBe(2);
  });

  it('400 with the path of each error, in Russian; nothing stored', async () => {
    const bad = withParks.map((s, i) => (i === 2 ? { ...s, color: [0, 256, 0] } : s));
    const r = await put('sectors', { baseVersion: 2, body: bad });
    expect(r.status).toBe(400);
    expect(r.json.errors).toEqual([{ path: 'sectors[2].color[1]', message: 'ожидается цвет [r, g, b] из чисел 0–255' }]);
    expect((await put('sectors', { body: withParks })).json.errors).toEqual([
      { path: 'baseVersion', message: 'ожидается номер версии, с которой начата правка (целое число)' },
    ]);
    expect((await call('GET', '/api/v1/config/sectors', 'dev-admin')).json.version).toBe(2);
  });

  it('400 for a cross-document error: an alarm rule naming an unknown sector', async () => {
    const rules = (await call('GET', '/api/v1/config/alarm-rules', 'dev-admin')).json.body as unknown[];
    const r = await put('alarm-rules', { baseVersion: 1, body: [...rules, { id: 'zoo', type: 'overdue-in-sector', sectors: ['zoo'], severity: 'warning' }] });
    expect(r.status).toBe(400);
    expect(r.json.errors).toEqual([
      { path: `alarm-rules[${rules.length}].sectors[0]`, message: 'правило тревоги «zoo»: сектор «zoo» не найден в справочнике секторов (sectors)' },
    ]);
  });

  it('history lists every version, newest first, with who (the admin token’s named person) and when', async () => {
    const r = await call('GET', '/api/v1/config/sectors/history', 'dev-presenter');
    expect(r.json).toEqual({
      name: 'sectors',
      versions: [
        { version: 2, updatedAt: NOW, updatedBy: 'Администратор (демо)' },
        { version: 1, updatedAt: NOW, updatedBy: 'built-in' },
      ],
    });
  });

  it('a rollback that drops a sector open appeals use is refused, and passes with a remap that moves them', async () => {
    const refused = await call('POST', '/api/v1/config/sectors/rollback', 'dev-admin', { version: 1 });
    expect(refused.status).toBe(400);
    expect(refused.json.errors![0]!.message).toMatch(/^сектор «parks» удалён, но его используют открытые обращения \(1\)/);
    const r = await call('POST', '/api/v1/config/sectors/rollback', 'dev-admin', { version: 1, remap: { parks: 'improvement' } });
    expect(r).toEqual({ status: 200, json: { version: 3, remapped: 1 } });
    expect((await call('GET', '/api/v1/config/sectors', 'dev-wall')).json.body).toEqual(JSON.parse(JSON.stringify(DEFAULT_SECTORS)));
    // The open appeal moved as its next version, broadcast like any change.
    expect(log.snapshot().entities.find((e) => e.id === 'p1')).toMatchObject({ sector: 'improvement', version: 2 });
    expect((await hub.ingest.ingest('test', { upserts: [parksAppeal('p2')], removes: [] })).rejected.map((x) => x.reason)).toEqual(['unknown-sector']);
  });

  it('every save and rollback, accepted or refused, is in the audit log with who', async () => {
    const r = await call('GET', '/api/v1/audit?limit=50', 'dev-admin');
    const rows = (r.json.entries as { role: string; command: string; result: string }[]).filter((e) => e.command.startsWith('config:'));
    expect(rows.map((e) => `${e.role} ${e.command}: ${e.result.split(':')[0]}`)).toEqual([
      'admin config:rollback to v1 sectors: ok',
      'admin config:rollback to v1 sectors: refused',
      'admin config:save alarm-rules: refused',
      'admin config:save sectors: refused',
      'admin config:save sectors: refused',
      'admin config:save sectors: ok',
    ]);
    expect(rows[0]!.result).toMatch(/version 3, 1 open appeals remapped/);
  });
});

describe('configuration API: a new organisation', () => {
  it('an accident of an operator added to the organisations document is accepted at once, by id and by name', async () => {
    const accident = (id: string, operator: string) => makeAccident({ id, operator, startedAt: ENTITY_TIME, plannedRestoreAt: ENTITY_TIME + 4 * 3_600_000 });
    expect((await hub.ingest.ingest('test', { upserts: [accident('t0', 'op-teplo-kanash')], removes: [] })).rejected.map((x) => x.reason)).toEqual([
      'unknown-org',
    ]);
    const orgs = (await call('GET', '/api/v1/config/organisations', 'dev-admin')).json.body as unknown[];
    const added = { id: 'op-teplo-kanash', type: 'operator', name: 'МУП «Теплосеть» г. Канаш', short: 'Теплосеть Канаш', municipality: '97516000' };
    expect((await put('organisations', { baseVersion: 1, body: [...orgs, added] })).json).toEqual({ version: 2 });
    const r = await hub.ingest.ingest('test', { upserts: [accident('t1', 'op-teplo-kanash'), accident('t2', 'МУП «Теплосеть» г. Канаш')], removes: [] });
    expect(r.rejected).toEqual([]);
    expect(log.snapshot().entities.find((e) => e.id === 't2')).toMatchObject({ operator: 'op-teplo-kanash' });
    // Public screens and the directory API read the current document too.
    expect(publicEntity(log.get('accident:t2')!)).toMatchObject({ operator: 'op-teplo-kanash' });
    const listed = (await call('GET', '/api/v1/organisations', 'dev-wall')).json as unknown as { id: string }[];
    expect(listed.map((o) => o.id)).toContain('op-teplo-kanash');
  });
});

describe('configuration API: import of sectors from «BI: ЦУР РФ»', () => {
  const csv = 'id;название;цвет\nparks;Парки и скверы;\nroads;Дороги и мосты;#56b4e9\n';

  it('preview says what will be added, changed and kept, and stores nothing', async () => {
    const r = await call('POST', '/api/v1/config/sectors/import?preview=1', 'dev-admin', csv, 'text/csv');
    expect(r.status).toBe(200);
    expect((r.json.added as { id: string }[]).map((s) => s.id)).toEqual(['parks']);
    expect((r.json.changed as { id: string }[]).map((s) => s.id)).toEqual(['roads']);
    expect(r.json.kept).toHaveLength(DEFAULT_SECTORS.length - 1);
    expect((await call('GET', '/api/v1/config/sectors', 'dev-admin')).json.version).toBe(3);
  });

  it('without preview it stores a new version; a bad file is refused line by line', async () => {
    const r = await call('POST', '/api/v1/config/sectors/import', 'dev-admin', csv, 'text/csv');
    expect(r.json).toMatchObject({ version: 4 });
    const body = (await call('GET', '/api/v1/config/sectors', 'dev-admin')).json.body as { id: string; label: string }[];
    expect(body.find((s) => s.id === 'roads')!.label).toBe('Дороги и мосты');
    expect(body.at(-1)!.id).toBe('other');
    const bad = await call('POST', '/api/v1/config/sectors/import', 'dev-admin', 'Парки;Парки;\n', 'text/csv');
    expect(bad.status).toBe(400);
    expect(bad.json.errors![0]!.path).toBe('csv[1].id');
    expect((await call('POST', '/api/v1/config/sectors/import', 'dev-wall', csv, 'text/csv')).status).toBe(403);
  });

  it('an XLSX list is read from its first sheet (exceljs) the same way; a bad row is named by its spreadsheet row', async () => {
    const xlsx = async (rows: string[][]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Секторы');
      for (const r of rows) ws.addRow(r);
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    const file = await xlsx([
      ['id', 'название', 'цвет'],
      ['museums', 'Музеи', '#aa4499'],
      ['roads', 'Дороги и мосты', '#56b4e9'],
    ]);
    const r = await fetch(`${hub.url}/api/v1/config/sectors/import?preview=1`, { method: 'POST', headers: { authorization: 'Bearer dev-admin' }, body: file });
    const j = (await r.json()) as { added: { id: string; color: number[] }[]; changed: unknown[] };
    expect(r.status).toBe(200);
    expect(j.added).toEqual([{ id: 'museums', label: 'Музеи', color: [170, 68, 153] }]);
    expect(j.changed).toEqual([]);
    const bad = await fetch(`${hub.url}/api/v1/config/sectors/import?preview=1`, {
      method: 'POST',
      headers: { authorization: 'Bearer dev-admin' },
      body: await xlsx([
        ['id', 'название'],
        ['ok', 'Хорошо'],
        ['Плохо', 'Плохо'],
      ]),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as Json).errors![0]!.path).toBe('xlsx[3].id');
  });
});

describe('configuration versions in SQLite', () => {
  it('every version survives a reopen; the built-in version 1 is written once', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cur-config-'));
    try {
      const deps = (log: SqliteFeedLog) => ({ log, now: () => NOW, openBySector: () => new Map<string, number>() });
      const log = new SqliteFeedLog({ dir });
      const store = new ConfigStore(deps(log));
      expect(await store.save('sectors', { baseVersion: 1, body: withParks }, 'admin')).toEqual({ status: 200, version: 2 });
      log.close();
      const again = new SqliteFeedLog({ dir });
      const reopened = new ConfigStore(deps(again));
      expect(reopened.history('sectors').map((v) => v.version)).toEqual([2, 1]);
      expect(reopened.sectorIds().has('parks')).toBe(true);
      expect(again.configVersion('sectors', 1)!.body).toEqual(JSON.parse(JSON.stringify(DEFAULT_SECTORS)));
      expect(() => again.putConfig({ name: 'sectors', version: 2, body: [], updatedAt: NOW, updatedBy: 'admin' })).toThrow(/not the next one/);
      again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('cross-document checks after an upgrade', () => {
  it('a reference already broken in another document does not refuse other saves; the broken document itself must be mended', async () => {
    // A sectors list saved before the import mappings existed, without «waste», which their built-in bodies map to.
    const log = new MemoryFeedLog();
    const noWaste = DEFAULT_SECTORS.filter((s) => s.id !== 'waste');
    log.putConfig({ name: 'sectors', version: 1, body: noWaste, updatedAt: NOW, updatedBy: 'admin' });
    const store = new ConfigStore({ log, now: () => NOW, openBySector: () => new Map<string, number>() });
    const withParksNoWaste = [...noWaste.slice(0, -1), { id: 'parks', label: 'Парки', color: [68, 170, 153] }, noWaste.at(-1)!];
    expect(await store.save('sectors', { baseVersion: 1, body: withParksNoWaste }, 'admin')).toEqual({ status: 200, version: 2 });
    // The mapping saved as it is keeps its own broken reference: refused, the error named.
    const pos = store.bodies()['import-pos'];
    const same = await store.save('import-pos', { baseVersion: 1, body: pos }, 'admin');
    expect(same.status).toBe(400);
    expect(JSON.stringify(same)).toContain('import-pos.values.sector');
    // Mended (the waste categories mapped to «other»): stored, although import-im is still broken.
    const sector = Object.fromEntries(Object.entries(pos.values.sector).map(([k, v]) => [k, v === 'waste' ? 'other' : v]));
    const mended = await store.save('import-pos', { baseVersion: 1, body: { ...pos, values: { ...pos.values, sector } } }, 'admin');
    expect(mended).toEqual({ status: 200, version: 2 });
    // A new break is still refused: a sector the mended mapping uses cannot be removed.
    const withoutRoads = withParksNoWaste.filter((s) => s.id !== 'roads');
    expect((await store.save('sectors', { baseVersion: 2, body: withoutRoads }, 'admin')).status).toBe(400);
  });
});
