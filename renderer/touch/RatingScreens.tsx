import type { Entity } from '../../app/domain/entity';
import { EXPLAIN_REASON_LABELS } from '../../app/ratings/body-figures';
import type { RatingResult, RatingRow } from '../../app/ratings/rate-bodies';
import { RATING_COMPONENT_LABELS, RATING_COMPONENTS, type RatingComponent } from '../../app/ratings/rating-config';
import { formatCount } from '../../app/ui/format-ru';
import { abbreviateAtWord } from '../../app/ui/abbreviate';
import { cardTitle, ROW_TITLE_CHARS } from './card-fields';
import { ratedName, RATING_DAYS, type RatingLevel } from './rating-model';
import { push } from './touch-nav';

const score = (v: number | undefined) => (v === undefined ? '—' : v.toFixed(1).replace('.', ','));

/** The figures behind a component, in words a curator can recount. */
function behind(c: RatingComponent, f: RatingRow['figures']): string {
  switch (c) {
    case 'quantity':
      return `отреагировали на ${formatCount(f.reacted)} из ${formatCount(f.reactionDecided)}`;
    case 'quality':
      return `удовлетворены ${formatCount(f.satisfied)} из ${formatCount(f.satisfied + f.unsatisfied)} оценок; повторных ${formatCount(f.bounced)} из ${formatCount(f.answered)} ответов`;
    case 'speed':
      return `в срок ${formatCount(f.answeredOnTime)} из ${formatCount(f.decided)}`;
    case 'completeness':
      return `окончательный ответ ${formatCount(f.final)} из ${formatCount(f.final + f.overdue + f.postponed)}`;
  }
}

/** A rating table: every ranked body, best first; a row opens its components. */
export function RatingsScreen({ level, result }: { level: RatingLevel; result: RatingResult }) {
  return (
    <div className="screen">
      <h2 className="screen-sub">За {RATING_DAYS} дней · количество, качество, скорость и полнота реагирования (Положение о ЦУР)</h2>
      <ul className="rows" aria-label="Места в рейтинге">
        {result.rows.map((r) => (
          <li key={r.key}>
            <button
              type="button"
              className="row"
              aria-label={ratedName(level, r.key)}
              data-rating-row={r.key}
              onClick={() => push({ kind: 'rating', level, key: r.key })}
            >
              <span className="row-title">
                {r.rank}. {ratedName(level, r.key)}
              </span>
              <span className="row-figures">
                балл {score(r.score)} · обращений {formatCount(r.figures.items)}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {result.unrated.length > 0 ? (
        <p className="empty">Без рейтинга (меньше 2 обращений): {result.unrated.map((u) => ratedName(level, u.key)).join(', ')}</p>
      ) : null}
    </div>
  );
}

/** One place: its four components with the figures behind each, and the items that cost it most. */
export function RatingScreen({ level, row, entity }: { level: RatingLevel; row: RatingRow | undefined; entity: (key: string) => Entity | undefined }) {
  if (!row) return <p className="empty">Этого органа нет в рейтинге за {RATING_DAYS} дней.</p>;
  return (
    <div className="screen" data-rating={row.key}>
      <h2 className="screen-sub">
        {row.rank}-е место · балл {score(row.score)} · {level === 'omsu' ? 'ОМСУ' : 'ОИВ'}
      </h2>
      <dl className="card rating-card" data-rating-components>
        {RATING_COMPONENTS.map((c) => (
          <div key={c} className={`card-row${row.explain.weakest === c ? ' comp-weakest' : ''}`} data-component={c}>
            <dt>
              {RATING_COMPONENT_LABELS[c]}
              {row.explain.weakest === c ? ' — слабейший' : ''}
            </dt>
            <dd>
              {score(row.components[c])} · {behind(c, row.figures)}
            </dd>
          </div>
        ))}
      </dl>
      <h2 className="screen-sub">Что снижает место</h2>
      <ul className="rows" aria-label="Обращения, снижающие место">
        {row.explain.items.map((i) => {
          const e = entity(`appeal:${i.id}`);
          const title = e ? cardTitle(e) : i.id;
          return (
            <li key={i.id}>
              <button type="button" className="row row-item" aria-label={title} onClick={() => push({ kind: 'item', key: `appeal:${i.id}` })}>
                <span className="row-title">{abbreviateAtWord(title, ROW_TITLE_CHARS)}</span>
                <span className="row-figures">{i.why.map((w) => EXPLAIN_REASON_LABELS[w]).join(', ')}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
