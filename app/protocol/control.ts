/**
 * The control channel: how the touch panel and the curator drive every wall screen through
 * the hub (the single point of synchronisation). Commands are accepted only on `/touch` and
 * `/presenter`; anything sent from another namespace is refused and audited by the hub.
 *
 * Client → hub: `control:command <ControlCommand>` with ack {@link ControlAck}.
 * Hub → every reading client: `control:state <ControlState>` on connect and after each change.
 */
import { z } from 'zod';
import { SceneSchema } from '../scenes/scene';

const durationS = z
  .number()
  .int()
  .min(5)
  .max(24 * 3600);
const time = z.number().int().nonnegative();
/** A municipality of the republic (its OKTMO code); the one pattern of commands and state alike. */
const oktmo = z.string().regex(/^97\d{6}$/);
/** A point of the republic, [lon, lat]. */
const point = z.tuple([z.number().min(45).max(49.5), z.number().min(54).max(57)]);
const label = z.string().max(200);
/** The zoom to show a point at (an address: ≈ 16, the street basemap); default 11. */
const zoom = z.number().min(3).max(19);

/** What the wall focuses: a municipality, a point, or both, with a caption. */
export const FocusTargetSchema = z
  .strictObject({ oktmo: oktmo.optional(), point: point.optional(), label: label.optional(), zoom: zoom.optional() })
  .refine((f) => f.oktmo !== undefined || f.point !== undefined, 'focus needs oktmo or point');
export type FocusTarget = z.infer<typeof FocusTargetSchema>;

/** Every command the hub accepts. */
export const ControlCommandSchema = z.discriminatedUnion('type', [
  /** Acknowledges an alarm record (issue 15): needs a named officer, and a `comment` for a critical alarm. */
  z.strictObject({ type: z.literal('alarm:ack'), alarmId: z.string().min(1).max(300), comment: z.string().max(1000).optional() }),
  z.strictObject({ type: z.literal('scene:set'), scene: SceneSchema, durationS: durationS.optional() }),
  z.strictObject({ type: z.literal('scene:clear') }),
  z.strictObject({
    type: z.literal('focus:set'),
    oktmo: oktmo.optional(),
    point: point.optional(),
    label: label.optional(),
    durationS: durationS.optional(),
  }),
  z.strictObject({ type: z.literal('focus:clear') }),
  /**
   * «Показать на стене» / «Вернуть стену» in one step: the focus and the scene change together
   * (one `rev`, one `control:state`), so no screen ever shows one without the other. For each
   * of the two: a value sets it for `durationS`, null clears it, absent leaves it as it is.
   */
  z.strictObject({
    type: z.literal('wall:show'),
    focus: FocusTargetSchema.nullable().optional(),
    scene: SceneSchema.nullable().optional(),
    durationS: durationS.optional(),
  }),
  z.strictObject({ type: z.literal('freeze:set'), at: time.nullable() }),
  z.strictObject({ type: z.literal('blackout:set'), on: z.boolean() }),
  z.strictObject({ type: z.literal('replay:start'), from: time, speed: z.number().min(0).max(3600) }),
  z.strictObject({ type: z.literal('replay:stop') }),
  z.strictObject({ type: z.literal('script:step'), script: z.string().min(1).max(64), step: z.number().int().min(0).max(200) }),
]);
export type ControlCommand = z.infer<typeof ControlCommandSchema>;

/**
 * The shared state every screen renders from (`control:state`), checked at every client's
 * boundary with this one schema (the wall's feed worker, the touch panel, the presenter): a
 * malformed state is dropped and the last good one stays. Times are hub time (Unix ms).
 */
