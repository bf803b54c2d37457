/**
 * The demo source (the embedded default; DOMAIN.md): appeals by channel (ПОС, social, written
 * 59-ФЗ) weighted by municipal population, a realistic sector mix with roads / yard
 * improvement / ЖКХ on top, a daytime peak, per-organisation performance profiles (some are
 * slow, so ratings differ and items go overdue); ЖКХ accidents by resource with residents,
 * buildings and social objects, planned vs actual restoration (some late); social posts near
 * an active accident linked to it; raw texts with fake personal data so redaction is always
 * exercised. `speed` runs the simulated life X times faster; the same seed gives the same
 * stream for the same start time. Everything goes through the hub's ingest pipeline.
 */
import type { Accident, AccidentResource, Appeal, AppealChannel, Entity, EntityRef } from '../app/domain/entity';
import { isInsideRepublicBounds, municipalities, type Municipality } from '../app/domain/municipality';
import { defaultTopicList } from '../app/domain/topics';
import type { Change } from './feed-log';
import { DemoAccidents } from './demo-accidents';
import { fakeContact } from './demo-people';
import { DemoWeather } from './demo-weather';
import { createRng, type Rng } from './random';
import { RepublicShape } from './republic-shape';

export interface DemoOptions {
  seed: number;
  /** Rate multiplier (1 = real life). */
  speed: number;
  /** Days of history to back-fill when the log is empty. */
  backfillDays: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Appeals per day at speed 1 (DOMAIN.md: a few hundred a day). */
const APPEALS_PER_DAY = 400;
/** Accidents per day at speed 1 in the heating season. */
const ACCIDENTS_PER_DAY = 4;
/** Share of appeal texts that carry personal data. */
const PERSONAL_DATA_SHARE = 0.35;
/** Closed items older than this leave the state (the log keeps their history). */
const KEEP_CLOSED_MS = 30 * DAY;

const SECTOR_MIX: readonly [string, number][] = [
  ['roads', 24],
  ['improvement', 18],
  ['housing', 20],
  ['transport', 8],
  ['healthcare', 7],
  ['education', 5],
  ['social', 5],
  ['energy', 4],
  ['waste', 6],
  ['other', 3],
];
const CHANNEL_MIX: readonly [AppealChannel, number][] = [
  ['pos', 45],
  ['social', 45],
  ['written', 10],
];
/** Chuvashia, one heating season: cold water 89, heat & hot water 129, gas 2, power 169 (DOMAIN.md). */
const RESOURCE_MIX: readonly [AccidentResource, number][] = [
  ['heat', 110],
  ['hot_water', 19],
  ['cold_water', 89],
  ['electricity', 169],
  ['gas', 2],
  ['sewerage', 25],
];
const TITLES: Record<string, readonly string[]> = {
  roads: ['Яма на проезжей части', 'Не убран снег с дороги', 'Разрушено дорожное покрытие', 'Нет освещения на дороге', 'Гололёд на тротуаре'],
  improvement: ['Не убрана придомовая территория', 'Сломана детская площадка', 'Упало дерево во дворе', 'Не вывезен строительный мусор', 'Не скошена трава'],
  housing: ['Нет отопления', 'Холодные батареи', 'Протечка кровли', 'Нет горячей воды', 'Низкое давление воды'],
  transport: ['Автобус не вышел на маршрут', 'Нарушение расписания', 'Переполненный автобус'],
  healthcare: ['Нет записи к терапевту', 'Очередь в поликлинике', 'Нет лекарств в аптеке'],
  education: ['Нет мест в детском саду', 'Холодно в школе', 'Не работает столовая'],
  social: ['Задержка выплаты пособия', 'Вопрос о субсидии ЖКУ'],
  energy: ['Отключение электроэнергии', 'Скачки напряжения'],
  waste: ['Не вывезен мусор с площадки', 'Переполнены контейнеры'],
  other: ['Бездомные животные', 'Шум в ночное время'],
};
/** What residents write when a resource is cut. */
const ACCIDENT_POSTS: Record<AccidentResource, string> = {
  heat: 'Нет отопления',
  hot_water: 'Нет горячей воды',
  cold_water: 'Нет холодной воды',
  sewerage: 'Засор канализации',
  electricity: 'Нет света',
  gas: 'Нет газа',
  housing: 'Аварийное состояние дома',
};
/** Operator ids of the organisation directory (app/domain/organisations.ts). */
const OPERATORS: Record<AccidentResource, string> = {
  heat: 'op-tplus',
  hot_water: 'op-tplus',
  cold_water: 'op-vodokanal',
  sewerage: 'op-vodokanal',
  electricity: 'op-rosseti-volga',
  gas: 'op-gazprom-gr',
  housing: 'op-uk',
};
/** Streets of the demo's addresses: common street names of the republic's towns and villages. */
const ADDRESS_STREETS = [
  'ул. Ленина',
  'ул. К. Маркса',
  'пр. Мира',
  'ул. Гагарина',
  'ул. Советская',
  'ул. Николаева',
  'ул. Пролетарская',
  'ул. Школьная',
  'ул. Молодёжная',
  'ул. Садовая',
  'ул. Центральная',
  'ул. Лесная',
  'ул. Мичурина',
  'ул. Чапаева',
  'ул. Кирова',
  'ул. Калинина',
  'пр. Ленина',
  'ул. Комсомольская',
  'ул. Октябрьская',
  'ул. Первомайская',
  'ул. Набережная',
  'ул. Заводская',
  'ул. Новая',
  'ул. Полевая',
  'ул. Хузангая',
  'ул. Яковлева',
  'пр. Тракторостроителей',
  'ул. Гражданская',
  'ул. Эльменя',
  'ул. Петрова',
  'ул. Космонавтов',
  'ул. Победы',
];
const STREETS = ['ул. Ленина', 'ул. К. Маркса', 'пр. Мира', 'ул. Гагарина', 'ул. Советская', 'ул. Николаева', 'ул. Пролетарская', 'ул. Школьная'];
/** Titles that belong to a season (Moscow month 1–12): heating in the heating season, snow and ice in winter, grass in summer. */
const SEASONAL: Readonly<Record<string, (month: number) => boolean>> = {
  'Нет отопления': (m) => m >= 10 || m <= 4,
  'Холодные батареи': (m) => m >= 10 || m <= 4,
  'Холодно в школе': (m) => m >= 10 || m <= 4,
  'Не убран снег с дороги': (m) => m >= 11 || m <= 3,
  'Гололёд на тротуаре': (m) => m >= 11 || m <= 3,
  'Не скошена трава': (m) => m >= 5 && m <= 9,
};
/** A sector's titles in the month of `t`. */
function titlesAt(sector: string, t: number): readonly string[] {
  const month = new Date(t + 3 * HOUR).getUTCMonth() + 1;
  const all = TITLES[sector] ?? TITLES.other!;
  const now = all.filter((x) => SEASONAL[x]?.(month) ?? true);
  return now.length ? now : all;
}
/** Inflow by Moscow weekday (0 = Sunday): weekends are quieter. */
const WEEKDAY_WEIGHT = [0.6, 1.05, 1.1, 1.05, 1.05, 1, 0.7];
const weekdayWeight = (t: number): number => WEEKDAY_WEIGHT[new Date(t + 3 * HOUR).getUTCDay()]!;
/**
 * Median hours to the first answer by channel (before the organisation's own factor): posts in
 * hours (DOMAIN.md: ≈ 3 h 40 min on average in Чувашия), ПОС in days; written appeals are
 * answered in 10–29 days, a few late (more over the New Year holidays).
 */
const MEDIAN_ANSWER_H: Record<AppealChannel, number> = { social: 2.5, pos: 60, written: 0 };
/** Share of answered items that come back from the same applicant about the same thing (a repeat). */
const REPEAT_SHARE = 0.05;
/** Share of answered ПОС items the citizen rates. */
const RATED_SHARE = 0.65;

/** ОИВ by sector; ОМСУ answer roads, yard improvement and ЖКХ. */
const OIV: Record<string, string> = {
  transport: 'oiv-mintrans',
  healthcare: 'oiv-minzdrav',
  education: 'oiv-minobr',
  social: 'oiv-mintrud',
  energy: 'oiv-minpromenergo',
  waste: 'oiv-minprirody',
  other: 'oiv-mininform',
};

/** The topic id whose label the demo's title is (every demo title is one). */
function topicOf(title: string): { topic?: string } {
  const t = defaultTopicList().find(title);
  return t ? { topic: t.id } : {};
}

/** Share of the daily inflow in a given hour of day (Moscow time): a daytime peak. */
export function hourWeight(hourMsk: number): number {
  return 0.08 + Math.exp(-((hourMsk - 13) ** 2) / (2 * 3.5 ** 2));
}
const HOUR_WEIGHT_SUM = Array.from({ length: 24 }, (_, h) => hourWeight(h)).reduce((a, b) => a + b, 0);
const mskHour = (t: number): number => (new Date(t).getUTCHours() + 3) % 24;

/** An appeal in flight with the simulated times of its next steps. */
interface Open {
  appeal: Appeal;
  /** Simulated ms after creation when the next status comes. */
  steps: { at: number; status: Appeal['status'] }[];
  /** How much faster than real time its life runs: 1 for the back-filled history, `speed` live. */
  speed: number;
}

export class DemoSource {
  private readonly rng: Rng;
  /**
   * A second stream for what came later (applicants, ratings, repeats, written answer times),
   * so the main stream, and every map and golden built on it, stays as it was.
   */
  private readonly side: Rng;
  /** Answered appeals whose applicant will write again about the same thing, by simulated time. */
  private readonly repeats: { at: number; of: Appeal; speed: number }[] = [];
  private nextRepeat = 1;
  private readonly units: readonly Municipality[];
  /** Mean hours to answer, per organisation: some are fast, some chronically late. */
  private readonly orgSpeed = new Map<string, number>();
  private nextId = 1;
  private readonly open = new Map<string, Open>();
  private readonly closed: Appeal[] = [];
  private readonly active = new Map<string, Accident>();
  /** Speed of each active accident's life (1 for the back-filled ones, `speed` live). */
  private readonly accidentSpeed = new Map<string, number>();
  /**
   * Speed of the items being created: the history before `now` was lived at real speed, so
   * an item back-filled as open stays open as long as it would have (it does not close on the
   * first live tick because `speed` is 60).
   */
  private phaseSpeed = 1;
  /** Every fake personal-data fragment put into a raw text (for the privacy test). */
  readonly personalData = new Set<string>();

