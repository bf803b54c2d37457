/**
 * The wall in real headless Chromium against a real hub: the map draws the municipalities
 * from assets/, an entity pushed by the hub reaches the page and is drawn, and the page
 * makes no request outside localhost. Needs the renderer build (`npm test` builds it).
 */
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Entity } from '../../app/domain/entity';
import { municipalities } from '../../app/domain/municipality';
import { isSoftwareRenderer } from '../../renderer/map/gl-probe';
import { launchChromium } from '../support/chromium';
import { appeal, startTestHub } from '../support/hub-fixture';
import { Commander } from './wall-support';

const STATIC = 'out/renderer';
let browser: Browser;
let hub: Awaited<ReturnType<typeof startTestHub>>;
const requests: string[] = [];

beforeAll(async () => {
  if (!existsSync(`${STATIC}/index.html`)) throw new Error('renderer build missing: run `node scripts/build.mjs renderer` (npm test does)');
  hub = await startTestHub({ staticDir: STATIC, heartbeatMs: 1000 });
  await hub.hub.publish({ upserts: Array.from({ length: 50 }, () => appeal()), removes: [] });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await hub?.close();
});

// 1280×720 is a desk monitor, not a wall screen: a viewing distance in proportion (2.7 m).
async function openWall(path = '#/wall/main?token=dev-wall&dist=2.7'): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => console.error('pageerror:', e.message));
  await page.goto(`${hub.url}/${path}`);
  return page;
}

const accident: Entity = {
  kind: 'accident',
  id: 'browser-acc-1',
  version: 1,
  municipality: '97701000',
  lon: 47.0,
  lat: 55.5,
  resource: 'heat',
  status: 'active',
  address: 'г. Чебоксары, ул. Ленина, д. 1',
  operator: 'ТГК-5',
  residents: 20000,
  buildings: 100,
  socialObjects: 2,
  startedAt: Date.now() - 60_000,
  plannedRestoreAt: Date.now() + 3_600_000,
};

describe('wall in Chromium', () => {
  let page: Page;
  beforeAll(async () => {
    page = await openWall();
    await page.waitForSelector('html[data-map="ready"][data-feed-state="live"]', { timeout: 60_000 });
    // The playlist rotates through municipality scenes (and an alarm flies to its okrug): a
    // presenter's scene command keeps the camera on the whole republic for these checks.
    const presenter = new Commander(hub.url, 'presenter');
    expect((await presenter.send({ type: 'scene:set', scene: { id: 'overview' }, durationS: 600 })).ok).toBe(true);
    presenter.close();
    await page.waitForFunction(() => document.documentElement.dataset.sceneSource === 'command', null, { timeout: 10_000 });
  });

  it('draws every municipality of the 2025 set', async () => {
    await page.waitForFunction(() => window.__curWall!.map.areTilesLoaded() && window.__curWall!.map.loaded() && !window.__curWall!.map.isMoving(), null, {
      timeout: 30_000,
    });
    const codes = await page.evaluate(() => {
      const feats = window.__curWall!.map.queryRenderedFeatures({ layers: ['municipalities-fill'] });
      return [...new Set(feats.map((f) => String(f.properties.oktmo)))].sort();
    });
    expect(codes).toEqual(
      municipalities('2025')
        .map((m) => m.oktmo)
        .sort(),
    );
  });

  it('shows the snapshot, then an entity pushed by the hub, and draws it on the map', async () => {
    await page.waitForFunction(() => document.documentElement.dataset.entities === '50', null, { timeout: 10_000 });
    // The accident raises alarms, and an alarm flies the wall to its municipality (issue 5);
    // the presenter's scene command (beforeAll) outranks it: the camera stays on the republic.
    const delta = await hub.hub.publish({ upserts: [accident], removes: [] });
    await page.waitForFunction((seq) => Number(document.documentElement.dataset.seq) >= seq, delta.seq, { timeout: 10_000 });
    expect(await page.getAttribute('html', 'data-entities')).toBe('51');
    await expect.poll(() => page.textContent('[data-kpi="accidents"] .kpi-value'), { timeout: 15_000 }).toBe('1');
    expect(await page.textContent('[data-kpi="residents"] .kpi-value')).toMatch(/^20\s000$/);

    // The accident marker (red, white ring) is on screen where the map projects it (asked
    // again each time: the alarm banner that comes with the accident resizes the map).
    await expect
      .poll(
        async () => {
          const pt = await page.evaluate(
            ([lon, lat]) => {
              const p = window.__curWall!.map.project([lon!, lat!]);
              const r = (document.querySelector('.wall-map') as HTMLElement).getBoundingClientRect();
              return { x: Math.round(r.left + p.x), y: Math.round(r.top + p.y) };
            },
            [accident.lon, accident.lat],
          );
          // 21 px square: the disk round the resource icon at its centre.
          const png = await page.screenshot({ clip: { x: pt.x - 10, y: pt.y - 10, width: 21, height: 21 } });
          const px = PNG.sync.read(png);
          let red = 0;
          for (let i = 0; i < px.data.length; i += 4) if (px.data[i]! > 180 && px.data[i + 1]! < 140 && px.data[i + 2]! < 140) red++;
          return red;
        },
        { timeout: 10_000 },
      )
      .toBeGreaterThan(20);
  });

  it('multisamples the map on a GPU only, not on a CPU rasteriser (llvmpipe, SwiftShader)', async () => {
    const gl = await page.evaluate(() => {
      const ctx = window.__curWall!.map.getCanvas().getContext('webgl2')!;
      const ext = ctx.getExtension('WEBGL_debug_renderer_info');
      return {
        renderer: String(ctx.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : ctx.RENDERER)),
        antialias: ctx.getContextAttributes()?.antialias,
        attrs: { ...document.documentElement.dataset },
      };
    });
    // Here (CI, no GPU) llvmpipe or SwiftShader; on a machine with a GPU the other branch.
    const software = isSoftwareRenderer(gl.renderer);
    expect(gl.attrs.gl).toBe(software ? 'software' : 'gpu');
    expect(gl.antialias).toBe(!software);
    expect(gl.attrs.mapAntialias).toBe(software ? 'off' : 'on');
  });

  it('shows the data attribution on the map', async () => {
    expect(await page.textContent('.maplibregl-ctrl-attrib')).toContain('OpenStreetMap');
  });

  it('makes no request outside localhost', () => {
    const outside = requests.filter((u) => !/^(https?|wss?):\/\/127\.0\.0\.1[:/]/.test(u) && !u.startsWith('data:') && !u.startsWith('blob:'));
    expect(requests.length).toBeGreaterThan(5);
    expect(outside).toEqual([]);
  });

  it('explains in Russian when the token is missing', async () => {
    const p = await openWall('#/wall/main');
    await expect.poll(() => p.textContent('[role="alert"] h1')).toBe('Нет токена доступа');
    await p.close();
  });
});
