/**
 * The value maps and date formats of an import mapping (issue 14: «value maps for categories and
 * statuses, date formats ... adjust it on the admin page without code»): for each map (statuses,
 * categories → sectors, subcategories → topics, ratings, importance), rows of
 * «value in the export → our value» to add, change and remove; the text date formats tried in
 * order and the source's UTC offset. Used by the import page's mapping editor (with the live
 * preview) and by the `import-pos` / `import-im` documents' form. Errors show beside their
 * field by path (`root` is the document's name, or '' for the bare mapping).
 */
import { useEffect, useState } from 'react';
import { formatPath, type ConfigError } from '../../app/config/config-errors';
import { FieldError } from './FieldError';

/** Our appeal statuses (app/domain/entity.ts APPEAL_STATUSES), in Russian. */
const STATUSES: readonly [string, string][] = [
  ['received', 'поступило, не зарегистрировано'],
  ['new', 'новое'],
  ['in_progress', 'в работе'],
  ['intermediate', 'дан промежуточный ответ'],
  ['extended', 'срок продлён'],
  ['answered', 'дан ответ'],
  ['closed', 'закрыто'],
];
const SATISFACTION: readonly [string, string][] = [
  ['satisfied', 'удовлетворён'],
  ['unsatisfied', 'не удовлетворён'],
  ['none', 'нет оценки'],
];
const IMPORTANCE: readonly [string, string][] = [
  ['normal', 'обычная'],
  ['high', 'высокая'],
];

export interface MappingValues {
  values: Record<string, Record<string, string>>;
  dateFormats: string[];
  utcOffsetMinutes: number;
  [other: string]: unknown;
}

/** The map of the rows whose source value is filled in (a new row counts once typed). */
const filled = (rows: readonly [string, string][]) => Object.fromEntries(rows.filter(([s]) => s.trim() !== ''));

