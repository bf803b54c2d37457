import { describe, expect, it, vi } from 'vitest';
import { KIOSK_CHANNELS, type KioskApi } from '../app/protocol/kiosk-api';

const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  send: vi.fn(),
  invoke: vi.fn(() => Promise.resolve({ screenId: 'main', index: 0, appVersion: '0.1.0' })),
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => electron.exposed.set(key, api) },
  ipcRenderer: { send: electron.send, invoke: electron.invoke },
}));

await import('./preload');

describe('preload', () => {
  it('exposes window.kiosk and nothing else', () => {
    expect([...electron.exposed.keys()]).toEqual(['kiosk']);
    const api = electron.exposed.get('kiosk') as KioskApi;
    expect(Object.keys(api).sort()).toEqual(['getScreenInfo', 'isKiosk', 'reportHeartbeat']);
    expect(api.isKiosk).toBe(true);
  });

  it('sends on the fixed channels only', async () => {
    const api = electron.exposed.get('kiosk') as KioskApi;
    api.reportHeartbeat(7);
    expect(electron.send).toHaveBeenCalledWith(KIOSK_CHANNELS.heartbeat, 7);
    await expect(api.getScreenInfo()).resolves.toEqual({ screenId: 'main', index: 0, appVersion: '0.1.0' });
    expect(electron.invoke).toHaveBeenCalledWith(KIOSK_CHANNELS.screenInfo);
  });
});
