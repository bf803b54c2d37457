import { SEVERITY_LABELS } from '../../app/alarms/alarm-rules';
import { CHANNEL_LABELS } from '../../app/domain/entity';
import type { HandoverAnswer } from '../../app/shift/handover';
import { formatCount, formatMskDateTime, formatMskWhen, pluralRu } from '../../app/ui/format-ru';

const when = (t: number | null, now: number) => (t === null ? '—' : formatMskWhen(t, now));
const residents = (n: number) => `${formatCount(n)} ${pluralRu(n, 'житель', 'жителя', 'жителей')}`;

/**
 * The handover digest (issue 15): one view for the `#/shift` page, the touch panel and the
 * printed report. Everything comes from the hub's digest (public projection: no citizen's data).
 */
export function HandoverView({ d, compact = false }: { d: HandoverAnswer; compact?: boolean }) {
  const now = d.generatedAt;
  const accidents = [...d.accidents.new.map((a) => ({ a, isNew: true })), ...d.accidents.ongoing.map((a) => ({ a, isNew: false }))];
  const atRiskTotal = d.atRisk.reduce((s, o) => s + o.items.length, 0);
  return (
    <div className="handover" data-handover-from={d.from} data-handover-to={d.to}>
      <p className="handover-span">
        Период: {formatMskDateTime(d.from)} — {formatMskDateTime(d.to)} МСК · прогноз до {formatMskDateTime(d.forecastUntil)} МСК
      </p>

      <section aria-label="Аварии ЖКХ" data-section="accidents">
        <h2>
          Аварии ЖКХ: новых {d.accidents.new.length}, продолжаются {d.accidents.ongoing.filter((a) => a.ongoing).length}
        </h2>
        {accidents.length === 0 ? <p className="empty">Аварий за период нет.</p> : null}
        <ul>
          {accidents.slice(0, compact ? 5 : 50).map(({ a, isNew }) => (
            <li key={a.id}>
              <b>{isNew ? 'Новая' : 'Продолжается'}</b> · {a.resourceLabel} · {a.place}, {a.address} · {residents(a.residents)}
              {a.socialObjects > 0 ? ` · соцобъектов: ${a.socialObjects}` : ''} · с {when(a.startedAt, now)}, план {when(a.plannedRestoreAt, now)}
              {a.restoredAt !== null && !a.ongoing ? `, восстановлено ${when(a.restoredAt, now)}` : ''}
            </li>
          ))}
        </ul>
      </section>

      <section aria-label="Просрочки" data-section="breaches">
        <h2>Просрочено за период: {formatCount(d.breaches.total)}</h2>
        <ul>
          {d.breaches.byOrg.slice(0, compact ? 5 : 30).map((o) => (
            <li key={o.org}>
              {o.orgName}: {formatCount(o.count)}
            </li>
          ))}
        </ul>
      </section>

      <section aria-label="Тревоги" data-section="alarms">
        <h2>Тревоги: {d.alarms.length}</h2>
        {d.alarms.length === 0 ? <p className="empty">Тревог за период не было.</p> : null}
        <ul>
          {d.alarms.slice(0, compact ? 5 : 100).map((a) => (
            <li key={a.id} data-alarm-id={a.id}>
              <b>
                {SEVERITY_LABELS[a.severity]}: {a.title}
              </b>{' '}
              — {a.text}. Поднята {when(a.raisedAt, now)}
              {a.ackedAt !== null ? `, квитировал ${a.ackedBy ?? '—'} в ${when(a.ackedAt, now)}` : ', не квитирована'}
              {a.comment ? ` («${a.comment}»)` : ''}
              {a.clearedAt !== null ? `, снята ${when(a.clearedAt, now)}` : ', активна'}
              {a.procedure && !compact ? <div className="handover-procedure">Порядок действий «{a.procedure.title}»:</div> : null}
              {a.procedure && !compact ? (
                <ol className="handover-steps">
                  {a.procedure.steps.map((s, i) => (
                    <li key={i} className={s.late ? 'late' : s.doneAt !== null ? 'done' : 'open'}>
                      {s.title}: {s.doneAt !== null ? `выполнено ${when(s.doneAt, now)}, ${s.doneBy ?? ''}` : 'не выполнено'}
                      {s.late ? ' — просрочен шаг' : ''}
                    </li>
                  ))}
                </ol>
              ) : null}
              {a.notes.map((n) => (
                <div key={n.id} className="handover-note">
                  {when(n.at, now)} {n.by}: {n.text}
                </div>
              ))}
            </li>
          ))}
        </ul>
      </section>

      <section aria-label="Под угрозой просрочки" data-section="at-risk">
        <h2>Под угрозой просрочки до конца смены: {formatCount(atRiskTotal)}</h2>
        <ul>
          {d.atRisk.slice(0, compact ? 5 : 30).map((o) => (
            <li key={o.org}>
              {o.orgName}: {formatCount(o.items.length)} (ближайший срок {when(o.items[0]!.dueAt, now)};{' '}
              {[...new Set(o.items.map((i) => CHANNEL_LABELS[i.channel]))].join(', ')})
            </li>
          ))}
        </ul>
      </section>

      <section aria-label="Заметки смены" data-section="notes">
        <h2>Заметки смены: {d.notes.length}</h2>
        <ul>
          {d.notes.map((n) => (
            <li key={n.id}>
              {when(n.at, now)} {n.by}
              {n.target.kind !== 'general'
                ? ` (${n.target.kind === 'alarm' ? 'тревога' : n.target.kind === 'accident' ? `авария ${n.target.id ?? ''}` : `обращение ${n.target.id ?? ''}`})`
                : ''}
              : {n.text}
            </li>
          ))}
        </ul>
      </section>

      <section aria-label="Приём смены" data-section="confirmations">
        {d.confirmations.length === 0 ? (
          <p className="handover-unconfirmed">Смена не принята.</p>
        ) : (
          d.confirmations.map((c) => (
            <p key={c.confirmedAt} className="handover-confirmed" data-confirmed-by={c.confirmedBy}>
              Смену принял(а): {c.confirmedBy}, {formatMskDateTime(c.confirmedAt)} МСК
            </p>
          ))
        )}
      </section>
    </div>
  );
}