/** One value map as editable rows (a key being typed may repeat another for a moment). */
function ValueMap({
  title,
  name,
  map,
  options,
  root,
  errors,
  onChange,
}: {
  title: string;
  name: string;
  map: Record<string, string>;
  options: readonly [string, string][];
  root: string;
  errors: readonly ConfigError[];
  onChange: (map: Record<string, string>) => void;
}) {
  const [rows, setRows] = useState<[string, string][]>(() => Object.entries(map));
  // Follows the map when it changes from outside (a reload, «Отменить правки»).
  useEffect(() => {
    setRows((r) => (JSON.stringify(filled(r)) === JSON.stringify(map) ? r : Object.entries(map)));
  }, [map]);
  const set = (next: [string, string][]) => {
    setRows(next);
    onChange(filled(next));
  };
  const path = formatPath(root, ['values', name]);
  const known = new Set(options.map(([v]) => v));
  return (
    <fieldset data-value-map={name}>
      <legend>{title}</legend>
      <FieldError errors={errors} path={path} exact />
      <table>
        <thead>
          <tr>
            <th>Значение в выгрузке</th>
            <th>Наше значение</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map(([source, ours], i) => {
            const at = formatPath(root, ['values', name, source]);
            const duplicate = rows.findIndex(([s]) => s.trim().toLowerCase() === source.trim().toLowerCase()) !== i;
            return (
              <tr key={i} data-value-row={source}>
                <td>
                  <input
                    aria-label={`${title}: значение в выгрузке ${i + 1}`}
                    value={source}
                    aria-invalid={source.trim() === '' || duplicate}
                    onChange={(e) => set(rows.map((r, j) => (j === i ? [e.target.value, r[1]] : r)))}
                  />
                  {source.trim() === '' && <span className="field-error">пустое значение</span>}
                  {duplicate && <span className="field-error">это значение уже есть выше</span>}
                </td>
                <td>
                  <select
                    aria-label={`${title}: наше значение для «${source}»`}
                    value={ours}
                    onChange={(e) => set(rows.map((r, j) => (j === i ? [r[0], e.target.value] : r)))}
                  >
                    {!known.has(ours) && <option value={ours}>{ours || '— выберите —'}</option>}
                    {options.map(([v, label]) => (
                      <option key={v} value={v}>
                        {label === v ? v : `${label} (${v})`}
                      </option>
                    ))}
                  </select>
                  <FieldError errors={errors} path={at} />
                </td>
                <td>
                  <button type="button" className="plain" aria-label={`${title}: удалить «${source}»`} onClick={() => set(rows.filter((_, j) => j !== i))}>
                    Удалить
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button type="button" className="plain" onClick={() => setRows([...rows, ['', '']])}>
        Добавить значение
      </button>
    </fieldset>
  );
}

/** Value maps, date formats and the UTC offset of a mapping. */
export function MappingDetails<T extends MappingValues>({
  value,
  errors,
  root,
  sectors,
  topics,
  onChange,
}: {
  value: T;
  errors: readonly ConfigError[];
  root: string;
  sectors: readonly { id: string; label: string }[];
  /** The `topics` document (a subcategory is mapped onto one). */
  topics: readonly { id: string; label: string }[];
  onChange: (v: T) => void;
}) {
  const setMap = (name: string, map: Record<string, string>) => onChange({ ...value, values: { ...value.values, [name]: map } });
  const formats = value.dateFormats ?? [];
  const setFormats = (f: string[]) => onChange({ ...value, dateFormats: f });
  const sectorOptions: [string, string][] = sectors.map((s) => [s.id, s.label]);
  const maps: [string, string, readonly [string, string][]][] = [
    ['status', 'Статусы', STATUSES],
    ['sector', 'Категории → секторы', sectorOptions],
    ['topic', 'Подкатегории → темы', topics.map((t): [string, string] => [t.id, t.label])],
    ['satisfaction', 'Оценка ответа', SATISFACTION],
    ['importance', 'Важность', IMPORTANCE],
  ];
  return (
    <div data-mapping-details>
      <h4>Значения</h4>
      <p className="meta">Значения сравниваются без учёта регистра, «ё» и лишних пробелов. Значения, которых нет в таблице, отклоняют строку с причиной.</p>
      {maps.map(([name, title, options]) => (
        <ValueMap
          key={name}
          title={title}
          name={name}
          map={(value.values?.[name] as Record<string, string> | undefined) ?? {}}
          options={options}
          root={root}
          errors={errors}
          onChange={(m) => setMap(name, m)}
        />
      ))}
      <fieldset data-date-formats>
        <legend>Форматы дат</legend>
        <p className="meta">
          Пробуются по порядку; токены: YYYY — год, MM — месяц, DD — день, HH — часы, mm — минуты, ss — секунды. Даты-ячейки XLSX и ISO 8601 читаются всегда.
        </p>
        <FieldError errors={errors} path={formatPath(root, ['dateFormats'])} exact />
        {formats.map((f, i) => (
          <div key={i} className="admin-row" data-date-format={i}>
            <input
              aria-label={`формат даты ${i + 1}`}
              value={f}
              aria-invalid={errors.some((e) => e.path === formatPath(root, ['dateFormats', i]))}
              onChange={(e) => setFormats(formats.map((x, j) => (j === i ? e.target.value : x)))}
            />
            <button type="button" className="plain" aria-label={`удалить формат даты ${i + 1}`} onClick={() => setFormats(formats.filter((_, j) => j !== i))}>
              Удалить
            </button>
            <FieldError errors={errors} path={formatPath(root, ['dateFormats', i])} />
          </div>
        ))}
        <button type="button" className="plain" onClick={() => setFormats([...formats, 'DD.MM.YYYY HH:mm'])}>
          Добавить формат
        </button>
        <div className="admin-row">
          <label>
            Часовой пояс выгрузки, минут к UTC (Москва: 180){' '}
            <input
              type="number"
              aria-label="часовой пояс выгрузки, минут к UTC"
              value={value.utcOffsetMinutes}
              onChange={(e) => onChange({ ...value, utcOffsetMinutes: e.target.value === '' ? Number.NaN : Number(e.target.value) })}
            />
          </label>
          <FieldError errors={errors} path={formatPath(root, ['utcOffsetMinutes'])} />
        </div>
      </fieldset>
    </div>
  );
}
