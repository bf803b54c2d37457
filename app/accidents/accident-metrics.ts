/**
 * Derived values of a housing-utility (ЖКХ) accident that the duty shift watches
 * (DOMAIN.md «Housing-utility (ЖКХ) accidents»): time without supply, residents × hours,
 * overdue against the planned restoration, and the thresholds that escalate an accident.
 * Every threshold, its source and what is an assumption: docs/accidents.md.
 */
import type { Accident, AccidentResource } from '../domain/entity';
import { HOUR_MS } from '../calendar/msk-time';
import { DEFAULT_HEATING_SEASON, inHeatingSeason, type HeatingSeason } from './heating-season';
import { DEFAULT_INTERRUPTION_LIMITS, monthLimitMs, singleLimitMs, type InterruptionLimits } from './interruption-limits';
import { residentsOnce } from './residents';
import { isActiveAt, isPlanned, outageMs, supplyEnd } from './supply-time';
import { DEFAULT_WEATHER_MAX_AGE_MS } from './weather';

export { linkedPosts } from './linked-posts';
export { isActiveAt, isPlanned, outageMs, supplyEnd } from './supply-time';

/** Thresholds that matter, all configurable (docs/accidents.md gives each one's source). */
export interface AccidentThresholds {
  /** Permissible interruptions per resource (ПП № 354, прил. 1). */
  readonly limits: InterruptionLimits;
  /** Heat off longer than this in the heating season: an accounting sign of a heat-supply emergency situation. @default 6 h */
  readonly heatOutageSignMs: number;
  /** Heating off longer than this during the heating season. @default 24 h */
  readonly heatingOffMs: number;
  /** Residents without heat that meet the mass-outage criterion. @default 5000 */
  readonly emergencyResidents: number;
  /** …when without heat longer than this in frost (outdoor air below `frostBelowC`). @default 4 h */
  readonly emergencyFrostMs: number;
  /** …when without heat longer than this above it. @default 12 h */
  readonly emergencyThawMs: number;
  /** Outdoor temperature below which it is frost, °C. @default 0 */
  readonly frostBelowC: number;
  /** Resources whose loss leaves residents "without heat". @default ['heat'] */
  readonly heatResources: readonly AccidentResource[];
  /** Resources that are not a supply (housing-stock damage) and so never "interrupted". @default ['housing'] */
  readonly nonSupplyResources: readonly AccidentResource[];
  /** The heating season; heat rules apply only inside it. */
  readonly season: HeatingSeason;
  /** Weather readings older than this are not used. @default 6 h */
  readonly weatherMaxAgeMs: number;
}

/** The default thresholds with the 1 Oct – 30 Apr heating season. */
export const DEFAULT_ACCIDENT_THRESHOLDS: AccidentThresholds = {
  limits: DEFAULT_INTERRUPTION_LIMITS,
  heatOutageSignMs: 6 * HOUR_MS,
  heatingOffMs: 24 * HOUR_MS,
  emergencyResidents: 5000,
  emergencyFrostMs: 4 * HOUR_MS,
  emergencyThawMs: 12 * HOUR_MS,
  frostBelowC: 0,
  heatResources: ['heat'],
  nonSupplyResources: ['housing'],
  season: DEFAULT_HEATING_SEASON,
  weatherMaxAgeMs: DEFAULT_WEATHER_MAX_AGE_MS,
};

/**
 * Which threshold was crossed, least to most severe: the resource's permissible single
 * interruption; the building's monthly sum; heat off > 6 h in season; heating off > 24 h in
 * season; the mass-outage criterion (≥ 5,000 without heat > 4 h in frost, > 12 h above it).
 */
export const THRESHOLD_IDS = ['interrupted_long', 'month_limit', 'heat_outage_6h', 'heating_off_long', 'regional_emergency'] as const;
export type ThresholdId = (typeof THRESHOLD_IDS)[number];

/**
 * Russian labels of the thresholds for the accidents board and alarms. The wall never says
 * «ЧС»: an emergency is declared by a commission (ПП РФ № 304); the wall says a criterion is exceeded.
 */
