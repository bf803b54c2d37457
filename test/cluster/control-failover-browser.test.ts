/**
 * Issue 16 end to end in a real Chromium, for the control pages: the touch panel and the
 * presenter, loaded from a hub node with `?hub=X,Y`, move their control link to Y when X is
 * killed (`kill -9`): `<html data-hub>` names Y within the 5 s, and a command given
 * after the switch («Показать на стене», a script step) reaches a wall on Y. An officer signed
 * in by PIN on X is asked for the PIN again on Y («Связь переключена на другой узел — войдите
 * снова») and the panel does not command as the token's holder meanwhile. A node that hangs
 * (`SIGSTOP`: TCP open, heartbeats stopped) is left after 2.5 heartbeat intervals.
 * Three hub processes on one real nats-server (the log and the control state shared through
 * its streams). Needs `node scripts/build.mjs` (the renderer in out/renderer, the hub in out/hub).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TouchStory } from '../dsl/touch';
import { WallSocket } from '../dsl/wall';
import { launchChromium } from '../support/chromium';
import { makeAppeal } from '../support/entities';
import { startHubProcess, stopAllHubProcesses, type HubProcess } from '../support/hub-process';
import { freePort, startNatsCluster, type NatsCluster } from './nats-cluster';

const KANASH = '97516000';
const SWITCH_MS = 5_000;
const REAUTH = 'Связь переключена на другой узел — войдите снова';

let nats: NatsCluster;
let browser: Browser;
let a: HubProcess;
let b: HubProcess;
let c: HubProcess;
const walls: WallSocket[] = [];
/** A node's command line (the same stream, every other node's origin allowed). */
let args: (port: number) => string[];

async function api(url: string, path: string, init: RequestInit = {}): Promise<unknown> {
  const r = await fetch(`${url}${path}`, { ...init, headers: { authorization: 'Bearer dev-admin', 'content-type': 'application/json', ...init.headers } });
  expect(r.status, path).toBe(200);
  return r.json();
}

beforeAll(async () => {
  nats = await startNatsCluster(1);
  const ports = [await freePort(), await freePort(), await freePort()];
  args = (self: number) => [
    '--log',
    nats.urls,
    '--stream',
    'control',
    '--heartbeat-ms',
    '1000',
    ...ports.filter((p) => p !== self).flatMap((p) => ['--allow-origin', `http://127.0.0.1:${p}`]),
  ];
  [a, b, c] = await Promise.all(ports.map((port) => startHubProcess({ data: null, port, args: args(port), startTimeoutMs: 60_000 })));
  // An officer with a PIN (issue 15), saved on A: the configuration is shared through the stream.
  const people = (await api(a.url, '/api/v1/config/people')) as { version: number };
  const saved = (await api(a.url, '/api/v1/config/people', {
    method: 'PUT',
    body: JSON.stringify({
      baseVersion: people.version,
      body: { idleMinutes: 10, people: [{ id: 'ivanov', name: 'Иванов И. И.', position: 'дежурный', role: 'touch', pin: '4321' }] },
    }),
  })) as { version: number };
  for (let until = Date.now() + 15_000; ((await api(b.url, '/api/v1/config/people')) as { version: number }).version !== saved.version;) {
    if (Date.now() > until) throw new Error('the people document did not reach node B');
    await new Promise((r) => setTimeout(r, 200));
  }
  await ingest(a.url, 'before', 2);
  browser = await launchChromium();
}, 180_000);

/** `n` appeals posted to the hub at `url` (one batch), ids unique per `run`. */
async function ingest(url: string, run: string, n: number): Promise<{ maxSeq: number }> {
  const res = await fetch(`${url}/api/v1/ingest`, {
    method: 'POST',
    headers: { authorization: 'Bearer dev-ingest', 'content-type': 'application/json' },
    body: JSON.stringify({
      upserts: Array.from({ length: n }, (_, i) => makeAppeal({ id: `${run}-${i}`, municipality: KANASH, lon: 47.49, lat: 55.5 })),
      removes: [],
    }),
  });
  const body = (await res.json()) as { accepted: number; seq: number };
  expect([res.status, body.accepted]).toEqual([202, n]);
  return { maxSeq: body.seq };
}

afterAll(async () => {
  for (const w of walls) w.close();
  await browser?.close();
  await stopAllHubProcesses();
  await nats?.stop();
});

const html = (page: Page, name: string) => page.evaluate((n) => document.documentElement.getAttribute(n), name);

