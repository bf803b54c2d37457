/**
 * The wall's organisation names follow the hub's `organisations` document live (issue 12): an
 * organisation's short name changed over the HTTP API shows on an open wall's SLA board (its
 * rows and its «По организациям» table) without a reload: hub `config:doc` → the feed worker
 * (renderer/worker/live-config.ts) → `WorkerFrame.config` → renderer/state/live-config-store.ts →
 * renderer/panels/org-label.ts.
 */
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organisation } from '../../app/domain/organisations';
import { launchChromium } from '../support/chromium';
import { appeal, startTestHub } from '../support/hub-fixture';
import { openWallPage, STATIC } from './wall-support';

let browser: Browser;
let hub: Awaited<ReturnType<typeof startTestHub>>;
let wall: Page;
const admin = { authorization: 'Bearer dev-admin', 'content-type': 'application/json' };

/** The texts of the SLA board's organisation cells (row column and table). */
const orgCells = (page: Page) => page.$$eval('.sla-org, .org-table .org-name', (els) => els.map((e) => e.textContent ?? ''));

beforeAll(async () => {
  if (!existsSync(`${STATIC}/index.html`)) throw new Error('renderer build missing: run `node scripts/build.mjs renderer` (npm test does)');
  hub = await startTestHub({ staticDir: STATIC, heartbeatMs: 1000 });
  const r = await hub.ingest.ingest('test', {
    upserts: [appeal({ id: 'minzdrav-1', sector: 'healthcare', org: 'oiv-minzdrav', createdAt: Date.now() - 3_600_000 })],
    removes: [],
  });
  expect(r.accepted).toBe(1);
  browser = await launchChromium();
  wall = await openWallPage(browser, hub.url, 'scene=sla', { width: 1920, height: 1080 });
  await wall.waitForSelector('html[data-feed-state="live"][data-scene]', { timeout: 60_000 });
});

afterAll(async () => {
  await browser?.close();
  await hub?.close();
});

describe('the wall’s organisation names follow the hub (issue 12)', () => {
  it('a short name changed at the hub shows on the open wall’s SLA board, no reload', async () => {
    await wall.waitForFunction(() => [...document.querySelectorAll('.org-table .org-name')].some((e) => e.textContent === 'Минздрав'), null, {
      timeout: 30_000,
    });
    expect(await orgCells(wall)).not.toContain('Минздрав Чувашии (тест)');
    await wall.evaluate(() => {
      (window as unknown as { __loaded: boolean }).__loaded = true;
    });
    const current = (await (await fetch(`${hub.url}/api/v1/config/organisations`, { headers: admin })).json()) as { version: number; body: Organisation[] };
    const body = current.body.map((o) => (o.id === 'oiv-minzdrav' ? { ...o, short: 'Минздрав Чувашии (тест)' } : o));
    const put = await fetch(`${hub.url}/api/v1/config/organisations`, {
      method: 'PUT',
      headers: admin,
      body: JSON.stringify({ baseVersion: current.version, body }),
    });
    expect(put.status).toBe(200);
    await wall.waitForFunction(() => [...document.querySelectorAll('.org-table .org-name')].some((e) => e.textContent === 'Минздрав Чувашии (тест)'), null, {
      timeout: 15_000,
    });
    expect(await orgCells(wall)).not.toContain('Минздрав');
    // The same page: nothing reloaded it.
    expect(await wall.evaluate(() => (window as unknown as { __loaded?: boolean }).__loaded)).toBe(true);
  });
});
