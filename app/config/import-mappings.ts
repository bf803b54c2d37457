/**
 * The mapping documents of the spreadsheet imports (issue 14): `import-pos` (ПОС) and
 * `import-im` (Инцидент Менеджмент), configuration documents of the hub like any other
 * (`documents.ts`: versions, history, rollback, the admin page). A mapping says which column
 * holds which appeal field, the value maps (source status, category, rating, importance → ours),
 * the date formats and the source's UTC offset. The consoles' real column names are not public,
 * so the built-in bodies here are our documented assumption (docs/integrations/pos.md, im.md).
 * The importer itself is `hub/import/table-mapping.ts`.
 */
import { z } from 'zod';
import { APPEAL_CHANNELS, APPEAL_SATISFACTION, APPEAL_STATUSES } from '../domain/entity';

/**
 * Case, ё, spaces and quotes do not make two labels different: how the importer compares a
 * column header or a value-map key with a cell (hub/import/values.ts), and how the admin form
 * finds a header given twice.
 */
export const normLabel = (s: string): string =>
  s
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[«»"„“”']/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/** A date format's tokens. */
export const DATE_TOKENS = ['YYYY', 'MM', 'DD', 'HH', 'mm', 'ss'] as const;

/**
 * Problems of one text date format (tokens YYYY MM DD HH mm ss, anything else literal), in
 * Russian; empty when it is usable. A format needs a year, a month and a day, each once.
 */
export function dateFormatProblems(f: string): string[] {
  const out: string[] = [];
  const tokens: string[] = f.match(/YYYY|MM|DD|HH|mm|ss/g) ?? [];
  for (const t of ['YYYY', 'MM', 'DD']) if (!tokens.includes(t)) out.push(`в формате нет ${t} (${t === 'YYYY' ? 'год' : t === 'MM' ? 'месяц' : 'день'})`);
  const twice = tokens.filter((t, i) => tokens.indexOf(t) !== i);
  if (twice.length) out.push(`${[...new Set(twice)].join(', ')} встречается дважды`);
  if (/[A-Za-z]/.test(f.replace(/YYYY|MM|DD|HH|mm|ss/g, ''))) out.push('латинские буквы вне токенов YYYY MM DD HH mm ss');
  if (f.includes('mm') && !f.includes('HH')) out.push('минуты (mm) без часов (HH): месяц пишется MM');
  return out;
}

/** One text date format, checked by `dateFormatProblems`. */
export const DateFormatSchema = z
  .string()
  .min(2)
  .max(40)
  .superRefine((f, ctx) => {
    for (const message of dateFormatProblems(f)) ctx.addIssue({ code: 'custom', message });
  });

/** The appeal fields a column can feed. */
export const TABLE_FIELDS = [
  'id',
  'incident',
  'createdAt',
  'updatedAt',
  'dueAt',
  'answeredAt',
  'status',
  'sector',
  'topic',
  'org',
  'municipality',
  'address',
  'lat',
  'lon',
  'text',
  'title',
  'applicant',
  'satisfaction',
  'importance',
] as const;
export type TableField = (typeof TABLE_FIELDS)[number];

/**
 * Keys that are one label to the importer (`normLabel`) with different targets are refused: the
 * file's column or value would match either, and one of them would be dropped without a word.
 * (The same target twice, e.g. «Удовлетворён» and «Удовлетворен», is only redundant.)
 */
const distinctLabels = (what: string) => (m: Record<string, string>, ctx: z.RefinementCtx) => {
  const seen = new Map<string, string>();
  for (const [k, v] of Object.entries(m)) {
    const first = seen.get(normLabel(k));
    if (first === undefined) seen.set(normLabel(k), k);
    else if (m[first] !== v)
      ctx.addIssue({
        code: 'custom',
        path: [k],
        message: `${what} «${k}» совпадает с «${first}» (регистр, ё, пробелы и кавычки не различаются), а сопоставлен другому`,
      });
  }
};

const labelMap = <T extends z.ZodType<string>>(t: T) => z.record(z.string().min(1).max(200), t).superRefine(distinctLabels('значение'));

/** The mapping document (JSON), checked when loaded: a bad one is refused with the path of the mistake. */
export const TableMappingSchema = z.strictObject({
  format: z.enum(['pos', 'im']),
  /** Version of this mapping document (raise it when you edit it). */
  version: z.number().int().min(1),
  /** The appeals' channel. */
  channel: z.enum(APPEAL_CHANNELS),
  /** The worksheet to read (XLSX); absent: the first. */
  sheet: z.string().min(1).optional(),
  /** Column header (as in the file, compared case- and space-insensitively) → field. */
  columns: z.record(z.string().min(1).max(200), z.enum(TABLE_FIELDS)).superRefine(distinctLabels('заголовок')),
  /** Source values → ours; keys compared case-, ё- and space-insensitively. */
  values: z.strictObject({
    status: labelMap(z.enum(APPEAL_STATUSES)),
    /** Category → sector id (a sector id or label is taken as it is too). */
    sector: labelMap(z.string().min(1).max(40)),
    /** Subcategory → topic id (`topics` document); a topic id or label is taken as it is too. */
    topic: labelMap(z.string().min(1).max(64)).default({}),
    satisfaction: labelMap(z.enum([...APPEAL_SATISFACTION, 'none'])).default({}),
    importance: labelMap(z.enum(['normal', 'high'])).default({}),
  }),
  /** Text date formats tried in order (tokens YYYY MM DD HH mm ss); spreadsheet dates and ISO 8601 are read as they are. */
  dateFormats: z.array(DateFormatSchema).min(1, 'нужен хотя бы один формат даты / at least one date format'),
  /** The source's local time, minutes east of UTC (Moscow: 180). */
  utcOffsetMinutes: z.number().int().min(-720).max(840),
  /** Values for fields a row leaves empty. */
  defaults: z.strictObject({
    status: z.enum(APPEAL_STATUSES).optional(),
    sector: z.string().min(1).max(40).optional(),
    importance: z.enum(['normal', 'high']).default('normal'),
  }),
});
export type TableMapping = z.infer<typeof TableMappingSchema>;
export type TableMappingInput = z.input<typeof TableMappingSchema>;

/** The built-in ПОС mapping (version 1 of `import-pos`). */
export const DEFAULT_POS_MAPPING_BODY: TableMappingInput = {
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
};

/** The built-in ИМ mapping (version 1 of `import-im`). */
export const DEFAULT_IM_MAPPING_BODY: TableMappingInput = {
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
};
