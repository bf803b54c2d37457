/**
 * The wall layout config: the physical wall (screens on a grid, their resolution, panel size
 * and bezels in mm, the display each one is, the PC that drives it), what each screen shows,
 * and the viewing distance. Read by main (which windows on which displays), by the geometry
 * (one map across several screens) and by the type scale.
 *
 * Errors name the field, in Russian and English, so an operator can fix the file:
 * `screens.2.bezelMm.left: обязательное поле / required`.
 *
 * Compatible with the first cut (foundation): `{name, viewingDistanceM, screens: [{id, view,
 * bounds}]}` is still a valid layout and means what it meant.
 */
import { z } from 'zod';
import { describeIssues } from '../protocol/issues';

const ID_RE = /^[a-z0-9][a-z0-9-]{0,31}$/;
const ID_MESSAGE = 'латиница в нижнем регистре, цифры и дефис, до 32 символов / lower-case latin, digits, dashes, up to 32 characters';
const idSchema = z.string().regex(ID_RE, ID_MESSAGE);

const ScreenBoundsSchema = z.strictObject({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(200).max(16384),
  height: z.number().int().min(200).max(16384),
});

/** Place on the wall's grid: column and row of the top-left cell, counted from 0 at the top left. */
export const GridPlaceSchema = z.strictObject({
  col: z.number().int().min(0).max(63),
  row: z.number().int().min(0).max(63),
  /** Cells the screen covers to the right. @default 1 */
  colSpan: z.number().int().min(1).max(16).default(1),
  /** Cells the screen covers downwards. @default 1 */
  rowSpan: z.number().int().min(1).max(16).default(1),
});

/** Pixels of the panel (its native mode), e.g. 1920×1080. */
export const ResolutionSchema = z.strictObject({
  width: z.number().int().min(320).max(16384),
  height: z.number().int().min(200).max(16384),
});

/** The lit picture area of a panel in mm (not the outer frame), e.g. 1209.6×680.4 for a 55" FHD panel. */
export const SizeMmSchema = z.strictObject({
  width: z.number().positive().max(20_000),
  height: z.number().positive().max(20_000),
});

/** Width of the frame around the picture on each side, in mm (0 for a seamless LED wall). */
export const BezelMmSchema = z.strictObject({
  top: z.number().min(0).max(500),
  right: z.number().min(0).max(500),
  bottom: z.number().min(0).max(500),
  left: z.number().min(0).max(500),
});

/**
 * How to find the screen's display without trusting the OS's display ids (they change after a
 * reboot, a driver update or a cable swap). `point`: a desktop point that lies on the display
 * (e.g. its top-left corner); `size`: the display's size in DIP; `id`: only a tie-breaker.
 */
export const DisplayHintSchema = z
  .strictObject({
    point: z.strictObject({ x: z.number().int(), y: z.number().int() }).optional(),
    size: z.strictObject({ width: z.number().int().min(200).max(16384), height: z.number().int().min(200).max(16384) }).optional(),
    id: z.number().int().optional(),
  })
  .refine((d) => d.point !== undefined || d.size !== undefined || d.id !== undefined, {
    message: 'укажите point, size или id / give point, size or id',
  });

/** The playlists built into the renderer (renderer/wall/wall-config.ts); the hub's `playlists` document may name more. */
export const PLAYLIST_NAMES = ['default', 'test'] as const;

/** A playlist's name: one of the hub's `playlists` document (issue 12; the same rule as its keys). */
export const PLAYLIST_NAME_RE = /^[a-z0-9][a-z0-9-]{0,31}$/;

/** What a screen shows. */
export const ScreenShowsSchema = z.discriminatedUnion(
  'type',
  [
    /** A viewport of one map that may span several screens; screens with the same `region` form one virtual canvas. */
    z.strictObject({ type: z.literal('map-region'), region: idSchema }),
    /** A panel (rating, list, chart…) by name. */
    z.strictObject({ type: z.literal('panel'), panel: z.string().min(1).max(64) }),
    /**
     * A scene playlist by name: one of the hub's `playlists` document (issue 12), or the
     * built-in `default` (day and night rotation) and `test` (5-second dwell for checks). Rotation
     * is a pure function of hub time, so all screens switch together. A name the hub's document
     * lacks is said on the wall (renderer/scenes/use-live-playlist.ts), not silently replaced.
     */
    z.strictObject({
      type: z.literal('playlist'),
      playlist: z
        .string()
        .regex(
          PLAYLIST_NAME_RE,
          'имя плейлиста: латиница в нижнем регистре, цифры и дефис, до 32 символов / playlist name: lower-case latin, digits and dashes',
        ),
    }),
    /** The touch panel of the duty shift. */
    z.strictObject({ type: z.literal('touch') }),
  ],
  { error: 'одно из map-region, panel, playlist, touch / one of map-region, panel, playlist, touch' },
);
export type ScreenShows = z.infer<typeof ScreenShowsSchema>;

