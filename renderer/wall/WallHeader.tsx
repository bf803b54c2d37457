import { useUi } from '../state/ui-store';
import { FeedStatus } from './FeedStatus';
import { formatDate, formatInt, formatTime } from './format';
import { useNow } from './useNow';

function Kpi({ label, value, id }: { label: string; value: number; id: string }) {
  return (
    <div className="kpi" data-kpi={id}>
      <div className="kpi-value">{formatInt(value)}</div>
      <div className="kpi-label">{label}</div>
    </div>
  );
}

/** Title, live counts, feed status and the hub-synchronised clock. */
export function WallHeader() {
  const offset = useUi((s) => s.feed.serverOffsetMs);
  const counts = useUi((s) => s.counts);
  const now = useNow(offset);
  return (
    <header className="wall-header">
      <div className="brand">
        <div className="brand-title">ЦУР Чувашской Республики</div>
        <div className="brand-sub">Обращения граждан и аварии ЖКХ</div>
      </div>
      <div className="kpis">
        <Kpi id="open" label="открытых обращений" value={counts.openAppeals} />
        <Kpi id="appeals" label="обращений на карте" value={counts.appeals} />
        <Kpi id="accidents" label="активных аварий ЖКХ" value={counts.activeAccidents} />
        <Kpi id="residents" label="жителей без ресурса" value={counts.residentsWithoutSupply} />
      </div>
      <FeedStatus now={now} />
      <div className="clock">
        <div className="clock-time">{formatTime(now)}</div>
        <div className="clock-date">{formatDate(now)}, МСК</div>
      </div>
    </header>
  );
}
