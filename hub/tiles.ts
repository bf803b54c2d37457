/**
 * The street-level basemap (issue 17): vector tiles and the address index of the MBTiles file
 * that `npm run basemap` builds (scripts/basemap.mjs) from the ЦУР's OpenStreetMap extract.
 *
 * - `GET /tiles/meta.json`: 200 `{available: true, tiles, minzoom, maxzoom, bounds,
 *   attribution, builtAt, addresses}` when an archive is there, else 200 `{available: false,
 *   reason}` (no 404, so a wall without tiles logs nothing; the renderer then draws today's
 *   schematic map, unchanged).
 * - `GET /tiles/{z}/{x}/{y}.pbf`: the tile (gzip-compressed Mapbox Vector Tile, sent as stored
 *   with `Content-Encoding: gzip`), `Cache-Control: public, max-age=3600`, an `ETag` of the
 *   archive's build; 304 on a matching `If-None-Match`; 204 for a tile the archive lacks within
 *   its zoom range (nothing there), 404 beyond it or for a malformed path.
 * - `GET /api/v1/address?q=Гагарина 10[&limit=N]` (any reading token): named streets and house
 *   numbers, best first (see {@link searchAddresses}).
 *
 * MBTiles stores rows in TMS order: the XYZ `y` of a request is `2^z − 1 − tile_row`. The
 * archive is opened read-only and checked every 10 s: a rebuilt file (renamed over the old one)
 * is served from then on without a restart; a removed one stops the tiles.
 */
import { statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import Database from 'better-sqlite3';
import type { AddressHit, StreetTilesMeta } from '../app/protocol/street-tiles';
import { sendJson } from './http-routes';
import { readingRoleOf, type TokenTable } from './tokens';

/** The attribution the tiles must carry on screen (ODbL). */
export const OSM_ATTRIBUTION = '© участники OpenStreetMap';
const RECHECK_MS = 10_000;

export type TilesMeta = StreetTilesMeta;
export type { AddressHit };

interface AddressRow {
  kind: 'house' | 'street';
  street: string;
  house: string;
  city: string;
  lon: number;
  lat: number;
}

interface StreetKey {
  words: string[];
  cityWords: string[];
  street: AddressRow | null;
  houses: AddressRow[];
}

/** Street-type words left out of matching (full and abbreviated). */
const STREET_TYPES = new Set(
  'улица ул проспект пр пр-т просп пркт переулок пер бульвар б-р бул шоссе ш площадь пл проезд пр-д тупик туп набережная наб микрорайон мкр мкрн аллея тракт км д дом г город с село деревня дер п пос поселок'.split(
    ' ',
  ),
);

/** Lower case, ё → е, punctuation to spaces. */
export function normalizeWords(s: string): string[] {
  return s
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[.,;:"'«»()№#]/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
}

/** A house number compared without spaces, корпус → к, строение → с: «12 корп. 1» = «12к1». */
export function normalizeHouse(s: string): string {
  return s
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/корпус|корп\.?/g, 'к')
    .replace(/строение|стр\.?/g, 'с')
    .replace(/[\s.]/g, '');
}

const isHouseToken = (t: string) => /^\d/.test(t);

/** The address index in memory, grouped by street and place. */
export class AddressIndex {
  private readonly keys: StreetKey[] = [];
  readonly size: number;

  constructor(rows: readonly AddressRow[]) {
    const byKey = new Map<string, StreetKey>();
    for (const r of rows) {
      const k = `${r.street}\u0000${r.city}`;
      let key = byKey.get(k);
      if (!key) {
        key = { words: normalizeWords(r.street).filter((w) => !STREET_TYPES.has(w)), cityWords: normalizeWords(r.city), street: null, houses: [] };
        byKey.set(k, key);
        this.keys.push(key);
      }
      if (r.kind === 'street') key.street = r;
      else key.houses.push(r);
    }
    this.size = rows.length;
  }

  /**
   * «Гагарина 10», «ул. Гагарина, д. 10», «московский пр 12к1», «Гагарина Чебоксары»: every word
   * (street types aside) begins a word of the street's name or its place; a word that starts with
   * a digit is the house number (with a following «к1»/«корп 1»). Exact houses first, then
   * houses whose number begins so (10 → 10а, 10к1), then the street itself; at most `limit`.
   */
  search(q: string, limit = 10): AddressHit[] {
    const tokens = normalizeWords(q).filter((t) => !STREET_TYPES.has(t));
    const houseAt = tokens.findIndex(isHouseToken);
    let house = '';
    let words = tokens;
    if (houseAt >= 0) {
      // «10», «10а», «10 а», «12к1», «12 к 1», «12 корп 1»
      let h = tokens[houseAt]!;
      let i = houseAt + 1;
      if (/^(к|корп|корпус|стр|строение|[а-я])\d*$/.test(tokens[i] ?? '')) {
        h += tokens[i++];
        if (/[а-я]$/.test(h) && /^\d+$/.test(tokens[i] ?? '')) h += tokens[i++];
      }
      house = normalizeHouse(h);
      words = [...tokens.slice(0, houseAt), ...tokens.slice(i)].filter((t) => !isHouseToken(t));
    }
    if (words.length === 0) return [];
    const scored: { score: number; row: AddressRow }[] = [];
    for (const key of this.keys) {
      const all = [...key.words, ...key.cityWords];
      let inStreet = false;
      const ok = words.every((t) => {
        const hit = all.some((w) => w.startsWith(t));
        if (key.words.some((w) => w.startsWith(t))) inStreet = true;
        return hit;
      });
      if (!ok || !inStreet) continue;
      // A street whose name is the word itself ranks before one that only begins with it.
      const exactName = words.every((t) => key.words.includes(t)) ? 0 : 0.5;
      if (house) {
        for (const h of key.houses) {
          const n = normalizeHouse(h.house);
          if (n === house) scored.push({ score: exactName, row: h });
          else if (n.startsWith(house) && !/^\d/.test(n.slice(house.length))) scored.push({ score: 1 + exactName, row: h });
        }
        if (key.street) scored.push({ score: 2 + exactName, row: key.street });
      } else if (key.street) scored.push({ score: exactName, row: key.street });
      else if (key.houses[0]) scored.push({ score: 1 + exactName, row: key.houses[0] });
    }
    scored.sort(
      (a, b) =>
        a.score - b.score ||
        a.row.street.localeCompare(b.row.street, 'ru') ||
        a.row.city.localeCompare(b.row.city, 'ru') ||
        a.row.house.localeCompare(b.row.house, 'ru', { numeric: true }),
    );
    return scored.slice(0, limit).map(({ row }) => ({
      kind: row.kind,
      label: `${row.street}${row.house ? `, ${row.house}` : ''}${row.city ? ` · ${row.city}` : ''}`,
      street: row.street,
      house: row.house,
      city: row.city,
      lon: row.lon,
      lat: row.lat,
    }));
  }
}

interface Archive {
  db: Database.Database;
  tile: Database.Statement<[number, number, number], { tile_data: Buffer }>;
  meta: TilesMeta;
  etag: string;
  identity: string;
  index: AddressIndex | null;
}

function identityOf(file: string): string | null {
  try {
    const st = statSync(file);
    return `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}`;
  } catch {
    return null;
  }
}

function openArchive(file: string, identity: string): Archive {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const m = new Map((db.prepare('SELECT name, value FROM metadata').all() as { name: string; value: string }[]).map((r) => [r.name, r.value]));
    const zooms = db.prepare('SELECT MIN(zoom_level) AS min, MAX(zoom_level) AS max FROM tiles').get() as { min: number | null; max: number | null };
    const b = (m.get('bounds') ?? '').split(',').map(Number);
    const hasIndex = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'cur_address'").get() !== undefined;
    const addresses = hasIndex ? (db.prepare('SELECT COUNT(*) AS n FROM cur_address').get() as { n: number }).n : 0;
    const meta: TilesMeta = {
      available: true,
      tiles: ['/tiles/{z}/{x}/{y}.pbf'],
      minzoom: zooms.min ?? Number(m.get('minzoom') ?? 0),
      maxzoom: zooms.max ?? Number(m.get('maxzoom') ?? 14),
      bounds: b.length === 4 && b.every(Number.isFinite) ? (b as [number, number, number, number]) : null,
      attribution: OSM_ATTRIBUTION,
      builtAt: m.get('cur_built_at') ?? null,
      addresses,
    };
    return {
      db,
      tile: db.prepare('SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?'),
      meta,
      etag: `"${Buffer.from(identity).toString('base64url')}"`,
      identity,
      index: null,
    };
  } catch (e) {
    db.close();
    throw e;
  }
}

export interface TilesDeps {
  /** The MBTiles file (`--tiles FILE`, else DATA_DIR/basemap.mbtiles); null: no street tiles. */
  file: string | null;
  tokens: TokenTable;
  now?: () => number;
}

