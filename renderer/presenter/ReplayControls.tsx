import { useState } from 'react';
import type { ControlClient } from '../control/control-client';
import { useControl } from '../control/control-store';
import { hubNow } from '../state/clock-store';
import { fromMskInput, toMskInput } from './datetime-input';
import { DateTimeField } from './DateTimeField';

const SPEEDS = [1, 10, 60];

/** «Повтор с…» a moment at ×1/×10/×60 on every screen, and «Вернуться к онлайн». */
export function ReplayControls({ client }: { client: ControlClient | null }) {
  const replay = useControl((s) => s.control?.replay ?? null);
  const [from, setFrom] = useState(() => toMskInput(hubNow() - 3_600_000));
  const [speed, setSpeed] = useState(60);
  const at = fromMskInput(from);
  const valid = at !== null && at <= hubNow();
  return (
    <section className="side-block" aria-label="Повтор">
      <h2>Повтор смены</h2>
      <div className="field">
        <span aria-hidden="true">Повтор с (МСК)</span>
        <DateTimeField label="Повтор с" value={from} onChange={setFrom} />
      </div>
      <div className="segmented" role="group" aria-label="Скорость">
        {SPEEDS.map((s) => (
          <button key={s} type="button" className="btn btn-seg" aria-pressed={speed === s} onClick={() => setSpeed(s)}>
            ×{s}
          </button>
        ))}
      </div>
      <button
        type="button"
        className="btn btn-primary"
        disabled={!client || !valid}
        onClick={() => at !== null && void client?.send({ type: 'replay:start', from: at, speed })}
      >
        Запустить повтор
      </button>
      <button type="button" className="btn" disabled={!client || !replay} onClick={() => void client?.send({ type: 'replay:stop' })}>
        Вернуться к онлайн
      </button>
      {at === null ? <p className="muted">Формат: дд.мм.гггг чч:мм:сс</p> : !valid ? <p className="muted">Укажите прошедший момент.</p> : null}
    </section>
  );
}
