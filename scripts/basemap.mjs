#!/usr/bin/env node
// `npm run basemap -- --osm FILE.osm.pbf [--out DIR]` (issue 17): the wall's street-level basemap
// from the ЦУР's own OpenStreetMap extract, offline. Clips the extract to the republic and its
// border zone (osmium extract), builds vector tiles in the OpenMapTiles schema with tilemaker
// (profile and config in scripts/basemap/), and adds the address index (named streets and house
// numbers, table `cur_address`) to the same MBTiles file: DIR/basemap.mbtiles (default DIR:
// .data/, give the hub `--data DIR` or `--tiles FILE`). Progress on stdout, then the size and
// zoom range. The file is written under a temporary name and renamed once complete, so a hub
// that serves the old one never sees half a file.
//
// Exit codes: 0 built · 1 a step failed (tilemaker, osmium or the index; the message says which)
// · 2 bad flags · 3 tilemaker or osmium missing · 4 not a readable OSM extract · 5 the extract
// does not cover Chuvashia.
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PROFILE_DIR = path.join(root, 'scripts/basemap');
/** The border zone around the republic's outline kept in the tiles, degrees (≈ 15 km). */
const MARGIN_DEG = 0.2;
export const EXIT = { ok: 0, failed: 1, usage: 2, tool: 3, badFile: 4, notChuvashia: 5 };

class Fail extends Error {
  constructor(code, ru, en) {
    super(`${ru}\n${en}`);
    this.code = code;
  }
}

function parseArgs(argv) {
  const o = { osm: null, out: path.join(root, '.data') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Fail(EXIT.usage, `basemap: у ${a} нет значения`, `basemap: ${a}: missing value`);
      return v;
    };
    if (a === '--osm') o.osm = value();
    else if (a === '--out') o.out = value();
    else if (a === '--help' || a === '-h') {
      console.log('npm run basemap -- --osm FILE.osm.pbf [--out DIR]   (docs/basemap.md)');
      process.exit(0);
    } else
      throw new Fail(
        EXIT.usage,
        `basemap: неизвестный флаг «${a}» (флаги: --osm FILE.osm.pbf, --out DIR)`,
        `basemap: unknown flag "${a}" (flags: --osm FILE.osm.pbf, --out DIR)`,
      );
  }
  if (!o.osm)
    throw new Fail(EXIT.usage, 'basemap: укажите выгрузку OpenStreetMap: --osm FILE.osm.pbf', 'basemap: give the OpenStreetMap extract: --osm FILE.osm.pbf');
  return o;
}

function requireTool(cmd, args, pkg) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.error) {
    throw new Fail(
      EXIT.tool,
      `basemap: не найдена программа ${cmd}: установите её (apt-get install -y ${pkg})`,
      `basemap: ${cmd} not found: install it (apt-get install -y ${pkg})`,
    );
  }
  return `${r.stdout}${r.stderr}`.split('\n').find((l) => l.trim()) ?? cmd;
}

function run(cmd, args, what) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0)
    throw new Fail(
      EXIT.failed,
      `basemap: ${what}: ${cmd} завершился с кодом ${r.status}\n${r.stderr.trim()}`,
      `basemap: ${what}: ${cmd} exited with ${r.status}`,
    );
  return r.stdout;
}

/** The republic's bounding box from the shipped outline: [w, s, e, n]. */
function republicBounds() {
  const g = JSON.parse(readFileSync(path.join(root, 'assets/geo/republic.geojson'), 'utf8'));
  const b = [Infinity, Infinity, -Infinity, -Infinity];
  const walk = (c) => {
    if (typeof c[0] === 'number') {
      b[0] = Math.min(b[0], c[0]);
      b[1] = Math.min(b[1], c[1]);
      b[2] = Math.max(b[2], c[0]);
      b[3] = Math.max(b[3], c[1]);
    } else for (const d of c) walk(d);
  };
  for (const f of g.features) walk(f.geometry.coordinates);
  return b;
}

