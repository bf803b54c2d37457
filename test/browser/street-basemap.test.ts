/**
 * Streets at night (issue 17), end to end: the test writes a tiny synthetic OpenStreetMap
 * extract near the centre of Чебоксары (test/support/synthetic-osm.ts), converts it with
 * `osmium cat`, runs `npm run basemap`, starts a hub on the archive and opens the wall in
 * Chromium at zoom 16 over that spot: the street's name and a house number are among the
 * rendered features and in the picture (pixels differ from the same view with the street layers
 * hidden; with UPDATE=1 the screenshots go to docs/basemap/, else to a temporary folder). The address search finds
 * the house, and the touch panel sends the wall there. The bad-input exits of `npm run basemap`
 * are checked too. Without tilemaker (CI installs it) the test is skipped with a message.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryFeedLog } from '../../hub/feed-log';
import { startHub, type RunningHub } from '../../hub/start-hub';
import { DEV_TOKENS } from '../../hub/tokens';
import { openWall, pagePixel, waitForMapIdle, type MapWindow } from '../render/support';
import { launchChromium } from '../support/chromium';
import { labelFaults, mapSymbolShapes } from './legibility-checks';
import { SYNTH_CENTRE, SYNTH_HOUSE, syntheticOsmXml } from '../support/synthetic-osm';

const STATIC = 'out/renderer';
/** Screenshots: docs/basemap/ with UPDATE=1 (the ones docs/basemap.md shows), else beside the test's data. */
let shots = 'docs/basemap';
/** A fixed hub time (20 Nov 2025, 12:00 MSK): the header's status is the same whatever the day (in December it adds the next year's production calendar warning). */
const FIXED_NOW = Date.UTC(2025, 10, 20, 9);
const TOOLS = ['tilemaker', 'osmium'].filter((t) => spawnSync(t, ['--help'], { stdio: 'ignore' }).error !== undefined);
const STREET_LAYERS = [
  'streets-buildings',
  'streets-minor',
  'streets-major',
  'streets-social',
  'streets-housenumbers',
  'streets-social-labels',
  'streets-names',
];
if (TOOLS.length)
  console.warn(`street-basemap.test: skipped: ${TOOLS.join(' and ')} not installed (apt-get install -y tilemaker osmium-tool; .ci/run installs them)`);

