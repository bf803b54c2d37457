/**
 * The demo's utility accidents by season and its planned outages (issue 11 «Demo source»), on a
 * random stream of their own so the appeal stream of `demo-source.ts` stays as it was:
 * - the main stream's accidents keep their place, times and ids, but their resource follows the
 *   season (no heating accident outside the heating season: it becomes water, power or sewerage)
 *   and a few are incidents (`reshape`);
 * - more heating accidents in the heating season, the more the colder it is (the demo weather);
 *   some with a hot-water twin on the same houses (one ЦТП feeds both: the residents are the
 *   same people, counted once on the wall);
 * - summer storms: more power and water accidents in June–August;
 * - planned outages: hot water for the summer pressure tests (опрессовка, 15 May – 31 August,
 *   3–10 days, in the towns with central hot water), planned power works on working days
 *   (4–8 h) and a few planned cold-water works, all year;
 * - residents' posts about them, linked by `accidentId` (posts on a planned outage are
 *   labelled «плановое отключение до hh:mm» on the wall).
 * The rates and durations are assumptions for a plausible picture (docs/accidents.md), not data.
 */
import { inHeatingSeason } from '../app/accidents/heating-season';
import type { Accident, AccidentNature, AccidentResource, Appeal, Entity, EntityRef } from '../app/domain/entity';
import { isInsideRepublicBounds, type Municipality } from '../app/domain/municipality';
import { defaultTopicList } from '../app/domain/topics';
import type { DemoWeather } from './demo-weather';
import { createRng, type Rng } from './random';
import type { RepublicShape } from './republic-shape';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Posts leave the state this long after they close (as the appeals of demo-source.ts). */
const KEEP_CLOSED_MS = 30 * DAY;

/** Operator ids of the organisation directory (app/domain/organisations.ts). */
export const DEMO_OPERATORS: Readonly<Record<AccidentResource, string>> = {
  heat: 'op-tplus',
  hot_water: 'op-tplus',
  cold_water: 'op-vodokanal',
  sewerage: 'op-vodokanal',
  electricity: 'op-rosseti-volga',
  gas: 'op-gazprom-gr',
  housing: 'op-uk',
};
/** What residents write when a resource is cut. */
const POST_TITLES: Readonly<Record<AccidentResource, string>> = {
  heat: 'Нет отопления',
  hot_water: 'Нет горячей воды',
  cold_water: 'Нет холодной воды',
  sewerage: 'Засор канализации',
  electricity: 'Нет света',
  gas: 'Нет газа',
  housing: 'Аварийное состояние дома',
};
const STREETS = [
  'ул. Ленина',
  'пр. Мира',
  'ул. Гагарина',
  'ул. Советская',
  'ул. Николаева',
  'ул. Пролетарская',
  'пр. Тракторостроителей',
  'ул. Хузангая',
  'ул. Эльменя',
  'ул. Гражданская',
  'ул. Калинина',
  'ул. Чапаева',
  'ул. Кирова',
  'ул. Молодёжная',
];
/** Outside the heating season a main-stream heat accident becomes one of these (no gas: its posts draw differently). */
const SUMMER_MIX: readonly [AccidentResource, number][] = [
  ['hot_water', 10],
  ['cold_water', 35],
  ['electricity', 45],
  ['sewerage', 10],
];
/** Share of accidents that МКА ЖКХ would file as incidents (assumption). */
const INCIDENT_SHARE = 0.08;

/** Rates per day at speed 1. */
const RATES = {
  /** Extra heating accidents in season at 0 °C; each −10 °C adds as many again. */
  heatPerDay: 0.6,
  /** Share of those with a hot-water twin on the same houses. */
  hotWaterTwin: 0.3,
  /** Summer storms (June–August): power and cold water. */
  stormPowerPerDay: 1.5,
  stormWaterPerDay: 0.3,
  /** Planned hot-water outages for the pressure tests, 15 May – 31 August. */
  pressureTestPerDay: 1.5,
  /** Planned power works, working days. */
  plannedPowerPerDay: 0.8,
  plannedWaterPerDay: 0.3,
  /** Residents' posts per hour of an outage. */
  postsPerHour: { emergency: 0.35, incident: 0.2, planned: 0.12 },
};

