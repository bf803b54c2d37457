/**
 * The scene this window shows now: `resolveScene` of the playlist at hub time, with the
 * active alarm and the hub's scene command on top (app/scenes/resolve-scene.ts). A pure
 * function of hub time, so every window and every PC switches together without talking to
 * the others: re-evaluated every second and, to the millisecond, at the scheduled switch.
 */
import { useEffect, useReducer } from 'react';
import type { Playlist } from '../../app/scenes/playlist';
import { resolveScene, type ResolvedScene } from '../../app/scenes/resolve-scene';
import type { AlarmView } from '../worker/frame';
import { hubNow, useClock } from '../state/clock-store';
import { useUi } from '../state/ui-store';
import { presetFor } from '../alarms/active-alarm';
import { parseLocation } from '../route';

/** This window's wall screen id (`#/wall/<id>`), for the alarm presets that name screens. */
function screenId(): string {
  const r = parseLocation(window.location.href).route;
  return r.view === 'wall' ? r.screenId : '';
}

export function useResolvedScene(playlist: Playlist, alarm: AlarmView | null): ResolvedScene {
  useClock((s) => s.now);
  const [, wake] = useReducer((x: number) => x + 1, 0);
  const command = useUi((s) => s.control?.scene ?? null);
  const preset = useUi((s) => presetFor(s.alarms.presets, screenId()));
  const resolved = resolveScene({
    playlist,
    now: hubNow(),
    alarm: alarm ? { id: alarm.id, scene: alarm.scene, since: alarm.since } : undefined,
    command: command ? { scene: command.scene, until: command.until } : undefined,
    preset,
  });
  const endsAt = resolved.endsAt;
  useEffect(() => {
    if (endsAt === null) return;
    // +2 ms: wake just past the boundary (the slot's end is exclusive).
    const t = setTimeout(wake, Math.max(0, endsAt - hubNow()) + 2);
    return () => clearTimeout(t);
  }, [endsAt]);
  return resolved;
}
