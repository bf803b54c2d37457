/**
 * Who and where, without keeping who: the source's applicant id or contact becomes
 * `applicantKey`, and an appeal's full address `objectKey`, each an HMAC-SHA-256 (truncated
 * to 128 bits) under the hub's own salt, made at ingest before anything is stored. The same
 * person (or building) gives the same key, so repeat complaints are counted on fact rather
 * than guessed from titles; the raw value is dropped. Keys never reach a public screen (the
 * public projection lists its fields).
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Appeal, Entity } from '../app/domain/entity';
import { municipalities } from '../app/domain/municipality';

/** A new random salt (hex), for a hub's data folder or a process without one. */
export function newSalt(): string {
  return randomBytes(32).toString('hex');
}

const hmac = (salt: string, value: string): string => createHmac('sha256', salt).update(value).digest('hex').slice(0, 32);

/** Case, spaces, punctuation and a «+7»/«8» trunk prefix do not make two applicants different. */
export function normaliseApplicant(v: string): string {
  const s = v.trim().toLowerCase().replace(/ё/g, 'е');
  const digits = s.replace(/\D/g, '');
  if (/^[\d\s()+-]+$/.test(s) && digits.length >= 10) return `tel:${digits.slice(-10)}`;
  return s.replace(/\s+/g, ' ');
}

const ADDRESS_WORDS = new Set([
  'г',
  'город',
  'ул',
  'улица',
  'д',
  'дом',
  'пр',
  'просп',
  'проспект',
  'пер',
  'переулок',
  'с',
  'село',
  'пос',
  'поселок',
  'пгт',
  'дер',
  'деревня',
  'корп',
  'корпус',
  'стр',
  'строение',
  'б',
  'р',
  'бульвар',
  'ш',
  'шоссе',
  'пл',
  'площадь',
]);
/** Towns and villages that are municipal centres: the key already holds the municipality. */
const CENTRES = new Set(
  [...municipalities('2025'), ...municipalities('2023')].map((m) =>
    m.centreName
      .replace(/^\S+\s+/, '')
      .toLowerCase()
      .replace(/ё/g, 'е'),
  ),
);

/** «г. Чебоксары, ул. Ленина, д. 5, кв. 3», «ул Ленина 5» and «Ленина, дом 5» are one building. */
export function normaliseAddress(v: string): string {
  const s = v
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/(?<![\p{L}])(?:кв|квартира|комн|комната)\.?\s*№?\s*\d+\S*/gu, ' ');
  const words = s.match(/[\p{L}\p{N}/]+/gu) ?? [];
  return words.filter((w) => !ADDRESS_WORDS.has(w) && !CENTRES.has(w)).join(' ');
}

/** The appeal with `applicant` replaced by `applicantKey` and `objectKey` added for its address. */
export function keyAppeal(a: Appeal, salt: string): Appeal {
  if (a.applicant === undefined && a.address === undefined) return a;
  const { applicant, ...rest } = a;
  const out: Appeal = { ...rest };
  if (applicant !== undefined && applicant.trim()) out.applicantKey = hmac(salt, `applicant:${normaliseApplicant(applicant)}`);
  if (a.address !== undefined && a.address.trim()) out.objectKey = hmac(salt, `address:${a.municipality}:${normaliseAddress(a.address)}`);
  return out;
}

export function keyEntity(e: Entity, salt: string): Entity {
  return e.kind === 'appeal' ? keyAppeal(e, salt) : e;
}
