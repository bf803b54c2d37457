/**
 * The wall layout config: which screens exist and what each shows. This is the first cut
 * (foundation); the multi-monitor issue extends it with grid, physical sizes and bezels.
 * Errors name the field, in Russian and English, so an operator can fix the file.
 */
import { z } from 'zod';

const ScreenBoundsSchema = z.strictObject({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(200).max(16384),
  height: z.number().int().min(200).max(16384),
});

/** One physical screen of the wall. */
export const WallScreenSchema = z.strictObject({
  /** Screen id used in the route `#/wall/<id>`; lower-case latin, digits and dashes. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'id: латиница в нижнем регистре, цифры и дефис / lower-case latin, digits, dashes'),
  /** What the screen shows. */
  view: z.enum(['wall', 'touch']).default('wall'),
  /** Desktop rectangle of the display, in pixels; omitted = the screen takes the display with its index. */
  bounds: ScreenBoundsSchema.optional(),
});

/** The whole wall. */
export const WallLayoutSchema = z
  .strictObject({
    name: z.string().min(1).max(100),
    /** Distance from the duty shift's desks to the wall, metres (drives the type scale). */
    viewingDistanceM: z.number().min(0.3).max(30).default(4),
    screens: z.array(WallScreenSchema).min(1).max(64),
  })
  .superRefine((layout, ctx) => {
    const seen = new Set<string>();
    layout.screens.forEach((s, i) => {
      if (seen.has(s.id)) ctx.addIssue({ code: 'custom', path: ['screens', i, 'id'], message: `повторяющийся id «${s.id}» / duplicate id` });
      seen.add(s.id);
    });
  });

export type WallScreen = z.infer<typeof WallScreenSchema>;
export type WallLayout = z.infer<typeof WallLayoutSchema>;

/** The layout used when none is configured: one wall screen `main`. */
export const DEFAULT_WALL_LAYOUT: WallLayout = { name: 'Один экран', viewingDistanceM: 4, screens: [{ id: 'main', view: 'wall' }] };

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** Formats the first problems of a zod error as `field.path: message` lines. */
export function describeIssues(error: z.ZodError, max = 5): string {
  return error.issues
    .slice(0, max)
    .map((i) => `${i.path.length ? i.path.join('.') : '(корень)'}: ${i.message}`)
    .join('; ');
}

/** Validates a parsed JSON value as a wall layout; the error names the field. */
export function parseWallLayout(json: unknown): ParseResult<WallLayout> {
  const r = WallLayoutSchema.safeParse(json);
  return r.success ? { ok: true, value: r.data } : { ok: false, error: `Ошибка в раскладке стены / wall layout error: ${describeIssues(r.error)}` };
}
