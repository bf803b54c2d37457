/**
 * The 3×2 wall of 55″ Full HD panels read from 6 m (issue 18 «Real sizes»): one scene screen
 * and one map screen (`shows=map`) of the wall, each a 1920×1080 window. A 55″ Full HD panel
 * is 680 mm of picture height over 1080 px (0.630 mm a pixel); at 6 m, 16′ of arc (ISO 11064
 * practice, app/wall/geometry.ts) is a 27.9 mm capital letter, so the body size is
 * `wallTypeScale(6, 0.63).bodyPx` (the same rule as wall-legibility*.test.ts).
 *
 * Scene by scene, on the alarm takeover and on the map screen:
 * - the page took the 6 m scale, and every visible text but the map's attribution is at least
 *   its body size, the map screen's legend and ticker included;
 * - the smallest text's capitals, measured on the screenshot's pixels, are at least 27.9 mm
 *   high on the panel;
 * - every basemap label maplibre rendered is at least the body size (its evaluated `text-size`),
 *   none on another, across the map's edge or on a live symbol (the default parameters: no
 *   `maplabels`); a map with room for a name shows one (a scene column's narrow map may not);
 * - nothing is cut short, past an edge or cut mid-word, and no two text boxes overlap.
 * `DOCS=1` writes docs/scenes/3x2-<scene>.png and 3x2-map.png at full size (look at each).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ALARM_RULES } from '../../app/alarms/alarm-rules';
import { evaluateAlarms } from '../../app/alarms/evaluate-alarms';
import { isItem } from '../../app/domain/entity';
import { parseSceneKey } from '../../app/scenes/scene';
import { LABEL_LAYERS } from '../../renderer/map/label-policy';
import { launchChromium } from '../support/chromium';
import { startTestHub } from '../support/hub-fixture';
import { expectLegibleScreen, mapHasRoom, mapLabelSizes } from './legibility-checks';
import { Commander, criticalAccident, demoEntities, openWallPage, STATIC, waitForMapIdle } from './wall-support';

/** Thursday 20 November 2025, 12:00 МСК (as the other legibility tests). */
const NOW = Date.UTC(2025, 10, 20, 9);
const DISTANCE_M = 6;
/** 55″ Full HD panel: 680 mm over 1080 px. */
const PITCH_MM = 0.63;
const SCALE = `now=${NOW}&dist=${DISTANCE_M}&pitch=${PITCH_MM}`;
const SCENES = ['overview', 'housing', 'sla', 'ratings', 'sector:healthcare', 'municipality:97701000'] as const;
const DOCS = process.env.DOCS === '1';

let browser: Browser;
let hub: Awaited<ReturnType<typeof startTestHub>>;
let presenter: Commander;
let page: Page;
let items = 0;

beforeAll(async () => {
  hub = await startTestHub({ staticDir: STATIC, heartbeatMs: 1000, retain: 100_000, now: () => NOW });
  const entities = demoEntities(NOW);
  for (let i = 0; i < entities.length; i += 2000) await hub.hub.publish({ upserts: entities.slice(i, i + 2000), removes: [] });
  presenter = new Commander(hub.url, 'presenter');
  for (const a of evaluateAlarms(entities, NOW, DEFAULT_ALARM_RULES, new Set()))
    await presenter.send({ type: 'alarm:ack', alarmId: a.id, comment: 'проверка стены' });
  items = entities.filter(isItem).length;
  browser = await launchChromium();
  page = await openScreen(SCALE);
  if (DOCS) mkdirSync('docs/scenes', { recursive: true });
}, 180_000);

afterAll(async () => {
  presenter?.close();
  await browser?.close();
  await hub?.close();
});

/** One Full HD screen of the wall at the 6 m scale, with every item drawn. */
async function openScreen(query: string): Promise<Page> {
  const p = await openWallPage(browser, hub.url, query);
  await p.waitForSelector('html[data-map="ready"][data-feed-state="live"]', { timeout: 60_000 });
  await p.waitForFunction((n) => document.documentElement.dataset.entities === String(n), items, { timeout: 60_000 });
  await p.evaluate(() => document.fonts.ready.then(() => undefined));
  return p;
}

async function checkScreen(p: Page, name: string): Promise<void> {
  await p.waitForFunction(
    () => !document.querySelector('[data-waiting]') && document.querySelector('[data-kpi="open"] .kpi-value')?.textContent !== '—',
    null,
    { timeout: 20_000 },
  );
  await waitForMapIdle(p);
  await p.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
  await expectLegibleScreen(p, `3×2 ${name}`, DISTANCE_M, PITCH_MM);
  const room = await mapHasRoom(p);
  if (room.room || name === 'map') expect((await mapLabelSizes(p, LABEL_LAYERS)).labels, `${name}: map labels shown (${room.size})`).toBeGreaterThan(0);
  if (DOCS) writeFileSync(`docs/scenes/3x2-${name}.png`, await p.screenshot({ animations: 'disabled' }));
}

describe('a 3×2 wall of 55″ Full HD panels at 6 m', () => {
  it.each(SCENES)(
    'scene screen, %s: capitals ≥ 27.9 mm, map labels at the body size, nothing cut short',
    async (key) => {
      expect((await presenter.send({ type: 'scene:set', scene: parseSceneKey(key), durationS: 3600 })).ok).toBe(true);
      await page.waitForFunction((k) => document.documentElement.dataset.scene === k, key, { timeout: 20_000 });
      await checkScreen(page, key.replace(':', '-'));
    },
    120_000,
  );

  it('map screen (shows=map): header, legend, ticker and map labels at the body size', async () => {
    await presenter.send({ type: 'scene:clear' });
    const map = await openScreen(`${SCALE}&shows=map`);
    try {
      expect(await map.locator('.legend .legend-row').count(), 'its legend').toBeGreaterThan(5);
      expect(await map.locator('.ticker-strip li').count(), 'its ticker').toBeGreaterThan(0);
      await checkScreen(map, 'map');
    } finally {
      await map.context().close();
    }
  }, 120_000);

  it('alarm: the takeover banner on the scene screen', async () => {
    const accident = criticalAccident(NOW, 'crit-3x2');
    await hub.hub.publish({ upserts: [accident], removes: [] });
    items++;
    await page.waitForFunction(() => (document.documentElement.dataset.alarm ?? '') !== '', null, { timeout: 20_000 });
    await checkScreen(page, 'alarm');
  }, 120_000);
});
