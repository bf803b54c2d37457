#!/usr/bin/env node
// Builds the runtime geodata of the wall from the shared, offline geodata folder.
//
//   npm run geo                      reads ../shared/geo (relative to the repository root)
//   CUR_SHARED_GEO=/path npm run geo reads another copy of that folder
//
// Inputs (see PROVENANCE.md there): municipalities.csv, municipalities_simplified.geojson,
// municipalities_2025.geojson (label points only), chuvashia_boundary.geojson (properties
// only), neighbors.geojson, water_areas.geojson, water_rivers.geojson, settlements.geojson.
//
// Outputs: assets/geo/*.geojson, assets/geo/attribution.json, assets/geo/README.md and
// app/domain/municipalities-data.ts. The script is deterministic: the same inputs give
// byte-identical outputs. No dependencies beyond Node.
//
// Geometry: the source layer municipalities_simplified.geojson is already simplified
// topologically (≈ 10 % of the vertices, shared borders are the same vertex sequences in
// both neighbours). The 2025 layer and the republic outline are made from it by an exact
// dissolve on that shared topology (every interior edge appears once in each direction and
// is dropped), so all three layers line up vertex for vertex and no slivers or gaps appear.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const scriptDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(scriptDir, '..');
const sharedGeo = path.resolve(process.env.CUR_SHARED_GEO || path.resolve(scriptDir, '../../shared/geo'));
const outGeo = path.join(repoRoot, 'assets', 'geo');
const outData = path.join(repoRoot, 'app', 'domain', 'municipalities-data.ts');

/** The attribution line of PROVENANCE.md, verbatim (checked against the file below). */
const ATTRIBUTION =
  'Границы и соседние регионы © участники OpenStreetMap (ODbL 1.0). Реки/водохранилища: Natural Earth (public domain). ' +
  'Населённые пункты: GeoNames (CC BY 4.0); население городов: hflabs/city (CC BY-SA 4.0).';

/** The 2024 mergers (law of 17 May 2024, in force 1 January 2025): city okrug → okrug. */
const MERGERS_2025 = { alatyr: 'alatyrsky', kanash: 'kanashsky', shumerlya: 'shumerlinsky' };

/** Republic bounding box of app/domain/municipality.ts (REPUBLIC_BOUNDS); checked here too. */
const REPUBLIC_BOUNDS = [45.85, 54.58, 48.48, 56.38];

// ---------------------------------------------------------------------------------------
// Small helpers

function fail(message) {
  throw new Error(`build-geo: ${message}`);
}

function readText(name) {
  const file = path.join(sharedGeo, name);
  if (!fs.existsSync(file)) fail(`missing input ${file} (set CUR_SHARED_GEO to the shared geo folder)`);
  return fs.readFileSync(file, 'utf8');
}

function readGeoJson(name) {
  const json = JSON.parse(readText(name));
  if (json.type !== 'FeatureCollection' || !Array.isArray(json.features)) fail(`${name} is not a FeatureCollection`);
  return json;
}

/** RFC 4180 CSV (quoted fields, doubled quotes, commas and newlines inside quotes). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  const [header, ...body] = rows.filter((r) => r.length > 1 || r[0] !== '');
  return body.map((r) => {
    if (r.length !== header.length) fail(`municipalities.csv: row ${r[0]} has ${r.length} fields, expected ${header.length}`);
    return Object.fromEntries(header.map((h, i) => [h, r[i]]));
  });
}

/** Rounds to 5 decimals (≈ 1 m); k / 1e5 prints as the short decimal. */
const round5 = (x) => Math.round(x * 1e5) / 1e5;

function roundCoords(coords) {
  return typeof coords[0] === 'number' ? coords.map(round5) : coords.map(roundCoords);
}

