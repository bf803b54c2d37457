/**
 * Read from the back of the room, day and night (issue 18), on every scene of the duty-shift
 * wall with demo-like data at a fixed hub time (as wall-scenes.test.ts), on a screen at 4 m and
 * on one of a 3×2 wall at 6 m:
 * - axe-core finds no colour-contrast violation in the day palette nor in the night palette
 *   (`data-palette="night"` on <html>, switched at run time through `window.__curPalette`);
 * - every visible text but the map's attribution is at least the type scale's body size, and so
 *   is every basemap label maplibre rendered (its evaluated `text-size`);
 * - nothing is cut short: no text that CSS clamps (`line-clamp`) or ends with `text-overflow:
 *   ellipsis` overflows its box, no row straddles the bottom of a panel column, and the ticker
 *   shows whole items only; no text runs past the screen's or its column's edge; no word is cut with «…» (a whole-word abbreviation may end a row),
 *   the alarm banner never ends a text with «…», and a panel whose rows did not all fit says
 *   so in its heading («ещё N»);
 * - no two visible wall labels overlap (DOM text boxes of each row and header), and on the
 *   map no two labels nor a label and a live symbol's reserved box (maplibre's placed symbols,
 *   by point queries and by its collision index), and no map label crosses the map's edge; a
 *   map with room for a name shows at least one (a 6 m scene column's narrow map may show none).
 * `DOCS=1` also writes docs/scenes/<scene>-night.png (look at every one).
 */
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ALARM_RULES } from '../../app/alarms/alarm-rules';
import { evaluateAlarms } from '../../app/alarms/evaluate-alarms';
import { isItem } from '../../app/domain/entity';
import { parseSceneKey } from '../../app/scenes/scene';
import { LABEL_LAYERS, MINOR_OBSTACLE_LAYER, OBSTACLE_LAYER } from '../../renderer/map/label-policy';
import { launchChromium } from '../support/chromium';
import { startTestHub } from '../support/hub-fixture';
import {
  dishonestHeadings,
  labelFaults,
  mapHasRoom,
  mapLabelSizes,
  mapSymbolShapes,
  overlappingLabels,
  textsCutMidWord,
  textsCutShort,
  textsEndingWithEllipsis,
  textsPastEdge,
  textsTooSmall,
} from './legibility-checks';
import { Commander, criticalAccident, demoEntities, openWallPage, STATIC, waitForMapIdle } from './wall-support';

declare global {
  interface Window {
    /** Pins the wall's palette (renderer/wall/use-palette.ts). */
    __curPalette?: (name: 'day' | 'night' | null) => void;
  }
}

/** Thursday 20 November 2025, 12:00 МСК (day palette by the playlist). */
const NOW = Date.UTC(2025, 10, 20, 9);
const SCENES = ['overview', 'housing', 'sla', 'ratings', 'sector:healthcare', 'municipality:97701000'] as const;
const DOCS = process.env.DOCS === '1';

let browser: Browser;
let hub: Awaited<ReturnType<typeof startTestHub>>;
let presenter: Commander;
let page: Page;
let items = 0;
let alarms = 0;
/** Screens of the configured layouts a scene window can be on (the 4K wall at 8 m is left out: too slow on a CPU rasteriser). */
const LAYOUTS = [
  ['one 55″ Full HD screen at 4 m', ''],
  ['a 3×2 wall of 55″ Full HD panels at 6 m', '&dist=6'],
] as const;
let docs = false;

beforeAll(async () => {
  hub = await startTestHub({ staticDir: STATIC, heartbeatMs: 1000, retain: 100_000, now: () => NOW });
  const entities = demoEntities(NOW);
  for (let i = 0; i < entities.length; i += 2000) await hub.hub.publish({ upserts: entities.slice(i, i + 2000), removes: [] });
  presenter = new Commander(hub.url, 'presenter');
  for (const a of evaluateAlarms(entities, NOW, DEFAULT_ALARM_RULES, new Set()))
    await presenter.send({ type: 'alarm:ack', alarmId: a.id, comment: 'проверка стены' });
  items = entities.filter(isItem).length;
  browser = await launchChromium();
  if (DOCS) mkdirSync('docs/scenes', { recursive: true });
}, 180_000);

