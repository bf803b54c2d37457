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
import { redactNames } from './redact-names';

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
// Plates hold 3 digits beside a letter; local phones are 2-2-2 digits; birth dates a year of 19xx or 200x.
const HAS_PLATE = /\d{3}\s?[A-ZА-ЯЁ]|[A-ZА-ЯЁ]\s?\d{3}/iu;
const HAS_PAIRS = /\d{2}[- ]\d{2}[- ]\d{2}/;
const HAS_YEAR = /(?:19\d|200)\d/;
const MONTHS = '(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)';
/** Letters of car plates (ГОСТ Р 50577): the Cyrillic ones that have Latin twins, in either alphabet. */
const PL = '[АВЕКМНОРСТУХABEKMHOPCTYX]';

const C = 'А-ЯЁ';
// `\b` is ASCII-only in JS regexps even with /u: Cyrillic needs its own word boundaries.
const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';

/** Ordered: the most specific patterns first. */
const GROUPS: readonly (readonly [RegExp, readonly Rule[]])[] = [
  [
    HAS_LINK,
    [
      [/\b(?:https?:\/\/|www\.)\S+/giu, '[ссылка]'],
      [/\b(?:vk\.com|t\.me|ok\.ru|instagram\.com|facebook\.com|dzen\.ru)\/\S*/giu, '[ссылка]'],
    ],
  ],
  [
    HAS_AT,
    [
      // Anchored at the start of the local part and bounded, so a long run of letters stays linear.
      [/(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]{1,64}@[\p{L}\p{N}.-]{1,255}\.[\p{L}]{2,}/gu, '[e-mail]'],
      [/(?<![\p{L}\p{N}])@[A-Za-z0-9_.]{3,32}/gu, '[аккаунт]'],
    ],
  ],
  [
    HAS_LONG_NUMBER,
    [
      [/\b\d{3}[- ]?\d{3}[- ]?\d{3}[- ]?\d{2}\b/g, '[СНИЛС]'],
      [/(?:паспорт[а-яё]*\s*(?:гражданина\s*(?:РФ)?\s*)?[:№]?\s*)?(?:сери[а-яё]*\s*)?\d{2}\s?\d{2}\s*(?:№|номер|N)\s*\d{6}(?!\d)/giu, '[паспорт]'],
      [/(?:паспорт[а-яё]*|сери[а-яё]*)\s*[:№]?\s*\d{2}\s?\d{2}\s*(?:№|номер)?\s*\d{6}(?!\d)/giu, '[паспорт]'],
      [/(?:\+7|(?<!\d)8)[\s(-]*\(?\d{4,5}\)?[\s-]*\d{1,3}[\s-]?\d{2}[\s-]?\d{2}(?!\d)/g, '[телефон]'],
      [/\b\d{4}\s?№?\s?\d{6}\b/g, '[паспорт]'],
      [/(?:\+7|\b8)[\s(-]*\d{3}[\s)-]*\d{3}[\s-]*\d{2}[\s-]*\d{2}\b/g, '[телефон]'],
      [/\b\d{3}[\s-]\d{2}[\s-]\d{2}\b/g, '[телефон]'],
      [/(?:ИНН\s*:?\s*)?(?<!\d)\d{12}(?!\d)|ИНН\s*:?\s*\d{10}(?!\d)/giu, '[ИНН]'],
    ],
  ],
  [HAS_FLAT, [[new RegExp(`${B}(?:кв|квартир[а-яё]*|комн|комнат[а-яё]*)\\.?\\s*№?\\s*\\d+[а-яa-z]?${E}`, 'giu'), 'кв. [скрыто]']]],
  [HAS_PLATE, [[new RegExp(`(?<![\\p{L}\\p{N}])${PL}\\s?\\d{3}\\s?${PL}{2}(?:\\s?\\d{2,3}(?:\\s?RUS)?)?(?![\\p{L}\\p{N}])`, 'giu'), '[госномер]']]],
  [HAS_PAIRS, [[/(?<![\d-])\d{2}[- ]\d{2}[- ]\d{2}(?![\d-])/g, '[телефон]']]],
  [
    HAS_YEAR,
    [
      [new RegExp(`(?<!\\d)\\d{1,2}[./-]\\d{1,2}[./-](?:19\\d{2}|200\\d)(?!\\d)(?:\\s*(?:г\\.\\s?р\\.|года рождения))?`, 'giu'), '[дата рождения]'],
      [new RegExp(`(?<!\\d)\\d{1,2}\\s+${MONTHS}\\s+(?:19\\d{2}|200\\d)(?!\\d)(?:\\s*(?:г\\.|года)(?:\\s*р\\.|\\s*рождения)?)?`, 'giu'), '[дата рождения]'],
      [/(?<!\d)(?:19\d{2}|200\d)\s*(?:г\.\s?р\.?|г\.?\s?рожд[а-яё.]*|года рождения)/giu, '[дата рождения]'],
    ],
  ],
];

/** Dates of birth written with a cue but a recent year («д.р. 12.03.2015», «дата рождения: 1 мая 2012»). */
const BIRTH_CUE = new RegExp(
  `(?:д\\.\\s?р\\.|дата рождения|родил(?:ся|ась)|рожд[её]н[а-я]*)\\s*:?\\s*(?:\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4}|\\d{1,2}\\s+${MONTHS}\\s+\\d{4}(?:\\s*г\\.?)?|\\d{4}\\s*г(?:\\.|ода)?)`,
  'giu',
);

/** The text with personal data replaced by placeholders. Idempotent. */
export function redactText(text: string): string {
  let out = text.replace(BIRTH_CUE, '[дата рождения]');
  for (const [guard, rules] of GROUPS) if (guard.test(out)) for (const [re, repl] of rules) out = out.replace(re, repl);
  return redactNames(out);
}

/** Every rule, guards ignored: what `redactText` must always equal (tests). */
export function redactTextUnguarded(text: string): string {
  let out = text.replace(BIRTH_CUE, '[дата рождения]');
  for (const [, rules] of GROUPS) for (const [re, repl] of rules) out = out.replace(re, repl);
  return redactNames(out);
}

const STREET = '(?:ул|улица|пр|просп|проспект|пер|переулок|б-р|бульвар|ш|шоссе|пл|площадь|проезд|наб|мкр|микрорайон|тракт)';
const HOUSE_RULES: readonly Rule[] = [
  [
    new RegExp(`${B}(?:д\\.|дом[а-я]?)\\s*№?\\s*\\d{1,4}[а-яё]?(?:\\s*/\\s*\\d{1,4}[а-яё]?)?(?:,?\\s*(?:корп\\.?|к\\.|стр\\.?)\\s*\\d{1,3})?${E}`, 'giu'),
    'д. [скрыто]',
  ],
  [new RegExp(`(${B}${STREET}\\.?\\s+[${C}][\\p{L}.-]*(?:\\s+[${C}][\\p{L}.-]*){0,2}),?\\s+\\d{1,4}[а-яё]?(?:/\\d{1,4})?${E}`, 'gu'), '$1, д. [скрыто]'],
];

/**
 * An appeal's text: personal data out, and the house out of any address (an appeal's place
 * stays at street level; its point is already coarsened). An accident's address keeps its
 * house (a building, not a person), so this is for appeals only.
 */
export function redactAppealText(text: string): string {
  let out = redactText(text);
  if (/\d/.test(out)) for (const [re, repl] of HOUSE_RULES) out = out.replace(re, repl);
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
    // `applicant` is replaced by its key before this (applicant-key.ts); never stored even if not.
    const { applicant: _applicant, ...rest } = e;
    return {
      ...rest,
      lon,
      lat,
      title: redactAppealText(e.title),
      text: redactAppealText(e.text),
      ...(e.topic ? { topic: redactAppealText(e.topic) } : {}),
      ...(e.address !== undefined ? { address: redactAppealText(e.address) } : {}),
    };
  }
  if (e.kind === 'weather') return e; // numbers and a station name: nothing to redact
  return { ...e, address: redactText(e.address), ...(e.cause ? { cause: redactText(e.cause) } : {}) };
}
