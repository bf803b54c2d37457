import type { KpiState } from '../../app/panels/kpi';
import { STATUS_COLORS } from '../../app/ui/palette';
import { count } from './format';

export interface FocusSummaryProps {
  kpi: KpiState;
  /** Show the accident figures (a municipality, or the ЖКХ sector). */
  accidents: boolean;
}

interface Fig {
  id: string;
  label: string;
  value: number;
  glyph?: { char: string; color: string };
}

/** The KPI of the focused sector or municipality, as a block of large figures. */
export function FocusSummary({ kpi, accidents }: FocusSummaryProps) {
  const figs: Fig[] = [
    { id: 'inflow', label: 'за сегодня', value: kpi.inflowToday },
    { id: 'open', label: 'открыто', value: kpi.open },
    { id: 'at-risk', label: 'под угрозой', value: kpi.atRisk, glyph: { char: '▲', color: STATUS_COLORS.at_risk } },
    { id: 'overdue', label: 'просрочено', value: kpi.overdue, glyph: { char: '■', color: STATUS_COLORS.overdue } },
  ];
  if (accidents) {
    figs.push(
      { id: 'accidents', label: 'аварий', value: kpi.activeAccidents, glyph: { char: '◆', color: STATUS_COLORS.accident_active } },
      { id: 'residents', label: 'без ресурса', value: kpi.residentsWithoutSupply },
    );
  }
  return (
    <div className="focus-figs" data-panel="focus-kpi" data-count={figs.length}>
      {figs.map((f) => (
        <div key={f.id} className="focus-fig" data-focus-kpi={f.id}>
          <div className="kpi-figure">
            {f.glyph && (
              <span className="kpi-glyph" style={{ color: f.glyph.color }} aria-hidden>
                {f.glyph.char}
              </span>
            )}
            <span className="kpi-value">{count(f.value)}</span>
          </div>
          <div className="kpi-label">{f.label}</div>
        </div>
      ))}
    </div>
  );
}
