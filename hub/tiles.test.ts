import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { AddressIndex, createTiles, normalizeHouse } from './tiles';
import { DEV_TOKENS } from './tokens';

const rows = [
  { kind: 'house' as const, street: 'улица Гагарина', house: '10', city: 'Чебоксары', lon: 47.247, lat: 56.1303 },
  { kind: 'house' as const, street: 'улица Гагарина', house: '10а', city: 'Чебоксары', lon: 47.2472, lat: 56.1303 },
  { kind: 'house' as const, street: 'улица Гагарина', house: '12к1', city: 'Чебоксары', lon: 47.253, lat: 56.1303 },
  { kind: 'house' as const, street: 'улица Гагарина', house: '10', city: 'Новочебоксарск', lon: 47.48, lat: 56.11 },
  { kind: 'street' as const, street: 'улица Гагарина', house: '', city: 'Чебоксары', lon: 47.25, lat: 56.13 },
  { kind: 'street' as const, street: 'Московский проспект', house: '', city: 'Чебоксары', lon: 47.25, lat: 56.13 },
  { kind: 'house' as const, street: 'Московский проспект', house: '5', city: 'Чебоксары', lon: 47.25, lat: 56.128 },
  { kind: 'street' as const, street: 'улица Гагарина-Ленина', house: '', city: 'Чебоксары', lon: 47.2, lat: 56.1 },
];

describe('address search', () => {
  const idx = new AddressIndex(rows);
  const labels = (q: string, n = 10) => idx.search(q, n).map((h) => h.label);

  it('finds a house by street and number, in any usual spelling', () => {
    for (const q of ['Гагарина 10', 'ул. Гагарина, д. 10', 'улица гагарина 10', 'ГАГАРИНА 10']) {
      expect(labels(q, 2), q).toEqual(['улица Гагарина, 10 · Новочебоксарск', 'улица Гагарина, 10 · Чебоксары']);
    }
    expect(labels('Гагарина 10 Чебоксары', 1)).toEqual(['улица Гагарина, 10 · Чебоксары']);
    expect(labels('гагарина 12 к 1', 1)).toEqual(['улица Гагарина, 12к1 · Чебоксары']);
    expect(labels('гагарина 12 корп. 1', 1)).toEqual(['улица Гагарина, 12к1 · Чебоксары']);
    expect(labels('гагарина 10а', 1)).toEqual(['улица Гагарина, 10а · Чебоксары']);
  });

  it('ranks exact houses, then houses that begin so, then the street', () => {
    const hits = idx.search('Гагарина 10 Чебоксары');
    // (then «улица Гагарина-Ленина», whose first word begins with «гагарина»)
    expect(hits.map((h) => `${h.kind}:${h.house}:${h.street}`)).toEqual([
      'house:10:улица Гагарина',
      'house:10а:улица Гагарина',
      'street::улица Гагарина',
      'street::улица Гагарина-Ленина',
    ]);
  });

  it('finds streets by the beginning of a word; nothing for an unknown street or a bare number', () => {
    expect(labels('москов')).toEqual(['Московский проспект · Чебоксары']);
    expect(labels('Пушкина 1')).toEqual([]);
    expect(labels('10')).toEqual([]);
    expect(labels('')).toEqual([]);
  });

  it('normalises house numbers', () => {
    expect(normalizeHouse('12 корп. 1')).toBe('12к1');
    expect(normalizeHouse('3 стр 2')).toBe('3с2');
  });
});

describe('tiles from an MBTiles archive', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cur-tiles-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'basemap.mbtiles');
  const db = new Database(file);
  db.exec(
    'CREATE TABLE metadata (name text, value text, UNIQUE (name)); CREATE TABLE tiles (zoom_level integer, tile_column integer, tile_row integer, tile_data blob)',
  );
  db.prepare('INSERT INTO metadata VALUES (?, ?)').run('bounds', '47.23,56.12,47.27,56.14');
  const tile = gzipSync(Buffer.from('vector tile bytes'));
  // z14 x10342 y(XYZ)=5091 is TMS row 2^14 − 1 − 5091 = 11292.
  db.prepare('INSERT INTO tiles VALUES (?, ?, ?, ?)').run(14, 10342, 11292, tile);
  db.prepare('INSERT INTO tiles VALUES (?, ?, ?, ?)').run(0, 0, 0, tile);
  db.close();

  function call(service: ReturnType<typeof createTiles>, url: string, headers: Record<string, string> = {}) {
    const out: { status: number; headers: Record<string, unknown>; body: Buffer } = { status: 0, headers: {}, body: Buffer.alloc(0) };
    const res = {
      writeHead(status: number, h: Record<string, unknown> = {}) {
        out.status = status;
        out.headers = h;
        return res;
      },
      end(b?: Buffer | string) {
        if (b) out.body = Buffer.from(b);
      },
    } as unknown as ServerResponse;
    const req = { url, method: 'GET', headers } as IncomingMessage;
    const handled = url.startsWith('/api/') ? service.api(req, res, new URL(url, 'http://hub')) : service.route(req, res);
    return { handled, ...out };
  }

  it('serves a tile with the TMS row flipped, gzip, caching headers; 204 inside the zoom range, 404 beyond', () => {
    const service = createTiles({ file, tokens: DEV_TOKENS });
    const r = call(service, '/tiles/14/10342/5091.pbf');
    expect(r.status).toBe(200);
    expect(r.headers['content-encoding']).toBe('gzip');
    expect(r.headers['cache-control']).toMatch(/max-age/);
    expect(r.body.equals(tile)).toBe(true);
    expect(call(service, '/tiles/14/10342/5091.pbf', { 'if-none-match': String(r.headers.etag) }).status).toBe(304);
    expect(call(service, '/tiles/14/10342/5092.pbf').status).toBe(204);
    expect(call(service, '/tiles/15/1/1.pbf').status).toBe(404);
    expect(call(service, '/tiles/14/x/1.pbf').status).toBe(404);
    const meta = JSON.parse(call(service, '/tiles/meta.json').body.toString()) as { minzoom: number; maxzoom: number; attribution: string };
    expect(meta).toMatchObject({ available: true, minzoom: 0, maxzoom: 14, attribution: '© участники OpenStreetMap', bounds: [47.23, 56.12, 47.27, 56.14] });
    expect(call(service, '/healthz').handled).toBe(false);
    service.close();
  });

  it('without an archive: meta says so, tiles 404, address 404; a token is needed for addresses', () => {
    const none = createTiles({ file: path.join(dir, 'missing.mbtiles'), tokens: DEV_TOKENS });
    expect(none.meta()).toBeNull();
    const meta = call(none, '/tiles/meta.json');
    expect(meta.status).toBe(200);
    expect(JSON.parse(meta.body.toString())).toMatchObject({ available: false });
    expect(call(none, '/tiles/14/10342/5091.pbf').status).toBe(404);
    expect(call(none, '/api/v1/address?q=x&token=dev-touch').status).toBe(404);
    expect(call(none, '/api/v1/address?q=x').status).toBe(401);
    expect(call(none, '/api/v1/address?q=x&token=dev-ingest').status).toBe(401);
    expect(createTiles({ file: null, tokens: DEV_TOKENS }).meta()).toBeNull();
  });
});
