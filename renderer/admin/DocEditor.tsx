/**
 * One document on the admin page: its form (where the document has one), the raw JSON editor
 * validated as you type (the document's zod schema, errors by field path in Russian), history
 * with diffs and rollback. A save sends `{baseVersion, body}`; the hub's field errors (400) show
 * beside their fields, a stale base (409) is explained with a reload. A form may hold errors of
 * its own that the document never gets (the import mapping's repeated headers): saving waits
 * until the form has none.
 */
import { useEffect, useLayoutEffect, useMemo, useState } from 'react';
import type { ConfigError } from '../../app/config/config-errors';
import { CONFIG_TITLES, isConfigName, validateConfigBody } from '../../app/config/documents';
import { prettyJson } from '../../app/config/json-diff';
import type { AdminApi, DocVersion } from './admin-api';
import { whenRu } from './admin-api';
import { AlarmRulesForm } from './AlarmRulesForm';
import { ErrorList } from './FieldError';
import { HistoryView } from './HistoryView';
import { ImportMappingForm } from './ImportMappingForm';
import { PlaylistsForm } from './PlaylistsForm';
import { SectorsForm } from './SectorsForm';
import { SlaRulesTable } from './SlaRulesTable';
import { SectorUpload } from './UploadPanel';

type Tab = 'form' | 'json' | 'history' | 'upload';
const FORMS = new Set(['sectors', 'alarm-rules', 'playlists', 'sla-rules', 'import-pos', 'import-im']);

/** The draft's schema errors (as you type), or the JSON parse error. */
function check(name: string, text: string): { body: unknown; errors: ConfigError[] } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (e) {
    return { body: undefined, errors: [{ path: name, message: `ошибка JSON: ${(e as Error).message}` }] };
  }
  if (!isConfigName(name)) return { body, errors: [] };
  const r = validateConfigBody(name, body);
  return { body, errors: r.ok ? [] : r.errors };
}

