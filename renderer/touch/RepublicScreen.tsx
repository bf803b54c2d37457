import { formatCount } from '../../app/ui/format-ru';
import { CountsStrip } from './CountsStrip';
import type { Drill } from './drill-model';
import { MunicipalityMap } from './MunicipalityMap';
import { IDENTITY_VIEW, push, useTouchNav } from './touch-nav';

/** The first screen: the republic's figures, the map and the list of municipalities. */
export function RepublicScreen({ drill }: { drill: Drill }) {
  const mapView = useTouchNav((s) => s.mapView);
  const listZoom = useTouchNav((s) => s.listZoom);
  const open = (oktmo: string) => push({ kind: 'municipality', oktmo });
  const values = Object.fromEntries(drill.municipalities.map((m) => [m.oktmo, m.counts.open + m.counts.activeAccidents]));
  return (
    <div className="screen screen-republic">
      <CountsStrip counts={drill.counts} />
      <div className="tiles tiles-ratings">
        <button type="button" className="tile" aria-label="Рейтинг ОМСУ" onClick={() => push({ kind: 'ratings', level: 'omsu' })}>
          <span className="tile-label">Рейтинг ОМСУ</span>
        </button>
        <button type="button" className="tile" aria-label="Рейтинг ОИВ" onClick={() => push({ kind: 'ratings', level: 'oiv' })}>
          <span className="tile-label">Рейтинг ОИВ</span>
        </button>
      </div>
      <div className="republic-body">
        <MunicipalityMap
          values={values}
          onSelect={open}
          view={mapView}
          caption="Цвет — открытые обращения и активные аварии. Коснитесь округа или сведите/разведите пальцы."
          onReset={() => useTouchNav.setState({ mapView: IDENTITY_VIEW })}
        />
        <ul className="rows" data-zoomable="list" style={{ fontSize: `${listZoom}em` }} aria-label="Муниципальные образования">
          {drill.municipalities.map((m) => (
            <li key={m.oktmo}>
              <button type="button" className="row" aria-label={m.name} onClick={() => open(m.oktmo)}>
                <span className="row-title">{m.name}</span>
                <span className="row-figures">
                  {formatCount(m.counts.open)} откр.
                  {m.counts.overdue > 0 ? <b className="row-overdue"> ■ {formatCount(m.counts.overdue)} проср.</b> : null}
                  {m.counts.activeAccidents > 0 ? <b className="row-accidents"> ◆ {formatCount(m.counts.activeAccidents)}</b> : null}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
