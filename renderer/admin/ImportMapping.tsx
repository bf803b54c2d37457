/**
 * The mapping editor of the ПОС and ИМ imports (issue 14: «let the curator adjust it on the admin
 * page without code», «a preview of the first rows as mapped»): the export's columns, each with
 * the field it feeds, the value maps (statuses, categories, ratings, importance) and the date
 * formats (`MappingDetails.tsx`), checked as you type with errors beside the field; every change re-runs `POST /api/v1/import/preview` with the edited mapping
 * (nothing stored), showing what each of the first rows becomes or why it would be refused.
 * «Сохранить» stores the mapping (`PUT /api/v1/import/mapping`: the next version of the document
 * `import-pos` / `import-im`, with history and rollback on its document page); «Импортировать» saves it when
 * edited, then runs the import of the file with it. A ГИС ЖКХ export (its public schema, no
 * column mapping) gets the preview only.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { configErrors, type ConfigError } from '../../app/config/config-errors';
import { TableMappingSchema } from '../../app/config/import-mappings';
import type { AdminApi, ImportMappingView, ImportPreviewView } from './admin-api';
import { ErrorList } from './FieldError';
import { reasonRuShort } from './import-reasons';
import { MappingDetails, type MappingValues } from './MappingDetails';

/** The fields a column can feed (hub/import/table-mapping.ts TABLE_FIELDS), in Russian. */
export const FIELDS: readonly [string, string][] = [
  ['id', 'номер (id)'],
  ['incident', 'инцидент (группа постов)'],
  ['createdAt', 'дата создания'],
  ['updatedAt', 'дата изменения'],
  ['dueAt', 'срок ответа'],
  ['answeredAt', 'дата ответа'],
  ['status', 'статус'],
  ['sector', 'сектор (категория)'],
  ['topic', 'тема'],
  ['org', 'ответственный'],
  ['municipality', 'муниципалитет'],
  ['address', 'адрес'],
  ['lat', 'широта'],
  ['lon', 'долгота'],
  ['text', 'текст'],
  ['title', 'заголовок'],
  ['applicant', 'заявитель (скрывается)'],
  ['satisfaction', 'оценка ответа'],
  ['importance', 'важность'],
];

/** What a mapped entity shows in the preview. */
function summary(e: Record<string, unknown>): string {
  return [e.id, e.status, e.nature, e.resource, e.sector, e.municipality, e.title]
    .filter((v) => v !== undefined && v !== '')
    .map(String)
    .join(' · ');
}

/** Refusals as «поле: причина» in Russian; the hub's full line on hover. */
function Refusals({ errors }: { errors: readonly { field: string; reason: string }[] }) {
  return (
    <>
      {errors.map((e, i) => {
        const r = reasonRuShort(e.reason);
        return (
          <span key={i} title={r.detail} data-reason={e.reason.split(':')[0]}>
            {i > 0 ? '; ' : ''}
            {e.field}: {r.text}
          </span>
        );
      })}
    </>
  );
}

