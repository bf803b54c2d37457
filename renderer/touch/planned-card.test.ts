import { describe, expect, it } from 'vitest';
import { mskTime } from '../../app/calendar/msk-time';
import type { Entity } from '../../app/domain/entity';
import { cardFields, cardTitle } from './card-fields';
import { makeAccident, makeAppeal } from '../../test/support/entities';

// Issue 11: the touch card says «плановое отключение», and a post on a planned outage says until when.
const NOW = mskTime(2026, 7, 6, 12);
const works = makeAccident({ id: 'works', nature: 'planned', resource: 'hot_water', startedAt: NOW - 3_600_000, plannedRestoreAt: mskTime(2026, 7, 6, 18) });
const accident = makeAccident({ id: 'acc', resource: 'cold_water', startedAt: NOW - 3_600_000 });
const store = new Map<string, Entity>([
  ['accident:works', works],
  ['accident:acc', accident],
]);
const lookup = (key: string) => store.get(key);

describe('touch card of planned outages', () => {
  it('names a planned outage and its announced end', () => {
    expect(cardTitle(works)).toBe('Плановое отключение: горячая вода');
    expect(cardFields(works, NOW)).toContainEqual({ label: 'Характер', value: 'плановое отключение до 18:00' });
    expect(cardTitle(accident)).toBe('Авария: холодная вода');
    expect(cardFields(accident, NOW).map((f) => f.label)).not.toContain('Характер');
  });

  it('labels a post linked to a planned outage «плановое отключение до hh:mm»; a post on an accident keeps its link', () => {
    const post = makeAppeal({ id: 'p', accidentId: 'works', createdAt: NOW - 600_000 });
    expect(cardFields(post, NOW, lookup)).toContainEqual({ label: 'Связано с', value: 'плановое отключение до 18:00' });
    expect(cardFields({ ...post, accidentId: 'acc' }, NOW, lookup)).toContainEqual({ label: 'Связано с аварией', value: 'acc' });
    expect(cardFields(post, NOW)).toContainEqual({ label: 'Связано с аварией', value: 'works' }); // no store at hand
  });

  it('shows a weather reading if one is opened', () => {
    const w: Entity = { kind: 'weather', id: 'w', version: 1, lon: 47.1, lat: 55.5, at: NOW, temperatureC: -7.5 };
    expect(cardTitle(w)).toBe('Температура воздуха: \u22127,5 °C');
    expect(cardFields(w, NOW)).toContainEqual({ label: 'Округ', value: 'вся республика' });
  });
});
