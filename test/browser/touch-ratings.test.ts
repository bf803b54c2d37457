/**
 * The touch panel opens a rating into its components and its items (issue 11 «Prove it»):
 * republic → «Рейтинг ОМСУ» → a row → its four components with the figures behind them →
 * one of the items that cost it its place → the item's card. Real hub, real Chromium, touch.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Entity } from '../../app/domain/entity';
import { controlRenderer } from '../dsl/renderer-build';
import { TouchStory } from '../dsl/touch';
import { launchChromium } from '../support/chromium';
import { appeal, startTestHub } from '../support/hub-fixture';

const DAY = 86_400_000;
let browser: Browser;
let hub: Awaited<ReturnType<typeof startTestHub>>;
let cleanup = () => {};

const now = Date.now();
const kanash = { municipality: '97516000', lon: 47.49, lat: 55.5, org: 'omsu-kanashsky', channel: 'written' as const };
const entities: Entity[] = [
  // Канашский: one answered on time, one open and 2 days overdue → its completeness suffers.
  appeal({
    ...kanash,
    id: 'kr-1',
    sector: 'roads',
    topic: 'roads.pothole',
    status: 'answered',
    createdAt: now - 10 * DAY,
    dueAt: now - 5 * DAY,
    answeredAt: now - 8 * DAY,
  }),
  appeal({ ...kanash, id: 'kr-2', sector: 'roads', topic: 'roads.pothole', status: 'in_progress', createdAt: now - 9 * DAY, dueAt: now - 2 * DAY }),
  // Чебоксары: two answered on time.
  appeal({
    id: 'ch-1',
    org: 'omsu-cheboksary',
    channel: 'written',
    status: 'answered',
    createdAt: now - 10 * DAY,
    dueAt: now - DAY,
    answeredAt: now - 9 * DAY,
  }),
  appeal({
    id: 'ch-2',
    org: 'omsu-cheboksary',
    channel: 'written',
    status: 'answered',
    createdAt: now - 10 * DAY,
    dueAt: now - DAY,
    answeredAt: now - 9 * DAY,
  }),
];

beforeAll(async () => {
  const r = await controlRenderer();
  cleanup = r.cleanup;
  hub = await startTestHub({ staticDir: r.dir, heartbeatMs: 1000 });
  await hub.hub.publish({ upserts: entities, removes: [] });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await hub?.close();
  cleanup();
});

describe('touch panel ratings', () => {
  it('taps a rating row, reads its components and reaches one of its items', async () => {
    const s = await TouchStory.open(browser, `${hub.url}/#/touch?token=dev-touch`);
    await s.expectItems(entities.length);
    await s.tap('Рейтинг ОМСУ');
    await s.expectScreen('Рейтинг ОМСУ');
    const rows = await s.page.locator('[data-rating-row]').evaluateAll((els) => els.map((e) => e.getAttribute('data-rating-row')));
    expect(rows).toEqual(['97701000', '97516000']);
    await s.tap('Канашский');
    await s.expectScreen('Рейтинг ОМСУ: Канашский');
    const components = await s.page.locator('[data-component]').evaluateAll((els) => els.map((e) => e.getAttribute('data-component')));
    expect(components).toEqual(['quantity', 'quality', 'speed', 'completeness']);
    const completeness = (await s.page.textContent('[data-component="completeness"]')) ?? '';
    expect(completeness).toContain('окончательный ответ 1 из 2');
    expect(completeness).toContain('слабейший');
    await s.tap('Яма на проезжей части');
    await s.page.waitForSelector('[data-item="appeal:kr-2"]', { timeout: 15_000 });
    expect((await s.page.textContent('[data-item="appeal:kr-2"]')) ?? '').toContain('Просрочено');
  });
});
