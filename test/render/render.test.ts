/**
 * Render tests of the wall map (issue 4): each `test/render/<case>/case.json` describes a
 * scene; a real hub on port 0 publishes its entities, the wall opens in headless Chromium
 * (Mesa llvmpipe, test/support/chromium.ts; the goldens were made with it) with a fixed
 * `now`, and the map is compared with `expected.png`, tolerantly (CPU rasterisers differ in a
 * few edge pixels). `UPDATE=1` writes the goldens; look at every one before committing it.
 * On a mismatch the actual image, a diff and the map's state (sizes, camera) go to out/render-test/<case>/.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { startTestHub } from '../support/hub-fixture';
import { comparePng, MAX_DIFF_SHARE } from './compare';
import { caseEntities, type RenderCase } from './scene';
import { openWall } from './support';

const here = path.dirname(fileURLToPath(import.meta.url));
const STATIC = 'out/renderer';
const UPDATE = process.env.UPDATE === '1';
const cases = readdirSync(here, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(path.join(here, d.name, 'case.json')))
  .map((d) => d.name)
  .sort();

let browser: Browser;
beforeAll(async () => {
  if (!existsSync(`${STATIC}/index.html`)) throw new Error('renderer build missing: run `node scripts/build.mjs renderer` (npm test does)');
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

let lastState: unknown = null;

async function render(name: string, c: RenderCase): Promise<Buffer> {
  const hub = await startTestHub({ staticDir: STATIC, heartbeatMs: 1000, retain: 100_000 });
  try {
    const entities = caseEntities(c);
    for (let i = 0; i < entities.length; i += 2000) await hub.hub.publish({ upserts: entities.slice(i, i + 2000), removes: [] });
    const [width, height] = c.viewport;
    // `shows=map`: the map screen (no scene rotation), so the picture depends on the map alone.
    const params: Record<string, string | number> = { now: Date.parse(c.now), shows: 'map', ...c.params };
    // A camera rides on the virtual-viewport parameters: the page is the whole canvas.
    if (c.camera) Object.assign(params, { vx: 0, vy: 0, vw: width, vh: height, lon: c.camera.center[0], lat: c.camera.center[1], z: c.camera.zoom });
    const page = await openWall(browser, hub.url, { width, height, params, entities: entities.length, hide: ['.wall-header', '.ticker'] });
    const png = await page.locator('.wall-map').screenshot();
    // What the map was at the screenshot (written beside a mismatch: a fit for another size, a canvas
    // that missed a resize — a fresh-clone run once saw the dense case shifted by ≈ 20 px).
    lastState = await page.evaluate(() => {
      const m = window.__curWall!.map;
      const c = m.getContainer();
      return {
        container: [c.clientWidth, c.clientHeight],
        canvas: [m.getCanvas().width, m.getCanvas().height],
        center: m.getCenter().toArray(),
        zoom: m.getZoom(),
      };
    });
    await page.close();
    return png;
  } finally {
    await hub.close();
  }
}

describe('map render', () => {
  it.each(cases)(
    '%s matches expected.png',
    async (name) => {
      const dir = path.join(here, name);
      const c = JSON.parse(readFileSync(path.join(dir, 'case.json'), 'utf8')) as RenderCase;
      const actual = await render(name, c);
      const expectedPath = path.join(dir, 'expected.png');
      if (UPDATE || !existsSync(expectedPath)) {
        writeFileSync(expectedPath, actual);
        if (!UPDATE) throw new Error(`${name}: no expected.png yet; wrote one from this run, look at it and rerun`);
        return;
      }
      const cmp = comparePng(actual, readFileSync(expectedPath));
      if (!cmp.sameSize || cmp.share > MAX_DIFF_SHARE) {
        const out = path.join('out/render-test', name);
        mkdirSync(out, { recursive: true });
        writeFileSync(path.join(out, 'actual.png'), actual);
        writeFileSync(path.join(out, 'diff.png'), cmp.diff);
        writeFileSync(path.join(out, 'state.json'), JSON.stringify(lastState, null, 1));
      }
      expect(cmp.sameSize, `${name}: image size`).toBe(true);
      expect(cmp.share, `${name}: share of differing pixels (see out/render-test/${name}/)`).toBeLessThanOrEqual(MAX_DIFF_SHARE);
    },
    180_000,
  );
});
