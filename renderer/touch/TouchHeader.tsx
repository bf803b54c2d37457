import type { ControlConnection } from '../control/control-store';
import { OfficerBadge } from './SignIn';
import { back, filterSize, useTouchNav } from './touch-nav';

const CONNECTION: Readonly<Record<ControlConnection, string>> = { connecting: 'Подключение…', connected: 'На связи', disconnected: 'Нет связи с хабом' };

/** Back, where we are, who is signed in (issue 15), the connection, the filters. */
export function TouchHeader({ title, trail, connection, error }: { title: string; trail: string[]; connection: ControlConnection; error: string | null }) {
  const depth = useTouchNav((s) => s.stack.length);
  const nFilters = useTouchNav((s) => filterSize(s.filter));
  const filtersOpen = useTouchNav((s) => s.filtersOpen);
  return (
    <header className="touch-header">
      <button type="button" className="btn btn-back" disabled={depth <= 1 && !filtersOpen} onClick={back} aria-label="Назад">
        ‹ Назад
      </button>
      <div className="touch-where">
        <div className="touch-trail">{trail.join(' › ') || 'Сенсорная панель ЦУР'}</div>
        <h1 data-screen-title>{title}</h1>
      </div>
      <OfficerBadge />
      <span className={`touch-conn touch-conn-${connection}`} title={error ?? ''}>
        {connection === 'connected' ? '●' : '○'} {error ?? CONNECTION[connection]}
      </span>
      <button type="button" className="btn" aria-pressed={filtersOpen} onClick={() => useTouchNav.setState({ filtersOpen: !filtersOpen })}>
        Фильтры{nFilters > 0 ? ` (${nFilters})` : ''}
      </button>
    </header>
  );
}
