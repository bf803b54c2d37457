/**
 * Main's side of the preload API (`window.kiosk`, app/protocol/kiosk-api.ts). Every message
 * is checked: it must come from the main frame of a page on the hub's origin, or on another node
 * of its cluster (layout `hubs`: a page main moved there after a failed load) (an iframe or a
 * page that somehow navigated elsewhere gets nothing), and its payload is validated.
 */
import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import { KIOSK_CHANNELS, type KioskScreenInfo } from '../app/protocol/kiosk-api';
import { hasOrigin } from './wall-url';

export type Logger = Pick<Console, 'info' | 'warn' | 'error'>;

/**
 * True only for the main frame of an http(s) page on the hub's origin. `file:`, `data:`,
 * `javascript:`, `about:blank` and sub-frames are never trusted.
 */
export function isTrustedSender(
  senderFrameUrl: string | null | undefined,
  isMainFrame: boolean,
  hubOrigin: string,
  otherHubOrigins: readonly string[] = [],
): boolean {
  if (!isMainFrame || !senderFrameUrl) return false;
  if (!/^https?:/i.test(senderFrameUrl)) return false;
  return [hubOrigin, ...otherHubOrigins].some((o) => hasOrigin(senderFrameUrl, o));
}

/** Frame counter sent with a heartbeat: a non-negative safe integer. */
export function isValidFrame(frame: unknown): frame is number {
  return typeof frame === 'number' && Number.isSafeInteger(frame) && frame >= 0;
}

export interface KioskIpcDeps {
  ipcMain: Pick<IpcMain, 'on' | 'handle' | 'removeListener' | 'removeHandler'>;
  hubOrigin: string;
  /** The origins of the other nodes of a hub cluster (layout `hubs`), trusted as the hub's. */
  otherHubOrigins?: readonly string[];
  /** A heartbeat of one of our windows (fed to the watchdog). */
  onHeartbeat(screenId: string, frame: number, at: number): void;
  /** The screen shown by the window with this `webContents.id`, if it is one of ours. */
  screenOf(webContentsId: number): KioskScreenInfo | undefined;
  now?: () => number;
  log?: Logger;
}

type KioskEvent = IpcMainEvent | IpcMainInvokeEvent;

function senderOf(event: KioskEvent): { url: string | null; isMainFrame: boolean } {
  const frame = event.senderFrame;
  // A frame that is gone (navigated away, destroyed) is null: untrusted.
  if (!frame) return { url: null, isMainFrame: false };
  return { url: frame.url, isMainFrame: frame.parent === null };
}

/**
 * Registers the handlers of `KIOSK_CHANNELS`; returns a function that removes them.
 * Rejections are logged, but a flood from a misbehaving page is not: the 1st, 1000th,
 * 2000th… of each channel are.
 */
export function registerKioskIpc(deps: KioskIpcDeps): () => void {
  const { ipcMain, hubOrigin, screenOf } = deps;
  const now = deps.now ?? Date.now;
  const log = deps.log ?? console;
  const rejected = new Map<string, number>();

  const reject = (channel: string, event: KioskEvent, why: string): void => {
    const n = (rejected.get(channel) ?? 0) + 1;
    rejected.set(channel, n);
    if (n === 1 || n % 1000 === 0) {
      log.warn(`[cur-wall] ipc ${channel} rejected (${why}) from webContents ${event.sender.id} ${event.senderFrame?.url ?? '(no frame)'}; total ${n}`);
    }
  };
  const trusted = (event: KioskEvent): boolean => {
    const s = senderOf(event);
    return isTrustedSender(s.url, s.isMainFrame, hubOrigin, deps.otherHubOrigins);
  };

  const onHeartbeat = (event: IpcMainEvent, frame: unknown): void => {
    if (!trusted(event)) return reject(KIOSK_CHANNELS.heartbeat, event, 'untrusted sender');
    if (!isValidFrame(frame)) return reject(KIOSK_CHANNELS.heartbeat, event, 'bad frame');
    const screen = screenOf(event.sender.id);
    if (!screen) return reject(KIOSK_CHANNELS.heartbeat, event, 'unknown window');
    deps.onHeartbeat(screen.screenId, frame, now());
  };

  const onScreenInfo = (event: IpcMainInvokeEvent): KioskScreenInfo => {
    if (!trusted(event)) {
      reject(KIOSK_CHANNELS.screenInfo, event, 'untrusted sender');
      throw new Error('untrusted sender');
    }
    const screen = screenOf(event.sender.id);
    if (!screen) {
      reject(KIOSK_CHANNELS.screenInfo, event, 'unknown window');
      throw new Error('unknown window');
    }
    return { ...screen };
  };

  ipcMain.on(KIOSK_CHANNELS.heartbeat, onHeartbeat);
  ipcMain.handle(KIOSK_CHANNELS.screenInfo, onScreenInfo);
  return () => {
    ipcMain.removeListener(KIOSK_CHANNELS.heartbeat, onHeartbeat);
    ipcMain.removeHandler(KIOSK_CHANNELS.screenInfo);
  };
}
