/**
 * The demo's outdoor temperature (issue 11): a plausible series for the republic and each
 * municipality, as `weather` entities the frost criterion reads. A pure function of time and
 * seed, so the same hour gives the same reading on every start and in every test:
 * - the climate: monthly means of Чебоксары (WMO 1991–2020 normals, rounded: January −11,
 *   July +20), interpolated day by day;
 * - the day: ± 4 °C around the mean (coldest near 04:00, warmest near 16:00 Moscow time);
 * - the weather: slow anomalies of several days (a sum of seeded waves, about ± 6 °C in
 *   winter, ± 3 °C in summer), so a week can be a thaw or a hard frost;
 * - the place: the south-east a little warmer in summer and colder in winter (continental),
 *   plus a fixed offset per municipality of a few tenths of a degree.
 * Readings are hourly; `version` is the hour's number, so each new hour replaces the last.
 */
import type { Weather } from '../app/domain/entity';
import type { Municipality } from '../app/domain/municipality';
import { createRng } from './random';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Mean air temperature by month, °C, Чебоксары (climate normals, rounded). */
const MONTHLY_MEAN = [-11, -10, -4, 5, 13, 17.5, 20, 17.5, 11, 4, -3, -9];
/** The point of the republic-wide reading (near the republic's middle). */
const REPUBLIC_POINT: readonly [number, number] = [47.1, 55.5];
/** Id of the republic-wide reading. */
export const REPUBLIC_WEATHER_ID = 'demo-weather-republic';

/** The climate mean for a Moscow day of the year (0-based), interpolating between mid-months. */
function climateMean(dayOfYear: number): number {
  const m = (dayOfYear / 365.25) * 12 - 0.5;
  const i = Math.floor(m);
  const f = m - i;
  const a = MONTHLY_MEAN[((i % 12) + 12) % 12]!;
  const b = MONTHLY_MEAN[(((i + 1) % 12) + 12) % 12]!;
  return a + (b - a) * f;
}

/** The demo weather of one seed. */
export class DemoWeather {
  private readonly waves: { periodDays: number; phase: number; amp: number }[];
  private readonly offsets = new Map<string, number>();
  private lastHour = -1;

  constructor(
    seed: number,
    private readonly units: readonly Municipality[],
  ) {
    const rng = createRng((seed ^ 0x3ea7e5) >>> 0);
    // Synoptic waves of 3 to 12 days.
    this.waves = [3.1, 4.7, 7.3, 11.9].map((periodDays) => ({ periodDays, phase: rng.next() * 2 * Math.PI, amp: 0.5 + rng.next() * 0.5 }));
    for (const m of units) this.offsets.set(m.oktmo, (rng.next() - 0.5) * 0.8);
  }

  /** Outdoor temperature, °C, at `t` for a point (0.1 °C). */
  temperatureAt(t: number, lon = REPUBLIC_POINT[0], lat = REPUBLIC_POINT[1], offset = 0): number {
    const msk = t + 3 * HOUR;
    const d = new Date(msk);
    const dayOfYear = Math.floor((msk - Date.UTC(d.getUTCFullYear(), 0, 1)) / DAY);
    const mean = climateMean(dayOfYear);
    const hour = d.getUTCHours() + d.getUTCMinutes() / 60;
    // Coldest near 04:00, warmest near 16:00.
    const daily = -4 * Math.cos(((hour - 4) / 24) * 2 * Math.PI);
    const winter = mean < 0 ? 1 : 0.5;
    const days = t / DAY;
    const anomaly = this.waves.reduce((s, w) => s + w.amp * Math.sin((2 * Math.PI * days) / w.periodDays + w.phase), 0) * 3 * winter;
    // Continental: the south-east (Алатырь, Шумерля) a bit more extreme than the north-west.
    const continental = ((lon - 47.1) * 0.3 - (lat - 55.5) * 0.6) * (mean < 0 ? -1 : 1);
    return Math.round((mean + daily + anomaly + continental + offset) * 10) / 10;
  }

  /** The readings of the hour containing `t`: the republic's and every municipality's. */
  readingsAt(t: number): Weather[] {
    const hourStart = Math.floor(t / HOUR) * HOUR;
    const version = hourStart / HOUR;
    const out: Weather[] = [
      {
        kind: 'weather',
        id: REPUBLIC_WEATHER_ID,
        version,
        lon: REPUBLIC_POINT[0],
        lat: REPUBLIC_POINT[1],
        at: hourStart,
        temperatureC: this.temperatureAt(hourStart),
        source: 'демо: модель',
      },
    ];
    for (const m of this.units) {
      const [lon, lat] = m.centre;
      out.push({
        kind: 'weather',
        id: `demo-weather-${m.oktmo}`,
        version,
        municipality: m.oktmo,
        lon,
        lat,
        at: hourStart,
        temperatureC: this.temperatureAt(hourStart, lon, lat, this.offsets.get(m.oktmo) ?? 0),
        source: 'демо: модель',
      });
    }
    return out;
  }

  /** The readings when `now` has entered a new hour since the last call, else none. */
  due(now: number): Weather[] {
    const hour = Math.floor(now / HOUR);
    if (hour === this.lastHour) return [];
    this.lastHour = hour;
    return this.readingsAt(now);
  }
}
