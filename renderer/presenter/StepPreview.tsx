import { municipalityByOktmo } from '../../app/domain/municipality';
import type { StepView } from '../../app/meetings/step-view';
import { MunicipalityMap } from '../touch/MunicipalityMap';
import { CompareTable, figureRows, filterText, RatingsList } from './FiguresTable';

/**
 * What the map of a step colours: overdue items for an SLA scene, else the period's inflow per
 * 10,000 residents (raw counts would only ever light up Чебоксары).
 */
export function mapMetric(v: StepView): { values: Record<string, number>; caption: string } {
  const overdue = v.step.scene.id === 'sla';
  const per10k = (code: string, n: number) => {
    const pop = municipalityByOktmo(code)?.population ?? 0;
    return pop > 0 ? (n / pop) * 10_000 : 0;
  };
  const values = Object.fromEntries(Object.entries(v.figures.byMunicipality).map(([k, m]) => [k, overdue ? m.overdue : per10k(k, m.appeals)]));
  return { values, caption: overdue ? 'Цвет — просроченные обращения' : `Цвет — поступило на 10 тыс. жителей (${v.figures.period.label})` };
}

/** The preview of a step: the same figures the wall's scene is about, and the minutes get. */
export function StepPreview({ view, index, total, title }: { view: StepView; index: number; total: number; title?: (appealId: string) => string | undefined }) {
  const metric = mapMetric(view);
  return (
    <section className="preview" data-preview-step={index} aria-label="Предпросмотр шага">
      <div className="preview-head">
        <span className="preview-count">
          Шаг {index + 1} из {total}
        </span>
        <h2 data-step-title>{view.title}</h2>
        <span className="preview-filter">{filterText(view.step.filter)}</span>
      </div>
      <div className="preview-body">
        <div className="preview-figures">
          <dl className="figures">
            {figureRows(view).map(([label, value]) => (
              <div key={label} className="figure">
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
          <CompareTable view={view} />
          <RatingsList view={view} {...(title ? { title } : {})} />
          {view.step.note ? <p className="note">{view.step.note}</p> : null}
        </div>
        <div className="preview-map">
          <MunicipalityMap values={metric.values} selected={view.step.spotlight ?? view.step.filter.municipality ?? null} caption={metric.caption} />
        </div>
      </div>
    </section>
  );
}
