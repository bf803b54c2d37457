import { HOUR_MS } from '../../app/calendar/msk-time';
import { fromMskInput, toMskInput } from './datetime-input';

export interface DateTimeFieldProps {
  /** The label the field is read by (and found by in tests). */
  label: string;
  /** The text as typed, `DD.MM.YYYY HH:MM[:SS]`, Moscow time. */
  value: string;
  onChange: (text: string) => void;
}

/**
 * A Moscow date-time typed as `дд.мм.гггг чч:мм:сс` (24-hour), with «−1 ч» / «+1 ч» steps: the
 * project's own field, not the browser's native `datetime-local`, whose text follows the OS
 * locale («12/07/2026, 06:21:53 PM» on an English system).
 */
export function DateTimeField({ label, value, onChange }: DateTimeFieldProps) {
  const at = fromMskInput(value);
  const step = (ms: number) => at !== null && onChange(toMskInput(at + ms));
  return (
    <div className="datetime-field">
      <input
        type="text"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        placeholder="дд.мм.гггг чч:мм:сс"
        aria-label={label}
        aria-invalid={at === null}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
      <button type="button" className="btn btn-step" disabled={at === null} onClick={() => step(-HOUR_MS)} aria-label="На час раньше">
        −1 ч
      </button>
      <button type="button" className="btn btn-step" disabled={at === null} onClick={() => step(HOUR_MS)} aria-label="На час позже">
        +1 ч
      </button>
    </div>
  );
}
