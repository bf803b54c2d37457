/**
 * The demo source: appeals and ЖКХ accidents across the municipalities of Chuvashia at a
 * believable rate (DOMAIN.md «Volumes»): a few hundred appeals a day with a daytime peak,
 * weighted by population, roads / yard improvement / ЖКХ on top; a few utility accidents a
 * day in the heating season. `speed` multiplies the rate so a demo shows movement at once.
 * Deterministic for a seed and a start time.
 */
import type { Accident, AccidentResource, Appeal, AppealChannel, Entity } from '../app/domain/entity';
import { isInsideRepublicBounds, municipalities, type Municipality } from '../app/domain/municipality';
import type { Change } from './feed-log';
import { createRng, type Rng } from './random';

export interface DemoOptions {
  seed: number;
  /** Rate multiplier (1 = real life). */
  speed: number;
  /** Hours of history to back-fill at start. */
  backfillHours: number;
}

const HOUR = 3_600_000;
/** Appeals per day at speed 1 (DOMAIN.md: a few hundred a day). */
const APPEALS_PER_DAY = 400;
/** Accidents per day at speed 1 in the heating season. */
const ACCIDENTS_PER_DAY = 4;

const SECTOR_MIX: readonly [string, number][] = [
  ['roads', 24], ['improvement', 18], ['housing', 20], ['transport', 8], ['healthcare', 7],
  ['education', 5], ['social', 5], ['energy', 4], ['waste', 6], ['other', 3],
];
const CHANNEL_MIX: readonly [AppealChannel, number][] = [['pos', 45], ['social', 45], ['written', 10]];
/** Chuvashia, one heating season: cold water 89, heat 129, gas 2, power 169 (DOMAIN.md). */
const RESOURCE_MIX: readonly [AccidentResource, number][] = [
  ['heat', 110], ['hot_water', 19], ['cold_water', 89], ['electricity', 169], ['gas', 2], ['sewerage', 25],
];
const TITLES: Record<string, readonly string[]> = {
  roads: ['Яма на проезжей части', 'Не убран снег с дороги', 'Разрушено дорожное покрытие', 'Нет освещения на дороге'],
  improvement: ['Не убрана придомовая территория', 'Сломана детская площадка', 'Упало дерево во дворе', 'Не вывезен строительный мусор'],
  housing: ['Нет отопления в квартире', 'Холодные батареи', 'Протечка кровли', 'Нет горячей воды', 'Низкое давление воды'],
  transport: ['Автобус не вышел на маршрут', 'Нарушение расписания', 'Переполненный автобус'],
  healthcare: ['Нет записи к терапевту', 'Очередь в поликлинике', 'Нет лекарств в аптеке'],
  education: ['Нет мест в детском саду', 'Холодно в школе', 'Не работает столовая'],
  social: ['Задержка выплаты пособия', 'Вопрос о субсидии ЖКУ'],
  energy: ['Отключение электроэнергии', 'Скачки напряжения'],
  waste: ['Не вывезен мусор с площадки', 'Переполнены контейнеры'],
  other: ['Бездомные животные', 'Шум в ночное время'],
};
const OPERATORS: Record<AccidentResource, string> = {
  heat: 'ТГК-5', hot_water: 'ТГК-5', cold_water: 'Водоканал', sewerage: 'Водоканал',
  electricity: 'Чувашская энергосбытовая компания', gas: 'Газпром газораспределение Чебоксары', housing: 'Управляющая компания',
};
const STREETS = ['ул. Ленина', 'ул. К. Маркса', 'пр. Мира', 'ул. Гагарина', 'ул. Советская', 'ул. Николаева', 'ул. Пролетарская', 'ул. Школьная'];

/** Share of the daily inflow in a given hour of day (Moscow time): a daytime peak. */
export function hourWeight(hourMsk: number): number {
  const day = Math.exp(-((hourMsk - 13) ** 2) / (2 * 3.5 ** 2));
  return 0.08 + day;
}
const HOUR_WEIGHT_SUM = Array.from({ length: 24 }, (_, h) => hourWeight(h)).reduce((a, b) => a + b, 0);

function mskHour(t: number): number {
  return (new Date(t).getUTCHours() + 3) % 24;
}

export class DemoSource {
  private readonly rng: Rng;
  private readonly units: readonly Municipality[];
  private nextId = 1;
  private readonly open = new Map<string, Appeal>();
  private readonly active = new Map<string, Accident>();

  constructor(private readonly opts: DemoOptions) {
    this.rng = createRng(opts.seed);
    this.units = municipalities();
  }

  /** The history before `now`, as one change (the state a wall shows at start). */
  backfill(now: number): Change {
    const upserts: Entity[] = [];
    const from = now - this.opts.backfillHours * HOUR;
    for (let t = from; t < now; t += HOUR) {
      const n = this.rng.poisson((APPEALS_PER_DAY * hourWeight(mskHour(t))) / HOUR_WEIGHT_SUM);
      for (let i = 0; i < n; i++) upserts.push(this.progressAppeal(this.newAppeal(t + this.rng.next() * HOUR), now));
      if (this.rng.next() < ACCIDENTS_PER_DAY / 24) upserts.push(this.progressAccident(this.newAccident(t + this.rng.next() * HOUR), now));
    }
    return { upserts, removes: [] };
  }

