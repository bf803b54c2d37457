import type { MeetingScript } from '../../app/meetings/meeting-script';
import type { StepView } from '../../app/meetings/step-view';
import { formatMskDateTime } from '../replay/format-time';
import { CompareTable, figureRows, filterText, RatingsList } from './FiguresTable';

/**
 * The whole script for the minutes: one page per step with its figures, printed by the
 * browser to PDF (`@media print` in presenter.css shows only this). Hidden on screen.
 */
export function PrintScript({ script, views, source }: { script: MeetingScript; views: readonly StepView[]; source: string }) {
  return (
    <div className="print-script" aria-hidden="true">
      {views.map((v, i) => (
        <section key={i} className="print-step" data-print-step={i}>
          <header className="print-head">
            <div>ЦУР Чувашской Республики · {script.title}</div>
            <div>
              {source} {formatMskDateTime(v.at)} (МСК)
            </div>
          </header>
          <h1>
            {i + 1}. {v.title}
          </h1>
          <p className="print-filter">Отбор: {filterText(v.step.filter)}</p>
          <table className="print-figures">
            <tbody>
              {figureRows(v).map(([label, value]) => (
                <tr key={label}>
                  <th>{label}</th>
                  <td>{value}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <CompareTable view={v} />
          <RatingsList view={v} />
          {v.step.note ? <p>{v.step.note}</p> : null}
          <footer className="print-foot">
            Шаг {i + 1} из {views.length}
          </footer>
        </section>
      ))}
    </div>
  );
}