  private readonly shapes: Map<string, RepublicShape>;
  /** Accidents by season, planned outages and their posts, on their own stream (demo-accidents.ts). */
  private readonly outages: DemoAccidents;
  /** Hourly outdoor temperature (demo-weather.ts). */
  private readonly weather: DemoWeather;

  constructor(private readonly opts: DemoOptions) {
    this.rng = createRng(opts.seed);
    this.side = createRng((opts.seed ^ 0x5eed) >>> 0);
    this.units = municipalities();
    this.shapes = RepublicShape.loadMunicipalities();
    this.weather = new DemoWeather(opts.seed, this.units);
    this.outages = new DemoAccidents(opts.seed, this.units, this.shapes, this.weather);
  }

  /** History before `now`: the state a wall shows at first start. */
  backfill(now: number): Change {
    const out = new Map<string, Entity>();
    const from = now - this.opts.backfillDays * DAY;
    for (let t = from; t < now; t += HOUR) {
      const n = this.rng.poisson((APPEALS_PER_DAY * hourWeight(mskHour(t)) * weekdayWeight(t)) / HOUR_WEIGHT_SUM);
      for (let i = 0; i < n; i++) this.newAppeal(t + this.rng.next() * HOUR, out);
      this.emitRepeats(t, out);
      if (this.rng.next() < ACCIDENTS_PER_DAY / 24) this.newAccident(t + this.rng.next() * HOUR, out, 1);
      this.advance(Math.min(now, t + HOUR), 1, out);
      this.outages.spawn(Math.min(now, t + HOUR), Math.min(now, t + HOUR) - t, 1, out, true);
      this.outages.advance(Math.min(now, t + HOUR), Math.min(now, t + HOUR) - t, out);
    }
    for (const w of this.weather.due(now)) out.set(`weather:${w.id}`, w);
    const removes = [...this.expire(now), ...this.outages.expire(now)];
    for (const r of removes) out.delete(`${r.kind}:${r.id}`);
    return { upserts: [...out.values()], removes };
  }

