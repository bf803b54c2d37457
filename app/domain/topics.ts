/**
 * Topics within sectors (ПОС topics, ИМ rubrics): controlled values, so a public screen can
 * name what an appeal is about without showing a word the citizen wrote. The hub composes an
 * appeal's public title from its topic (or, lacking a known one, its sector) and its place.
 * Version 1 of the `topics` configuration.
 */
import { municipalityByOktmo } from './municipality';
import { DEFAULT_SECTORS, sectorById, type Sector } from './sector';

export interface Topic {
  /** Stable id, `<sector>.<slug>`. */
  readonly id: string;
  readonly sector: string;
  /** Russian label, as the wall shows it. */
  readonly label: string;
}

const T = (sector: string, slug: string, label: string): Topic => ({ id: `${sector}.${slug}`, sector, label });

export const DEFAULT_TOPICS: readonly Topic[] = [
  T('roads', 'pothole', 'Яма на проезжей части'),
  T('roads', 'snow', 'Не убран снег с дороги'),
  T('roads', 'surface', 'Разрушено дорожное покрытие'),
  T('roads', 'lighting', 'Нет освещения на дороге'),
  T('roads', 'ice', 'Гололёд на тротуаре'),
  T('improvement', 'mowing', 'Не скошена трава'),
  T('improvement', 'yard-cleaning', 'Не убрана придомовая территория'),
  T('improvement', 'playground', 'Сломана детская площадка'),
  T('improvement', 'fallen-tree', 'Упало дерево во дворе'),
  T('improvement', 'debris', 'Не вывезен строительный мусор'),
  T('housing', 'no-heat', 'Нет отопления'),
  T('housing', 'cold-radiators', 'Холодные батареи'),
  T('housing', 'roof-leak', 'Протечка кровли'),
  T('housing', 'no-hot-water', 'Нет горячей воды'),
  T('housing', 'low-pressure', 'Низкое давление воды'),
  T('housing', 'no-cold-water', 'Нет холодной воды'),
  T('housing', 'sewerage', 'Засор канализации'),
  T('housing', 'no-power', 'Нет света'),
  T('housing', 'no-gas', 'Нет газа'),
  T('housing', 'unsafe-building', 'Аварийное состояние дома'),
  T('transport', 'bus-missing', 'Автобус не вышел на маршрут'),
  T('transport', 'schedule', 'Нарушение расписания'),
  T('transport', 'crowded', 'Переполненный автобус'),
  T('healthcare', 'appointment', 'Нет записи к терапевту'),
  T('healthcare', 'queue', 'Очередь в поликлинике'),
  T('healthcare', 'medicines', 'Нет лекарств в аптеке'),
  T('education', 'kindergarten', 'Нет мест в детском саду'),
  T('education', 'cold-school', 'Холодно в школе'),
  T('education', 'canteen', 'Не работает столовая'),
  T('social', 'benefit-delay', 'Задержка выплаты пособия'),
  T('social', 'utility-subsidy', 'Вопрос о субсидии ЖКУ'),
  T('energy', 'outage', 'Отключение электроэнергии'),
  T('energy', 'voltage', 'Скачки напряжения'),
  T('waste', 'not-collected', 'Не вывезен мусор с площадки'),
  T('waste', 'overflow', 'Переполнены контейнеры'),
  T('other', 'stray-animals', 'Бездомные животные'),
  T('other', 'noise', 'Шум в ночное время'),
];

const norm = (s: string): string => s.toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();

/** Topics by id and by exact (normalised) label. */
export class TopicList {
  private readonly byKey = new Map<string, Topic>();

  constructor(readonly topics: readonly Topic[] = DEFAULT_TOPICS) {
    for (const t of topics) this.byKey.set(t.id, t);
    for (const t of topics) if (!this.byKey.has(norm(t.label))) this.byKey.set(norm(t.label), t);
  }

  /** The topic a source's value names (its id or its exact label), if any. */
  find(value: string | undefined): Topic | undefined {
    if (!value) return undefined;
    return this.byKey.get(value) ?? this.byKey.get(norm(value));
  }
}

let defaultList: TopicList | null = null;
export function defaultTopicList(): TopicList {
  return (defaultList ??= new TopicList());
}

/**
 * The public title of an appeal: its topic (or sector) and its place, «Нет отопления —
 * Чебоксары». Built only from controlled values, never from the citizen's words.
 */
export function publicAppealTitle(
  a: { topic?: string; sector: string; municipality: string },
  topics: TopicList = defaultTopicList(),
  sectors: readonly Sector[] = DEFAULT_SECTORS,
): string {
  const what = topics.find(a.topic)?.label ?? sectorById(a.sector, sectors).label;
  const place = municipalityByOktmo(a.municipality)?.shortName ?? municipalityByOktmo(a.municipality, '2023')?.shortName;
  return place ? `${what} — ${place}` : what;
}
