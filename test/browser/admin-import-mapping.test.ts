/**
 * The admin page's import mapping editor (issue 14) against a real hub and real Chromium: a
 * committed ПОС export chosen for preview shows its first rows as mapped (and the bad row with
 * its Russian reason); a column mapped away changes the preview (the file would be refused,
 * and why); a row added to the status value map and an edited date format change the preview
 * (a bad format is refused beside its field); an edited mapping is saved with the import, which
 * runs and shows its counts, and is the next version of the document `import-pos`; the
 * document's own form on the admin page edits and previews the same way; a header typed equal to
 * another row's keeps both rows with the error beside them and is not saved, and a mapping with
 * errors shows its preview as out of date rather than the last table; a value-map key likewise.
 * With DOCS=1 the screenshots docs/integrations/admin-import-{mapping,preview,values,dates}.png are written.
 */
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { startTestHub } from '../support/hub-fixture';
import { STATIC } from './wall-support';

const DOCS = process.env.DOCS === '1';
let browser: Browser;
let hub: Awaited<ReturnType<typeof startTestHub>>;
let admin: Page;

beforeAll(async () => {
  if (!existsSync(`${STATIC}/index.html`)) throw new Error('renderer build missing: run `node scripts/build.mjs renderer` (npm test does)');
  hub = await startTestHub({ staticDir: STATIC });
  browser = await launchChromium();
  admin = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
  admin.on('pageerror', (e) => console.error('admin pageerror:', e.message));
  await admin.goto(`${hub.url}/#/admin/import?token=dev-admin`);
  await admin.waitForSelector('[data-import-mapping="pos"]', { timeout: 30_000 });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await hub?.close();
});

const counts = async () => (await admin.locator('[data-preview-counts]').textContent())!;

