/**
 * The page's heartbeat to the watchdog of Electron main (main/watchdog.ts): a frame counter
 * that moves with every animation frame the page draws, reported about once a second over
 * `window.kiosk.reportHeartbeat`. It is driven by the page's frame loop itself
 * (`requestAnimationFrame`), so a page whose main thread hangs, or that stops drawing, stops
 * beating, and main reloads it (then shows the safe screen after repeated failures).
 */
import type { KioskApi } from '../../app/protocol/kiosk-api';

/** How often a heartbeat is reported (main calls a page frozen after 15 s of silence). */
export const HEARTBEAT_EVERY_MS = 1_000;

/** The frame loop: `requestAnimationFrame` and its cancel (injected by tests). */
export interface FrameLoop {
  request(cb: (time: number) => void): number;
  cancel(handle: number): void;
}

const pageFrames: FrameLoop = {
  request: (cb) => requestAnimationFrame(cb),
  cancel: (h) => cancelAnimationFrame(h),
};

/**
 * Counts frames and reports the count at most every `everyMs` (by the frames' own
 * timestamps). Returns a function that stops it. A failing report (main gone) is ignored:
 * the loop goes on, and main's watchdog judges by what it receives.
 */
export function startHeartbeat(kiosk: Pick<KioskApi, 'reportHeartbeat'>, frames: FrameLoop = pageFrames, everyMs = HEARTBEAT_EVERY_MS): () => void {
  let frame = 0;
  let lastSent = -Infinity;
  let stopped = false;
  const onFrame = (time: number): void => {
    if (stopped) return;
    frame++;
    if (time - lastSent >= everyMs) {
      lastSent = time;
      try {
        kiosk.reportHeartbeat(frame);
      } catch (err) {
        console.warn('kiosk: heartbeat not sent', err);
      }
    }
    handle = frames.request(onFrame);
  };
  let handle = frames.request(onFrame);
  return () => {
    stopped = true;
    frames.cancel(handle);
  };
}
