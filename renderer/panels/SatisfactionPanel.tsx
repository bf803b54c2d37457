import type { SatisfactionState } from '../../app/panels/satisfaction';
import { SATISFACTION_DAYS } from '../../app/panels/satisfaction';
import { formatCount } from '../../app/ui/format-ru';
import { orgLabel } from './org-label';
import { Panel } from './Panel';

const pct = (share: number) => `${Math.round(share * 100)} %`;

/** How satisfied citizens were with the answers they rated (ПОС), and the least satisfying bodies. */
export function SatisfactionPanel({ state }: { state: SatisfactionState }) {
  return (
    <Panel id="satisfaction" title="Удовлетворённость ответами" note={`оценки ПОС за ${SATISFACTION_DAYS} дней`}>
      {state.share === null ? (
        <p className="empty">Оценок ответов пока нет.</p>
      ) : (
        <>
          <p className="satisfaction-total">
            <span className="num satisfaction-share">{pct(state.share)}</span> довольны ответом · {formatCount(state.satisfied)} из {formatCount(state.rated)} оценок
          </p>
          {state.worst.length > 0 && (
            <ul className="satisfaction-worst" aria-label="Меньше всего довольных">
              {state.worst.map((w) => (
                <li key={w.org} data-org={w.org}>
                  <span className="org-name">{orgLabel(w.org)}</span> <span className="num">{pct(w.share)}</span> <span className="satisfaction-of">из {formatCount(w.rated)}</span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Panel>
  );
}
