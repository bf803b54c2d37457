/**
 * Инцидент Менеджмент export → appeals of channel `social`, one per post. ИМ groups posts
 * into incidents; the grouping is kept in the id, `im:<incident>:<post>` (a post not yet
 * grouped: `im:<post>`), and when ИМ regroups a post the runner removes its old id
 * (`run-import.ts`). `DEFAULT_IM_MAPPING` is our documented assumption (docs/integrations/im.md).
 */
import { mapTableRow, parseTableMapping, type TableContext, type TableMapping } from './table-mapping';
import type { MapResult, Row } from './types';

export const DEFAULT_IM_MAPPING: TableMapping = parseTableMapping({
  format: 'im',
  version: 1,
  channel: 'social',
  columns: {
    'ID сообщения': 'id',
    'ID инцидента': 'incident',
    'Дата публикации': 'createdAt',
    'Дата изменения': 'updatedAt',
    'Срок ответа': 'dueAt',
    'Дата ответа': 'answeredAt',
    'Статус инцидента': 'status',
    Рубрика: 'sector',
    Тема: 'topic',
    Ответственный: 'org',
    Муниципалитет: 'municipality',
    Адрес: 'address',
    Широта: 'lat',
    Долгота: 'lon',
    'Текст сообщения': 'text',
    Автор: 'applicant',
    Важность: 'importance',
  },
  values: {
    status: {
      Новый: 'new',
      Новое: 'new',
      'Не обработан': 'new',
      'В работе': 'in_progress',
      'Взят в работу': 'in_progress',
      'Промежуточный ответ': 'intermediate',
      'Дан промежуточный ответ': 'intermediate',
      Продлён: 'extended',
      'Срок продлён': 'extended',
      'Ответ дан': 'answered',
      Отработан: 'answered',
      Решён: 'answered',
      Закрыт: 'closed',
      Архив: 'closed',
    },
    sector: {
      ЖКХ: 'housing',
      Дороги: 'roads',
      Благоустройство: 'improvement',
      Транспорт: 'transport',
      Здравоохранение: 'healthcare',
      Образование: 'education',
      Соцзащита: 'social',
      'Социальная защита': 'social',
      Энергетика: 'energy',
      ТКО: 'waste',
      Мусор: 'waste',
      Прочее: 'other',
    },
    importance: { Обычная: 'normal', Средняя: 'normal', Высокая: 'high', Критичная: 'high' },
  },
  dateFormats: ['DD.MM.YYYY HH:mm:ss', 'DD.MM.YYYY HH:mm', 'DD.MM.YYYY', 'YYYY-MM-DD HH:mm:ss'],
  utcOffsetMinutes: 180,
  defaults: { importance: 'normal' },
});

/** One ИМ row (a post) → one appeal or its errors. */
export function mapImRow(row: Row, rowNo: number, mapping: TableMapping = DEFAULT_IM_MAPPING, ctx?: TableContext): MapResult {
  return mapTableRow(row, rowNo, mapping, ctx);
}

/** The ИМ post id of an entity id (`im:<incident>:<post>` or `im:<post>`), for regrouping. */
export function imPostId(entityId: string): string | undefined {
  if (!entityId.startsWith('im:')) return undefined;
  const parts = entityId.split(':');
  return parts[parts.length - 1];
}