  /** What happened in (now - dtMs, now], simulated `speed` times faster. */
  tick(now: number, dtMs: number): Change {
    const out = new Map<string, Entity>();
    this.phaseSpeed = this.opts.speed;
    const simDt = dtMs * this.opts.speed;
    const n = this.rng.poisson((APPEALS_PER_DAY * (simDt / HOUR) * hourWeight(mskHour(now)) * weekdayWeight(now)) / HOUR_WEIGHT_SUM);
    for (let i = 0; i < n; i++) this.newAppeal(now, out);
    this.emitRepeats(now, out);
    if (this.rng.next() < (ACCIDENTS_PER_DAY * simDt) / DAY) this.newAccident(now, out, this.opts.speed);
    this.advance(now, this.opts.speed, out);
    this.outages.spawn(now, simDt, this.opts.speed, out);
    this.outages.advance(now, simDt, out);
    for (const w of this.weather.due(now)) out.set(`weather:${w.id}`, w);
    return { upserts: [...out.values()], removes: [...this.expire(now), ...this.outages.expire(now)] };
  }

  private unit(): Municipality {
    return this.rng.pick(this.units, (m) => m.population);
  }

  /** A point near `centre` inside the municipality `oktmo` (the centre itself after 12 misses). */
  private place(oktmo: string, centre: readonly [number, number], spreadDeg: number): [number, number] {
    const shape = this.shapes.get(oktmo);
    for (let i = 0; i < 12; i++) {
      const lon = centre[0] + this.rng.normal() * spreadDeg * 1.6;
      const lat = centre[1] + this.rng.normal() * spreadDeg;
      if (shape ? shape.strictlyContains(lon, lat) : isInsideRepublicBounds(lon, lat)) return [Math.round(lon * 1e5) / 1e5, Math.round(lat * 1e5) / 1e5];
    }
    return [centre[0], centre[1]];
  }

