/**
 * The form of the `import-pos` and `import-im` documents (issue 14): the mapping of a spreadsheet
 * export as a configuration document (saved with a version, history and rollback by DocEditor).
 * Columns (header in the export → our field), value maps and date formats (`MappingDetails`),
 * errors beside each field; a file chosen here shows its first rows as the edited mapping would
 * map them (`POST /api/v1/import/preview`, nothing stored) before anything is saved.
 * The column rows are the form's own list: a header typed equal to another row's (or emptied)
 * keeps both rows on screen with the error beside them, and the document keeps its last valid
 * columns until the headers are unique again (`onFormErrors` tells DocEditor to refuse saving);
 * the value maps' rows likewise (`label-rows.ts`).
 */
import { useEffect, useRef, useState } from 'react';
import { formatPath, type ConfigError } from '../../app/config/config-errors';
import type { AdminApi, ImportMappingView, ImportPreviewView } from './admin-api';
import { FieldError, ErrorList } from './FieldError';
import { FIELDS, PreviewOrStale } from './ImportMapping';
import { freshLabel, useErrorParts, useLabelRows, type LabelMessages, type LabelRow } from './label-rows';
import { MappingDetails, type MappingValues } from './MappingDetails';

type Mapping = MappingValues & { format: string; columns: Record<string, string> };

const HEADER: LabelMessages = {
  empty: 'Пустой заголовок: впишите заголовок столбца, как он написан в выгрузке',
  repeated: (h) => `Заголовок «${h}» повторяется: у каждого столбца выгрузки свой заголовок`,
};

export function ImportMappingForm({
  api,
  name,
  value,
  errors,
  sectors,
  revision,
  onChange,
  onFormErrors,
}: {
  api: AdminApi;
  name: 'import-pos' | 'import-im';
  value: unknown;
  errors: readonly ConfigError[];
  sectors: readonly { id: string; label: string }[];
  /** Changes when the document is set from outside the form (a load, «Отменить правки»). */
  revision: number;
  onChange: (v: unknown) => void;
  /** The form's own errors (repeated or empty headers or values): while any, the document is not saved. */
  onFormErrors: (errors: ConfigError[]) => void;
}) {
  const m = value && typeof value === 'object' ? (value as Mapping) : null;
  const formErrors = useErrorParts(onFormErrors);
  const { rows, problems, edit } = useLabelRows({
    doc: m?.columns && typeof m.columns === 'object' ? m.columns : {},
    revision,
    say: HEADER,
    pathOf: (i) => formatPath(name, ['columns', i]),
    onErrors: (e) => formErrors.report('columns', e),
  });
  /** The value maps' row errors: one part of the form's. */
  const toForm = (e: ConfigError[]) => formErrors.report('values', e);
  const stale = errors.length > 0 || formErrors.errors.length > 0;
  const format = name === 'import-pos' ? 'pos' : 'im';
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportPreviewView | null>(null);
  const [previewErrors, setPreviewErrors] = useState<ConfigError[]>([]);
  const asked = useRef(0);
  const [topics, setTopics] = useState<{ id: string; label: string }[]>([]);
  useEffect(() => {
    void api.get('topics').then((r) => r.status === 200 && Array.isArray(r.body.body) && setTopics(r.body.body as { id: string; label: string }[]));
  }, [api]);
  useEffect(() => {
    if (stale) asked.current++; // an answer still on its way is for a mapping with errors
    if (!file || !m || stale) return;
    const n = ++asked.current;
    void api.previewImport(format, file, m as unknown as ImportMappingView).then((r) => {
      if (n !== asked.current) return;
      if (r.status === 200) {
        setPreview(r.body);
        setPreviewErrors([]);
      } else setPreviewErrors(r.body.errors ?? [{ path: '(файл)', message: `предпросмотр не удался (${r.status}): ${r.body.error ?? ''}` }]);
    });
    // `m` is a new object on every edit of the text: the preview follows each.
  }, [api, format, file, value, stale]);
  if (!m) return <p>Документ не читается: исправьте его во вкладке «JSON».</p>;
  const setColumns = (next: LabelRow[]) => edit(next, (columns) => onChange({ ...m, columns }));
  const columns = rows;
  return (
    <div data-form data-import-mapping-form={format}>
      <h3>Столбцы выгрузки</h3>
      <FieldError errors={errors} path={formatPath(name, ['columns'])} exact />
      <table data-mapping-columns>
        <thead>
          <tr>
            <th>Столбец выгрузки (заголовок)</th>
            <th>Поле</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {columns.map(([header, field], i) => (
            <tr key={i} data-column={header}>
              <td>
                <input
                  aria-label={`заголовок столбца ${i + 1}`}
                  value={header}
                  aria-invalid={problems[i] !== null}
                  onChange={(e) => setColumns(columns.map((c, j) => (j === i ? [e.target.value, c[1]] : c)))}
                />
                {problems[i] && (
                  <span className="field-error" role="alert" data-header-error={i}>
                    {problems[i]}
                  </span>
                )}
                <FieldError errors={errors} path={formatPath(name, ['columns', header])} />
              </td>
              <td>
                <select
                  aria-label={`поле столбца «${header}»`}
                  value={field}
                  onChange={(e) => setColumns(columns.map((c, j) => (j === i ? [c[0], e.target.value] : c)))}
                >
                  {FIELDS.map(([f, label]) => (
                    <option key={f} value={f}>
                      {label}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <button
                  type="button"
                  className="plain"
                  aria-label={`удалить столбец «${header}»`}
                  onClick={() => setColumns(columns.filter((_, j) => j !== i))}
                >
                  Удалить
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="plain" onClick={() => setColumns([...columns, [freshLabel(columns, 'Новый столбец'), 'text']])}>
        Добавить столбец
      </button>
      <MappingDetails value={m} errors={errors} root={name} sectors={sectors} topics={topics} revision={revision} onChange={onChange} onFormErrors={toForm} />
      <h3>Предпросмотр</h3>
      <p>Выберите файл выгрузки: первые строки будут показаны так, как их примет хаб с этим сопоставлением. Ничего не сохраняется.</p>
      <input type="file" aria-label="файл для предпросмотра" accept=".csv,.xlsx" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      {!stale && <ErrorList errors={previewErrors} title="Предпросмотр не удался" />}
      <PreviewOrStale preview={preview} stale={stale} />
    </div>
  );
}
