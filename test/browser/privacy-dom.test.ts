/**
 * Personal data never reaches a public screen (issue 10): the generated PII corpus
 * (test/support/pii-corpus.ts) goes through the real ingest of a real hub as the titles,
 * texts and topics of appeals and the addresses and causes of accidents; the wall and the
 * touch panel (list of items, an open card) are rendered in Chromium, and none of the
 * corpus's personal-data strings may be anywhere in their DOM, text or attributes. The
 * /presenter feed (redacted free text, defence in depth) is checked the same way on its
 * stored entities. The detector is first shown to see the corpus in a plain page.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TouchStory } from '../dsl/touch';
import { launchChromium } from '../support/chromium';
import { makeCorpus, type PiiSpan } from '../support/pii-corpus';
import { makeAccident, makeAppeal } from '../support/entities';
import { startTestHub } from '../support/hub-fixture';
import { openWallPage, STATIC } from './wall-support';

const { positive } = makeCorpus(400, 777);
const HOUR = 3_600_000;
let browser: Browser;
let hub: Awaited<ReturnType<typeof startTestHub>>;
let upsertCount = 0;

/** The strings that must not appear: every span, and each word of a name (≥ 4 letters). */
const needles = (spans: PiiSpan[]): string[] =>
  spans.flatMap((s) => (s.kind === 'name' ? [s.text, ...s.text.split(/\s+/).filter((w) => w.length >= 4)] : [s.text]));
const ALL = [...new Set(positive.flatMap((t) => needles(t.spans)))];
/** A needle as a whole word: «Марии» is a name, «Мариинско-Посадский» is not. */
const wordRe = (n: string) => new RegExp(`(?<![\\p{L}\\p{N}])${n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'u');
const MATCHERS = ALL.map((n) => [n, wordRe(n)] as const);
const found = (text: string, skip: (n: string) => boolean = () => false) => MATCHERS.filter(([n, re]) => !skip(n) && re.test(text)).map(([n]) => n);

/** Which of the needles a page's DOM (markup, so attributes too, and its visible text) holds. */
async function leaks(page: Page): Promise<string[]> {
  const html = await page.evaluate(() => `${document.documentElement.outerHTML}\n${document.body.innerText}`);
  return found(html);
}

beforeAll(async () => {
  hub = await startTestHub({ staticDir: STATIC, heartbeatMs: 1000 });
  const now = Date.now();
  const upserts = positive.flatMap((t, i) => [
    makeAppeal({
      id: `pii-a-${i}`,
      title: t.text.slice(0, 200),
      text: t.text,
      topic: t.text.slice(0, 200),
      createdAt: now - (i + 1) * 60_000,
      channel: i % 2 ? 'social' : 'pos',
    }),
    ...(i % 4 === 0
      ? [makeAccident({ id: `pii-x-${i}`, address: t.text.slice(0, 200), cause: t.text.slice(0, 200), startedAt: now - HOUR, plannedRestoreAt: now + HOUR })]
      : []),
  ]);
  upsertCount = upserts.length;
  const r = await hub.ingest.ingest('test', { upserts, removes: [] });
  expect(r.rejected).toEqual([]);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await hub?.close();
});

describe('no personal data on a public screen', () => {
  it('the detector sees the corpus when it is on a page', async () => {
    const page = await browser.newPage();
    await page.setContent(
      `<p>${positive
        .slice(0, 50)
        .map((t) => t.text)
        .join('</p><p>')}</p>`,
    );
    expect((await leaks(page)).length).toBeGreaterThan(20);
    await page.close();
  });

  it('the wall shows the items and none of their personal data', async () => {
    const page = await openWallPage(browser, hub.url, 'playlist=test', { width: 1920, height: 1080 });
    await page.waitForSelector('html[data-feed-state="live"]', { timeout: 60_000 });
    await expect.poll(() => page.textContent('[data-kpi="open"] .kpi-value'), { timeout: 30_000 }).toBe(String(positive.length));
    await expect.poll(() => page.locator('.ticker-strip li').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await leaks(page)).toEqual([]);
    await page.close();
  });

  it('the touch panel: lists and an open card show none of it', async () => {
    const s = await TouchStory.open(browser, `${hub.url}/#/touch?token=dev-touch`);
    await s.expectItems(upsertCount, 60_000);
    expect(await leaks(s.page)).toEqual([]);
    // Down to an item list and a card.
    await s.tap('Чебоксары');
    await s.tap('Администрация: Чебоксары');
    await s.tap('Открытые');
    await s.page.locator('.row-item').first().click();
    await s.page.waitForSelector('.card', { timeout: 15_000 });
    expect(await leaks(s.page)).toEqual([]);
    await s.page.close();
  });

  it('the presenter feed (redacted at ingest) holds none of the corpus’s numbers, names or flats either', async () => {
    const entities = hub.log.snapshot().entities;
    // An accident's address rightly keeps its house (a building, not a person); an appeal's does not.
    const houses = new Set(positive.flatMap((t) => t.spans.filter((x) => x.kind === 'house').map((x) => x.text)));
    expect(found(JSON.stringify(entities.filter((e) => e.kind === 'appeal')))).toEqual([]);
    expect(found(JSON.stringify(entities.filter((e) => e.kind === 'accident')), (n) => houses.has(n))).toEqual([]);
  });
});