  private spread(m: Municipality): number {
    return m.type === 'city_okrug' ? 0.02 : 0.08;
  }

  /** An organisation's own pace: a factor around 1 (some are fast, some chronically slow). */
  private speedOf(org: string): number {
    let f = this.orgSpeed.get(org);
    if (f === undefined) {
      f = Math.exp(this.rng.normal() * 0.5);
      this.orgSpeed.set(org, f);
    }
    return f;
  }

  /** Simulated time from creation to the first answer, ms, by channel (see MEDIAN_ANSWER_H). */
  private answerAfter(channel: AppealChannel, org: string, created: number): number {
    const noise = Math.exp(this.rng.normal() * 0.6);
    const factor = this.speedOf(org);
    if (channel !== 'written') return MEDIAN_ANSWER_H[channel] * factor * noise * HOUR;
    const month = new Date(created + 3 * HOUR).getUTCMonth() + 1;
    const lateShare = (month === 12 || month === 1 ? 0.06 : 0.03) * factor;
    const days = this.side.next() < lateShare ? 31 + this.side.next() * 8 : 10 + this.side.next() * 19;
    return days * DAY;
  }

  private newAppeal(t: number, out: Map<string, Entity>, near?: { accident: Accident }): Appeal {
    const m = near ? (this.units.find((u) => u.oktmo === near.accident.municipality) ?? this.unit()) : this.unit();
    const [lon, lat] = near ? this.place(m.oktmo, [near.accident.lon, near.accident.lat], 0.004) : this.place(m.oktmo, m.centre, this.spread(m));
    const sector = near ? 'housing' : this.rng.pick(SECTOR_MIX, (s) => s[1])[0];
    const channel = near ? 'social' : this.rng.pick(CHANNEL_MIX, (c) => c[1])[0];
    const title = near ? ACCIDENT_POSTS[near.accident.resource] : this.rng.pick(titlesAt(sector, t));
    // The main stream's draws are kept (so is everything built on it); the building comes from the side stream.
    this.rng.pick(STREETS);
    this.rng.int(1, 120);
    const address = `${m.centreName}, ${this.side.pick(ADDRESS_STREETS)}, д. ${this.side.int(1, 160)}`;
    let text = `${title}. ${address}.`;
    if (this.rng.next() < PERSONAL_DATA_SHARE) {
      const c = fakeContact(this.rng);
      text += ` ${c.text}`;
      c.pieces.forEach((p) => this.personalData.add(p));
    }
    const org = OIV[sector] ?? `omsu-${m.slug}`;
    const created = Math.round(t);
    const a: Appeal = {
      kind: 'appeal',
      id: `demo-a-${this.opts.seed}-${this.nextId++}`,
      version: 1,
      municipality: m.oktmo,
      lon,
      lat,
      channel,
      sector,
      ...topicOf(title),
      org,
      importance: near || this.rng.next() < 0.1 ? 'high' : 'normal',
      status: 'new',
      title,
      text,
      createdAt: created,
      ...(channel === 'written' ? { dueAt: created + 30 * DAY } : {}),
      ...(near ? { accidentId: near.accident.id } : {}),
      applicant: `${channel}-user-${this.side.int(1, 400_000)}`,
      address,
    };
    // The life of this appeal, in simulated time after creation.
    const answerAfter = this.answerAfter(channel, org, created);
    // A few items lie untouched until their answer (more at slow organisations): the quantity criterion sees them.
    const untouched = this.side.next() < (this.speedOf(org) > 1.3 ? 0.08 : 0.02);
    const steps: Open['steps'] = untouched ? [] : [{ at: Math.min(answerAfter * 0.2, HOUR), status: 'in_progress' }];
    if (this.rng.next() < 0.25) steps.push({ at: answerAfter * 0.6, status: 'intermediate' });
    steps.push({ at: answerAfter, status: 'answered' }, { at: answerAfter + 12 * HOUR, status: 'closed' });
    this.open.set(a.id, { appeal: a, steps, speed: this.phaseSpeed });
    out.set(`appeal:${a.id}`, a);
    return a;
  }

