/**
 * Named officers on the touch panel (issue 15), in Chromium against a real hub: the header
 * shows the token's holder, a wrong PIN is refused in Russian, the right one switches the
 * officer without a new token; a critical alarm's «Квитировать» waits for a comment; the
 * acknowledgement carries the officer's name in the panel, in `GET /api/v1/alarms` and in the
 * audit; «Выйти», or 10 minutes without a touch, goes back to the token's holder. With DOCS=1 it also writes
 * docs/shift/officers-touch.png (look at it).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlarmRecord } from '../../app/alarms/alarm-record';
import type { Entity } from '../../app/domain/entity';
import { controlRenderer } from '../dsl/renderer-build';
import { TouchStory } from '../dsl/touch';
import { launchChromium } from '../support/chromium';
import { appeal, startTestHub } from '../support/hub-fixture';

let browser: Browser;
let hub: Awaited<ReturnType<typeof startTestHub>>;
let cleanup = () => {};
let touch: TouchStory;

const KANASH = '97516000';
/** Heating off at two schools: critical in the heating season, else the residents' rule (major). */
const school: Entity = {
  kind: 'accident',
  id: 'officer-acc-1',
  version: 1,
  municipality: KANASH,
  lon: 47.49,
  lat: 55.5,
  resource: 'heat',
  status: 'active',
  address: 'г. Канаш, ул. Ленина, д. 1',
  operator: 'ТГК-5',
  residents: 2400,
  buildings: 9,
  socialObjects: 2,
  startedAt: Date.now() - 20 * 60_000,
  plannedRestoreAt: Date.now() + 3_600_000,
};

async function api(path: string, init: RequestInit = {}): Promise<unknown> {
  const r = await fetch(`${hub.url}${path}`, { ...init, headers: { authorization: 'Bearer dev-admin', 'content-type': 'application/json', ...init.headers } });
  expect(r.status, path).toBe(200);
  return r.json();
}

beforeAll(async () => {
  const r = await controlRenderer();
  cleanup = r.cleanup;
  hub = await startTestHub({ staticDir: r.dir, heartbeatMs: 1000 });
  const people = (await api('/api/v1/config/people')) as { version: number };
  await api('/api/v1/config/people', {
    method: 'PUT',
    body: JSON.stringify({
      baseVersion: people.version,
      body: { idleMinutes: 10, people: [{ id: 'ivanov', name: 'Иванов И. И.', position: 'дежурный', role: 'touch', pin: '4321' }] },
    }),
  });
  await hub.hub.publish({
    upserts: [appeal({ municipality: KANASH, lon: 47.49, lat: 55.5, org: 'omsu-kanashsky', title: 'Нет отопления в доме' }), appeal()],
    removes: [],
  });
  await hub.ingest.ingest('test', { upserts: [school], removes: [] });
  browser = await launchChromium();
  touch = await TouchStory.open(browser, `${hub.url}/#/touch?token=dev-touch`);
  await touch.expectItems(3);
});
afterAll(async () => {
  await browser?.close();
  await hub?.close();
  cleanup();
});

const officerName = () => touch.page.locator('[data-officer]').getAttribute('data-officer');

/** Taps a key of the PIN pad (a finger on the key's centre). */
async function key(name: string): Promise<void> {
  const b = touch.page.getByRole('dialog').getByRole('button', { name, exact: true });
  const box = (await b.boundingBox())!;
  await touch.page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
}

async function typePin(pin: string): Promise<void> {
  await touch.tap('Войти по PIN');
  for (const d of pin) await key(d);
  await key('Подтвердить PIN');
}

describe('named officers on the touch panel', () => {
  it('signs in by PIN, shows the name, and the acknowledgement carries it', async () => {
    await expect.poll(officerName, { timeout: 10_000 }).toBe('Дежурный (демо)');
    const item = touch.page.locator('li[data-alarm]').first();
    await item.waitFor({ timeout: 15_000 });
    const id = (await item.getAttribute('data-alarm'))!;
    const critical = (await item.getAttribute('class'))!.includes('alarm-critical');

    await typePin('0000');
    await expect.poll(() => touch.page.locator('.pin-error').textContent(), { timeout: 10_000 }).toBe('неверный PIN');
    await key('Отмена');
    await typePin('4321');
    await expect.poll(officerName, { timeout: 10_000 }).toBe('Иванов И. И.');
    expect(await touch.page.locator('.officer-who').textContent()).toBe('Иванов И. И., дежурный');

    const ack = item.getByRole('button', { name: /^Квитировать/ });
    if (critical) expect(await ack.isDisabled()).toBe(true);
    await item.locator('textarea').fill('вызвана аварийная бригада');
    if (process.env.DOCS === '1') await touch.page.screenshot({ path: 'docs/shift/officers-touch.png' });
    await ack.click();
    await expect.poll(() => item.getAttribute('data-acked'), { timeout: 10_000 }).toBe('yes');
    expect(await item.locator('[data-acked-by]').textContent()).toMatch(/^Квитировал: Иванов И\. И\. в \d\d:\d\d МСК — «вызвана аварийная бригада»$/);

    const { alarms } = (await api('/api/v1/alarms?state=all')) as { alarms: AlarmRecord[] };
    expect(alarms.find((a) => a.id === id)).toMatchObject({ ackedBy: 'Иванов И. И.', comment: 'вызвана аварийная бригада' });
    const { entries } = (await api('/api/v1/audit?limit=50')) as { entries: { command: string; result: string; person: string | null }[] };
    expect(entries.find((e) => e.command.includes('alarm:ack') && e.result === 'ok')?.person).toBe('Иванов И. И.');
    expect(entries.find((e) => e.command === 'officer:signin' && e.result === 'ok')?.person).toBe('Иванов И. И.');

    await touch.tap('Выйти');
    await expect.poll(officerName, { timeout: 10_000 }).toBe('Дежурный (демо)');
  });

  it("signs the officer out after the people document's idle minutes without a touch", async () => {
    // The page's timers from here on run on a clock the test moves.
    await touch.page.clock.install();
    await typePin('4321');
    await expect.poll(officerName, { timeout: 10_000 }).toBe('Иванов И. И.');
    await touch.page.clock.fastForward('09:00');
    expect(await officerName()).toBe('Иванов И. И.');
    await touch.page.clock.fastForward('01:30');
    await expect.poll(officerName, { timeout: 10_000 }).toBe('Дежурный (демо)');
  });
});
