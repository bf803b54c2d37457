/**
 * Russian wording of the detectors' alarms: «12 сообщений о холодной воде в Канашском округе
 * за час, обычно 1». Built from controlled values only (municipality, topic, sector, channel),
 * never from a citizen's words.
 */
import { CHANNEL_LABELS, type AppealChannel } from '../domain/entity';
import { municipalityByOktmo } from '../domain/municipality';
import { sectorById, type Sector } from '../domain/sector';
import { defaultTopicList, type TopicList } from '../domain/topics';
import { formatCount, pluralRu } from '../ui/format-ru';

/** Cities in the prepositional case (the okrugs decline regularly). */
const CITY_IN: Readonly<Record<string, string>> = {
  Чебоксары: 'в Чебоксарах',
  Новочебоксарск: 'в Новочебоксарске',
  Алатырь: 'в Алатыре',
  Канаш: 'в Канаше',
  Шумерля: 'в Шумерле',
};

/**
 * «в Канашском округе», «в Чебоксарах»: where, for a sentence. A municipality of either set;
 * an unknown code is named as it is.
 */
export function inMunicipality(oktmo: string): string {
  const m = municipalityByOktmo(oktmo) ?? municipalityByOktmo(oktmo, '2023');
  if (!m) return `в муниципалитете ${oktmo}`;
  const city = CITY_IN[m.shortName];
  if (city) return city;
  if (m.type === 'municipal_okrug' && /ий$/.test(m.shortName)) return `в ${m.shortName.replace(/ий$/, 'ом')} округе`;
  return `в муниципалитете «${m.shortName}»`;
}

/** What a topic is about, «о холодной воде», for the topics whose label is a complaint of absence. */
const TOPIC_ABOUT: Readonly<Record<string, string>> = {
  'housing.no-heat': 'об отоплении',
  'housing.cold-radiators': 'о холодных батареях',
  'housing.no-hot-water': 'о горячей воде',
  'housing.no-cold-water': 'о холодной воде',
  'housing.low-pressure': 'о давлении воды',
  'housing.sewerage': 'о канализации',
  'housing.no-power': 'об отключении света',
  'housing.no-gas': 'о газе',
  'housing.roof-leak': 'о протечках кровли',
  'housing.unsafe-building': 'об аварийном состоянии дома',
  'roads.pothole': 'о ямах на дорогах',
  'roads.snow': 'о неубранном снеге',
  'roads.ice': 'о гололёде',
  'roads.lighting': 'об освещении дорог',
  'waste.not-collected': 'о невывезенном мусоре',
  'waste.overflow': 'о переполненных контейнерах',
  'transport.bus-missing': 'об автобусах, не вышедших на маршрут',
  'energy.outage': 'об отключении электроэнергии',
  'education.cold-school': 'о холоде в школах',
};

/** «о холодной воде», «на тему «Бездомные животные»», «по сектору «Дороги»». */
export function aboutWhat(topic: string | undefined, sector: string, topics: TopicList = defaultTopicList(), sectors?: readonly Sector[]): string {
  if (topic !== undefined) {
    const about = TOPIC_ABOUT[topic];
    if (about) return about;
    const label = topics.find(topic)?.label;
    if (label) return `на тему «${label}»`;
  }
  return `по сектору «${sectorById(sector, sectors).label}»`;
}

/** «12 сообщений», «1 сообщение». */
export function messages(n: number): string {
  return `${formatCount(n)} ${pluralRu(n, 'сообщение', 'сообщения', 'сообщений')}`;
}

/** «за час», «за 3 часа», «за 90 минут». */
export function overWindow(minutes: number): string {
  if (minutes === 60) return 'за час';
  if (minutes % 60 === 0) {
    const h = minutes / 60;
    return `за ${h} ${pluralRu(h, 'час', 'часа', 'часов')}`;
  }
  return `за ${minutes} ${pluralRu(minutes, 'минуту', 'минуты', 'минут')}`;
}

/** «обычно 1», «обычно меньше одного», «обычно 14»: the usual level, rounded for a person. */
export function usually(expected: number): string {
  if (expected < 0.5) return 'обычно меньше одного';
  return `обычно ${formatCount(Math.round(expected))}`;
}

/** «12 сообщений о холодной воде в Канашском округе за час, обычно 1». */
export function spikeText(
  s: { count: number; expected: number; municipality: string; sector: string; topic?: string; windowMin: number },
  topics?: TopicList,
  sectors?: readonly Sector[],
): string {
  return `${messages(s.count)} ${aboutWhat(s.topic, s.sector, topics, sectors)} ${inMunicipality(s.municipality)} ${overWindow(s.windowMin)}, ${usually(s.expected)}`;
}

/** «Канал «Соцсети»: 0 сообщений за 3 часа, обычно 14 — проверьте подключение источника». */
export function channelSilenceText(channel: AppealChannel, count: number, expected: number, windowMin: number): string {
  return `Канал «${CHANNEL_LABELS[channel]}»: ${messages(count)} ${overWindow(windowMin)}, ${usually(expected)} — проверьте подключение источника`;
}

/** «Нет сообщений в Канашском округе: 1 сообщение за 3 часа, обычно 12 — проверьте подключение ОМСУ». */
export function municipalitySilenceText(oktmo: string, count: number, expected: number, windowMin: number): string {
  return `Тишина ${inMunicipality(oktmo)}: ${messages(count)} ${overWindow(windowMin)}, ${usually(expected)} — проверьте подключение ОМСУ`;
}