  /**
   * What follows an answer: a ПОС citizen may rate it (less often satisfied when it came late or
   * from a slow organisation), and a few applicants write again about the same thing (a repeat).
   */
  private afterAnswer(a: Appeal, speed: number): Appeal {
    let out = a;
    if (a.channel === 'pos' && this.side.next() < RATED_SHARE) {
      const slow = this.speedOf(a.org) > 1.3 || (a.answeredAt ?? 0) - a.createdAt > 10 * DAY;
      out = { ...a, satisfaction: this.side.next() < (slow ? 0.55 : 0.85) ? 'satisfied' : 'unsatisfied' };
    }
    if (!a.accidentId && this.side.next() < REPEAT_SHARE * (this.speedOf(a.org) > 1.3 ? 2 : 1)) {
      this.repeats.push({ at: (a.answeredAt ?? a.createdAt) + ((1 + this.side.next() * 20) * DAY) / speed, of: out, speed });
    }
    return out;
  }

  /** The repeat complaints due by `now`: the same applicant, address, sector and topic as the answered item. */
  private emitRepeats(now: number, out: Map<string, Entity>): void {
    if (!this.repeats.length) return;
    const due = this.repeats.filter((r) => r.at <= now);
    if (!due.length) return;
    this.repeats.splice(0, this.repeats.length, ...this.repeats.filter((r) => r.at > now));
    for (const r of due) {
      const { answeredAt: _a, satisfaction: _s, dueAt: _d, ...base } = r.of;
      const created = Math.round(r.at);
      const a: Appeal = {
        ...base,
        id: `demo-r-${this.opts.seed}-${this.nextRepeat++}`,
        version: 1,
        status: 'new',
        createdAt: created,
        text: `Повторно: ${r.of.title}. ${r.of.address ?? ''}`.trim(),
        ...(r.of.channel === 'written' ? { dueAt: created + 30 * DAY } : {}),
      };
      const after = this.answerAfter(a.channel, a.org, created);
      this.open.set(a.id, {
        appeal: a,
        steps: [
          { at: Math.min(after * 0.2, HOUR), status: 'in_progress' },
          { at: after, status: 'answered' },
          { at: after + 12 * HOUR, status: 'closed' },
        ],
        speed: r.speed,
      });
      out.set(`appeal:${a.id}`, a);
    }
  }

