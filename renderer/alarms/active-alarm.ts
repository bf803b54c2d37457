/**
 * The alarm that holds the wall: the most urgent one up that nobody acknowledged, neither on
 * the touch panel (the hub's `control:state.acknowledged`, every screen) nor by a key on this
 * window. The worker leaves out hub acknowledgements too; checking here as well clears the
 * cue at once, without waiting for the worker's next pass.
 */
import type { AlarmPresetView, AlarmView } from '../worker/frame';
import type { UiState } from '../state/ui-store';

export function activeAlarm(s: Pick<UiState, 'alarms' | 'localAcks' | 'control'>): AlarmView | null {
  const acked = s.control?.acknowledged;
  return s.alarms.top.find((a) => !s.localAcks.includes(a.id) && !acked?.includes(a.id)) ?? null;
}

/** How many alarms are up besides the active one (acknowledged ones left out). */
export function otherAlarms(s: Pick<UiState, 'alarms' | 'localAcks' | 'control'>): number {
  const acked = s.control?.acknowledged ?? [];
  const ackedShown = s.alarms.top.filter((a) => s.localAcks.includes(a.id) || acked.includes(a.id)).length;
  return Math.max(0, s.alarms.count - ackedShown - 1);
}

/** The wall preset this screen shows now (the most urgent active record's for it), or null (issue 15). */
export function presetFor(presets: readonly AlarmPresetView[] | undefined, screenId: string): AlarmPresetView | null {
  return presets?.find((p) => p.screens === null || p.screens.includes(screenId)) ?? null;
}
