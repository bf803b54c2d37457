/**
 * A map spanning several screens is one picture: two windows, each showing its half of a
 * virtual canvas (`vx/vy/vw/vh`), put side by side give the same image as one window showing
 * the whole canvas — basemap geometry and live points alike. Labels are hidden for the
 * comparison: each window places its own labels, so near a seam they legitimately differ.
 */
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Entity } from '../../app/domain/entity';
import { launchChromium } from '../support/chromium';
import { appeal, startTestHub } from '../support/hub-fixture';
import { comparePng } from '../render/compare';
import { openWall, waitForMapIdle, type MapWindow } from '../render/support';

const STATIC = 'out/renderer';
const NOW = Date.UTC(2025, 10, 20, 9);
const W = 1280;
const H = 480;

const entities: Entity[] = [
  ...Array.from({ length: 40 }, (_, i) =>
    appeal({
      id: `v-${i}`,
      lon: 46.2 + (i % 10) * 0.2,
      lat: 55.0 + Math.floor(i / 10) * 0.3,
      sector: ['roads', 'housing', 'improvement'][i % 3]!,
      createdAt: NOW - 3_600_000,
    }),
  ),
  {
    kind: 'accident',
    id: 'v-acc',
    version: 1,
    municipality: '97510000',
    lon: 47.0,
    lat: 55.45,
    resource: 'heat',
    status: 'active',
    address: 'ул. Тестовая',
    operator: 'ТГК-5',
    residents: 5000,
    buildings: 20,
    socialObjects: 0,
    startedAt: NOW - 3_600_000,
    plannedRestoreAt: NOW + 3_600_000,
  },
];

let browser: Browser;
let hub: Awaited<ReturnType<typeof startTestHub>>;

beforeAll(async () => {
  if (!existsSync(`${STATIC}/index.html`)) throw new Error('renderer build missing: run `node scripts/build.mjs renderer` (npm test does)');
  hub = await startTestHub({ staticDir: STATIC, heartbeatMs: 1000 });
  await hub.hub.publish({ upserts: entities, removes: [] });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await hub?.close();
});

async function part(offsetX: number, width: number): Promise<{ page: Page; png: PNG }> {
  const page = await openWall(browser, hub.url, {
    width,
    height: H,
    params: { now: NOW, vx: offsetX, vy: 0, vw: W, vh: H },
    entities: entities.length,
    hide: ['.maplibregl-control-container'],
  });
  await page.evaluate(() => {
    const map = (window as unknown as MapWindow).__curWall!.map as unknown as {
      getStyle(): { layers: { id: string; type: string }[] };
      setLayoutProperty(id: string, k: string, v: string): void;
    };
    for (const l of map.getStyle().layers) if (l.type === 'symbol') map.setLayoutProperty(l.id, 'visibility', 'none');
  });
  await waitForMapIdle(page);
  return { page, png: PNG.sync.read(await page.screenshot()) };
}

describe('virtual viewport', () => {
  it('renders two halves that join into the whole map', async () => {
    const whole = await part(0, W);
    const left = await part(0, W / 2);
    const right = await part(W / 2, W / 2);
    const joined = new PNG({ width: W, height: H });
    PNG.bitblt(left.png, joined, 0, 0, W / 2, H, 0, 0);
    PNG.bitblt(right.png, joined, 0, 0, W / 2, H, W / 2, 0);
    const cmp = comparePng(PNG.sync.write(joined), PNG.sync.write(whole.png));
    expect(cmp.sameSize).toBe(true);
    expect(cmp.share).toBeLessThan(0.01);
    for (const p of [whole, left, right]) await p.page.close();
  }, 240_000);
});
