import { useMapLegend } from '../map/map-store';

/** Short titles of the choropleth metrics, for one line of the scene bar. */
const SHORT_TITLE = { per10k: 'на 10 тыс. жит.:', overdue: 'просрочено, %:', rating: 'балл ОМСУ:', off: '' } as const;

const num = (x: number) => String(+x.toFixed(1)).replace('.', ',');

/**
 * The map's key on the scene wall, in one line of the scene bar at the wall's type size: the
 * choropleth classes when the scene shows one, else the symbols (the sectors panel keys the
 * sector colours; appeal density needs no key). The symbols reuse the map legend's drawings.
 */
export function MapKey() {
  const choropleth = useMapLegend((s) => s.choropleth);
  const accidents = useMapLegend((s) => s.accidents);
  if (choropleth && choropleth.metric !== 'off' && choropleth.breaks.length > 0) {
    return (
      <div className="map-key" data-map-key="choropleth" aria-label="Условные обозначения карты">
        <span className="map-key-title">{SHORT_TITLE[choropleth.metric]}</span>
        {/* A classed ramp: the class fills with the break values between them. */}
        {choropleth.fills.map((fill, i) => (
          <span key={fill} className="map-key-step">
            <span className="map-key-swatch" style={{ background: fill }} aria-hidden />
            {i < choropleth.breaks.length && <span className="num">{num(choropleth.breaks[i]!)}</span>}
          </span>
        ))}
      </div>
    );
  }
  return (
    <div className="map-key" data-map-key="symbols" aria-label="Условные обозначения карты">
      <span className="map-key-item">
        <span className="legend-sym legend-sla-risk" aria-hidden />
        угроза
      </span>
      <span className="map-key-item">
        <span className="legend-sym legend-sla-overdue" aria-hidden />
        просрочено
      </span>
      {accidents && (
        <span className="map-key-item">
          <span className="legend-sym legend-accident" aria-hidden />
          авария
        </span>
      )}
    </div>
  );
}
