/**
 * An accident's address as a public screen may show it: locality, street and house, nothing
 * else (no flat, entrance, floor or free words). Built by keeping the comma-separated parts
 * that match an address element, so whatever a source typed beyond them is dropped.
 */
const LOCALITY = /^(?:г|с|д|п|пос|пгт|дер|село|деревня|посёлок|поселок|город)\.?\s+[А-ЯЁ][А-ЯЁа-яё-]*(?:\s+[А-ЯЁа-яё-]+){0,2}$/u;
const STREET_TYPE =
  '(?:ул|улица|пр|пр-т|просп|проспект|пер|переулок|б-р|бульвар|ш|шоссе|пл|площадь|проезд|пр-д|наб|набережная|мкр|микрорайон|тракт|туп|тупик|аллея|линия)';
// A street: its type and at most four words of name (initials and numbers allowed: «ул. К. Маркса», «пр. 9-й Пятилетки»).
const STREET = new RegExp(
  `^(?:${STREET_TYPE}\\.?\\s+(?:[А-ЯЁа-яё0-9][А-ЯЁа-яё0-9.-]*\\s*){1,4}|(?:[А-ЯЁ0-9][А-ЯЁа-яё0-9.-]*\\s+){1,3}${STREET_TYPE}\\.?)$`,
  'u',
);
const HOUSE = /^(?:(?:д|дом)\.?\s*)?\d{1,4}[А-ЯЁа-яё]?(?:\/\d{1,4}[А-ЯЁа-яё]?)?(?:\s*(?:корп|к|стр)\.?\s*\d{1,3})?$/u;

export function publicAddress(address: string): string {
  const kept: string[] = [];
  let street = false;
  for (const raw of address.split(',')) {
    const part = raw.trim().replace(/\s+/g, ' ');
    if (!part) continue;
    if (!street && LOCALITY.test(part)) kept.push(part);
    else if (STREET.test(part)) {
      kept.push(part);
      street = true;
    } else if (street && HOUSE.test(part)) {
      kept.push(part);
      break;
    }
  }
  return kept.join(', ');
}
