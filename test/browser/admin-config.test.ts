/**
 * The admin page (issue 12) against a real hub, real Chromium and two real walls: a sector added
 * on the page → the hub accepts an appeal of the new sector, both walls' workers encode it in its
 * colour and the walls show it under its name, no reload; an alarm rule added on the page → an
 * accident matching it raises its alarm on both walls; a playlist change switches both walls at the same scene boundary; an
 * invalid edit shows its error by field and reaches no wall; a rollback from the history
 * restores the old version. With DOCS=1 the screenshots of docs/admin/ are written.
 */
import { existsSync, mkdirSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sceneAt } from '../../app/scenes/scene-at';
import { sceneKey } from '../../app/scenes/scene';
import { PlaylistSchema } from '../../app/scenes/playlist';
import { launchChromium } from '../support/chromium';
import { makeAppeal } from '../support/entities';
import { startTestHub } from '../support/hub-fixture';
import { accidentAt, openWallPage, STATIC } from './wall-support';

const DOCS = process.env.DOCS === '1';
let browser: Browser;
let hub: Awaited<ReturnType<typeof startTestHub>>;
let admin: Page;
let walls: Page[];

const shot = async (page: Page, name: string) => {
  if (!DOCS) return;
  mkdirSync('docs/admin', { recursive: true });
  await page.screenshot({ path: `docs/admin/${name}.png` });
};
const version = async (name: string) =>
  ((await (await fetch(`${hub.url}/api/v1/config/${name}`, { headers: { authorization: 'Bearer dev-admin' } })).json()) as { version: number; body: unknown })
    .version;

declare global {
  interface Window {
    /** Fill colours (`r,g,b`) of the open appeals in the last map frame the worker posted. */
    __appealColours?: string[];
  }
}

/**
 * Records the open appeals' fill colours of every map frame the feed worker posts to the page
 * (the colours the worker encoded from the sectors in effect), before the page takes the buffers.
 */
function recordAppealColours(): void {
  const Original = window.Worker;
  window.Worker = class extends Original {
    constructor(url: string | URL, opts?: WorkerOptions) {
      super(url, opts);
      this.addEventListener('message', (ev: MessageEvent<{ map?: { appeals?: { count: number; fillColors: Uint8Array } } }>) => {
        const a = ev.data?.map?.appeals;
        if (!a) return;
        const out: string[] = [];
        for (let i = 0; i < a.count; i++) out.push(`${a.fillColors[4 * i]},${a.fillColors[4 * i + 1]},${a.fillColors[4 * i + 2]}`);
        window.__appealColours = out;
      });
    }
  };
}

beforeAll(async () => {
  if (!existsSync(`${STATIC}/index.html`)) throw new Error('renderer build missing: run `node scripts/build.mjs renderer` (npm test does)');
  hub = await startTestHub({ staticDir: STATIC, heartbeatMs: 1000 });
  browser = await launchChromium();
  walls = [
    await openWallPage(browser, hub.url, 'playlist=test', { width: 960, height: 540 }),
    await openWallPage(browser, hub.url, 'playlist=test', { width: 960, height: 540 }),
  ];
  for (const w of walls) {
    await w.addInitScript(recordAppealColours);
    await w.reload();
  }
  for (const w of walls) await w.waitForSelector('html[data-feed-state="live"][data-scene]', { timeout: 60_000 });
  admin = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
  admin.on('pageerror', (e) => console.error('admin pageerror:', e.message));
  await admin.goto(`${hub.url}/#/admin/sectors?token=dev-admin`);
  await admin.waitForSelector('[data-form="sectors"]', { timeout: 30_000 });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await hub?.close();
});