export function ImportMapping({ api, format, onRun }: { api: AdminApi; format: string; onRun: (file: File) => void }) {
  const [saved, setSaved] = useState<ImportMappingView | null>(null);
  /** The mapping document and its version (history and rollback on its page). */
  const [doc, setDoc] = useState<{ name: string; version: number } | null>(null);
  const [mapping, setMapping] = useState<ImportMappingView | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportPreviewView | null>(null);
  const [errors, setErrors] = useState<ConfigError[]>([]);
  const [note, setNote] = useState<string | null>(null);
  const [sectors, setSectors] = useState<{ id: string; label: string }[]>([]);
  const asked = useRef(0);
  /** Value-map rows the form holds back (a repeated or empty key: MappingDetails, label-rows.ts). */
  const [rowErrors, setRowErrors] = useState<ConfigError[]>([]);
  /** The edited mapping's own errors (the mapping's schema, then the held-back rows), shown beside their fields. */
  const localErrors = useMemo(() => {
    if (!mapping) return rowErrors;
    const r = TableMappingSchema.safeParse(mapping);
    return r.success ? rowErrors : [...configErrors('', r.error), ...rowErrors];
  }, [mapping, rowErrors]);
  const [topics, setTopics] = useState<{ id: string; label: string }[]>([]);
  useEffect(() => {
    void api.get('sectors').then((r) => r.status === 200 && Array.isArray(r.body.body) && setSectors(r.body.body as { id: string; label: string }[]));
    void api.get('topics').then((r) => r.status === 200 && Array.isArray(r.body.body) && setTopics(r.body.body as { id: string; label: string }[]));
  }, [api]);
  /** ПОС and ИМ have a column mapping; a ГИС ЖКХ export has its public schema (preview only). */
  const table = format !== 'gis-zhkh-outages';

  useEffect(() => {
    setMapping(null);
    setSaved(null);
    setPreview(null);
    if (format === 'gis-zhkh-outages') return;
    void api.importMapping(format).then((r) => {
      if (r.status === 200 && r.body.mapping) {
        setSaved(r.body.mapping);
        setMapping(r.body.mapping);
        setDoc(r.body.document && r.body.documentVersion ? { name: r.body.document, version: r.body.documentVersion } : null);
      } else setNote(`Сопоставление недоступно (${r.status}): ${r.body.error ?? ''}`);
    });
  }, [api, format]);

  useEffect(() => {
    if (localErrors.length > 0) asked.current++; // an answer still on its way is for a mapping with errors
    if (!file || (table && !mapping) || localErrors.length > 0) return;
    const n = ++asked.current;
    void api.previewImport(format, file, mapping).then((r) => {
      if (n !== asked.current) return; // an older answer after a newer edit
      if (r.status === 200) {
        setPreview(r.body);
        setErrors([]);
      } else {
        setPreview(null);
        setErrors(r.body.errors ?? [{ path: '(файл)', message: `предпросмотр не удался (${r.status}): ${r.body.error ?? ''}` }]);
      }
    });
  }, [api, format, file, mapping, table, localErrors]);

  const edited = mapping !== null && saved !== null && JSON.stringify(mapping) !== JSON.stringify(saved);
  const setField = (header: string, field: string) => {
    if (!mapping) return;
    const columns = { ...mapping.columns };
    if (field) columns[header] = field;
    else delete columns[header];
    setMapping({ ...mapping, columns });
    setNote(null);
  };
  const save = async (): Promise<boolean> => {
    if (!mapping || !saved) return false;
    const r = await api.saveImportMapping(format, { ...mapping, version: saved.version + 1 });
    if (r.status === 200 && r.body.mapping) {
      setSaved(r.body.mapping);
      setMapping(r.body.mapping);
      setDoc(r.body.document && r.body.documentVersion ? { name: r.body.document, version: r.body.documentVersion } : null);
      setErrors([]);
      setNote(
        r.body.document
          ? `Сопоставление сохранено: документ ${r.body.document}, версия ${r.body.documentVersion} (история и откат — на странице документа)${r.body.storedIn ? `; файл ${r.body.storedIn}` : ''}`
          : `Сопоставление сохранено, версия ${r.body.mapping.version}${r.body.storedIn ? ` (${r.body.storedIn})` : ' (до перезапуска хаба: у хаба нет --import-config)'}`,
      );
      return true;
    }
    setErrors(r.body.errors ?? [{ path: '(документ)', message: `не сохранено (${r.status}): ${r.body.error ?? ''}` }]);
    return false;
  };
  const run = async () => {
    if (!file || (edited && !(await save()))) return;
    onRun(file);
  };

  const headers = [...new Set([...(preview?.headers ?? []), ...Object.keys(mapping?.columns ?? {})])];
  const rows = preview?.rows ?? [];
  return (
    <section data-import-mapping={format}>
      <h3>{table ? 'Сопоставление столбцов и предпросмотр' : 'Предпросмотр'}</h3>
      <p>Выберите файл выгрузки: первые строки будут показаны так, как их примет хаб. Ничего не сохраняется до импорта.</p>
      <div className="admin-row">
        <input type="file" aria-label="файл для предпросмотра" accept={table ? '.csv,.xlsx' : '.xml'} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        {table && (
          <button type="button" onClick={() => void save()} disabled={!edited || localErrors.length > 0}>
            Сохранить сопоставление
          </button>
        )}
        <button type="button" className="act" onClick={() => void run()} disabled={!file || localErrors.length > 0}>
          Импортировать этот файл
        </button>
        {mapping && (
          <span className="meta">
            {doc ? `документ ${doc.name}, версия ${doc.version}` : `версия ${mapping.version}`}
            {edited ? ', изменено' : ''}
          </span>
        )}
      </div>
      <ErrorList errors={localErrors.length > 0 ? localErrors : errors} title="Сопоставление не принято" />
      {note && <div className="banner saved">{note}</div>}
      {table && mapping && (
        <table data-mapping-columns>
          <thead>
            <tr>
              <th>Столбец выгрузки</th>
              <th>Поле</th>
              {rows[0]?.source && <th>Первая строка</th>}
            </tr>
          </thead>
          <tbody>
            {headers.map((h) => (
              <tr key={h} data-column={h}>
                <td>
                  {h}
                  {preview && !preview.headers?.includes(h) ? ' (нет в файле)' : ''}
                </td>
                <td>
                  <select aria-label={`поле столбца «${h}»`} value={mapping.columns[h] ?? ''} onChange={(e) => setField(h, e.target.value)}>
                    <option value="">— не используется</option>
                    {FIELDS.map(([f, label]) => (
                      <option key={f} value={f}>
                        {label}
                      </option>
                    ))}
                  </select>
                </td>
                {rows[0]?.source && <td className="meta">{(rows[0].source[h] ?? '').slice(0, 60)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {table && mapping && (
        <MappingDetails
          value={mapping as unknown as MappingValues}
          errors={localErrors.length > 0 ? localErrors : errors}
          root=""
          sectors={sectors}
          topics={topics}
          onChange={(m) => {
            setMapping(m as unknown as ImportMappingView);
            setNote(null);
          }}
          onFormErrors={setRowErrors}
        />
      )}
      {table && <PreviewOrStale preview={preview} stale={localErrors.length > 0} />}
      {!table && preview && <PreviewTable preview={preview} />}
    </section>
  );
}

/**
 * The preview, or while the mapping has errors (no preview is asked then) a line saying the one
 * on screen is out of date instead of the table: it comes back with the next answer.
 */
export function PreviewOrStale({ preview, stale }: { preview: ImportPreviewView | null; stale: boolean }) {
  if (!preview) return null;
  if (stale)
    return (
      <p className="banner failed" data-preview-stale>
        Предпросмотр не обновлён: сначала исправьте ошибки сопоставления
      </p>
    );
  return <PreviewTable preview={preview} />;
}

/** The first rows of a file as mapped: counts, then each row's result or refusals. */
export function PreviewTable({ preview }: { preview: ImportPreviewView }) {
  const rows = preview.rows ?? [];
  const refused = rows.filter((r) => r.rejected.length > 0 && r.entities.length === 0).length;
  return (
    <div data-mapping-preview>
      {(preview.fileErrors ?? []).length > 0 && (
        <div className="banner failed" data-file-errors>
          Файл не будет принят: <Refusals errors={preview.fileErrors!} />
        </div>
      )}
      <p data-preview-counts>
        Первые строки: {rows.length}; примутся: {rows.length - refused}; будут отклонены: {refused}
      </p>
      <table>
        <thead>
          <tr>
            <th>Строка</th>
            <th>Станет</th>
            <th>Отклонено: поле и причина</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.row} data-preview-row={r.row} data-refused={r.entities.length === 0 ? 'true' : 'false'}>
              <td>{r.row}</td>
              <td>{r.entities.map(summary).join('; ')}</td>
              <td>
                <Refusals errors={r.rejected} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
