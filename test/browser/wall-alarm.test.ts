/**
 * Alarms end to end: an ingested critical accident raises the hub's alarm record (issue 15),
 * `data-alarm` (the record's id) on every wall, which it takes over (the accident's
 * municipality); a key acknowledges it on that window only, or at the hub when the page holds a
 * control token (`&control=`); an acknowledgement from the touch panel (`/touch`, `alarm:ack`,
 * by the token's named holder) clears it everywhere, and the playlist resumes.
 *
 * How fast (the 2 s) is measured by `npm run bench:latency`, not asserted here: a
 * loaded CI machine is not a wall PC, and timing assertions do not belong in tests. What makes
 * the bound hold is asserted where it is deterministic: the hub evaluates at most 500 ms after a
 * broadcast change (hub/alarms/rule-alarms.ts) and the worker posts within 500 ms (panel-engine.ts).
 */
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlarmRecord } from '../../app/alarms/alarm-record';
import { DEFAULT_ALARM_RULES } from '../../app/alarms/alarm-rules';
import { evaluateAlarms } from '../../app/alarms/evaluate-alarms';
import { DEFAULT_HEATING_SEASON, inHeatingSeason } from '../../app/accidents/heating-season';
import { launchChromium } from '../support/chromium';
import { appeal, startTestHub } from '../support/hub-fixture';
import { accidentAt, Commander, criticalAccident, openWallPage, STATIC } from './wall-support';

let browser: Browser;
let hub: Awaited<ReturnType<typeof startTestHub>>;
let plain: Page;
let controlling: Page;
let touch: Commander;

beforeAll(async () => {
  if (!existsSync(`${STATIC}/index.html`)) throw new Error('renderer build missing: run `node scripts/build.mjs renderer` (npm test does)');
  hub = await startTestHub({ staticDir: STATIC, heartbeatMs: 1000 });
  // A few appeals only: a burst of them in one okrug within the hour is a spike alarm of its own (issue 15, app/detect/).
  await hub.hub.publish({ upserts: Array.from({ length: 3 }, () => appeal()), removes: [] });
  touch = new Commander(hub.url, 'touch');
  browser = await launchChromium();
  const size = { width: 960, height: 540 };
  plain = await openWallPage(browser, hub.url, 'playlist=test', size);
  controlling = await openWallPage(browser, hub.url, 'playlist=test&control=dev-presenter', size);
  for (const p of [plain, controlling]) await p.waitForSelector('html[data-feed-state="live"][data-scene]', { timeout: 60_000 });
});

afterAll(async () => {
  touch?.close();
  await browser?.close();
  await hub?.close();
});

const alarmOf = (p: Page) => p.getAttribute('html', 'data-alarm');

describe('alarm takeover', () => {
  it('raises data-alarm on ingest, acknowledges by key and from the touch panel, then resumes the playlist', async () => {
    const now = Date.now();
    // Heat at a social object is critical in the heating season only (docs/accidents.md); outside
    // it the accident raises one alarm, so a second accident makes the pair this test needs.
    const season = inHeatingSeason(now, DEFAULT_HEATING_SEASON, '97516000');
    const accidents = [criticalAccident(now, 'alarm-acc'), ...(season ? [] : [accidentAt(now, 'alarm-acc-2', { residents: 1500, startedAt: now - 30_000 })])];
    const [first, second, ...rest] = evaluateAlarms(accidents, now, DEFAULT_ALARM_RULES, new Set()).map((a) => a.id);
    expect([first, second, ...rest]).toEqual(
      season
        ? ['social-object-no-heat:accident:alarm-acc', 'accident-residents:accident:alarm-acc']
        : ['accident-residents:accident:alarm-acc', 'accident-residents:accident:alarm-acc-2'],
    );

    // The hub's records (issue 15): one per condition, the same id on every screen.
    const records: AlarmRecord[][] = [];
    touch.socket.on('alarms:state', (st) => records.push(st.active));
    // Through the ingest pipeline, as a source would send it (validated, logged, broadcast).
    const result = await hub.ingest.ingest('test', { upserts: accidents, removes: [] });
    expect(result.accepted).toBe(accidents.length);
    const recordOf = async (key: string): Promise<AlarmRecord> => {
      await expect.poll(() => records.at(-1)?.some((r) => r.key === key), { timeout: 10_000 }).toBe(true);
      return records.at(-1)!.find((r) => r.key === key)!;
    };
    const [r1, r2] = [await recordOf(first!), await recordOf(second!)];
    for (const p of [plain, controlling]) {
      await p.waitForFunction((id) => document.documentElement.dataset.alarm === id, r1.id, { timeout: 10_000 });
    }
    expect(await plain.getAttribute('html', 'data-scene')).toBe('municipality:97516000');
    expect(await plain.getAttribute('html', 'data-focus')).toBe('97516000');

    // A wall window without a control token acknowledges on its own screen only.
    await plain.keyboard.press('Enter');
    await plain.waitForFunction((id) => document.documentElement.dataset.alarm === id, r2.id, { timeout: 15_000 });
    expect(await alarmOf(controlling)).toBe(r1.id);

    // The touch panel's officer acknowledges the first (a critical one needs a comment): every screen lets it go.
    const comment = r1.severity === 'critical' ? { comment: 'аварийная бригада на месте' } : {};
    expect(await touch.send({ type: 'alarm:ack', alarmId: r1.id, ...comment })).toMatchObject({ ok: true });
    await controlling.waitForFunction((id) => document.documentElement.dataset.alarm === id, r2.id, { timeout: 15_000 });

    // With a control token the key goes to the hub (the presenter token's holder acknowledges): cleared on both, the playlist is back.
    await controlling.keyboard.press('Space');
    await expect.poll(() => records.at(-1)?.find((r) => r.id === r2.id)?.ackedBy, { timeout: 15_000 }).toBe('Куратор (демо)');
    for (const p of [plain, controlling]) {
      await p.waitForFunction(() => document.documentElement.dataset.alarm === '', null, { timeout: 15_000 });
      await p.waitForFunction(() => document.documentElement.dataset.sceneSource === 'playlist', null, { timeout: 15_000 });
    }
  });
});