/** The extract's bounds: its header's box, else the data's (osmium reads the whole file). */
function extractBounds(file) {
  const info = (extended) => {
    const r = spawnSync('osmium', ['fileinfo', '-j', ...(extended ? ['-e'] : []), file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (r.status !== 0) {
      throw new Fail(
        EXIT.badFile,
        `basemap: ${file} не читается как выгрузка OpenStreetMap (.osm.pbf): ${r.stderr.trim()}`,
        `basemap: ${file} is not a readable OpenStreetMap extract (.osm.pbf)`,
      );
    }
    return JSON.parse(r.stdout);
  };
  const header = info(false);
  const box = header.header?.boxes?.[0];
  if (box) return { box, from: 'header' };
  const data = info(true);
  const d = data.data?.bbox;
  if (!d || !(d[0] <= d[2])) throw new Fail(EXIT.badFile, `basemap: в ${file} нет ни одной точки`, `basemap: ${file} holds no node`);
  return { box: d, from: 'data' };
}

const intersect = (a, b) => [Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.min(a[3], b[3])];
const area = (b) => Math.max(0, b[2] - b[0]) * Math.max(0, b[3] - b[1]);
const fmt = (b) => b.map((v) => v.toFixed(4)).join(',');

/** Mean of a geometry's coordinates (a building's or street's point for the index). */
function points(geom) {
  const out = [];
  const walk = (c) => (typeof c[0] === 'number' ? out.push(c) : c.forEach(walk));
  walk(geom.coordinates);
  return out;
}
function centre(geom) {
  const pts = points(geom);
  let x = 0;
  let y = 0;
  for (const [lon, lat] of pts) {
    x += lon;
    y += lat;
  }
  return [x / pts.length, y / pts.length];
}

const PLACE_RANK = { city: 1, town: 2, village: 3, hamlet: 4, suburb: 5, isolated_dwelling: 6 };

/** Streets and houses of the clipped extract → rows of `cur_address`. */
async function addressRows(clipped, tmp) {
  const filtered = path.join(tmp, 'addresses.osm.pbf');
  run('osmium', ['tags-filter', clipped, 'nwr/addr:housenumber', 'w/highway', 'n/place', '-o', filtered, '--overwrite'], 'address filter');
  const child = spawn(
    'osmium',
    ['export', filtered, '-f', 'geojsonseq', '-o', '-', '--geometry-types=point,linestring,polygon', '-x', 'print_record_separator=false'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const houses = [];
  const streets = new Map();
  const places = [];
  for await (const line of createInterface({ input: child.stdout })) {
    if (!line.trim()) continue;
    const f = JSON.parse(line);
    const t = f.properties ?? {};
    const name = t['name:ru'] || t.name;
    if (t.place && f.geometry.type === 'Point' && name && PLACE_RANK[t.place]) {
      places.push({ name, lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1] });
    }
    if (t['addr:housenumber'] && (t['addr:street'] || t['addr:place'])) {
      const [lon, lat] = centre(f.geometry);
      houses.push({ street: t['addr:street'] || t['addr:place'], house: t['addr:housenumber'], city: t['addr:city'] || '', lon, lat });
    }
    if (t.highway && name && f.geometry.type === 'LineString') {
      const s = streets.get(name) ?? [];
      s.push(...f.geometry.coordinates);
      streets.set(name, s);
    }
  }
  const code = await new Promise((r) => child.on('close', r));
  if (code !== 0)
    throw new Fail(
      EXIT.failed,
      `basemap: адреса: osmium export завершился с кодом ${code}\n${stderr.trim()}`,
      `basemap: addresses: osmium export exited with ${code}`,
    );
  // The locality of a house without addr:city, and of a street: the nearest place node (≤ 10 km).
  const nearest = (lon, lat) => {
    let best = '';
    let bestD = (10 / 111) ** 2;
    const k = Math.cos((lat * Math.PI) / 180) ** 2;
    for (const p of places) {
      const d = (p.lon - lon) ** 2 * k + (p.lat - lat) ** 2;
      if (d < bestD) {
        bestD = d;
        best = p.name;
      }
    }
    return best;
  };
  // A closed way comes out as a line and as an area: one row per house and place.
  const seen = new Set();
  const rows = [];
  for (const h of houses) {
    const key = `${h.street}|${h.house}|${h.lon.toFixed(4)}|${h.lat.toFixed(4)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    rows.push({ kind: 'house', ...h, city: h.city || nearest(h.lon, h.lat) });
  }
  for (const [name, coords] of streets) {
    // A street of one name in several places (Гагарина in many towns): one row per place.
    const byPlace = new Map();
    for (const [lon, lat] of coords) {
      const city = nearest(lon, lat);
      const list = byPlace.get(city) ?? [];
      list.push([lon, lat]);
      byPlace.set(city, list);
    }
    for (const [city, list] of byPlace) {
      const [mx, my] = centre({ coordinates: list });
      // The vertex nearest the mean: a point on the street itself.
      let at = list[0];
      for (const c of list) if ((c[0] - mx) ** 2 + (c[1] - my) ** 2 < (at[0] - mx) ** 2 + (at[1] - my) ** 2) at = c;
      rows.push({ kind: 'street', street: name, house: '', city, lon: at[0], lat: at[1] });
    }
  }
  return rows;
}

function writeIndex(mbtiles, rows) {
  const db = new Database(mbtiles);
  try {
    db.exec(
      'DROP TABLE IF EXISTS cur_address; CREATE TABLE cur_address (kind TEXT NOT NULL, street TEXT NOT NULL, house TEXT NOT NULL, city TEXT NOT NULL, lon REAL NOT NULL, lat REAL NOT NULL)',
    );
    const insert = db.prepare('INSERT INTO cur_address (kind, street, house, city, lon, lat) VALUES (?, ?, ?, ?, ?, ?)');
    db.transaction(() => {
      for (const r of rows) insert.run(r.kind, r.street, r.house, r.city, r.lon, r.lat);
    })();
    const meta = db.prepare('INSERT OR REPLACE INTO metadata (name, value) VALUES (?, ?)');
    meta.run('attribution', '© участники OpenStreetMap');
    meta.run('cur_built_at', new Date().toISOString());
    const zooms = db.prepare('SELECT MIN(zoom_level) AS min, MAX(zoom_level) AS max, COUNT(*) AS n FROM tiles').get();
    db.exec('VACUUM');
    return zooms;
  } finally {
    db.close();
  }
}

async function main() {
  const started = Date.now();
  const opts = parseArgs(process.argv.slice(2));
  const step = (n, text) => console.log(`basemap: [${n}/5] ${text}`);
  const tilemaker = requireTool('tilemaker', ['--help'], 'tilemaker');
  const osmium = requireTool('osmium', ['--version'], 'osmium-tool');
  if (!existsSync(opts.osm) || !statSync(opts.osm).isFile()) {
    throw new Fail(EXIT.badFile, `basemap: файл ${opts.osm} не найден`, `basemap: ${opts.osm}: no such file`);
  }
  step(1, `${opts.osm} (${(statSync(opts.osm).size / 1e6).toFixed(1)} MB): reading its bounds (${osmium}; ${tilemaker})`);
  const { box, from } = extractBounds(opts.osm);
  const rep = republicBounds();
  const covered = area(intersect(box, rep)) / area(rep);
  if (covered <= 0) {
    throw new Fail(
      EXIT.notChuvashia,
      `basemap: выгрузка ${opts.osm} (границы ${fmt(box)}) не покрывает Чувашию (${fmt(rep)}): нужна выгрузка Чувашской Республики или Приволжского ФО`,
      `basemap: the extract ${opts.osm} (bounds ${fmt(box)}) does not cover Chuvashia (${fmt(rep)}): use an extract of the Chuvash Republic or of the Volga federal district`,
    );
  }
  if (covered < 0.9)
    console.log(
      `basemap: warning: the extract covers only ${(covered * 100).toFixed(covered < 0.01 ? 3 : 1)} % of the republic's box (bounds ${fmt(box)}, from its ${from}) / выгрузка покрывает только часть республики`,
    );
  const zone = intersect([rep[0] - MARGIN_DEG, rep[1] - MARGIN_DEG, rep[2] + MARGIN_DEG, rep[3] + MARGIN_DEG], box);
  mkdirSync(opts.out, { recursive: true });
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'cur-basemap-'));
  const target = path.join(opts.out, 'basemap.mbtiles');
  const partial = path.join(opts.out, `.basemap-${process.pid}.mbtiles`);
  try {
    step(2, `clipping to the republic and its border zone ${fmt(zone)}`);
    const clipped = path.join(tmp, 'clipped.osm.pbf');
    run('osmium', ['extract', '-b', fmt(zone), '--strategy', 'complete_ways', '--set-bounds', opts.osm, '-o', clipped, '--overwrite'], 'clip');
    step(3, 'vector tiles (tilemaker, OpenMapTiles schema, zoom 0–14)');
    const code = await new Promise((resolve) => {
      const child = spawn(
        'tilemaker',
        [
          '--input',
          clipped,
          '--output',
          partial,
          '--bbox',
          fmt(zone),
          '--config',
          path.join(PROFILE_DIR, 'config.json'),
          '--process',
          path.join(PROFILE_DIR, 'process.lua'),
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      // tilemaker redraws one progress line with \r: print it at most every 2 s.
      let last = 0;
      const show = (d) => {
        const text = d
          .toString()
          .split(/[\r\n]/)
          .map((s) => s.trim())
          .filter(Boolean)
          .pop();
        if (text && Date.now() - last > 2000) {
          last = Date.now();
          console.log(`basemap:       tilemaker: ${text}`);
        }
      };
      child.stdout.on('data', show);
      child.stderr.on('data', show);
      child.on('error', () => resolve(-1));
      child.on('close', resolve);
    });
    if (code !== 0 || !existsSync(partial))
      throw new Fail(EXIT.failed, `basemap: tilemaker завершился с кодом ${code}`, `basemap: tilemaker exited with ${code}`);
    step(4, 'address index (named streets and house numbers)');
    const rows = await addressRows(clipped, tmp);
    const zooms = writeIndex(partial, rows);
    renameSync(partial, target);
    const houses = rows.filter((r) => r.kind === 'house').length;
    step(5, 'done');
    console.log(
      `basemap: done: ${target}, ${(statSync(target).size / 1e6).toFixed(2)} MB, zoom ${zooms.min}–${zooms.max} (${zooms.n} tiles), ${houses} houses and ${rows.length - houses} streets in the address index, ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    console.log(
      'basemap: the hub serves it with --data DIR (DIR/basemap.mbtiles) or --tiles FILE; a running hub picks a rebuilt file up within 10 s (docs/basemap.md)',
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    rmSync(partial, { force: true });
  }
}

main().catch((e) => {
  console.error(e instanceof Fail ? e.message : `basemap: ${e.stack ?? e}`);
  process.exit(e instanceof Fail ? e.code : EXIT.failed);
});
