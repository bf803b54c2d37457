/**
 * Residents counted once per building (issue 11): a heat and a hot-water accident on the same
 * houses leave the same people without supply, and summing them counted those people twice.
 *
 * An accident names one address (the object, house level at most) and the residents of all
 * the buildings it cuts. Accidents are grouped by a normalised address key within their
 * municipality (`buildingKey`); accidents of one key whose outages overlap in time are one
 * event for the residents, and the event counts the largest residents figure among them.
 * Assumption (docs/accidents.md): accidents with the same address cut the same buildings, the
 * larger one the superset; without building lists in the feed this is the most the wall can
 * say, and it never counts a building twice.
 */
import type { Accident } from '../domain/entity';
import { normalizeOktmo } from '../domain/municipality';
import { municipalityByOktmo } from '../domain/municipality';
import { supplyEnd } from './supply-time';

// Address element types dropped from the key: «ул. Ленина» and «улица Ленина» are one street.
const LOCALITY_TYPES = new Set(['г', 'город', 'с', 'село', 'д', 'дер', 'деревня', 'п', 'пос', 'посёлок', 'поселок', 'пгт']);
const STREET_TYPES = new Set([
  'ул',
  'улица',
  'пр',
  'пр-т',
  'просп',
  'проспект',
  'пер',
  'переулок',
  'б-р',
  'бульвар',
  'ш',
  'шоссе',
  'пл',
  'площадь',
  'проезд',
  'пр-д',
  'наб',
  'набережная',
  'мкр',
  'микрорайон',
  'тракт',
  'туп',
  'тупик',
  'аллея',
  'линия',
]);
const HOUSE_WORDS = new Set(['д', 'дом']);

const words = (s: string) =>
  s
    .toLowerCase()
    .replaceAll('ё', 'е')
    .replace(/[«»"'()]/g, ' ')
    .split(/[\s.]+/)
    .filter(Boolean);

/** Initials are dropped: «ул. К. Маркса» and «ул. Маркса» meet on the surname. */
const nameWords = (ws: readonly string[]) => ws.filter((w) => w.length > 1 || /\d/.test(w));

/** A house number: «д. 5», «5», «дом 5 корп. 2» → «5к2»; «5А» → «5а». */
function houseOf(part: string): string | null {
  const m = /^(?:(?:д|дом)\.?\s*)?(\d{1,4})\s*([а-яё]?)(?:\/(\d{1,4}[а-яё]?))?(?:\s*(?:корп|к|стр)\.?\s*(\d{1,3}))?$/u.exec(part.trim().toLowerCase());
  if (!m) return null;
  return `${m[1]}${m[2] ?? ''}${m[3] ? `/${m[3]}` : ''}${m[4] ? `к${m[4]}` : ''}`.replaceAll('ё', 'е');
}

/**
 * The building an address names, as a key: locality (when it is not the municipality's own
 * centre), street name without its type word, house number; lower case, ё as е, punctuation
 * and element types dropped. Parts it cannot read are kept as words, so two different
 * addresses never meet by accident; only spellings of one address do.
 */
export function addressKey(address: string, municipality: string): string {
  const oktmo = normalizeOktmo(municipality) ?? municipality;
  const centre = municipalityByOktmo(oktmo)?.centreName;
  const centreKey = centre ? nameWords(words(centre).filter((w) => !LOCALITY_TYPES.has(w))).join(' ') : '';
  const parts: string[] = [];
  for (const raw of address.split(',')) {
    const part = raw.trim();
    if (!part) continue;
    const house = houseOf(part);
    if (house !== null) {
      parts.push(house);
      continue;
    }
    const ws = words(part);
    if (ws.length > 1 && LOCALITY_TYPES.has(ws[0]!) && !HOUSE_WORDS.has(ws[0]!)) {
      const name = nameWords(ws.slice(1)).join(' ');
      if (name !== centreKey) parts.push(`@${name}`);
      continue;
    }
    const name = nameWords(ws.filter((w) => !STREET_TYPES.has(w))).join(' ');
    if (name) parts.push(name);
  }
  return `${oktmo}|${parts.join('|')}`;
}

/**
 * False when an accident's residents are not known: buildings are cut but no one is counted.
 * The feed's `residents` is a required number, and a source that does not know it sends 0 (the
 * ГИС ЖКХ outage export carries no residents; the import takes them from the house register and
 * leaves 0 when the register has no figure for its houses: issue 14, docs/integrations/). A
 * screen then says «нет данных», never «0 жителей» (a real zero is an accident with no houses).
 */
export function residentsKnown(a: Pick<Accident, 'residents' | 'buildings'>): boolean {
  return !(a.residents === 0 && a.buildings > 0);
}

/** What a screen says where the residents figure goes when it is unknown. */
export const RESIDENTS_UNKNOWN = 'нет данных';

/** The building key of an accident (`addressKey` of its address and municipality). */
export function buildingKey(a: Pick<Accident, 'address' | 'municipality'>): string {
  return addressKey(a.address, a.municipality);
}

/**
 * Residents of `accidents`, each building counted once: accidents of one building key whose
 * outages overlap (up to `now`) form one event counting its largest residents figure; events
 * of one building that do not overlap count each (the people were cut twice). For a set of
 * accidents all active at `now` this is the sum over buildings of the largest figure.
 */
export function residentsOnce(accidents: Iterable<Accident>, now: number): number {
  const byKey = new Map<string, Accident[]>();
  for (const a of accidents) {
    const key = buildingKey(a);
    const list = byKey.get(key);
    if (list) list.push(a);
    else byKey.set(key, [a]);
  }
  let total = 0;
  for (const list of byKey.values()) {
    if (list.length === 1) {
      total += list[0]!.residents;
      continue;
    }
    list.sort((a, b) => a.startedAt - b.startedAt);
    let end = -Infinity;
    let most = 0;
    for (const a of list) {
      const to = Math.max(supplyEnd(a, now), a.startedAt);
      if (a.startedAt > end) {
        total += most;
        most = 0;
      }
      most = Math.max(most, a.residents);
      end = Math.max(end, to);
    }
    total += most;
  }
  return total;
}
