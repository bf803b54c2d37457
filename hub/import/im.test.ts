/**
 * The ИМ importer on crafted rows: posts grouped into incidents keep the grouping in their id,
 * the default mapping's columns and values, and the errors of a bad post.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_IM_MAPPING, imPostId, mapImRow } from './im';
import type { Row } from './types';

const MSK = (y: number, mo: number, d: number, h = 0, mi = 0) => Date.UTC(y, mo - 1, d, h - 3, mi);
const POST: Row = {
  'ID сообщения': '5000011',
  'ID инцидента': '70004',
  'Дата публикации': '10.11.2026 08:15:00',
  'Дата изменения': '',
  'Срок ответа': '10.11.2026 16:15',
  'Дата ответа': '',
  'Статус инцидента': 'Взят в работу',
  Рубрика: 'ТКО',
  Тема: 'Переполнены контейнеры',
  Ответственный: 'Адм. Канашский',
  Муниципалитет: 'Канашский',
  Адрес: 'г. Канаш, ул. Мира, д. 4',
  Широта: '',
  Долгота: '',
  'Текст сообщения': '@chuv_1234 пишет: сколько можно ждать?',
  Автор: '@chuv_1234',
  Важность: 'Критичная',
  Площадка: 'ВКонтакте',
  Ссылка: 'https://vk.com/wall-1_2',
};
const ok = (over: Partial<Record<string, Row[string]>> = {}) => {
  const r = mapImRow({ ...POST, ...over }, 3);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value.upserts[0]!;
};

describe('ИМ importer', () => {
  it('maps a post to a social appeal whose id keeps its incident', () => {
    expect(ok()).toMatchObject({
      kind: 'appeal',
      id: 'im:70004:5000011',
      channel: 'social',
      sector: 'waste',
      topic: 'waste.overflow',
      status: 'in_progress',
      importance: 'high',
      org: 'omsu-kanashsky',
      municipality: '97516000',
      createdAt: MSK(2026, 11, 10, 8, 15),
      dueAt: MSK(2026, 11, 10, 16, 15),
      applicant: '@chuv_1234',
      version: MSK(2026, 11, 10, 8, 15),
    });
    expect(ok({ 'ID инцидента': '' }).id).toBe('im:5000011');
    expect(imPostId('im:70004:5000011')).toBe('5000011');
    expect(imPostId('im:5000011')).toBe('5000011');
    expect(imPostId('pos:5000011')).toBeUndefined();
  });

  it('maps every status and importance of the default mapping', () => {
    for (const [text, status] of Object.entries(DEFAULT_IM_MAPPING.values.status)) expect(ok({ 'Статус инцидента': text }).status).toBe(status);
    for (const [text, imp] of Object.entries(DEFAULT_IM_MAPPING.values.importance)) expect(ok({ Важность: text }).importance).toBe(imp);
    expect(ok({ Важность: '' }).importance).toBe('normal');
  });

  it('refuses a post with a bad incident id, an unknown importance or a bad point', () => {
    const r = mapImRow({ ...POST, 'ID инцидента': 'инц 4', Важность: 'Срочно', Широта: '55,5', Долгота: 'восток' }, 9);
    expect(r.ok ? [] : r.errors.map((e) => `${e.row}|${e.field}|${e.reason.split(':')[0]}`)).toEqual([
      '9|ID инцидента|bad-id',
      '9|Долгота|bad-number',
      '9|Важность|unknown-value',
    ]);
  });
});
