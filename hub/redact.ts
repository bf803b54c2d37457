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

/**
 * Rules come in groups behind a cheap guard that every match of every rule in the group must
 * contain, so a text without it skips the whole group (most texts skip every group). A guard
 * is tested on the text as the groups before it have left it; running a rule for nothing is
 * harmless, skipping one is not, so a guard may be loose but never narrower than its rules.
 */
type Rule = readonly [RegExp, string];
const HAS_LINK = /https?:|www\.|\.(?:com|ru|me)\//i;
const HAS_AT = /@/;
// СНИЛС, passports, phones and ИНН all hold 3 digits followed (perhaps after spaces, dashes or
// brackets) by 2 more: a house or school number alone does not wake the six number rules.
const HAS_LONG_NUMBER = /\d{3}[\s()-]*\d{2}/;
const HAS_FLAT = /кв|комн/i;
// Every name rule but the introductions holds a capitalised word, whitespace and a capital, or
// two initials. Case-sensitive on purpose: with /i, `[А-ЯЁ][а-яё]+` would match inside every
// long run of letters and turn this guard quadratic in the text length. Without /i it is
// linear: each lowercase run is scanned from the one capital before it.
const HAS_NAME = /[А-ЯЁ][а-яё]+\s+[А-ЯЁ]|[А-ЯЁ]\.\s?[А-ЯЁ]\./;
const HAS_INTRO = /меня зовут|мо[её] имя|заявител|уважением|жител/i;

const C = 'А-ЯЁ';
const c = 'а-яё';
const PATRONYMIC = `[${C}][${c}]+(?:вич|вна|ична|ич|ьич|оглы|кызы)`;
const SURNAME = `[${C}][${c}]+(?:ов|ев|ёв|ин|ын|ский|цкий|ской|ова|ева|ёва|ина|ына|ская|цкая|ых|их|ко|ук|юк|ян|швили|дзе)`;
const FIRST = `[${C}][${c}]{1,14}`;
// `\b` is ASCII-only in JS regexps even with /u: Cyrillic needs its own word boundaries.
const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';

/** Ordered: the most specific patterns first. */
const GROUPS: readonly (readonly [RegExp, readonly Rule[]])[] = [
  [HAS_LINK, [
    [/\b(?:https?:\/\/|www\.)\S+/giu, '[ссылка]'],
    [/\b(?:vk\.com|t\.me|ok\.ru|instagram\.com|facebook\.com|dzen\.ru)\/\S*/giu, '[ссылка]'],
  ]],
  [HAS_AT, [
    // Anchored at the start of the local part and bounded, so a long run of letters stays linear.
    [/(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]{1,64}@[\p{L}\p{N}.-]{1,255}\.[\p{L}]{2,}/gu, '[e-mail]'],
    [/(?<![\p{L}\p{N}])@[A-Za-z0-9_.]{3,32}/gu, '[аккаунт]'],
  ]],
  [HAS_LONG_NUMBER, [
    [/\b\d{3}[- ]?\d{3}[- ]?\d{3}[- ]?\d{2}\b/g, '[СНИЛС]'],
    [/(?:паспорт\S*|серия)\s*[:№]?\s*\d{2}\s?\d{2}\s*(?:№|номер)?\s*\d{6}/giu, '[паспорт]'],
    [/\b\d{4}\s?№?\s?\d{6}\b/g, '[паспорт]'],
    [/(?:\+7|\b8)[\s(-]*\d{3}[\s)-]*\d{3}[\s-]*\d{2}[\s-]*\d{2}\b/g, '[телефон]'],
    [/\b\d{3}[\s-]\d{2}[\s-]\d{2}\b/g, '[телефон]'],
    [/(?:ИНН\s*:?\s*)?(?<!\d)\d{12}(?!\d)|ИНН\s*:?\s*\d{10}(?!\d)/giu, '[ИНН]'],
  ]],
  [HAS_FLAT, [[new RegExp(`${B}(?:кв|квартир[а-яё]*|комн|комнат[а-яё]*)\\.?\\s*№?\\s*\\d+[а-яa-z]?${E}`, 'giu'), 'кв. [скрыто]']]],
  // «Иванов Иван Иванович», «Иван Иванович Иванов», «Иванов И. И.», «И. И. Иванов», «Иван Иванович».
  [HAS_NAME, [
    [new RegExp(`${B}${FIRST}\\s+${FIRST}\\s+${PATRONYMIC}${E}`, 'gu'), '[ФИО]'],
    [new RegExp(`${B}${FIRST}\\s+${PATRONYMIC}(?:\\s+${FIRST})?${E}`, 'gu'), '[ФИО]'],
    [new RegExp(`${B}${FIRST}\\s+[${C}]\\.\\s?[${C}]\\.`, 'gu'), '[ФИО]'],
    [new RegExp(`(?<![\\p{L}])[${C}]\\.\\s?[${C}]\\.\\s?${FIRST}${E}`, 'gu'), '[ФИО]'],
  ]],
  [HAS_INTRO, [[new RegExp(`(?:меня зовут|моё имя|мое имя|заявитель|с уважением,?|жительница|житель)\\s+${FIRST}(?:\\s+${FIRST})?`, 'giu'), '[ФИО]']]],
  [HAS_NAME, [[new RegExp(`${B}${SURNAME}\\s+${FIRST}${E}`, 'gu'), '[ФИО]']]],
];

/** The text with personal data replaced by placeholders. Idempotent. */
export function redactText(text: string): string {
  let out = text;
  for (const [guard, rules] of GROUPS) if (guard.test(out)) for (const [re, repl] of rules) out = out.replace(re, repl);
  return out;
}

/** Every rule, guards ignored: what `redactText` must always equal (tests). */
export function redactTextUnguarded(text: string): string {
  let out = text;
  for (const [, rules] of GROUPS) for (const [re, repl] of rules) out = out.replace(re, repl);
  return out;
}

/** ≈ 500 m grid: 0.0045° of latitude; longitude scaled for Chuvashia's latitude (~55.5°). */
const LAT_STEP = 0.0045;
const LON_STEP = 0.0045 / Math.cos((55.5 * Math.PI) / 180);

/** The centre of the grid cell of `v`, rounded to 1e-5°. */
function snap(v: number, step: number): number {
  return Math.round((Math.floor(v / step) + 0.5) * step * 1e5) / 1e5;
}

/** Snaps a point to the centre of its ≈ 500 m grid cell. */
export function coarsen(lon: number, lat: number): [number, number] {
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
