/**
 * Named officers on the touch panel and the presenter (issue 15): who is signed in (header),
 * the PIN pad that switches the officer without a new token (checked at the hub, never kept
 * here), and the sign-out after `idleMinutes` without a touch (the `people` document; the
 * hub ends an idle sign-in as well).
 */
import { useEffect, useState } from 'react';
import { useControl } from '../control/control-store';
import './sign-in.css';

/** Who acts on this page: name and position, or «Введите PIN»; a button to sign in or out. */
export function OfficerBadge() {
  const officer = useControl((s) => s.officer);
  const actions = useControl((s) => s.officerActions);
  const [open, setOpen] = useState(false);
  useIdleSignOut();
  const person = officer?.person ?? null;
  return (
    <div className="officer-badge" data-officer={person?.name ?? ''}>
      {person ? (
        <span className="officer-who" title={officer?.via === 'pin' ? 'Вход по PIN' : 'Владелец токена'}>
          {person.name}
          {person.position ? <span className="officer-post">{`, ${person.position}`}</span> : null}
        </span>
      ) : (
        <span className="officer-who officer-nobody">Дежурный не указан</span>
      )}
      {officer?.via === 'pin' ? (
        <button type="button" className="btn" onClick={() => actions?.signOut()}>
          Выйти
        </button>
      ) : (
        <button type="button" className="btn" onClick={() => setOpen(true)} disabled={!actions}>
          Войти по PIN
        </button>
      )}
      {open ? <PinPad onClose={() => setOpen(false)} /> : null}
    </div>
  );
}

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '⌫', '0', 'OK'] as const;

/** The PIN pad (large keys for a touch screen; digits shown as dots). */
export function PinPad({ onClose }: { onClose: () => void }) {
  const actions = useControl((s) => s.officerActions);
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!actions || busy) return;
    if (pin.length < 4) return setError('PIN: от 4 до 8 цифр');
    setBusy(true);
    const r = await actions.signIn(pin);
    setBusy(false);
    setPin('');
    if (r.ok) onClose();
    else setError(r.error ?? 'вход не удался');
  };
  const press = (k: (typeof KEYS)[number]) => {
    setError(null);
    if (k === '⌫') setPin((p) => p.slice(0, -1));
    else if (k === 'OK') void submit();
    else setPin((p) => (p.length < 8 ? p + k : p));
  };
  return (
    <div className="pin-backdrop" role="dialog" aria-modal="true" aria-label="Вход дежурного">
      <div className="pin-pad">
        <h2>Введите PIN</h2>
        <div className="pin-dots" aria-label={`введено цифр: ${pin.length}`}>
          {pin.length > 0 ? '●'.repeat(pin.length) : '\u00a0'}
        </div>
        {error ? (
          <p className="pin-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="pin-keys">
          {KEYS.map((k) => (
            <button
              key={k}
              type="button"
              className="btn pin-key"
              onClick={() => press(k)}
              disabled={busy}
              aria-label={k === '⌫' ? 'Стереть' : k === 'OK' ? 'Подтвердить PIN' : k}
            >
              {k}
            </button>
          ))}
        </div>
        <button type="button" className="btn pin-cancel" onClick={onClose}>
          Отмена
        </button>
      </div>
    </div>
  );
}

/** Signs a PIN officer out after `idleMinutes` without a touch, a key or a wheel on the page. */
export function useIdleSignOut(): void {
  const via = useControl((s) => s.officer?.via ?? null);
  const minutes = useControl((s) => s.officer?.idleMinutes ?? 10);
  const actions = useControl((s) => s.officerActions);
  useEffect(() => {
    if (via !== 'pin' || !actions) return;
    let timer = setTimeout(() => actions.signOut(), minutes * 60_000);
    const reset = () => {
      clearTimeout(timer);
      timer = setTimeout(() => actions.signOut(), minutes * 60_000);
    };
    const events = ['pointerdown', 'keydown', 'wheel'] as const;
    for (const e of events) window.addEventListener(e, reset, { passive: true });
    return () => {
      clearTimeout(timer);
      for (const e of events) window.removeEventListener(e, reset);
    };
  }, [via, minutes, actions]);
}