/** A wall page of a layout (`query`: its type-scale parameters), with every item drawn. */
async function openLayout(query: string): Promise<Page> {
  const p = await openWallPage(browser, hub.url, `now=${NOW}${query}`);
  await p.waitForSelector('html[data-map="ready"][data-feed-state="live"]', { timeout: 60_000 });
  await p.waitForFunction((n) => document.documentElement.dataset.entities === String(n), items, { timeout: 60_000 });
  await p.evaluate(() => document.fonts.ready.then(() => undefined));
  return p;
}

afterAll(async () => {
  presenter?.close();
  await browser?.close();
  await hub?.close();
});

/**
 * Map labels that share a pixel with another label or a live symbol: maplibre answers a point query with the
 * symbols whose placed (collision) box covers it, so two different symbols at one point are
 * two boxes that overlap. A grid of points over the map canvas, every 6 px.
 */
function mapLabelOverlaps(p: Page): Promise<{ overlaps: string[]; labels: number }> {
  return p.evaluate(
    ([ids, minor]) => {
      const map = window.__curWall!.map;
      const layers = ids.filter((id) => map.getLayer(id));
      const { clientWidth: w, clientHeight: h } = map.getCanvas();
      const overlaps = new Set<string>();
      const labels = new Set<string>();
      for (let y = 3; y < h; y += 6) {
        for (let x = 3; x < w; x += 6) {
          const here = new Set(
            map
              .queryRenderedFeatures([x, y], { layers })
              .map((f) => `${f.layer.id}:${JSON.stringify(f.properties)}:${JSON.stringify((f.geometry as { coordinates?: unknown }).coordinates ?? '')}`),
          );
          const names = [...here].filter((k) => !k.startsWith('live-label-obstacles'));
          for (const k of names) labels.add(k);
          // Live symbols may cover each other (dense data); a name covers no other name, and no
          // live symbol either, except a centre's name over an appeal at risk (the centres go
          // before those, label-policy.ts).
          const centreOverSymbols =
            names.length === 1 && names[0]!.startsWith('settlement-labels:') && [...here].every((k) => k === names[0] || k.startsWith(`${minor}:`));
          if (names.length > 1 || (names.length === 1 && here.size > 1 && !centreOverSymbols))
            overlaps.add(
              [...here]
                .map((k) => k.slice(0, 80))
                .sort()
                .join(' × '),
            );
        }
      }
      return { overlaps: [...overlaps], labels: labels.size };
    },
    [[...LABEL_LAYERS, OBSTACLE_LAYER, MINOR_OBSTACLE_LAYER], MINOR_OBSTACLE_LAYER] as const,
  );
}

