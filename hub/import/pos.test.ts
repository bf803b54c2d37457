/**
 * The ПОС importer on crafted rows: every column of the default mapping, the value maps, the
 * date forms, and every error reason (tested without I/O).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_POS_MAPPING, mapPosRow } from './pos';
import { checkHeader, parseTableMapping, type TableMappingInput } from './table-mapping';
import type { Row } from './types';
import { parseDate, resolveMunicipality } from './values';

const MSK = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0) => Date.UTC(y, mo - 1, d, h - 3, mi, s);

const ROW: Row = {
  'Номер сообщения': '2400017',
  'Дата создания': '15.11.2026 15:39:00',
  'Дата изменения': '16.11.2026 07:39',
  'Срок ответа': '25.11.2026',
  'Дата ответа': '20.11.2026 10:00',
  Статус: 'Ответ дан',
  Категория: 'ЖКХ',
  Подкатегория: 'Нет отопления',
  Ответственный: 'Администрация города Чебоксары',
  'Муниципальное образование': 'г. Чебоксары',
  Адрес: 'г. Чебоксары, ул. Ленина, д. 5, кв. 3',
  Широта: '56,131',
  Долгота: '47.251',
  'Текст сообщения': 'Нет отопления. Иванов Иван Иванович, тел. +7 (917) 123-45-67',
  Заявитель: '+7 (917) 123-45-67',
  'Оценка ответа': 'Не удовлетворён',
};
const map = (over: Partial<Record<string, Row[string]>> = {}, row = 5) => mapPosRow({ ...ROW, ...over }, row);
const ok = (over: Partial<Record<string, Row[string]>> = {}) => {
  const r = map(over);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value.upserts[0]!;
};
const errors = (over: Partial<Record<string, Row[string]>>) => {
  const r = map(over);
  if (r.ok) throw new Error('expected errors');
  return r.errors.map((e) => `${e.row}|${e.field}|${e.reason.split(':')[0]}`);
};

describe('ПОС importer: mapping', () => {
  it('maps every column of the default mapping to the appeal', () => {
    expect(ok()).toEqual({
      kind: 'appeal',
      id: 'pos:2400017',
      version: MSK(2026, 11, 16, 7, 39),
      municipality: '97701000',
      lon: 47.251,
      lat: 56.131,
      channel: 'pos',
      sector: 'housing',
      topic: 'housing.no-heat',
      org: 'omsu-cheboksary',
      importance: 'normal',
      status: 'answered',
      title: 'Нет отопления',
      text: ROW['Текст сообщения'],
      createdAt: MSK(2026, 11, 15, 15, 39),
      dueAt: MSK(2026, 11, 25),
      answeredAt: MSK(2026, 11, 20, 10),
      satisfaction: 'unsatisfied',
      applicant: '+7 (917) 123-45-67',
      address: ROW['Адрес'],
    });
  });

  it('takes the latest time as the source version when there is no «Дата изменения»', () => {
    expect(ok({ 'Дата изменения': '' }).version).toBe(MSK(2026, 11, 20, 10));
    expect(ok({ 'Дата изменения': '', 'Дата ответа': '' }).version).toBe(MSK(2026, 11, 15, 15, 39));
  });

  it('maps every status, rating and category of the default value maps', () => {
    for (const [text, status] of Object.entries(DEFAULT_POS_MAPPING.values.status)) expect(ok({ Статус: text }).status).toBe(status);
    for (const [text, sector] of Object.entries(DEFAULT_POS_MAPPING.values.sector)) expect(ok({ Категория: text, Подкатегория: '' }).sector).toBe(sector);
    expect(ok({ 'Оценка ответа': 'удовлетворен' }).satisfaction).toBe('satisfied');
    expect(ok({ 'Оценка ответа': 'Нет оценки' })).not.toHaveProperty('satisfaction');
    expect(ok({ 'Оценка ответа': '' })).not.toHaveProperty('satisfaction');
    expect(ok({ Статус: '  в   работе ' }).status).toBe('in_progress');
  });

  it('takes the sector from a known topic when the category is empty, and keeps an unknown topic as text', () => {
    expect(ok({ Категория: '', Подкатегория: 'Яма на проезжей части' })).toMatchObject({
      sector: 'roads',
      topic: 'roads.pothole',
      title: 'Яма на проезжей части',
    });
    expect(ok({ Подкатегория: 'Шумные соседи сверху' })).toMatchObject({ sector: 'housing', topic: 'Шумные соседи сверху', title: 'ЖКХ' });
    expect(ok({ Категория: 'roads', Подкатегория: '' }).sector).toBe('roads');
    expect(ok({ Категория: 'Благоустройство', Подкатегория: '' }).sector).toBe('improvement');
  });

  it('finds the municipality by OKTMO (2025, 2023, 11 digits), full name, short name and centre; the point defaults to its centre', () => {
    expect(ok({ 'Муниципальное образование': '97701000' }).municipality).toBe('97701000');
    expect(ok({ 'Муниципальное образование': '97701000001' }).municipality).toBe('97701000');
    expect(resolveMunicipality('Алатырский муниципальный округ')?.oktmo).toBe('97503000');
    expect(resolveMunicipality('Алатырский')?.oktmo).toBe('97503000');
    expect(resolveMunicipality('г. Алатырь')?.oktmo).toBe('97503000');
    expect(resolveMunicipality('Канаш')?.oktmo).toBe(resolveMunicipality('Канашский')?.oktmo);
    const centre = ok({ Широта: '', Долгота: '' });
    expect([centre.lon, centre.lat]).toEqual([...resolveMunicipality('97701000')!.centre]);
  });

  it('resolves the organisation by id, official, short or former name to its directory id', () => {
    expect(ok({ Ответственный: 'Минздрав' }).org).toBe('oiv-minzdrav');
    expect(ok({ Ответственный: 'oiv-minzdrav' }).org).toBe('oiv-minzdrav');
  });

  it('reads spreadsheet dates, Excel serials, ISO 8601 and every listed text format as Moscow time', () => {
    const f = DEFAULT_POS_MAPPING.dateFormats;
    expect(parseDate(new Date(Date.UTC(2026, 10, 15, 15, 39)), f)).toBe(MSK(2026, 11, 15, 15, 39));
    expect(parseDate(46341.5, f)).toBe(MSK(2026, 11, 15, 12));
    expect(parseDate('2026-11-15T15:39:00+03:00', f)).toBe(MSK(2026, 11, 15, 15, 39));
    expect(parseDate('2026-11-15T12:39:00Z', f)).toBe(MSK(2026, 11, 15, 15, 39));
    expect(parseDate('15.11.2026 15:39:07', f)).toBe(MSK(2026, 11, 15, 15, 39, 7));
    expect(parseDate('15.11.2026', f)).toBe(MSK(2026, 11, 15));
    expect(parseDate('2026-11-15 15:39:07', f)).toBe(MSK(2026, 11, 15, 15, 39, 7));
    expect(parseDate('2026-11-15', f)).toBe(MSK(2026, 11, 15));
    expect(parseDate('15.11.2026 15:39', f, 0)).toBe(Date.UTC(2026, 10, 15, 15, 39));
    for (const bad of ['31.02.2026', '15.13.2026', '15.11.2026 24:00', 'вчера', '', 0, -5]) expect(parseDate(bad, f)).toBeUndefined();
  });

  it('follows a mapping document: other columns, values, formats and defaults, without code', () => {
    const doc: TableMappingInput = {
      format: 'pos',
      version: 2,
      channel: 'pos',
      columns: { N: 'id', Created: 'createdAt', Org: 'org', OKTMO: 'municipality', Kind: 'sector' },
      values: { status: {}, sector: { Potholes: 'roads' } },
      dateFormats: ['MM/DD/YYYY HH:mm'],
      utcOffsetMinutes: 0,
      defaults: { status: 'new', importance: 'high' },
    };
    const m = parseTableMapping(doc);
    const r = mapPosRow({ N: '7', Created: '11/15/2026 12:00', Org: 'Минтранс', OKTMO: '97701000', Kind: 'potholes' }, 2, m);
    expect(r.ok && r.value.upserts[0]).toMatchObject({
      id: 'pos:7',
      createdAt: Date.UTC(2026, 10, 15, 12),
      status: 'new',
      importance: 'high',
      sector: 'roads',
      org: 'oiv-mintrans',
      title: 'Дороги',
    });
    // A subcategory map: the export's own wording → a topic of the topics document (its sector and title follow).
    const withTopics = parseTableMapping({
      ...doc,
      columns: { ...doc.columns, Kind: 'topic' },
      values: { ...doc.values, topic: { 'Батареи холодные': 'housing.no-heat' } },
      defaults: { ...doc.defaults, sector: 'other' },
    });
    const t = mapPosRow({ N: '8', Created: '11/15/2026 12:00', Org: 'Минтранс', OKTMO: '97701000', Kind: 'батареи  ХОЛОДНЫЕ' }, 2, withTopics);
    expect(t.ok && t.value.upserts[0]).toMatchObject({ topic: 'housing.no-heat', sector: 'housing', title: 'Нет отопления' });
    const unmapped = mapPosRow({ N: '9', Created: '11/15/2026 12:00', Org: 'Минтранс', OKTMO: '97701000', Kind: 'Что-то своё' }, 2, withTopics);
    expect(unmapped.ok && unmapped.value.upserts[0]).toMatchObject({ topic: 'Что-то своё', sector: 'other' });
    expect(() => parseTableMapping({ ...doc, columns: { N: 'nonsense' } })).toThrow(/columns\.N/);
    expect(() => parseTableMapping({ ...doc, values: { status: { X: 'lost' }, sector: {} } })).toThrow(/values\.status\.X/);
  });
});

describe('ПОС importer: errors, each with its row, column and reason', () => {
  it('refuses a row for every kind of bad value, naming the column', () => {
    expect(errors({ 'Номер сообщения': '' })).toEqual(['5|Номер сообщения|missing']);
    expect(errors({ 'Номер сообщения': '№ 12/7' })).toEqual(['5|Номер сообщения|bad-id']);
    expect(errors({ 'Дата создания': '' })).toEqual(['5|Дата создания|missing']);
    expect(errors({ 'Дата создания': '31.02.2026 10:00' })).toEqual(['5|Дата создания|bad-date']);
    expect(errors({ 'Дата ответа': 'скоро' })).toEqual(['5|Дата ответа|bad-date']);
    expect(errors({ 'Муниципальное образование': '' })).toEqual(['5|Муниципальное образование|missing']);
    expect(errors({ 'Муниципальное образование': 'Казань' })).toEqual(['5|Муниципальное образование|unknown-municipality']);
    expect(errors({ Широта: 'север' })).toEqual(['5|Широта|bad-number']);
    expect(errors({ Долгота: '200' })).toEqual(['5|Долгота|bad-number']);
    expect(errors({ Категория: 'Космос' })).toEqual(['5|Категория|unknown-value']);
    expect(errors({ Категория: '', Подкатегория: '' })).toEqual(['5|Категория|missing']);
    expect(errors({ Статус: 'Передано в архив' })).toEqual(['5|Статус|unknown-value']);
    expect(errors({ Статус: '' })).toEqual(['5|Статус|missing']);
    expect(errors({ 'Оценка ответа': 'Так себе' })).toEqual(['5|Оценка ответа|unknown-value']);
    expect(errors({ Ответственный: '' })).toEqual(['5|Ответственный|missing']);
    expect(errors({ Ответственный: 'ООО «Рога и копыта»' })).toEqual(['5|Ответственный|unknown-org']);
  });

  it('reports every bad value of a row at once', () => {
    expect(errors({ 'Номер сообщения': '', Статус: 'x', Ответственный: '' })).toEqual([
      '5|Номер сообщения|missing',
      '5|Статус|unknown-value',
      '5|Ответственный|missing',
    ]);
  });

  it('refuses a header without the required columns (row 1)', () => {
    expect(checkHeader(Object.keys(ROW), DEFAULT_POS_MAPPING)).toEqual([]);
    expect(
      checkHeader(['номер  сообщения', 'ДАТА СОЗДАНИЯ', 'Ответственный', 'Муниципальное образование', 'Статус', 'Категория'], DEFAULT_POS_MAPPING),
    ).toEqual([]);
    const e = checkHeader(['Номер сообщения', 'Текст сообщения'], DEFAULT_POS_MAPPING);
    expect(e.map((x) => `${x.row}|${x.field}|${x.reason.split(':')[0]}`)).toEqual([
      '1|Дата создания|missing-column',
      '1|Муниципальное образование|missing-column',
      '1|Ответственный|missing-column',
      '1|Статус|missing-column',
      '1|sector|missing-column',
    ]);
  });
});