/** Deterministic GeoJSON text: one feature per line, no extra whitespace inside a feature. */
function featureCollectionText(features) {
  return `{"type":"FeatureCollection","features":[\n${features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
}

function feature(id, properties, geometry) {
  const f = { type: 'Feature' };
  if (id !== undefined) f.id = id;
  f.properties = properties;
  f.geometry = { type: geometry.type, coordinates: roundCoords(geometry.coordinates) };
  return f;
}

const ruCollator = new Intl.Collator('ru');

// ---------------------------------------------------------------------------------------
// Planar polygon geometry on lon/lat (only used for orientation, containment and checks)

const polygonsOf = (g) => (g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : fail(`unexpected ${g.type}`));

/** Twice the signed area of a closed ring (> 0 for counter-clockwise). */
function ringArea2(ring) {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return s;
}

function geometryArea(g) {
  return polygonsOf(g).reduce((sum, rings) => sum + rings.reduce((s, r) => s + ringArea2(r) / 2, 0), 0);
}

function pointInRing([x, y], ring) {
  let inside = false;
  for (let i = 0, j = ring.length - 2; i < ring.length - 1; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function pointInGeometry(p, g) {
  return polygonsOf(g).some(([outer, ...holes]) => pointInRing(p, outer) && !holes.some((h) => pointInRing(p, h)));
}

/** Checks rings: closed, ≥ 4 positions, RFC 7946 winding (outer CCW, holes CW). */
function checkPolygonal(g, what) {
  for (const rings of polygonsOf(g)) {
    rings.forEach((r, i) => {
      const first = r[0];
      const last = r[r.length - 1];
      if (r.length < 4 || first[0] !== last[0] || first[1] !== last[1]) fail(`${what}: ring not closed or too short`);
      const a = ringArea2(r);
      if (i === 0 ? a <= 0 : a >= 0) fail(`${what}: ring ${i} has the wrong winding for RFC 7946`);
    });
  }
}

/**
 * Exact dissolve of polygons that share their borders vertex for vertex: every directed edge
 * whose reverse is also present is an interior border and is dropped; the remaining edges
 * are chained into rings (at a vertex with several exits, the sharpest left turn, which
 * keeps rings that merely touch apart). Outer rings stay counter-clockwise and holes
 * clockwise because edge directions are kept.
 */
function dissolve(geometries, what) {
  const key = (p) => `${p[0]},${p[1]}`;
  const edges = new Map(); // "a|b" -> { a, b, count }
  const order = [];
  for (const g of geometries) {
    for (const rings of polygonsOf(g)) {
      for (const ring of rings) {
        for (let i = 0; i + 1 < ring.length; i++) {
          const a = ring[i];
          const b = ring[i + 1];
          if (a[0] === b[0] && a[1] === b[1]) continue;
          const k = `${key(a)}|${key(b)}`;
          const e = edges.get(k);
          if (e) e.count++;
          else {
            const ne = { a, b, count: 1, k };
            edges.set(k, ne);
            order.push(ne);
          }
        }
      }
    }
  }
  for (const e of order) {
    if (e.count !== 1) fail(`${what}: directed edge ${e.k} occurs ${e.count} times (overlapping input)`);
  }
  const kept = order.filter((e) => !edges.has(`${key(e.b)}|${key(e.a)}`));
  const outgoing = new Map();
  for (const e of kept) {
    const k = key(e.a);
    if (!outgoing.has(k)) outgoing.set(k, []);
    outgoing.get(k).push(e);
  }
  const used = new Set();
  const rings = [];
  for (const start of kept) {
    if (used.has(start)) continue;
    const ring = [start.a];
    let e = start;
    used.add(e);
    for (;;) {
      ring.push(e.b);
      if (key(e.b) === key(start.a)) break;
      const exits = (outgoing.get(key(e.b)) ?? []).filter((x) => !used.has(x));
      if (exits.length === 0) fail(`${what}: open chain at ${key(e.b)} while dissolving`);
      const dx = e.b[0] - e.a[0];
      const dy = e.b[1] - e.a[1];
      const turn = (x) => {
        const ox = x.b[0] - x.a[0];
        const oy = x.b[1] - x.a[1];
        return Math.atan2(dx * oy - dy * ox, dx * ox + dy * oy);
      };
      let next = exits[0];
      for (const x of exits.slice(1)) if (turn(x) > turn(next)) next = x;
      used.add(next);
      e = next;
    }
    if (ring.length < 4) fail(`${what}: degenerate ring while dissolving`);
    rings.push(ring);
  }
  const outers = rings.filter((r) => ringArea2(r) > 0).map((r) => ({ ring: r, area: ringArea2(r), holes: [] }));
  const holes = rings.filter((r) => ringArea2(r) < 0);
  outers.sort((p, q) => q.area - p.area);
  for (const h of holes) {
    const outerVertices = new Set(outers.flatMap((o) => o.ring.map(key)));
    const probe = h.find((p) => !outerVertices.has(key(p))) ?? fail(`${what}: hole has no probe vertex`);
    const owner = outers.filter((o) => pointInRing(probe, o.ring)).sort((p, q) => p.area - q.area)[0];
    if (!owner) fail(`${what}: hole outside every outer ring`);
    owner.holes.push(h);
  }
  const polys = outers.map((o) => [o.ring, ...o.holes]);
  return polys.length === 1 ? { type: 'Polygon', coordinates: polys[0] } : { type: 'MultiPolygon', coordinates: polys };
}

// ---------------------------------------------------------------------------------------
// Read and check the inputs

const provenance = readText('PROVENANCE.md');
const provenanceFlat = provenance.replace(/\n>\s*/g, ' ');
if (!provenanceFlat.includes(ATTRIBUTION)) fail('the attribution line no longer matches PROVENANCE.md; update ATTRIBUTION');

const rows = parseCsv(readText('municipalities.csv'));
if (rows.length !== 26) fail(`municipalities.csv has ${rows.length} rows, expected 26`);
const rowById = new Map(rows.map((r) => [r.id, r]));
for (const r of rows) {
  if (!/^97\d{6}$/.test(r.oktmo)) fail(`${r.id}: OKTMO ${r.oktmo} is not 97xxxxxx`);
  if (!['municipal_okrug', 'city_okrug'].includes(r.type)) fail(`${r.id}: unknown type ${r.type}`);
  const pop = Number(r.population);
  if (!Number.isInteger(pop) || pop <= 0) fail(`${r.id}: population ${r.population} is not a positive integer`);
  const lon = Number(r.centre_lon);
  const lat = Number(r.centre_lat);
  const [w, s, e, n] = REPUBLIC_BOUNDS;
  if (!(lon >= w && lon <= e && lat >= s && lat <= n)) fail(`${r.id}: centre ${lon},${lat} outside the republic`);
}
if (new Set(rows.map((r) => r.oktmo)).size !== 26) fail('municipalities.csv: OKTMO codes are not unique');
for (const [city, okrug] of Object.entries(MERGERS_2025)) {
  if (rowById.get(city)?.status_2025 !== `merged_2024_into:${okrug}`) fail(`municipalities.csv: ${city} is not marked merged into ${okrug}`);
}
const mergedCities = new Set(Object.keys(MERGERS_2025));
const rows2025 = rows.filter((r) => !mergedCities.has(r.id));
if (rows2025.length !== 23) fail(`expected 23 units for 2025, got ${rows2025.length}`);

const simplified = readGeoJson('municipalities_simplified.geojson');
const geomById = new Map(simplified.features.map((f) => [f.properties.id, f.geometry]));
if (geomById.size !== 26 || rows.some((r) => !geomById.has(r.id))) fail('municipalities_simplified.geojson does not match the 26 csv ids');
for (const [id, g] of geomById) checkPolygonal(g, `municipalities_simplified ${id}`);

const full2025 = readGeoJson('municipalities_2025.geojson');
const label2025 = new Map(full2025.features.map((f) => [f.properties.id, f.properties]));

// Stable numeric feature ids, shared by both sets: 1-based position of the OKTMO code among
// the 26 codes (1, not 0, so that every id is truthy in renderer code).
const fidByOktmo = new Map(
  rows
    .map((r) => r.oktmo)
    .sort()
    .map((code, i) => [code, i + 1]),
);

// ---------------------------------------------------------------------------------------
// Municipal layers

function municipalityProps(r) {
  return { oktmo: r.oktmo, slug: r.id, name: r.name_short, fullName: r.name, type: r.type, fid: fidByOktmo.get(r.oktmo) };
}

const byOktmo = (a, b) => (a.oktmo < b.oktmo ? -1 : a.oktmo > b.oktmo ? 1 : 0);

const geometry2023 = new Map(rows.map((r) => [r.id, geomById.get(r.id)]));
const geometry2025 = new Map(
  rows2025.map((r) => {
    const parts = [r.id, ...Object.keys(MERGERS_2025).filter((c) => MERGERS_2025[c] === r.id)];
    const g =
      parts.length === 1
        ? geomById.get(r.id)
        : dissolve(
            parts.map((id) => geomById.get(id)),
            `2025 ${r.id}`,
          );
    return [r.id, g];
  }),
);
for (const [id, g] of geometry2025) checkPolygonal(g, `2025 ${id}`);

const republicGeometry = dissolve(
  rows.map((r) => geomById.get(r.id)),
  'republic',
);
checkPolygonal(republicGeometry, 'republic');

// Areas must add up: the dissolve neither loses nor adds territory.
const area2023 = [...geometry2023.values()].reduce((s, g) => s + geometryArea(g), 0);
const area2025 = [...geometry2025.values()].reduce((s, g) => s + geometryArea(g), 0);
const areaRepublic = geometryArea(republicGeometry);
for (const [what, a] of [
  ['2025', area2025],
  ['republic', areaRepublic],
]) {
  if (Math.abs(a - area2023) > 1e-9 * area2023) fail(`${what} area ${a} differs from the 26-unit area ${area2023}`);
}
// …and the simplified outline stays close to the full-detail outline.
const boundarySrc = readGeoJson('chuvashia_boundary.geojson');
const fullBoundaryArea = geometryArea(boundarySrc.features[0].geometry);
if (Math.abs(areaRepublic - fullBoundaryArea) > 0.01 * fullBoundaryArea) fail('simplified outline differs from chuvashia_boundary.geojson by > 1 % in area');

const features2023 = [...rows].sort(byOktmo).map((r) => feature(fidByOktmo.get(r.oktmo), municipalityProps(r), geometry2023.get(r.id)));
const features2025 = [...rows2025].sort(byOktmo).map((r) => feature(fidByOktmo.get(r.oktmo), municipalityProps(r), geometry2025.get(r.id)));

const bp = boundarySrc.features[0].properties;
const republicFeatures = [feature(1, { name: bp.name, nameEn: bp.name_en, iso3166_2: bp.iso3166_2, oktmo: bp.oktmo }, republicGeometry)];

// Label points: the pole of inaccessibility computed on the full-detail geometry (source
// properties label_lon/label_lat), checked to lie inside the simplified polygon too;
// otherwise the centroid of the largest ring's vertices (never needed with the 2025-11 data).
const labelFeatures = [...rows2025].sort(byOktmo).map((r) => {
  const g = geometry2025.get(r.id);
  const src = label2025.get(r.id);
  let point = src && Number.isFinite(src.label_lon) && Number.isFinite(src.label_lat) ? [src.label_lon, src.label_lat] : null;
  if (!point || !pointInGeometry(point, g)) {
    const outer = polygonsOf(g)
      .map((p) => p[0])
      .sort((a, b) => ringArea2(b) - ringArea2(a))[0];
    const n = outer.length - 1;
    point = [outer.slice(0, n).reduce((s, p) => s + p[0], 0) / n, outer.slice(0, n).reduce((s, p) => s + p[1], 0) / n];
    console.warn(`build-geo: ${r.id}: label point from the source is missing or outside the simplified polygon; using the vertex centroid`);
  }
  return feature(fidByOktmo.get(r.oktmo), { oktmo: r.oktmo, name: r.name_short }, { type: 'Point', coordinates: point });
});

// Admin centres inside their 2025 unit (in 2023 Канаш/Алатырь/Шумерля are enclaves of the
// okrugs they are centres of, so that check is for 2025 only).
for (const r of rows2025) {
  if (!pointInGeometry([Number(r.centre_lon), Number(r.centre_lat)], geometry2025.get(r.id))) {
    console.warn(`build-geo: ${r.id}: admin centre ${r.admin_centre} lies outside its simplified 2025 polygon`);
  }
}

// ---------------------------------------------------------------------------------------
// Context layers

const neighborFeatures = readGeoJson('neighbors.geojson').features.map((f, i) =>
  feature(i + 1, { name: f.properties.name, nameEn: f.properties.name_en, iso3166_2: f.properties.iso3166_2 }, f.geometry),
);

const waterAreaFeatures = readGeoJson('water_areas.geojson').features.map((f, i) => feature(i + 1, { name: f.properties.name }, f.geometry));

const riverFeatures = readGeoJson('water_rivers.geojson').features.map((f, i) => {
  const p = f.properties;
  const props = {};
  if (p.name) props.name = p.name;
  props.kind = p.featurecla === 'Lake Centerline' ? 'lake_centerline' : 'river';
  props.scalerank = p.scalerank;
  return feature(i + 1, props, f.geometry);
});

// Settlements: rank 1 = the two big cities (≥ 100 000), 2 = other towns (город),
// 3 = villages, urban-type settlements and posyolki (admin centres or not).
const settlementSrc = readGeoJson('settlements.geojson').features.map((f) => {
  const p = f.properties;
  const population = typeof p.population === 'number' && p.population > 0 ? p.population : undefined;
  const rank = population !== undefined && population >= 100_000 ? 1 : p.type === 'город' ? 2 : 3;
  const props = { name: p.name };
  if (population !== undefined) props.population = population;
  props.rank = rank;
  props.isCentre = typeof p.admin_centre_of === 'string' && p.admin_centre_of.length > 0;
  return { props, geometry: f.geometry };
});
settlementSrc.sort(
  (a, b) => a.props.rank - b.props.rank || (b.props.population ?? -1) - (a.props.population ?? -1) || ruCollator.compare(a.props.name, b.props.name),
);
const settlementFeatures = settlementSrc.map((s, i) => feature(i + 1, s.props, s.geometry));

// ---------------------------------------------------------------------------------------
// The generated TypeScript data module

function municipalityRecord(r, set) {
  const merged = set === '2025' ? Object.keys(MERGERS_2025).filter((c) => MERGERS_2025[c] === r.id) : [];
  let population = Number(r.population);
  let comment = '';
  if (merged.length > 0) {
    const parts = merged.map((c) => rowById.get(c));
    population += parts.reduce((s, c) => s + Number(c.population), 0);
    comment = `  // population: okrug ${r.population} + ${parts.map((c) => `former city okrug ${c.name_short} ${c.population}`).join(' + ')} (merged 2024)\n`;
  }
  // Single-quoted TypeScript string literal (the repository style).
  const q = (s) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  return (
    comment +
    '  {\n' +
    `    oktmo: ${q(r.oktmo)},\n` +
    `    slug: ${q(r.id)},\n` +
    `    name: ${q(r.name)},\n` +
    `    shortName: ${q(r.name_short)},\n` +
    `    type: ${q(r.type)},\n` +
    `    centreName: ${q(r.admin_centre)},\n` +
    `    centre: [${round5(Number(r.centre_lon))}, ${round5(Number(r.centre_lat))}],\n` +
    `    population: ${population},\n` +
    '  },\n'
  );
}

