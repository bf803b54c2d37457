import { describe, expect, it } from 'vitest';
import { crossCheck, removedSectorsInUse, type CrossCheckSet } from './cross-checks';
import { builtInConfig, validateConfigBody } from './documents';

/** The built-in set with some documents replaced (each validated by its schema first). */
function setWith(over: Partial<Record<keyof CrossCheckSet, unknown>>): CrossCheckSet {
  const set = { ...builtInConfig() } as Record<string, unknown>;
  for (const [name, body] of Object.entries(over)) {
    const r = validateConfigBody(name as keyof CrossCheckSet, body);
    if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.errors)}`);
    set[name] = r.value;
  }
  return set as unknown as CrossCheckSet;
}
const lines = (set: CrossCheckSet) => crossCheck(set).map((e) => `${e.path}: ${e.message}`);
const base = builtInConfig();
const withoutHealthcare = base.sectors.filter((s) => s.id !== 'healthcare');

describe('cross-document checks', () => {
  it('the built-in documents agree with each other', () => {
    expect(crossCheck(base)).toEqual([]);
  });

  it('a playlist naming a sector that does not exist', () => {
    const playlists = { default: { dayparts: [{ id: 'all', from: '00:00', to: '00:00', scenes: ['overview', 'sector:parks'] }] } };
    expect(lines(setWith({ playlists }))).toEqual([
      'playlists.default.dayparts[0].scenes[1].scene: плейлист «default», часть суток «all»: сцена sector:parks — сектор «parks» не найден в справочнике секторов (sectors)',
    ]);
  });

  it('an alarm rule naming an unknown sector, in its sectors or in the scene it shows', () => {
    const rules = [{ id: 'overdue-parks', type: 'overdue-in-sector', sectors: ['roads', 'parks'], severity: 'warning', show: 'sector:zoo' }];
    expect(lines(setWith({ 'alarm-rules': rules }))).toEqual([
      'alarm-rules[0].sectors[1]: правило тревоги «overdue-parks»: сектор «parks» не найден в справочнике секторов (sectors)',
      'alarm-rules[0].show: правило тревоги «overdue-parks» показывает сцену сектора: сектор «zoo» не найден в справочнике секторов (sectors)',
    ]);
  });

  it('an SLA rule for an unknown topic', () => {
    const sla = { ...JSON.parse(JSON.stringify(base['sla-rules'])), pos: { defaultWorkingDays: 10, byTopic: { 'housing.no-heat': 1, 'housing.no-snow': 2 } } };
    expect(lines(setWith({ 'sla-rules': sla }))).toEqual([
      'sla-rules.pos.byTopic["housing.no-snow"]: срок задан для темы «housing.no-snow», которой нет в справочнике тем (topics)',
    ]);
  });

  it('a topic of a sector that does not exist', () => {
    expect(lines(setWith({ topics: [{ id: 'parks.bench', sector: 'parks', label: 'Сломана скамейка' }] }))).toEqual([
      'topics[0].sector: тема «Сломана скамейка»: сектор «parks» не найден в справочнике секторов (sectors)',
    ]);
  });

  it('removing a sector breaks every document that names it: playlists, alarm rules, topics, meeting scripts', () => {
    const found = crossCheck({ ...base, sectors: withoutHealthcare }).map((e) => e.path);
    expect(found).toContain('playlists.default.dayparts[0].scenes[4].scene');
    expect(found).toContain('alarm-rules[3].sectors[0]');
    expect(found.filter((p) => p.startsWith('topics['))).toHaveLength(3);
  });

  it('a meeting script step filtering on a sector that does not exist', () => {
    const scripts = [{ id: 'parks', title: 'Парки', steps: [{ scene: 'overview', filter: { sectors: ['parks'] } }] }];
    expect(lines(setWith({ 'meeting-scripts': scripts }))).toEqual([
      'meeting-scripts[0].steps[0].filter.sectors[0]: сценарий «Парки», шаг 1, фильтр: сектор «parks» не найден в справочнике секторов (sectors)',
    ]);
  });
});

describe('a removed sector still used by open items', () => {
  const open = new Map([
    ['healthcare', 3],
    ['roads', 5],
  ]);

  it('is refused with the count and how to remap', () => {
    expect(removedSectorsInUse(base.sectors, withoutHealthcare, open)).toEqual([
      {
        path: 'sectors',
        message:
          'сектор «healthcare» удалён, но его используют открытые обращения (3): укажите, в какой сектор их перенести — remap {"healthcare": "<id сектора>"}',
      },
    ]);
  });

  it('passes with a remap onto a remaining sector, or when no open item uses it', () => {
    expect(removedSectorsInUse(base.sectors, withoutHealthcare, open, { healthcare: 'social' })).toEqual([]);
    expect(removedSectorsInUse(base.sectors, withoutHealthcare, new Map())).toEqual([]);
  });

  it('refuses a remap onto a sector that does not exist, or of a sector that is not removed', () => {
    expect(removedSectorsInUse(base.sectors, withoutHealthcare, open, { healthcare: 'clinics', roads: 'social' })).toEqual([
      { path: 'remap.healthcare', message: 'перенос в сектор «clinics», которого нет в новом справочнике секторов' },
      { path: 'remap.roads', message: 'сектор «roads» не удаляется этой версией: переносить нечего' },
    ]);
  });
});
