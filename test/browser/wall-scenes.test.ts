/**
 * Every scene of the duty-shift wall against a real hub with demo-like data, at a fixed hub
 * time (`&now=`; the hub's clock fixed too, so the scene commands' times are the same on
 * every run): each scene is forced through the control channel (a `/presenter` client sends
 * `scene:set`), compared with its golden (half size, tolerant; `UPDATE=1` rewrites the goldens
 * and docs/scenes/<scene>.png — look at every one), and axe-core finds no colour-contrast
 * violation on it. Last, a critical accident takes the wall over (the alarm scene).
 */
import AxeBuilder from '@axe-core/playwright';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ALARM_RULES } from '../../app/alarms/alarm-rules';
import { evaluateAlarms } from '../../app/alarms/evaluate-alarms';
import { isItem } from '../../app/domain/entity';
import { parseSceneKey } from '../../app/scenes/scene';
import { launchChromium } from '../support/chromium';
import { startTestHub } from '../support/hub-fixture';
import { comparePng, MAX_DIFF_SHARE } from '../render/compare';
import { Commander, criticalAccident, demoEntities, halve, openWallPage, STATIC, waitForMapIdle } from './wall-support';

const here = path.dirname(fileURLToPath(import.meta.url));
const GOLDEN = path.join(here, 'wall-scenes');
const DOCS = path.join(here, '../../docs/scenes');
const UPDATE = process.env.UPDATE === '1';
/** Thursday 20 November 2025, 12:00 МСК: a working day in the heating season. */
const NOW = Date.UTC(2025, 10, 20, 9);
const SCENES: ReadonlyArray<[name: string, key: string]> = [
  ['overview', 'overview'],
  ['housing', 'housing'],
  ['sla', 'sla'],
  ['ratings', 'ratings'],
  ['sector', 'sector:healthcare'],
  ['municipality', 'municipality:97701000'],
];

let browser: Browser;
let hub: Awaited<ReturnType<typeof startTestHub>>;
let presenter: Commander;
let page: Page;

beforeAll(async () => {
  if (!existsSync(`${STATIC}/index.html`)) throw new Error('renderer build missing: run `node scripts/build.mjs renderer` (npm test does)');
  hub = await startTestHub({ staticDir: STATIC, heartbeatMs: 1000, retain: 100_000, now: () => NOW });
  const entities = demoEntities(NOW);
  for (let i = 0; i < entities.length; i += 2000) await hub.hub.publish({ upserts: entities.slice(i, i + 2000), removes: [] });
  presenter = new Commander(hub.url, 'presenter');
  // Alarms of the demo data are acknowledged, so each scene shows as itself.
  for (const a of evaluateAlarms(entities, NOW, DEFAULT_ALARM_RULES, new Set()))
    await presenter.send({ type: 'alarm:ack', alarmId: a.id, comment: 'проверка стены' });
  browser = await launchChromium();
  page = await openWallPage(browser, hub.url, `now=${NOW}`);
  await page.waitForSelector('html[data-map="ready"][data-feed-state="live"]', { timeout: 60_000 });
  // The wall counts the items it draws (appeals, accidents), not the weather readings.
  await page.waitForFunction((n) => document.documentElement.dataset.entities === String(n), entities.filter(isItem).length, { timeout: 60_000 });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}, 180_000);

afterAll(async () => {
  presenter?.close();
  await browser?.close();
  await hub?.close();
});

/** Screenshot, golden and docs copy of what the page shows now; the axe contrast check. */
async function check(name: string): Promise<void> {
  await page.waitForFunction(
    () => !document.querySelector('[data-waiting]') && document.querySelector('[data-kpi="open"] .kpi-value')?.textContent !== '—',
    null,
    { timeout: 20_000 },
  );
  await waitForMapIdle(page);
  const shot = await page.screenshot({ animations: 'disabled' });
  const small = halve(shot);
  const golden = path.join(GOLDEN, `${name}.png`);
  if (UPDATE || !existsSync(golden)) {
    mkdirSync(GOLDEN, { recursive: true });
    mkdirSync(DOCS, { recursive: true });
    writeFileSync(golden, small);
    writeFileSync(path.join(DOCS, `${name}.png`), shot);
    if (!UPDATE) throw new Error(`${name}: no golden yet; wrote one from this run, look at it and rerun`);
  } else {
    const cmp = comparePng(small, readFileSync(golden));
    if (!cmp.sameSize || cmp.share > MAX_DIFF_SHARE) {
      mkdirSync('out/wall-test', { recursive: true });
      writeFileSync(`out/wall-test/${name}-actual.png`, small);
      writeFileSync(`out/wall-test/${name}-diff.png`, cmp.diff);
    }
    expect(cmp.sameSize, `${name}: image size`).toBe(true);
    expect(cmp.share, `${name}: share of differing pixels (see out/wall-test/)`).toBeLessThanOrEqual(MAX_DIFF_SHARE);
  }
  const axe = await new AxeBuilder({ page }).withRules(['color-contrast']).analyze();
  expect(
    axe.violations.flatMap((v) => v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`)),
    `${name}: colour contrast`,
  ).toEqual([]);
}

describe('the duty-shift wall, scene by scene', () => {
  it.each(SCENES)('%s (%s) renders, matches its golden and passes the contrast check', async (name, key) => {
    expect((await presenter.send({ type: 'scene:set', scene: parseSceneKey(key), durationS: 3600 })).ok).toBe(true);
    await page.waitForFunction((k) => document.documentElement.dataset.scene === k, key, { timeout: 10_000 });
    if (key.startsWith('municipality:')) expect(await page.getAttribute('html', 'data-focus')).toBe(key.slice('municipality:'.length));
    else expect(await page.getAttribute('html', 'data-focus')).toBe('');
    // A sector scene (and ЖКХ) draws its sector's appeals only (test/browser/map-sector-filter.test.ts).
    const filter = key === 'housing' ? 'sector:housing' : key.startsWith('sector:') ? key : '';
    await page.waitForFunction((f) => (document.documentElement.dataset.mapFilter ?? '') === f, filter, { timeout: 10_000 });
    // The ratings scene colours the municipalities by their ОМСУ score, with its key.
    if (key === 'ratings') await page.waitForSelector('[data-map-key="choropleth"]', { timeout: 10_000 });
    await check(name);
  });

  it('alarm: a critical accident takes the wall over, with a cue that is not colour alone', async () => {
    await presenter.send({ type: 'scene:clear' });
    await hub.hub.publish({ upserts: [criticalAccident(NOW)], removes: [] });
    // The hub's record (issue 15): `<rule>:<entity>~<raisedAt>`.
    await page.waitForFunction(() => document.documentElement.dataset.alarm?.startsWith('social-object-no-heat:accident:crit-1~'), null, { timeout: 10_000 });
    expect(await page.getAttribute('html', 'data-scene')).toBe('municipality:97516000');
    const banner = (await page.textContent('[role="alert"][data-alarm-id]')) ?? '';
    expect(banner).toContain('Социальные объекты без отопления');
    expect(banner).toContain('Тревога');
    expect(await page.locator('.alarm-icon').textContent()).toBe('⚠');
    await check('alarm');
  });
});