async function contrastViolations(p: Page): Promise<string[]> {
  const axe = await new AxeBuilder({ page: p }).withRules(['color-contrast']).analyze();
  return axe.violations.flatMap((v) => v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`));
}

async function checkBothPalettes(name: string): Promise<void> {
  await page.waitForFunction(
    () => !document.querySelector('[data-waiting]') && document.querySelector('[data-kpi="open"] .kpi-value')?.textContent !== '—',
    null,
    { timeout: 20_000 },
  );
  await waitForMapIdle(page);
  expect(await page.getAttribute('html', 'data-palette'), 'noon is day').toBe('day');
  const day = {
    small: await textsTooSmall(page),
    cut: await textsCutShort(page),
    edge: await textsPastEdge(page),
    midWord: await textsCutMidWord(page),
    alarmCut: await textsEndingWithEllipsis(page, '.alarm-banner'),
    headings: await dishonestHeadings(page),
    overlaps: await overlappingLabels(page),
    map: await mapLabelOverlaps(page),
    mapSizes: await mapLabelSizes(page, LABEL_LAYERS),
    mapRoom: await mapHasRoom(page),
    mapFaults: await mapSymbolShapes(page).then(({ width, height, shapes }) => labelFaults(shapes, width, height)),
    contrast: await contrastViolations(page),
  };
  await page.evaluate(() => window.__curPalette?.('night'));
  await page.waitForSelector('html[data-palette="night"]');
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const nightContrast = await contrastViolations(page);
  if (docs) await page.screenshot({ path: `docs/scenes/${name}-night.png`, animations: 'disabled' });
  await page.evaluate(() => window.__curPalette?.(null));
  await page.waitForSelector('html[data-palette="day"]');
  expect(day.small, `${name}: text below the body size`).toEqual([]);
  expect(day.cut, `${name}: cut short`).toEqual([]);
  expect(day.edge, `${name}: past the screen's or a column's edge`).toEqual([]);
  expect(day.midWord, `${name}: words cut with «…»`).toEqual([]);
  expect(day.alarmCut, `${name}: alarm texts ending with «…»`).toEqual([]);
  expect(day.headings, `${name}: headings over hidden rows`).toEqual([]);
  expect(day.overlaps, `${name}: overlapping labels`).toEqual([]);
  expect(day.map.overlaps, `${name}: overlapping map labels or live symbols`).toEqual([]);
  // A map narrower than a name at the body size (a 6 m scene column's) shows none rather than one cut at its edge.
  if (day.mapRoom.room) expect(day.map.labels, `${name}: map labels shown (${day.mapRoom.size})`).toBeGreaterThan(0);
  else console.log(`${name}: map ${day.mapRoom.size}: no room for a name, ${day.map.labels} shown`);
  expect(day.mapFaults.overlaps, `${name}: map labels on each other`).toEqual([]);
  expect(day.mapFaults.pastEdge, `${name}: map labels cut at the map's edge`).toEqual([]);
  expect(day.mapFaults.onLive, `${name}: map labels on live symbols`).toEqual([]);
  expect(day.mapSizes.below, `${name}: map labels below the body size`).toEqual([]);
  expect(day.contrast, `${name}: day contrast`).toEqual([]);
  expect(bg, 'night background').toBe('rgb(5, 8, 15)');
  expect(nightContrast, `${name}: night contrast`).toEqual([]);
}

describe.each(LAYOUTS)('%s: legible day and night, scene by scene', (_, query) => {
  beforeAll(async () => {
    page = await openLayout(query);
    docs = DOCS && query === '';
  }, 120_000);
  afterAll(async () => {
    await page?.context().close();
  });

  it.each(SCENES)('%s: nothing cut short, no overlapping labels, contrast in both palettes', async (key) => {
    expect((await presenter.send({ type: 'scene:set', scene: parseSceneKey(key), durationS: 3600 })).ok).toBe(true);
    await page.waitForFunction((k) => document.documentElement.dataset.scene === k, key, { timeout: 10_000 });
    await checkBothPalettes(key.replace(':', '-'));
  });

  it('alarm: the takeover banner too', async () => {
    await presenter.send({ type: 'scene:clear' });
    // An accident of this layout's own, acknowledged afterwards: the next layout starts calm.
    const accident = criticalAccident(NOW, `crit-${++alarms}`);
    await hub.hub.publish({ upserts: [accident], removes: [] });
    items++;
    await page.waitForFunction(() => (document.documentElement.dataset.alarm ?? '') !== '', null, { timeout: 10_000 });
    await checkBothPalettes('alarm');
    for (const a of evaluateAlarms([accident], NOW, DEFAULT_ALARM_RULES, new Set()))
      await presenter.send({ type: 'alarm:ack', alarmId: a.id, comment: 'проверка стены' });
  });
});