const PcIdSchema = z.string().regex(ID_RE, ID_MESSAGE);

const WallScreenInputSchema = z
  .strictObject({
    /** Screen id used in the route `#/wall/<id>`; lower-case latin, digits and dashes. */
    id: idSchema,
    /** Legacy switch between the wall and the touch panel; `shows` says more. @default 'wall' */
    view: z.enum(['wall', 'touch']).optional(),
    /** What the screen shows. @default a map of its own (`{type:'map-region', region: <id>}`), or the touch panel when `view` is `touch`. */
    shows: ScreenShowsSchema.optional(),
    /** Exact desktop rectangle of the window (DIP); lets one display carry several screens. Omitted: the whole display found by `display` (or by order). */
    bounds: ScreenBoundsSchema.optional(),
    /** How to find the display; see {@link DisplayHintSchema}. */
    display: DisplayHintSchema.optional(),
    /** Place on the wall's grid. */
    grid: GridPlaceSchema.optional(),
    resolution: ResolutionSchema.optional(),
    sizeMm: SizeMmSchema.optional(),
    bezelMm: BezelMmSchema.optional(),
    /** The PC that drives this screen (its `--pc=` option). Either every screen names one or none does. */
    pc: PcIdSchema.optional(),
    /** Overrides the layout's viewing distance for this screen (a touch panel is read from 0.5 m). */
    viewingDistanceM: z.number().min(0.2).max(50).optional(),
    /** This screen's window beeps for alarms whose rule asks for sound; give it to one screen (else every screen beeps). @default false */
    sound: z.boolean().optional(),
  })
  .superRefine((s, ctx) => {
    if (s.view === 'touch' && s.shows && s.shows.type !== 'touch') {
      ctx.addIssue({
        code: 'custom',
        path: ['shows'],
        message: `view «touch» и shows «${s.shows.type}» противоречат друг другу / view "touch" contradicts shows "${s.shows.type}"`,
      });
    }
    if (s.view === 'wall' && s.shows?.type === 'touch') {
      ctx.addIssue({ code: 'custom', path: ['shows'], message: 'view «wall» и shows «touch» противоречат друг другу / view "wall" contradicts shows "touch"' });
    }
    if (s.bounds && s.display) {
      ctx.addIssue({ code: 'custom', path: ['display'], message: 'либо bounds, либо display / give either bounds or display, not both' });
    }
    if (s.resolution && s.sizeMm) {
      // Square pixels: a typo in mm or px shows up as different pitches across and down.
      const px = s.sizeMm.width / s.resolution.width;
      const py = s.sizeMm.height / s.resolution.height;
      if (Math.abs(px - py) / Math.max(px, py) > 0.02) {
        ctx.addIssue({
          code: 'custom',
          path: ['sizeMm'],
          message: `шаг пикселя по ширине ${px.toFixed(4)} мм и по высоте ${py.toFixed(4)} мм различаются: проверьте sizeMm и resolution / pixel pitch across (${px.toFixed(4)} mm) and down (${py.toFixed(4)} mm) differ: check sizeMm and resolution`,
        });
      }
    }
  })
  .transform((s) => {
    const shows: ScreenShows = s.shows ?? (s.view === 'touch' ? { type: 'touch' } : { type: 'map-region', region: s.id });
    return { ...s, shows, view: shows.type === 'touch' ? ('touch' as const) : ('wall' as const) };
  });

/** One physical screen of the wall (after defaults: `shows` and `view` always set, and consistent). */
export const WallScreenSchema = WallScreenInputSchema;

export type WallScreen = z.infer<typeof WallScreenSchema>;
export type GridPlace = z.infer<typeof GridPlaceSchema>;

