import { useCallback, useState } from 'react';
import { RESOURCE_LABELS, type Entity } from '../../app/domain/entity';
import type { NoteTarget, ShiftNote } from '../../app/shift/shift-records';
import { formatMskClock, formatMskDateTime } from '../../app/ui/format-ru';
import { useControl } from '../control/control-store';
import { HandoverView } from '../shift/HandoverView';
import { useOfficerName } from '../shift/officer-name';
import { OfficerNameField } from '../shift/OfficerNameField';
import { shiftApi } from '../shift/shift-api';
import { useHandover } from '../shift/use-handover';
import '../shift/shift.css';

const REFRESH_MS = 30_000;
/** After a shift change, an unconfirmed handover is called out this long. */
const DUE_MS = 2 * 3_600_000;
/** Notes listed in the block (the newest). */
const SHOWN = 3;

/**
 * «Смена» on the touch panel (issue 15): a note to the shift log (about the shift, an active
 * alarm, or the item the panel shows), the newest notes, and the handover of the last shift change: its digest and
 * «Смену принял(а)» signed with the officer's name.
 */
export function ShiftBlock({ hub, token, entity }: { hub: string; token: string; entity?: Entity | null }) {
  const itemTarget =
    entity && entity.kind !== 'weather'
      ? { kind: entity.kind, id: entity.id, label: entity.kind === 'accident' ? `${RESOURCE_LABELS[entity.resource]}, ${entity.address}` : entity.title }
      : null;
  const [notes, setNotes] = useState<ShiftNote[]>([]);
  const [text, setText] = useState('');
  /** `general`, `item` or `alarm:<record id>`. */
  const [about, setAbout] = useState('general');
  const alarms = useControl((s) => s.alarms);
  const [open, setOpen] = useState(false);
  const name = useOfficerName();
  const loadNotes = useCallback(async () => {
    const n = await shiftApi.notes(hub, token);
    if (n.ok) setNotes(n.value.notes);
  }, [hub, token]);
  const { handover, error, setError, reload, confirm } = useHandover(hub, token, REFRESH_MS, loadNotes);

  const post = async () => {
    if (name.trim() === '') return setError('Введите имя дежурного');
    const alarmId = about.startsWith('alarm:') ? about.slice(6) : null;
    const target: NoteTarget =
      alarmId && alarms.some((a) => a.id === alarmId)
        ? { kind: 'alarm', id: alarmId }
        : about === 'item' && itemTarget
          ? { kind: itemTarget.kind, id: itemTarget.id }
          : { kind: 'general' };
    const r = await shiftApi.addNote(hub, token, target, text, name.trim());
    if (!r.ok) return setError(r.error);
    setText('');
    setError(null);
    await reload();
  };
  const confirmed = handover?.confirmations[0];

  return (
    <section className="side-block shift-block" aria-label="Смена" data-shift-block>
      <h2>Смена</h2>
      <OfficerNameField />
      <textarea
        className="shift-note-text"
        value={text}
        maxLength={2000}
        rows={2}
        placeholder="Заметка в журнал смены"
        aria-label="Заметка в журнал смены"
        onChange={(e) => setText(e.target.value)}
      />
      <label className="shift-note-about">
        <span>О чём</span>
        <select value={about} aria-label="О чём заметка" onChange={(e) => setAbout(e.target.value)}>
          <option value="general">Смена в целом</option>
          {itemTarget ? <option value="item">{itemTarget.label}</option> : null}
          {alarms.map((a) => (
            <option key={a.id} value={`alarm:${a.id}`}>
              Тревога: {a.title}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="btn" disabled={text.trim() === ''} onClick={() => void post()}>
        Записать
      </button>
      <ul className="shift-notes">
        {notes
          .slice(-SHOWN)
          .reverse()
          .map((n) => (
            <li key={n.id}>
              {formatMskClock(n.at)} {n.by}: {n.text}
            </li>
          ))}
      </ul>
      {handover && !confirmed && handover.generatedAt - handover.change < DUE_MS ? (
        <p className="shift-due" role="status" data-handover-due>
          Смена сменилась в {formatMskClock(handover.change)}: откройте сводку и примите смену
        </p>
      ) : null}
      {handover ? (
        <div className="shift-handover-line">
          Передача смены {formatMskDateTime(handover.change)}:{' '}
          {confirmed ? <b data-handover-confirmed={confirmed.confirmedBy}>принял(а) {confirmed.confirmedBy}</b> : <b>не принята</b>}{' '}
          <button type="button" className="btn" onClick={() => setOpen(true)}>
            Сводка
          </button>
        </div>
      ) : null}
      {error ? (
        <p className="sop-error" role="alert">
          {error}
        </p>
      ) : null}
      {open && handover ? (
        <div className="shift-overlay" role="dialog" aria-label="Передача смены">
          <div className="shift-page">
            <div className="shift-head">
              <h1>Передача смены {formatMskDateTime(handover.change)} МСК</h1>
              <div className="shift-actions">
                {!confirmed ? (
                  <button type="button" className="btn" onClick={() => void confirm(name)}>
                    Смену принял(а)
                  </button>
                ) : null}
                <button type="button" className="btn" onClick={() => setOpen(false)}>
                  Закрыть
                </button>
              </div>
            </div>
            <HandoverView d={handover} compact />
          </div>
        </div>
      ) : null}
    </section>
  );
}
