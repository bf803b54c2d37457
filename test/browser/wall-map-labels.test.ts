/**
 * The wall map's one collision policy (issue 18), with the default page parameters (no
 * `maplabels`: the basemap's labels at the type scale's body size): on a Full HD map screen at
 * 4 m with the demo's history (hundreds of SLA breaches) and an active accident on the capital,
 * on Канаш and on Вурнары, the labels maplibre placed (its collision index: text boxes with
 * their padding, line labels' circles)
 * - never overlap each other,
 * - never cross the canvas's edge (a name is whole on the canvas or not drawn),
 * - never lie on a live obstacle's box, nor on an accident's disk or a breach's target computed
 *   here from the data (not from the obstacles), nor — but for the capital's and okrug
 *   centres' names, which go first — on an open appeal's at-risk ring,
 * and every one is at least the body size; the capital is named (it moved off the accident).
 * The same holds zoomed in on Чебоксары and after a flight to an okrug. `SHOTS=<dir>` writes
 * a screenshot of each view there.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ALARM_RULES } from '../../app/alarms/alarm-rules';
import { evaluateAlarms } from '../../app/alarms/evaluate-alarms';
import { isItem, type Accident, type Appeal, type Entity } from '../../app/domain/entity';
import { slaState } from '../../app/sla/sla-state';
import { accidentRadius, appealLook } from '../../app/ui/map-look';
import { LABEL_LAYERS } from '../../renderer/map/label-policy';
import { symbolScale } from '../../renderer/map/live-layers';
import { wallTypeScale } from '../../renderer/wall/type-scale';
import { launchChromium } from '../support/chromium';
import { startTestHub } from '../support/hub-fixture';
import { labelFaults, mapLabelSizes, mapSymbolShapes, type Marker } from './legibility-checks';
import { accidentAt, Commander, demoEntities, openWallPage, STATIC, waitForMapIdle } from './wall-support';

/** Thursday 20 November 2025, 12:00 МСК (as the legibility tests). */
const NOW = Date.UTC(2025, 10, 20, 9);
const HOUR = 3_600_000;

/** Active accidents, planned restoration ahead (no overdue ring), right on three settlement dots. */
const ON_NAMES: Accident[] = [
  accidentAt(NOW, 'on-cheb', { lon: 47.25194, lat: 56.13222, residents: 30_000, plannedRestoreAt: NOW + 5 * HOUR }),
  accidentAt(NOW, 'on-kanash', { municipality: '97516000', lon: 47.49127, lat: 55.50962, residents: 4_000, plannedRestoreAt: NOW + 5 * HOUR }),
  accidentAt(NOW, 'on-vurnary', { municipality: '97510000', lon: 47.0, lat: 55.48, residents: 2_000, plannedRestoreAt: NOW + 5 * HOUR }),
];

let browser: Browser;
let hub: Awaited<ReturnType<typeof startTestHub>>;
let page: Page;
let entities: Entity[];

beforeAll(async () => {
  hub = await startTestHub({ staticDir: STATIC, heartbeatMs: 1000, retain: 100_000, now: () => NOW });
  entities = [...demoEntities(NOW), ...ON_NAMES];
  for (let i = 0; i < entities.length; i += 2000) await hub.hub.publish({ upserts: entities.slice(i, i + 2000), removes: [] });
  // Alarms acknowledged: the map screen stays on the republic (no flight to an alarm).
  const presenter = new Commander(hub.url, 'presenter');
  for (const a of evaluateAlarms(entities, NOW, DEFAULT_ALARM_RULES, new Set()))
    await presenter.send({ type: 'alarm:ack', alarmId: a.id, comment: 'проверка' });
  presenter.close();
  browser = await launchChromium();
  page = await openWallPage(browser, hub.url, `now=${NOW}&shows=map`);
  await page.waitForSelector('html[data-map="ready"][data-feed-state="live"]', { timeout: 60_000 });
  const items = entities.filter(isItem).length;
  await page.waitForFunction((n) => document.documentElement.dataset.entities === String(n), items, { timeout: 60_000 });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await hub?.close();
});