export function DocEditor({
  api,
  hub,
  doc,
  sectors,
  onSaved,
  reload,
}: {
  api: AdminApi;
  hub: string;
  doc: DocVersion;
  sectors: readonly { id: string; label: string }[];
  onSaved: () => void;
  reload: () => void;
}) {
  const { name } = doc;
  const [tab, setTab] = useState<Tab>(FORMS.has(name) ? 'form' : 'json');
  const [text, setText] = useState(() => prettyJson(doc.body));
  const [serverErrors, setServerErrors] = useState<ConfigError[]>([]);
  const [banner, setBanner] = useState<{ kind: 'saved' | 'conflict' | 'failed'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  /** The form's own errors, not in the document (a draft the form keeps until it is valid). */
  const [formErrors, setFormErrors] = useState<ConfigError[]>([]);
  /** Counts the times the text is set from outside the form: the form drops its draft then. */
  const [revision, setRevision] = useState(0);
  useEffect(() => {
    setText(prettyJson(doc.body));
    setServerErrors([]);
    setRevision((r) => r + 1);
  }, [doc]);
  const { body, errors: schemaErrors } = useMemo(() => check(name, text), [name, text]);
  const errors = schemaErrors.length > 0 ? schemaErrors : serverErrors;
  const dirty = text !== prettyJson(doc.body);
  // Errors no form field shows (another document's cross-check, a field the form has no input
  // for): listed above the form. Judged on the rendered form, after it has placed its own.
  const [unplaced, setUnplaced] = useState<ConfigError[]>([]);
  useLayoutEffect(() => {
    setUnplaced(tab === 'form' ? errors.filter((e) => !document.querySelector(`[data-form] [data-error-path="${CSS.escape(e.path)}"]`)) : []);
  }, [errors, tab]);
  const edit = (v: unknown) => {
    setText(prettyJson(v));
    setServerErrors([]);
    setBanner(null);
  };
  const [remap, setRemap] = useState<Record<string, string>>({});
  const blocked = schemaErrors.length > 0 || formErrors.length > 0;
  const save = async (withRemap?: Record<string, string>) => {
    if (blocked) return;
    setSaving(true);
    const r = await api.save(name, doc.version, body, withRemap);
    setSaving(false);
    if (r.status === 200) {
      setRemap({});
      setBanner({
        kind: 'saved',
        text: `Сохранено: версия ${r.body.version}.${r.body.remapped !== undefined ? ` Перенесено открытых обращений: ${r.body.remapped}.` : ''} Стены применят её без перезагрузки.`,
      });
      setServerErrors([]);
      onSaved();
    } else if (r.status === 409) {
      setBanner({
        kind: 'conflict',
        text: `Документ изменён другим пользователем: последняя версия — ${r.body.latest ?? '?'}, ваша правка начата с версии ${doc.version} и не сохранена. Загрузите последнюю версию и повторите правку (текст вашей правки останется во вкладке «JSON» до перезагрузки).`,
      });
    } else if (r.status === 400 && r.body.errors) {
      setServerErrors(r.body.errors);
      setBanner({ kind: 'failed', text: `Не сохранено: ${r.body.errors.length} ошибок — они показаны у полей.` });
    } else setBanner({ kind: 'failed', text: `Не сохранено (${r.status}): ${r.body.error ?? ''}` });
  };
  // A sector list that drops sectors open appeals use: the hub asks where to move them (`remap`).
  const inUse = serverErrors.flatMap((e) => {
    const m = /^сектор «([^»]+)» удалён, но его используют открытые обращения \((\d+)\)/.exec(e.message);
    return e.path === 'sectors' && m ? [[m[1]!, Number(m[2])] as const] : [];
  });
  const keptSectors = Array.isArray(body) ? (body as { id: string; label?: string }[]).filter((s) => typeof s?.id === 'string') : [];
  const tabs: [Tab, string][] = [
    ...(FORMS.has(name) ? ([['form', 'Форма']] as [Tab, string][]) : []),
    ['json', 'JSON'],
    ['history', 'История'],
    ...(name === 'sectors' ? ([['upload', 'Загрузка файла']] as [Tab, string][]) : []),
  ];
  return (
    <div data-doc={name} data-version={doc.version}>
      <h1>{isConfigName(name) ? CONFIG_TITLES[name] : name}</h1>
      <div>
        <code>{name}</code> · версия {doc.version} · {whenRu(doc.updatedAt)} · {doc.updatedBy === 'built-in' ? 'встроенная' : doc.updatedBy}
      </div>
      <div className="tabs" role="tablist">
        {tabs.map(([t, label]) => (
          <button key={t} type="button" role="tab" aria-selected={tab === t} onClick={() => setTab(t)}>
            {label}
          </button>
        ))}
      </div>
      {banner && (
        <div className={`banner ${banner.kind}`} role="status" data-banner={banner.kind}>
          {banner.text}{' '}
          {banner.kind === 'conflict' && (
            <button type="button" className="act" onClick={reload}>
              Загрузить последнюю версию
            </button>
          )}
        </div>
      )}
      {(tab === 'form' || tab === 'json') && (
        <div className="admin-row">
          <button type="button" className="act" data-save disabled={!dirty || blocked || saving} onClick={() => void save()}>
            Сохранить
          </button>
          <button
            type="button"
            className="plain"
            disabled={!dirty && formErrors.length === 0}
            onClick={() => {
              edit(doc.body);
              setRevision((r) => r + 1);
            }}
          >
            Отменить правки
          </button>
          {blocked && (
            <span className="field-error" data-save-refused>
              Есть ошибки: сохранение недоступно
            </span>
          )}
        </div>
      )}
      {name === 'sectors' && inUse.length > 0 && (
        <div className="banner conflict" data-remap>
          <p>Удаляемые секторы используют открытые обращения. Выберите, в какой сектор их перенести, и подтвердите:</p>
          {inUse.map(([id, n]) => (
            <div key={id} className="admin-row">
              «{id}» ({n} обр.) →
              <select aria-label={`перенести обращения сектора ${id}`} value={remap[id] ?? ''} onChange={(e) => setRemap({ ...remap, [id]: e.target.value })}>
                <option value="">— сектор —</option>
                {keptSectors.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.label || s.id}
                  </option>
                ))}
              </select>
            </div>
          ))}
          <button type="button" className="act" disabled={inUse.some(([id]) => !remap[id]) || saving} onClick={() => void save(remap)}>
            Перенести и сохранить
          </button>
        </div>
      )}
      {tab === 'form' && name === 'sectors' && <SectorsForm value={body} errors={errors} onChange={edit} />}
      {tab === 'form' && name === 'alarm-rules' && <AlarmRulesForm value={body} errors={errors} sectors={sectors} onChange={edit} />}
      {tab === 'form' && name === 'playlists' && <PlaylistsForm value={body} errors={errors} onChange={edit} hub={hub} />}
      {tab === 'form' && name === 'sla-rules' && <SlaRulesTable value={body} errors={errors} onChange={edit} />}
      {tab === 'form' && (name === 'import-pos' || name === 'import-im') && (
        <ImportMappingForm
          api={api}
          name={name}
          value={body}
          errors={errors}
          sectors={sectors}
          revision={revision}
          onChange={edit}
          onFormErrors={setFormErrors}
        />
      )}
      {tab === 'json' && (
        <>
          <ErrorList errors={errors} title={schemaErrors.length > 0 ? 'Ошибки в тексте документа' : 'Хаб отклонил документ'} />
          <textarea
            className="json-editor"
            aria-label={`текст документа ${name}`}
            spellCheck={false}
            value={text}
            aria-invalid={errors.length > 0}
            onChange={(e) => {
              setText(e.target.value);
              setServerErrors([]);
              setBanner(null);
            }}
          />
        </>
      )}
      {tab === 'form' && <ErrorList errors={unplaced} title="Ошибки" />}
      {tab === 'history' && <HistoryView api={api} name={name} current={doc.version} onRolledBack={onSaved} />}
      {tab === 'upload' && name === 'sectors' && <SectorUpload api={api} onApplied={onSaved} />}
    </div>
  );
}
