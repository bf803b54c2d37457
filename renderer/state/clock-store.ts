/**
 * The page's one hub clock (ARCHITECTURE.md: countdowns and overdue use the hub's clock, so
 * every screen agrees): the page clock plus the offset measured from the hub's messages, or
 * a fixed instant (`&now=`, render tests). Every page keeps the offset here: the wall from its
 * feed worker's frames (`feed/feed-client.ts`), the touch panel and the presenter from their
 * control client (`control/control-client.ts`). The wall ticks once a second, on the hub's
 * second (`startClock`); a control page re-renders its readers with `useHubNow`.
 */
import { useEffect, useState } from 'react';
import { create } from 'zustand';
import { useUi } from './ui-store';

let fixedNow: number | null = null;

/**
 * The hub-time instant of the last tick, the data's moment (re-renders its readers once a
 * second, and when the data's moment moves), and the hub clock's offset from the page clock.
 */
export const useClock = create<{ now: number; dataNow: number; offsetMs: number }>(() => ({ now: Date.now(), dataNow: Date.now(), offsetMs: 0 }));

/** Hub clock minus page clock, measured from a hub message's `serverTime`. */
export function setHubOffset(offsetMs: number): void {
  if (useClock.getState().offsetMs !== offsetMs) useClock.setState({ offsetMs });
}

/** Hub time now, Unix ms. */
export function hubNow(): number {
  return fixedNow ?? Date.now() + useClock.getState().offsetMs;
}

/**
 * The moment the wall's data are judged at (countdowns, ages of items): hub now while live,
 * the replayed or frozen moment while the wall shows the hub's log (issue 7).
 */
export function dataNow(): number {
  const data = useUi.getState().data;
  return data.mode === 'live' || data.at === null ? hubNow() : data.at;
}

/** Takes a new data moment at once (a replay step, the switch back to live). */
export function syncDataNow(): void {
  useClock.setState({ dataNow: dataNow() });
}

let timer: ReturnType<typeof setTimeout> | undefined;

/** Starts the wall page's one-second tick (idempotent); `fixed` freezes hub time. */
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

/** Hub time, re-rendered every `periodMs` and whenever the offset moves (control pages). */
export function useHubNow(periodMs = 1000): number {
  const offset = useClock((s) => s.offsetMs);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), periodMs);
    return () => clearInterval(t);
  }, [periodMs]);
  return fixedNow ?? now + offset;
}