export const THRESHOLD_LABELS: Readonly<Record<ThresholdId, string>> = {
  interrupted_long: 'Перерыв дольше допустимого',
  month_limit: 'Перерывы за месяц дольше допустимого',
  heat_outage_6h: 'Перерыв теплоснабжения более 6 ч',
  heating_off_long: 'Без отопления более 24 ч',
  regional_emergency: 'Критерий превышен: массовое отключение отопления',
};

/** A threshold an accident has crossed, and when. */
export interface ThresholdCrossing {
  readonly id: ThresholdId;
  /** The instant the limit was exceeded (`startedAt + limitMs` for a single accident). Unix ms. */
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

/** Residents × hours without supply. */
export function residentHours(a: Accident, now: number): number {
  return (a.residents * outageMs(a, now)) / HOUR_MS;
}

/** Ms past the planned restoration (until restored or `now`); 0 when within the plan. */
export function restoreOverdueMs(a: Accident, now: number): number {
  return Math.max(0, supplyEnd(a, now) - a.plannedRestoreAt);
}

/** Live inputs of the thresholds. */
export interface CrossingOptions {
  /** Outdoor air temperature, °C, for the accident's place; unknown takes the frost limit (the earlier alarm). */
  airTempC?: number | undefined;
  /** Indoor air temperature of the flats without heat, °C, when a source gives it (picks the heating tier). */
  indoorC?: number | undefined;
  /** When the accident's building passed its monthly limit for this resource (`monthLimitCrossedAt`), if it has. */
  monthCrossedAt?: number | undefined;
  thresholds?: AccidentThresholds;
}

/**
 * Thresholds crossed by `now`, least severe first. A planned outage crosses none: it is judged
 * by its announced end (the overdue flag), and it never raises an alarm. A heat outage crosses
 * nothing unless it started inside the heating season of its municipality. Unknown outdoor
 * temperature takes the frost limit (4 h): a missed criterion costs more than an early one.
 */
export function thresholdCrossings(a: Accident, now: number, opts: CrossingOptions = {}): ThresholdCrossing[] {
  if (isPlanned(a)) return [];
  const t = opts.thresholds ?? DEFAULT_ACCIDENT_THRESHOLDS;
  const out = outageMs(a, now);
  const crossings: ThresholdCrossing[] = [];
  const cross = (id: ThresholdId, limitMs: number) => {
    if (out > limitMs) crossings.push({ id, at: a.startedAt + limitMs, limitMs });
  };
  // Heating is a service of the heating season only: outside it a heat outage interrupts nothing.
  const heat = t.heatResources.includes(a.resource);
  if (heat && !inHeatingSeason(a.startedAt, t.season, a.municipality)) return crossings;
  if (!t.nonSupplyResources.includes(a.resource)) {
    const single = singleLimitMs(a.resource, t.limits, opts.indoorC);
    if (single !== null) cross('interrupted_long', single);
    const month = monthLimitMs(a.resource, t.limits);
    if (month !== null && opts.monthCrossedAt !== undefined && opts.monthCrossedAt < now)
      crossings.push({ id: 'month_limit', at: opts.monthCrossedAt, limitMs: month });
  }
  if (heat) {
    cross('heat_outage_6h', t.heatOutageSignMs);
    cross('heating_off_long', t.heatingOffMs);
    if (a.residents >= t.emergencyResidents) {
      const frost = opts.airTempC === undefined || opts.airTempC < t.frostBelowC;
      cross('regional_emergency', frost ? t.emergencyFrostMs : t.emergencyThawMs);
    }
  }
  return crossings;
}

/** Every derived value of an accident at `now`. */
export function accidentMetrics(a: Accident, now: number, opts: CrossingOptions = {}): AccidentMetrics {
  return {
    active: isActiveAt(a, now),
    outageMs: outageMs(a, now),
    residentHours: residentHours(a, now),
    restoreOverdueMs: restoreOverdueMs(a, now),
    crossings: thresholdCrossings(a, now, opts),
  };
}

/**
 * Residents without supply at `now` (the KPI header figure): over the accidents active at
 * `now`, planned outages left out (they are not accidents), each building counted once
 * (`residentsOnce`).
 */
export function residentsWithoutSupply(accidents: Iterable<Accident>, now: number): number {
  const active: Accident[] = [];
  for (const a of accidents) if (isActiveAt(a, now) && !isPlanned(a)) active.push(a);
  return residentsOnce(active, now);
}