/** The accidents and SLA breaches the map draws, as discs in canvas px (from the data and map-look.ts). */
async function liveMarkers(p: Page): Promise<Marker[]> {
  const zoom = await p.evaluate(() => window.__curWall!.map.getZoom());
  const overdue = appealLook('overdue');
  // The breach's red outline's outer edge (the white halo beyond it is the obstacle's margin).
  const breachR = (overdue.radius + overdue.lineWidth / 2) * symbolScale(zoom);
  const wanted: { name: string; lon: number; lat: number; r: number; minor?: boolean }[] = [];
  for (const e of entities) {
    if (e.kind === 'accident' && e.status === 'active') wanted.push({ name: `accident ${e.id}`, lon: e.lon, lat: e.lat, r: accidentRadius(e) });
  }
  // Breaches: the appeals overdue at NOW (the hub's default SLA rules; the worker draws the same).
  const breaches = entities.filter((e): e is Appeal => e.kind === 'appeal' && slaState(e, NOW) === 'overdue').map((e) => [e.lon, e.lat] as const);
  for (const [lon, lat] of breaches) wanted.push({ name: `breach ${lon.toFixed(3)},${lat.toFixed(3)}`, lon, lat, r: breachR });
  // Open appeals at risk (a white ring), drawn as points on this map (fewer open appeals than the aggregation threshold).
  const risk = appealLook('at_risk');
  for (const e of entities)
    if (e.kind === 'appeal' && slaState(e, NOW) === 'at_risk')
      wanted.push({ name: `at risk ${e.id}`, lon: e.lon, lat: e.lat, r: (risk.radius + risk.lineWidth / 2) * symbolScale(zoom), minor: true });
  const projected = await p.evaluate((ws) => ws.map((w) => window.__curWall!.map.project([w.lon, w.lat])), wanted);
  return wanted.map((w, i) => ({ name: w.name, x: projected[i]!.x, y: projected[i]!.y, r: w.r, ...(w.minor ? { minor: true } : {}) }));
}

async function check(name: string): Promise<{ labels: number; obstacles: number; markers: number }> {
  await waitForMapIdle(page);
  // The frame of obstacles along the edges is placed once the camera rests.
  await page.waitForFunction(() => Number((document.documentElement.dataset.mapObstacles ?? '0/0').split('/')[0]) > 0, null, { timeout: 10_000 });
  await waitForMapIdle(page);
  const body = wallTypeScale(4, 0.63).bodyPx;
  expect(await page.getAttribute('html', 'data-type-scale')).toMatch(new RegExp(`^${body}/`));
  const sizes = await mapLabelSizes(page, LABEL_LAYERS);
  expect(sizes.below, `${name}: labels below ${body} px`).toEqual([]);
  const { width, height, shapes } = await mapSymbolShapes(page);
  const markers = await liveMarkers(page);
  const faults = labelFaults(shapes, width, height, markers);
  console.log(
    `${name}: ${faults.labels} labels placed (smallest ${sizes.smallest} px, body ${body} px), ${faults.obstacles} obstacle boxes (frame/live ${await page.getAttribute('html', 'data-map-obstacles')}), ${markers.length} live markers checked`,
  );
  if (process.env.SHOTS) writeFileSync(path.join(process.env.SHOTS, `${name.replace(/[^\p{L}\p{N}]+/gu, '-')}.png`), await page.screenshot());
  expect(faults.overlaps, `${name}: labels on each other`).toEqual([]);
  expect(faults.pastEdge, `${name}: labels cut at the edge`).toEqual([]);
  expect(faults.onLive, `${name}: labels on live symbols`).toEqual([]);
  return { labels: faults.labels, obstacles: faults.obstacles, markers: markers.length };
}

/** Rendered names of the capital's and okrug centres' layer. */
function centreNames(): Promise<string[]> {
  return page.evaluate(() => window.__curWall!.map.queryRenderedFeatures({ layers: ['settlement-labels'] }).map((f) => String(f.properties.name)));
}