/** One of our own outages in flight. */
interface Live {
  accident: Accident;
  /** When supply comes back (real ms). */
  fixAt: number;
  speed: number;
}
/** One of our own posts in flight. */
interface Post {
  appeal: Appeal;
  answerAt: number;
  closeAt: number;
}

const mskParts = (t: number) => {
  const d = new Date(t + 3 * HOUR);
  return { month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), weekday: d.getUTCDay() };
};

/** The demo's accidents of the season and its planned outages (see the file comment). */
export class DemoAccidents {
  private readonly rng: Rng;
  private readonly live = new Map<string, Live>();
  private readonly posts = new Map<string, Post>();
  private readonly closed: Appeal[] = [];
  private nextId = 1;
  private readonly towns: readonly Municipality[];

  constructor(
    private readonly seed: number,
    private readonly units: readonly Municipality[],
    private readonly shapes: ReadonlyMap<string, RepublicShape>,
    private readonly weather: DemoWeather,
  ) {
    this.rng = createRng((seed ^ 0xacc1de) >>> 0);
    // Central hot water: the two city okrugs and the okrugs whose centre is a town.
    this.towns = units.filter((m) => m.type === 'city_okrug' || m.centreName.startsWith('г.'));
  }

  /**
   * A main-stream accident made right for its season: a heat accident outside the heating
   * season becomes water, power or sewerage (gas and everything else stay); a few become
   * incidents. Place, times and id are kept, so the main stream's later draws do not move.
   */
  reshape(acc: Accident, t: number): Accident {
    let resource = acc.resource;
    if (resource === 'heat' && !inHeatingSeason(t)) resource = this.rng.pick(SUMMER_MIX, (r) => r[1])[0];
    const incident = this.rng.next() < INCIDENT_SHARE;
    if (resource === acc.resource && !incident) return acc;
    return {
      ...acc,
      resource,
      operator: DEMO_OPERATORS[resource],
      ...(incident ? { nature: 'incident' as const } : {}),
      ...(resource !== 'heat' && resource !== acc.resource ? { socialObjects: 0 } : {}),
    };
  }

  /** New outages in (t − simDt, t]; `spread` puts them anywhere in the interval (the back-fill), else at `t`. */
  spawn(t: number, simDt: number, speed: number, out: Map<string, Entity>, spread = false): void {
    const { month, day, weekday, hour } = mskParts(t);
    const perDay = (rate: number) => this.rng.poisson((rate * simDt) / DAY);
    const at = () => Math.round(spread ? t - this.rng.next() * simDt : t);
    if (inHeatingSeason(t)) {
      const temp = this.weather.temperatureAt(t);
      const n = perDay(RATES.heatPerDay * (1 + Math.max(0, -temp) / 10));
      for (let i = 0; i < n; i++) {
        const heat = this.emergency(at(), 'heat', speed, out);
        if (this.rng.next() < RATES.hotWaterTwin) {
          this.outage(heat.startedAt + Math.round((this.rng.next() * 20 * 60_000) / speed), 'hot_water', 'emergency', speed, out, {
            municipality: heat.municipality,
            lon: heat.lon,
            lat: heat.lat,
            address: heat.address,
            residents: Math.round(heat.residents * (0.6 + this.rng.next() * 0.4)),
            hours: ((heat.plannedRestoreAt - heat.startedAt) * speed) / HOUR,
          });
        }
      }
    }
    if (month >= 6 && month <= 8) {
      for (let i = perDay(RATES.stormPowerPerDay); i > 0; i--) this.emergency(at(), 'electricity', speed, out);
      for (let i = perDay(RATES.stormWaterPerDay); i > 0; i--) this.emergency(at(), 'cold_water', speed, out);
    }
    const pressureTests = (month === 5 && day >= 15) || (month >= 6 && month <= 8);
    // Planned works start in working hours (08:00–17:00): the day's rate falls in those 9 hours.
    if (hour < 8 || hour >= 17) return;
    const work = 24 / 9;
    if (pressureTests)
      for (let i = perDay(RATES.pressureTestPerDay * work); i > 0; i--)
        this.outage(at(), 'hot_water', 'planned', speed, out, { hours: 3 * 24 + this.rng.next() * 7 * 24 });
    if (weekday >= 1 && weekday <= 5) {
      for (let i = perDay((RATES.plannedPowerPerDay * work * 7) / 5); i > 0; i--)
        this.outage(at(), 'electricity', 'planned', speed, out, { hours: 4 + this.rng.next() * 4 });
      for (let i = perDay((RATES.plannedWaterPerDay * work * 7) / 5); i > 0; i--)
        this.outage(at(), 'cold_water', 'planned', speed, out, { hours: 4 + this.rng.next() * 4 });
    }
  }

