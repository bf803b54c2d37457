/**
 * Russian formats whatever the browser's locale (issue 18): the presenter and the touch panel,
 * opened in a Chromium started with `--lang=en-US`, an `en-US` context and a Los Angeles time
 * zone, show dates and times only as `дд.мм.гггг`, `дд.мм` and 24-hour `чч:мм[:сс]`, Moscow
 * time, including the replay field (the project's own, not the browser's datetime-local) and
 * the «ПОВТОР» banner.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUR_MS } from '../../app/calendar/msk-time';
import { formatMskDateTime } from '../../app/ui/format-ru';
import { toMskInput } from '../../renderer/presenter/datetime-input';
import { controlRenderer } from '../dsl/renderer-build';
import { TouchStory } from '../dsl/touch';
import { launchChromium } from '../support/chromium';
import { makeAccident } from '../support/entities';
import { appeal, startTestHub } from '../support/hub-fixture';

const ENGLISH = { locale: 'en-US', timezoneId: 'America/Los_Angeles' } as const;
let browser: Browser;
let hub: Awaited<ReturnType<typeof startTestHub>>;
let cleanup = () => {};

/** Every text a person reads on the page: rendered text, field values and placeholders. */
async function pageText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const fields = [...document.querySelectorAll('input, textarea')].map((e) => `${(e as HTMLInputElement).value} ${(e as HTMLInputElement).placeholder}`);
    return [document.body.innerText, ...fields].join('\n');
  });
}

/** What in `text` looks like a date or time in a foreign format, and the Russian ones found. */
function auditDates(text: string): { foreign: string[]; russian: string[] } {
  const foreign = [
    ...text.matchAll(/\b\d{1,2}\/\d{1,2}(\/\d{2,4})?\b/g),
    ...text.matchAll(/\b\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?\b/g),
    ...text.matchAll(/\b\d{1,2}:\d{2}(:\d{2})?\s*[AaPp]\.?[Mm]\b/g),
    ...text.matchAll(/\b(AM|PM)\b/g),
    ...text.matchAll(/\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2}\b/g),
    ...text.matchAll(/\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)(day)?\b/g),
    // A dotted date must have two-digit day and month (and a four-digit year, if any).
    ...[...text.matchAll(/(?<![\d.,])\d{1,4}\.\d{1,2}\.\d{2,4}(?![\d.])/g)].filter((m) => !/^\d\d\.\d\d\.\d{4}$/.test(m[0])),
    // A clock time is 24-hour with two-digit hours and minutes.
    ...[...text.matchAll(/(?<![\d:])\d{1,2}:\d{2}(:\d{2})?(?![\d:])/g)].filter(
      (m) => !/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/.test(m[0]) && !/^\d:[0-5]\d:[0-5]\d$/.test(m[0]),
    ),
  ].map((m) => m[0]);
  const russian = [...text.matchAll(/\b\d\d\.\d\d\.\d{4} \d\d:\d\d(:\d\d)?\b/g)].map((m) => m[0]);
  return { foreign, russian };
}

beforeAll(async () => {
  const r = await controlRenderer();
  cleanup = r.cleanup;
  hub = await startTestHub({ staticDir: r.dir, heartbeatMs: 500 });
  const now = Date.now();
  await hub.hub.publish({
    upserts: [
      appeal({ id: 'fmt-new', title: 'Нет отопления в доме', createdAt: now - 60_000 }),
      // Yesterday and older: lists print the date too.
      appeal({ id: 'fmt-old', title: 'Яма на дороге у школы', sector: 'roads', createdAt: now - 30 * HOUR_MS }),
      appeal({ id: 'fmt-pm', title: 'Не вывезен мусор', createdAt: now - 50 * HOUR_MS }),
      makeAccident({ id: 'fmt-acc', startedAt: now - 2 * HOUR_MS, plannedRestoreAt: now + 3 * HOUR_MS }),
    ],
    removes: [],
  });
  browser = await launchChromium(['--lang=en-US']);
});
afterAll(async () => {
  await browser?.close();
  await hub?.close();
  cleanup();
});

describe('Russian formats in an English browser', () => {
  it('the test browser really is English: the native formatter prints «12/7/2026, 6:21:53 PM»', async () => {
    const context = await browser.newContext(ENGLISH);
    const page = await context.newPage();
    const native = await page.evaluate(() => ({ lang: navigator.language, text: new Date(Date.UTC(2026, 11, 7, 15, 21, 53)).toLocaleString() }));
    expect(native.lang).toBe('en-US');
    expect(auditDates(native.text).foreign.length).toBeGreaterThan(0);
    await context.close();
  });

  it('the presenter: script steps, the replay field and the replay banner', async () => {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, ...ENGLISH });
    const p = await context.newPage();
    p.on('pageerror', (e) => console.error('presenter pageerror:', e.message));
    await p.goto(`${hub.url}/#/presenter?token=dev-presenter`);
    await p.waitForFunction(() => document.querySelector('[data-presenter]')?.getAttribute('data-entities') === '4', null, { timeout: 15_000 });
    await p.getByRole('button', { name: 'ЖКХ за неделю' }).click();
    await p.getByRole('button', { name: '1. ЖКХ: обстановка' }).click();
    const texts = [await pageText(p)];
    // The field is the project's own text field: Russian text, not a native datetime-local.
    const field = p.getByLabel('Повтор с');
    expect(await field.getAttribute('type')).toBe('text');
    expect(await field.inputValue()).toMatch(/^\d\d\.\d\d\.\d{4} \d\d:\d\d:\d\d$/);
    const from = Date.now() - 20_000;
    await field.fill(toMskInput(from));
    await p.getByRole('button', { name: 'На час раньше' }).click();
    expect(await field.inputValue()).toBe(toMskInput(from - HOUR_MS));
    await field.fill(toMskInput(from));
    await p.getByRole('button', { name: '×1', exact: true }).click();
    await p.getByRole('button', { name: 'Запустить повтор' }).click();
    await p.waitForSelector('[data-replay-banner="replay"]');
    expect(await p.textContent('[data-replay-banner]')).toContain(formatMskDateTime(from).slice(0, 10));
    texts.push(await pageText(p));
    await p.getByRole('button', { name: 'Вернуться к онлайн' }).click();
    await p.waitForSelector('[data-replay-banner="replay"]', { state: 'detached' });
    for (const t of texts) {
      const { foreign, russian } = auditDates(t);
      expect(foreign, t).toEqual([]);
      expect(russian.length).toBeGreaterThan(0);
    }
    await context.close();
  });

  it('the touch panel: republic, items of an organisation and a card', async () => {
    const s = await TouchStory.open(browser, `${hub.url}/#/touch?token=dev-touch`, { width: 1920, height: 1080 }, ENGLISH);
    await s.expectItems(4);
    const texts = [await pageText(s.page)];
    await s.tap('Чебоксары');
    texts.push(await pageText(s.page));
    await s.tap('Администрация: Чебоксары');
    texts.push(await pageText(s.page));
    await s.tap('Все');
    texts.push(await pageText(s.page));
    await s.tap('Дороги — Чебоксары');
    texts.push(await pageText(s.page));
    for (const t of texts) expect(auditDates(t).foreign, t).toEqual([]);
    // The list and the card do print times and dates, in Russian.
    expect(texts.slice(3).join('\n')).toMatch(/\b\d\d\.\d\d \d\d:\d\d\b/);
    await s.close();
  });
});
