import { useMemo } from 'react';
import { evaluateAlarms } from '../../app/alarms/evaluate-alarms';
import { DEFAULT_ALARM_RULES, SEVERITY_LABELS } from '../../app/alarms/alarm-rules';
import type { Entity } from '../../app/domain/entity';
import type { ControlClient } from '../control/control-client';
import { useControl } from '../control/control-store';
import { SopChecklist } from './SopChecklist';

/** Alarms listed at once; the rest are counted. */
const SHOWN = 4;

/**
 * «Тревоги»: the alarms up now (live data, whatever the wall replays), each with
 * «Квитировать» (`alarm:ack`). The same rules and ids as the wall's, so an acknowledgement
 * here releases the wall's takeover.
 */
export function AlarmPanel({ client, entities, rev, hubNow }: { client: ControlClient | null; entities: ReadonlyMap<string, Entity>; rev: number; hubNow: number }) {
  const acknowledged = useControl((s) => s.control?.acknowledged);
  const alarms = useMemo(
    () => evaluateAlarms(entities.values(), hubNow, DEFAULT_ALARM_RULES, new Set(acknowledged ?? [])),
    // `rev` marks a change inside the mutable map.
    [entities, rev, hubNow, acknowledged],
  );
  return (
    <section className="side-block alarm-panel" aria-label="Тревоги">
      <h2>Тревоги {alarms.length > 0 ? <span className="badge">{alarms.length}</span> : null}</h2>
      {alarms.length === 0 ? <p className="empty">Активных тревог нет.</p> : null}
      <ul className="alarms">
        {alarms.slice(0, SHOWN).map((a) => (
          <li key={a.id} className={`alarm alarm-${a.severity}`} data-alarm={a.id}>
            <div className="alarm-title">
              {SEVERITY_LABELS[a.severity]}: {a.title}
            </div>
            <div className="alarm-text">{a.text}</div>
            <button type="button" className="btn btn-ack" aria-label={`Квитировать: ${a.title}`} disabled={!client} onClick={() => void client?.send({ type: 'alarm:ack', alarmId: a.id })}>
              Квитировать
            </button>
            <SopChecklist client={client} alarmId={a.id} />
          </li>
        ))}
      </ul>
      {alarms.length > SHOWN ? <p className="empty">…и ещё {alarms.length - SHOWN}</p> : null}
    </section>
  );
}