  /** Restores outages whose time has come, writes residents' posts (over the `simDt` just lived), answers and closes posts. */
  advance(now: number, simDt: number, out: Map<string, Entity>): void {
    for (const l of this.live.values()) {
      if (l.fixAt <= now) {
        const restoredAt = Math.max(l.accident.startedAt, Math.round(l.fixAt));
        out.set(`accident:${l.accident.id}`, { ...l.accident, version: l.accident.version + 1, status: 'resolved', restoredAt });
        this.live.delete(l.accident.id);
      } else if (l.accident.startedAt <= now && l.accident.resource !== 'gas') {
        const rate = RATES.postsPerHour[l.accident.nature ?? 'emergency'];
        if (this.rng.next() < Math.min(1, (rate * simDt) / HOUR)) this.post(now, l.accident, out);
      }
    }
    for (const p of this.posts.values()) {
      let a = p.appeal;
      if (a.status === 'new' && p.answerAt <= now) a = { ...a, version: a.version + 1, status: 'answered', answeredAt: Math.round(p.answerAt) };
      if (a.status === 'answered' && p.closeAt <= now) a = { ...a, version: a.version + 1, status: 'closed' };
      if (a === p.appeal) continue;
      p.appeal = a;
      out.set(`appeal:${a.id}`, a);
      if (a.status === 'closed') {
        this.posts.delete(a.id);
        this.closed.push(a);
      }
    }
  }

  /** Our closed posts older than 30 days leave the state. */
  expire(now: number): EntityRef[] {
    const removes: EntityRef[] = [];
    while (this.closed.length && now - this.closed[0]!.createdAt > KEEP_CLOSED_MS) removes.push({ kind: 'appeal', id: this.closed.shift()!.id });
    return removes;
  }

  private emergency(t: number, resource: AccidentResource, speed: number, out: Map<string, Entity>): Accident {
    return this.outage(t, resource, this.rng.next() < INCIDENT_SHARE ? 'incident' : 'emergency', speed, out);
  }

  /**
   * One outage; `at` gives a place and size (a twin on the same houses). Emergencies are fixed
   * in 2–10 h, a fifth late (up to 1.6 × the plan); planned outages end on time or a little
   * early, one in ten up to a day late.
   */
  private outage(
    t: number,
    resource: AccidentResource,
    nature: AccidentNature,
    speed: number,
    out: Map<string, Entity>,
    at: { municipality?: string; lon?: number; lat?: number; address?: string; residents?: number; hours?: number } = {},
  ): Accident {
    const m =
      at.municipality !== undefined ? this.units.find((u) => u.oktmo === at.municipality)! : this.unit(nature === 'planned' && resource === 'hot_water');
    const [lon, lat] = at.lon !== undefined && at.lat !== undefined ? [at.lon, at.lat] : this.place(m);
    const residents =
      at.residents ??
      Math.min(
        26_600,
        Math.round(Math.exp((nature === 'planned' ? 7.2 : resource === 'heat' ? 6 : 5.3) + this.rng.normal() * (nature === 'planned' ? 0.7 : 1.2))),
      );
    const hours = at.hours ?? 2 + this.rng.next() * 8;
    const plannedRestoreAt = Math.round(t + (hours * HOUR) / speed);
    const late =
      nature === 'planned'
        ? this.rng.next() < 0.1
          ? 1 + this.rng.next() * Math.min(1, 24 / hours)
          : 0.9 + this.rng.next() * 0.1
        : this.rng.next() < 0.2
          ? 1.6
          : 0.5 + this.rng.next() * 0.5;
    const acc: Accident = {
      kind: 'accident',
      id: `demo-x-${this.seed}-${this.nextId++}`,
      version: 1,
      municipality: m.oktmo,
      lon,
      lat,
      resource,
      ...(nature === 'emergency' ? {} : { nature }),
      status: 'active',
      address: at.address ?? `${m.centreName}, ${this.rng.pick(STREETS)}, д. ${this.rng.int(1, 120)}`,
      operator: DEMO_OPERATORS[resource],
      residents,
      buildings: Math.max(1, Math.round(residents / 200)),
      socialObjects: (resource === 'heat' || nature === 'planned') && this.rng.next() < 0.25 ? this.rng.int(1, 3) : 0,
      startedAt: Math.round(t),
      plannedRestoreAt,
    };
    this.live.set(acc.id, { accident: acc, fixAt: t + (hours * late * HOUR) / speed, speed });
    out.set(`accident:${acc.id}`, acc);
    return acc;
  }

