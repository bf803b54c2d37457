/**
 * ПОС (Платформа обратной связи) export → appeals of channel `pos`. The console's export
 * columns are not public: `DEFAULT_POS_MAPPING` is our documented assumption
 * (docs/integrations/pos.md) and a curator replaces it with a mapping document
 * (`pos.json` in the import configuration folder) without code.
 */
import { mapTableRow, parseTableMapping, type TableContext, type TableMapping } from './table-mapping';
import type { MapResult, Row } from './types';

export const DEFAULT_POS_MAPPING: TableMapping = parseTableMapping({
  format: 'pos',
  version: 1,
  channel: 'pos',
  columns: {
    'Номер сообщения': 'id',
    'Дата создания': 'createdAt',
    'Дата изменения': 'updatedAt',
    'Срок ответа': 'dueAt',
    'Дата ответа': 'answeredAt',
    Статус: 'status',
    Категория: 'sector',
    Подкатегория: 'topic',
    Ответственный: 'org',
    'Муниципальное образование': 'municipality',
    Адрес: 'address',
    Широта: 'lat',
    Долгота: 'lon',
    'Текст сообщения': 'text',
    Заявитель: 'applicant',
    'Оценка ответа': 'satisfaction',
  },
  values: {
    status: {
      Новое: 'new',
      Зарегистрировано: 'new',
      'На модерации': 'new',
      'В работе': 'in_progress',
      'На рассмотрении': 'in_progress',
      'Промежуточный ответ': 'intermediate',
      'Дан промежуточный ответ': 'intermediate',
      'Срок продлён': 'extended',
      Продлено: 'extended',
      'Ответ дан': 'answered',
      'Ответ направлен': 'answered',
      Решено: 'answered',
      Закрыто: 'closed',
      Завершено: 'closed',
    },
    sector: {
      ЖКХ: 'housing',
      'Жилищно-коммунальное хозяйство': 'housing',
      Дороги: 'roads',
      'Автомобильные дороги': 'roads',
      Благоустройство: 'improvement',
      Транспорт: 'transport',
      'Общественный транспорт': 'transport',
      Здравоохранение: 'healthcare',
      Образование: 'education',
      'Социальная защита': 'social',
      'Социальное обслуживание': 'social',
      Энергетика: 'energy',
      'Обращение с ТКО': 'waste',
      Мусор: 'waste',
      Прочее: 'other',
      Другое: 'other',
    },
    satisfaction: {
      Удовлетворён: 'satisfied',
      Удовлетворен: 'satisfied',
      Да: 'satisfied',
      'Не удовлетворён': 'unsatisfied',
      'Не удовлетворен': 'unsatisfied',
      Нет: 'unsatisfied',
      'Нет оценки': 'none',
    },
    importance: { Обычная: 'normal', Высокая: 'high' },
  },
  dateFormats: ['DD.MM.YYYY HH:mm:ss', 'DD.MM.YYYY HH:mm', 'DD.MM.YYYY', 'YYYY-MM-DD HH:mm:ss', 'YYYY-MM-DD'],
  utcOffsetMinutes: 180,
  defaults: { importance: 'normal' },
});

/** One ПОС row → one appeal (`pos:<Номер сообщения>`) or its errors. */
export function mapPosRow(row: Row, rowNo: number, mapping: TableMapping = DEFAULT_POS_MAPPING, ctx?: TableContext): MapResult {
  return mapTableRow(row, rowNo, mapping, ctx);
}
