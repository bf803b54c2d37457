import { describe, expect, it } from 'vitest';
import { DEFAULT_SECTORS } from '../domain/sector';
import { builtInBody, builtInConfig, CONFIG_NAMES, configJsonSchemas, validateConfigBody, type ConfigName } from './documents';

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
/** The errors of a body, as `path: message` lines. */
function errorsOf(name: ConfigName, body: unknown): string[] {
  const r = validateConfigBody(name, body);
  if (r.ok) throw new Error(`${name} unexpectedly valid`);
  return r.errors.map((e) => `${e.path}: ${e.message}`);
}
const CYRILLIC = /[А-Яа-яЁё]/;

describe('configuration documents: the built-in bodies are version 1', () => {
  it('every built-in body passes its own schema and is plain JSON', () => {
    const all = builtInConfig();
    for (const name of CONFIG_NAMES) {
      expect(validateConfigBody(name, builtInBody(name)).ok, name).toBe(true);
      expect(JSON.parse(JSON.stringify(builtInBody(name)))).toEqual(builtInBody(name));
    }
    expect(all.sectors.map((s) => s.id)).toEqual(DEFAULT_SECTORS.map((s) => s.id));
    expect(Object.keys(all.playlists)).toEqual(['default']);
  });

  it('every document has a JSON Schema for integrators', () => {
    const schemas = configJsonSchemas();
    expect(Object.keys(schemas)).toEqual([...CONFIG_NAMES]);
    expect(JSON.stringify(schemas.sectors)).toContain('"color"');
  });
});

