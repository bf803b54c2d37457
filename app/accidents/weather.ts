/**
 * Outdoor temperature for the accident rules (issue 11): the frost criterion reads the latest
 * `weather` reading of the accident's municipality, else the republic's (a reading without a
 * municipality), else nothing. A reading older than `maxAgeMs` is not used (a source that
 * stopped must not keep a thaw on the wall); one from the future of `now` (replay) neither.
 */
import type { Weather } from '../domain/entity';
import { HOUR_MS } from '../calendar/msk-time';
import { normalizeOktmo } from '../domain/municipality';

/** Readings older than this are ignored. @default 6 h (the demo and typical stations report hourly to three-hourly). */
export const DEFAULT_WEATHER_MAX_AGE_MS = 6 * HOUR_MS;

/** The key of the republic-wide reading. */
const REPUBLIC = '';

/** The latest readings per place, fed one by one (the entity pass), asked by municipality. */
export class WeatherIndex {
  private readonly latest = new Map<string, Weather>();

  /** Keeps `w` when it is the newest reading of its place. */
  add(w: Weather): void {
    const key = w.municipality === undefined ? REPUBLIC : (normalizeOktmo(w.municipality) ?? w.municipality);
    const held = this.latest.get(key);
    if (!held || w.at > held.at) this.latest.set(key, w);
  }

  get size(): number {
    return this.latest.size;
  }

  /** The reading used for `municipality` at `now`: its own when fresh, else the republic's when fresh. */
  readingFor(municipality: string | undefined, now: number, maxAgeMs = DEFAULT_WEATHER_MAX_AGE_MS): Weather | undefined {
    const fresh = (w: Weather | undefined) => (w && w.at <= now && now - w.at <= maxAgeMs ? w : undefined);
    const own = municipality === undefined ? undefined : fresh(this.latest.get(normalizeOktmo(municipality) ?? municipality));
    return own ?? fresh(this.latest.get(REPUBLIC));
  }

  /** The outdoor temperature, °C, for `municipality` at `now`, or undefined when none is fresh. */
  airTempFor(municipality: string | undefined, now: number, maxAgeMs = DEFAULT_WEATHER_MAX_AGE_MS): number | undefined {
    return this.readingFor(municipality, now, maxAgeMs)?.temperatureC;
  }
}
