/**
 * `window.kiosk`, typed once for the renderer: the preload API of the Electron wall app
 * (app/protocol/kiosk-api.ts). In a browser it is absent and the page works the same; every
 * caller goes through {@link kioskApi}, never `window.kiosk` itself.
 */
import type { KioskApi } from '../../app/protocol/kiosk-api';

declare global {
  interface Window {
    /** Set by main/preload.ts in the Electron app only. */
    readonly kiosk?: KioskApi;
  }
}

/** The preload API, or undefined outside the Electron app. */
export function kioskApi(): KioskApi | undefined {
  const k = typeof window === 'undefined' ? undefined : window.kiosk;
  return k?.isKiosk === true ? k : undefined;
}
