import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CaptureAckSchema, WallAgentAuthSchema, WallHealthSchema, type AdminAck, type CaptureAck, type WallHealth } from '../app/protocol/admin';
import { buildWallHealth, createAdminAgent, type AdminAgentDeps } from './admin-agent';
import { connectAdminLink, type AdminLink } from './admin-link';

const silent = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };

function agent(extra: Partial<AdminAgentDeps> = {}) {
  const reloads: string[] = [];
  const deps: AdminAgentDeps = {
    hasScreen: (id) => id === 'main',
    reload: (id) => reloads.push(id),
    capture: async (_id, maxWidth) => ({ png: 'iVBORw0KGgo=', width: Math.min(maxWidth, 1920), height: 540 }),
    now: () => 1_700_000_000_000,
    log: silent,
    ...extra,
  };
  return { agent: createAdminAgent(deps), reloads };
}

describe('buildWallHealth', () => {
  it('reports every screen with its phase, place and whether it is healthy, valid per the contract', () => {
    const h = buildWallHealth({
      pc: 'wall-a',
      appVersion: '0.1.0',
      at: 1_000_000,
      watch: [
        { screenId: 'a', phase: 'running', since: 10, lastHeartbeatAgeMs: 200, reloads: 0, recentFailures: 0, lastProblem: null },
        { screenId: 'b', phase: 'running', since: 10, lastHeartbeatAgeMs: 20_000, reloads: 1, recentFailures: 1, lastProblem: 'renderer gone (oom)' },
        { screenId: 'c', phase: 'safe-screen', since: 10, lastHeartbeatAgeMs: null, reloads: 4, recentFailures: 5, lastProblem: 'x'.repeat(600) },
        { screenId: 'd', phase: 'running', since: 10, lastHeartbeatAgeMs: null, reloads: 0, recentFailures: 0, lastProblem: null },
      ],
      placements: new Map([['a', { displayId: 3, bounds: { x: 0, y: 0, width: 1920, height: 1080 } }]]),
      skipped: [{ screenId: 'e', reason: 'no display at (3840, 0)' }],
      freezeMs: 15_000,
    });
    expect(WallHealthSchema.parse(h)).toEqual(h);
    expect(h.screens.map((s) => [s.screenId, s.healthy, s.displayId])).toEqual([
      ['a', true, 3],
      ['b', false, null],
      ['c', false, null],
      ['d', true, null],
    ]);
    expect(h.screens[2]?.lastProblem).toHaveLength(500);
    expect(h.skipped).toEqual([{ screenId: 'e', reason: 'no display at (3840, 0)' }]);
  });
});

describe('createAdminAgent', () => {
  it('reloads a screen of this PC and acks; refuses unknown screens and bad payloads with a reason', () => {
    const { agent: a, reloads } = agent();
    const acks: AdminAck[] = [];
    a.onReload({ screenId: 'main' }, (r: AdminAck) => acks.push(r));
    a.onReload({ screenId: 'other' }, (r: AdminAck) => acks.push(r));
    a.onReload({ screenId: 'Bad Id' }, (r: AdminAck) => acks.push(r));
    a.onReload('nonsense', (r: AdminAck) => acks.push(r));
    a.onReload({ screenId: 'main' }, 'not a function'); // no ack: still done, never throws
    expect(reloads).toEqual(['main', 'main']);
    expect(acks[0]).toEqual({ ok: true });
    expect(acks.slice(1).map((r) => r.ok)).toEqual([false, false, false]);
    expect(acks[1]).toEqual({ ok: false, error: 'other: нет такого экрана на этом ПК / no such screen on this PC' });
    expect(acks[2]).toMatchObject({ ok: false, error: expect.stringMatching(/^screen:reload: screenId: /) });
  });

  it('captures at the requested width (960 by default) and reports a failed capture in the ack', async () => {
    const { agent: a } = agent();
    const acks: CaptureAck[] = [];
    await a.onCapture({ screenId: 'main' }, (r: CaptureAck) => acks.push(r));
    await a.onCapture({ screenId: 'main', maxWidth: 480 }, (r: CaptureAck) => acks.push(r));
    await a.onCapture({ screenId: 'main', maxWidth: 10 }, (r: CaptureAck) => acks.push(r));
    expect(acks[0]).toEqual({ ok: true, png: 'iVBORw0KGgo=', width: 960, height: 540, capturedAt: 1_700_000_000_000 });
    expect(acks[1]).toMatchObject({ ok: true, width: 480 });
    expect(acks[2]?.ok).toBe(false);
    for (const ack of acks) expect(CaptureAckSchema.parse(ack)).toEqual(ack);

    const failing = agent({ capture: () => Promise.reject(new Error('empty picture')) }).agent;
    const r: CaptureAck[] = [];
    await failing.onCapture({ screenId: 'main' }, (x: CaptureAck) => r.push(x));
    expect(r).toEqual([{ ok: false, error: 'main: empty picture' }]);
  });
});

