/**
 * Wall agents on /admin against a real hub: health reaches /metrics; an operator's reload
 * and capture reach the PC that drives the screen, and its answer comes back.
 */
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { WallHealth } from '../app/protocol/admin';
import { startTestHub } from '../test/support/hub-fixture';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
async function admin(url: string, auth: object): Promise<Socket> {
  const s = io(`${url}/admin`, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
  cleanups.push(() => s.close());
  await new Promise<void>((r, j) => (s.once('connect', () => r()), s.once('connect_error', j)));
  return s;
}
const health = (healthy: boolean): WallHealth => ({
  pc: 'pc-1',
  appVersion: '0.1.0',
  at: Date.now(),
  skipped: [],
  screens: [
    {
      screenId: 'main',
      phase: healthy ? 'running' : 'safe-screen',
      healthy,
      since: Date.now(),
      lastHeartbeatAgeMs: 200,
      reloads: 2,
      recentFailures: 0,
      lastProblem: null,
      displayId: 1,
      bounds: { x: 0, y: 0, width: 1920, height: 1080 },
    },
  ],
});

describe('wall screens on /admin', () => {
  it('exports reported health and relays reload and capture to the right PC', async () => {
    const h = await startTestHub();
    cleanups.push(() => h.close());
    const agent = await admin(h.url, { token: 'dev-admin', client: 'wall-agent', pc: 'pc-1' });
    const reloads: unknown[] = [];
    agent.on('screen:reload', (msg, ack) => (reloads.push(msg), ack({ ok: true })));
    agent.on('screen:capture', (_msg, ack) => ack({ ok: true, png: 'iVBORw0KGgo=', width: 960, height: 540, capturedAt: Date.now() }));
    agent.emit('screen:health', health(true));
    await expect
      .poll(async () => await (await fetch(`${h.url}/metrics`)).text())
      .toMatch(/^cur_wall_screen_healthy\{pc="pc-1",phase="running",screen="main"\} 1$/m);

    const operator = await admin(h.url, { token: 'dev-admin' });
    expect(await operator.emitWithAck('screen:reload', { screenId: 'main' })).toEqual({ ok: true });
    expect(reloads).toEqual([{ screenId: 'main' }]);
    expect(await operator.emitWithAck('screen:capture', { screenId: 'main', maxWidth: 960 })).toMatchObject({ ok: true, width: 960 });
    expect(await operator.emitWithAck('screen:reload', { screenId: 'lobby' })).toMatchObject({ ok: false, error: expect.stringMatching(/not reported/) });

    agent.emit('screen:health', health(false));
    await expect
      .poll(async () => await (await fetch(`${h.url}/metrics`)).text())
      .toMatch(/^cur_wall_screen_healthy\{pc="pc-1",phase="safe-screen",screen="main"\} 0$/m);
  });
});
