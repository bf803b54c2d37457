import { useEffect, useState } from 'react';
import type { AddressHit } from '../../app/protocol/street-tiles';
import type { ControlClient } from '../control/control-client';
import { useTouchNav } from './touch-nav';
import './address-search.css';

/** Zoom the wall shows an address at (streets, buildings and house numbers are drawn there). */
export const ADDRESS_ZOOM = 17;
const STREET_ZOOM = 16;
const DEBOUNCE_MS = 250;

/** The «Показать на стене» command for an address: the wall flies there and marks it. */
export function addressCommand(hit: AddressHit, durationS: number) {
  const label = hit.house ? `${hit.street}, ${hit.house}` : hit.street;
  return {
    type: 'wall:show' as const,
    focus: { point: [hit.lon, hit.lat] as [number, number], label, zoom: hit.kind === 'house' ? ADDRESS_ZOOM : STREET_ZOOM },
    durationS,
  };
}

/**
 * «Адрес» on the touch panel (issue 17): a street and house number («Гагарина 10») searched in
 * the street basemap's address index on the hub; a tap on an answer sends the wall there. Shown
 * only when the hub has street tiles (`/tiles/meta.json`), so a panel without them is unchanged.
 */
export function AddressSearch({ hub, token, client }: { hub: string; token: string; client: ControlClient | null }) {
  const [available, setAvailable] = useState(false);
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<AddressHit[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const durationS = useTouchNav((s) => s.durationS);

  useEffect(() => {
    let live = true;
    fetch(new URL('/tiles/meta.json', hub), { cache: 'no-cache' })
      .then((r) => (r.ok ? r.json() : null))
      .then((m: { available?: boolean; addresses?: number } | null) => live && setAvailable(Boolean(m?.available && m.addresses)))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [hub]);

  useEffect(() => {
    const text = q.trim();
    if (!available || text.length < 2) {
      setHits(null);
      return;
    }
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      const url = new URL('/api/v1/address', hub);
      url.searchParams.set('q', text);
      fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: ctrl.signal })
        .then(async (r) => {
          const body = (await r.json()) as { results?: AddressHit[]; error?: string };
          if (!r.ok) throw new Error(body.error ?? `HTTP ${r.status}`);
          setHits(body.results ?? []);
          setError(null);
        })
        .catch((e: Error) => {
          if (e.name !== 'AbortError') setError(e.message);
        });
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [q, available, hub, token]);

  if (!available) return null;
  return (
    <section className="side-block address-search" aria-label="Поиск адреса">
      <h2>Адрес</h2>
      <input
        type="search"
        className="address-input"
        placeholder="Гагарина 10"
        aria-label="Улица и дом"
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          setSent(null);
        }}
      />
      {error ? (
        <p className="toast toast-bad" role="status">
          Поиск не удался: {error}
        </p>
      ) : null}
      {hits && hits.length === 0 ? <p className="address-none">Не найдено</p> : null}
      {hits && hits.length > 0 ? (
        <ul className="address-hits">
          {hits.map((h) => (
            <li key={`${h.label}|${h.lon}|${h.lat}`}>
              <button
                type="button"
                className="btn address-hit"
                disabled={!client}
                data-address={h.label}
                onClick={() => {
                  void client?.send(addressCommand(h, durationS));
                  setSent(h.label);
                }}
              >
                {h.label}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {sent ? (
        <p className="address-sent" role="status">
          На стену: {sent}
        </p>
      ) : null}
    </section>
  );
}
