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

/**
 * The moment the data on screen are judged at (countdowns, ages of items): hub now while
 * live, the replayed or frozen moment while the wall shows the hub's log (issue 7).
 */
export function dataNow(): number {
  const data = useUi.getState().data;
  return data.mode === 'live' || data.at === null ? hubNow() : data.at;
}

/**
 * The hub-time instant of the last tick, and the data's moment (re-renders its readers once
 * a second, and when the data's moment moves).
 */
export const useClock = create<{ now: number; dataNow: number }>(() => ({ now: Date.now(), dataNow: Date.now() }));

/** Takes a new data moment at once (a replay step, the switch back to live). */
export function syncDataNow(): void {
  useClock.setState({ dataNow: dataNow() });
}

let timer: ReturnType<typeof setTimeout> | undefined;

/** Starts the page's one-second tick (idempotent); `fixed` freezes hub time. */
export function startClock(fixed: number | null): () => void {
  fixedNow = fixed;
  clearTimeout(timer);
  const tick = () => {
    useClock.setState({ now: hubNow(), dataNow: dataNow() });
    // On the hub's second, so clocks and countdowns on every screen turn together.
    if (fixedNow === null) timer = setTimeout(tick, 1000 - (hubNow() % 1000) + 5);
  };
  tick();
  return () => clearTimeout(timer);
}
