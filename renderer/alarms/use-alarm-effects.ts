/**
 * What an active alarm does besides its cue: `data-alarm` on `<html>`, the optional sound,
 * and the acknowledging key (Enter or Space). A wall window acknowledges on its own screen
 * only; with a control link (a `/presenter` token) it sends `alarm:ack` to the hub, which
 * clears the alarm on every screen through `control:state` (not a critical alarm: the hub
 * wants a comment for it, given on the touch panel).
 */
import { useEffect, useLayoutEffect } from 'react';
import type { AlarmView } from '../worker/frame';
import { acknowledgeLocally } from '../state/ui-store';
import { startAlarmSound } from './alarm-sound';
import type { ControlLink } from './control-link';

export function useAlarmEffects(alarm: AlarmView | null, opts: { sound: boolean; link: ControlLink | null }): void {
  const id = alarm?.id ?? '';
  const wantsSound = Boolean(alarm?.sound && opts.sound);
  // A critical alarm is acknowledged at the hub only with a comment, from the touch panel (issue 15).
  const link = alarm?.severity === 'critical' ? null : opts.link;

  // Before paint: the attribute says what the DOM shows from the moment it shows it (a busy
  // CPU-rasterised page may take a while to paint).
  useLayoutEffect(() => {
    document.documentElement.dataset.alarm = id;
  }, [id]);

  useEffect(() => (id && wantsSound ? startAlarmSound() : undefined), [id, wantsSound]);

  useEffect(() => {
    if (!id) return;
    const onKey = (ev: KeyboardEvent) => {
      if (ev.key !== 'Enter' && ev.key !== ' ') return;
      ev.preventDefault();
      // At once on this screen; the hub's answer (control:state) clears it everywhere.
      acknowledgeLocally(id);
      link?.send({ type: 'alarm:ack', alarmId: id }).then((ack) => {
        if (!ack.ok) console.warn(`alarm ${id}: the hub refused the acknowledgement: ${ack.error ?? ''}`);
      });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [id, link]);
}
