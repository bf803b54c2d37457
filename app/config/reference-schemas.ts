/**
 * Schemas of the reference documents a curator edits (issue 12): `sectors`, `topics`,
 * `organisations`, `sla-rules` and `rating`. The other documents reuse the schemas that
 * already sit beside their code (alarm rules, playlists, meeting scripts, heating season,
 * interruption limits); `documents.ts` gathers all ten.
 */
import { z } from 'zod';
import { ACCIDENTS_SECTOR, DEFAULT_SECTORS, type Sector } from '../domain/sector';

/** The message of every bad colour (the admin page shows it beside the colour picker). */
export const COLOR_MESSAGE = 'ожидается цвет [r, g, b] из чисел 0–255';
const channel = z.number({ error: COLOR_MESSAGE }).int({ error: COLOR_MESSAGE }).min(0, { error: COLOR_MESSAGE }).max(255, { error: COLOR_MESSAGE });
/** An RGB colour `[r, g, b]`, each 0–255. */
export const RgbSchema = z.tuple([channel, channel, channel], { error: COLOR_MESSAGE });

/** Same pattern as a scene's sector (`sector:<id>`), so every sector can have its scene. */
export const SECTOR_ID_RE = /^[a-z0-9_-]{1,40}$/;

function uniqueIds<T extends { id: string }>(items: readonly T[], ctx: z.RefinementCtx, what: string): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `повтор id «${item.id}»: у каждого ${what} свой id` });
    seen.add(item.id);
  });
}

/** One sector: id, Russian label, colour. */
export const SectorSchema = z.strictObject({
  id: z.string().regex(SECTOR_ID_RE, 'id сектора: латиница в нижнем регистре, цифры, _ и -, до 40 символов'),
  label: z.string().trim().min(1, 'название не может быть пустым').max(40, 'название не длиннее 40 символов'),
  color: RgbSchema,
});

/**
 * The sector list. Unknown sectors of old items are drawn as the last entry (`sectorById`),
 * so the catch-all («Прочее») belongs at the end; ЖКХ (`housing`) must stay, the accidents
 * belong to it.
 */
export const SectorsSchema = z
  .array(SectorSchema)
  .min(1, 'нужен хотя бы один сектор')
  .max(64, 'не больше 64 секторов')
  .superRefine((sectors, ctx) => {
    uniqueIds(sectors, ctx, 'сектора');
    if (!sectors.some((s) => s.id === ACCIDENTS_SECTOR))
      ctx.addIssue({ code: 'custom', path: [], message: `сектор «${ACCIDENTS_SECTOR}» (ЖКХ) обязателен: к нему относятся аварии ЖКХ` });
  });

/** One topic: `<sector>.<slug>`, its sector, its Russian label. */
export const TopicSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9_-]{1,40}\.[a-z0-9-]{1,40}$/, 'id темы: «<сектор>.<слово>», латиница, цифры и дефис'),
    sector: z.string().regex(SECTOR_ID_RE, 'ожидается id сектора (латиница, цифры, _ и -)'),
    label: z.string().trim().min(1, 'название не может быть пустым').max(80, 'название не длиннее 80 символов'),
  })
  .refine((t) => t.id.startsWith(`${t.sector}.`), { path: ['id'], message: 'id темы начинается с id её сектора и точки' });

export const TopicsSchema = z
  .array(TopicSchema)
  .max(500, 'не больше 500 тем')
  .superRefine((topics, ctx) => uniqueIds(topics, ctx, 'темы'));

/** One organisation of the directory (`app/domain/organisations.ts`). */
export const OrganisationSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, 'id организации: латиница в нижнем регистре, цифры и дефис (oiv-…, omsu-…, op-…)'),
  name: z.string().trim().min(1, 'полное наименование не может быть пустым').max(300),
  short: z.string().trim().min(1, 'краткое наименование не может быть пустым').max(60),
  type: z.enum(['oiv', 'omsu', 'operator', 'other']),
  municipality: z
    .string()
    .regex(/^97\d{6}$/, 'ожидается 8-значный код ОКТМО Чувашии (97xxxxxx)')
    .optional(),
  aliases: z.array(z.string().trim().min(1).max(300)).max(20).optional(),
});

export const OrganisationsSchema = z
  .array(OrganisationSchema)
  .min(1, 'нужна хотя бы одна организация')
  .max(2000)
  .superRefine((orgs, ctx) => uniqueIds(orgs, ctx, 'организации'));

