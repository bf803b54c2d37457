/**
 * What the thresholds of one accident need from the others, gathered in the one pass over the
 * entities: the latest outdoor temperature per municipality (`weather` entities) and the
 * month's interruptions of each building per resource (ПП № 354, прил. 1: limits «суммарно в
 * течение 1 месяца»). Feed it every entity with `add`, then ask for an accident's crossings.
 */
import type { Accident, Entity } from '../domain/entity';
import { dayFromIso, isoFromDay, mskDay, mskDayStart } from '../calendar/msk-time';
import { DEFAULT_ACCIDENT_THRESHOLDS, thresholdCrossings, type AccidentThresholds, type ThresholdCrossing } from './accident-metrics';
import { monthLimitMs } from './interruption-limits';
import { buildingKey } from './residents';
import { isPlanned, supplyEnd } from './supply-time';
import { WeatherIndex } from './weather';

/** Moscow midnight that starts the calendar month of `now`. */
export function mskMonthStart(now: number): number {
  return mskDayStart(dayFromIso(`${isoFromDay(mskDay(now)).slice(0, 8)}01`));
}

/**
 * When the interruptions of one building and resource in the Moscow calendar month of `now`
 * summed to more than `limitMs`: the instant the running sum (overlapping outages counted
 * once) reached the limit, or undefined while it has not. Planned outages are not counted
 * (they are judged by their announced end; docs/accidents.md).
 */
export function monthLimitCrossedAt(accidents: Iterable<Accident>, now: number, limitMs: number): number | undefined {
  const from = mskMonthStart(now);
  const spans: [number, number][] = [];
  for (const a of accidents) {
    if (isPlanned(a)) continue;
    const start = Math.max(a.startedAt, from);
    const end = supplyEnd(a, now);
    if (end > start) spans.push([start, end]);
  }
  spans.sort((x, y) => x[0] - y[0]);
  let sum = 0;
  let curStart = -Infinity;
  let curEnd = -Infinity;
  const step = (s: number, e: number): number | undefined => (sum + (e - s) > limitMs ? s + (limitMs - sum) : ((sum += e - s), undefined));
  for (const [s, e] of spans) {
    if (s > curEnd) {
      if (curEnd > curStart) {
        const at = step(curStart, curEnd);
        if (at !== undefined) return at;
      }
      curStart = s;
      curEnd = e;
    } else curEnd = Math.max(curEnd, e);
  }
  return curEnd > curStart ? step(curStart, curEnd) : undefined;
}

/** Weather and the month's interruptions per building, for the thresholds at `now`. */
export class AccidentContext {
  readonly weather = new WeatherIndex();
  private readonly monthFrom: number;
  /** Non-planned accidents with an outage in this month, by building key and resource. */
  private readonly byBuilding = new Map<string, Accident[]>();
  private readonly monthCache = new Map<string, number | undefined>();

  /**
   * @param fallbackAirTempC the temperature when no fresh reading covers a municipality (a
   *   value a caller was given, e.g. by a test); unknown otherwise, which takes the frost limit
   */
  constructor(
    readonly now: number,
    readonly thresholds: AccidentThresholds = DEFAULT_ACCIDENT_THRESHOLDS,
    private readonly fallbackAirTempC?: number,
  ) {
    this.monthFrom = mskMonthStart(now);
  }

  /** Takes what the rules need from one entity (weather readings and this month's accidents). */
  add(e: Entity): void {
    if (e.kind === 'weather') this.weather.add(e);
    else if (e.kind === 'accident' && !isPlanned(e) && e.startedAt <= this.now && supplyEnd(e, this.now) > this.monthFrom) {
      const key = `${buildingKey(e)}#${e.resource}`;
      const list = this.byBuilding.get(key);
      if (list) list.push(e);
      else this.byBuilding.set(key, [e]);
      this.monthCache.delete(key);
    }
  }

  /** The outdoor temperature for the accident's municipality (else the republic's), if known. */
  airTempFor(a: Pick<Accident, 'municipality'>): number | undefined {
    return this.weather.airTempFor(a.municipality, this.now, this.thresholds.weatherMaxAgeMs) ?? this.fallbackAirTempC;
  }

  /** When the accident's building passed the monthly limit of its resource, if it has. */
  monthCrossedAt(a: Accident): number | undefined {
    const limit = monthLimitMs(a.resource, this.thresholds.limits);
    if (limit === null || isPlanned(a)) return undefined;
    const key = `${buildingKey(a)}#${a.resource}`;
    if (this.monthCache.has(key)) return this.monthCache.get(key);
    const at = monthLimitCrossedAt(this.byBuilding.get(key) ?? [a], this.now, limit);
    this.monthCache.set(key, at);
    return at;
  }

  /** The accident's thresholds crossed at `now`, with its place's temperature and its building's month. */
  crossings(a: Accident): ThresholdCrossing[] {
    return thresholdCrossings(a, this.now, { thresholds: this.thresholds, airTempC: this.airTempFor(a), monthCrossedAt: this.monthCrossedAt(a) });
  }
}
