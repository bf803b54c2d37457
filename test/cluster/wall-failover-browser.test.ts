/**
 * Issue 16 end to end in a real Chromium: the wall page (renderer build) loaded from hub node A
 * with `?hub=A,B`; its feed worker is on A (`<html data-hub>`); A is killed (`kill -9`), and the
 * wall moves to B and goes on with the changes ingested there, at the same seq as B.
 * Needs `npm run build` (the renderer in out/renderer) like the browser tests.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { health, startHubProcess, stopAllHubProcesses, type HubProcess } from '../support/hub-process';
import { ingestLoop, type IngestStats } from './cluster-clients';
import { freePort, startNatsCluster, type NatsCluster } from './nats-cluster';

let nats: NatsCluster;
let browser: Browser;
let a: HubProcess;
let b: HubProcess;

beforeAll(async () => {
  nats = await startNatsCluster(1);
  const [pa, pb] = [await freePort(), await freePort()];
  const args = (other: number) => ['--log', nats.urls, '--stream', 'browser', '--heartbeat-ms', '1000', '--allow-origin', `http://127.0.0.1:${other}`];
  [a, b] = await Promise.all([
    startHubProcess({ data: null, port: pa, args: args(pb), startTimeoutMs: 60_000 }),
    startHubProcess({ data: null, port: pb, args: args(pa), startTimeoutMs: 60_000 }),
  ]);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stopAllHubProcesses();
  await nats?.stop();
});

async function ingest(url: string, run: string, batches: number): Promise<IngestStats> {
  const stats: IngestStats = { acked: new Set(), maxSeq: 0, retries: 0 };
  let n = 0;
  await ingestLoop(() => [url], run, { size: 5, pauseMs: 0, stop: () => n++ >= batches, stats });
  return stats;
}

it('the wall page moves from a killed hub node to the next one and carries on at the same seq', async () => {
  await ingest(a.url, 'before', 4);
  const page = await browser.newPage({ viewport: { width: 960, height: 540 } });
  await page.goto(`${a.url}/#/wall/main?token=dev-wall&hub=${a.url},${b.url}`);
  const attr = (name: string) => page.evaluate((n) => document.documentElement.getAttribute(n), name);
  await expect.poll(() => attr('data-hub'), { timeout: 30_000 }).toBe(a.url);
  await expect.poll(() => attr('data-seq'), { timeout: 30_000 }).toBe(String((await health(a.url)).headSeq));
  await a.kill('SIGKILL');
  const after = await ingest(b.url, 'after', 3);
  await expect.poll(() => attr('data-hub'), { timeout: 15_000 }).toBe(b.url);
  await expect.poll(() => attr('data-seq'), { timeout: 15_000 }).toBe(String(after.maxSeq));
  expect(await attr('data-epoch')).toBe((await health(b.url)).epoch);
  await expect.poll(() => attr('data-entities'), { timeout: 15_000 }).toBe('35');
});
