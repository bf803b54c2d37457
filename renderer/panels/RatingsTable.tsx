import type { RatingsRow, RatingsState } from '../../app/panels/ratings-panel';
import { RATING_COMPONENT_LABELS, RATING_COMPONENTS, type RatingComponent } from '../../app/ratings/rating-config';
import { TREND_GLYPHS } from '../../app/ui/palette';
import { DAY_MS } from '../../app/calendar/msk-time';
import { formatCount, formatMskWhen, pluralRu } from '../../app/ui/format-ru';
import type { SatisfactionState } from '../../app/panels/satisfaction';
import { score } from './format';
import { Panel } from './Panel';
import { useOrgDirectory } from './org-label';

const SHORT: Readonly<Record<(typeof RATING_COMPONENTS)[number], string>> = {
  quantity: 'Кол.',
  quality: 'Кач.',
  speed: 'Скор.',
  completeness: 'Полн.',
};
/** «Довольны ответом: 81 % из 3 087 оценок ПОС»: the satisfaction behind the quality column, when there are ratings. */
function Satisfied({ s }: { s: SatisfactionState | undefined }) {
  if (!s || s.share === null) return null;
  return (
    <p className="ratings-satisfaction" data-satisfaction={Math.round(s.share * 100)}>
      Довольны ответом: <b className="num">{Math.round(s.share * 100)} %</b> из {formatCount(s.rated)} {pluralRu(s.rated, 'оценки', 'оценок', 'оценок')} ПОС
    </p>
  );
}
const TREND_WORDS = { up: 'поднялся', down: 'опустился', flat: 'на месте', new: 'новый в рейтинге' } as const;

function Row({ r, shown, label }: { r: RatingsRow; shown: readonly RatingComponent[]; label: string }) {
  return (
    <tr data-key={r.key} className={r.weakest ? `weak-${r.weakest}` : ''}>
      <td className="num rank">{r.rank}</td>
      <td className="rating-name">
        <span className="clamp-2">{label}</span>
      </td>
      <td className="num rating-score">{score(r.score)}</td>
      <td className={`trend trend-${r.trend}`} title={TREND_WORDS[r.trend]}>
        <span aria-hidden>{TREND_GLYPHS[r.trend]}</span>
        <span className="sr-only">{TREND_WORDS[r.trend]}</span>
      </td>
      {shown.map((c) => (
        // The weakest component is underlined: «why this place» without colour.
        <td key={c} className={`num comp${r.weakest === c ? ' comp-weakest' : ''}`}>
          {score(r.components[c])}
        </td>
      ))}
    </tr>
  );
}

/** The ratings table: top and bottom places with score, components and trend. */
export function RatingsTable({ state, satisfaction }: { state: RatingsState; satisfaction?: SatisfactionState }) {
  const subject = state.subject === 'municipality' ? 'ОМСУ' : state.subject === 'oiv' ? 'ОИВ' : 'Организация';
  const days = Math.round((state.to - state.from) / DAY_MS);
  // Bodies are named by the hub's current organisations document (issue 12); the worker's label
  // (the built-in directory) stands until one names the key. Municipalities keep theirs.
  const orgs = useOrgDirectory();
  const labelOf = (r: RatingsRow) => (state.subject === 'municipality' ? r.label : (orgs.get(r.key)?.short ?? r.label));
  // A component nobody could be measured on (no satisfaction scores yet) takes no column.
  const shown = RATING_COMPONENTS.filter((c) => [...state.top, ...state.bottom].some((r) => r.components[c] !== undefined));
  return (
    <Panel
      id="ratings"
      title={`Рейтинг ${state.subject === 'municipality' ? 'ОМСУ' : state.subject === 'oiv' ? 'ОИВ' : 'ОИВ и ОМСУ'}`}
      note={`за ${days} ${pluralRu(days, 'день', 'дня', 'дней')}, на ${formatMskWhen(state.computedAt, state.computedAt)}`}
    >
      {state.rated === 0 ? (
        <p className="empty">недостаточно обращений для рейтинга</p>
      ) : (
        <table className="ratings-table">
          <thead>
            <tr>
              <th className="num">№</th>
              <th>{subject}</th>
              <th className="num">Балл</th>
              <th aria-label="Динамика" />
              {shown.map((c) => (
                <th key={c} className="num" title={RATING_COMPONENT_LABELS[c]}>
                  {SHORT[c]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {state.top.map((r) => (
              <Row key={r.key} r={r} shown={shown} label={labelOf(r)} />
            ))}
            {state.bottom.length > 0 && (
              <tr className="gap" aria-hidden>
                <td colSpan={4 + shown.length}>⋯</td>
              </tr>
            )}
            {state.bottom.map((r) => (
              <Row key={r.key} r={r} shown={shown} label={labelOf(r)} />
            ))}
          </tbody>
        </table>
      )}
      <Satisfied s={satisfaction} />
      {state.rated > 0 && (
        <p className="ratings-foot">
          {shown.map((c) => `${SHORT[c]} — ${RATING_COMPONENT_LABELS[c].toLowerCase()}`).join('; ')}. Подчёркнут слабейший компонент; стрелка — место к прошлому
          периоду.
        </p>
      )}
    </Panel>
  );
}
