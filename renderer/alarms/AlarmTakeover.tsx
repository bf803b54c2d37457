import { SEVERITY_LABELS } from '../../app/alarms/alarm-rules';
import type { AlarmView } from '../worker/frame';

export interface AlarmTakeoverProps {
  alarm: AlarmView;
  /** Further alarms up behind this one. */
  others: number;
  /** Whether the key acknowledges on every screen (a control token) or this one only. */
  everywhere: boolean;
}

/**
 * The alarm cue: a full-width banner (⚠, the alarm in words, its severity) and a thick
 * striped, slowly flashing frame round the whole screen: shape, words and motion, so it never
 * relies on colour alone. The text sits on a solid background (contrast ≥ 4.5:1); the
 * flashing is 1 Hz, well under the 3 flashes a second of WCAG 2.3.1.
 */
export function AlarmTakeover({ alarm, others, everywhere }: AlarmTakeoverProps) {
  return (
    <>
      <div className={`alarm-frame alarm-${alarm.severity}`} aria-hidden />
      <div className={`alarm-banner alarm-${alarm.severity}`} role="alert" data-alarm-id={alarm.id}>
        <span className="alarm-icon" aria-hidden>
          ⚠
        </span>
        <div className="alarm-body">
          <div className="alarm-head">
            <div className="alarm-title">{alarm.title}</div>
            <div className="alarm-severity">Тревога · {SEVERITY_LABELS[alarm.severity]}</div>
          </div>
          <div className="alarm-text">{alarm.text}</div>
          <div className="alarm-ack">
            {/* The hub takes a critical alarm's acknowledgement only with a comment (issue 15): the touch panel's. */}
            <kbd>Enter</kbd> — подтвердить{everywhere && alarm.severity !== 'critical' ? ' на всех экранах' : ' на этом экране'} или с сенсорной панели
            {others > 0 && ` · ещё тревог: ${others}`}
          </div>
        </div>
      </div>
    </>
  );
}