describe('import mapping editor', () => {
  it('previews the first rows as mapped, follows a changed column, saves the mapping and runs the import', async () => {
    await admin.locator('input[aria-label="файл для предпросмотра"]').setInputFiles('docs/integrations/samples/pos-export.csv');
    await admin.waitForSelector('[data-preview-row="2"]', { timeout: 30_000 });
    expect(await counts()).toBe('Первые строки: 20; примутся: 19; будут отклонены: 1');
    expect(await admin.locator('[data-preview-row="2"]').textContent()).toContain('pos:2400000');
    // Row 9 of the sample has a status the mapping does not know: refused, the reason in Russian.
    expect(await admin.locator('[data-preview-row="9"]').getAttribute('data-refused')).toBe('true');
    expect(await admin.locator('[data-preview-row="9"] td').nth(2).textContent()).toBe('Статус: значение не из справочника: «Передано в архив»');
    // No personal data in what the preview shows as the stored form.
    expect(await admin.locator('[data-mapping-preview]').textContent()).not.toMatch(/\+7 \(\d{3}\)/);
    expect(await admin.locator('[data-mapping-columns]').textContent()).not.toMatch(/\+7 \(\d{3}\)/);

    // «Статус» mapped away (and no default status): the file would be refused, and the page says why.
    await admin.locator('select[aria-label="поле столбца «Статус»"]').selectOption('');
    await admin.waitForSelector('[data-file-errors]');
    expect(await admin.locator('[data-file-errors]').textContent()).toContain('нет столбца');
    expect(await counts()).toBe('Первые строки: 0; примутся: 0; будут отклонены: 0');
    await admin.locator('select[aria-label="поле столбца «Статус»"]').selectOption('status');
    await admin.waitForFunction(() => document.querySelector('[data-preview-counts]')?.textContent?.includes('примутся: 19'));
    expect(await admin.locator('[data-file-errors]').count()).toBe(0);

    // The status value map: «Передано в архив» → closed; row 9 is accepted now.
    await admin.click('[data-value-map="status"] button:has-text("Добавить значение")');
    const added = admin.locator('[data-value-map="status"] tbody tr').last();
    await added.locator('input').fill('Передано в архив');
    // No value chosen yet: the error is beside the row's select, and the preview waits.
    await admin.waitForFunction(() =>
      [...document.querySelectorAll('[data-value-map="status"] [data-error-path]')].some(
        (e) => e.getAttribute('data-error-path') === 'values.status["Передано в архив"]',
      ),
    );
    await added.locator('select').selectOption('closed');
    await admin.waitForFunction(() => document.querySelector('[data-preview-counts]')?.textContent?.includes('примутся: 20'));
    expect(await admin.locator('[data-preview-row="9"]').getAttribute('data-refused')).toBe('false');
    expect(await admin.locator('[data-preview-row="9"]').textContent()).toContain('closed');

    // A date format without a year: refused beside its field, in Russian (no preview asked).
    const format1 = admin.locator('input[aria-label="формат даты 1"]');
    expect(await format1.inputValue()).toBe('DD.MM.YYYY HH:mm:ss');
    await format1.fill('DD.MM.GGGG HH:mm:ss');
    await admin.waitForSelector('[data-date-format="0"] .field-error');
    expect(await admin.locator('[data-date-format="0"] .field-error').first().textContent()).toContain('нет YYYY');
    // The last preview is not shown as if it were current.
    expect(await admin.locator('[data-preview-stale]').count()).toBe(1);
    expect(await admin.locator('[data-mapping-preview]').count()).toBe(0);
    expect(await admin.locator('button:has-text("Импортировать этот файл")').isDisabled()).toBe(true);
    // Month and day swapped: the sample's «15.11.2026 15:39:00» is no date now (month 15), its row refused for it.
    await format1.fill('MM.DD.YYYY HH:mm:ss');
    await admin.waitForFunction(() => document.querySelector('[data-preview-row="2"]')?.getAttribute('data-refused') === 'true');
    expect(await admin.locator('[data-preview-row="2"] td').nth(2).textContent()).toContain('Дата создания');
    expect(await counts()).not.toContain('примутся: 20');
    await format1.fill('DD.MM.YYYY HH:mm:ss');
    await admin.waitForFunction(() => document.querySelector('[data-preview-counts]')?.textContent?.includes('примутся: 20'));

    // An edit the import keeps: «Оценка ответа» no longer read.
    await admin.locator('select[aria-label="поле столбца «Оценка ответа»"]').selectOption('');
    await admin.waitForFunction(() => document.querySelector('[data-import-mapping] .meta')?.textContent?.includes('изменено'));
    if (DOCS) {
      await admin.locator('[data-import-mapping] h3').first().scrollIntoViewIfNeeded();
      await admin.screenshot({ path: 'docs/integrations/admin-import-mapping.png' });
      await admin.locator('[data-value-map="status"]').screenshot({ path: 'docs/integrations/admin-import-values.png' });
      await admin.locator('[data-date-formats]').screenshot({ path: 'docs/integrations/admin-import-dates.png' });
      await admin.locator('[data-mapping-preview]').screenshot({ path: 'docs/integrations/admin-import-preview.png' });
    }
    await admin.click('button:has-text("Импортировать этот файл")');
    await admin.waitForSelector('[data-import-report="done"]', { timeout: 60_000 });
    const text = (await admin.locator('[data-import-report]').textContent())!;
    const n = (label: string) => Number(new RegExp(`${label}: (\\d+)`).exec(text)?.[1]);
    expect(n('Строк')).toBeGreaterThan(100);
    expect(n('новых')).toBeGreaterThan(100);
    expect(n('новых') + n('с ошибками')).toBeGreaterThanOrEqual(n('Строк'));
    expect(await admin.locator('[data-import-mapping] .banner.saved').textContent()).toContain('версия 2');
    const stored = (await (await fetch(`${hub.url}/api/v1/import/mapping?format=pos`, { headers: { authorization: 'Bearer dev-admin' } })).json()) as {
      mapping: { version: number; columns: Record<string, string> };
    };
    expect(stored.mapping.version).toBe(2);
    expect(stored.mapping.columns).not.toHaveProperty('Оценка ответа');
    // Stored as the next version of the configuration document (history, rollback).
    const doc = (await (await fetch(`${hub.url}/api/v1/config/import-pos`, { headers: { authorization: 'Bearer dev-admin' } })).json()) as {
      version: number;
      body: { values: { status: Record<string, string> } };
    };
    expect(doc.version).toBe(2);
    expect(doc.body.values.status['Передано в архив']).toBe('closed');
    // The appeals are in the hub, none with a rating (the column was not read).
    const pos = hub.log.snapshot().entities.filter((e) => e.id.startsWith('pos:'));
    expect(pos.length).toBe(n('новых'));
    expect(pos.filter((e) => 'satisfaction' in e)).toEqual([]);
  });

  it('the import-pos document has a form: a value map and a date format edited with the preview, errors beside the field, saved as a version', async () => {
    const versionNow = async () =>
      ((await (await fetch(`${hub.url}/api/v1/config/import-pos`, { headers: { authorization: 'Bearer dev-admin' } })).json()) as { version: number }).version;
    const before = await versionNow();
    await admin.goto(`${hub.url}/#/admin/import-pos?token=dev-admin`);
    await admin.waitForSelector('[data-import-mapping-form="pos"]', { timeout: 30_000 });
    await admin.locator('[data-import-mapping-form] input[aria-label="файл для предпросмотра"]').setInputFiles('docs/integrations/samples/pos-export.csv');
    await admin.waitForSelector('[data-preview-row="2"]', { timeout: 30_000 });
    // «Новое» → answered: row 2 (status «Новое») shows it before anything is saved.
    expect(await admin.locator('[data-preview-row="2"]').textContent()).toContain(' new');
    await admin.locator('select[aria-label="Статусы: наше значение для «Новое»"]').selectOption('answered');
    await admin.waitForFunction(() => document.querySelector('[data-preview-row="2"]')?.textContent?.includes('answered'));
    // A bad format: the error beside its field, saving refused.
    await admin.locator('input[aria-label="формат даты 2"]').fill('DD.MM.YYYY mm');
    await admin.waitForSelector('[data-date-format="1"] [data-error-path="import-pos.dateFormats[1]"]');
    expect(await admin.locator('[data-date-format="1"] .field-error').first().textContent()).toContain('минуты (mm) без часов');
    expect(await admin.locator('[data-save]').isDisabled()).toBe(true);
    await admin.locator('input[aria-label="формат даты 2"]').fill('DD.MM.YYYY HH:mm');
    await admin.locator('[data-save]').click();
    await admin.waitForSelector('[data-banner="saved"]');
    expect(await admin.locator('[data-banner="saved"]').textContent()).toContain(`версия ${before + 1}`);
    const doc = (await (await fetch(`${hub.url}/api/v1/config/import-pos`, { headers: { authorization: 'Bearer dev-admin' } })).json()) as {
      version: number;
      body: { values: { status: Record<string, string> } };
    };
    expect(doc.version).toBe(before + 1);
    expect(doc.body.values.status['Новое']).toBe('answered');
  });

  it('the import-pos form keeps a repeated header as typed, refuses to save it, and marks the preview out of date while the mapping has errors', async () => {
    type Doc = { version: number; body: { columns: Record<string, string> } };
    const docNow = async () => (await (await fetch(`${hub.url}/api/v1/config/import-pos`, { headers: { authorization: 'Bearer dev-admin' } })).json()) as Doc;
    const before = await docNow();
    await admin.goto(`${hub.url}/#/admin/import-pos?token=dev-admin`);
    await admin.waitForSelector('[data-import-mapping-form="pos"]', { timeout: 30_000 });
    await admin.locator('[data-import-mapping-form] input[aria-label="файл для предпросмотра"]').setInputFiles('docs/integrations/samples/pos-export.csv');
    await admin.waitForSelector('[data-preview-row="2"]', { timeout: 30_000 });

    // A mapping error: the table gives way to a line saying the preview is out of date; fixed, it is back.
    const format2 = admin.locator('input[aria-label="формат даты 2"]');
    const format2Was = await format2.inputValue();
    await format2.fill('DD.MM.YYYY mm');
    await admin.waitForSelector('[data-preview-stale]');
    expect(await admin.locator('[data-preview-stale]').textContent()).toBe('Предпросмотр не обновлён: сначала исправьте ошибки сопоставления');
    expect(await admin.locator('[data-mapping-preview]').count()).toBe(0);
    await format2.fill(format2Was);
    await admin.waitForSelector('[data-preview-row="2"]');
    expect(await admin.locator('[data-preview-stale]').count()).toBe(0);

    // «Добавить столбец» names a header no row has yet.
    const rows = admin.locator('[data-mapping-columns] tbody tr');
    const headers = async () => admin.locator('input[aria-label^="заголовок столбца"]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    const n = await rows.count();
    const add = admin.locator('[data-import-mapping-form] button:has-text("Добавить столбец")');
    await add.click();
    const header = (i: number) => admin.locator(`input[aria-label="заголовок столбца ${i}"]`);
    expect(await header(n + 1).inputValue()).toBe(`Новый столбец ${n + 1}`);
    await header(n + 1).fill(`Новый столбец ${n + 2}`);
    await add.click();
    expect(await rows.count()).toBe(n + 2);
    expect(new Set(await headers()).size).toBe(n + 2);
    // An all-digit header stays in its row (not moved to the front as an integer-like key).
    await header(n + 1).fill('2024');
    expect(await header(n + 1).inputValue()).toBe('2024');
    expect((await headers())[0]).toBe(Object.keys(before.body.columns)[0]);

    // A header typed equal to another row's: both rows stay, the error beside each, saving refused.
    await header(n + 2).fill('Дата ответа');
    expect(await rows.count()).toBe(n + 2);
    expect(await admin.locator('[data-mapping-columns] tr[data-column="Дата ответа"]').count()).toBe(2);
    const dupErrors = admin.locator('[data-mapping-columns] tr[data-column="Дата ответа"] [data-header-error]');
    expect(await dupErrors.count()).toBe(2);
    expect(await dupErrors.first().textContent()).toBe('Заголовок «Дата ответа» повторяется: у каждого столбца выгрузки свой заголовок');
    expect(await admin.locator('[data-save]').isDisabled()).toBe(true);
    expect(await admin.locator('[data-save-refused]').textContent()).toContain('сохранение недоступно');
    await admin.waitForSelector('[data-preview-stale]');
    expect(await admin.locator('[data-mapping-preview]').count()).toBe(0);
    const still = await docNow();
    expect(still.version).toBe(before.version);
    expect(still.body.columns).toEqual(before.body.columns);
    // Another edit meanwhile keeps the rows as typed (the document has its last valid columns).
    await admin.locator('select[aria-label="поле столбца «2024»"]').selectOption('title');
    expect(await headers()).toEqual([...Object.keys(before.body.columns), '2024', 'Дата ответа']);

    // Fixed: saved with both columns, the preview back.
    await header(n + 2).fill('Дата ответа (копия)');
    expect(await admin.locator('[data-header-error]').count()).toBe(0);
    await admin.waitForSelector('[data-preview-row="2"]');
    expect(await admin.locator('[data-preview-stale]').count()).toBe(0);
    await admin.locator('[data-save]').click();
    await admin.waitForSelector('[data-banner="saved"]');
    const after = await docNow();
    expect(after.version).toBe(before.version + 1);
    expect(after.body.columns).toEqual({ ...before.body.columns, '2024': 'title', 'Дата ответа (копия)': 'text' });
    expect(await headers()).toEqual([...Object.keys(before.body.columns), '2024', 'Дата ответа (копия)']);
  });

  it('the import-pos form keeps a repeated value-map key as typed, refuses to save it, and saves both rows once fixed', async () => {
    type Doc = { version: number; body: { values: { importance: Record<string, string> } } };
    const docNow = async () => (await (await fetch(`${hub.url}/api/v1/config/import-pos`, { headers: { authorization: 'Bearer dev-admin' } })).json()) as Doc;
    const before = await docNow();
    const was = before.body.values.importance;
    await admin.goto(`${hub.url}/#/admin/import-pos?token=dev-admin`);
    await admin.waitForSelector('[data-import-mapping-form="pos"]', { timeout: 30_000 });
    const map = admin.locator('[data-value-map="importance"]');
    const rows = map.locator('tbody tr');
    const keys = async () => map.locator('tbody input').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    const key = (i: number) => map.locator(`input[aria-label="Важность: значение в выгрузке ${i}"]`);
    expect(was).toEqual({ Обычная: 'normal', Высокая: 'high' });
    const n = await rows.count();
    expect(await keys()).toEqual(Object.keys(was));

    // «Добавить значение» names a key no row has yet; our value chosen, the mapping is valid.
    await map.locator('button:has-text("Добавить значение")').click();
    expect(await key(n + 1).inputValue()).toBe(`Новое значение ${n + 1}`);
    await rows.last().locator('select').selectOption('high');
    expect(await admin.locator('[data-save]').isDisabled()).toBe(false);
    // An all-digit key stays in its row.
    await key(n + 1).fill('2024');
    expect(await keys()).toEqual([...Object.keys(was), '2024']);

    // A key typed equal to another row's: both rows stay, the error beside each, saving refused.
    const dup = 'Обычная';
    await key(n + 1).fill(dup);
    expect(await rows.count()).toBe(n + 1);
    expect(await keys()).toEqual([...Object.keys(was), dup]);
    const dupErrors = map.locator(`tr[data-value-row="${dup}"] [data-value-error]`);
    expect(await dupErrors.count()).toBe(2);
    expect(await dupErrors.first().textContent()).toBe(`Значение «${dup}» повторяется: у каждого значения выгрузки своя строка`);
    expect(await admin.locator('[data-save]').isDisabled()).toBe(true);
    expect(await admin.locator('[data-save-refused]').textContent()).toContain('сохранение недоступно');
    // One label to the importer (case aside) mapped to another value is refused the same way.
    await key(n + 1).fill(dup.toUpperCase());
    expect(await map.locator('[data-value-error]').count()).toBe(2);
    // The same label on the same value is only redundant, as the hub has it.
    await key(n + 1).fill('ВЫСОКАЯ');
    expect(await map.locator('[data-value-error]').count()).toBe(0);
    await key(n + 1).fill(dup);
    expect(await map.locator('[data-value-error]').count()).toBe(2);
    const still = await docNow();
    expect(still.version).toBe(before.version);
    expect(still.body.values.importance).toEqual(was);

    // Fixed: saved with both rows.
    await key(n + 1).fill('Срочная');
    expect(await map.locator('[data-value-error]').count()).toBe(0);
    await admin.locator('[data-save]').click();
    await admin.waitForSelector('[data-banner="saved"]');
    const after = await docNow();
    expect(after.version).toBe(before.version + 1);
    expect(after.body.values.importance).toEqual({ ...was, Срочная: 'high' });
    expect(await keys()).toEqual([...Object.keys(was), 'Срочная']);
  });

  it('the import page holds back a repeated value-map key too: no save, no import, the preview out of date', async () => {
    await admin.goto(`${hub.url}/#/admin/import?token=dev-admin`);
    await admin.waitForSelector('[data-import-mapping="pos"]', { timeout: 30_000 });
    await admin.locator('input[aria-label="файл для предпросмотра"]').setInputFiles('docs/integrations/samples/pos-export.csv');
    await admin.waitForSelector('[data-preview-row="2"]', { timeout: 30_000 });
    const importButton = admin.locator('button:has-text("Импортировать этот файл")');
    expect(await importButton.isDisabled()).toBe(false);
    const map = admin.locator('[data-value-map="importance"]');
    await map.locator('button:has-text("Добавить значение")').click();
    await map.locator('tbody tr').last().locator('select').selectOption('high');
    await map.locator('tbody tr').last().locator('input').fill('Обычная');
    expect(await map.locator('[data-value-error]').count()).toBe(2);
    await expect.poll(() => importButton.isDisabled(), { timeout: 5_000 }).toBe(true);
    expect(await admin.locator('button:has-text("Сохранить сопоставление")').isDisabled()).toBe(true);
    expect(await admin.locator('[data-preview-row="2"]').count()).toBe(0);
    // (A key no earlier case of this file saved.)
    await map.locator('tbody tr').last().locator('input').fill('Неотложная (импорт)');
    expect(await map.locator('[data-value-error]').count()).toBe(0);
    await expect.poll(() => importButton.isDisabled(), { timeout: 5_000 }).toBe(false);
    await admin.waitForSelector('[data-preview-row="2"]', { timeout: 30_000 });
  });

  it('previews a ГИС ЖКХ export (no column mapping: its schema is public)', async () => {
    await admin.goto(`${hub.url}/#/admin/import?token=dev-admin`);
    await admin.waitForSelector('[data-import-mapping="pos"]', { timeout: 30_000 });
    await admin.locator('select[aria-label="формат выгрузки"]').selectOption('gis-zhkh-outages');
    await admin.waitForSelector('[data-import-mapping="gis-zhkh-outages"]');
    expect(await admin.locator('[data-mapping-columns]').count()).toBe(0);
    await admin.locator('input[aria-label="файл для предпросмотра"]').setInputFiles('docs/integrations/samples/gis-zhkh-outages.xml');
    await admin.waitForSelector('[data-preview-row="1"]', { timeout: 30_000 });
    // This hub has no house register (--import-config): every outage names houses it cannot place, and the page says so per record.
    expect(await counts()).toBe('Первые строки: 20; примутся: 0; будут отклонены: 20');
    expect(await admin.locator('[data-preview-row="1"]').textContent()).toContain('FiasHouseGUID: дом не найден в реестре');
  });
});