  /** Moves items whose next step is due; each item's own speed scales its simulated durations. */
  private advance(now: number, speed: number, out: Map<string, Entity>): void {
    for (const o of this.open.values()) {
      let a = o.appeal;
      while (o.steps.length && a.createdAt + o.steps[0]!.at / o.speed <= now) {
        const step = o.steps.shift()!;
        const at = Math.round(a.createdAt + step.at / o.speed);
        a = { ...a, version: a.version + 1, status: step.status, ...(step.status === 'answered' ? { answeredAt: at } : {}) };
        if (step.status === 'answered') a = this.afterAnswer(a, o.speed);
      }
      if (a !== o.appeal) {
        o.appeal = a;
        out.set(`appeal:${a.id}`, a);
        if (a.status === 'closed') {
          this.open.delete(a.id);
          this.closed.push(a);
        }
      }
    }
    for (const acc of this.active.values()) {
      const fixAt = acc.startedAt + this.fixDuration(acc) / (this.accidentSpeed.get(acc.id) ?? speed);
      if (fixAt <= now) {
        const done: Accident = { ...acc, version: acc.version + 1, status: 'resolved', restoredAt: Math.round(fixAt) };
        this.active.delete(acc.id);
        this.accidentSpeed.delete(acc.id);
        out.set(`accident:${acc.id}`, done);
      } else if (acc.resource !== 'gas' && this.rng.next() < 0.02 * speed) {
        // Residents write about it while it lasts.
        this.newAppeal(now, out, { accident: acc });
      }
    }
  }

  /** Simulated repair time: average ≈ 5.6 h (DOMAIN.md); a fifth run past the plan. */
  private fixDuration(acc: Accident): number {
    const planned = acc.plannedRestoreAt - acc.startedAt;
    const seed = Number(acc.id.split('-').pop()) % 10;
    return seed < 2 ? planned * 1.6 : planned * (0.5 + seed / 20);
  }

  private newAccident(t: number, out: Map<string, Entity>, speed: number): void {
    const m = this.unit();
    const [lon, lat] = this.place(m.oktmo, m.centre, this.spread(m) * 0.7);
    const resource = this.rng.pick(RESOURCE_MIX, (r) => r[1])[0];
    const residents = Math.min(26_600, Math.round(Math.exp(5.3 + this.rng.normal() * 1.3)));
    const started = Math.round(t);
    // The season decides the resource on the outages' own stream (this one's draws are kept).
    const acc: Accident = this.outages.reshape(
      {
        kind: 'accident',
        id: `demo-acc-${this.opts.seed}-${this.nextId++}`,
        version: 1,
        municipality: m.oktmo,
        lon,
        lat,
        resource,
        status: 'active',
        address: `${m.centreName}, ${this.rng.pick(STREETS)}, д. ${this.rng.int(1, 120)}`,
        operator: OPERATORS[resource],
        residents,
        buildings: Math.max(1, Math.round(residents / 200)),
        socialObjects: this.rng.next() < 0.25 ? this.rng.int(1, 4) : 0,
        startedAt: started,
        plannedRestoreAt: Math.round(started + ((2 + this.rng.next() * 8) * HOUR) / speed),
      },
      started,
    );
    this.active.set(acc.id, acc);
    this.accidentSpeed.set(acc.id, speed);
    out.set(`accident:${acc.id}`, acc);
  }

  /** Closed appeals older than {@link KEEP_CLOSED_MS} leave the state. */
  private expire(now: number): EntityRef[] {
    const removes: EntityRef[] = [];
    while (this.closed.length && now - this.closed[0]!.createdAt > KEEP_CLOSED_MS) removes.push({ kind: 'appeal', id: this.closed.shift()!.id });
    return removes;
  }
}
