import { FRESHNESS_SOURCES, type FreshnessState } from '../../app/panels/freshness';
import { useClock } from '../state/clock-store';
import { age } from './format';
import { Panel } from './Panel';

const SHORT = { pos: 'ПОС', social: 'Соцсети', written: 'Письменные', accident: 'Аварии ЖКХ' } as const;

/** When each source last brought an item: «обновлено N с назад», ticking on the hub clock. */
export function FreshnessPanel({ state }: { state: FreshnessState }) {
  const now = useClock((s) => s.dataNow);
  return (
    <Panel id="freshness" title="Источники">
      <ul className="freshness">
        {FRESHNESS_SOURCES.map((src) => {
          const last = state[src].lastAt;
          return (
            <li key={src} data-source={src}>
              <span className="fresh-src">{SHORT[src]}</span>
              <span className="num">{last === null ? 'нет данных' : `обновлено ${age(now - last)} назад`}</span>
            </li>
          );
        })}
      </ul>
    </Panel>
  );
}
