/**
 * The runtime schema of `control:state` (app/protocol/control.ts declares only its type): the
 * page checks every payload at the boundary and keeps the last good state on a bad one.
 */
import { z } from 'zod';
import type { ControlState } from '../../app/protocol/control';
import { SceneSchema } from '../../app/scenes/scene';

const time = z.number().int().nonnegative();

/** `control:state` as the hub sends it. */
export const ControlStateSchema: z.ZodType<ControlState> = z.object({
  rev: z.number().int().nonnegative(),
  updatedAt: time,
  acknowledged: z.array(z.string().max(200)).max(1000),
  scene: z.object({ scene: SceneSchema, until: time }).nullable(),
  focus: z
    .object({
      oktmo: z.string().regex(/^97\d{6}$/).optional(),
      point: z.tuple([z.number(), z.number()]).optional(),
      label: z.string().max(200).optional(),
      until: time,
    })
    .nullable(),
  frozenAt: time.nullable(),
  blackout: z.boolean(),
  replay: z.object({ from: time, speed: z.number().min(0).max(3600), startedAt: time }).nullable(),
  script: z.object({ script: z.string().max(64), step: z.number().int().nonnegative() }).nullable(),
});

/** True while an override (scene or focus) is in force at hub time `now`. */
export function overrideActive(o: { until: number } | null, now: number): boolean {
  return o !== null && now < o.until;
}