function basemap(args: string[], env: NodeJS.ProcessEnv = process.env) {
  const r = spawnSync('npm', ['run', '--silent', 'basemap', '--', ...args], { encoding: 'utf8', env, timeout: 120_000 });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

describe.skipIf(TOOLS.length > 0)('street basemap from an OpenStreetMap extract', () => {
  let dir: string;
  let hub: RunningHub;
  let bare: RunningHub;
  let browser: Browser;
  let build: { code: number | null; out: string };

  beforeAll(async () => {
    if (!existsSync(`${STATIC}/index.html`)) throw new Error('renderer build missing: run `node scripts/build.mjs` first');
    dir = mkdtempSync(path.join(os.tmpdir(), 'cur-streets-'));
    if (!process.env.UPDATE) shots = dir;
    writeFileSync(path.join(dir, 'x.osm'), syntheticOsmXml());
    const cat = spawnSync('osmium', ['cat', path.join(dir, 'x.osm'), '-o', path.join(dir, 'x.osm.pbf'), '--overwrite'], { encoding: 'utf8' });
    expect(cat.status, cat.stderr).toBe(0);
    build = basemap(['--osm', path.join(dir, 'x.osm.pbf'), '--out', path.join(dir, 'data')]);
    hub = await startHub({
      host: '127.0.0.1',
      port: 0,
      log: new MemoryFeedLog(),
      tokens: DEV_TOKENS,
      staticDir: STATIC,
      heartbeatMs: 1000,
      tiles: path.join(dir, 'data/basemap.mbtiles'),
    });
    bare = await startHub({ host: '127.0.0.1', port: 0, log: new MemoryFeedLog(), tokens: DEV_TOKENS, staticDir: STATIC, heartbeatMs: 1000 });
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await hub?.close();
    await bare?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('npm run basemap builds the archive and says its size and zoom range', () => {
    expect(build.code, build.out).toBe(0);
    expect(build.out).toMatch(/basemap: done: .*basemap\.mbtiles, [\d.]+ MB, zoom 0–14 \(\d+ tiles\), 4 houses and 3 streets/);
    console.log(build.out.trim());
  });

  it('refuses a bad file, an extract elsewhere, bad flags and a missing tool, each with its exit code', () => {
    writeFileSync(path.join(dir, 'bad.osm.pbf'), 'not a pbf');
    const bad = basemap(['--osm', path.join(dir, 'bad.osm.pbf'), '--out', path.join(dir, 'no')]);
    expect(bad.code).toBe(4);
    expect(bad.out).toMatch(/не читается.*\n.*not a readable OpenStreetMap extract/);
    // The same street 650 km away (Moscow): not Chuvashia.
    writeFileSync(
      path.join(dir, 'moscow.osm'),
      syntheticOsmXml()
        .replace(/lon="47\.2/g, 'lon="37.6')
        .replace(/minlon="47\.23" /, 'minlon="37.58" ')
        .replace(/maxlon="47\.27"/, 'maxlon="37.66"'),
    );
    spawnSync('osmium', ['cat', path.join(dir, 'moscow.osm'), '-o', path.join(dir, 'moscow.osm.pbf'), '--overwrite']);
    const away = basemap(['--osm', path.join(dir, 'moscow.osm.pbf'), '--out', path.join(dir, 'no')]);
    expect(away.code, away.out).toBe(5);
    expect(away.out).toMatch(/не покрывает Чувашию[^]*does not cover Chuvashia/);
    expect(basemap([]).code).toBe(2);
    expect(basemap(['--osm', 'x', '--zoom', '3']).code).toBe(2);
    const noTool = spawnSync(process.execPath, ['scripts/basemap.mjs', '--osm', path.join(dir, 'x.osm.pbf')], {
      encoding: 'utf8',
      env: { ...process.env, PATH: '/nonexistent' },
    });
    expect(noTool.status).toBe(3);
    expect(noTool.stderr).toMatch(/не найдена программа tilemaker[^]*tilemaker not found/);
    expect(existsSync(path.join(dir, 'no/basemap.mbtiles'))).toBe(false);
  });

  it('the hub CLI refuses a --tiles file that is not there (exit 2)', () => {
    const r = spawnSync(process.execPath, ['out/hub/cli.js', '--port', '0', '--source', 'none', '--tiles', path.join(dir, 'nothing.mbtiles')], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--tiles .*nothing\.mbtiles: no such file/);
  });

  it('the hub serves the tiles (gzip, cached) and their description; without an archive it says none', async () => {
    const meta = (await (await fetch(`${hub.url}/tiles/meta.json`)).json()) as { available: boolean; minzoom: number; maxzoom: number; addresses: number };
    expect(meta).toMatchObject({ available: true, minzoom: 0, maxzoom: 14, addresses: 7 });
    // z14 tile of the house: x = 10342, y = 5091 (XYZ).
    const tile = await fetch(`${hub.url}/tiles/14/10342/5091.pbf`);
    expect(tile.status).toBe(200);
    expect(tile.headers.get('content-encoding')).toBe('gzip');
    expect(tile.headers.get('cache-control')).toMatch(/public, max-age=\d+/);
    expect((await tile.arrayBuffer()).byteLength).toBeGreaterThan(100);
    expect((await fetch(`${hub.url}/tiles/14/0/0.pbf`)).status).toBe(204);
    expect(((await (await fetch(`${bare.url}/tiles/meta.json`)).json()) as { available: boolean }).available).toBe(false);
  });

  it('the address search finds the house (any reading token)', async () => {
    const r = await fetch(`${hub.url}/api/v1/address?q=${encodeURIComponent('Гагарина 10')}`, { headers: { authorization: 'Bearer dev-touch' } });
    const body = (await r.json()) as { results: { kind: string; label: string; lon: number; lat: number }[] };
    expect(r.status).toBe(200);
    expect(body.results[0]).toMatchObject({ kind: 'house', label: 'улица Гагарина, 10 · Чебоксары' });
    expect(body.results[0]!.lon).toBeCloseTo(SYNTH_HOUSE.lon, 3);
    expect(body.results[0]!.lat).toBeCloseTo(SYNTH_HOUSE.lat, 3);
    expect((await fetch(`${hub.url}/api/v1/address?q=x`)).status).toBe(401);
  });

  /** The wall's own camera API (`window.__curMap`, renderer/README.md), without a flight. */
  async function jumpTo(page: Page, center: [number, number], zoom: number): Promise<void> {
    await page.evaluate(
      ([c, z]) => (window as unknown as { __curMap: { flyTo(t: object, o: object): Promise<void> } }).__curMap.flyTo({ center: c, zoom: z }, { durationMs: 0 }),
      [center, zoom] as const,
    );
    await waitForMapIdle(page);
  }

  async function features(page: Page, layer: string, prop: string): Promise<string[]> {
    return page.evaluate(
      ([l, p]) => (window as unknown as MapWindow).__curWall!.map.queryRenderedFeatures({ layers: [l!] }).map((f) => String(f.properties[p!])),
      [layer, prop],
    );
  }

  it('at zoom 16 over the quarter the wall draws the street name and the house number', async () => {
    const page = await openWall(browser, hub.url, { width: 1024, height: 700, params: { now: FIXED_NOW }, entities: 0, hideOverlays: true });
    await page.waitForSelector('html[data-map-streets="on"]', { timeout: 30_000 });
    await jumpTo(page, [SYNTH_CENTRE[0] - 0.0015, SYNTH_HOUSE.lat + 0.0005], 16);
    const shot = await page.screenshot();
    mkdirSync(shots, { recursive: true });
    writeFileSync(path.join(shots, 'streets-z16.png'), shot);
    expect(await features(page, 'streets-names', 'name')).toContain('улица Гагарина');
    expect(await features(page, 'streets-housenumbers', 'housenumber')).toEqual(expect.arrayContaining(['10']));
    expect(await features(page, 'streets-social-labels', 'name')).toContain('Школа № 1');
    expect(await page.locator('.maplibregl-ctrl-attrib').innerText()).toContain('Улицы и дома © участники OpenStreetMap');
    // One collision policy with the basemap's body-size names (issue 18): no street label on
    // another or on a basemap name, none cut at the map's edge or under the attribution.
    const { width, height, shapes } = await mapSymbolShapes(page);
    const faults = labelFaults(shapes, width, height);
    expect(shapes.some((s) => s.layer === 'streets-names')).toBe(true);
    expect(faults.overlaps, 'labels on each other').toEqual([]);
    expect(faults.pastEdge, "labels cut at the map's edge").toEqual([]);
    expect(faults.onLive, 'labels on obstacles').toEqual([]);
    // In the picture: around the house, the view differs from the same view without the street layers.
    const at = await pagePixel(page, SYNTH_HOUSE.lon, SYNTH_HOUSE.lat);
    await page.evaluate((ids) => {
      const m = (window as unknown as { __curWall: { map: { setLayoutProperty(id: string, k: string, v: string): void } } }).__curWall.map;
      for (const id of ids) m.setLayoutProperty(id, 'visibility', 'none');
    }, STREET_LAYERS);
    await waitForMapIdle(page);
    const plain = await page.screenshot();
    const changed = differingPixels(PNG.sync.read(shot), PNG.sync.read(plain), at, 40);
    // A 40 × 40 box around the house (24 m ≈ 36 px at zoom 16 here) holds its outline and number.
    expect(changed).toBeGreaterThan(800);
    await page.evaluate((ids) => {
      const m = (window as unknown as { __curWall: { map: { setLayoutProperty(id: string, k: string, v: string): void } } }).__curWall.map;
      for (const id of ids) m.setLayoutProperty(id, 'visibility', 'visible');
    }, STREET_LAYERS);
    // A lost WebGL context (map-context-loss.test.ts) keeps the streets: maplibre rebuilds the style from its snapshot.
    await page.evaluate(() => {
      const gl = (window as unknown as MapWindow).__curWall!.map.getCanvas().getContext('webgl2')!;
      const lose = gl.getExtension('WEBGL_lose_context')!;
      lose.loseContext();
      setTimeout(() => lose.restoreContext(), 200);
    });
    await page.waitForFunction(() => document.documentElement.dataset.mapRestores === '1' && document.documentElement.dataset.map === 'ready', null, {
      timeout: 30_000,
    });
    await waitForMapIdle(page);
    expect(await features(page, 'streets-names', 'name')).toContain('улица Гагарина');
    expect(await features(page, 'streets-housenumbers', 'housenumber')).toEqual(expect.arrayContaining(['10']));
    await page.close();
  });

  it('without tiles the wall has no street source (the render goldens hold the pixels)', async () => {
    const page = await openWall(browser, bare.url, { width: 640, height: 480, entities: 0, hideOverlays: true });
    await jumpTo(page, SYNTH_CENTRE, 16);
    const sources = await page.evaluate(() =>
      Object.keys((window as unknown as { __curWall: { map: { getStyle(): { sources: object } } } }).__curWall.map.getStyle().sources),
    );
    expect(sources).not.toContain('streets');
    expect(await page.evaluate(() => document.documentElement.dataset.mapStreets)).toBeUndefined();
    await page.close();
  });

  it('the touch panel finds «Гагарина 10» and sends the wall there', async () => {
    const wall = await openWall(browser, hub.url, { width: 1024, height: 700, params: { shows: 'map', now: FIXED_NOW }, entities: 0, hideOverlays: true });
    const touch = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await touch.goto(`${hub.url}/#/touch?token=dev-touch`);
    await touch.getByLabel('Улица и дом').fill('Гагарина 10');
    const hit = touch.locator('.address-hit').first();
    await expect.poll(() => hit.innerText(), { timeout: 15_000 }).toBe('улица Гагарина, 10 · Чебоксары');
    await touch.screenshot({ path: path.join(shots, 'touch-address.png') });
    await hit.click();
    await expect.poll(() => touch.locator('.wall-now').innerText(), { timeout: 15_000 }).toContain('улица Гагарина, 10');
    // A map screen follows the focus: it flies to the house at the address zoom.
    await expect
      .poll(
        () =>
          wall.evaluate(() => {
            const m = (window as unknown as { __curWall: { map: { getZoom(): number; getCenter(): { lng: number; lat: number } } } }).__curWall.map;
            return { z: Math.round(m.getZoom()), lng: +m.getCenter().lng.toFixed(3), lat: +m.getCenter().lat.toFixed(3) };
          }),
        { timeout: 30_000, interval: 500 },
      )
      .toEqual({ z: 17, lng: +SYNTH_HOUSE.lon.toFixed(3), lat: +SYNTH_HOUSE.lat.toFixed(3) });
    await touch.close();
    await wall.close();
  });
});

/** Pixels that differ (any channel by > 10) in a `size` box around `at`. */
function differingPixels(a: PNG, b: PNG, at: { x: number; y: number }, size: number): number {
  let n = 0;
  const half = size / 2;
  for (let y = Math.max(0, at.y - half); y < Math.min(a.height, at.y + half); y++)
    for (let x = Math.max(0, at.x - half); x < Math.min(a.width, at.x + half); x++) {
      const i = 4 * (y * a.width + x);
      if (Math.abs(a.data[i]! - b.data[i]!) > 10 || Math.abs(a.data[i + 1]! - b.data[i + 1]!) > 10 || Math.abs(a.data[i + 2]! - b.data[i + 2]!) > 10) n++;
    }
  return n;
}