/** Two numbers that must agree, e.g. the pixel pitch of two panels of one map. */
const agree = (a: number, b: number, tolerance: number): boolean => Math.abs(a - b) <= tolerance;

/** The whole wall. */
export const WallLayoutSchema = z
  .strictObject({
    name: z.string().min(1).max(100),
    /** Distance from the duty shift's desks to the wall, metres (drives the type scale). @default 4 */
    viewingDistanceM: z.number().min(0.3).max(50).default(4),
    screens: z.array(WallScreenSchema).min(1).max(64),
    /**
     * Lets the wall app talk to a hub on another machine over plain http/ws (no TLS): tokens
     * and the feed then cross the network readable. Loopback hubs never need it. @default false
     */
    insecure: z.boolean().optional(),
    /**
     * The other hub nodes of a cluster (issue 16, docs/deploy/cluster.md), e.g.
     * `["https://hub-b.cur.local:8400"]`: the wall's feed moves to them in turn when its hub
     * (`--hub`) is lost. Each must pass the same transport rule as the hub (TLS unless loopback
     * or `insecure`). @default []
     */
    hubs: z.array(z.string().min(1).max(300)).max(16).optional(),
  })
  .superRefine((layout, ctx) => {
    const { screens } = layout;
    // zod runs this even when a screen failed to parse (no defaults then): those errors come first.
    if (!Array.isArray(screens) || !screens.every((s) => typeof s === 'object' && s !== null && typeof s.shows === 'object')) return;
    const seen = new Map<string, number>();
    screens.forEach((s, i) => {
      const first = seen.get(s.id);
      if (first !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['screens', i, 'id'],
          message: `повторяющийся id «${s.id}» (как у screens.${first}) / duplicate id, same as screens.${first}`,
        });
      else seen.set(s.id, i);
    });

    // Either every screen names its PC or none does: a screen without one would be opened by
    // every PC of a multi-PC wall.
    const withPc = screens.findIndex((s) => s.pc !== undefined);
    if (withPc >= 0) {
      screens.forEach((s, i) => {
        if (s.pc === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['screens', i, 'pc'],
            message: `обязательное поле: screens.${withPc} указывает ПК, значит и этот экран должен / required: screens.${withPc} names its PC, so every screen must`,
          });
        }
      });
    }

    // One grid: no cell is covered twice.
    const cells = new Map<string, number>();
    screens.forEach((s, i) => {
      if (!s.grid) return;
      const { col, row, colSpan, rowSpan } = s.grid;
      for (let r = row; r < row + rowSpan; r++) {
        for (let c = col; c < col + colSpan; c++) {
          const other = cells.get(`${c},${r}`);
          if (other !== undefined) {
            ctx.addIssue({
              code: 'custom',
              path: ['screens', i, 'grid'],
              message: `ячейка col ${c}, row ${r} уже занята screens.${other} («${screens[other]?.id}») / cell col ${c}, row ${r} is taken by screens.${other}`,
            });
            return;
          }
          cells.set(`${c},${r}`, i);
        }
      }
    });

    // A map spanning several screens needs the physical wall to be bezel-compensated, and one
    // pixel pitch and one grid cell across it (else a straight road bends at the seams).
    for (const [region, members] of mapRegions(layout)) {
      if (members.length < 2) continue;
      let complete = true;
      for (const i of members) {
        const s = screens[i]!;
        for (const field of ['grid', 'resolution', 'sizeMm', 'bezelMm'] as const) {
          if (s[field] === undefined) {
            complete = false;
            ctx.addIssue({
              code: 'custom',
              path: ['screens', i, field],
              message: `обязательное поле для экрана общей карты «${region}» (${field === 'bezelMm' ? '0 для бесшовной стены' : 'нужно для стыковки экранов'}) / required for a screen of the spanning map "${region}"${field === 'bezelMm' ? ' (0 for a seamless wall)' : ''}`,
            });
          }
        }
      }
      if (!complete) continue;
      const ref = members[0]!;
      const refPhys = physicalOf(screens[ref]!)!;
      for (const i of members.slice(1)) {
        const p = physicalOf(screens[i]!)!;
        // The screen's picture must agree with the reference pitch to within half a pixel.
        const widthAtRefPitch = p.sizeMm.width / refPhys.pitchX;
        const heightAtRefPitch = p.sizeMm.height / refPhys.pitchY;
        if (!agree(widthAtRefPitch, p.resolution.width, 0.5) || !agree(heightAtRefPitch, p.resolution.height, 0.5)) {
          ctx.addIssue({
            code: 'custom',
            path: ['screens', i, 'sizeMm'],
            message: `шаг пикселя ${p.pitchX.toFixed(4)} мм не совпадает с ${refPhys.pitchX.toFixed(4)} мм у screens.${ref} («${screens[ref]!.id}») той же карты «${region}» / pixel pitch ${p.pitchX.toFixed(4)} mm differs from ${refPhys.pitchX.toFixed(4)} mm of screens.${ref}, same map`,
          });
          continue;
        }
        // One grid cell size (outer size, frame included, per spanned cell), to 0.5 mm.
        if (!agree(p.cellMm.width, refPhys.cellMm.width, 0.5) || !agree(p.cellMm.height, refPhys.cellMm.height, 0.5)) {
          ctx.addIssue({
            code: 'custom',
            path: ['screens', i, 'bezelMm'],
            message: `ячейка сетки с рамкой ${fmtMm(p.cellMm)} мм не совпадает с ${fmtMm(refPhys.cellMm)} мм у screens.${ref} («${screens[ref]!.id}»): проверьте sizeMm, bezelMm и grid.colSpan/rowSpan / grid cell with frame ${fmtMm(p.cellMm)} mm differs from ${fmtMm(refPhys.cellMm)} mm of screens.${ref}: check sizeMm, bezelMm and the spans`,
          });
        }
      }
    }
  });

