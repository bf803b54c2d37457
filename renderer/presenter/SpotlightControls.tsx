import { useState } from 'react';
import { municipalities } from '../../app/domain/municipality';
import type { ControlClient } from '../control/control-client';
import { useControl } from '../control/control-store';

/** A spotlight on a municipality on every wall screen (`focus:set`), and its removal. */
export function SpotlightControls({ client, durationS }: { client: ControlClient | null; durationS: number }) {
  const focus = useControl((s) => s.control?.focus ?? null);
  const list = municipalities('2025');
  const [oktmo, setOktmo] = useState(list[0]!.oktmo);
  const name = list.find((m) => m.oktmo === oktmo)?.shortName ?? oktmo;
  return (
    <section className="side-block" aria-label="Подсветка">
      <h2>Подсветка округа</h2>
      <select value={oktmo} onChange={(e) => setOktmo(e.target.value)} aria-label="Округ">
        {list.map((m) => (
          <option key={m.oktmo} value={m.oktmo}>
            {m.shortName}
          </option>
        ))}
      </select>
      <button type="button" className="btn" disabled={!client} onClick={() => void client?.send({ type: 'focus:set', oktmo, label: name, durationS })}>
        Подсветить на стене
      </button>
      <button type="button" className="btn" disabled={!client || !focus} onClick={() => void client?.send({ type: 'focus:clear' })}>
        Снять подсветку
      </button>
    </section>
  );
}
