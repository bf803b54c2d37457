import { useEffect, useState } from 'react';
import { municipalities } from '../../app/domain/municipality';
import { loadShapes, project, rampColor, rampRange, VIEW_H, VIEW_W, type Shape } from './municipality-shapes';
import type { MapView } from './touch-nav';

export interface MunicipalityMapProps {
  /** The figure that colours each municipality, by OKTMO code. */
  values: Readonly<Record<string, number>>;
  selected?: string | null;
  /** Tap on a municipality; without it the map is a picture. */
  onSelect?: (oktmo: string) => void;
  /** Pan and zoom (touch panel). */
  view?: MapView;
  /** What the figure is, for the caption. */
  caption?: string;
  /** Back to the whole republic (shown while zoomed). */
  onReset?: () => void;
}

const LABELS = municipalities('2025').map((m) => ({ oktmo: m.oktmo, name: m.shortName, at: project(m.centre[0], m.centre[1]) }));

/** The 23 municipalities as SVG: tap targets on the touch panel, a choropleth in the presenter. */
export function MunicipalityMap({ values, selected, onSelect, view, caption, onReset }: MunicipalityMapProps) {
  const [shapes, setShapes] = useState<Shape[] | null>(null);
  const [error, setError] = useState(false);
  useEffect(() => {
    let live = true;
    loadShapes().then(
      (s) => live && setShapes(s),
      () => live && setError(true),
    );
    return () => {
      live = false;
    };
  }, []);
  const range = rampRange(Object.values(values));
  const v = view ?? { scale: 1, tx: 0, ty: 0 };
  if (error) return <div className="mmap-error">Карта округов не загрузилась; выберите округ в списке.</div>;
  return (
    <div className="mmap" data-zoomable="map" data-zoom={v.scale.toFixed(2)}>
      <svg
        className="mmap-svg"
        viewBox={`0 0 ${VIEW_W} ${VIEW_H}`}
        style={{ transform: `translate(${v.tx}px, ${v.ty}px) scale(${v.scale})` }}
        role="img"
        aria-label="Карта муниципальных образований Чувашской Республики"
      >
        {shapes?.map((s) => (
          <path
            key={s.oktmo}
            d={s.d}
            fill={rampColor(values[s.oktmo] ?? 0, range)}
            className={s.oktmo === selected ? 'mmap-shape mmap-selected' : 'mmap-shape'}
            {...(onSelect ? { role: 'button', 'aria-label': `${LABELS.find((l) => l.oktmo === s.oktmo)?.name ?? s.oktmo} на карте`, onClick: () => onSelect(s.oktmo) } : {})}
          />
        ))}
        {shapes
          ? LABELS.map((l) => (
              <text key={l.oktmo} x={l.at[0]} y={l.at[1]} className="mmap-label" style={{ fontSize: 24 / Math.sqrt(v.scale) }}>
                {l.name}
              </text>
            ))
          : null}
      </svg>
      {caption ? <div className="mmap-caption">{caption}</div> : null}
      {onReset && v.scale > 1 ? (
        <button type="button" className="btn mmap-reset" onClick={onReset}>
          Сбросить масштаб
        </button>
      ) : null}
    </div>
  );
}