const positive = z.number().positive('должно быть больше 0');
const hour = z.number().min(0, 'час от 0 до 24').max(24, 'час от 0 до 24');

/** SLA rules (`app/sla/sla-rules.ts`); the production calendar itself stays built-in data. */
export const SlaRulesSchema = z.strictObject({
  social: z.strictObject({
    firstAnswerHours: positive.max(24 * 30),
    firstAnswerHoursHigh: positive.max(24 * 30),
    highBasis: z.enum(['calendar', 'working']),
    accidentAnswerHours: positive.max(24 * 30),
    finalAfterIntermediateDays: positive.max(365),
  }),
  written: z.strictObject({
    registrationDays: positive.max(365),
    redirectDays: positive.max(365),
    days: positive.max(365),
    extensionDays: z.number().min(0).max(365),
  }),
  pos: z.strictObject({
    defaultWorkingDays: positive.max(365),
    /** Working days per topic id (`topics`). */
    byTopic: z.record(z.string(), positive.max(365)),
  }),
  atRisk: z.strictObject({
    shareLeft: z.number().min(0, 'доля от 0 до 1').max(1, 'доля от 0 до 1'),
    minLeftMs: z.number().int().min(0),
  }),
  workingTime: z
    .strictObject({
      dayStartHour: hour,
      dayEndHour: hour,
      lunch: z.strictObject({ start: hour, end: hour }).optional(),
      shortenPreHoliday: z.boolean().optional(),
    })
    .refine((w) => w.dayEndHour > w.dayStartHour, { path: ['dayEndHour'], message: 'рабочий день кончается позже, чем начинается' })
    .refine((w) => !w.lunch || (w.lunch.end > w.lunch.start && w.lunch.start >= w.dayStartHour && w.lunch.end <= w.dayEndHour), {
      path: ['lunch'],
      message: 'перерыв внутри рабочего дня и кончается позже, чем начинается',
    }),
});

const share = z.number().min(0, 'доля от 0 до 1').max(1, 'доля от 0 до 1');
const sumsToOne = (o: Record<string, number>) => Math.abs(Object.values(o).reduce((a, b) => a + b, 0) - 1) < 1e-6;

/** Rating configuration (`app/ratings/rating-config.ts`). */
export const RatingConfigSchema = z.strictObject({
  weights: z
    .strictObject({ quantity: share, quality: share, speed: share, completeness: share })
    .refine((w) => Object.values(w).some((v) => v > 0), { message: 'хотя бы один вес больше 0' }),
  speedMix: z.strictObject({ onTime: share, time: share }).refine(sumsToOne, { message: 'сумма долей onTime и time равна 1' }),
  qualityMix: z.strictObject({ satisfaction: share, notRepeated: share }).refine(sumsToOne, { message: 'сумма долей satisfaction и notRepeated равна 1' }),
  minItems: z.number().int().min(1).max(1000),
  repeatWindowDays: z.number().int().min(1).max(365),
  explainLimit: z.number().int().min(0).max(50),
});

/**
 * Colours given to sectors imported without one: the defaults' Okabe–Ito and Tol colours,
 * then Tol's «muted» and «light» sets (all readable on the dark wall background).
 */
export const SECTOR_PALETTE: readonly (readonly [number, number, number])[] = [
  ...DEFAULT_SECTORS.map((s) => s.color),
  [204, 102, 119],
  [221, 204, 119],
  [136, 204, 238],
  [68, 170, 153],
  [170, 68, 153],
  [238, 136, 102],
  [187, 204, 51],
  [255, 170, 187],
  [153, 221, 255],
  [68, 187, 153],
];

/** The first palette colour no sector in `taken` has; past the palette, the one used least. */
export function nextSectorColor(taken: readonly Sector[]): [number, number, number] {
  const key = (c: readonly number[]) => c.join(',');
  const uses = new Map<string, number>();
  for (const s of taken) uses.set(key(s.color), (uses.get(key(s.color)) ?? 0) + 1);
  let best = SECTOR_PALETTE[0]!;
  let bestUses = Infinity;
  for (const c of SECTOR_PALETTE) {
    const n = uses.get(key(c)) ?? 0;
    if (n < bestUses) [best, bestUses] = [c, n];
  }
  return [...best] as [number, number, number];
}
