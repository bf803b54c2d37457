/**
 * A document's history: every version with who and when; a version's diff against the one
 * before it (app/config/json-diff.ts), and one click to make it the current version again
 * (`POST …/rollback`, the same checks as a save).
 */
import { useEffect, useState } from 'react';
import { diffHunks, diffLines, diffStats, prettyJson, type DiffLine } from '../../app/config/json-diff';
import { whenRu, type AdminApi, type DocMeta } from './admin-api';
import { ErrorList } from './FieldError';
import type { ConfigError } from '../../app/config/config-errors';

function Diff({ lines }: { lines: (DiffLine | null)[] }) {
  return (
    <div className="diff" data-diff>
      {lines.map((l, i) =>
        l === null ? (
          <div key={i} className="skip">
            ⋯
          </div>
        ) : (
          <div key={i} className={l.op === '+' ? 'add' : l.op === '-' ? 'del' : undefined}>
            {l.op} {l.text}
          </div>
        ),
      )}
    </div>
  );
}

export function HistoryView({ api, name, current, onRolledBack }: { api: AdminApi; name: string; current: number; onRolledBack: (version: number) => void }) {
  const [versions, setVersions] = useState<DocMeta[] | null>(null);
  const [picked, setPicked] = useState<number | null>(null);
  const [diff, setDiff] = useState<{ lines: (DiffLine | null)[]; added: number; removed: number } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [errors, setErrors] = useState<ConfigError[]>([]);

  useEffect(() => {
    void api.history(name).then((r) => {
      if (r.status === 200) setVersions(r.body.versions);
      else setProblem(`История не загружена (${r.status})`);
    });
  }, [api, name, current]);

  useEffect(() => {
    if (picked === null) return;
    setDiff(null);
    void Promise.all([api.version(name, picked), picked > 1 ? api.version(name, picked - 1) : Promise.resolve(null)]).then(([now, before]) => {
      if (now.status !== 200 || (before && before.status !== 200)) return setProblem('Версия не загружена');
      const lines = diffLines(before ? prettyJson(before.body.body) : '', prettyJson(now.body.body));
      setDiff({ lines: diffHunks(lines, 3), ...diffStats(lines) });
    });
  }, [api, name, picked]);

  const rollback = async (v: number) => {
    setErrors([]);
    const r = await api.rollback(name, v);
    if (r.status === 200) {
      setProblem(null);
      onRolledBack(r.body.version);
    } else if (r.body.errors) setErrors(r.body.errors);
    else setProblem(`Откат не выполнен: ${r.body.error ?? r.status}`);
  };

  if (!versions) return <p>{problem ?? 'Загрузка истории…'}</p>;
  return (
    <div data-history>
      {problem && <div className="banner failed">{problem}</div>}
      <ErrorList errors={errors} title="Откат отклонён: эта версия не проходит проверки с текущими настройками" />
      <table>
        <thead>
          <tr>
            <th>Версия</th>
            <th>Когда</th>
            <th>Кто</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.version} data-version={v.version} aria-selected={picked === v.version}>
              <td>
                v{v.version}
                {v.version === current && ' (текущая)'}
              </td>
              <td>{whenRu(v.updatedAt)}</td>
              <td>{v.updatedBy === 'built-in' ? 'встроенная' : v.updatedBy}</td>
              <td>
                <button type="button" className="plain" onClick={() => setPicked(v.version)}>
                  изменения
                </button>{' '}
                {v.version !== current && (
                  <button type="button" className="act" data-rollback={v.version} onClick={() => void rollback(v.version)}>
                    Вернуть эту версию
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {picked !== null && (
        <>
          <h3>
            v{picked} против v{picked - 1 || '—'}: {diff ? `+${diff.added} −${diff.removed} строк` : 'загрузка…'}
          </h3>
          {diff && <Diff lines={diff.lines} />}
        </>
      )}
    </div>
  );
}