describe('wall map labels: one collision policy, default parameters', () => {
  it('on the republic: no label on another, on a live symbol or across the edge; the capital named', async () => {
    const r = await check('republic');
    expect(r.labels).toBeGreaterThanOrEqual(6);
    // Accidents and breaches (the demo's history has many): each a marker checked, and each reserving space.
    expect(r.markers).toBeGreaterThan(ON_NAMES.length);
    expect(r.obstacles).toBeGreaterThan(ON_NAMES.length);
    expect(await centreNames()).toContain('Чебоксары');
    const settlements = JSON.parse(readFileSync('assets/geo/settlements.geojson', 'utf8')) as { features: { properties: { name: string; rank: number } }[] };
    const centres = settlements.features.filter((f) => f.properties.rank <= 2).map((f) => f.properties.name);
    const named = new Set(await centreNames());
    console.log(`republic: capital and okrug centres named ${named.size} of ${centres.length}; hidden: ${centres.filter((c) => !named.has(c)).join(', ')}`);
  });

  it('zoomed in on Чебоксары, and back on the republic after a flight', async () => {
    const fly = (target: object, durationMs: number) =>
      page.evaluate(([t, d]) => (window as unknown as { __curMap: { flyTo(t: object, o: object): Promise<void> } }).__curMap.flyTo(t, { durationMs: d }), [
        target,
        durationMs,
      ] as const);
    await fly({ center: [47.25, 56.12], zoom: 11 }, 0);
    const city = await check('Чебоксары, zoom 11');
    expect(city.labels).toBeGreaterThanOrEqual(3);
    await fly({ oktmo: '97516000' }, 1500);
    await check('Канаш, after a flight');
  });

  it('places no obstacle before the map has loaded, though the scene wall resizes the map while it starts', async () => {
    // A fresh scene wall: its header, scene bar and ticker take their size as the type scale,
    // the fonts and the first panels arrive, and each change resizes the map before `load`.
    const fresh = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
    try {
      await fresh.addInitScript(() => {
        const w = window as unknown as { __obstacleLog: string[] };
        w.__obstacleLog = [];
        new MutationObserver(() => {
          const d = document.documentElement?.dataset;
          // maplibre's `load` (its mark is set before the overlay and the first frame are placed).
          const loaded = performance.getEntriesByName('cur:map-load').length > 0;
          if (d?.mapObstacles !== undefined) w.__obstacleLog.push(`${loaded ? 'loaded' : 'before load'}:${d.mapObstacles}`);
        }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-map-obstacles'] });
        // Resizes of the map's container before `load`: counted to show the check is not vacuous.
        const sizes = new Set<string>();
        (w as unknown as { __mapSizes: Set<string> }).__mapSizes = sizes;
        new MutationObserver(() => {
          const el = document.querySelector<HTMLElement>('.wall-map');
          if (el && performance.getEntriesByName('cur:map-load').length === 0) sizes.add(`${el.clientWidth}x${el.clientHeight}`);
        }).observe(document, { subtree: true, childList: true, attributes: true });
      });
      await fresh.goto(`${hub.url}/#/wall/main?token=dev-wall&now=${NOW}`);
      await fresh.waitForSelector('html[data-map="ready"]', { timeout: 60_000 });
      await fresh.waitForFunction(() => document.documentElement.dataset.mapObstacles !== undefined, null, { timeout: 20_000 });
      const { log, sizes } = await fresh.evaluate(() => {
        const w = window as unknown as { __obstacleLog: string[]; __mapSizes: Set<string> };
        return { log: w.__obstacleLog, sizes: [...w.__mapSizes] };
      });
      expect(sizes.length, `map container sizes before load: ${sizes.join(', ')}`).toBeGreaterThan(1);
      expect(log.length).toBeGreaterThan(0);
      expect(log.filter((l) => !l.startsWith('loaded:'))).toEqual([]);
    } finally {
      await fresh.context().close();
    }
  });
});
