import { useEffect, useMemo, useState } from 'react';
import { municipalities } from '../../app/domain/municipality';
import { placeLabels, type LabelInput } from '../../app/ui/label-placement';
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

/** Label points, city okrugs first, then by residents: who keeps the place when labels crowd. */
const LABEL_INPUT: readonly LabelInput[] = municipalities('2025').map((m) => {
  const [x, y] = project(m.centre[0], m.centre[1]);
  return { id: m.oktmo, text: m.shortName, x, y, priority: (m.type === 'city_okrug' ? 1e7 : 0) + m.population };
});
/** Label size in view units at zoom 1; it shrinks as √zoom, so names grow on screen slower than the map. */
const LABEL_SIZE = 24;

let measureCtx: CanvasRenderingContext2D | null = null;
/** Width of a label in view units, measured with the page's font (the one the SVG text gets). */
function measure(text: string, size: number): number {
  measureCtx ??= document.createElement('canvas').getContext('2d');
  if (!measureCtx) return text.length * 0.56 * size;
  measureCtx.font = `${size}px ${getComputedStyle(document.body).fontFamily}`;
  return measureCtx.measureText(text).width;
}

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
  // Labels placed without overlap for this zoom (app/ui/label-placement: anchors around the
  // point, a leader line further out, the lowest priority dropped when nothing is free).
  const fontSize = LABEL_SIZE / Math.sqrt(v.scale);
  const labels = useMemo(
    () => placeLabels(LABEL_INPUT, { fontSize, measure: (t) => measure(t, fontSize), bounds: { l: 0, t: 0, r: VIEW_W, b: VIEW_H } }).placed,
    [fontSize],
  );
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
            {...(onSelect
              ? { role: 'button', 'aria-label': `${LABEL_INPUT.find((l) => l.id === s.oktmo)?.text ?? s.oktmo} на карте`, onClick: () => onSelect(s.oktmo) }
              : {})}
          />
        ))}
        {shapes
          ? labels.map((l) => (
              <g key={l.id} className="mmap-label-group" data-oktmo={l.id}>
                {l.leader ? <line className="mmap-leader" x1={l.leader.x1} y1={l.leader.y1} x2={l.leader.x2} y2={l.leader.y2} /> : null}
                <text x={l.cx} y={l.cy} className="mmap-label" style={{ fontSize }}>
                  {l.text}
                </text>
              </g>
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