  /** A municipality by population; hot-water outages only where there is central hot water. */
  private unit(townsOnly: boolean): Municipality {
    return this.rng.pick(townsOnly && this.towns.length ? this.towns : this.units, (m) => m.population);
  }

  /** A point inside the municipality, near its centre (the centre itself after 12 misses). */
  private place(m: Municipality): [number, number] {
    const shape = this.shapes.get(m.oktmo);
    const spread = m.type === 'city_okrug' ? 0.014 : 0.05;
    for (let i = 0; i < 12; i++) {
      const lon = m.centre[0] + this.rng.normal() * spread * 1.6;
      const lat = m.centre[1] + this.rng.normal() * spread;
      if (shape ? shape.strictlyContains(lon, lat) : isInsideRepublicBounds(lon, lat)) return [Math.round(lon * 1e5) / 1e5, Math.round(lat * 1e5) / 1e5];
    }
    return [m.centre[0], m.centre[1]];
  }

  /** A resident's post about an outage, a few hundred metres from it, linked by `accidentId`. */
  private post(t: number, acc: Accident, out: Map<string, Entity>): void {
    const title = POST_TITLES[acc.resource];
    const topic = defaultTopicList().find(title);
    const m = this.units.find((u) => u.oktmo === acc.municipality);
    const created = Math.round(t);
    const lon = Math.round((acc.lon + (this.rng.next() - 0.5) * 0.004) * 1e5) / 1e5;
    const lat = Math.round((acc.lat + (this.rng.next() - 0.5) * 0.0025) * 1e5) / 1e5;
    const a: Appeal = {
      kind: 'appeal',
      id: `demo-xp-${this.seed}-${this.nextId++}`,
      version: 1,
      municipality: acc.municipality,
      lon: this.shapes.get(acc.municipality)?.strictlyContains(lon, lat) === false ? acc.lon : lon,
      lat: this.shapes.get(acc.municipality)?.strictlyContains(lon, lat) === false ? acc.lat : lat,
      channel: 'social',
      sector: 'housing',
      ...(topic ? { topic: topic.id } : {}),
      org: m ? `omsu-${m.slug}` : 'oiv-mininform',
      importance: 'normal',
      status: 'new',
      title,
      text: `${title}. ${acc.address}.`,
      createdAt: created,
      accidentId: acc.id,
      applicant: `social-user-${this.rng.int(1, 400_000)}`,
      address: acc.address,
    };
    // Posts are answered in hours (DOMAIN.md: ≈ 3 h 40 min on average).
    const answerAfter = (1 + this.rng.next() * 4) * HOUR;
    const speed = this.live.get(acc.id)?.speed ?? 1;
    this.posts.set(a.id, { appeal: a, answerAt: created + answerAfter / speed, closeAt: created + (answerAfter + 12 * HOUR) / speed });
    out.set(`appeal:${a.id}`, a);
  }
}
