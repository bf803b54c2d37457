import { useCallback, useEffect, useState } from 'react';
import { formatMskClock } from '../../app/ui/format-ru';
import type { ControlClient } from '../control/control-client';
import { useOfficerName } from '../shift/officer-name';
import { OfficerNameField } from '../shift/OfficerNameField';
import { shiftApi, type Checklist } from '../shift/shift-api';

/** The checklist is fetched again this often (a step ticked on another panel shows up). */
const REFRESH_MS = 10_000;

/**
 * The procedure (SOP) of an active alarm (issue 15): its steps in order, each with its contact
 * and deadline; «Выполнено» ticks a step with the time and the officer's name at the hub. A step
 * past its deadline is marked «просрочен» (the hub has flagged it to the senior officer). An
 * alarm whose rule has no procedure shows nothing.
 */
export function SopChecklist({ client, alarmId }: { client: ControlClient | null; alarmId: string }) {
  const [list, setList] = useState<Checklist | null>(null);
  const [error, setError] = useState<string | null>(null);
  const name = useOfficerName();
  const hub = client?.opts.hub;
  const token = client?.opts.token;

  const load = useCallback(async () => {
    if (!hub || !token) return;
    const r = await shiftApi.checklist(hub, token, alarmId);
    if (r.ok) setList(r.value);
    else if (r.status === 404) setList(null);
    else setError(r.error);
  }, [hub, token, alarmId]);

  useEffect(() => {
    void load();
    const t = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(t);
  }, [load]);

  if (!list || !hub || !token) return null;
  const tick = async (step: number) => {
    if (name.trim() === '') return setError('Введите имя дежурного');
    const r = await shiftApi.tick(hub, token, alarmId, step, name.trim());
    if (r.ok) {
      setList(r.value.checklist);
      setError(null);
    } else setError(r.error);
  };
  return (
    <div className="sop" data-sop={list.procedure.id} aria-label={`Порядок действий: ${list.procedure.title}`}>
      <div className="sop-title">Порядок действий: {list.procedure.title}</div>
      <OfficerNameField />
      <ol className="sop-steps">
        {list.steps.map((s) => (
          <li
            key={s.index}
            className={`sop-step ${s.doneAt !== null ? 'done' : s.late ? 'late' : 'open'}`}
            data-step={s.index}
            data-state={s.doneAt !== null ? 'done' : s.late ? 'late' : 'open'}
          >
            <div className="sop-step-title">{s.title}</div>
            {s.contact ? (
              <div className="sop-contact">
                {s.contact.name}
                {s.contact.phone ? `, ${s.contact.phone}` : ''}
              </div>
            ) : null}
            <div className="sop-when">
              {s.doneAt !== null
                ? `✓ ${formatMskClock(s.doneAt)}, ${s.doneBy ?? ''}${s.late ? ' (после срока)' : ''}`
                : `${s.late ? '⚠ просрочен, ' : ''}до ${formatMskClock(s.dueAt)}`}
            </div>
            {s.doneAt === null ? (
              <button type="button" className="btn btn-step" aria-label={`Выполнено: ${s.title}`} onClick={() => void tick(s.index)}>
                Выполнено
              </button>
            ) : null}
          </li>
        ))}
      </ol>
      {error ? (
        <p className="sop-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
