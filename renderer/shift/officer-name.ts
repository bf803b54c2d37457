/**
 * The name of the officer on duty at this screen, as the shift tools sign with it (a step
 * ticked, a note, a handover confirmed). Kept in `localStorage` so it is typed once per shift;
 * every component that uses it sees a change at once.
 */
import { useSyncExternalStore } from 'react';

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

/** The officer's name ('' until typed). */
export function useOfficerName(): string {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    read,
    () => '',
  );
}
