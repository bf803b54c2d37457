/**
 * Hub time for the panels (ARCHITECTURE.md: countdowns and overdue use the hub's clock, so
 * every screen agrees): the page clock plus the offset measured from the hub's messages, or
 * a fixed instant (`&now=`, render tests). One interval for the whole page, on the second.
 */
import { create } from 'zustand';
import { useUi } from './ui-store';

let fixedNow: number | null = null;

/** Hub time now, Unix ms. */
export function hubNow(): number {
  return fixedNow ?? Date.now() + useUi.getState().feed.serverOffsetMs;
}

/** The hub-time instant of the last tick (re-renders its readers once a second). */
export const useClock = create<{ now: number }>(() => ({ now: Date.now() }));

let timer: ReturnType<typeof setTimeout> | undefined;

/** Starts the page's one-second tick (idempotent); `fixed` freezes hub time. */
export function startClock(fixed: number | null): () => void {
  fixedNow = fixed;
  clearTimeout(timer);
  const tick = () => {
    useClock.setState({ now: hubNow() });
    // On the hub's second, so clocks and countdowns on every screen turn together.
    if (fixedNow === null) timer = setTimeout(tick, 1000 - (hubNow() % 1000) + 5);
  };
  tick();
  return () => clearTimeout(timer);
}
