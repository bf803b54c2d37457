/**
 * The hub's `control:state` checked at the boundary (the worker receives it): the shape the
 * wall reads (acknowledged alarms, scene override, focus, freeze, replay, blackout), anything else
 * passed through untouched. A malformed state is dropped and the last good one stays.
 */
import { z } from 'zod';
import type { ControlState } from '../../app/protocol/control';
import { SceneSchema } from '../../app/scenes/scene';

const time = z.number().finite();

const ControlStateShape = z.looseObject({
  rev: z.number().int(),
  updatedAt: time,
  acknowledged: z.array(z.string().max(200)).max(1000),
  scene: z.looseObject({ scene: SceneSchema, until: time }).nullable(),
  focus: z.looseObject({ oktmo: z.string().regex(/^\d{8}$/).optional(), until: time }).nullable(),
  frozenAt: time.nullable(),
  blackout: z.boolean(),
  // Optional: a hub from before replays (issue 7) sends none, which means live.
  replay: z.looseObject({ from: time, speed: z.number().min(0).max(3600), startedAt: time }).nullable().optional(),
});

/** The control state, or null when `raw` is not one. */
export function parseControlState(raw: unknown): ControlState | null {
  const r = ControlStateShape.safeParse(raw);
  return r.success ? (r.data as unknown as ControlState) : null;
}
