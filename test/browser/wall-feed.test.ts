/**
 * Losing the hub: when it goes away the wall says `stale` within 15 s and keeps its last
 * figures on screen with their age; when a hub comes back on the same port the wall is `live`
 * again by itself (socket.io reconnects, the worker takes the new epoch's snapshot).
 */
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Entity } from '../../app/domain/entity';
import { MemoryFeedLog } from '../../hub/feed-log';
import { startHub, type RunningHub } from '../../hub/start-hub';
import { DEV_TOKENS } from '../../hub/tokens';
import { launchChromium } from '../support/chromium';
import { appeal } from '../support/hub-fixture';
import { openWallPage, STATIC } from './wall-support';

const APPEALS = 30;
let browser: Browser;
let hub: RunningHub | null = null;
let page: Page;
const entities: Entity[] = Array.from({ length: APPEALS }, () => appeal());

const start = (port: number) => startHub({ host: '127.0.0.1', port, log: new MemoryFeedLog(1000), tokens: DEV_TOKENS, staticDir: STATIC, heartbeatMs: 500 });

beforeAll(async () => {
  if (!existsSync(`${STATIC}/index.html`)) throw new Error('renderer build missing: run `node scripts/build.mjs renderer` (npm test does)');
  hub = await start(0);
  await hub.hub.publish({ upserts: entities, removes: [] });
  browser = await launchChromium();
  page = await openWallPage(browser, hub.url, 'playlist=test', { width: 960, height: 540 });
  await page.waitForSelector('html[data-feed-state="live"]', { timeout: 60_000 });
});

afterAll(async () => {
  await browser?.close();
  await hub?.close();
});

const openFigure = () => page.textContent('[data-kpi="open"] .kpi-value');

describe('feed loss', () => {
  it('turns stale within 15 s when the hub dies, keeping the figures, and live again after a restart', async () => {
    await expect.poll(openFigure, { timeout: 10_000 }).toBe(String(APPEALS));
    // The first snapshot is asked for like any other.
    expect(await page.getAttribute('html', 'data-resyncs')).toBe('1');
    const port = hub!.port;
    await hub!.close();
    hub = null;
    await page.waitForSelector('html[data-feed-state="stale"]', { timeout: 15_000 });
    // The last state stays on screen, and the wall says how old it is.
    expect(await openFigure()).toBe(String(APPEALS));
    await expect.poll(() => page.textContent('[data-feed-lost]'), { timeout: 15_000 }).toMatch(/назад/);

    hub = await start(port);
    await hub.hub.publish({ upserts: entities, removes: [] });
    await page.waitForSelector('html[data-feed-state="live"]', { timeout: 30_000 });
    expect(await page.$('[data-feed-lost]')).toBeNull();
    await expect.poll(openFigure, { timeout: 10_000 }).toBe(String(APPEALS));
    // A new hub (a new epoch): the wall took a whole snapshot again, and says so for monitoring.
    expect(Number(await page.getAttribute('html', 'data-resyncs'))).toBeGreaterThanOrEqual(2);
  });
});
