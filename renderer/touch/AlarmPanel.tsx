import { useState } from 'react';
import type { AlarmRecord } from '../../app/alarms/alarm-record';
import { SEVERITY_LABELS } from '../../app/alarms/alarm-rules';
import type { Entity } from '../../app/domain/entity';
import { formatMskClock } from '../../app/ui/format-ru';
import type { ControlClient } from '../control/control-client';
import { useControl } from '../control/control-store';
import { SopChecklist } from './SopChecklist';

/** Alarms listed at once; the rest are counted. */
const SHOWN = 4;

/**
 * «Тревоги»: the hub's alarm records (issue 15, `alarms:state`): the same alarms, with the same
 * ids and times, as on every wall screen. «Квитировать» sends `alarm:ack` with the comment; the
 * hub takes the signed-in officer's name and refuses without one (and a critical alarm without
 * a comment). An acknowledged alarm stays listed, with who and when, until it is cleared.
 */
export function AlarmPanel({ client }: { client: ControlClient | null; entities?: ReadonlyMap<string, Entity>; rev?: number; hubNow?: number }) {
  const alarms = useControl((s) => s.alarms);
  const signedIn = useControl((s) => s.officer?.person?.name ?? null);
  const up = alarms.filter((a) => a.ackedAt === null).length;
  return (
    <section className="side-block alarm-panel" aria-label="Тревоги">
      <h2>Тревоги {up > 0 ? <span className="badge">{up}</span> : null}</h2>
      {alarms.length === 0 ? <p className="empty">Активных тревог нет.</p> : null}
      {alarms.length > 0 && !signedIn ? <p className="empty">Чтобы квитировать, войдите по PIN.</p> : null}
      <ul className="alarms">
        {alarms.slice(0, SHOWN).map((a) => (
          <AlarmItem key={a.id} alarm={a} client={client} canAck={signedIn !== null} />
        ))}
      </ul>
      {alarms.length > SHOWN ? <p className="empty">…и ещё {alarms.length - SHOWN}</p> : null}
    </section>
  );
}

function AlarmItem({ alarm: a, client, canAck }: { alarm: AlarmRecord; client: ControlClient | null; canAck: boolean }) {
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const critical = a.severity === 'critical';
  const ack = async () => {
    if (!client) return;
    setBusy(true);
    const r = await client.send({ type: 'alarm:ack', alarmId: a.id, ...(comment.trim() ? { comment: comment.trim() } : {}) });
    setBusy(false);
    setError(r.ok ? null : (r.error ?? 'хаб отказал'));
  };
  return (
    <li className={`alarm alarm-${a.severity}`} data-alarm={a.id} data-acked={a.ackedAt !== null ? 'yes' : undefined}>
      <div className="alarm-title">
        {SEVERITY_LABELS[a.severity]}: {a.title}
      </div>
      <div className="alarm-text">{a.text}</div>
      <div className="alarm-text">Поднята в {formatMskClock(a.raisedAt)} МСК</div>
      {a.ackedAt !== null ? (
        <div className="alarm-acked" data-acked-by={a.ackedBy ?? ''}>
          Квитировал: {a.ackedBy} в {formatMskClock(a.ackedAt)} МСК{a.comment ? ` — «${a.comment}»` : ''}
        </div>
      ) : (
        <>
          <textarea
            className="alarm-comment"
            rows={2}
            maxLength={1000}
            value={comment}
            placeholder={critical ? 'Что сделано (обязательно для критической тревоги)' : 'Комментарий (необязательно)'}
            aria-label={`Комментарий: ${a.title}`}
            onChange={(e) => setComment(e.target.value)}
          />
          <button
            type="button"
            className="btn btn-ack"
            aria-label={`Квитировать: ${a.title}`}
            disabled={!client || !canAck || busy || (critical && comment.trim().length < 3)}
            onClick={() => void ack()}
          >
            Квитировать
          </button>
          {error ? (
            <p className="alarm-error" role="alert">
              {error}
            </p>
          ) : null}
        </>
      )}
      <SopChecklist client={client} alarmId={a.id} />
    </li>
  );
}