describe('control pages fail over between hub nodes', () => {
  it('the touch panel moves to B when A is killed; the officer signs in again; «Показать на стене» reaches a wall on B', async () => {
    const touch = await TouchStory.open(browser, `${a.url}/#/touch?token=dev-touch&hub=${a.url},${b.url}`);
    const page = touch.page;
    await expect.poll(() => html(page, 'data-hub'), { timeout: 30_000 }).toBe(a.url);
    expect(await page.locator('[data-node]').getAttribute('data-node')).toBe(a.url);
    await touch.expectItems(2);
    expect(await html(page, 'data-snapshots')).toBe('1');
    const officer = () => page.locator('[data-officer]').getAttribute('data-officer');
    await expect.poll(officer, { timeout: 10_000 }).toBe('Дежурный (демо)');
    await typePin(touch, '4321');
    await expect.poll(officer, { timeout: 10_000 }).toBe('Иванов И. И.');

    const wallB = new WallSocket(b.url);
    walls.push(wallB);
    await a.kill('SIGKILL');
    await expect.poll(() => html(page, 'data-hub'), { timeout: SWITCH_MS }).toBe(b.url);
    expect(await page.locator('[data-node]').getAttribute('data-node')).toBe(b.url);
    // The feed resumed on B: what is ingested there arrives, without a second snapshot.
    const after = await ingest(b.url, 'after', 1);
    await touch.expectItems(3);
    await expect.poll(() => html(page, 'data-seq'), { timeout: 10_000 }).toBe(String(after.maxSeq));
    expect(await html(page, 'data-snapshots')).toBe('1');

    // The PIN sign-in stayed on A: the page says so and names nobody, not the token's holder.
    await expect.poll(() => page.locator('.touch-conn').textContent(), { timeout: 5_000 }).toContain(REAUTH);
    expect(await officer()).toBe('');
    await touch.tap('Канашский');
    await touch.expectScreen('Канашский');
    const before = wallB.states.length;
    await touch.tap('Показать на стене');
    await expect.poll(() => page.locator('.wall-panel [role=status]').textContent(), { timeout: 5_000 }).toContain(REAUTH);
    expect(wallB.states.slice(before).some((s) => s.state.focus?.oktmo === KANASH)).toBe(false);

    await typePin(touch, '4321');
    await expect.poll(officer, { timeout: 10_000 }).toBe('Иванов И. И.');
    expect(await page.locator('.touch-conn').textContent()).not.toContain(REAUTH);
    const since = Date.now();
    await touch.tap('Показать на стене');
    await wallB.until((s) => s.focus?.oktmo === KANASH, since, 10_000);
    expect(wallB.last()!.focus).toMatchObject({ oktmo: KANASH, label: 'Канашский' });
    // Audited on B under the officer who signed in there.
    const shown = async () => {
      const { entries } = (await api(b.url, '/api/v1/audit?limit=200')) as { entries: { command: string; result: string; person: string | null }[] };
      return entries.filter((e) => e.command.startsWith('{"type":"wall:show"') && e.command.includes(KANASH)).map((e) => [e.result, e.person]);
    };
    // The audit is shared through a stream: B lists its own entry once its consumer has it.
    await expect.poll(shown, { timeout: 10_000 }).toEqual([['ok', 'Иванов И. И.']]);
    await touch.close();
  });

  it('the presenter moves to C when B is killed, and its next script step reaches a wall on C', async () => {
    const presenter = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    presenter.on('pageerror', (e) => console.error('presenter pageerror:', e.message));
    await presenter.goto(`${b.url}/#/presenter?token=dev-presenter&hub=${b.url},${c.url}`);
    await presenter.waitForSelector('[data-presenter]', { timeout: 60_000 });
    await expect.poll(() => html(presenter, 'data-hub'), { timeout: 30_000 }).toBe(b.url);
    const wallC = new WallSocket(c.url);
    walls.push(wallC);
    await presenter.keyboard.press('PageDown');
    await wallC.until((s) => s.script?.script === 'weekly' && s.script.step === 1);

    await b.kill('SIGKILL');
    await expect.poll(() => html(presenter, 'data-hub'), { timeout: SWITCH_MS }).toBe(c.url);
    const since = Date.now();
    await presenter.keyboard.press('PageDown');
    await wallC.until((s) => s.script?.script === 'weekly' && s.script.step === 2 && s.scene?.scene.id === 'sla', since, 10_000);
    await presenter.close();
  });

  it('the touch panel leaves a node that hangs (SIGSTOP: its TCP stays open, its heartbeats stop) for the next one', async () => {
    // A again, on its port: it catches up from the stream.
    if (!a.alive()) a = await startHubProcess({ data: null, port: a.port, args: args(a.port), startTimeoutMs: 60_000 });
    const touch = await TouchStory.open(browser, `${c.url}/#/touch?token=dev-touch&hub=${c.url},${a.url}`);
    const page = touch.page;
    await expect.poll(() => html(page, 'data-hub'), { timeout: 30_000 }).toBe(c.url);
    await expect.poll(() => html(page, 'data-snapshots'), { timeout: 15_000 }).toBe('1');
    // Two heartbeats to learn their interval (the link waits 12 s of silence until it knows it).
    await new Promise((r) => setTimeout(r, 2500));
    const wallA = new WallSocket(a.url);
    walls.push(wallA);
    c.child.kill('SIGSTOP');
    try {
      // 2.5 heartbeat intervals of silence (--heartbeat-ms 1000), then the next node.
      await expect.poll(() => html(page, 'data-hub'), { timeout: SWITCH_MS }).toBe(a.url);
      await touch.tap('Канашский');
      await touch.expectScreen('Канашский');
      const since = Date.now();
      await touch.tap('Показать на стене');
      await wallA.until((s) => s.focus?.oktmo === KANASH, since, 10_000);
      expect(await html(page, 'data-snapshots')).toBe('1');
    } finally {
      c.child.kill('SIGCONT');
    }
    await touch.close();
  });
});

/** Taps a key of the PIN pad (a finger on the key's centre). */
async function key(touch: TouchStory, name: string): Promise<void> {
  const btn = touch.page.getByRole('dialog').getByRole('button', { name, exact: true });
  const box = (await btn.boundingBox())!;
  await touch.page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
}

async function typePin(touch: TouchStory, pin: string): Promise<void> {
  await touch.tap('Войти по PIN');
  for (const d of pin) await key(touch, d);
  await key(touch, 'Подтвердить PIN');
}
