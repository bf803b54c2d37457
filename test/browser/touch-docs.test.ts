/**
 * The screenshots in docs/touch/ and docs/presenter/, taken from the built hub with the demo
 * feed plus a few overdue posts and a heat accident (so alarms and overdue lists show).
 * Not part of the gate: `DOCS=1 npx vitest run test/browser/touch-docs.test.ts`, then look at
 * every picture before committing it (as with render goldens).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Entity } from '../../app/domain/entity';
import { municipalities } from '../../app/domain/municipality';
import { toMskInput } from '../../renderer/presenter/datetime-input';
import { controlRenderer } from '../dsl/renderer-build';
import { TouchStory } from '../dsl/touch';
import { launchChromium } from '../support/chromium';
import { startHubProcess, stopAllHubProcesses, type HubProcess } from '../support/hub-process';

const HOUR = 3_600_000;
let browser: Browser;
let hub: HubProcess;
let cleanup = () => {};

function extras(): Entity[] {
  const now = Date.now();
  const ms = municipalities('2025');
  const posts: Entity[] = Array.from({ length: 14 }, (_, i) => {
    const m = ms[(i * 5) % ms.length]!;
    return {
      kind: 'appeal',
      id: `docs-overdue-${i}`,
      version: 1,
      municipality: m.oktmo,
      lon: m.centre[0],
      lat: m.centre[1],
      channel: 'social',
      sector: i % 3 ? 'housing' : 'roads',
      org: `omsu-${m.slug}`,
      importance: i % 4 ? 'normal' : 'high',
      status: 'new',
      topic: i % 3 ? 'housing.no-hot-water' : 'roads.pothole',
      title: i % 3 ? 'Нет горячей воды в доме' : 'Яма на дороге у школы',
      text: '',
      createdAt: now - (40 + i * 3) * HOUR,
    };
  });
  const kanash = ms.find((m) => m.slug === 'kanashsky')!;
  const accident: Entity = {
    kind: 'accident',
    id: 'docs-heat-1',
    version: 1,
    municipality: kanash.oktmo,
    lon: kanash.centre[0],
    lat: kanash.centre[1],
    resource: 'heat',
    status: 'active',
    address: 'г. Канаш, ул. Железнодорожная, д. 12',
    operator: 'ТГК-5',
    cause: 'порыв магистрали',
    residents: 3200,
    buildings: 14,
    socialObjects: 2,
    startedAt: now - 3 * HOUR,
    plannedRestoreAt: now + 2 * HOUR,
  };
  return [...posts, accident];
}

describe.runIf(process.env.DOCS === '1')('docs screenshots', () => {
  beforeAll(async () => {
    const r = await controlRenderer();
    cleanup = r.cleanup;
    hub = await startHubProcess({ data: null, source: 'demo', args: ['--seed', '7', '--static', r.dir, '--heartbeat-ms', '1000'] });
    const res = await fetch(`${hub.url}/api/v1/ingest`, {
      method: 'POST',
      headers: { authorization: 'Bearer dev-ingest', 'content-type': 'application/json' },
      body: JSON.stringify({ upserts: extras(), removes: [] }),
    });
    if (res.status !== 202) throw new Error(`ingest: ${res.status} ${await res.text()}`);
    browser = await launchChromium();
    mkdirSync('docs/touch', { recursive: true });
    mkdirSync('docs/presenter', { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await stopAllHubProcesses();
    cleanup();
  });

  it('touch panel', async () => {
    const s = await TouchStory.open(browser, `${hub.url}/#/touch?token=dev-touch`);
    await s.page.waitForFunction(() => Number(document.querySelector('[data-touch-panel]')?.getAttribute('data-entities')) > 1000, null, { timeout: 60_000 });
    await s.page.waitForSelector('.mmap-shape');
    await s.page.waitForTimeout(1500);
    const shot = (name: string) => s.page.screenshot({ path: `docs/touch/${name}.png` });
    await shot('1-republic');
    await s.tap('Канашский');
    await shot('2-municipality');
    await s.tap('Администрация: Канашский');
    await shot('3-organisation');
    await s.tap('Все');
    await shot('4-items');
    // Public screens show the hub's composed title (topic — place), never the citizen's words.
    await s.tap('Нет горячей воды');
    await shot('5-card');
    await s.backToStart();
    await s.tap('Фильтры');
    await s.tap('ЖКХ');
    await s.tap('Соцсети');
    await s.tap('Просрочено');
    await shot('6-filters');
    await s.tap('Готово');
    await s.pinch(2.2);
    await shot('7-filtered-zoomed');
    await s.close();
  });

  it('meeting script', async () => {
    const p = await browser.newPage({ viewport: { width: 1920, height: 1080 }, acceptDownloads: true });
    await p.goto(`${hub.url}/#/presenter?token=dev-presenter`);
    await p.waitForFunction(() => Number(document.querySelector('[data-presenter]')?.getAttribute('data-entities')) > 1000, null, { timeout: 60_000 });
    await p.waitForTimeout(1500);
    await p.getByRole('button', { name: 'ЖКХ за неделю' }).click();
    await p.getByRole('button', { name: '1. ЖКХ: обстановка' }).click();
    await p.waitForTimeout(800);
    await p.screenshot({ path: 'docs/presenter/1-housing-week.png' });
    await p.keyboard.press('PageDown');
    await p.waitForTimeout(800);
    await p.screenshot({ path: 'docs/presenter/2-heating-seasons.png' });
    await p.getByRole('button', { name: 'Рейтинг ОМСУ' }).first().click();
    await p.getByRole('button', { name: '1. Рейтинг ОМСУ за месяц' }).click();
    await p.getByRole('button', { name: 'Зафиксировать данные' }).click();
    await p.waitForSelector('[data-replay-banner="frozen"]');
    await p.waitForTimeout(1500);
    await p.screenshot({ path: 'docs/presenter/3-ratings-frozen.png' });
    const [download] = await Promise.all([p.waitForEvent('download'), p.getByRole('button', { name: 'PNG сцены' }).click()]);
    writeFileSync('docs/presenter/4-exported-scene.png', readFileSync((await download.path())!));
    await p.getByRole('button', { name: 'Снять фиксацию' }).click();
    await p.getByRole('button', { name: 'Канашский округ' }).click();
    await p.getByRole('button', { name: '1. Канашский округ: обстановка' }).click();
    await p.waitForTimeout(800);
    await p.screenshot({ path: 'docs/presenter/5-kanash.png' });
    await p.emulateMedia({ media: 'print' });
    writeFileSync('docs/presenter/minutes-example.pdf', await p.pdf({ format: 'A4', landscape: true }));
    await p.screenshot({ path: 'docs/presenter/6-minutes-print.png' });
    await p.emulateMedia({ media: 'screen' });
    // The log starts when the hub started (the demo back-fills at start): replay from after that.
    await p.getByLabel('Повтор с').fill(toMskInput(Date.now() - 45_000));
    await p.getByRole('button', { name: '×60', exact: true }).click();
    await p.getByRole('button', { name: 'Запустить повтор' }).click();
    await p.waitForSelector('[data-replay-banner="replay"]');
    await p.waitForTimeout(2500);
    await p.screenshot({ path: 'docs/presenter/7-replay.png' });
    await p.getByRole('button', { name: 'Вернуться к онлайн' }).click();
    await p.close();
  });
});
