import { describe, expect, it, vi } from 'vitest';
import type { IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import { KIOSK_CHANNELS, type KioskScreenInfo } from '../app/protocol/kiosk-api';
import { isTrustedSender, registerKioskIpc } from './ipc';

const HUB = 'http://127.0.0.1:8400';

describe('isTrustedSender', () => {
  it('trusts only the main frame of a page on the hub origin', () => {
    expect(isTrustedSender(`${HUB}/#/wall/main?token=x`, true, HUB)).toBe(true);
  });

  it.each([
    ['another origin', 'http://evil.example/', true],
    ['another port', 'http://127.0.0.1:8401/', true],
    ['https instead of http', 'https://127.0.0.1:8400/', true],
    ['a sub-frame of the hub', `${HUB}/embed`, false],
    ['file://', 'file:///opt/cur/index.html', true],
    ['javascript:', 'javascript:alert(1)', true],
    ['data:', 'data:text/html,hi', true],
    ['about:blank', 'about:blank', true],
    ['no frame', null, true],
    ['empty url', '', true],
  ])('rejects %s', (_name, url, isMainFrame) => {
    expect(isTrustedSender(url, isMainFrame, HUB)).toBe(false);
  });

  it('trusts a page on another node of a hub cluster it is given, and only those', () => {
    const others = ['https://hub-b.cur.local:8400'];
    expect(isTrustedSender('https://hub-b.cur.local:8400/#/wall/main', true, HUB, others)).toBe(true);
    expect(isTrustedSender('https://hub-b.cur.local:8400/#/wall/main', false, HUB, others)).toBe(false);
    expect(isTrustedSender('https://hub-b.cur.local:8400/#/wall/main', true, HUB)).toBe(false);
    expect(isTrustedSender('https://hub-c.cur.local:8400/#/wall/main', true, HUB, others)).toBe(false);
  });
});

/** A fake ipcMain that keeps the registered handlers. */
function fakeIpcMain() {
  const on = new Map<string, (event: IpcMainEvent, ...args: unknown[]) => void>();
  const handle = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown>();
  return {
    on,
    handle,
    ipcMain: {
      on: vi.fn((ch: string, fn: (event: IpcMainEvent, ...args: unknown[]) => void) => on.set(ch, fn)),
      handle: vi.fn((ch: string, fn: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown) => handle.set(ch, fn)),
      removeListener: vi.fn((ch: string) => on.delete(ch)),
      removeHandler: vi.fn((ch: string) => handle.delete(ch)),
    },
  };
}

/** An IPC event from webContents `id`, sent by a frame at `url` (a sub-frame when `sub`). */
function event<T>(id: number, url: string | null, sub = false): T {
  const frame = url === null ? null : { url, parent: sub ? {} : null };
  return { sender: { id }, senderFrame: frame } as unknown as T;
}

function setup() {
  const fake = fakeIpcMain();
  const beats: Array<[string, number, number]> = [];
  const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  const screens = new Map<number, KioskScreenInfo>([[1, { screenId: 'main', index: 0, appVersion: '0.1.0' }]]);
  const dispose = registerKioskIpc({
    ipcMain: fake.ipcMain as never,
    hubOrigin: HUB,
    onHeartbeat: (screenId: string, frame: number, at: number) => beats.push([screenId, frame, at]),
    screenOf: (id) => screens.get(id),
    now: () => 1_000,
    log,
  });
  const heartbeat = fake.on.get(KIOSK_CHANNELS.heartbeat)!;
  const screenInfo = fake.handle.get(KIOSK_CHANNELS.screenInfo)!;
  return { fake, beats, log, dispose, heartbeat, screenInfo };
}

describe('registerKioskIpc', () => {
  it('records heartbeats of our windows per screen', () => {
    const { beats, heartbeat } = setup();
    heartbeat(event(1, `${HUB}/#/wall/main`), 42);
    expect(beats).toEqual([['main', 42, 1_000]]);
  });

  it('ignores and logs heartbeats from an iframe, another origin, an unknown window or with a bad frame', () => {
    const { beats, heartbeat, log } = setup();
    heartbeat(event(1, `${HUB}/x`, true), 1);
    heartbeat(event(1, 'http://evil.example/'), 2);
    heartbeat(event(2, `${HUB}/`), 3);
    heartbeat(event(1, `${HUB}/`), -1);
    heartbeat(event(1, `${HUB}/`), 'x');
    heartbeat(event(1, null), 4);
    expect(beats).toEqual([]);
    expect(log.warn).toHaveBeenCalled();
  });

  it('does not flood the log when a page keeps sending bad messages', () => {
    const { heartbeat, log } = setup();
    for (let i = 0; i < 2500; i++) heartbeat(event(1, 'http://evil.example/'), i);
    expect(log.warn).toHaveBeenCalledTimes(3); // 1st, 1000th, 2000th
  });

  it('answers screen info to our windows and rejects everyone else', () => {
    const { screenInfo } = setup();
    expect(screenInfo(event(1, `${HUB}/#/wall/main`))).toEqual({ screenId: 'main', index: 0, appVersion: '0.1.0' });
    expect(() => screenInfo(event(1, 'file:///x'))).toThrow(/untrusted/);
    expect(() => screenInfo(event(1, `${HUB}/`, true))).toThrow(/untrusted/);
    expect(() => screenInfo(event(9, `${HUB}/`))).toThrow(/unknown window/);
  });

  it('removes its handlers on dispose', () => {
    const { fake, dispose } = setup();
    dispose();
    expect(fake.on.size).toBe(0);
    expect(fake.handle.size).toBe(0);
  });
});
