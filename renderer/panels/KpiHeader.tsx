import type { ReactNode } from 'react';
import type { KpiState } from '../../app/panels/kpi';
import { STATUS_COLORS } from '../../app/ui/palette';
import { count } from './format';

interface KpiProps {
  id: string;
  label: string;
  value: number | undefined;
  /** A status shape before the figure (the colour is never the only cue). */
  glyph?: { char: string; color: string };
}

function Kpi({ id, label, value, glyph }: KpiProps) {
  return (
    <div className="kpi" data-kpi={id}>
      <div className="kpi-figure">
        {glyph && (
          <span className="kpi-glyph" style={{ color: glyph.color }} aria-hidden>
            {glyph.char}
          </span>
        )}
        <span className="kpi-value">{count(value)}</span>
      </div>
      <div className="kpi-label">{label}</div>
    </div>
  );
}

export interface KpiHeaderProps {
  kpi: KpiState | null;
  /** The clock, the feed status… at the right end. */
  children?: ReactNode;
  /** Full-width rows under the figures (a map screen's alarm and feed-lost banners). */
  below?: ReactNode;
}

/**
 * The KPI header: today's inflow, open, at risk, overdue, active accidents, residents without
 * supply (issue 5 «Panels»). Figures at 20′ of arc; the last state stays when the feed is lost.
 */
export function KpiHeader({ kpi, children, below }: KpiHeaderProps) {
  return (
    <header className="wall-header">
      <div className="kpi-row">
        <div className="kpis">
          <Kpi id="inflow" label="за сегодня" value={kpi?.inflowToday} />
          <Kpi id="open" label="открыто" value={kpi?.open} />
          <Kpi id="at-risk" label="под угрозой" value={kpi?.atRisk} glyph={{ char: '▲', color: STATUS_COLORS.at_risk }} />
          <Kpi id="overdue" label="просрочено" value={kpi?.overdue} glyph={{ char: '■', color: STATUS_COLORS.overdue }} />
          <Kpi id="accidents" label="аварий ЖКХ" value={kpi?.activeAccidents} glyph={{ char: '◆', color: STATUS_COLORS.accident_active }} />
          <Kpi id="residents" label="жителей без ресурса" value={kpi?.residentsWithoutSupply} />
        </div>
        {children}
      </div>
      {below}
    </header>
  );
}
