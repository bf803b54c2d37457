import { formatCount } from '../../app/ui/format-ru';
import { statusGlyph } from '../../app/ui/palette';
import type { DrillCounts } from './drill-model';

/** The figures of a drill-down node: items, open, at risk, overdue, active accidents. */
export function CountsStrip({ counts }: { counts: DrillCounts }) {
  const cells: [string, number, string | null][] = [
    ['Всего', counts.total, null],
    ['Открыто', counts.open, null],
    ['Срок истекает', counts.atRisk, 'at_risk'],
    ['Просрочено', counts.overdue, 'overdue'],
    ['Активные аварии', counts.activeAccidents, 'accident_active'],
  ];
  return (
    <dl className="counts">
      {cells.map(([label, n, status]) => (
        <div key={label} className="counts-cell" data-count={label}>
          <dt>
            {status ? <span style={{ color: statusGlyph(status as 'overdue').color }}>{statusGlyph(status as 'overdue').glyph} </span> : null}
            {label}
          </dt>
          <dd>{formatCount(n)}</dd>
        </div>
      ))}
    </dl>
  );
}
