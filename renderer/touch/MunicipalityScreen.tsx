import { formatCount } from '../../app/ui/format-ru';
import { CountsStrip } from './CountsStrip';
import { orgsOf, type MunicipalityNode } from './drill-model';
import { push, useTouchNav } from './touch-nav';

/** A municipality: its figures and the organisations responsible for its items. */
export function MunicipalityScreen({ node }: { node: MunicipalityNode }) {
  const listZoom = useTouchNav((s) => s.listZoom);
  const orgs = orgsOf(node);
  return (
    <div className="screen">
      <CountsStrip counts={node.counts} />
      <h2 className="screen-sub">Ответственные организации</h2>
      {orgs.length === 0 ? <p className="empty">По выбранным фильтрам обращений и аварий нет.</p> : null}
      <ul className="rows" data-zoomable="list" style={{ fontSize: `${listZoom}em` }}>
        {orgs.map((o) => (
          <li key={o.key}>
            <button type="button" className="row" aria-label={o.label} onClick={() => push({ kind: 'org', oktmo: node.oktmo, org: o.key })}>
              <span className="row-title">{o.label}</span>
              {o.key.startsWith('accidents:') ? (
                <span className="row-figures">
                  {formatCount(o.counts.total)} авар.
                  {o.counts.activeAccidents > 0 ? <b className="row-accidents"> ◆ {formatCount(o.counts.activeAccidents)} активн.</b> : null}
                </span>
              ) : (
                <span className="row-figures">
                  {formatCount(o.counts.total)} всего · {formatCount(o.counts.open)} откр.
                  {o.counts.overdue > 0 ? <b className="row-overdue"> ■ {formatCount(o.counts.overdue)} проср.</b> : null}
                </span>
              )}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
