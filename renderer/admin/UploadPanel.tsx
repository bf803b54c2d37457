/**
 * Uploads on the admin page:
 * - a «BI: ЦУР РФ» sector list (CSV or XLSX) → `POST /api/v1/config/sectors/import?preview=1`:
 *   what would be added, changed and kept; «Применить» stores it (`baseVersion` of the preview);
 * - a source export (ПОС, Инцидент Менеджмент, ГИС ЖКХ; issue 14) → `POST /api/v1/import`: the
 *   upload's progress, then the import's progress and final counts from `GET /api/v1/import/ID`,
 *   with the refused rows and why; for ПОС and ИМ the column mapping editor with a preview
 *   of the first rows as mapped, for ГИС ЖКХ the preview (ImportMapping.tsx).
 */
import { useState } from 'react';
import type { ConfigError } from '../../app/config/config-errors';
import { hexOf } from '../../app/config/sector-colours';
import type { AdminApi, ImportReportView, SectorImportAnswer } from './admin-api';
import { ErrorList } from './FieldError';
import { ImportMapping } from './ImportMapping';
import { reasonRu } from './import-reasons';

const FORMATS: readonly [string, string][] = [
  ['pos', 'ПОС: обращения (XLSX, CSV)'],
  ['im', 'Инцидент Менеджмент: посты (XLSX, CSV)'],
  ['gis-zhkh-outages', 'ГИС ЖКХ: отключения (XML)'],
];

export function SectorUpload({ api, onApplied }: { api: AdminApi; onApplied: (version: number) => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<SectorImportAnswer | null>(null);
  const [errors, setErrors] = useState<ConfigError[]>([]);
  const [note, setNote] = useState<string | null>(null);
  const pick = async (f: File | null) => {
    setFile(f);
    setPreview(null);
    setErrors([]);
    setNote(null);
    if (!f) return;
    const r = await api.importSectors(f, true);
    if (r.status === 200) setPreview(r.body);
    else if (r.body.errors) setErrors(r.body.errors);
    else setNote(`Файл не принят: ${r.body.error ?? r.status}`);
  };
  const apply = async () => {
    if (!file || !preview) return;
    const r = await api.importSectors(file, false, preview.baseVersion);
    if (r.status === 200 && r.body.version) {
      setNote(`Секторы сохранены: версия ${r.body.version}`);
      setPreview(null);
      onApplied(r.body.version);
    } else if (r.status === 409) setNote('Документ изменён другим пользователем после предпросмотра. Загрузите файл ещё раз.');
    else if (r.body.errors) setErrors(r.body.errors);
    else setNote(`Не сохранено: ${r.body.error ?? r.status}`);
  };
  const chip = (c: [number, number, number]) => <span className="swatch" style={{ background: hexOf(c) }} />;
  return (
    <section data-sector-upload>
      <h3>Загрузка списка секторов из «BI: ЦУР РФ»</h3>
      <p>CSV или XLSX: id; название; цвет (необязательно, #rrggbb). Секторы, которых нет в файле, остаются.</p>
      <input
        type="file"
        aria-label="файл секторов"
        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        onChange={(e) => void pick(e.target.files?.[0] ?? null)}
      />
      <ErrorList errors={errors} title="Файл не принят" />
      {note && <div className="banner saved">{note}</div>}
      {preview && (
        <div data-import-preview>
          <p>
            Добавится: {preview.added?.length ?? 0}, изменится: {preview.changed?.length ?? 0}, без изменений: {preview.kept?.length ?? 0}
          </p>
          <ul>
            {preview.added?.map((s) => (
              <li key={s.id} data-added={s.id}>
                + {chip(s.color)} {s.label} <code>{s.id}</code>
              </li>
            ))}
            {preview.changed?.map((c) => (
              <li key={c.id} data-changed={c.id}>
                ~ {chip(c.before.color)} {c.before.label} → {chip(c.after.color)} {c.after.label} <code>{c.id}</code>
              </li>
            ))}
          </ul>
          <button type="button" className="act" onClick={() => void apply()} disabled={(preview.added?.length ?? 0) + (preview.changed?.length ?? 0) === 0}>
            Применить
          </button>
        </div>
      )}
    </section>
  );
}

/** Sends a file with the upload's progress (fetch has none). */
function upload(
  url: string,
  token: string,
  file: File,
  onProgress: (share: number) => void,
): Promise<{ status: number; body: { importId?: string; error?: string } }> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      let body: { importId?: string; error?: string } = {};
      try {
        body = JSON.parse(xhr.responseText) as typeof body;
      } catch {
        body = { error: xhr.responseText.slice(0, 200) };
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => resolve({ status: 0, body: { error: 'нет связи с хабом' } });
    xhr.send(file);
  });
}