describe('configuration documents: each schema refuses a bad body with a Russian message and the path', () => {
  it('sectors: a bad colour names the sector and the field', () => {
    const body = clone(DEFAULT_SECTORS) as unknown as { color: unknown }[];
    body[2]!.color = [0, 300, 0];
    expect(errorsOf('sectors', body)).toEqual(['sectors[2].color[1]: ожидается цвет [r, g, b] из чисел 0–255']);
    body[2]!.color = '#00ff00';
    expect(errorsOf('sectors', body)).toEqual(['sectors[2].color: ожидается цвет [r, g, b] из чисел 0–255']);
    body[2]!.color = [1, 2];
    expect(errorsOf('sectors', body)).toEqual(['sectors[2].color: ожидается цвет [r, g, b] из чисел 0–255']);
  });

  it('sectors: duplicate ids, a bad id, an empty label, an unknown field, ЖКХ removed', () => {
    const dup = [...clone(DEFAULT_SECTORS), { id: 'roads', label: 'Дороги 2', color: [1, 2, 3] }];
    expect(errorsOf('sectors', dup)).toEqual([`sectors[${DEFAULT_SECTORS.length}].id: повтор id «roads»: у каждого сектора свой id`]);
    expect(errorsOf('sectors', [{ id: 'Дороги', label: '', color: [1, 2, 3], extra: 1 }, ...clone(DEFAULT_SECTORS)])).toEqual([
      'sectors[0].id: id сектора: латиница в нижнем регистре, цифры, _ и -, до 40 символов',
      'sectors[0].label: название не может быть пустым',
      'sectors[0].extra: неизвестное поле',
    ]);
    expect(
      errorsOf(
        'sectors',
        clone(DEFAULT_SECTORS).filter((s) => s.id !== 'housing'),
      ),
    ).toEqual(['sectors: сектор «housing» (ЖКХ) обязателен: к нему относятся аварии ЖКХ']);
    expect(errorsOf('sectors', [])[0]).toBe('sectors: нужен хотя бы один сектор');
  });

  it('topics: the id starts with its sector', () => {
    expect(errorsOf('topics', [{ id: 'roads.pothole', sector: 'housing', label: 'Яма' }])).toEqual([
      'topics[0].id: id темы начинается с id её сектора и точки',
    ]);
    expect(errorsOf('topics', [{ id: 'x', sector: 'roads', label: 'Яма' }])[0]).toBe('topics[0].id: id темы: «<сектор>.<слово>», латиница, цифры и дефис');
  });

  it('organisations: the type is one of four, the municipality an OKTMO code', () => {
    const orgs = clone(builtInBody('organisations')) as Record<string, unknown>[];
    orgs[0]!.type = 'ministry';
    orgs[1]!.municipality = '12345';
    expect(errorsOf('organisations', orgs)).toEqual([
      'organisations[0].type: допустимо одно из: "oiv", "omsu", "operator", "other"',
      'organisations[1].municipality: ожидается 8-значный код ОКТМО Чувашии (97xxxxxx)',
    ]);
  });

  it('sla-rules: a missing field, a negative term, a working day that ends before it starts', () => {
    const sla = clone(builtInBody('sla-rules')) as { social: Record<string, unknown>; written: Record<string, unknown>; workingTime: Record<string, unknown> };
    delete sla.social.firstAnswerHours;
    sla.written.days = -1;
    sla.workingTime.dayEndHour = 8;
    expect(errorsOf('sla-rules', sla)).toEqual([
      'sla-rules.social.firstAnswerHours: обязательное поле',
      'sla-rules.written.days: должно быть больше 0',
      'sla-rules.workingTime.dayEndHour: рабочий день кончается позже, чем начинается',
      'sla-rules.workingTime.lunch: перерыв внутри рабочего дня и кончается позже, чем начинается',
    ]);
  });

  it('alarm-rules: an unknown rule type, a duplicate id', () => {
    const rules = clone(builtInBody('alarm-rules')) as Record<string, unknown>[];
    expect(errorsOf('alarm-rules', [...rules, { ...rules[0], type: 'flood' }])).toEqual([
      `alarm-rules[${rules.length}].type: допустимо одно из: "accident-residents", "social-object-no-heat", "overdue-in-sector", "accident-threshold"`,
    ]);
    expect(errorsOf('alarm-rules', [...rules, rules[0]])).toEqual([`alarm-rules[${rules.length}].id: повтор id «regional-emergency»`]);
  });

  it('playlists: a scene that does not exist, a day not covered, no default', () => {
    const playlists = clone(builtInBody('playlists')) as { default: { dayparts: { scenes: unknown[]; from: string }[] } };
    playlists.default.dayparts[0]!.scenes[1] = 'weather';
    expect(errorsOf('playlists', playlists)).toEqual([
      'playlists.default.dayparts[0].scenes[1].scene: неизвестная сцена: ожидается overview, housing, sla, ratings, sector:<id сектора> или municipality:<ОКТМО>',
    ]);
    const gap = clone(builtInBody('playlists')) as typeof playlists;
    gap.default.dayparts[0]!.from = '08:00';
    expect(errorsOf('playlists', gap)).toEqual(['playlists.default.dayparts: 07:00–08:00 не покрыто ни одной частью суток']);
    expect(errorsOf('playlists', { night: gap.default })).toEqual([
      'playlists.night.dayparts: 07:00–08:00 не покрыто ни одной частью суток',
      'playlists: нужен плейлист «default»',
    ]);
  });

  it('meeting-scripts: a step without a scene, a spotlight outside the republic', () => {
    const scripts = clone(builtInBody('meeting-scripts')) as { steps: Record<string, unknown>[] }[];
    delete scripts[0]!.steps[0]!.scene;
    scripts[0]!.steps[4]!.spotlight = '45000000';
    expect(errorsOf('meeting-scripts', scripts)).toEqual([
      'meeting-scripts[0].steps[0].scene: обязательное поле',
      'meeting-scripts[0].steps[4].spotlight: ожидается 8-значный код ОКТМО Чувашии (97xxxxxx)',
    ]);
  });

  it('rating: mixes sum to 1, weights are shares', () => {
    const rating = clone(builtInBody('rating')) as { weights: Record<string, number>; speedMix: Record<string, number> };
    rating.weights.speed = 2;
    rating.speedMix.onTime = 0.7;
    expect(errorsOf('rating', rating)).toEqual(['rating.weights.speed: доля от 0 до 1', 'rating.speedMix: сумма долей onTime и time равна 1']);
  });

  it('heating-season: a decree that ends before it starts', () => {
    const season = { ...(builtInBody('heating-season') as object), years: [{ start: '2026-10-05', end: '2026-09-01', source: 'Постановление № 1' }] };
    expect(errorsOf('heating-season', season)).toEqual(['heating-season.years[0]: конец раньше начала']);
  });

  it('thresholds: a negative limit, a resource missing', () => {
    const limits = clone(builtInBody('thresholds')) as { resources: Record<string, Record<string, unknown>> };
    limits.resources.heat!.singleH = -4;
    delete limits.resources.gas;
    expect(errorsOf('thresholds', limits)).toEqual(['thresholds.resources.heat.singleH: больше 0', 'thresholds.resources.gas: обязательное поле']);
  });

  it('every message of every refusal above is Russian', () => {
    const samples: [ConfigName, unknown][] = [
      ['sectors', 5],
      ['topics', {}],
      ['rating', []],
      ['thresholds', null],
      ['playlists', { default: {} }],
      ['alarm-rules', [{}]],
    ];
    for (const [name, body] of samples) for (const line of errorsOf(name, body)) expect(line, line).toMatch(CYRILLIC);
  });
});
