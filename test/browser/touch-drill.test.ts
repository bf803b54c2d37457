/**
 * The touch panel as a person uses it (issue 7), in Chromium with real touch events against a
 * real hub: drill-down republic → municipality → organisation → list → card and back by
 * swipe and by button, filters, pinch-zoom, ≥ 15 mm targets, and no way out of the app.
 * Written in the touch DSL (test/dsl/touch.ts).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Entity } from '../../app/domain/entity';
import { controlRenderer } from '../dsl/renderer-build';
import { TouchStory } from '../dsl/touch';
import { launchChromium } from '../support/chromium';
import { appeal, startTestHub } from '../support/hub-fixture';

const HOUR = 3_600_000;
let browser: Browser;
let hub: Awaited<ReturnType<typeof startTestHub>>;
let cleanup = () => {};

const kanash = { municipality: '97516000', lon: 47.49, lat: 55.5, org: 'omsu-kanashsky' };
const entities: Entity[] = [
  appeal({
    ...kanash,
    sector: 'roads',
    topic: 'roads.pothole',
    channel: 'social',
    title: 'Яма на дороге',
    text: 'Иванов Иван, тел. скрыт',
    createdAt: Date.now() - 3 * 24 * HOUR,
  }),
  appeal({ ...kanash, sector: 'improvement', topic: 'improvement.yard-cleaning', channel: 'pos', title: 'Не убран двор' }),
  appeal({ ...kanash, org: 'oiv-minzdrav', sector: 'healthcare', channel: 'written', title: 'Нет записи к врачу' }),
  appeal({ municipality: '97553000', lon: 46.39, lat: 55.49, org: 'omsu-yadrinsky', sector: 'housing', title: 'Нет горячей воды' }),
  ...Array.from({ length: 6 }, () => appeal()),
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

const openPanel = async (extra = '') => {
  const story = await TouchStory.open(browser, `${hub.url}/#/touch?token=dev-touch${extra}`);
  await story.expectItems(entities.length);
  return story;
};

describe('touch panel', () => {
  it('drills from the republic down to a redacted item card, and back by swipe and by button', async () => {
    const s = await openPanel();
    await s.expectScreen('Чувашская Республика');
    await s.tap('Канашский');
    await s.expectScreen('Канашский');
    await s.tap('Администрация: Канашский');
    await s.expectScreen('Администрация: Канашский');
    await s.tap('Просрочено');
    await s.expectScreen('Администрация: Канашский: просрочено');
    await s.tap('Яма на проезжей части');
    await s.expectScreen('Яма на проезжей части — Канашский');
    const card = (await s.page.textContent('.card')) ?? '';
    expect(card).toContain('Просрочено');
    expect(card).toContain('Дороги');
    expect(card).not.toContain('Иванов');

    await s.swipeBack();
    await s.expectScreen('Администрация: Канашский: просрочено');
    await s.swipeBack();
    await s.expectScreen('Администрация: Канашский');
    await s.tap('Назад');
    await s.expectScreen('Канашский');
    await s.close();
  });

  it('filters by sector, channel and SLA state', async () => {
    const s = await openPanel();
    expect(await s.figure('Всего')).toBe(String(entities.length));
    await s.tap('Фильтры');
    await s.tap('Дороги');
    await s.tap('Благоустройство');
    await s.tap('Готово');
    await expect.poll(() => s.figure('Всего')).toBe('2');
    await s.tap('Фильтры (2)');
    await s.tap('Соцсети');
    await s.tap('Готово');
    await expect.poll(() => s.figure('Всего')).toBe('1');
    await s.tap('Фильтры (3)');
    await s.tap('Сбросить фильтры');
    await s.tap('Просрочено');
    await s.tap('Готово');
    await expect.poll(() => s.figure('Всего')).toBe('1');
    await s.close();
  });

  it('drills down by a tap on the map, and pinch-zooms the map and the lists', async () => {
    const s = await openPanel();
    await s.page.waitForSelector('.mmap-shape');
    await s.tap('Ядринский на карте');
    await s.expectScreen('Ядринский');
    await s.swipeBack();
    await s.expectScreen('Чувашская Республика');
    await s.pinch(2.5);
    expect(await s.expectZoomed(2)).toBeLessThanOrEqual(8);
    await s.tap('Сбросить масштаб');
    await expect.poll(() => s.page.getAttribute('[data-zoomable="map"]', 'data-zoom')).toBe('1.00');
    await s.pinch(1.6, 'list');
    await s.expectZoomed(1.4, 'list');
    await s.close();
  });

  it('keeps every target at least 15 mm on the configured panel', async () => {
    const minSide = (s: TouchStory) =>
      s.page.evaluate(() =>
        Math.min(
          ...[...document.querySelectorAll('button, [role="button"]:not(path)')]
            .map((el) => el.getBoundingClientRect())
            .filter((r) => r.width > 0 && r.height > 0)
            .map((r) => Math.min(r.width, r.height)),
        ),
      );
    // 96 dpi CSS: 15 mm = 56.7 px. A panel of 5 px/mm: 75 px.
    for (const [extra, min] of [
      ['', 57],
      ['&pxmm=5', 75],
    ] as const) {
      const s = await openPanel(extra);
      const seen: number[] = [await minSide(s)];
      await s.tap('Канашский');
      seen.push(await minSide(s));
      await s.tap('Администрация: Канашский');
      seen.push(await minSide(s));
      await s.tap('Все');
      seen.push(await minSide(s));
      await s.tap('Не убрана придомовая территория');
      seen.push(await minSide(s));
      await s.tap('Фильтры');
      seen.push(await minSide(s));
      expect(Math.min(...seen)).toBeGreaterThanOrEqual(min);
      await s.close();
    }
  });

  it('offers no way out: no links, no context menu, no selection, and the browser back stays in the app', async () => {
    const s = await openPanel();
    await s.tap('Канашский');
    await s.expectScreen('Канашский');
    expect(await s.page.locator('a[href]').count()).toBe(0);
    const guarded = await s.page.evaluate(() => {
      const target = document.querySelector('.touch-main')!;
      const menu = new MouseEvent('contextmenu', { bubbles: true, cancelable: true });
      target.dispatchEvent(menu);
      return { menuBlocked: menu.defaultPrevented, userSelect: getComputedStyle(target).userSelect };
    });
    expect(guarded).toEqual({ menuBlocked: true, userSelect: 'none' });
    const url = s.page.url();
    for (let i = 0; i < 3; i++) await s.page.evaluate(() => history.back());
    await s.expectScreen('Чувашская Республика');
    expect(s.page.url()).toBe(url);
    await s.close();
  });
});
