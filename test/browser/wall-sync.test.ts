/**
 * Two wall windows switch scenes together at the scheduled hub time, without talking to each
 * other: both run the built-in 5-second test playlist (`&playlist=test`), and each switch of
 * `data-scene` (stamped by the page's clock, which is the hub's on one machine) must be the
 * scene `sceneAt` prescribes at that instant, within a moment of its scheduled start.
 */
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sceneKey } from '../../app/scenes/scene';
import { sceneAt } from '../../app/scenes/scene-at';
import { TEST_PLAYLIST } from '../../renderer/scenes/test-playlist';
import { launchChromium } from '../support/chromium';
import { appeal, startTestHub } from '../support/hub-fixture';
import { openWallPage, STATIC, type SceneSwitch } from './wall-support';

let browser: Browser;
let hub: Awaited<ReturnType<typeof startTestHub>>;
const pages: Page[] = [];

beforeAll(async () => {
  if (!existsSync(`${STATIC}/index.html`)) throw new Error('renderer build missing: run `node scripts/build.mjs renderer` (npm test does)');
  hub = await startTestHub({ staticDir: STATIC, heartbeatMs: 1000 });
  await hub.hub.publish({ upserts: Array.from({ length: 40 }, () => appeal()), removes: [] });
  browser = await launchChromium();
  for (let i = 0; i < 2; i++) pages.push(await openWallPage(browser, hub.url, 'playlist=test', { width: 800, height: 450 }));
  for (const p of pages) await p.waitForSelector('html[data-feed-state="live"][data-scene]', { timeout: 60_000 });
});

afterAll(async () => {
  await browser?.close();
  await hub?.close();
});

/**
 * The switches a page made to slots scheduled after `since` (its first log entry is the
 * initial scene, not a switch). By the scheduled instant, not the moment seen: a switch right
 * at `since` counts on both windows or on neither.
 */
async function switches(p: Page, since: number): Promise<SceneSwitch[]> {
  const log = await p.evaluate(() => window.__sceneLog!.slice(1));
  return log.filter((s) => sceneAt(TEST_PLAYLIST, s.at).startedAt > since);
}

describe('scene rotation across windows', () => {
  it('switches data-scene on both windows at the scheduled hub time', async () => {
    // Both windows are up: watch the next two switches (5-second dwell) on each.
    const since = Date.now();
    // (A switch is logged at or after its scheduled instant, so `at > since + 1 s` is after.)
    for (const p of pages) await p.waitForFunction((t) => window.__sceneLog!.slice(1).filter((s) => s.at > t).length >= 2, since + 1000, { timeout: 30_000 });
    const [a, b] = [await switches(pages[0]!, since), await switches(pages[1]!, since)];
    for (const log of [a, b]) {
      for (const s of log) {
        const slot = sceneAt(TEST_PLAYLIST, s.at);
        // The scene shown is the one the schedule prescribes at the instant it came on (how
        // late after the slot's start is machine load, not a property of the wall).
        expect(s.scene).toBe(sceneKey(slot.scene));
      }
    }
    // The same switches on both windows: same scenes at the same scheduled instants.
    const slotOf = (s: SceneSwitch) => `${s.scene}@${sceneAt(TEST_PLAYLIST, s.at).startedAt}`;
    expect(a.slice(0, 2).map(slotOf)).toEqual(b.slice(0, 2).map(slotOf));
  });
});
