/**
 * Wall presets on events (issue 15), in Chromium against a real hub: an alarm rule names a
 * scene for the wall screen `main`; while its alarm is up both screens show the takeover (the
 * same record id), `main` in the preset's scene; once a named officer acknowledges it the
 * other screen returns to its playlist and `main` keeps the preset; when the condition ends
 * (the alarm is cleared) `main` returns to its playlist too.
 */
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ALARM_RULES } from '../../app/alarms/alarm-rules';
import { launchChromium } from '../support/chromium';
import { appeal, startTestHub } from '../support/hub-fixture';
import { accidentAt, Commander, STATIC } from './wall-support';

let browser: Browser;
let hub: Awaited<ReturnType<typeof startTestHub>>;
let touch: Commander;
let main: Page;
let side: Page;

async function openScreen(id: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 960, height: 540 } });
  page.on('pageerror', (e) => console.error(`wall ${id} pageerror:`, e.message));
  await page.goto(`${hub.url}/#/wall/${id}?token=dev-wall&playlist=test`);
  await page.waitForSelector('html[data-feed-state="live"][data-scene]', { timeout: 60_000 });
  return page;
}
const attr = (p: Page, name: string) => p.getAttribute('html', name);
const until = (p: Page, name: string, want: string) =>
  p.waitForFunction(([n, w]) => document.documentElement.getAttribute(n!) === w, [name, want] as const, { timeout: 15_000 });

beforeAll(async () => {
  if (!existsSync(`${STATIC}/index.html`)) throw new Error('renderer build missing: run `node scripts/build.mjs renderer` (npm test does)');
  hub = await startTestHub({ staticDir: STATIC, heartbeatMs: 1000 });
  await hub.hub.publish({ upserts: [appeal(), appeal()], removes: [] });
  const rules = [
    ...DEFAULT_ALARM_RULES,
    {
      id: 'water-preset',
      type: 'accident-residents',
      minResidents: 500,
      resources: ['cold_water'],
      severity: 'warning',
      preset: { scene: 'ratings', screens: ['main'] },
    },
  ];
  const put = await fetch(`${hub.url}/api/v1/config/alarm-rules`, {
    method: 'PUT',
    headers: { authorization: 'Bearer dev-admin', 'content-type': 'application/json' },
    body: JSON.stringify({ baseVersion: 1, body: rules }),
  });
  expect(put.status).toBe(200);
  touch = new Commander(hub.url, 'touch');
  browser = await launchChromium();
  [main, side] = [await openScreen('main'), await openScreen('side')];
}, 120_000);
afterAll(async () => {
  touch?.close();
  await browser?.close();
  await hub?.close();
});

describe('wall presets on events', () => {
  it('the preset holds its screen while the alarm is active, acknowledged or not, and is released when it is cleared', async () => {
    const now = Date.now();
    expect((await hub.ingest.ingest('test', { upserts: [accidentAt(now, 'preset-acc')], removes: [] })).accepted).toBe(1);
    for (const p of [main, side])
      await p.waitForFunction(() => document.documentElement.dataset.alarm?.startsWith('water-preset:accident:preset-acc~'), null, { timeout: 15_000 });
    const id = (await attr(main, 'data-alarm'))!;
    expect(await attr(side, 'data-alarm')).toBe(id);
    // The takeover: `main` in the preset's scene, the other screen at the accident's municipality.
    await until(main, 'data-scene', 'ratings');
    await until(side, 'data-scene', 'municipality:97701000');

    expect(await touch.send({ type: 'alarm:ack', alarmId: id })).toMatchObject({ ok: true });
    for (const p of [main, side]) await until(p, 'data-alarm', '');
    await until(side, 'data-scene-source', 'playlist');
    await until(main, 'data-scene-source', 'preset');
    expect(await attr(main, 'data-scene')).toBe('ratings');

    // Acknowledged is not cleared: the preset goes only when the water is back.
    await hub.ingest.ingest('test', { upserts: [accidentAt(now, 'preset-acc', { version: 2, status: 'resolved', restoredAt: Date.now() })], removes: [] });
    await until(main, 'data-scene-source', 'playlist');
  });
});
