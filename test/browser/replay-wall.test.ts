/**
 * Replay of the hub's log (issue 7), against a real hub whose clock the test moves: the
 * curator starts «Повтор с T» on the presenter; the presenter and the touch panel show
 * «ПОВТОР» and exactly the entities of T, compared with the hub's own state at that moment
 * (replay API, and the log itself); at ×60 the later changes arrive; «Вернуться к онлайн»
 * brings the live data back. A wall page switches its data source too: its map counts
 * (`html[data-entities]`) are those of the replayed moment, and a frozen moment holds while
 * live changes arrive underneath.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entityKey, type Entity } from '../../app/domain/entity';
import { toMskInput } from '../../renderer/presenter/datetime-input';
import { controlRenderer } from '../dsl/renderer-build';
import { TouchStory } from '../dsl/touch';
import { openWall } from '../dsl/wall';
import { launchChromium } from '../support/chromium';
import { appeal, startTestHub } from '../support/hub-fixture';

const GAP_MS = 120_000;
let skew = 0;
let browser: Browser;
let hub: Awaited<ReturnType<typeof startTestHub>>;
let cleanup = () => {};
let presenter: Page;
let touch: TouchStory;
/** A wall page, opened during the replay and kept to the end. */
let wall: Page | undefined;
/** The replayed moment: after batch A, GAP_MS (hub time) before batch B. */
let T: number;
const A = Array.from({ length: 6 }, (_, i) => appeal({ id: `rA${i}` }));
const B: Entity[] = [appeal({ id: 'rB0' }), appeal({ id: 'rB1' }), appeal({ id: 'rB2' }), { ...A[0]!, version: 2, status: 'closed' } as Entity];

/** The hub log's own state at `at`: every change with serverTime ≤ at. */
function logCountAt(at: number): number {
  const state = new Set<string>();
  for (const d of hub.log.deltasUntil(0, at, 100_000)) {
    for (const e of d.upserts) state.add(entityKey(e));
    for (const r of d.removes) state.delete(entityKey(r));
  }
  return state.size;
}

async function apiCountAt(at: number): Promise<number> {
  const res = await fetch(`${hub.url}/api/v1/replay/state?at=${at}`, { headers: { authorization: 'Bearer dev-presenter' } });
  return ((await res.json()) as { entities: unknown[] }).entities.length;
}

const shown = async (page: Page, root: string) => ({
  mode: await page.getAttribute(root, 'data-data-mode'),
  count: Number(await page.getAttribute(root, 'data-entities')),
  at: Number(await page.getAttribute(root, 'data-data-at')),
});

beforeAll(async () => {
  const r = await controlRenderer();
  cleanup = r.cleanup;
  hub = await startTestHub({ staticDir: r.dir, heartbeatMs: 500, now: () => Date.now() + skew });
  await hub.hub.publish({ upserts: A, removes: [] });
  T = Math.ceil((Date.now() + 1) / 1000) * 1000;
  while (Date.now() <= T + 20) await new Promise((res) => setTimeout(res, 10));
  // Two minutes later in hub time: B closes one of A, removes two and adds three.
  skew = GAP_MS;
  await hub.hub.publish({
    upserts: B,
    removes: [
      { kind: 'appeal', id: 'rA1' },
      { kind: 'appeal', id: 'rA2' },
    ],
  });
  browser = await launchChromium();
  presenter = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  presenter.on('pageerror', (e) => console.error('presenter pageerror:', e.message));
  await presenter.goto(`${hub.url}/#/presenter?token=dev-presenter`);
  await presenter.waitForFunction(() => document.querySelector('[data-presenter]')?.getAttribute('data-entities') === '7', null, { timeout: 15_000 });
  touch = await TouchStory.open(browser, `${hub.url}/#/touch?token=dev-touch`, { width: 1280, height: 800 });
  await touch.expectItems(7);
});
afterAll(async () => {
  await browser?.close();
  await hub?.close();
  cleanup();
});

async function startReplay(speed: 1 | 10 | 60): Promise<void> {
  await presenter.getByLabel('Повтор с').fill(toMskInput(T));
  await presenter.getByRole('button', { name: `×${speed}`, exact: true }).click();
  await presenter.getByRole('button', { name: 'Запустить повтор' }).click();
}