const byShortName = (a, b) => ruCollator.compare(a.name_short, b.name_short) || byOktmo(a, b);
const dataTs =
  '// Generated by scripts/build-geo.mjs from ../shared/geo (municipalities.csv). Do not edit;\n' +
  '// run `npm run geo` instead. Populations mix years (2010 census … 2022 estimates, see\n' +
  '// assets/geo/README.md): use them for weighting, not as official figures. In the 2025 set\n' +
  '// the three enlarged okrugs (Алатырский, Канашский, Шумерлинский) carry the population of\n' +
  '// the city okrug merged into them in 2024 added to their own.\n' +
  "import type { Municipality, MunicipalitySetId } from './municipality';\n" +
  '\n' +
  'const MUNICIPALITIES_2025: readonly Municipality[] = [\n' +
  [...rows2025]
    .sort(byShortName)
    .map((r) => municipalityRecord(r, '2025'))
    .join('') +
  '];\n' +
  '\n' +
  'const MUNICIPALITIES_2023: readonly Municipality[] = [\n' +
  [...rows]
    .sort(byShortName)
    .map((r) => municipalityRecord(r, '2023'))
    .join('') +
  '];\n' +
  '\n' +
  '/** The municipal units per division scheme, each sorted by short name (ru). */\n' +
  'export const MUNICIPALITY_SETS: Record<MunicipalitySetId, readonly Municipality[]> = {\n' +
  "  '2025': MUNICIPALITIES_2025,\n" +
  "  '2023': MUNICIPALITIES_2023,\n" +
  '};\n';

