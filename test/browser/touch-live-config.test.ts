/**
 * The touch panel and the presenter follow the hub's configuration live (issue 12), against a
 * real hub, real Chromium and real socket.io: a `sectors` document with a new sector PUT over
 * the HTTP API → the panel's filter drawer shows its chip with its name and colour, an appeal
 * of that sector (accepted by the hub's ingest at once) filters by it and its card names it; a
 * `meeting-scripts` document with a new script → the presenter lists it and opens it, its step
 * on the new sector titled by the sector's name. No page is reloaded.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SECTORS } from '../../app/domain/sector';
import { DEFAULT_MEETING_SCRIPTS } from '../../app/meetings/meeting-script';
import { controlRenderer } from '../dsl/renderer-build';
import { TouchStory } from '../dsl/touch';
import { launchChromium } from '../support/chromium';
import { makeAppeal } from '../support/entities';
import { startTestHub } from '../support/hub-fixture';

let browser: Browser;
let hub: Awaited<ReturnType<typeof startTestHub>>;

const kanash = { municipality: '97516000', lon: 47.49, lat: 55.5, org: 'omsu-kanashsky' };
const ADMIN = { authorization: 'Bearer dev-admin', 'content-type': 'application/json' };

async function put(name: string, body: unknown): Promise<number> {
  const cur = (await (await fetch(`${hub.url}/api/v1/config/${name}`, { headers: ADMIN })).json()) as { version: number };
  const res = await fetch(`${hub.url}/api/v1/config/${name}`, { method: 'PUT', headers: ADMIN, body: JSON.stringify({ baseVersion: cur.version, body }) });
  if (res.status !== 200) throw new Error(`PUT ${name}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { version: number }).version;
}

async function ingest(upserts: unknown[]): Promise<{ rejected: { reason: string }[] }> {
  const res = await fetch(`${hub.url}/api/v1/ingest`, {
    method: 'POST',
    headers: { authorization: 'Bearer dev-ingest', 'content-type': 'application/json' },
    body: JSON.stringify({ upserts, removes: [] }),
  });
  expect(res.status).toBe(202);
  return (await res.json()) as { rejected: { reason: string }[] };
}

/** Marks the page so that a reload (which would drop the mark) is seen. */
const mark = (page: Page) => page.evaluate(() => ((window as unknown as { __kept?: boolean }).__kept = true));
const kept = (page: Page) => page.evaluate(() => (window as unknown as { __kept?: boolean }).__kept === true);

beforeAll(async () => {
  const r = await controlRenderer();
  hub = await startTestHub({ staticDir: r.dir, heartbeatMs: 1000 });
  await ingest([
    makeAppeal({ ...kanash, id: 'road-1', sector: 'roads', createdAt: Date.now() - 60_000 }),
    makeAppeal({ ...kanash, id: 'house-1', createdAt: Date.now() - 60_000 }),
  ]);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await hub?.close();
});

describe('live configuration on the control pages', () => {
  it('a sector added over the API: the touch panel shows its chip in its colour, filters by it and names it on the card, no reload', async () => {
    const s = await TouchStory.open(browser, `${hub.url}/#/touch?token=dev-touch`);
    await s.expectItems(2);
    await mark(s.page);
    await s.tap('Фильтры');
    expect(await s.page.locator('.drawer button[aria-label="Туризм"]').count()).toBe(0);

    // Before the document the hub refuses the sector; after it, accepts it at once.
    expect((await ingest([makeAppeal({ ...kanash, id: 'tour-0', sector: 'tourism' })])).rejected.map((r) => r.reason)).toEqual(['unknown-sector']);
    const sectors = [...DEFAULT_SECTORS.slice(0, -1), { id: 'tourism', label: 'Туризм', color: [255, 0, 255] }, DEFAULT_SECTORS[DEFAULT_SECTORS.length - 1]];
    expect(await put('sectors', sectors)).toBe(2);
    const chip = s.page.locator('.drawer button[aria-label="Туризм"]');
    await chip.waitFor({ timeout: 15_000 });
    expect(await chip.locator('.chip-swatch').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(255, 0, 255)');
    expect((await ingest([makeAppeal({ ...kanash, id: 'tour-1', sector: 'tourism', createdAt: Date.now() - 60_000 })])).rejected).toEqual([]);
    await s.expectItems(3);

    await s.tap('Туризм');
    await s.tap('Готово');
    await expect.poll(() => s.figure('Всего'), { timeout: 15_000 }).toBe('1');
    await s.tap('Канашский');
    await s.tap('Администрация: Канашский');
    await s.tap('Все');
    await s.tap('Туризм — Канашский');
    await s.expectScreen('Туризм — Канашский');
    const rows = await s.page
      .locator('.card .card-row')
      .evaluateAll((els) => els.map((e) => `${e.querySelector('dt')?.textContent}: ${e.querySelector('dd')?.textContent}`));
    expect(rows).toContain('Сфера: Туризм');
    expect(await kept(s.page)).toBe(true);
    await s.close();
  });

  it("a meeting script added over the API appears in the presenter's list and opens, no reload", async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    page.on('pageerror', (e) => console.error('presenter pageerror:', e.message));
    await page.goto(`${hub.url}/#/presenter?token=dev-presenter`);
    await page.waitForSelector('[data-presenter] [data-script]');
    await mark(page);
    const title = 'Планёрка по туризму';
    expect(await page.locator('[data-script="tourism-weekly"]').count()).toBe(0);
    // A step on the sector added by the first test, titled by its scene: the sector's name.
    const script = {
      id: 'tourism-weekly',
      title,
      steps: [...DEFAULT_MEETING_SCRIPTS[0]!.steps.slice(0, 1), { scene: 'sector:tourism', filter: { sectors: ['tourism'] }, period: 'week' }],
    };
    await put('meeting-scripts', [...DEFAULT_MEETING_SCRIPTS, script]);
    const button = page.locator('[data-script="tourism-weekly"]');
    await button.waitFor({ timeout: 15_000 });
    expect(await button.textContent()).toBe(title);
    await button.click();
    await expect.poll(() => page.textContent('.presenter-header h1'), { timeout: 10_000 }).toBe(title);
    expect(await page.locator('.steps li').nth(1).textContent()).toBe('2. Туризм');
    await page.locator('.steps li button').nth(1).click();
    await expect.poll(() => page.textContent('[data-step-title]'), { timeout: 10_000 }).toBe('Туризм');
    expect(await page.textContent('.preview-filter')).toBe('Туризм');
    expect(await page.locator('[data-config-warning]').count()).toBe(0);
    expect(await kept(page)).toBe(true);
    await page.close();
  });
});