const fmtMm = (s: { width: number; height: number }): string => `${s.width.toFixed(1)}×${s.height.toFixed(1)}`;

export type WallLayout = z.infer<typeof WallLayoutSchema>;

/** Map region id → indices of its screens in `layout.screens`, in layout order. */
export function mapRegions(layout: Pick<WallLayout, 'screens'>): Map<string, number[]> {
  const regions = new Map<string, number[]>();
  layout.screens.forEach((s, i) => {
    if (s.shows.type !== 'map-region') return;
    const list = regions.get(s.shows.region) ?? [];
    list.push(i);
    regions.set(s.shows.region, list);
  });
  return regions;
}

/** The physical facts the geometry needs about one screen, when the layout gives them. */
export interface ScreenPhysical {
  grid: GridPlace;
  resolution: { width: number; height: number };
  sizeMm: { width: number; height: number };
  bezelMm: { top: number; right: number; bottom: number; left: number };
  /** mm per pixel across and down. */
  pitchX: number;
  pitchY: number;
  /** Outer size (picture + frame) of one grid cell the screen covers, in mm. */
  cellMm: { width: number; height: number };
}

/** The screen's physical facts, or undefined when the layout lacks grid, resolution or size (bezels default to 0 here). */
export function physicalOf(s: WallScreen): ScreenPhysical | undefined {
  if (!s.grid || !s.resolution || !s.sizeMm) return undefined;
  const bezelMm = s.bezelMm ?? { top: 0, right: 0, bottom: 0, left: 0 };
  return {
    grid: s.grid,
    resolution: s.resolution,
    sizeMm: s.sizeMm,
    bezelMm,
    pitchX: s.sizeMm.width / s.resolution.width,
    pitchY: s.sizeMm.height / s.resolution.height,
    cellMm: {
      width: (s.sizeMm.width + bezelMm.left + bezelMm.right) / s.grid.colSpan,
      height: (s.sizeMm.height + bezelMm.top + bezelMm.bottom) / s.grid.rowSpan,
    },
  };
}

/** The layout used when none is configured: one wall screen `main` showing its own map. */
export const DEFAULT_WALL_LAYOUT: WallLayout = {
  name: 'Один экран',
  viewingDistanceM: 4,
  screens: [{ id: 'main', view: 'wall', shows: { type: 'map-region', region: 'main' } }],
};

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** Validates a parsed JSON value as a wall layout; the error names the field. */
export function parseWallLayout(json: unknown): ParseResult<WallLayout> {
  const r = WallLayoutSchema.safeParse(json);
  return r.success ? { ok: true, value: r.data } : { ok: false, error: `Ошибка в раскладке стены / wall layout error: ${describeIssues(r.error)}` };
}
