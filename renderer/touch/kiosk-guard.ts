/**
 * No way out of the touch panel into the operating system or the browser (issue 7): no context
 * menu, no text selection or dragging, no browser zoom, and the browser's back (a mouse back
 * button, Alt+←, a history swipe) becomes the app's own back and can never leave the page.
 * Electron's kiosk window closes the rest (main/); this covers a browser-mode panel too.
 */
import { useEffect, useRef } from 'react';
import { IDLE_RESET_MS } from './touch-config';

export function useKioskGuard(onBack: () => void): void {
  const backRef = useRef(onBack);
  backRef.current = onBack;
  useEffect(() => {
    const prevent = (e: Event) => e.preventDefault();
    const wheel = (e: WheelEvent) => {
      if (e.ctrlKey) e.preventDefault();
    };
    const keys = (e: KeyboardEvent) => {
      const inField = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement;
      if ((e.altKey && e.key === 'ArrowLeft') || (e.key === 'Backspace' && !inField) || e.key === 'BrowserBack') {
        e.preventDefault();
        backRef.current();
      } else if ((e.ctrlKey || e.metaKey) && ['+', '-', '=', '0', 'p', 's', 'o', 'u'].includes(e.key.toLowerCase())) e.preventDefault();
    };
    // Every history step back lands on our own entry again: the page never leaves.
    history.pushState({ curTouch: true }, '');
    const pop = () => {
      history.pushState({ curTouch: true }, '');
      backRef.current();
    };
    const opts = { capture: true } as const;
    for (const ev of ['contextmenu', 'selectstart', 'dragstart', 'auxclick']) document.addEventListener(ev, prevent, opts);
    window.addEventListener('wheel', wheel, { passive: false });
    window.addEventListener('keydown', keys, opts);
    window.addEventListener('popstate', pop);
    return () => {
      for (const ev of ['contextmenu', 'selectstart', 'dragstart', 'auxclick']) document.removeEventListener(ev, prevent, opts);
      window.removeEventListener('wheel', wheel);
      window.removeEventListener('keydown', keys, opts);
      window.removeEventListener('popstate', pop);
    };
  }, []);
}

/** Calls `onIdle` after `ms` without a touch, a click or a key. */
export function useIdleReset(onIdle: () => void, ms = IDLE_RESET_MS): void {
  const idleRef = useRef(onIdle);
  idleRef.current = onIdle;
  useEffect(() => {
    let timer = setTimeout(() => idleRef.current(), ms);
    const poke = () => {
      clearTimeout(timer);
      timer = setTimeout(() => idleRef.current(), ms);
    };
    window.addEventListener('pointerdown', poke, true);
    window.addEventListener('keydown', poke, true);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('pointerdown', poke, true);
      window.removeEventListener('keydown', poke, true);
    };
  }, [ms]);
}
