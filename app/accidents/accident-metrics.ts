/**
 * Derived values of a housing-utility (ЖКХ) accident that the duty shift watches
 * (DOMAIN.md «Housing-utility (ЖКХ) accidents»): time without supply, residents × hours,
 * overdue against the planned restoration, and the thresholds that escalate an accident.
 */
import type { Accident, AccidentResource } from '../domain/entity';
import { HOUR_MS } from '../calendar/msk-time';
import { DEFAULT_HEATING_SEASON, inHeatingSeason, type HeatingSeason } from './heating-season';

export { linkedPosts } from './linked-posts';

/** Thresholds that matter (DOMAIN.md), all configurable. */
export interface AccidentThresholds {
  /** Any supply interrupted longer than this. @default 6 h */
  readonly interruptionMs: number;
  /** Heating off longer than this during the heating season. @default 24 h */
  readonly heatingOffMs: number;
  /** Residents without heat that make a regional emergency. @default 5000 */
  readonly emergencyResidents: number;
  /** …when without heat longer than this in frost (air below 0 °C). @default 4 h */
  readonly emergencyFrostMs: number;
  /** …when without heat longer than this above zero. @default 12 h */
  readonly emergencyThawMs: number;
  /** Resources whose loss leaves residents "without heat". @default ['heat'] */
  readonly heatResources: readonly AccidentResource[];
  /** Resources that are not a supply (housing-stock damage) and so never "interrupted". @default ['housing'] */
  readonly nonSupplyResources: readonly AccidentResource[];
  readonly season: HeatingSeason;
}

/** The thresholds of DOMAIN.md with the 1 Oct – 30 Apr heating season. */
export const DEFAULT_ACCIDENT_THRESHOLDS: AccidentThresholds = {
  interruptionMs: 6 * HOUR_MS,
  heatingOffMs: 24 * HOUR_MS,
  emergencyResidents: 5000,
  emergencyFrostMs: 4 * HOUR_MS,
  emergencyThawMs: 12 * HOUR_MS,
  heatResources: ['heat'],
  nonSupplyResources: ['housing'],
  season: DEFAULT_HEATING_SEASON,
};

/** Which threshold was crossed: > 6 h interrupted; > 24 h heating off in season; regional emergency. */
export type ThresholdId = 'interrupted_long' | 'heating_off_long' | 'regional_emergency';

/** Russian labels of the thresholds for the accidents board and alarms. */
export const THRESHOLD_LABELS: Readonly<Record<ThresholdId, string>> = {
  interrupted_long: 'Без ресурса более 6 ч',
  heating_off_long: 'Без отопления более 24 ч',
  regional_emergency: 'Признаки ЧС регионального характера',
};

/** A threshold an accident has crossed, and when. */
export interface ThresholdCrossing {
  readonly id: ThresholdId;
  /** The instant the limit was exceeded: `startedAt + limitMs`. Unix ms. */
  readonly at: number;
  readonly limitMs: number;
}

/** All derived values of one accident at `now`. */
export interface AccidentMetrics {
  /** True while supply is not restored at `now`. */
  readonly active: boolean;
  readonly outageMs: number;
  /** Residents × hours without supply: the accident's weight for comparisons. */
  readonly residentHours: number;
  /** How long past the planned restoration supply stayed (or stays) off; 0 when on time. */
  readonly restoreOverdueMs: number;
  readonly crossings: readonly ThresholdCrossing[];
}

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

/** Residents × hours without supply. */
export function residentHours(a: Accident, now: number): number {
  return (a.residents * outageMs(a, now)) / HOUR_MS;
}

/** Ms past the planned restoration (until restored or `now`); 0 when within the plan. */
export function restoreOverdueMs(a: Accident, now: number): number {
  return Math.max(0, supplyEnd(a, now) - a.plannedRestoreAt);
}

/**
 * Thresholds crossed by `now`. Air temperature (°C) is optional: unknown temperature takes
 * the frost limit (4 h), the earlier alarm — a missed emergency costs more than an early one.
 * The heating-season test uses the accident's start date.
 */
export function thresholdCrossings(
  a: Accident,
  now: number,
  opts: { airTempC?: number; thresholds?: AccidentThresholds } = {},
): ThresholdCrossing[] {
  const t = opts.thresholds ?? DEFAULT_ACCIDENT_THRESHOLDS;
  const out = outageMs(a, now);
  const crossings: ThresholdCrossing[] = [];
  const cross = (id: ThresholdId, limitMs: number) => {
    if (out > limitMs) crossings.push({ id, at: a.startedAt + limitMs, limitMs });
  };
  if (!t.nonSupplyResources.includes(a.resource)) cross('interrupted_long', t.interruptionMs);
  const noHeat = t.heatResources.includes(a.resource);
  if (noHeat && inHeatingSeason(a.startedAt, t.season)) cross('heating_off_long', t.heatingOffMs);
  if (noHeat && a.residents >= t.emergencyResidents) {
    const frost = opts.airTempC === undefined || opts.airTempC < 0;
    cross('regional_emergency', frost ? t.emergencyFrostMs : t.emergencyThawMs);
  }
  return crossings;
}

/** Every derived value of an accident at `now`. */
export function accidentMetrics(a: Accident, now: number, opts: { airTempC?: number; thresholds?: AccidentThresholds } = {}): AccidentMetrics {
  return {
    active: isActiveAt(a, now),
    outageMs: outageMs(a, now),
    residentHours: residentHours(a, now),
    restoreOverdueMs: restoreOverdueMs(a, now),
    crossings: thresholdCrossings(a, now, opts),
  };
}

/** Residents without supply at `now`, summed over active accidents (the KPI header figure). */
export function residentsWithoutSupply(accidents: readonly Accident[], now: number): number {
  return accidents.reduce((sum, a) => sum + (isActiveAt(a, now) ? a.residents : 0), 0);
}
