import { useControl, type ControlConnection } from '../control/control-store';
import { OfficerBadge } from './SignIn';
import { back, filterSize, useTouchNav } from './touch-nav';

/** `host:port` of a hub origin (the node's name as the header shows it). */
function nodeName(origin: string): string {
  try {
    return new URL(origin).host;
  } catch {
    return origin;
  }
}

const CONNECTION: Readonly<Record<ControlConnection, string>> = { connecting: 'Подключение…', connected: 'На связи', disconnected: 'Нет связи с хабом' };

/** Back, where we are, who is signed in (issue 15), the connection, the filters. */
export function TouchHeader({ title, trail, connection, error }: { title: string; trail: string[]; connection: ControlConnection; error: string | null }) {
  const depth = useTouchNav((s) => s.stack.length);
  const nFilters = useTouchNav((s) => filterSize(s.filter));
  const filtersOpen = useTouchNav((s) => s.filtersOpen);
  // The hub node in use (issue 16): small, for the duty officer and the engineer on the phone.
  const hub = useControl((s) => s.hub);
  const nodes = useControl((s) => s.hubs.length);
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
        {hub ? (
          <small className="touch-node" data-node={hub} title={nodes > 1 ? `один из ${nodes} узлов хаба` : 'хаб'} style={{ display: 'block', opacity: 0.75 }}>
            {nodes > 1 ? 'узел ' : 'хаб '}
            {nodeName(hub)}
          </small>
        ) : null}
      </span>
      <button type="button" className="btn" aria-pressed={filtersOpen} onClick={() => useTouchNav.setState({ filtersOpen: !filtersOpen })}>
        Фильтры{nFilters > 0 ? ` (${nFilters})` : ''}
      </button>
    </header>
  );
}
