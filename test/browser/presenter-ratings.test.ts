/**
 * The presenter opens a rating into its components and items (issue 11): the weekly script's
 * ratings step, a row opened, its four components with the weakest marked, and the overdue
 * item that costs it its place, named by its title.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MEETING_SCRIPTS } from '../../app/meetings/meeting-script';
import { controlRenderer } from '../dsl/renderer-build';
import { launchChromium } from '../support/chromium';
import { appeal, startTestHub } from '../support/hub-fixture';

const DAY = 86_400_000;
const weekly = DEFAULT_MEETING_SCRIPTS.find((s) => s.id === 'weekly')!;
const ratingsStep = weekly.steps.findIndex((s) => s.scene.id === 'ratings');
let browser: Browser;
let hub: Awaited<ReturnType<typeof startTestHub>>;
let cleanup = () => {};
let presenter: Page;
const now = Date.now();

beforeAll(async () => {
  const r = await controlRenderer();
  cleanup = r.cleanup;
  hub = await startTestHub({ staticDir: r.dir, heartbeatMs: 1000 });
  await hub.hub.publish({
    upserts: [
      appeal({
        id: 'pr-1',
        org: 'omsu-cheboksary',
        channel: 'written',
        status: 'answered',
        createdAt: now - 3 * DAY,
        dueAt: now - DAY,
        answeredAt: now - 2 * DAY,
      }),
      appeal({
        id: 'pr-2',
        org: 'omsu-cheboksary',
        channel: 'written',
        status: 'in_progress',
        title: 'Не убран снег с дороги',
        createdAt: now - 3 * DAY,
        dueAt: now - DAY,
      }),
    ],
    removes: [],
  });
  browser = await launchChromium();
  presenter = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await presenter.goto(`${hub.url}/#/presenter?token=dev-presenter`);
  await presenter.waitForFunction(() => document.querySelector('[data-presenter]')?.getAttribute('data-entities') === '2', null, { timeout: 15_000 });
});
afterAll(async () => {
  await browser?.close();
  await hub?.close();
  cleanup();
});

describe('presenter ratings', () => {
  it('opens a row into its components and the item that costs it its place', async () => {
    expect(ratingsStep).toBeGreaterThanOrEqual(0);
    await presenter.locator('.steps button').nth(ratingsStep).click();
    const row = presenter.locator('[data-rating-row="97701000"]').first();
    await row.waitFor({ timeout: 15_000 });
    await row.locator('summary').click();
    const components = await row.locator('[data-component]').evaluateAll((els) => els.map((e) => e.getAttribute('data-component')));
    expect(components).toEqual(['quantity', 'quality', 'speed', 'completeness']);
    expect(await row.locator('.comp-weakest').count()).toBe(1);
    expect((await row.locator('[data-item-id="pr-2"]').textContent()) ?? '').toContain('Не убран снег с дороги — просрочено');
  });
});