describe('admin page', () => {
  it('lists every document with its version', async () => {
    const items = await admin.locator('[data-doc-item]').count();
    expect(items).toBe(((await (await fetch(`${hub.url}/api/v1/config`, { headers: { authorization: 'Bearer dev-admin' } })).json()) as unknown[]).length);
    expect(await admin.locator('[data-doc-item="sectors"] .meta').textContent()).toContain('v1');
    await shot(admin, 'list-and-sectors-form');
  });

  it('a sector added on the page: the hub accepts its appeal and both walls draw it in its colour and show it under its name, no reload', async () => {
    for (const w of walls) await w.evaluate(() => ((window as unknown as { __loaded: boolean }).__loaded = true));
    const refused = await hub.ingest.ingest('test', { upserts: [makeAppeal({ id: 'park-1', sector: 'parks', createdAt: Date.now() - 60_000 })], removes: [] });
    expect(refused.rejected.map((r) => r.reason)).toEqual(['unknown-sector']);

    await admin.click('[data-add-sector]');
    const row = admin.locator('[data-sector-row]').nth(-2); // new sectors go before «Прочее»
    await row.locator('input[aria-label^="id сектора"]').fill('parks');
    await row.locator('input[aria-label^="название сектора"]').fill('Парки');
    await row.locator('input[type="color"]').fill('#ff00ff');
    expect(await row.locator('[data-colour-check]').textContent()).toMatch(/контраст \d+\.\d:1/);
    await admin.click('[data-save]');
    await admin.waitForSelector('[data-banner="saved"]');
    expect(await version('sectors')).toBe(2);

    const accepted = await hub.ingest.ingest('test', { upserts: [makeAppeal({ id: 'park-2', sector: 'parks', createdAt: Date.now() - 60_000 })], removes: [] });
    expect(accepted.rejected).toEqual([]);
    // Both walls' workers draw it in the new sector's colour …
    for (const w of walls) await w.waitForFunction(() => window.__appealColours?.includes('255,0,255'), null, { timeout: 20_000 });
    // … count it in the sectors panel under its name (the overview scene; the test playlist comes to it within 30 s) …
    for (const w of walls)
      await w.waitForFunction(() => document.querySelector('[data-sector="parks"]')?.textContent?.includes('Парки'), null, { timeout: 40_000, polling: 250 });
    // … and show it titled by the new sector (the hub's public projection reads the current document).
    for (const w of walls)
      await w.waitForFunction(() => document.querySelector('[data-panel="ticker"]')?.textContent?.includes('Парки'), null, { timeout: 20_000 });

    for (const w of walls) expect(await w.evaluate(() => (window as unknown as { __loaded?: boolean }).__loaded)).toBe(true);
  });

  it('an alarm rule added on the page raises its alarm on both walls, no reload', async () => {
    // Residents without supply from 500 (the built-in rule starts at 1,000).
    await admin.click('[data-doc-item="alarm-rules"] button');
    await admin.waitForSelector('[data-form="alarm-rules"]');
    await admin.click('[data-add-rule="accident-residents"]');
    const residents = admin.locator('input[aria-label="жителей для правила residents-1"]');
    await residents.fill('500');
    await admin.click('[data-save]');
    await admin.waitForSelector('[data-banner="saved"]');
    const rules = (
      (await (await fetch(`${hub.url}/api/v1/config/alarm-rules`, { headers: { authorization: 'Bearer dev-admin' } })).json()) as {
        body: { id: string; minResidents?: number }[];
      }
    ).body;
    expect(rules.find((r) => r.id === 'residents-1')).toMatchObject({ minResidents: 500 });
    await hub.ingest.ingest('test', { upserts: [accidentAt(Date.now(), 'mid-outage')], removes: [] });
    for (const w of walls)
      await w.waitForFunction(() => document.documentElement.dataset.alarm?.startsWith('residents-1:accident:mid-outage'), null, { timeout: 20_000 });
    for (const w of walls) expect(await w.evaluate(() => (window as unknown as { __loaded?: boolean }).__loaded)).toBe(true);
    await hub.ingest.ingest('test', {
      upserts: [accidentAt(Date.now(), 'mid-outage', { version: 2, status: 'resolved', restoredAt: Date.now() })],
      removes: [],
    });
    for (const w of walls) await w.waitForFunction(() => !document.documentElement.dataset.alarm, null, { timeout: 20_000 });
  });

  it('an invalid edit shows its error by field path and reaches no wall', async () => {
    await admin.click('[data-doc-item="sectors"] button');
    await admin.click('role=tab[name="JSON"]');
    const editor = admin.locator('textarea.json-editor');
    const text = await editor.inputValue();
    await editor.fill(text.replace('"color": [\n      230,\n      159,\n      0\n    ]', '"color": [\n      230,\n      159\n    ]'));
    await admin.waitForSelector('[data-errors] [data-error-path="sectors[0].color"]');
    expect(await admin.locator('[data-errors]').textContent()).toContain('sectors[0].color: ожидается цвет [r, g, b] из чисел 0–255');
    expect(await admin.locator('[data-save]').isDisabled()).toBe(true);
    await shot(admin, 'json-editor-error');
    // A cross-document error passes the schema: the hub refuses it (400) and the page shows the path.
    await editor.fill(text.replace(/\{\s*"id": "healthcare",[^}]*\},?/, ''));
    await admin.click('[data-save]');
    await admin.waitForSelector('[data-banner="failed"]');
    expect(await admin.locator('[data-errors]').textContent()).toMatch(/alarm-rules\[3\]\.sectors\[0\]: .*healthcare/);
    expect(await version('sectors')).toBe(2);
    for (const w of walls) expect(await w.evaluate(() => document.querySelector('[data-config-warning]')?.textContent ?? '')).toBe('');
    await admin.click('text=Отменить правки');
  });

  it('a field error shows beside its field as you type; a save over someone else’s newer version is explained (409) and reloads', async () => {
    await admin.click('[data-doc-item="sectors"] button');
    await admin.click('role=tab[name="Форма"]');
    const label = admin.locator('input[aria-label="название сектора 2"]');
    await label.fill('');
    await admin.waitForSelector('[data-form="sectors"] [data-sector-row="roads"] [data-error-path="sectors[1].label"]');
    expect(await label.getAttribute('aria-invalid')).toBe('true');
    await label.fill('Дороги и мосты');
    await admin.waitForSelector('[data-error-path="sectors[1].label"]', { state: 'detached' });
    // Someone else saves meanwhile.
    const base = await version('sectors');
    const current = ((await (await fetch(`${hub.url}/api/v1/config/sectors`, { headers: { authorization: 'Bearer dev-admin' } })).json()) as { body: unknown })
      .body;
    expect(
      (
        await fetch(`${hub.url}/api/v1/config/sectors`, {
          method: 'PUT',
          headers: { authorization: 'Bearer dev-admin', 'content-type': 'application/json' },
          body: JSON.stringify({ baseVersion: base, body: current }),
        })
      ).status,
    ).toBe(200);
    await admin.click('[data-save]');
    const banner = await admin.waitForSelector('[data-banner="conflict"]');
    expect(await banner.textContent()).toContain(`Документ изменён другим пользователем: последняя версия — ${base + 1}`);
    await admin.click('text=Загрузить последнюю версию');
    await admin.waitForSelector(`[data-doc="sectors"][data-version="${base + 1}"]`);
    expect(await admin.locator('input[aria-label="название сектора 2"]').inputValue()).toBe('Дороги');
  });

  it('a playlist change switches both walls at the same scene boundary', async () => {
    // Both walls are past their start-up (a fresh page takes the hub's playlists at once).
    for (const w of walls) await w.waitForFunction(() => performance.now() > 10_500, null, { timeout: 20_000, polling: 500 });
    const only = { dayparts: [{ id: 'all', from: '00:00', to: '00:00', dwellS: 5, scenes: ['municipality:97516000'] }] };
    const base = await version('playlists');
    const current = (
      (await (await fetch(`${hub.url}/api/v1/config/playlists`, { headers: { authorization: 'Bearer dev-admin' } })).json()) as {
        body: Record<string, unknown>;
      }
    ).body;
    await admin.click('[data-doc-item="playlists"] button');
    await admin.click('role=tab[name="JSON"]');
    await admin.locator('textarea.json-editor').fill(JSON.stringify({ ...current, test: only }, null, 2));
    await admin.click('[data-save]');
    await admin.waitForSelector('[data-banner="saved"]');
    expect(await version('playlists')).toBe(base + 1);
    const at = await Promise.all(
      walls.map((w) => w.waitForFunction(() => document.documentElement.dataset.playlistSwitchAt, null, { timeout: 10_000 }).then((h) => h.jsonValue())),
    );
    expect(at[0]).toBe(at[1]);
    const switchAt = Number(at[0]);
    const want = sceneKey(sceneAt(PlaylistSchema.parse(only), switchAt).scene);
    for (const w of walls) {
      await w.waitForFunction((k) => document.documentElement.dataset.scene === k, want, { timeout: 20_000 });
      const log = await w.evaluate(() => window.__sceneLog!);
      const first = log.find((s) => s.scene === want)!;
      // Not before the boundary (page clock = hub clock on one machine, within the offset).
      expect(first.at).toBeGreaterThanOrEqual(switchAt - 250);
    }
  });

  it('a scene is previewed on a small wall (the wall page pinned to it, in its own window), with the day’s timeline', async () => {
    await admin.click('[data-doc-item="playlists"] button');
    await admin.click('role=tab[name="Форма"]');
    await admin.waitForSelector('[data-form="playlists"] [data-timeline]');
    expect(await admin.locator('[data-playlist="default"] [data-timeline] span').allTextContents()).toEqual(['Ночь', 'День', 'Ночь']);
    await admin.locator('input[aria-label="токен стены для предпросмотра"]').fill('dev-wall');
    await admin.locator('select[aria-label="сцена для предпросмотра"]').selectOption('sla');
    const [preview] = await Promise.all([admin.waitForEvent('popup'), admin.click('[data-open-preview]')]);
    await preview.waitForFunction(() => document.documentElement.dataset.feedState === 'live' && document.documentElement.dataset.scene === 'sla', null, {
      timeout: 60_000,
      polling: 500,
    });
    expect(await preview.evaluate(() => document.documentElement.dataset.playlist)).toBe('preview');
    await admin.locator('[data-scene-preview]').scrollIntoViewIfNeeded();
    if (DOCS) await preview.screenshot({ path: 'docs/admin/scene-preview.png' });
    await preview.close();
    await shot(admin, 'playlists-preview');
  });

  it('a sector list uploaded as XLSX is previewed (added / changed / kept) before it is applied', async () => {
    await admin.click('[data-doc-item="sectors"] button');
    await admin.click('role=tab[name="Загрузка файла"]');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Секторы');
    for (const r of [
      ['id', 'название', 'цвет'],
      ['museums', 'Музеи', '#aa4499'],
      ['roads', 'Дороги и мосты', ''],
    ])
      ws.addRow(r);
    const before = await version('sectors');
    await admin.locator('input[aria-label="файл секторов"]').setInputFiles({
      name: 'bi-sectors.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(await wb.xlsx.writeBuffer()),
    });
    await admin.waitForSelector('[data-import-preview]');
    expect(await admin.locator('[data-import-preview] p').textContent()).toMatch(/Добавится: 1, изменится: 1, без изменений: \d+/);
    expect(await admin.locator('[data-added]').getAttribute('data-added')).toBe('museums');
    expect(await version('sectors')).toBe(before);
    if (DOCS) await shot(admin, 'sectors-upload-preview');
    await admin.click('[data-import-preview] button');
    await admin.waitForSelector('text=Секторы сохранены');
    expect(await version('sectors')).toBe(before + 1);
  });

  it('removing a sector open appeals use asks where to move them; the curator’s choice moves them', async () => {
    await hub.ingest.ingest('test', { upserts: [makeAppeal({ id: 'museum-1', sector: 'museums', createdAt: Date.now() - 60_000 })], removes: [] });
    await admin.click('role=tab[name="Форма"]');
    const before = await version('sectors');
    await admin.click('button[aria-label="удалить сектор Музеи"]');
    await admin.click('[data-save]');
    await admin.waitForSelector('[data-remap]');
    expect(await admin.locator('[data-remap]').textContent()).toContain('«museums» (1 обр.)');
    expect(await version('sectors')).toBe(before);
    await admin.locator('select[aria-label="перенести обращения сектора museums"]').selectOption('other');
    await admin.click('text=Перенести и сохранить');
    await admin.waitForSelector('[data-banner="saved"]');
    expect(await admin.locator('[data-banner="saved"]').textContent()).toContain('Перенесено открытых обращений: 1');
    expect(await version('sectors')).toBe(before + 1);
    expect(hub.log.get('appeal:museum-1')).toMatchObject({ sector: 'other', version: 2 });
  });

  it('a ПОС export uploaded on the page is imported: upload progress, then the import’s counts', async () => {
    await admin.click('text=Загрузка выгрузок');
    await admin.locator('select[aria-label="формат выгрузки"]').selectOption('pos');
    await admin.locator('input[aria-label="файл выгрузки"]').setInputFiles('docs/integrations/samples/pos-export.csv');
    await admin.waitForSelector('[data-import-report="done"]', { timeout: 60_000 });
    const text = (await admin.locator('[data-import-report]').textContent())!;
    const accepted = Number(/новых: (\d+)/.exec(text)![1]);
    expect(accepted).toBeGreaterThan(0);
    expect(Number(/с ошибками: (\d+)/.exec(text)![1])).toBeGreaterThan(0); // the sample has bad rows, each listed
    expect(await admin.locator('[data-import-report] tbody tr').count()).toBeGreaterThan(0);
    expect(await admin.locator('[role="progressbar"]').getAttribute('aria-valuenow')).toBe('100');
    await shot(admin, 'import-report');
  });

  it('history shows the diff and one click rolls back', async () => {
    await admin.click('[data-doc-item="sectors"] button');
    await admin.click('role=tab[name="История"]');
    await admin.waitForSelector('[data-history] [data-version="2"]');
    await admin.click('[data-version="2"] >> text=изменения');
    await admin.waitForSelector('[data-diff] .add');
    expect((await admin.locator('[data-diff] .add').allTextContents()).map((t) => t.replace(/\s+/g, ' '))).toContain('+ "id": "parks",');
    await shot(admin, 'history-diff');
    // The parks appeal is closed, so the rollback that drops its sector needs no remap.
    await hub.ingest.ingest('test', {
      upserts: [makeAppeal({ id: 'park-2', version: 2, sector: 'parks', status: 'closed', createdAt: Date.now() - 60_000, answeredAt: Date.now() - 1000 })],
      removes: [],
    });
    const before = await version('sectors');
    await admin.click('[data-rollback="1"]');
    await expect.poll(() => version('sectors'), { timeout: 10_000 }).toBe(before + 1);
    const body = (
      (await (await fetch(`${hub.url}/api/v1/config/sectors`, { headers: { authorization: 'Bearer dev-admin' } })).json()) as { body: { id: string }[] }
    ).body;
    expect(body.map((s) => s.id)).not.toContain('parks');
    const again = await hub.ingest.ingest('test', { upserts: [makeAppeal({ id: 'park-3', sector: 'parks', createdAt: Date.now() - 60_000 })], removes: [] });
    expect(again.rejected.map((r) => r.reason)).toEqual(['unknown-sector']);
  });
});