export function FeedImport({ api, hub, token }: { api: AdminApi; hub: string; token: string }) {
  const [format, setFormat] = useState('pos');
  const [sent, setSent] = useState<number | null>(null);
  const [report, setReport] = useState<ImportReportView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const go = async (f: File | null) => {
    if (!f) return;
    setReport(null);
    setProblem(null);
    setSent(0);
    const r = await upload(`${hub}/api/v1/import?format=${format}`, token, f, setSent);
    if (r.status !== 202 || !r.body.importId) {
      setSent(null);
      return setProblem(`Файл не принят (${r.status}): ${r.body.error ?? ''}`);
    }
    setSent(1);
    const id = r.body.importId;
    for (;;) {
      const rep = await api.importReport(id);
      if (rep.status !== 200) return setProblem(`Отчёт импорта недоступен (${rep.status})`);
      setReport(rep.body);
      if (rep.body.status !== 'running') return;
      await new Promise((res) => setTimeout(res, 500));
    }
  };
  return (
    <section data-feed-import>
      <h3>Загрузка выгрузок: ПОС, Инцидент Менеджмент, ГИС ЖКХ</h3>
      <div className="admin-row">
        <select aria-label="формат выгрузки" value={format} onChange={(e) => setFormat(e.target.value)}>
          {FORMATS.map(([f, label]) => (
            <option key={f} value={f}>
              {label}
            </option>
          ))}
        </select>
        <input type="file" aria-label="файл выгрузки" onChange={(e) => void go(e.target.files?.[0] ?? null)} />
      </div>
      <ImportMapping key={format} api={api} format={format} onRun={(f) => void go(f)} />
      {sent !== null && (
        <div className="admin-row">
          передача файла{' '}
          <div className="progress" role="progressbar" aria-valuenow={Math.round(sent * 100)} aria-valuemin={0} aria-valuemax={100}>
            <div style={{ width: `${sent * 100}%` }} />
          </div>{' '}
          {Math.round(sent * 100)}%
        </div>
      )}
      {problem && <div className="banner failed">{problem}</div>}
      {report && (
        <div data-import-report={report.status}>
          <p>
            {report.status === 'running' ? 'Идёт импорт…' : report.status === 'done' ? 'Импорт завершён.' : `Импорт не удался: ${report.error ?? ''}`} Строк:{' '}
            {report.rows ?? 0}; новых: {report.accepted ?? 0}; обновлено: {report.updated ?? 0}; без изменений: {report.unchanged ?? 0}; с ошибками:{' '}
            {report.rejected?.length ?? 0}
          </p>
          {report.rejected && report.rejected.length > 0 && (
            <table>
              <thead>
                <tr>
                  <th>Строка</th>
                  <th>Поле</th>
                  <th>Причина</th>
                </tr>
              </thead>
              <tbody>
                {report.rejected.slice(0, 50).map((r, i) => (
                  <tr key={i}>
                    <td>{r.row}</td>
                    <td>{r.field}</td>
                    <td>{reasonRu(r.reason)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </section>
  );
}