  /** What happened in (now - dtMs, now]: new items and status changes. */
  tick(now: number, dtMs: number): Change {
    const upserts: Entity[] = [];
    const scale = (this.opts.speed * dtMs) / (24 * HOUR);
    const n = this.rng.poisson((APPEALS_PER_DAY * 24 * scale * hourWeight(mskHour(now))) / HOUR_WEIGHT_SUM);
    for (let i = 0; i < n; i++) upserts.push(this.newAppeal(now));
    if (this.rng.next() < ACCIDENTS_PER_DAY * scale) upserts.push(this.newAccident(now));
    // Existing items move on at the same accelerated pace.
    for (const a of this.open.values()) {
      if (this.rng.next() < 6 * scale) upserts.push(this.advanceAppeal(a, now));
    }
    for (const acc of this.active.values()) {
      if (this.rng.next() < 3 * scale) upserts.push(this.restore(acc, now));
    }
    return { upserts, removes: [] };
  }

  private place(m: Municipality, spreadDeg: number): [number, number] {
    for (let i = 0; i < 8; i++) {
      const lon = m.centre[0] + this.rng.normal() * spreadDeg * 1.6;
      const lat = m.centre[1] + this.rng.normal() * spreadDeg;
      if (isInsideRepublicBounds(lon, lat)) return [Math.round(lon * 1e5) / 1e5, Math.round(lat * 1e5) / 1e5];
    }
    return [m.centre[0], m.centre[1]];
  }

  private unit(): Municipality {
    return this.rng.pick(this.units, (m) => m.population);
  }

  private spread(m: Municipality): number {
    return m.type === 'city_okrug' ? 0.02 : 0.09;
  }

  private newAppeal(t: number): Appeal {
    const m = this.unit();
    const [lon, lat] = this.place(m, this.spread(m));
    const sector = this.rng.pick(SECTOR_MIX, (s) => s[1])[0];
    const channel = this.rng.pick(CHANNEL_MIX, (c) => c[1])[0];
    const title = this.rng.pick(TITLES[sector] ?? TITLES.other!);
    const a: Appeal = {
      kind: 'appeal',
      id: `a-${this.opts.seed}-${this.nextId++}`,
      version: 1,
      municipality: m.oktmo,
      lon,
      lat,
      channel,
      sector,
      org: sector === 'housing' || sector === 'improvement' || sector === 'roads' ? `omsu-${m.slug}` : `oiv-${sector}`,
      importance: this.rng.next() < 0.1 ? 'high' : 'normal',
      status: 'new',
      title,
      text: `${title}. ${m.centreName}, ${this.rng.pick(STREETS)}.`,
      createdAt: Math.round(t),
    };
    this.open.set(a.id, a);
    return a;
  }

  private advanceAppeal(a: Appeal, now: number): Appeal {
    const next: Appeal['status'] = a.status === 'new' ? 'in_progress' : a.status === 'in_progress' ? (this.rng.next() < 0.3 ? 'intermediate' : 'answered') : a.status === 'intermediate' ? 'answered' : 'closed';
    const b: Appeal = { ...a, version: a.version + 1, status: next, ...(next === 'answered' ? { answeredAt: Math.round(now) } : {}) };
    if (next === 'closed') this.open.delete(b.id);
    else this.open.set(b.id, b);
    return b;
  }

  /** Moves a back-filled appeal through its life cycle according to its age. */
  private progressAppeal(a: Appeal, now: number): Appeal {
    let cur = a;
    const steps = Math.min(4, Math.floor((now - a.createdAt) / (6 * HOUR) + this.rng.next() * 1.5));
    for (let i = 0; i < steps && cur.status !== 'closed'; i++) cur = this.advanceAppeal(cur, Math.min(now, a.createdAt + (i + 1) * 3 * HOUR));
    return cur;
  }

  private newAccident(t: number): Accident {
    const m = this.unit();
    const [lon, lat] = this.place(m, this.spread(m) * 0.7);
    const resource = this.rng.pick(RESOURCE_MIX, (r) => r[1])[0];
    const residents = Math.min(26_600, Math.round(Math.exp(5.3 + this.rng.normal() * 1.3)));
    const acc: Accident = {
      kind: 'accident',
      id: `acc-${this.opts.seed}-${this.nextId++}`,
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
      startedAt: Math.round(t),
      plannedRestoreAt: Math.round(t + (2 + this.rng.next() * 8) * HOUR),
    };
    this.active.set(acc.id, acc);
    return acc;
  }

  private restore(acc: Accident, now: number): Accident {
    this.active.delete(acc.id);
    return { ...acc, version: acc.version + 1, status: 'resolved', restoredAt: Math.round(now) };
  }

  private progressAccident(acc: Accident, now: number): Accident {
    // Average fix time ≈ 5.6 h (DOMAIN.md); older ones are mostly restored.
    const fixAt = acc.startedAt + (2 + this.rng.next() * 7.2) * HOUR;
    return fixAt < now ? this.restore(acc, fixAt) : acc;
  }
}
