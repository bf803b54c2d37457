/**
 * The handover of the last shift change as the `#/shift` page and the touch panel's «Смена»
 * block show it: fetched at once and every `refreshMs`, confirmed by the officer's name.
 */
import { useCallback, useEffect, useState } from 'react';
import type { HandoverAnswer } from '../../app/shift/handover';
import { shiftApi } from './shift-api';

export interface HandoverState {
  handover: HandoverAnswer | null;
  error: string | null;
  setError: (e: string | null) => void;
  reload: () => Promise<void>;
  /** Confirms the handover by `name` (refused with a Russian error when empty). */
  confirm: (name: string) => Promise<void>;
}

export function useHandover(hub: string, token: string, refreshMs = 30_000, extra?: () => Promise<void>): HandoverState {
  const [handover, setHandover] = useState<HandoverAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    const [r] = await Promise.all([shiftApi.handover(hub, token), extra?.()]);
    if (r.ok) {
      setHandover(r.value);
      setError(null);
    } else setError(r.error);
  }, [hub, token, extra]);

  useEffect(() => {
    void reload();
    const t = setInterval(() => void reload(), refreshMs);
    return () => clearInterval(t);
  }, [reload, refreshMs]);

  const confirm = async (name: string) => {
    if (!handover) return;
    if (name.trim() === '') return setError('Введите имя принимающего смену');
    const r = await shiftApi.confirm(hub, token, handover.change, name.trim());
    if (!r.ok) return setError(r.error);
    await reload();
  };
  return { handover, error, setError, reload, confirm };
}
