/**
 * The value maps and date formats of an import mapping (issue 14: «value maps for categories and
 * statuses, date formats ... adjust it on the admin page without code»): for each map (statuses,
 * categories → sectors, subcategories → topics, ratings, importance), rows of
 * «value in the export → our value» to add, change and remove; the text date formats tried in
 * order and the source's UTC offset. Used by the import page's mapping editor (with the live
 * preview) and by the `import-pos` / `import-im` documents' form. Errors show beside their
 * field by path (`root` is the document's name, or '' for the bare mapping).
 * A map's rows are the form's own list (`label-rows.ts`): a value typed equal to another row's
 * (or emptied) keeps both rows with the error beside them, the map keeps its last valid value and
 * the problems go to `onFormErrors` (DocEditor refuses to save while there are any).
 */
import { formatPath, type ConfigError } from '../../app/config/config-errors';
import { FieldError } from './FieldError';
import { freshLabel, useErrorParts, useLabelRows, type LabelMessages } from './label-rows';

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

const VALUE: LabelMessages = {
  empty: 'Пустое значение: впишите значение, как оно написано в выгрузке',
  repeated: (v) => `Значение «${v}» повторяется: у каждого значения выгрузки своя строка`,
};

/** One value map as editable rows (a key being typed may repeat another: both rows stay). */
function ValueMap({
  title,
  name,
  map,
  options,
  root,
  errors,
  revision,
  onChange,
  onFormErrors,
}: {
  title: string;
  name: string;
  map: Record<string, string>;
  options: readonly [string, string][];
  root: string;
  errors: readonly ConfigError[];
  revision?: unknown;
  onChange: (map: Record<string, string>) => void;
  onFormErrors: (errors: ConfigError[]) => void;
}) {
  const path = formatPath(root, ['values', name]);
  const { rows, problems, edit } = useLabelRows({
    doc: map,
    revision,
    say: VALUE,
    pathOf: (i) => formatPath(root, ['values', name, i]),
    onErrors: onFormErrors,
  });
  const set = (next: [string, string][]) => edit(next, onChange);
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
            return (
              <tr key={i} data-value-row={source}>
                <td>
                  <input
                    aria-label={`${title}: значение в выгрузке ${i + 1}`}
                    value={source}
                    aria-invalid={problems[i] !== null}
                    onChange={(e) => set(rows.map((r, j) => (j === i ? [e.target.value, r[1]] : r)))}
                  />
                  {problems[i] && (
                    <span className="field-error" role="alert" data-value-error={i}>
                      {problems[i]}
                    </span>
                  )}
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
      <button type="button" className="plain" onClick={() => set([...rows, [freshLabel(rows, 'Новое значение'), '']])}>
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
  revision,
  onChange,
  onFormErrors,
}: {
  value: T;
  errors: readonly ConfigError[];
  root: string;
  sectors: readonly { id: string; label: string }[];
  /** The `topics` document (a subcategory is mapped onto one). */
  topics: readonly { id: string; label: string }[];
  /** Changes when the document is set from outside the form: the rows follow it then. */
  revision?: unknown;
  onChange: (v: T) => void;
  /** The rows' own errors (repeated or empty values): while any, the maps are not changed. */
  onFormErrors?: (errors: ConfigError[]) => void;
}) {
  const formErrors = useErrorParts(onFormErrors);
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
          revision={revision}
          onChange={(m) => setMap(name, m)}
          onFormErrors={(e) => formErrors.report(name, e)}
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
