/**
 * The curator's meeting mode against a real hub, with two wall screens (issue 7): a script
 * step changes the scene of every wall, `B` blacks the wall out, the data freeze at a moment
 * with that moment shown, the comparison of periods, a spotlight, the current step as PNG and
 * the whole script as a PDF for the minutes (Chromium's print to PDF).
 *
 * The wall pages' `data-scene` is checked when the wall renderer sets it (duty-shift wall
 * issue); the `control:state` every wall renders from is checked always.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MEETING_SCRIPTS } from '../../app/meetings/meeting-script';
import { sceneKey } from '../../app/scenes/scene';
import { controlRenderer } from '../dsl/renderer-build';
import { openWall, WallSocket } from '../dsl/wall';
import { launchChromium } from '../support/chromium';
import { appeal, startTestHub } from '../support/hub-fixture';

const weekly = DEFAULT_MEETING_SCRIPTS.find((s) => s.id === 'weekly')!;
let browser: Browser;
let hub: Awaited<ReturnType<typeof startTestHub>>;
let cleanup = () => {};
let presenter: Page;
let walls: Page[];
let wall: WallSocket;

beforeAll(async () => {
  const r = await controlRenderer();
  cleanup = r.cleanup;
  hub = await startTestHub({ staticDir: r.dir, heartbeatMs: 1000 });
  await hub.hub.publish({ upserts: Array.from({ length: 8 }, (_, i) => appeal({ sector: i % 2 ? 'housing' : 'roads' })), removes: [] });
  browser = await launchChromium();
  wall = new WallSocket(hub.url);
  walls = [await openWall(browser, hub.url, 'left'), await openWall(browser, hub.url, 'right')];
  presenter = await browser.newPage({ viewport: { width: 1920, height: 1080 }, acceptDownloads: true });
  presenter.on('pageerror', (e) => console.error('presenter pageerror:', e.message));
  await presenter.goto(`${hub.url}/#/presenter?token=dev-presenter`);
  await presenter.waitForFunction(() => document.querySelector('[data-presenter]')?.getAttribute('data-entities') === '8', null, { timeout: 15_000 });
});
afterAll(async () => {
  wall?.close();
  await browser?.close();
  await hub?.close();
  cleanup();
});

const stepTitle = () => presenter.textContent('[data-step-title]');

describe('meeting script', () => {
  it('steps with the clicker keys and puts each step’s scene on every wall', async () => {
    await presenter.keyboard.press('PageDown');
    await wall.until((s) => s.script?.script === 'weekly' && s.script.step === 1 && s.scene?.scene.id === 'housing');
    expect(await stepTitle()).toBe('ЖКХ: аварии и обращения');
    await presenter.keyboard.press('ArrowRight');
    await wall.until((s) => s.script?.step === 2 && s.scene?.scene.id === 'sla');
    await presenter.keyboard.press('PageUp');
    await wall.until((s) => s.script?.step === 1 && s.scene?.scene.id === 'housing');
    await expect.poll(() => presenter.getAttribute('[data-presenter]', 'data-on-wall')).toBe('yes');
  });

  it('changes data-scene on every wall page', async () => {
    await presenter.getByRole('button', { name: '3. Просроченные ответы' }).click();
    for (const w of walls) await expect.poll(() => w.getAttribute('html', 'data-scene'), { timeout: 15_000 }).toBe(sceneKey(weekly.steps[2]!.scene));
    await presenter.keyboard.press('PageDown');
    for (const w of walls) await expect.poll(() => w.getAttribute('html', 'data-scene'), { timeout: 15_000 }).toBe('ratings');
  });

  it('spotlights the step’s municipality, and a municipality on demand', async () => {
    await presenter.getByRole('button', { name: '5. Чебоксары' }).click();
    await wall.until((s) => s.focus?.oktmo === '97701000' && s.scene?.scene.id === 'municipality');
    await presenter.keyboard.press('ArrowLeft');
    await wall.until((s) => s.focus === null && s.scene?.scene.id === 'ratings');
    await presenter.getByLabel('Округ').selectOption({ label: 'Канашский' });
    await presenter.getByRole('button', { name: 'Подсветить на стене' }).click();
    await wall.until((s) => s.focus?.oktmo === '97516000');
    await presenter.getByRole('button', { name: 'Снять подсветку' }).click();
    await wall.until((s) => s.focus === null);
  });

  it('blacks the wall out with B, and back', async () => {
    await presenter.keyboard.press('b');
    await wall.until((s) => s.blackout);
    await expect.poll(() => presenter.locator('[data-blackout="on"]').count()).toBe(1);
    await presenter.keyboard.press('b');
    await wall.until((s) => !s.blackout && s.rev > 0);
  });

  it('freezes the data at a moment, shows that moment, and keeps its figures while the feed goes on', async () => {
    await presenter.getByRole('button', { name: '1. Обстановка в республике' }).click();
    await presenter.getByRole('button', { name: 'Зафиксировать данные' }).click();
    await wall.until((s) => s.frozenAt !== null);
    const frozenAt = wall.last()!.frozenAt!;
    await expect.poll(() => presenter.getAttribute('[data-replay-banner]', 'data-replay-banner')).toBe('frozen');
    expect(await presenter.textContent('[data-replay-banner]')).toMatch(/^ДАННЫЕ НА\d\d\.\d\d\.\d{4} \d\d:\d\d/);

    await hub.hub.publish({ upserts: [appeal(), appeal()], removes: [] });
    await new Promise((r) => setTimeout(r, 1500));
    expect(await presenter.getAttribute('[data-presenter]', 'data-entities')).toBe('8');
    expect(await presenter.getAttribute('[data-presenter]', 'data-data-at')).toBe(String(frozenAt));
    // The comparison is of the frozen data: 8 appeals this week.
    expect(await presenter.textContent('[data-compare="week"] tbody tr:first-child td:first-of-type')).toBe('8');

    await presenter.getByRole('button', { name: 'Снять фиксацию' }).click();
    await presenter.waitForFunction(() => document.querySelector('[data-presenter]')?.getAttribute('data-entities') === '10');
    expect(await presenter.locator('[data-replay-banner]').count()).toBe(0);
  });

  it('exports the current step as a PNG', async () => {
    const [download] = await Promise.all([presenter.waitForEvent('download'), presenter.getByRole('button', { name: 'PNG сцены' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^scene-weekly-1-\d{8}-\d{4}\.png$/);
    const png = PNG.sync.read(readFileSync((await download.path())!));
    expect([png.width, png.height]).toEqual([1920, 1080]);
    // Not blank: the title band, the figures and the map put many colours on the picture.
    const colours = new Set<number>();
    for (let i = 0; i < png.data.length; i += 4 * 97) colours.add((png.data[i]! << 16) | (png.data[i + 1]! << 8) | png.data[i + 2]!);
    expect(colours.size).toBeGreaterThan(20);
  });

  it('prints the whole script as a PDF for the minutes, one page per step', async () => {
    await presenter.emulateMedia({ media: 'print' });
    const titles = await presenter.locator('.print-step h1').allTextContents();
    expect(titles).toEqual(weekly.steps.map((s, i) => `${i + 1}. ${s.title}`));
    expect(await presenter.locator('.presenter-screen').isVisible()).toBe(false);
    const pdf = await presenter.pdf({ format: 'A4', landscape: true });
    await presenter.emulateMedia({ media: 'screen' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(/\/Count (\d+)/.exec(pdf.toString('latin1'))?.[1]).toBe(String(weekly.steps.length));
  });
});
