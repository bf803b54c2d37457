import { RESOURCE_LABELS } from '../../app/domain/entity';
import { THRESHOLD_LABELS } from '../../app/accidents/accident-metrics';
import { RESIDENTS_UNKNOWN, residentsKnown } from '../../app/accidents/residents';
import { plannedOutageLabel } from '../../app/accidents/linked-posts';
import { placeName } from '../../app/alarms/alarm-text';
import type { AccidentRow, AccidentsBoardState } from '../../app/panels/accidents-board';
import { formatMskWhen, pluralRu } from '../../app/ui/format-ru';
import { useClock } from '../state/clock-store';
import { age, count } from './format';
import { Glyph } from './Glyph';
import { Panel } from './Panel';

export interface AccidentsBoardProps {
  state: AccidentsBoardState;
  /** Accidents shown. @default 5 */
  rows?: number;
  /** Panel title. @default «Аварии ЖКХ» */
  title?: string;
}

function Row({ a, now }: { a: AccidentRow; now: number }) {
  const outage = now - a.startedAt;
  const late = now > a.plannedRestoreAt;
  const planned = a.nature === 'planned';
  return (
    <li className={planned ? 'accident planned' : 'accident'} data-key={a.key} data-nature={a.nature}>
      <div className="accident-head">
        <Glyph status="accident_active" />
        <span className="accident-resource">{RESOURCE_LABELS[a.resource]}</span>
        <span className="num" data-residents={residentsKnown(a) ? a.residents : 'unknown'}>
          {residentsKnown(a) ? `${count(a.residents)} жит.` : `жит.: ${RESIDENTS_UNKNOWN}`}
        </span>
        <span className="num accident-outage">{age(outage)}</span>
        {late && (
          <span className="late">
            <Glyph status="overdue" /> срок истёк
          </span>
        )}
      </div>
      <div className="accident-where">
        {placeName(a.municipality)}, {a.address}
        {a.socialObjects > 0 && ` · соц. объектов: ${a.socialObjects}`}
        {a.crossings.length > 0 && ` · ${THRESHOLD_LABELS[a.crossings[a.crossings.length - 1]!]}`}
        {planned ? ` · ${plannedOutageLabel(a.plannedRestoreAt, now)}` : !late && ` · до ${formatMskWhen(a.plannedRestoreAt, now)}`}
      </div>
    </li>
  );
}

/** Active ЖКХ accidents, heaviest (residents × hours) first, with live outage time. */
export function AccidentsBoard({ state, rows = 5, title = 'Аварии ЖКХ' }: AccidentsBoardProps) {
  const now = useClock((s) => s.dataNow);
  return (
    <Panel
      id="accidents"
      title={title}
      note={`${count(state.active)} ${pluralRu(state.active, 'активная', 'активные', 'активных')}${state.planned > 0 ? ` · плановых отключений: ${count(state.planned)}` : ''}`}
    >
      {state.rows.length === 0 ? (
        <p className="empty">активных аварий нет</p>
      ) : (
        <ol className="accidents">
          {state.rows.slice(0, rows).map((a) => (
            <Row key={a.key} a={a} now={now} />
          ))}
        </ol>
      )}
    </Panel>
  );
}
