/**
 * The 2×2 wall of 4K screens read from 8 m (issue 18 «Real sizes»), one screen at its full
 * 3840×2160 in headless Chromium (a CPU rasteriser: the other three screens are the same page
 * at other map offsets). Assumed panels: 86″ 4K, 1066 mm of picture height over 2160 px
 * (0.4935 mm a pixel): a 3.8 × 2.1 m wall, the size a 2×2 wall read at 8 m is built at. At 8 m,
 * 16′ of arc (ISO 11064 practice, app/wall/geometry.ts) is a 37.2 mm capital letter.
 *
 * On the scene screen, scene by scene, and on the alarm takeover:
 * - the page took the 8 m scale, and every visible text is at least its body size;
 * - the smallest text's capital letters, rendered and measured on the screenshot's pixels,
 *   are at least 37.2 mm high on the panel;
 * - nothing is cut short (no clamp or ellipsis that hides text, no word cut with «…» and no «…»
 *   in the alarm banner at all, no row across a column's edge, no text past the screen's edge), no two text boxes overlap, and a panel whose rows did not
 *   all fit says so in its heading;
 * - an accident whose residents are unknown reads «нет данных» on its municipality's board.
 * On a map screen of the same wall (`shows=map`), the alarm banner's title wraps onto whole lines,
 * and every text (legend and ticker too, the attribution aside) and every basemap label maplibre
 * rendered is at least the body size (the default parameters: no `maplabels`), none on another,
 * across the map's edge or on a live symbol.
 * `DOCS=1` writes docs/scenes/4k-<scene>.png at half size (1920×1080; look at each).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ALARM_RULES } from '../../app/alarms/alarm-rules';
import { evaluateAlarms } from '../../app/alarms/evaluate-alarms';
import { isItem } from '../../app/domain/entity';
import { parseSceneKey } from '../../app/scenes/scene';
import { launchChromium } from '../support/chromium';
import { startTestHub } from '../support/hub-fixture';
import { LABEL_LAYERS } from '../../renderer/map/label-policy';
import {
  expectLegibleScreen,
  labelFaults,
  mapLabelSizes,
  mapSymbolShapes,
  textsCutShort,
  textsEndingWithEllipsis,
  textsPastEdge,
  textsTooSmall,
} from './legibility-checks';
import { accidentAt, Commander, criticalAccident, demoEntities, halve, openWallPage, STATIC, waitForMapIdle } from './wall-support';

/** Thursday 20 November 2025, 12:00 МСК (as wall-legibility.test.ts). */
const NOW = Date.UTC(2025, 10, 20, 9);
const SCREEN = { width: 3840, height: 2160 };
const DISTANCE_M = 8;
/** 86″ 4K panel: 1066 mm over 2160 px. */
const PITCH_MM = 1066 / 2160;
const SCALE = `now=${NOW}&dist=${DISTANCE_M}&pitch=${PITCH_MM.toFixed(4)}`;
/** Ибресинский МО: an accident there whose residents the source did not give. */
const IBRESI = '97513000';
const SCENES = ['overview', 'housing', 'sla', 'ratings', 'sector:healthcare', `municipality:${IBRESI}`] as const;
const DOCS = process.env.DOCS === '1';

let browser: Browser;
let hub: Awaited<ReturnType<typeof startTestHub>>;
let presenter: Commander;
let page: Page;
let items = 0;

beforeAll(async () => {
  hub = await startTestHub({ staticDir: STATIC, heartbeatMs: 1000, retain: 100_000, now: () => NOW });
  const entities = demoEntities(NOW);
  entities.push(
    accidentAt(NOW, 'no-residents', {
      municipality: IBRESI,
      lon: 47.038,
      lat: 55.3011,
      resource: 'heat',
      address: 'пгт Ибреси, ул. Маресьева, д. 9',
      operator: 'Т Плюс',
      residents: 0,
      buildings: 3,
    }),
  );
  for (let i = 0; i < entities.length; i += 2000) await hub.hub.publish({ upserts: entities.slice(i, i + 2000), removes: [] });
  presenter = new Commander(hub.url, 'presenter');
  for (const a of evaluateAlarms(entities, NOW, DEFAULT_ALARM_RULES, new Set()))
    await presenter.send({ type: 'alarm:ack', alarmId: a.id, comment: 'проверка стены' });
  items = entities.filter(isItem).length;
  browser = await launchChromium();
  page = await openScreen(SCALE);
  if (DOCS) mkdirSync('docs/scenes', { recursive: true });
}, 240_000);

afterAll(async () => {
  presenter?.close();
  await browser?.close();
  await hub?.close();
});

/** One 4K screen of the wall at the 8 m scale, with every item drawn. */
async function openScreen(query: string): Promise<Page> {
  const p = await openWallPage(browser, hub.url, query, SCREEN);
  await p.waitForSelector('html[data-map="ready"][data-feed-state="live"]', { timeout: 120_000 });
  await p.waitForFunction((n) => document.documentElement.dataset.entities === String(n), items, { timeout: 120_000 });
  await p.evaluate(() => document.fonts.ready.then(() => undefined));
  return p;
}

