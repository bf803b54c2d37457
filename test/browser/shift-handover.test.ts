/**
 * The shift's tools in a real browser (issue 15): the touch panel's checklist under an alarm
 * (a step ticked with the signed-in officer's name; a step past its limit marked late), the `#/shift` handover confirmed
 * by the incoming officer, and the printed report (Chromium's print to PDF of the page, its
 * text extracted with pdf.js and checked). Real hub on a real port, the renderer build.
 * `DOCS=1` also writes docs/shift/ screenshots.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINUTE_MS } from '../../app/calendar/msk-time';
import { shiftAt } from '../../app/shift/shift-schedule';
import type { HandoverAnswer } from '../../app/shift/handover';
import type { Checklist } from '../../app/shift/shift-records';
import { controlRenderer } from '../dsl/renderer-build';
import { TouchStory } from '../dsl/touch';
import { launchChromium } from '../support/chromium';
import { makeAccident } from '../support/entities';
import { MemoryFeedLog } from '../../hub/feed-log';
import { startHub, type RunningHub } from '../../hub/start-hub';
import { DEV_TOKENS } from '../../hub/tokens';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DOCS = process.env.DOCS === '1';
/** The person the development touch token names (hub/tokens.ts). */
const OFFICER = 'Дежурный (демо)';
let skew = 0;
let browser: Browser;
let hub: RunningHub;
let touch: TouchStory;
let cleanup = () => {};
let alarmKey = '';

async function api<T>(p: string, token = 'dev-touch'): Promise<T> {
  const r = await fetch(`${hub.url}${p}`, { headers: { authorization: `Bearer ${token}` } });
  expect(r.status, p).toBe(200);
  return (await r.json()) as T;
}

/** The text of a PDF, page by page joined (pdf.js, as a reader's copy would give it). */
async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: bytes, useSystemFonts: false, isEvalSupported: false }).promise;
  const out: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    out.push(content.items.map((it) => ('str' in it ? it.str + (it.hasEOL ? '\n' : '') : '')).join(''));
  }
  return out.join('\n');
}

beforeAll(async () => {
  const r = await controlRenderer();
  cleanup = r.cleanup;
  // The procedure watch every 200 ms (15 s in service), so a late step shows without a long wait.
  // The hub's clock two hours into the current shift, whatever the time of day: the accident below
  // (10 min old) and the late step (+31 min) then fall in this shift, whose handover is checked below.
  // (Run in the last half hour of a shift, with the real clock, they straddled the change.)
  skew = shiftAt(Date.now()).start + 2 * 3_600_000 - Date.now();
  hub = await startHub({
    host: '127.0.0.1',
    port: 0,
    log: new MemoryFeedLog(10_000),
    tokens: DEV_TOKENS,
    staticDir: r.dir,
    heartbeatMs: 1000,
    now: () => Date.now() + skew,
    shiftIntervalsMs: { sop: 200, detect: 60_000 },
  });
  browser = await launchChromium();
  const now = Date.now() + skew;
  await hub.ingest.ingest('test', {
    upserts: [
      makeAccident({ id: 'shift-acc-1', resource: 'electricity', residents: 2400, startedAt: now - 10 * MINUTE_MS, plannedRestoreAt: now + 3 * 3_600_000 }),
    ],
    removes: [],
  });
  touch = await TouchStory.open(browser, `${hub.url}/#/touch?token=dev-touch`);
});
afterAll(async () => {
  await browser?.close();
  await hub?.close();
  cleanup();
});

describe('the checklist on the touch panel', () => {
  it('shows the procedure under the alarm; «Выполнено» ticks a step with the officer’s name', async () => {
    const page = touch.page;
    const sop = page.locator('.alarm [data-sop="accident-large"]');
    await sop.waitFor({ timeout: 20_000 });
    alarmKey = (await page.locator('.alarm:has([data-sop="accident-large"])').getAttribute('data-alarm'))!;
    await expect.poll(() => sop.locator('.sop-step').count()).toBe(4);
    // The panel's officer is the one its token names (dev-touch): the checklist signs with that name, nothing to type.
    expect(await sop.locator('[data-officer-signed-in]').getAttribute('data-officer-signed-in')).toBe(OFFICER);
    await sop.getByRole('button', { name: 'Выполнено: Позвонить диспетчеру оператора, уточнить причину и срок' }).click();
    const first = sop.locator('.sop-step[data-step="0"]');
    await expect.poll(() => first.getAttribute('data-state')).toBe('done');
    expect(await first.textContent()).toContain(OFFICER);
    const stored = await api<Checklist>(`/api/v1/shift/sop?alarm=${encodeURIComponent(alarmKey)}`);
    expect(stored.steps[0]).toMatchObject({ doneBy: OFFICER });
    expect(stored.steps[0]!.doneAt).not.toBeNull();
  });

  it('a step past its limit is marked late on the panel (flagged at the hub)', async () => {
    skew += 31 * MINUTE_MS;
    const second = touch.page.locator('.alarm [data-sop="accident-large"] .sop-step[data-step="1"]');
    await expect.poll(() => second.getAttribute('data-state'), { timeout: 20_000 }).toBe('late');
    expect(await second.textContent()).toContain('просрочен');
    const alarms = await api<{ alarms: { rule: string; text: string }[] }>('/api/v1/alarms?state=active');
    expect(alarms.alarms.find((a) => a.rule === 'sop-late')?.text).toContain('«Сообщить главе администрации округа»');
    if (DOCS) {
      await touch.page.locator('.alarm [data-sop="accident-large"]').scrollIntoViewIfNeeded();
      await touch.page.screenshot({ path: path.join(ROOT, 'docs/shift/touch-checklist.png') });
    }
  });
});

