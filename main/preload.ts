/**
 * The preload of every wall window: exposes `window.kiosk` (app/protocol/kiosk-api.ts) and
 * nothing else. It runs sandboxed, so it must be bundled into one CommonJS file with
 * `electron` external (a sandboxed preload can `require` only `electron` and a few Node
 * polyfills). No generic IPC passthrough: each method sends on its own fixed channel.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { KIOSK_CHANNELS, type KioskApi, type KioskScreenInfo } from '../app/protocol/kiosk-api';

const api: KioskApi = {
  isKiosk: true,
  reportHeartbeat(frame: number): void {
    ipcRenderer.send(KIOSK_CHANNELS.heartbeat, frame);
  },
  getScreenInfo(): Promise<KioskScreenInfo> {
    return ipcRenderer.invoke(KIOSK_CHANNELS.screenInfo) as Promise<KioskScreenInfo>;
  },
};

contextBridge.exposeInMainWorld('kiosk', api);