export const ControlStateSchema = z.object({
  /** Increments with every accepted command. */
  rev: z.number().int().nonnegative(),
  updatedAt: time,
  /** Alarm ids acknowledged (most recent 500). */
  acknowledged: z.array(z.string().max(300)).max(1000),
  /** A scene forced over the playlist until `until`. */
  scene: z.object({ scene: SceneSchema, until: time }).nullable(),
  /** A municipality or point to fly to and highlight until `until`. */
  focus: z.object({ oktmo: oktmo.optional(), point: point.optional(), label: label.optional(), zoom: zoom.optional(), until: time }).nullable(),
  /** Data frozen at this moment (meeting mode), shown on every screen. */
  frozenAt: time.nullable(),
  blackout: z.boolean(),
  /** Replay of the log: hub time `startedAt` shows `from`, advancing `speed`× real time (absent from a hub before replays: live). */
  replay: z
    .object({ from: time, speed: z.number().min(0).max(3600), startedAt: time })
    .nullable()
    .default(null),
  /** Current meeting-script step. */
  script: z
    .object({ script: z.string().max(64), step: z.number().int().nonnegative() })
    .nullable()
    .default(null),
});
export type ControlState = z.output<typeof ControlStateSchema>;

/** The control state, or null when `raw` is not one. */
export function parseControlState(raw: unknown): ControlState | null {
  const r = ControlStateSchema.safeParse(raw);
  return r.success ? r.data : null;
}

/** True while an override (scene or focus) is in force at hub time `now`. */
export function overrideActive(o: { until: number } | null, now: number): boolean {
  return o !== null && now < o.until;
}

export interface ControlAck {
  ok: boolean;
  error?: string;
  rev?: number;
}

export interface ControlClientEvents {
  'control:command': (cmd: unknown, ack: (res: ControlAck) => void) => void;
}
export interface ControlServerEvents {
  'control:state': (state: ControlState) => void;
}

/** The state of a fresh hub. */
export function initialControlState(now: number): ControlState {
  return { rev: 0, updatedAt: now, acknowledged: [], scene: null, focus: null, frozenAt: null, blackout: false, replay: null, script: null };
}

/** Default override time for a scene or focus without `durationS` (then the playlist resumes). */
export const DEFAULT_OVERRIDE_S = 120;
const MAX_ACKNOWLEDGED = 500;

/**
 * Applies one validated command to the state (pure). The hub calls it; tests call it.
 */
export function applyControl(state: ControlState, cmd: ControlCommand, now: number): ControlState {
  const next: ControlState = { ...state, rev: state.rev + 1, updatedAt: now };
  switch (cmd.type) {
    case 'alarm:ack':
      next.acknowledged = [...state.acknowledged.filter((a) => a !== cmd.alarmId), cmd.alarmId].slice(-MAX_ACKNOWLEDGED);
      break;
    case 'scene:set':
      next.scene = { scene: cmd.scene, until: now + (cmd.durationS ?? DEFAULT_OVERRIDE_S) * 1000 };
      break;
    case 'scene:clear':
      next.scene = null;
      break;
    case 'focus:set':
      next.focus = {
        ...(cmd.oktmo ? { oktmo: cmd.oktmo } : {}),
        ...(cmd.point ? { point: cmd.point } : {}),
        ...(cmd.label ? { label: cmd.label } : {}),
        until: now + (cmd.durationS ?? DEFAULT_OVERRIDE_S) * 1000,
      };
      break;
    case 'focus:clear':
      next.focus = null;
      break;
    case 'wall:show': {
      const until = now + (cmd.durationS ?? DEFAULT_OVERRIDE_S) * 1000;
      if (cmd.focus !== undefined) next.focus = cmd.focus && { ...cmd.focus, until };
      if (cmd.scene !== undefined) next.scene = cmd.scene && { scene: cmd.scene, until };
      break;
    }
    case 'freeze:set':
      next.frozenAt = cmd.at;
      break;
    case 'blackout:set':
      next.blackout = cmd.on;
      break;
    case 'replay:start':
      next.replay = { from: cmd.from, speed: cmd.speed, startedAt: now };
      break;
    case 'replay:stop':
      next.replay = null;
      break;
    case 'script:step':
      next.script = { script: cmd.script, step: cmd.step };
      break;
  }
  return next;
}
