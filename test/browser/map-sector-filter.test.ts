/**
 * The sector filter of the map (issue 5): with one sector's filter on, the map draws that
 * sector's appeal points (every SLA state, the breaches above the labels included) and no
 * other sector's; accidents and their links stay only for ЖКХ. Proved by pixels: one column
 * of symbols per sector (the `appeals` render case) and an accident, shot with every sector
 * and with a filter, compared square by square around each symbol. The filter is the GPU's:
 * switching it sends nothing to the worker (`data-seq` and the map frames stay).
 */
import { existsSync, readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Entity } from '../../app/domain/entity';
import { launchChromium } from '../support/chromium';
import { startTestHub } from '../support/hub-fixture';
import { accidentEntity, appealEntity, type AppealSpec, type RenderCase } from '../render/scene';
import { openWall, pagePixel, waitForMapIdle } from '../render/support';

const STATIC = 'out/renderer';
const grid = JSON.parse(readFileSync('test/render/appeals/case.json', 'utf8')) as RenderCase;
const NOW = Date.parse(grid.now);
/** Rows of the grid that draw a clear symbol (the closed row is a small dim dot). */
const SHOWN: ReadonlyArray<AppealSpec['sla']> = ['on_time', 'at_risk', 'overdue'];
const ACCIDENT = { id: 'f-acc', at: [47.56, 56.12] as [number, number], resource: 'heat' as const, state: 'active' as const, residents: 2000 };
const SIZE = 16;

let browser: Browser;
let hub: Awaited<ReturnType<typeof startTestHub>>;
let page: Page;

beforeAll(async () => {
  if (!existsSync(`${STATIC}/index.html`)) throw new Error('renderer build missing: run `node scripts/build.mjs renderer` (npm test does)');
  hub = await startTestHub({ staticDir: STATIC, heartbeatMs: 1000 });
  const entities: Entity[] = [...grid.appeals!.map((s, i) => appealEntity(`f-${i}`, s, NOW)), accidentEntity(ACCIDENT, NOW)];
  await hub.hub.publish({ upserts: entities, removes: [] });
  browser = await launchChromium();
  const [width, height] = grid.viewport;
  const cam = grid.camera!;
  page = await openWall(browser, hub.url, {
    width,
    height,
    // The style's own label sizes: at the body size «Чебоксары» lies over two at-risk dots of the
    // grid (the capital's name goes before appeals at risk, map/label-policy.ts), and the
    // filter moves names as other sectors' dots stop reserving space; here only the symbols count.
    params: { now: NOW, vx: 0, vy: 0, vw: width, vh: height, lon: cam.center[0], lat: cam.center[1], z: cam.zoom, maplabels: 'style' },
    entities: entities.length,
    hideOverlays: true,
    hide: ['.wall-header'],
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await hub?.close();
});

async function shot(filter: { sector: string } | null): Promise<PNG> {
  await page.evaluate((f) => (window as unknown as { __curMap: { setFilter(f: unknown): void } }).__curMap.setFilter(f), filter);
  await waitForMapIdle(page);
  return PNG.sync.read(await page.screenshot());
}

/** Pixels that differ (any channel by more than 40) in a square around a page point. */
function changed(a: PNG, b: PNG, at: { x: number; y: number }): number {
  let n = 0;
  const h = SIZE / 2;
  for (let y = at.y - h; y < at.y + h; y++)
    for (let x = at.x - h; x < at.x + h; x++) {
      const i = 4 * (y * a.width + x);
      if (Math.max(Math.abs(a.data[i]! - b.data[i]!), Math.abs(a.data[i + 1]! - b.data[i + 1]!), Math.abs(a.data[i + 2]! - b.data[i + 2]!)) > 40) n++;
    }
  return n;
}

describe('the map of a sector scene', () => {
  it('draws that sector only; ЖКХ keeps the accidents; off again draws everything as before', async () => {
    const symbols = await Promise.all(
      grid.appeals!.filter((s) => SHOWN.includes(s.sla)).map(async (s) => ({ sector: s.sector, sla: s.sla, at: await pagePixel(page, s.at[0], s.at[1]) })),
    );
    const accident = await pagePixel(page, ACCIDENT.at[0], ACCIDENT.at[1]);
    const seq = await page.getAttribute('html', 'data-seq');
    const all = await shot(null);
    expect(await page.getAttribute('html', 'data-map-filter')).toBe('');

    const roads = await shot({ sector: 'roads' });
    expect(await page.getAttribute('html', 'data-map-filter')).toBe('sector:roads');
    for (const s of symbols) {
      const n = changed(all, roads, s.at);
      // A symbol of another sector is gone (most of its square changes); roads' stay as they were.
      if (s.sector === 'roads') expect(n, `roads ${s.sla} kept`).toBeLessThanOrEqual(4);
      else expect(n, `${s.sector} ${s.sla} gone`).toBeGreaterThanOrEqual(s.sla === 'on_time' ? 25 : 50);
    }
    expect(changed(all, roads, accident), 'accident hidden outside ЖКХ').toBeGreaterThan(100);

    const housing = await shot({ sector: 'housing' });
    for (const s of symbols) {
      const n = changed(all, housing, s.at);
      if (s.sector === 'housing') expect(n, `housing ${s.sla} kept`).toBeLessThanOrEqual(4);
      else expect(n, `${s.sector} ${s.sla} gone`).toBeGreaterThanOrEqual(s.sla === 'on_time' ? 25 : 50);
    }
    expect(changed(all, housing, accident), 'accident kept in ЖКХ').toBeLessThanOrEqual(4);

    const again = await shot(null);
    for (const s of [...symbols.map((x) => x.at), accident]) expect(changed(all, again, s)).toBeLessThanOrEqual(4);
    // The worker was not asked for anything: the filter is the GPU's.
    expect(await page.getAttribute('html', 'data-seq')).toBe(seq);
  }, 120_000);
});
