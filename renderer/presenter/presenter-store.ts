/** The presenter's session: which script is open and which of its steps is shown. */
import { create } from 'zustand';
import { DEFAULT_MEETING_SCRIPTS, type MeetingScript } from '../../app/meetings/meeting-script';
import { useHubConfig } from '../state/live-config-store';

export interface PresenterState {
  scriptId: string;
  step: number;
}

export const usePresenter = create<PresenterState>(() => ({ scriptId: DEFAULT_MEETING_SCRIPTS[0]!.id, step: 0 }));

/** The script with this id among `scripts` (by default the hub's current `meeting-scripts`), else the first. */
export function scriptById(id: string, scripts: readonly MeetingScript[] = useHubConfig.getState().meetingScripts): MeetingScript {
  return scripts.find((s) => s.id === id) ?? scripts[0]!;
}