// ---------------------------------------------------------------------------------------
// Write

const geoOutputs = [
  [
    'municipalities-2025.geojson',
    features2025,
    'The 23 municipal units in force since 1 January 2025 (21 municipal okrugs, 2 city okrugs). Polygons; `id` = `fid`.',
  ],
  ['municipalities-2023.geojson', features2023, 'The 26 units of 2023–2024 (21 municipal okrugs, 5 city okrugs). Same properties and ids as above.'],
  [
    'republic.geojson',
    republicFeatures,
    'The outline of the republic: dissolve of the 26 simplified units, so it matches their borders exactly. Keeps the Tatarstan enclaves as holes.',
  ],
  ['municipality-labels.geojson', labelFeatures, 'One Point per 2025 unit at its label point (pole of inaccessibility); `oktmo`, `name`.'],
  ['neighbors.geojson', neighborFeatures, 'Neighbouring regions (Tatarstan, Ulyanovsk, Nizhny Novgorod, Mari El, Mordovia), clipped; context only.'],
  ['water-areas.geojson', waterAreaFeatures, 'Cheboksary and Kuybyshev reservoirs (polygons).'],
  ['rivers.geojson', riverFeatures, 'River centrelines; `name` (Russian) where known, `kind`, `scalerank`.'],
  ['settlements.geojson', settlementFeatures, '29 settlements: `name`, `population` (when known), `rank` 1..3, `isCentre`.'],
];

