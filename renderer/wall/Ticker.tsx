import { useUi } from '../state/ui-store';
import { formatMskClock } from '../../app/ui/format-ru';

/** The newest items, newest first. */
export function Ticker() {
  const items = useUi((s) => s.ticker);
  return (
    <aside className="ticker" aria-label="Новые обращения и аварии">
      <div className="ticker-title">Поступило</div>
      <ol>
        {items.map((i) => (
          <li key={i.key} className={`ticker-${i.kind}`}>
            <span className="ticker-time">{formatMskClock(i.at)}</span>
            <span className="ticker-kind" aria-hidden>{i.kind === 'accident' ? '▲' : '●'}</span>
            <span className="ticker-text">{i.title}</span>
            <span className="ticker-mun">{i.municipality}</span>
          </li>
        ))}
      </ol>
    </aside>
  );
}
