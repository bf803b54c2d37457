/**
 * Latency bench (issues 5 and 7): how long the wall page takes to show what the hub sends,
 * on the real hub, the real renderer build and Debian's Chromium, with the demo's history
 * on the map. Three paths, each timed from the moment the hub accepted the change or command
 * to the moment the page's `<html data-*>` attribute changed (page clock = this machine's):
 *
 * - delta (the baseline): an ingested appeal → `data-seq` reaches its seq;
 * - alarm: an ingested critical accident → `data-alarm` (issue 5's target: 2 s);
 * - focus: a touch panel's `focus:set` → `data-focus` (issue 7's target: 1 s).
 *
 * The alarm and focus paths are reported as a ratio to the delta path measured in the same
 * run: the machine's load moves all three. Asserts nothing; timing belongs here, not in tests.
 *
 *   node bench/run.mjs latency                      # 8 rounds of each
 *   BENCH_ROUNDS=20 node bench/run.mjs latency
 */
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { DEFAULT_ALARM_RULES } from '../app/alarms/alarm-rules';
import { evaluateAlarms } from '../app/alarms/evaluate-alarms';
import { Commander, criticalAccident, demoEntities, STATIC } from '../test/browser/wall-support';
import { launchChromium } from '../test/support/chromium';
import { appeal, startTestHub } from '../test/support/hub-fixture';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8);
const TIMEOUT_MS = 30_000;
const MUNICIPALITIES = ['97516000', '97553000', '97701000', '97538000'];

declare global {
  interface Window {
    /** Every change of data-seq / data-alarm / data-focus, stamped by the page's clock. */
    __marks?: Array<{ attr: string; value: string; at: number }>;
  }
}

/** Page time at which `data-<attr>` first satisfied `pred` after `since`, waiting for it. */
async function markAt(page: Page, attr: string, since: number, pred: string): Promise<number> {
  const find = `(window.__marks ?? []).find((m) => m.attr === ${JSON.stringify(attr)} && m.at >= ${since} && (${pred})(m.value))`;
  await page.waitForFunction(`Boolean(${find})`, null, { timeout: TIMEOUT_MS, polling: 20 });
  return page.evaluate(`${find}.at`) as Promise<number>;
}

function stats(xs: number[]): { median: number; p90: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { median: at(0.5), p90: at(0.9), max: s[s.length - 1]! };
}

async function main(): Promise<void> {
  if (!existsSync(`${STATIC}/index.html`)) throw new Error('renderer build missing: run `npm run build` first');
  const hub = await startTestHub({ staticDir: STATIC, heartbeatMs: 1000, retain: 200_000 });
  const history = demoEntities(Date.now());
  for (let i = 0; i < history.length; i += 1000) await hub.hub.publish({ upserts: history.slice(i, i + 1000), removes: [] });
  const touch = new Commander(hub.url, 'touch');
  const browser = await launchChromium();
  try {
    const page = await (await browser.newContext({ viewport: { width: 960, height: 540 } })).newPage();
    page.on('pageerror', (e) => console.error('pageerror:', e.message));
    await page.addInitScript(() => {
      window.__marks = [];
      new MutationObserver((records) => {
        const at = Date.now();
        for (const r of records) {
          if (r.target !== document.documentElement) continue;
          const attr = r.attributeName!.slice('data-'.length);
          window.__marks!.push({ attr, value: document.documentElement.getAttribute(r.attributeName!) ?? '', at });
        }
        // (`document`, not its element: an init script runs before <html> exists.)
      }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-seq', 'data-alarm', 'data-focus'] });
    });
    await page.goto(`${hub.url}/#/wall/main?token=dev-wall`);
    await page.waitForSelector('html[data-feed-state="live"][data-scene]', { timeout: 120_000 });
    // Let the snapshot's first panels pass and the ratings settle before timing.
    await page.waitForTimeout(3000);
    console.log(`${history.length} entities on the wall; ${ROUNDS} rounds of each path`);

    const delta: number[] = [];
    const alarm: number[] = [];
    const focus: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      // delta: a plain appeal.
      let t0 = Date.now();
      const r = await hub.ingest.ingest('bench', { upserts: [appeal({ id: `bench-a-${i}` })], removes: [] });
      delta.push((await markAt(page, 'seq', t0, `(v) => Number(v) >= ${r.seq}`)) - t0);

      // alarm: a critical accident, then acknowledged so the next round starts clear.
      const accident = criticalAccident(Date.now(), `bench-crit-${i}`);
      const ids = evaluateAlarms([accident], Date.now(), DEFAULT_ALARM_RULES, new Set()).map((a) => a.id);
      t0 = Date.now();
      await hub.ingest.ingest('bench', { upserts: [accident], removes: [] });
      // The hub's record id is `<rule>:<entity>~<raisedAt>` (issue 15).
      alarm.push((await markAt(page, 'alarm', t0, `(v) => (v ?? '').startsWith(${JSON.stringify(`${ids[0]}~`)})`)) - t0);
      for (const id of ids) await touch.send({ type: 'alarm:ack', alarmId: id, comment: 'проверка стены' });
      await page.waitForFunction(() => document.documentElement.dataset.alarm === '', null, { timeout: TIMEOUT_MS });

      // focus: «Показать на стене» from the touch panel, then back to the playlist.
      const oktmo = MUNICIPALITIES[i % MUNICIPALITIES.length]!;
      t0 = Date.now();
      await touch.send({ type: 'focus:set', oktmo });
      focus.push((await markAt(page, 'focus', t0, `(v) => v === ${JSON.stringify(oktmo)}`)) - t0);
      await touch.send({ type: 'focus:clear' });
      await page.waitForFunction(() => document.documentElement.dataset.focus === '', null, { timeout: TIMEOUT_MS });
    }

    const base = stats(delta);
    const rows: Array<[string, number[], string]> = [
      ['delta → data-seq (baseline)', delta, '—'],
      ['critical accident → data-alarm', alarm, '2000'],
      ['touch focus:set → data-focus', focus, '1000'],
    ];
    console.log('\n| path | median ms | p90 ms | max ms | target ms | median / baseline |');
    console.log('|---|---|---|---|---|---|');
    for (const [name, xs, target] of rows) {
      const s = stats(xs);
      console.log(`| ${name} | ${s.median} | ${s.p90} | ${s.max} | ${target} | ${(s.median / Math.max(1, base.median)).toFixed(2)} |`);
    }
  } finally {
    touch.close();
    await browser.close();
    await hub.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
