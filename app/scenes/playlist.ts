/**
 * The scene playlist as configuration: parts of the day (dayparts) in Moscow time, each with
 * its own list of scenes and dwell times (issue 5: a night profile with a shorter list and a
 * longer dwell). Validation names the field in Russian and English, like the wall layout.
 */
import { z } from 'zod';
import { SceneSchema } from './scene';

/** Minutes in a day. */
export const DAY_MINUTES = 1440;

const CLOCK_RE = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const clock = z.string().regex(CLOCK_RE, 'время ЧЧ:ММ по Москве, 00:00–24:00 / Moscow time HH:MM, 00:00–24:00');
const dwell = z.number().int().min(5, 'не меньше 5 с / at least 5 s').max(3600, 'не больше 3600 с / at most 3600 s');
const partId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'латиница в нижнем регистре, цифры и дефис / lower-case latin, digits, dashes');

/** One entry of a daypart: a scene and, optionally, its own dwell time. A bare scene is shorthand for `{scene}`. */
export const PlaylistEntrySchema = z.preprocess(
  (v) => (typeof v === 'string' ? { scene: v } : v),
  z.strictObject({
    scene: SceneSchema,
    /** Seconds on screen; the daypart's `dwellS` when absent. */
    dwellS: dwell.optional(),
  }),
);

/**
 * A part of the day with its scenes. `from`–`to` is Moscow wall-clock time; `to` before `from`
 * wraps over midnight (22:00–07:00); `from` equal to `to` means the whole day.
 */
export const DaypartSchema = z.strictObject({
  id: partId,
  /** Russian name for the presenter and diagnostics, e.g. «Ночь». */
  label: z.string().max(60).optional(),
  from: clock,
  to: clock,
  /** The wall's palette in this part of the day (app/ui/palette.ts `PALETTES`). @default 'day' */
  palette: z.enum(['day', 'night']).optional(),
  /** Seconds each scene stays on screen unless the entry says otherwise. @default 30 */
  dwellS: dwell.default(30),
  scenes: z.array(PlaylistEntrySchema).min(1, 'хотя бы одна сцена / at least one scene').max(64),
});

/** Minute of the day of `HH:MM` (`24:00` is 1440). */
export function clockMinutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/** True when the daypart `from`–`to` covers minute `m` (0–1439) of the Moscow day. */
export function daypartCovers(part: { readonly from: string; readonly to: string }, m: number): boolean {
  const from = clockMinutes(part.from) % DAY_MINUTES;
  const to = clockMinutes(part.to) % DAY_MINUTES;
  if (from === to) return true;
  return from < to ? m >= from && m < to : m >= from || m < to;
}

/**
 * For each minute of the Moscow day (0–1439), the index of the first daypart that covers it,
 * or −1: the table both validation and the schedule read.
 */
export function minuteOwners(dayparts: ReadonlyArray<{ readonly from: string; readonly to: string }>): Int16Array {
  const owners = new Int16Array(DAY_MINUTES).fill(-1);
  // Last to first, so the first daypart that covers a minute is the one left standing.
  for (let i = dayparts.length - 1; i >= 0; i--) {
    const from = clockMinutes(dayparts[i]!.from) % DAY_MINUTES;
    const to = clockMinutes(dayparts[i]!.to) % DAY_MINUTES;
    for (let m = 0; m < DAY_MINUTES; m++) {
      if (from === to || (from < to ? m >= from && m < to : m >= from || m < to)) owners[m] = i;
    }
  }
  return owners;
}

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/**
 * The playlist. Dayparts are tried in order and the first that covers a minute wins, so a
 * night profile listed before a whole-day one overrides it at night. Every minute of the day
 * must be covered, and every daypart must win somewhere (else it is a mistake in the file).
 */
export const PlaylistSchema = z.strictObject({ dayparts: z.array(DaypartSchema).min(1).max(16) }).superRefine(({ dayparts }, ctx) => {
  const seen = new Set<string>();
  dayparts.forEach((p, i) => {
    if (seen.has(p.id)) ctx.addIssue({ code: 'custom', path: ['dayparts', i, 'id'], message: `повтор id «${p.id}» / duplicate id «${p.id}»` });
    seen.add(p.id);
  });
  // A malformed clock time is reported by its field; coverage cannot be judged without it.
  if (dayparts.some((p) => !CLOCK_RE.test(p.from) || !CLOCK_RE.test(p.to))) return;
  const owner = minuteOwners(dayparts);
  const gapStart = owner.findIndex((o, m) => o < 0 && owner[(m + DAY_MINUTES - 1) % DAY_MINUTES]! >= 0);
  if (owner.every((o) => o < 0) || gapStart >= 0) {
    const start = Math.max(0, gapStart);
    let end = start;
    while (owner[end % DAY_MINUTES]! < 0 && end < start + DAY_MINUTES) end++;
    const span = `${hhmm(start)}–${hhmm(end % DAY_MINUTES)}`;
    ctx.addIssue({ code: 'custom', path: ['dayparts'], message: `${span} не покрыто ни одной частью суток / ${span} is not covered by any daypart` });
    return;
  }
  const wins = dayparts.map((_, i) => owner.includes(i));
  wins.forEach((w, i) => {
    if (!w)
      ctx.addIssue({
        code: 'custom',
        path: ['dayparts', i],
        message: 'никогда не действует: её время занято предыдущими / never active: earlier dayparts cover all its time',
      });
  });
});

/** A validated playlist (defaults filled in). */
export type Playlist = z.output<typeof PlaylistSchema>;
/** A daypart of a validated playlist. */
export type Daypart = Playlist['dayparts'][number];
/** A playlist as written in a config file (before defaults). */
export type PlaylistInput = z.input<typeof PlaylistSchema>;

/**
 * The default playlist. Day (07:00–22:00): the full rotation, 4 minutes a cycle, so a glance
 * from the duty desk meets every scene within a few minutes. Night (22:00–07:00): a shorter
 * list with longer dwell (7 minutes a cycle): the night shift watches accidents and deadlines,
 * and slower changes are easier on a dim room.
 */
export const DEFAULT_PLAYLIST: Playlist = PlaylistSchema.parse({
  dayparts: [
    {
      id: 'day',
      label: 'День',
      from: '07:00',
      to: '22:00',
      dwellS: 40,
      scenes: [
        { scene: 'overview', dwellS: 60 },
        'housing',
        'sla',
        'ratings',
        { scene: 'sector:healthcare', dwellS: 30 },
        { scene: 'municipality:97701000', dwellS: 30 },
      ],
    },
    {
      id: 'night',
      label: 'Ночь',
      from: '22:00',
      to: '07:00',
      palette: 'night',
      dwellS: 120,
      scenes: [{ scene: 'overview', dwellS: 180 }, 'housing', 'sla'],
    },
  ],
});
