/**
 * The wall survives WebGL context loss (a GPU reset, a driver update on a kiosk) without a
 * reload: 20 times in a row the context is lost and restored with WEBGL_lose_context, and
 * each time the basemap, an accident (a deck.gl layer below the labels) and an SLA breach (the
 * deck.gl layer above everything) are drawn again from the last state.
 */
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Entity } from '../../app/domain/entity';
import { launchChromium } from '../support/chromium';
import { appeal, startTestHub } from '../support/hub-fixture';
import { countPixelsAt, isRed, openWall, pagePixel, waitForMapIdle, type MapWindow } from '../render/support';

const STATIC = 'out/renderer';
const NOW = Date.UTC(2025, 10, 20, 9);
const DAY = 86_400_000;
const CYCLES = 20;

const accident: Entity = {
  kind: 'accident',
  id: 'ctx-acc',
  version: 1,
  municipality: '97510000',
  lon: 47.0,
  lat: 55.45,
  resource: 'electricity',
  status: 'active',
  address: 'пгт Вурнары, ул. Советская, д. 1',
  operator: 'Энергосбыт',
  residents: 20_000,
  buildings: 80,
  socialObjects: 1,
  startedAt: NOW - 3_600_000,
  plannedRestoreAt: NOW + 3_600_000,
};
// A written appeal 40 days old is past its 30-day deadline: an SLA breach.
const breach = appeal({ id: 'ctx-breach', channel: 'written', municipality: '97535000', lon: 46.5, lat: 55.15, createdAt: NOW - 40 * DAY });

let browser: Browser;
let hub: Awaited<ReturnType<typeof startTestHub>>;
let page: Page;

beforeAll(async () => {
  if (!existsSync(`${STATIC}/index.html`)) throw new Error('renderer build missing: run `node scripts/build.mjs renderer` (npm test does)');
  hub = await startTestHub({ staticDir: STATIC, heartbeatMs: 1000 });
  await hub.hub.publish({ upserts: [accident, breach], removes: [] });
  browser = await launchChromium();
  // A fixed `now` freezes the pulses, so the map repaints only when something changes.
  page = await openWall(browser, hub.url, { width: 640, height: 480, params: { now: NOW, shows: 'map' }, entities: 2, hideOverlays: true });
});
afterAll(async () => {
  await browser?.close();
  await hub?.close();
});

async function drawn(): Promise<{ municipalities: number; accident: number; breach: number }> {
  const municipalities = await page.evaluate(() => {
    const feats = (window as unknown as MapWindow).__curWall!.map.queryRenderedFeatures({ layers: ['municipalities-fill'] });
    return new Set(feats.map((f) => String(f.properties.oktmo))).size;
  });
  // One screenshot; the accident's disk and the breach's outline are both red.
  const at = [await pagePixel(page, accident.lon, accident.lat), await pagePixel(page, breach.lon, breach.lat)];
  const [acc, br] = await countPixelsAt(page, at, 40, isRed);
  return { municipalities, accident: acc!, breach: br! };
}

describe('WebGL context loss', () => {
  it(`redraws the basemap and the live layers after each of ${CYCLES} losses, without a reload`, async () => {
    // Under load the live layers may paint a moment after the map reports idle: wait for them (a hang guard, not a timing check).
    await expect.poll(async () => (await drawn()).accident, { timeout: 30_000 }).toBeGreaterThan(150);
    const before = await drawn();
    expect(before.municipalities).toBe(23);
    expect(before.accident).toBeGreaterThan(150);
    expect(before.breach).toBeGreaterThan(20);
    await page.evaluate(() => ((window as unknown as { __loadMarker: number }).__loadMarker = 42));

    for (let i = 1; i <= CYCLES; i++) {
      await page.evaluate(() => {
        const gl = (window as unknown as MapWindow).__curWall!.map.getCanvas().getContext('webgl2')!;
        (window as unknown as { __lose: WEBGL_lose_context }).__lose = gl.getExtension('WEBGL_lose_context')!;
        (window as unknown as { __lose: WEBGL_lose_context }).__lose.loseContext();
      });
      await page.waitForSelector('html[data-map="lost"]', { timeout: 10_000 });
      const t0 = Date.now();
      await page.evaluate(() => (window as unknown as { __lose: WEBGL_lose_context }).__lose.restoreContext());
      await page.waitForFunction((n) => document.documentElement.dataset.mapRestores === String(n) && document.documentElement.dataset.map === 'ready', i, {
        timeout: 30_000,
      });
      const t1 = Date.now();
      await waitForMapIdle(page);
      const t2 = Date.now();
      const after = await drawn();
      if (process.env.CUR_DEBUG) console.log(`cycle ${i}`, t1 - t0, t2 - t1, Date.now() - t2, after);
      expect(after, `cycle ${i}`).toEqual({ municipalities: 23, accident: expect.any(Number), breach: expect.any(Number) });
      expect(after.accident, `accident after cycle ${i}`).toBeGreaterThan(before.accident * 0.8);
      expect(after.breach, `breach after cycle ${i}`).toBeGreaterThan(before.breach * 0.8);
    }
    // Same page all along: no reload happened.
    expect(await page.evaluate(() => (window as unknown as { __loadMarker?: number }).__loadMarker)).toBe(42);
  }, 300_000);
});
