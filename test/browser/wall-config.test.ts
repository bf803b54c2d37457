/**
 * Live configuration on a real wall (issue 12): an alarm rule the curator adds over the HTTP API
 * raises the alarm on an open wall without a reload; a configuration document the wall cannot
 * apply keeps the last good one and the status line says so.
 */
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ALARM_RULES } from '../../app/alarms/alarm-rules';
import { launchChromium } from '../support/chromium';
import { startTestHub } from '../support/hub-fixture';
import { accidentAt, openWallPage, STATIC } from './wall-support';

let browser: Browser;
let hub: Awaited<ReturnType<typeof startTestHub>>;
let wall: Page;

beforeAll(async () => {
  if (!existsSync(`${STATIC}/index.html`)) throw new Error('renderer build missing: run `node scripts/build.mjs renderer` (npm test does)');
  hub = await startTestHub({ staticDir: STATIC, heartbeatMs: 1000 });
  browser = await launchChromium();
  wall = await openWallPage(browser, hub.url, 'playlist=test', { width: 960, height: 540 });
  await wall.waitForSelector('html[data-feed-state="live"][data-scene]', { timeout: 60_000 });
});

afterAll(async () => {
  await browser?.close();
  await hub?.close();
});

describe('live configuration on the wall', () => {
  it('an alarm rule added at the hub raises the alarm on an open wall, no reload', async () => {
    const now = Date.now();
    // 640 residents without cold water: below every built-in rule.
    const r = await hub.ingest.ingest('test', { upserts: [accidentAt(now, 'small-outage-acc')], removes: [] });
    expect(r.accepted).toBe(1);
    await wall.evaluate(() => {
      (window as unknown as { __loaded: boolean }).__loaded = true;
    });
    const put = await fetch(`${hub.url}/api/v1/config/alarm-rules`, {
      method: 'PUT',
      headers: { authorization: 'Bearer dev-admin', 'content-type': 'application/json' },
      body: JSON.stringify({
        baseVersion: 1,
        body: [...DEFAULT_ALARM_RULES, { id: 'small-outage', type: 'accident-residents', minResidents: 500, severity: 'major' }],
      }),
    });
    expect(put.status).toBe(200);
    await wall.waitForFunction(() => document.documentElement.dataset.alarm?.startsWith('small-outage:accident:small-outage-acc~'), null, { timeout: 15_000 });
    // The same page: nothing reloaded it.
    expect(await wall.evaluate(() => (window as unknown as { __loaded?: boolean }).__loaded)).toBe(true);
  });

  it('a document the wall cannot apply keeps the last good one and the status line says so', async () => {
    const now = Date.now();
    // The outage ends: no alarm takes the wall over, the scene bar and its status line are back.
    await hub.ingest.ingest('test', { upserts: [accidentAt(now, 'small-outage-acc', { version: 2, status: 'resolved', restoredAt: now })], removes: [] });
    await wall.waitForFunction(() => !document.documentElement.dataset.alarm, null, { timeout: 15_000 });
    // The hub never sends an invalid document; a newer hub's document an older wall cannot read is the case.
    hub.hub.io
      .of('/wall')
      .emit('config:doc', { name: 'alarm-rules', version: 9, body: [{ id: 'broken', type: 'accident-residents', minResidents: -1, severity: 'major' }] });
    const warning = await wall.waitForSelector('[data-config-warning]', { timeout: 15_000 });
    expect(await warning.textContent()).toContain('Настройка «Правила тревог» v9 не применена');
    expect(await warning.textContent()).toContain('действует v2');
    // The hub judges the alarms with its own rules (v2, issue 15): another small outage raises their alarm.
    await hub.ingest.ingest('test', { upserts: [accidentAt(now, 'second-small-acc')], removes: [] });
    await wall.waitForFunction(() => document.documentElement.dataset.alarm?.startsWith('small-outage:accident:second-small-acc~'), null, { timeout: 15_000 });
  });

  it('the production calendar is a document: an unconfirmed year shows the warning, a confirmed one clears it, no reload', async () => {
    // The last outage ends, so no alarm hides the status line.
    const now = Date.now();
    await hub.ingest.ingest('test', { upserts: [accidentAt(now, 'second-small-acc', { version: 2, status: 'resolved', restoredAt: now })], removes: [] });
    await wall.waitForFunction(() => !document.documentElement.dataset.alarm, null, { timeout: 15_000 });
    const y = new Date(now + 3 * 3_600_000).getUTCFullYear();
    const year = (year: number, confirmed: boolean) => ({
      year,
      confirmed,
      source: confirmed ? 'Постановление (тест)' : 'ТК РФ ст. 112 (тест)',
      holidays: [],
      extraDaysOff: [],
      workingWeekendDays: [],
      shortDays: [],
    });
    const put = async (baseVersion: number, body: unknown) => {
      const r = await fetch(`${hub.url}/api/v1/config/production-calendar`, {
        method: 'PUT',
        headers: { authorization: 'Bearer dev-admin', 'content-type': 'application/json' },
        body: JSON.stringify({ baseVersion, body }),
      });
      expect(r.status).toBe(200);
    };
    await put(1, [year(y, false), year(y + 1, false)]);
    await wall.waitForFunction((t) => document.querySelector('[data-calendar-warning]')?.textContent?.includes(t), `производственный календарь на ${y}`, {
      timeout: 15_000,
    });
    await put(2, [year(y, true), year(y + 1, true)]);
    await wall.waitForFunction(() => !document.querySelector('[data-calendar-warning]'), null, { timeout: 15_000 });
  });
});
