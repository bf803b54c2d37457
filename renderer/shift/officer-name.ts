/**
 * The name of the officer on duty at this screen, as the shift tools sign with it (a step
 * ticked, a note, a handover confirmed): the officer signed in on this page (PIN or a named
 * token, `officer:state`) when there is one, else a name typed here, kept in `localStorage` so
 * it is typed once per shift; every component that uses it sees a change at once.
 */
import { useSyncExternalStore } from 'react';
import { useControl } from '../control/control-store';

const KEY = 'cur-officer-name';
const listeners = new Set<() => void>();

function read(): string {
  try {
    return localStorage.getItem(KEY) ?? '';
  } catch {
    return '';
  }
}

/** Sets the name (trimmed, at most 200 characters). */
export function setOfficerName(name: string): void {
  try {
    localStorage.setItem(KEY, name.slice(0, 200));
  } catch {
    // private mode: the name lives as long as the page
  }
  for (const l of listeners) l();
}

/** The name typed on this page ('' until typed). */
export function useTypedOfficerName(): string {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    read,
    () => '',
  );
}

/** The signed-in officer's name on this page, or null (no control connection, nobody signed in). */
export function useSignedInOfficer(): string | null {
  return useControl((s) => s.officer?.person?.name ?? null);
}

/** The name the shift tools sign with: the signed-in officer's, else the typed one ('' when neither). */
export function useOfficerName(): string {
  const signed = useSignedInOfficer();
  const typed = useTypedOfficerName();
  return signed ?? typed;
}