export interface TilesService {
  /** The archive's description, or null while there is none. */
  meta(): TilesMeta | null;
  /** `/tiles/…` (no token: the tiles are public OpenStreetMap data). */
  route(req: IncomingMessage, res: ServerResponse): boolean;
  /** `/api/v1/address` (called by the API after its origin check and rate limit). */
  api(req: IncomingMessage, res: ServerResponse, url: URL): boolean;
  close(): void;
}

export function createTiles(deps: TilesDeps): TilesService {
  const now = deps.now ?? Date.now;
  let archive: Archive | null = null;
  let checkedAt = -Infinity;
  let warned: string | null = null;

  const current = (): Archive | null => {
    if (!deps.file || now() - checkedAt < RECHECK_MS) return archive;
    checkedAt = now();
    const id = identityOf(deps.file);
    if (id === archive?.identity) return archive;
    archive?.db.close();
    archive = null;
    if (id === null) return null;
    try {
      archive = openArchive(deps.file, id);
      warned = null;
      console.log(`hub: street tiles ${deps.file}: zoom ${archive.meta.minzoom}–${archive.meta.maxzoom}, ${archive.meta.addresses} addresses`);
    } catch (e) {
      const msg = `hub: street tiles ${deps.file} not usable / уличная подложка не читается: ${(e as Error).message}`;
      if (warned !== msg) console.error(msg);
      warned = msg;
    }
    return archive;
  };

  const TILE = /^\/tiles\/(\d{1,2})\/(\d{1,8})\/(\d{1,8})\.pbf$/;

  return {
    meta: () => current()?.meta ?? null,
    route(req, res) {
      const url = new URL(req.url ?? '/', 'http://hub');
      if (!url.pathname.startsWith('/tiles/')) return false;
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        sendJson(res, 405, { error: 'use GET' });
        return true;
      }
      const a = current();
      if (url.pathname === '/tiles/meta.json') {
        if (a) sendJson(res, 200, a.meta);
        else sendJson(res, 200, { available: false, reason: 'no street tiles: build them with npm run basemap (docs/basemap.md) / уличной подложки нет' });
        return true;
      }
      const m = TILE.exec(url.pathname);
      if (!a || !m) {
        sendJson(res, 404, { error: 'not found' });
        return true;
      }
      const z = Number(m[1]);
      const x = Number(m[2]);
      const y = Number(m[3]);
      const n = 2 ** z;
      if (z < a.meta.minzoom || z > a.meta.maxzoom || x >= n || y >= n) {
        sendJson(res, 404, { error: `no tiles at zoom ${z} (${a.meta.minzoom}–${a.meta.maxzoom}); maplibre over-zooms beyond` });
        return true;
      }
      const cache = { 'cache-control': 'public, max-age=3600', etag: a.etag };
      if (req.headers['if-none-match'] === a.etag) {
        res.writeHead(304, cache);
        res.end();
        return true;
      }
      const row = a.tile.get(z, x, n - 1 - y);
      if (!row) {
        res.writeHead(204, cache);
        res.end();
        return true;
      }
      const data = row.tile_data;
      const gz = data.length > 1 && data[0] === 0x1f && data[1] === 0x8b;
      res.writeHead(200, { 'content-type': 'application/x-protobuf', ...(gz && { 'content-encoding': 'gzip' }), 'content-length': data.length, ...cache });
      res.end(req.method === 'HEAD' ? undefined : data);
      return true;
    },
    api(req, res, url) {
      if (url.pathname !== '/api/v1/address') return false;
      if (req.method !== 'GET') {
        sendJson(res, 405, { error: 'use GET' });
        return true;
      }
      const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? url.searchParams.get('token') ?? undefined;
      if (!readingRoleOf(token ? deps.tokens.get(token) : undefined)) {
        sendJson(res, 401, { error: 'auth: a wall, touch, presenter or admin token is needed' });
        return true;
      }
      const q = (url.searchParams.get('q') ?? '').slice(0, 200);
      const limit = Math.min(50, Math.max(1, Number(url.searchParams.get('limit')) || 10));
      const a = current();
      if (!a) {
        sendJson(res, 404, { error: 'no address index: build the street tiles with npm run basemap (docs/basemap.md) / адресного указателя нет', results: [] });
        return true;
      }
      if (!a.index) {
        const hasIndex = a.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'cur_address'").get() !== undefined;
        a.index = new AddressIndex(hasIndex ? (a.db.prepare('SELECT kind, street, house, city, lon, lat FROM cur_address').all() as AddressRow[]) : []);
      }
      sendJson(res, 200, { q, results: a.index.search(q, limit) });
      return true;
    },
    close() {
      archive?.db.close();
      archive = null;
    },
  };
}
