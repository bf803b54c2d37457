/**
 * When an accident's supply was off, as far as its record tells at `now`: the base of every
 * derived value (outage, residents × hours, thresholds, residents counted once).
 */
import type { Accident } from '../domain/entity';

/**
 * When supply came back, as far as the record tells at `now`: `restoredAt`; for a `resolved`
 * record without `restoredAt`, the planned restoration (the best estimate it carries);
 * otherwise still off, so `now`. Clamped to [startedAt, now].
 */
export function supplyEnd(a: Accident, now: number): number {
  const end = a.restoredAt ?? (a.status === 'resolved' ? a.plannedRestoreAt : now);
  return Math.max(a.startedAt, Math.min(end, now));
}

/** True while the accident's supply is off at `now`. */
export function isActiveAt(a: Accident, now: number): boolean {
  if (now < a.startedAt) return false;
  return a.restoredAt !== undefined ? a.restoredAt > now : a.status === 'active';
}

/** Time without supply in ms, up to `now` or the restoration. */
export function outageMs(a: Accident, now: number): number {
  return Math.max(0, supplyEnd(a, now) - a.startedAt);
}

/** True for a planned (maintenance) outage; absent `nature` is an emergency. */
export function isPlanned(a: Pick<Accident, 'nature'>): boolean {
  return a.nature === 'planned';
}