async function checkScreen(name: string): Promise<void> {
  await page.waitForFunction(
    () => !document.querySelector('[data-waiting]') && document.querySelector('[data-kpi="open"] .kpi-value')?.textContent !== '—',
    null,
    { timeout: 30_000 },
  );
  await waitForMapIdle(page);
  // Twice: the column's whole-rows pass runs on the next frame after a change.
  await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
  await expectLegibleScreen(page, `4K ${name}`, DISTANCE_M, PITCH_MM);
  if (DOCS) writeFileSync(`docs/scenes/4k-${name}.png`, halve(await page.screenshot({ animations: 'disabled' })));
}

describe('a 2×2 wall of 86″ 4K screens at 8 m: the scene screen at 3840×2160', () => {
  it.each(SCENES)(
    '%s: capitals ≥ 37.2 mm, nothing cut short, honest headings',
    async (key) => {
      expect((await presenter.send({ type: 'scene:set', scene: parseSceneKey(key), durationS: 3600 })).ok).toBe(true);
      await page.waitForFunction((k) => document.documentElement.dataset.scene === k, key, { timeout: 20_000 });
      await checkScreen(key.replace(':', '-'));
      if (key.startsWith('municipality')) {
        // The row as rendered (at this scale it may be one the column hides, and its heading then says so).
        const row = page.locator('[data-key="accident:no-residents"] [data-residents]');
        expect(await row.getAttribute('data-residents')).toBe('unknown');
        expect(await row.textContent(), 'unknown residents').toBe('жит.: нет данных');
      }
    },
    180_000,
  );

  it('alarm: the takeover banner wraps its title onto whole lines; on a map screen of the wall too', async () => {
    await presenter.send({ type: 'scene:clear' });
    const accident = criticalAccident(NOW, 'crit-4k');
    await hub.hub.publish({ upserts: [accident], removes: [] });
    items++;
    await page.waitForFunction(() => (document.documentElement.dataset.alarm ?? '') !== '', null, { timeout: 20_000 });
    await checkScreen('alarm');
    // Another screen of the wall as a map screen (`shows=map`): the map under a header that carries the banner.
    const map = await openScreen(`${SCALE}&shows=map`);
    try {
      await map.waitForFunction(() => (document.documentElement.dataset.alarm ?? '') !== '', null, { timeout: 20_000 });
      await waitForMapIdle(map);
      const title = map.locator('.alarm-title');
      expect((await title.innerText()).trim().endsWith('…'), 'title cut with «…»').toBe(false);
      expect(await textsEndingWithEllipsis(map), 'map screen: texts ending with «…»').toEqual([]);
      expect(await textsCutShort(map), 'map screen: cut short').toEqual([]);
      expect(await textsPastEdge(map), "map screen: past the screen's edge").toEqual([]);
      // Whole lines: the title wraps at spaces, and its box clips nothing (no overflow hidden over more text).
      const box = await title.evaluate((el) => {
        const cs = getComputedStyle(el);
        return {
          wrap: cs.whiteSpace,
          clipsX: cs.overflowX !== 'visible' && el.scrollWidth > el.clientWidth + 1,
          clipsY: cs.overflowY !== 'visible' && el.scrollHeight > el.clientHeight + 1,
        };
      });
      expect(box).toEqual({ wrap: 'normal', clipsX: false, clipsY: false });
      // Every text of the map screen (header, banner, legend, ticker; the attribution aside), and
      // the basemap's labels as maplibre placed them.
      expect(await textsTooSmall(map), 'map screen: text below the body size').toEqual([]);
      expect(await map.locator('.legend .legend-row').count(), 'map screen: its legend').toBeGreaterThan(5);
      expect(await map.locator('.ticker-strip li').count(), 'map screen: its ticker').toBeGreaterThan(0);
      const labels = await mapLabelSizes(map, LABEL_LAYERS);
      expect(labels.labels, 'map screen: map labels shown').toBeGreaterThan(0);
      expect(labels.below, 'map screen: map labels below the body size').toEqual([]);
      const { width, height, shapes } = await mapSymbolShapes(map);
      const faults = labelFaults(shapes, width, height);
      expect(faults.overlaps, 'map screen: map labels on each other').toEqual([]);
      expect(faults.pastEdge, "map screen: map labels cut at the map's edge").toEqual([]);
      expect(faults.onLive, 'map screen: map labels on live symbols').toEqual([]);
      if (DOCS) writeFileSync('docs/scenes/4k-map-alarm.png', halve(await map.screenshot({ animations: 'disabled' })));
    } finally {
      await map.context().close();
      for (const a of evaluateAlarms([accident], NOW, DEFAULT_ALARM_RULES, new Set()))
        await presenter.send({ type: 'alarm:ack', alarmId: a.id, comment: 'проверка стены' });
    }
  }, 240_000);
});