fs.mkdirSync(outGeo, { recursive: true });
const written = [];
function write(file, text) {
  fs.writeFileSync(file, text);
  written.push([path.relative(repoRoot, file), Buffer.byteLength(text)]);
}
const sizeOf = new Map();
for (const [name, features] of geoOutputs) {
  const text = featureCollectionText(features);
  sizeOf.set(name, Buffer.byteLength(text));
  write(path.join(outGeo, name), text);
}
const attributionText = `${JSON.stringify({ text: ATTRIBUTION }, null, 2)}\n`;
sizeOf.set('attribution.json', Buffer.byteLength(attributionText));
write(path.join(outGeo, 'attribution.json'), attributionText);
write(outData, dataTs);

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const readme = `# assets/geo: runtime geodata of the Chuvash Republic

Generated by \`scripts/build-geo.mjs\` from \`../shared/geo/\` (see \`PROVENANCE.md\` there for sources,
corrections and caveats). **Do not edit these files by hand**: change the script or the shared
data and run

\`\`\`sh
npm run geo                          # reads ../shared/geo
CUR_SHARED_GEO=/path/to/geo npm run geo   # reads another copy
\`\`\`

The script is deterministic (same input, byte-identical output) and has no dependencies beyond
Node. It also writes \`app/domain/municipalities-data.ts\`, the \`MUNICIPALITY_SETS\` table used by
\`app/domain/municipality.ts\`. This README is generated too.

All files are WGS84 lon/lat GeoJSON (RFC 7946 winding), coordinates rounded to 5 decimals at
most (the municipal polygons carry 4, about 10 m), one feature per line.

## Files

| file | size | what |
|---|---|---|
${geoOutputs.map(([name, , what]) => `| \`${name}\` | ${kb(sizeOf.get(name))} | ${what} |`).join('\n')}
| \`attribution.json\` | ${kb(sizeOf.get('attribution.json'))} | \`{"text": …}\`: the attribution line to show in the app. |

### Municipal polygons

Properties of every feature in \`municipalities-2025.geojson\` and \`municipalities-2023.geojson\`:
\`oktmo\` (8-digit string, the id of a municipality everywhere in the product), \`slug\`, \`name\`
(short name, e.g. «Алатырский»), \`fullName\`, \`type\` (\`municipal_okrug\` | \`city_okrug\`) and
\`fid\`. The top-level feature \`id\` equals \`fid\`: a small positive integer for MapLibre
feature-state. It is the 1-based position of the OKTMO code among the 26 codes of 2023, so the
same unit has the same id in both files (the 2025 ids therefore have three gaps).

## Simplification

* Municipal polygons: \`municipalities_simplified.geojson\` of the shared folder, a topological
  simplification of the OSM boundaries to about 10 % of the vertices in which every shared
  border is the same vertex sequence on both sides. It is used as is (4 decimals).
* The 2025 units (Алатырь → Алатырский, Канаш → Канашский, Шумерля → Шумерлинский) and the
  republic outline are an **exact dissolve** of those polygons: every border edge that occurs in
  both directions is dropped and the rest is chained into rings. No vertex moves, so the three
  layers line up exactly, with no slivers or gaps; the script checks that the areas add up.
  (The full-detail \`chuvashia_boundary.geojson\` only supplies the outline's properties and an
  area check: within 1 %.)
* The two smallest Tatarstan enclaves in Шемуршинский (0.40 and 0.48 km²) are lost at this level
  of simplification; the other enclaves and exclaves are kept.
* Label points: the pole of inaccessibility computed on the full-detail 2025 polygons (source
  properties \`label_lon\`/\`label_lat\`), checked to lie inside the simplified polygon.
* Neighbours, water areas, rivers and settlements: taken as in the shared folder (already
  clipped and simplified there), with properties reduced to what the wall needs.

## Caveats carried from the data

* OKTMO codes marked \`pattern\` in \`municipalities.csv\` are derived, not verified against the
  official classifier; for the three okrugs enlarged in 2024 the code may have changed (the
  2025 layer keeps their 2023 codes 97503000, 97516000 and 97550000).
* Populations mix years (2010 census to 2022 estimates); in the 2025 set the enlarged okrugs add
  the population of the merged city. Use them for weighting, not as official figures.
* Яльчики: the point is approximate (±2 km). Settlement populations come from a different
  source than the municipal ones (e.g. Чебоксары 447 929 in 2010 here vs 508 100 in 2022 there).
* Boundaries are OSM as of about November 2020; OSM boundaries are not cadastral boundaries.
* Neighbours and reservoirs were simplified separately from the municipal layer, so their edges
  do not coincide with the republic border vertex for vertex.

## Attribution

Show this line in the app (it is also in \`attribution.json\`):

> ${ATTRIBUTION}

ODbL is share-alike for the *database*. The boundary files here (municipal polygons, the
republic outline, the neighbours) are a modified version of OpenStreetMap data: if the project
publishes them (for example in a distributed build), it must offer them under ODbL 1.0 with the
attribution «© участники OpenStreetMap». Rendering the data on a screen only needs the
attribution line.
`;
write(path.join(outGeo, 'README.md'), readme);

for (const [file, bytes] of written) console.log(`${file.padEnd(44)} ${kb(bytes).padStart(9)}`);
