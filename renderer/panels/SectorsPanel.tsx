import type { SectorsState } from '../../app/panels/sectors-panel';
import { TREND_GLYPHS } from '../../app/ui/palette';
import { count } from './format';
import { Panel } from './Panel';

const TREND_WORDS = { up: 'больше, чем вчера', down: 'меньше, чем вчера', flat: 'как вчера' } as const;

/** Every configured sector: today's count and its trend against the same hours of yesterday. */
export function SectorsPanel({ state }: { state: SectorsState }) {
  return (
    <Panel id="sectors" title="Обращения сегодня по сферам" note="к вчера">
      <ul className="sectors">
        {state.rows.map((r) => (
          <li key={r.id} data-sector={r.id}>
            <span className="swatch" style={{ background: `rgb(${r.color.join(',')})` }} aria-hidden />
            <span className="sector-label">{r.label}</span>
            <span className="num">{count(r.today)}</span>
            <span className={`trend trend-${r.trend}`} title={TREND_WORDS[r.trend]}>
              <span aria-hidden>{TREND_GLYPHS[r.trend]}</span>
              <span className="sr-only">{TREND_WORDS[r.trend]}</span>
            </span>
          </li>
        ))}
      </ul>
    </Panel>
  );
}
