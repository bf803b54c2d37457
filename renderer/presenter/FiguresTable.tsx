import { EXPLAIN_REASON_LABELS } from '../../app/ratings/body-figures';
import { RATING_COMPONENT_LABELS, RATING_COMPONENTS } from '../../app/ratings/rating-config';
import { CHANNEL_LABELS } from '../../app/domain/entity';
import { municipalityByOktmo } from '../../app/domain/municipality';
import type { Sector } from '../../app/domain/sector';
import type { ItemFilter } from '../../app/meetings/item-filter';
import type { StepView } from '../../app/meetings/step-view';
import { SLA_STATUS_LABELS } from '../../app/sla/sla-state';
import { formatCount } from '../../app/ui/format-ru';
import { useHubConfig } from '../state/live-config-store';

/** The figures of a step as label–value pairs (preview tiles, PNG, minutes). */
export function figureRows(v: StepView): [string, string][] {
  const f = v.figures;
  return [
    [`Поступило (${f.period.label})`, formatCount(f.appeals)],
    ['Открыто сейчас', formatCount(f.open)],
    ['Срок истекает', formatCount(f.atRisk)],
    ['Просрочено', formatCount(f.overdue)],
    ['Активные аварии ЖКХ', formatCount(f.activeAccidents)],
    ['Жителей без ресурса', formatCount(f.residentsWithoutSupply)],
  ];
}

/** The filter of a step in words, e.g. «ЖКХ · Соцсети · Просрочено · Канашский» (sector names: the hub's current `sectors`). */
export function filterText(f: ItemFilter, sectors: readonly Sector[] = useHubConfig.getState().sectors): string {
  const parts = [
    ...(f.sectors ?? []).map((s) => sectors.find((x) => x.id === s)?.label ?? s),
    ...(f.channels ?? []).map((c) => CHANNEL_LABELS[c]),
    ...(f.sla ?? []).map((s) => SLA_STATUS_LABELS[s]),
    ...(f.municipality ? [municipalityByOktmo(f.municipality)?.shortName ?? f.municipality] : []),
  ];
  return parts.length ? parts.join(' · ') : 'все обращения и аварии';
}

const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)} %`);
const hours = (x: number | null) => (x === null ? '—' : `${x.toFixed(1).replace('.', ',')} ч`);

/** The comparison of a step as rows: label, current, previous. */
export function compareRows(v: StepView): [string, string, string][] {
  const c = v.compare;
  if (!c) return [];
  const a = c.current.figures;
  const b = c.previous.figures;
  return [
    ['Обращений', formatCount(a.appeals), formatCount(b.appeals)],
    ['Ответы в срок', pct(a.onTimeShare), pct(b.onTimeShare)],
    ['Аварий ЖКХ', formatCount(a.accidents), formatCount(b.accidents)],
    ['Жителей затронуто', formatCount(a.accidentResidents), formatCount(b.accidentResidents)],
    ['Среднее восстановление', hours(a.meanRestoreH), hours(b.meanRestoreH)],
  ];
}

/** The comparison table (preview and minutes). */
export function CompareTable({ view }: { view: StepView }) {
  const c = view.compare;
  if (!c) return null;
  return (
    <table className="compare" data-compare={c.kind}>
      <thead>
        <tr>
          <th>{c.kind === 'week' ? 'Неделя к неделе' : 'Сезон к сезону'}</th>
          <th>{c.current.label}</th>
          <th>
            {c.previous.label}
            {c.previousComplete ? '' : ' *'}
          </th>
        </tr>
      </thead>
      <tbody>
        {compareRows(view).map(([label, a, b]) => (
          <tr key={label}>
            <th>{label}</th>
            <td>{a}</td>
            <td>{b}</td>
          </tr>
        ))}
      </tbody>
      {c.previousComplete ? null : (
        <tfoot>
          <tr>
            <td colSpan={3}>* данные хаба начинаются позже начала прошлого периода: его цифры неполные</td>
          </tr>
        </tfoot>
      )}
    </table>
  );
}

/** Top and bottom of the ratings table. */
export function RatingsList({ view, title }: { view: StepView; title?: (appealId: string) => string | undefined }) {
  const r = view.ratings;
  if (!r) return null;
  // A row opens into its four components and the items that cost it its place (issue 11).
  const row = (x: (typeof r.top)[number]) => (
    <li key={x.key} data-rating-row={x.key}>
      <details>
        <summary>
          <span className="rank">{x.rank}</span> {x.label} <b>{x.score.toFixed(1).replace('.', ',')}</b>
        </summary>
        <ul className="rating-components">
          {RATING_COMPONENTS.map((c) => (
            <li key={c} data-component={c} className={x.weakest === c ? 'comp-weakest' : undefined}>
              {RATING_COMPONENT_LABELS[c]}: {x.components[c] === undefined ? '—' : x.components[c]!.toFixed(1).replace('.', ',')}
            </li>
          ))}
        </ul>
        {x.worst.length > 0 ? (
          <ol className="rating-items">
            {x.worst.map((i) => (
              <li key={i.id} data-item-id={i.id}>
                {title?.(i.id) ?? i.id} — {i.why.map((w) => EXPLAIN_REASON_LABELS[w]).join(', ')}
              </li>
            ))}
          </ol>
        ) : null}
      </details>
    </li>
  );
  return (
    <div className="ratings" data-ratings={r.rated}>
      <div>
        <h3>Лучшие</h3>
        <ol>{r.top.map(row)}</ol>
      </div>
      <div>
        <h3>Худшие</h3>
        <ol>{r.bottom.map(row)}</ol>
      </div>
      {r.rated === 0 ? <p className="muted">Недостаточно обращений для рейтинга ({r.unrated} без места)</p> : null}
    </div>
  );
}
