/**
 * Personal-data removal at ingest, before anything is stored or sent (152-ФЗ minimisation,
 * 59-ФЗ ст. 6): names, phones, e-mails, СНИЛС, ИНН, passports, flat numbers, social-media
 * handles and links become bracketed placeholders. Appeal points are coarsened to a ≈ 500 m
 * grid; accidents keep their coordinates (infrastructure, not people).
 *
 * Heuristics, tuned to fail safe: a capitalised word pair that looks like a name is removed
 * even when it might be a street (a street keeps its «ул.» prefix, so addresses survive).
 */
import type { Entity } from '../app/domain/entity';

/** A rule applies only when its cheap precondition holds (most texts skip most rules). */
type Rule = readonly [RegExp, string, RegExp?];
const HAS_DIGIT = /\d/;
const HAS_AT = /@/;
const HAS_LINK = /https?:|www\.|\.(?:com|ru|me)\//i;
// Case-sensitive on purpose: with /i, `[А-ЯЁ][а-яё]+` would match inside every long run of
// letters and turn this guard quadratic in the text length.
const HAS_NAME = /(?<![А-ЯЁа-яё])[А-ЯЁ][а-яё]{0,30}\s+[А-ЯЁ]|[А-ЯЁ]\.\s?[А-ЯЁ]\.|[Мм]еня зовут|[Мм]о[её] имя|[Зз]аявител|[Уу]важением|[Жж]ител/u;

const C = 'А-ЯЁ';
const c = 'а-яё';
const PATRONYMIC = `[${C}][${c}]+(?:вич|вна|ична|ич|ьич|оглы|кызы)`;
const SURNAME = `[${C}][${c}]+(?:ов|ев|ёв|ин|ын|ский|цкий|ской|ова|ева|ёва|ина|ына|ская|цкая|ых|их|ко|ук|юк|ян|швили|дзе)`;
const FIRST = `[${C}][${c}]{1,14}`;
// `\b` is ASCII-only in JS regexps even with /u: Cyrillic needs its own word boundaries.
const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';

/** Ordered: the most specific patterns first. */
const RULES: readonly Rule[] = [
  [/\b(?:https?:\/\/|www\.)\S+/giu, '[ссылка]', HAS_LINK],
  [/\b(?:vk\.com|t\.me|ok\.ru|instagram\.com|facebook\.com|dzen\.ru)\/\S*/giu, '[ссылка]', HAS_LINK],
  // Anchored at the start of the local part and bounded, so a long run of letters stays linear.
  [/(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]{1,64}@[\p{L}\p{N}.-]{1,255}\.[\p{L}]{2,}/gu, '[e-mail]', HAS_AT],
  [/(?<![\p{L}\p{N}])@[A-Za-z0-9_.]{3,32}/gu, '[аккаунт]', HAS_AT],
  [/\b\d{3}[- ]?\d{3}[- ]?\d{3}[- ]?\d{2}\b/g, '[СНИЛС]', HAS_DIGIT],
  [/(?:паспорт\S*|серия)\s*[:№]?\s*\d{2}\s?\d{2}\s*(?:№|номер)?\s*\d{6}/giu, '[паспорт]', HAS_DIGIT],
  [/\b\d{4}\s?№?\s?\d{6}\b/g, '[паспорт]', HAS_DIGIT],
  [/(?:\+7|\b8)[\s(-]*\d{3}[\s)-]*\d{3}[\s-]*\d{2}[\s-]*\d{2}\b/g, '[телефон]', HAS_DIGIT],
  [/\b\d{3}[\s-]\d{2}[\s-]\d{2}\b/g, '[телефон]', HAS_DIGIT],
  [/(?:ИНН\s*:?\s*)?(?<!\d)\d{12}(?!\d)|ИНН\s*:?\s*\d{10}(?!\d)/giu, '[ИНН]', HAS_DIGIT],
  [new RegExp(`${B}(?:кв|квартир[а-яё]*|комн|комнат[а-яё]*)\\.?\\s*№?\\s*\\d+[а-яa-z]?${E}`, 'giu'), 'кв. [скрыто]', HAS_DIGIT],
  // «Иванов Иван Иванович», «Иван Иванович Иванов», «Иванов И. И.», «И. И. Иванов», «Иван Иванович».
  [new RegExp(`${B}${FIRST}\\s+${FIRST}\\s+${PATRONYMIC}${E}`, 'gu'), '[ФИО]', HAS_NAME],
  [new RegExp(`${B}${FIRST}\\s+${PATRONYMIC}(?:\\s+${FIRST})?${E}`, 'gu'), '[ФИО]', HAS_NAME],
  [new RegExp(`${B}${FIRST}\\s+[${C}]\\.\\s?[${C}]\\.`, 'gu'), '[ФИО]', HAS_NAME],
  [new RegExp(`(?<![\\p{L}])[${C}]\\.\\s?[${C}]\\.\\s?${FIRST}${E}`, 'gu'), '[ФИО]', HAS_NAME],
  [new RegExp(`(?:меня зовут|моё имя|мое имя|заявитель|с уважением,?|жительница|житель)\\s+${FIRST}(?:\\s+${FIRST})?`, 'giu'), '[ФИО]', HAS_NAME],
  [new RegExp(`${B}${SURNAME}\\s+${FIRST}${E}`, 'gu'), '[ФИО]', HAS_NAME],
];

/** The text with personal data replaced by placeholders. Idempotent. */
export function redactText(text: string): string {
  let out = text;
  for (const [re, repl, when] of RULES) if (!when || when.test(out)) out = out.replace(re, repl);
  return out;
}

/** ≈ 500 m grid: 0.0045° of latitude; longitude scaled for Chuvashia's latitude (~55.5°). */
const LAT_STEP = 0.0045;
const LON_STEP = 0.0045 / Math.cos((55.5 * Math.PI) / 180);

/** Snaps a point to the centre of its ≈ 500 m grid cell. */
export function coarsen(lon: number, lat: number): [number, number] {
  const snap = (v: number, step: number) => Math.round((Math.floor(v / step) + 0.5) * step * 1e5) / 1e5;
  return [snap(lon, LON_STEP), snap(lat, LAT_STEP)];
}

/** The entity as it may be stored: free text redacted, appeal points coarsened. */
export function redactEntity(e: Entity): Entity {
  if (e.kind === 'appeal') {
    const [lon, lat] = coarsen(e.lon, e.lat);
    return { ...e, lon, lat, title: redactText(e.title), text: redactText(e.text), ...(e.topic ? { topic: redactText(e.topic) } : {}) };
  }
  return { ...e, address: redactText(e.address), ...(e.cause ? { cause: redactText(e.cause) } : {}) };
}