describe('connectAdminLink (a real socket.io server on port 0)', () => {
  let io: Server | undefined;
  let link: AdminLink | undefined;
  afterEach(async () => {
    link?.close();
    await new Promise<void>((resolve) => (io ? io.close(() => resolve()) : resolve()));
  });

  it('authenticates as a wall agent, reports health at once and periodically, and answers reload and capture', async () => {
    const http = createServer();
    io = new Server(http);
    const seenAuth: unknown[] = [];
    const reports: WallHealth[] = [];
    const nsp = io.of('/admin');
    nsp.use((socket, next) => {
      seenAuth.push(socket.handshake.auth);
      next(socket.handshake.auth.token === 'adm1n-token' ? undefined : new Error('auth: unknown token'));
    });
    const connected = new Promise<Socket>((resolve) => nsp.on('connection', resolve));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const port = (http.address() as AddressInfo).port;

    const { agent: a, reloads } = agent();
    const health = (): WallHealth => ({ pc: 'wall-a', appVersion: '0.1.0', at: Date.now(), screens: [], skipped: [] });
    link = connectAdminLink({ hubOrigin: `http://127.0.0.1:${port}`, token: 'adm1n-token', pc: 'wall-a', agent: a, health, log: silent, intervalMs: 50 });
    const socket = await connected;
    socket.on('screen:health', (h: WallHealth) => reports.push(h));

    expect(WallAgentAuthSchema.parse(seenAuth[0])).toEqual({ token: 'adm1n-token', client: 'wall-agent', pc: 'wall-a' });
    await vi.waitFor(() => expect(reports.length).toBeGreaterThanOrEqual(2), { timeout: 5_000 });
    for (const r of reports) expect(WallHealthSchema.parse(r)).toEqual(r);

    const reloadAck = await socket.timeout(5_000).emitWithAck('screen:reload', { screenId: 'main' });
    expect(reloadAck).toEqual({ ok: true });
    expect(reloads).toEqual(['main']);
    const captureAck = await socket.timeout(5_000).emitWithAck('screen:capture', { screenId: 'main', maxWidth: 640 });
    expect(CaptureAckSchema.parse(captureAck)).toMatchObject({ ok: true, width: 640 });
    const unknown = await socket.timeout(5_000).emitWithAck('screen:capture', { screenId: 'nope' });
    expect(unknown).toMatchObject({ ok: false });
  });

  it('logs a refused token once and keeps retrying', async () => {
    const http = createServer();
    io = new Server(http);
    let attempts = 0;
    io.of('/admin').use((_socket, next) => {
      attempts++;
      next(new Error('auth: unknown token'));
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const port = (http.address() as AddressInfo).port;
    const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    link = connectAdminLink({
      hubOrigin: `http://127.0.0.1:${port}`,
      token: 'wrong',
      pc: null,
      agent: agent().agent,
      health: () => ({ pc: null, appVersion: '0', at: 0, screens: [], skipped: [] }),
      log,
      refusedRetryMs: 50,
    });
    await vi.waitFor(() => expect(attempts).toBeGreaterThanOrEqual(2), { timeout: 10_000 });
    expect(log.warn).toHaveBeenCalledTimes(1);
    expect(log.warn.mock.calls[0]?.[0]).toMatch(/cannot connect to .*\/admin: auth: unknown token; retrying/);
  });
});