describe('the shift log on the touch panel', () => {
  it('«Смена»: a note about an alarm typed on the panel is stored at the hub with the officer’s name and listed', async () => {
    const block = touch.page.locator('[data-shift-block]');
    await block.scrollIntoViewIfNeeded();
    await block.getByLabel('Заметка в журнал смены').fill('Россети: бригада выехала, связь через ЕДДС');
    // About the accident's alarm (the hub's record listed on the panel).
    const alarmOption = block.getByLabel('О чём заметка').locator('option', { hasText: 'Тревога: Авария ЖКХ' });
    await block.getByLabel('О чём заметка').selectOption((await alarmOption.getAttribute('value'))!);
    await block.getByRole('button', { name: 'Записать' }).click();
    await expect.poll(() => block.locator('.shift-notes').textContent()).toContain(`${OFFICER}: Россети: бригада выехала, связь через ЕДДС`);
    const notes = await api<{ notes: { text: string; by: string; target: { kind: string } }[] }>('/api/v1/shift/notes');
    expect(notes.notes).toEqual([
      expect.objectContaining({
        text: 'Россети: бригада выехала, связь через ЕДДС',
        by: OFFICER,
        target: { kind: 'alarm', id: expect.stringMatching(/^accident-residents:accident:shift-acc-1~/) },
      }),
    ]);
    if (DOCS) await touch.page.screenshot({ path: path.join(ROOT, 'docs/shift/touch-shift-block.png') });
  });
});

describe('the handover page', () => {
  let page: Page;

  it('after the shift change #/shift shows the digest; the incoming officer confirms by name', async () => {
    // Move the hub's clock just past the next shift change: the alarm falls in the handover span.
    const next = shiftAt(Date.now() + skew).end;
    skew = next + 5 * MINUTE_MS - Date.now();
    await touch.page.reload();
    await touch.page.waitForSelector('[data-handover-due]', { timeout: 20_000 });
    const ctx = await browser.newContext({ viewport: { width: 1400, height: 1000 }, deviceScaleFactor: 1 });
    page = await ctx.newPage();
    page.on('pageerror', (e) => console.error('shift pageerror:', e.message));
    await page.goto(`${hub.url}/#/shift?token=dev-touch`);
    await page.waitForSelector('[data-shift-page][data-loaded="true"]');
    await expect.poll(() => page.locator('[data-section="alarms"] [data-alarm-id]').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-section="accidents"]').textContent()).toContain('Электроснабжение');
    expect(await page.locator('.handover-unconfirmed').textContent()).toBe('Смена не принята.');
    await page.getByLabel('Принимающий смену: имя').fill('Сидорова А. А.');
    await page.getByRole('button', { name: 'Смену принял(а)' }).click();
    await page.waitForSelector('[data-confirmed-by="Сидорова А. А."]');
    const d = await api<HandoverAnswer>('/api/v1/shift/handover');
    expect(d.confirmations.map((c) => c.confirmedBy)).toEqual(['Сидорова А. А.']);
    expect(d.change).toBe(next);
    if (DOCS) await page.screenshot({ path: path.join(ROOT, 'docs/shift/handover-page.png'), fullPage: true });
    // The touch panel calls the unconfirmed handover out after the change, and drops it once confirmed.
    await touch.page.reload();
    await touch.page.waitForSelector('[data-handover-confirmed="Сидорова А. А."]', { timeout: 20_000 });
    expect(await touch.page.locator('[data-handover-due]').count()).toBe(0);
  });

  it('prints a report whose text (pdf.js) holds the same Russian content, without the page’s buttons', async () => {
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', printBackground: false, margin: { top: '15mm', bottom: '15mm', left: '15mm', right: '15mm' } });
    const text = (await pdfText(new Uint8Array(pdf))).replace(/\s+/g, ' ');
    for (const s of [
      'Передача смены',
      'Аварии ЖКХ: новых 1',
      'Россети: бригада выехала',
      'Электроснабжение',
      'Крупная авария ЖКХ',
      'Сообщить главе администрации округа',
      OFFICER,
      'просрочен шаг',
      'Смену принял(а): Сидорова А. А.',
      'Под угрозой просрочки',
    ]) {
      expect(text, s).toContain(s);
    }
    expect(text).not.toContain('Печать');
    if (DOCS) writeFileSync(path.join(ROOT, 'docs/shift/handover-report.pdf'), pdf);
  });
});
