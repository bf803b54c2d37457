/**
 * The wall page beats for Electron main's watchdog (renderer/kiosk/): with a `window.kiosk`
 * like the preload's, the real page reports a frame counter that moves, from its frame loop;
 * while its main thread is blocked, nothing is reported; it resumes after. The loop from
 * there to main (IPC checks, watchdog, reload, safe screen) is test/kiosk-heartbeat.test.ts.
 */
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { startTestHub } from '../support/hub-fixture';

const STATIC = 'out/renderer';

declare global {
  interface Window {
    __beats?: number[];
  }
}

let browser: Browser;
let hub: Awaited<ReturnType<typeof startTestHub>>;
let page: Page;

beforeAll(async () => {
  if (!existsSync(`${STATIC}/index.html`)) throw new Error('renderer build missing: run `node scripts/build.mjs renderer` (npm test does)');
  hub = await startTestHub({ staticDir: STATIC, heartbeatMs: 1000 });
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 800, height: 600 } })).newPage();
  page.on('pageerror', (e) => console.error('pageerror:', e.message));
  // What main/preload.ts exposes through contextBridge: a frozen object with fixed functions.
  await page.addInitScript(() => {
    window.__beats = [];
    const api = Object.freeze({
      isKiosk: true as const,
      reportHeartbeat: (frame: number) => void window.__beats!.push(frame),
      getScreenInfo: () => Promise.resolve({ screenId: 'main', index: 0, appVersion: 'test' }),
    });
    Object.defineProperty(window, 'kiosk', { value: api, enumerable: true });
  });
  await page.goto(`${hub.url}/#/wall/main?token=dev-wall&shows=map`);
});
afterAll(async () => {
  await browser?.close();
  await hub?.close();
});

const beats = () => page.evaluate(() => [...window.__beats!]);

describe('the wall page’s heartbeat', () => {
  it('reports a frame counter that keeps moving', async () => {
    await page.waitForFunction(() => window.__beats!.length >= 3, undefined, { timeout: 30_000 });
    const b = await beats();
    for (let i = 1; i < b.length; i++) expect(b[i]!).toBeGreaterThan(b[i - 1]!);
    expect(Number.isSafeInteger(b[0])).toBe(true);
  });

  it('stops while the page’s main thread is blocked, and beats again after', async () => {
    const [before, during] = await page.evaluate(() => {
      const n = window.__beats!.length;
      const until = performance.now() + 3_000;
      while (performance.now() < until) {
        // a hung page: no frame is drawn, so nothing is reported
      }
      return [n, window.__beats!.length];
    });
    expect(during).toBe(before);
    await page.waitForFunction((n) => window.__beats!.length > n, before, { timeout: 15_000 });
  });
});
