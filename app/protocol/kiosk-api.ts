/**
 * The preload API exposed to the renderer as `window.kiosk` (Electron only; in a browser it
 * is absent and the renderer works the same). Kept tiny on purpose: no generic IPC
 * passthrough. Channel names are `kiosk:verb-noun`; main validates every sender.
 */

/** IPC channels between preload and main. */
export const KIOSK_CHANNELS = {
  /** renderer → main (send): a frame was drawn; feeds the watchdog. */
  heartbeat: 'kiosk:report-heartbeat',
  /** renderer → main (invoke): the screen this window shows. */
  screenInfo: 'kiosk:get-screen-info',
} as const;

/** What main tells a window about itself. */
export interface KioskScreenInfo {
  /** Screen id from the wall layout, e.g. `main`. */
  screenId: string;
  /** Index of the window among this PC's windows. */
  index: number;
  /** Application version. */
  appVersion: string;
}

/** `window.kiosk`: the whole surface the renderer may call in Electron. */
export interface KioskApi {
  readonly isKiosk: true;
  /** Reports that a frame was drawn (watchdog heartbeat), at most a few times a second. */
  reportHeartbeat(frame: number): void;
  /** Asks main which screen this window is. */
  getScreenInfo(): Promise<KioskScreenInfo>;
}
