/**
 * The clock of map animations (arrival pulses, active accidents), in seconds since the
 * page's clock origin, shared with the feed worker so pulse start times agree. Frozen when
 * the page runs with a fixed `now` (render tests), so every frame is the same picture.
 */
let origin = Date.now();
let frozenAt: number | null = null;

/** Sets the origin (ms, page clock) and, for render tests, freezes time at `frozenSeconds`. */
export function configurePulseClock(originMs: number, frozenSeconds: number | null): void {
  origin = originMs;
  frozenAt = frozenSeconds;
}

export function pulseSeconds(): number {
  return frozenAt ?? (Date.now() - origin) / 1000;
}

export function pulseClockFrozen(): boolean {
  return frozenAt !== null;
}
