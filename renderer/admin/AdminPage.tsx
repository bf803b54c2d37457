/**
 * The curator's admin page (`#/admin?token=…`, issue 12): every configuration document with its
 * version, who saved it and when; the chosen one in DocEditor; uploads of source exports
 * (issue 14). An admin token writes; another reading token sees the page read-only (saves are
 * refused 403 and say so).
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { CONFIG_TITLES, isConfigName } from '../../app/config/documents';
import { AdminApi, whenRu, type DocMeta, type DocVersion } from './admin-api';
import { DocEditor } from './DocEditor';
import { FeedImport } from './UploadPanel';
import './admin.css';

export function AdminPage({ hub, token, docName }: { hub: string; token: string; docName: string | null }) {
  const api = useMemo(() => new AdminApi(hub, token), [hub, token]);
  const [list, setList] = useState<DocMeta[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [doc, setDoc] = useState<DocVersion | null>(null);
  const [sectors, setSectors] = useState<{ id: string; label: string }[]>([]);
  const selected = docName ?? 'sectors';

  const refresh = useCallback(async () => {
    const [l, d, s] = await Promise.all([api.list(), api.get(selected), api.get('sectors')]);
    if (l.status !== 200) return setProblem(l.status === 401 || l.status === 403 ? 'Токен не даёт доступа к настройкам.' : `Хаб не ответил (${l.status}).`);
    setProblem(null);
    setList(l.body);
    setDoc(d.status === 200 ? d.body : null);
    if (s.status === 200 && Array.isArray(s.body.body)) setSectors(s.body.body as { id: string; label: string }[]);
  }, [api, selected]);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const go = (name: string) => {
    location.hash = `#/admin/${name}?token=${encodeURIComponent(token)}`;
  };
  return (
    <div className="admin" data-admin>
      <nav className="admin-side" aria-label="Документы настройки">
        <h1>Настройки ЦУР</h1>
        {problem && <div className="banner failed">{problem}</div>}
        <ul className="admin-docs" data-doc-list>
          {list?.map((d) => (
            <li key={d.name} data-doc-item={d.name}>
              <button type="button" aria-current={d.name === selected} onClick={() => go(d.name)}>
                {isConfigName(d.name) ? CONFIG_TITLES[d.name] : d.name}
                <span className="meta">
                  {d.name} · v{d.version} · {whenRu(d.updatedAt)} · {d.updatedBy === 'built-in' ? 'встроенная' : d.updatedBy}
                </span>
              </button>
            </li>
          ))}
          <li>
            <button type="button" aria-current={selected === 'import'} onClick={() => go('import')}>
              Загрузка выгрузок
              <span className="meta">ПОС, Инцидент Менеджмент, ГИС ЖКХ</span>
            </button>
          </li>
        </ul>
      </nav>
      <main className="admin-main">
        {selected === 'import' ? (
          <FeedImport api={api} hub={hub} token={token} />
        ) : doc ? (
          <DocEditor key={doc.name} api={api} hub={hub} doc={doc} sectors={sectors} onSaved={() => void refresh()} reload={() => void refresh()} />
        ) : (
          <p>{list ? `Документа «${selected}» нет.` : 'Загрузка…'}</p>
        )}
      </main>
    </div>
  );
}
