import { DEFAULT_SECTORS } from '../../app/domain/sector';

/** Sector colours and the accident marker, so nobody has to guess. */
export function Legend() {
  return (
    <aside className="legend" aria-label="Условные обозначения">
      {DEFAULT_SECTORS.map((s) => (
        <div key={s.id} className="legend-row">
          <span className="legend-dot" style={{ background: `rgb(${s.color.join(',')})` }} />
          {s.label}
        </div>
      ))}
      <div className="legend-row">
        <span className="legend-dot legend-accident" />
        Авария ЖКХ
      </div>
    </aside>
  );
}