describe('replay', () => {
  it('shows the entity counts of T on the presenter and the touch panel, as the hub’s log has them', async () => {
    expect(logCountAt(T)).toBe(A.length);
    expect(await apiCountAt(T)).toBe(A.length);
    await startReplay(1);
    await expect.poll(() => shown(presenter, '[data-presenter]'), { timeout: 10_000 }).toMatchObject({ mode: 'replay', count: A.length });
    for (const [page, root] of [
      [presenter, '[data-presenter]'],
      [touch.page, '[data-touch-panel]'],
    ] as const) {
      await expect.poll(async () => (await shown(page, root)).count, { timeout: 10_000 }).toBe(A.length);
      const s = await shown(page, root);
      expect(s.mode).toBe('replay');
      expect(s.at).toBeGreaterThanOrEqual(T);
      expect(s.at).toBeLessThan(T + GAP_MS);
      expect(s.count).toBe(await apiCountAt(s.at));
      expect(s.count).toBe(logCountAt(s.at));
      expect(await page.textContent('[data-replay-banner]')).toMatch(/^ПОВТОР/);
    }
    expect(await touch.figure('Всего')).toBe(String(A.length));
  });

  it('shows the entity counts of T on a wall page', async () => {
    // Opened while the replay runs: it starts with the replayed moment, not with live data.
    const w = (wall = await openWall(browser, hub.url));
    await expect.poll(() => shown(w, 'html'), { timeout: 30_000 }).toMatchObject({ mode: 'replay', count: A.length });
    const s = await shown(w, 'html');
    expect(s.at).toBeGreaterThanOrEqual(T);
    expect(s.at).toBeLessThan(T + GAP_MS);
    expect(s.count).toBe(await apiCountAt(s.at));
    expect(s.count).toBe(logCountAt(s.at));
    expect(await w.textContent('[data-replay-banner]')).toMatch(/^ПОВТОР\d\d\.\d\d\.\d{4} \d\d:\d\d:\d\d×1/);
  });

  it('plays the later changes at ×60, then goes back to live with one action', async () => {
    await startReplay(60);
    await expect.poll(async () => (await shown(presenter, '[data-presenter]')).at, { timeout: 15_000 }).toBeGreaterThan(T + GAP_MS + 1000);
    const s = await shown(presenter, '[data-presenter]');
    expect(s.count).toBe(A.length - 2 + 3);
    expect(s.count).toBe(await apiCountAt(s.at));
    // The wall page opened by the test before follows the replay too.
    const w = wall!;
    await expect.poll(async () => (await shown(w, 'html')).at, { timeout: 15_000 }).toBeGreaterThan(T + GAP_MS + 1000);
    const ws = await shown(w, 'html');
    expect(ws).toMatchObject({ mode: 'replay', count: A.length - 2 + 3 });
    expect(ws.count).toBe(logCountAt(ws.at));
    await presenter.getByRole('button', { name: 'Вернуться к онлайн' }).click();
    await expect.poll(async () => (await shown(presenter, '[data-presenter]')).mode).toBe('live');
    expect(await presenter.locator('[data-replay-banner]').count()).toBe(0);
    await expect.poll(async () => (await shown(touch.page, '[data-touch-panel]')).mode).toBe('live');
    expect((await shown(touch.page, '[data-touch-panel]')).count).toBe(7);
    await expect.poll(() => shown(w, 'html'), { timeout: 15_000 }).toMatchObject({ mode: 'live', count: 7 });
    expect(await w.locator('[data-replay-banner]').count()).toBe(0);
  });

  it('holds a frozen moment on a wall page while live changes arrive, then shows them', async () => {
    const w = wall ?? (wall = await openWall(browser, hub.url));
    await expect.poll(() => shown(w, 'html'), { timeout: 30_000 }).toMatchObject({ mode: 'live', count: 7 });
    await presenter.getByRole('button', { name: 'Зафиксировать данные' }).click();
    await expect.poll(() => w.getAttribute('[data-replay-banner]', 'data-replay-banner'), { timeout: 15_000 }).toBe('frozen');
    const frozenAt = Number(await w.getAttribute('[data-replay-banner]', 'data-replayed-at'));
    await expect.poll(() => shown(w, 'html'), { timeout: 15_000 }).toMatchObject({ mode: 'frozen', count: 7, at: frozenAt });
    expect(await w.textContent('[data-replay-banner]')).toMatch(/^ДАННЫЕ НА\d\d\.\d\d\.\d{4} \d\d:\d\d/);

    await hub.hub.publish({ upserts: [appeal({ id: 'rC0' }), appeal({ id: 'rC1' })], removes: [] });
    // The live store took the change (its seq is the hub's head), the screen still holds the moment.
    await expect.poll(() => w.getAttribute('html', 'data-seq'), { timeout: 15_000 }).toBe(String(hub.log.headSeq));
    expect(await shown(w, 'html')).toMatchObject({ mode: 'frozen', count: 7, at: frozenAt });

    await presenter.getByRole('button', { name: 'Снять фиксацию' }).click();
    await expect.poll(() => shown(w, 'html'), { timeout: 15_000 }).toMatchObject({ mode: 'live', count: 9 });
    expect(await w.locator('[data-replay-banner]').count()).toBe(0);
  });
});
