/**
 * What a wall screen shows now, with the overrides on top of the playlist:
 * 1. a presenter or touch-panel command (a scene until a time) while it lasts;
 * 2. else an unacknowledged alarm, which takes the wall over until it is acknowledged;
 * 3. else an alarm rule's wall preset for this screen (issue 15), until the alarm is cleared;
 * 4. else the playlist.
 * Why a command outranks an alarm: it is a person in the room choosing what the room sees now
 * (the curator at the планёрка); the alarm is still returned, so the screen keeps its banner
 * and sound, and the moment the command expires the alarm takes over. The playlist keeps
 * running underneath, so when the overrides end every screen resumes at the same scene.
 */
import { z } from 'zod';
import type { Playlist } from './playlist';
import { SceneSchema, type Scene } from './scene';
import { sceneAt, type SceneSlot } from './scene-at';

const time = z.number().int().nonnegative().max(8.64e15);

/** A command from the presenter or the touch panel: show `scene` until `until` (hub time, Unix ms). */
export const SceneCommandSchema = z.strictObject({
  scene: SceneSchema,
  until: time,
  /** When it was given (hub time); informational. */
  issuedAt: time.optional(),
});

/** A presenter or touch-panel command. */
export type SceneCommand = z.output<typeof SceneCommandSchema>;

/** What of an alarm the scene layer needs (an `Alarm` of `app/alarms/` fits). */
export interface AlarmTakeover {
  readonly id: string;
  /** The scene the alarm shows (e.g. the accident's municipality). */
  readonly scene: Scene;
  readonly since: number;
}

/** Where the shown scene comes from. */
export type SceneSource = 'playlist' | 'alarm' | 'preset' | 'command';

/** The scene a screen shows now. */
export interface ResolvedScene {
  readonly scene: Scene;
  readonly source: SceneSource;
  /** When the shown scene is due to change (hub time); null for an alarm (until acknowledged). */
  readonly endsAt: number | null;
  /** The active alarm, also while a command hides its scene (the screen still shows its cue). */
  readonly alarm: AlarmTakeover | null;
  /** The playlist's slot underneath, always computed. */
  readonly playlist: SceneSlot;
}

/** Inputs of `resolveScene`. */
export interface ResolveSceneInput {
  readonly playlist: Playlist;
  /** Hub time, Unix ms. */
  readonly now: number;
  /** The first unacknowledged alarm (`evaluateAlarms(...)[0]`), if any. */
  readonly alarm?: AlarmTakeover | undefined;
  /** The last command, if any; ignored once `now ≥ until`. */
  readonly command?: SceneCommand | undefined;
  /** A wall preset of an active (maybe acknowledged) alarm for this screen, if any. */
  readonly preset?: { readonly id: string; readonly scene: Scene } | null | undefined;
}

/** The scene to show at `now`: command, else alarm, else playlist (see the file comment). */
export function resolveScene({ playlist, now, alarm, command, preset }: ResolveSceneInput): ResolvedScene {
  const slot = sceneAt(playlist, now);
  const active = alarm ?? null;
  if (command && now < command.until) return { scene: command.scene, source: 'command', endsAt: command.until, alarm: active, playlist: slot };
  // The alarm that holds a preset on this screen shows the preset's scene there.
  if (active) return { scene: preset?.id === active.id ? preset.scene : active.scene, source: 'alarm', endsAt: null, alarm: active, playlist: slot };
  if (preset) return { scene: preset.scene, source: 'preset', endsAt: null, alarm: null, playlist: slot };
  return { scene: slot.scene, source: 'playlist', endsAt: slot.endsAt, alarm: null, playlist: slot };
}
