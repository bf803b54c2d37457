import { describe, expect, it } from 'vitest';
import { crossCheck } from './cross-checks';
import { builtInConfig, validateConfigBody } from './documents';
import { dateFormatProblems, DEFAULT_IM_MAPPING_BODY, DEFAULT_POS_MAPPING_BODY } from './import-mappings';

describe('import mapping documents', () => {
  it('date formats: a year, a month and a day, each once; minutes only after hours; no stray latin letters', () => {
    for (const f of ['DD.MM.YYYY', 'DD.MM.YYYY HH:mm:ss', 'YYYY-MM-DD', 'YYYY/MM/DD HH:mm', 'DD.MM.YYYY г. HH:mm']) expect(dateFormatProblems(f)).toEqual([]);
    expect(dateFormatProblems('DD.MM.GGGG')).toEqual(['в формате нет YYYY (год)', 'латинские буквы вне токенов YYYY MM DD HH mm ss']);
    expect(dateFormatProblems('DD.MM.YYYY DD')).toEqual(['DD встречается дважды']);
    expect(dateFormatProblems('DD.mm.YYYY')).toEqual(['в формате нет MM (месяц)', 'минуты (mm) без часов (HH): месяц пишется MM']);
  });

  it('the built-in mappings are the documents import-pos and import-im, each only of its own format', () => {
    expect(builtInConfig()['import-pos']).toMatchObject({ format: 'pos', channel: 'pos' });
    expect(builtInConfig()['import-im']).toMatchObject({ format: 'im', channel: 'social' });
    const wrong = validateConfigBody('import-pos', DEFAULT_IM_MAPPING_BODY);
    expect(wrong.ok).toBe(false);
    expect(!wrong.ok && wrong.errors.map((e) => e.path)).toEqual(['import-pos.format']);
    const bad = validateConfigBody('import-im', { ...DEFAULT_IM_MAPPING_BODY, dateFormats: [] });
    expect(!bad.ok && bad.errors).toEqual([{ path: 'import-im.dateFormats', message: 'нужен хотя бы один формат даты' }]);
  });

  it('refuses two headers (or value-map keys) that are one label to the importer with different targets; the same target twice is only redundant', () => {
    const body = structuredClone(DEFAULT_POS_MAPPING_BODY) as { columns: Record<string, string>; values: { status: Record<string, string> } };
    const same = validateConfigBody('import-pos', {
      ...body,
      columns: { ...body.columns, 'Дата  РЕГИСТРАЦИИ': 'createdAt', '«Дата регистрации»': 'createdAt' },
    });
    expect(same.ok).toBe(true);
    const clash = validateConfigBody('import-pos', { ...body, columns: { ...body.columns, 'Тема ': 'title', тема: 'text' } });
    expect(!clash.ok && clash.errors.map((e) => e.path)).toEqual(['import-pos.columns["тема"]']);
    expect(!clash.ok && clash.errors[0]!.message).toContain('«тема» совпадает с «Тема »');
    const values = validateConfigBody('import-pos', {
      ...body,
      values: { ...body.values, status: { ...body.values.status, 'Исполнено ёмко': 'closed', 'исполнено емко': 'in_progress' } },
    });
    expect(!values.ok && values.errors.map((e) => e.path)).toEqual(['import-pos.values.status["исполнено емко"]']);
  });

  it('cross-check: a category or default sector the sector list lacks, a subcategory mapped onto a topic the topics list lacks', () => {
    const set = builtInConfig();
    expect(crossCheck(set)).toEqual([]);
    const pos = validateConfigBody('import-pos', {
      ...DEFAULT_POS_MAPPING_BODY,
      values: { ...DEFAULT_POS_MAPPING_BODY.values, sector: { Дороги: 'roads', Лес: 'forest' }, topic: { Ямы: 'roads.pothole', Рыбалка: 'fishing' } },
      defaults: { sector: 'nowhere' },
    });
    if (!pos.ok) throw new Error('valid alone');
    expect(crossCheck({ ...set, 'import-pos': pos.value }).map((e) => e.path)).toEqual([
      'import-pos.values.sector["Лес"]',
      'import-pos.defaults.sector',
      'import-pos.values.topic["Рыбалка"]',
    ]);
  });
});
