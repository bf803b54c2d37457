import { HEX_RAMP_CSS } from '../../app/ui/map-look';
import { METRIC_LABELS } from '../map/choropleth';
import { useMapLegend } from '../map/map-store';
import { formatBreak } from '../map/legend-format';
import { useLiveConfig } from '../scenes/live-config-store';

/**
 * Sector colours, the SLA cues, accident symbols and the choropleth scale, so nobody has to
 * guess: a map screen's strip under its map, on the wall's type scale (wall.css).
 */
export function Legend() {
  const choropleth = useMapLegend((s) => s.choropleth);
  const aggregated = useMapLegend((s) => s.aggregated);
  const hexMax = useMapLegend((s) => s.hexMax);
  const sectors = useLiveConfig((s) => s.sectors);
  return (
    <aside className="legend" aria-label="Условные обозначения">
      <section className="legend-col">
        <h2 className="legend-title">Сферы обращений</h2>
        {sectors.map((s) => (
          <div key={s.id} className="legend-row">
            <span className="legend-dot" style={{ background: `rgb(${s.color.join(',')})` }} />
            {s.label}
          </div>
        ))}
      </section>
      <section className="legend-col">
        <h2 className="legend-title">Срок ответа</h2>
        <div className="legend-row">
          <span className="legend-sym legend-sla-ok" />в срок
        </div>
        <div className="legend-row">
          <span className="legend-sym legend-sla-risk" />
          под угрозой
        </div>
        <div className="legend-row">
          <span className="legend-sym legend-sla-overdue" />
          просрочено
        </div>
        <h2 className="legend-title">Аварии ЖКХ</h2>
        <div className="legend-row">
          <span className="legend-sym legend-accident" />
          действует
        </div>
        <div className="legend-row">
          <span className="legend-sym legend-accident legend-accident-late" />
          срок устранения истёк
        </div>
        {aggregated && (
          <>
            <h2 className="legend-title">Обращений в ячейке</h2>
            <div className="legend-row">
              <span className="num">1</span>
              <span className="legend-ramp" style={{ background: `linear-gradient(to right, ${HEX_RAMP_CSS.join(', ')})` }} />
              <span className="num">{hexMax}</span>
            </div>
          </>
        )}
        {choropleth && choropleth.metric !== 'off' && (
          <>
            <h2 className="legend-title" data-legend="choropleth">
              {METRIC_LABELS[choropleth.metric]}
            </h2>
            {choropleth.fills.map((fill, i) => (
              <div key={fill} className="legend-row">
                <span className="legend-swatch" style={{ background: fill }} />
                {formatBreak(choropleth.breaks, i)}
              </div>
            ))}
          </>
        )}
      </section>
    </aside>
  );
}
