/**
 * Meeting scripts (issue 7, curator's meeting mode): ordered scenes with their filters, as
 * configuration. A curator adds or edits scripts without touching code; the presenter steps
 * through them and every wall screen follows (`script:step` + `scene:set`, and a spotlight
 * `focus:set` where the step names a municipality).
 */
import { z } from 'zod';
import { municipalityByOktmo } from '../domain/municipality';
import type { Sector } from '../domain/sector';
import type { ControlCommand } from '../protocol/control';
import { SceneSchema, sceneTitle } from '../scenes/scene';
import { COMPARE_KINDS } from './compare';
import { ItemFilterSchema } from './item-filter';
import { PERIOD_KINDS } from './periods';

/** Most steps in a script (`script:step` accepts steps 0–200). */
export const MAX_STEPS = 201;

const oktmo = z
  .string()
  .regex(/^97\d{6}$/, 'oktmo: an 8-digit OKTMO code of Chuvashia (97xxxxxx)')
  .refine((code) => municipalityByOktmo(code, '2025') !== undefined, 'oktmo: not a municipality of the 2025 set');

/** One step: a scene on the wall, the filter and period of its figures, an optional spotlight. */
export const MeetingStepSchema = z.strictObject({
  /** Heading of the step. @default the scene's title */
  title: z.string().min(1).max(120).optional(),
  /** What every wall screen shows (object or string form, e.g. `'sector:healthcare'`). */
  scene: SceneSchema,
  /** Which items the step's figures count. @default everything */
  filter: ItemFilterSchema.default({}),
  /** The period of «поступило». @default 'week' */
  period: z.enum(PERIOD_KINDS).default('week'),
  /** A comparison shown with the figures. */
  compare: z.enum(COMPARE_KINDS).optional(),
  /** A municipality to spotlight on the wall during the step. */
  spotlight: oktmo.optional(),
  /** The curator's note (presenter screen and minutes only). */
  note: z.string().max(500).optional(),
});

/** A script: id, title, steps. */
export const MeetingScriptSchema = z.strictObject({
  /** Stable id, sent in `script:step`. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'id: lower-case latin, digits and dashes, up to 64'),
  title: z.string().min(1).max(120),
  /** How long each step holds the wall if nobody steps on, seconds. @default 1800 */
  stepDurationS: z
    .number()
    .int()
    .min(5)
    .max(24 * 3600)
    .default(1800),
  steps: z.array(MeetingStepSchema).min(1).max(MAX_STEPS),
});

/** The script list; ids must be unique. */
export const MeetingScriptsSchema = z
  .array(MeetingScriptSchema)
  .min(1)
  .max(50)
  .superRefine((scripts, ctx) => {
    const seen = new Set<string>();
    scripts.forEach((s, i) => {
      if (seen.has(s.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `повтор id «${s.id}» / duplicate id «${s.id}»` });
      seen.add(s.id);
    });
  });

/** A validated step. */
export type MeetingStep = z.output<typeof MeetingStepSchema>;
/** A validated script. */
export type MeetingScript = z.output<typeof MeetingScriptSchema>;
/** A script as written in config (before defaults). */
export type MeetingScriptInput = z.input<typeof MeetingScriptSchema>;

const KANASH = '97516000';
const CHEBOKSARY = '97701000';

/**
 * The default scripts: the weekly планёрка sequence of DOMAIN.md (overall picture → ЖКХ →
 * overdue → ratings → a municipality), «ЖКХ за неделю», «Рейтинг ОМСУ», «Канашский округ».
 */
export const DEFAULT_MEETING_SCRIPTS: readonly MeetingScript[] = MeetingScriptsSchema.parse([
  {
    id: 'weekly',
    title: 'Планёрка у Главы',
    steps: [
      { scene: 'overview', title: 'Обстановка в республике', period: 'week', compare: 'week' },
      { scene: 'housing', title: 'ЖКХ: аварии и обращения', filter: { sectors: ['housing'] }, period: 'week', compare: 'heating-season' },
      { scene: 'sla', title: 'Просроченные ответы', filter: { sla: ['overdue'] }, period: 'week' },
      { scene: 'ratings', title: 'Рейтинг ОМСУ', period: 'month' },
      { scene: `municipality:${CHEBOKSARY}`, title: 'Чебоксары', filter: { municipality: CHEBOKSARY }, period: 'week', spotlight: CHEBOKSARY },
    ],
  },
  {
    id: 'housing-week',
    title: 'ЖКХ за неделю',
    steps: [
      { scene: 'housing', title: 'ЖКХ: обстановка', filter: { sectors: ['housing'] }, period: 'week', compare: 'week' },
      { scene: 'housing', title: 'ЖКХ: сравнение отопительных сезонов', filter: { sectors: ['housing'] }, period: 'heating-season', compare: 'heating-season' },
      { scene: 'sla', title: 'ЖКХ: просроченные ответы', filter: { sectors: ['housing'], sla: ['overdue'] }, period: 'week' },
      { scene: 'sla', title: 'ЖКХ: соцсети, срок истекает', filter: { sectors: ['housing'], channels: ['social'], sla: ['at_risk'] }, period: 'week' },
    ],
  },
  {
    id: 'omsu-rating',
    title: 'Рейтинг ОМСУ',
    steps: [
      { scene: 'ratings', title: 'Рейтинг ОМСУ за месяц', period: 'month' },
      { scene: 'sla', title: 'Сроки ответов ОМСУ', filter: { sla: ['overdue', 'at_risk'] }, period: 'month', compare: 'week' },
      { scene: `municipality:${CHEBOKSARY}`, title: 'Чебоксары', filter: { municipality: CHEBOKSARY }, period: 'month', spotlight: CHEBOKSARY },
    ],
  },
  {
    id: 'kanash',
    title: 'Канашский округ',
    steps: [
      {
        scene: `municipality:${KANASH}`,
        title: 'Канашский округ: обстановка',
        filter: { municipality: KANASH },
        period: 'week',
        compare: 'week',
        spotlight: KANASH,
      },
      {
        scene: `municipality:${KANASH}`,
        title: 'Канашский округ: дороги',
        filter: { municipality: KANASH, sectors: ['roads'] },
        period: 'month',
        spotlight: KANASH,
      },
      {
        scene: `municipality:${KANASH}`,
        title: 'Канашский округ: ЖКХ',
        filter: { municipality: KANASH, sectors: ['housing'] },
        period: 'heating-season',
        compare: 'heating-season',
        spotlight: KANASH,
      },
      { scene: 'sla', title: 'Канашский округ: просрочено', filter: { municipality: KANASH, sla: ['overdue'] }, period: 'month' },
    ],
  },
]);

/** The heading of a step: its title, else the scene's title. */
export function stepTitle(step: MeetingStep, sectors?: readonly Sector[]): string {
  return step.title ?? sceneTitle(step.scene, sectors);
}

/**
 * The commands that put step `index` of a script on the wall, in order: `script:step`,
 * `scene:set` for the script's step duration, then `focus:set` on its spotlight or
 * `focus:clear` (so a previous step's spotlight never lingers).
 */
export function stepCommands(script: MeetingScript, index: number, sectors?: readonly Sector[]): ControlCommand[] {
  const step = script.steps[index];
  if (!step) throw new RangeError(`script ${script.id} has no step ${index}`);
  const durationS = script.stepDurationS;
  return [
    { type: 'script:step', script: script.id, step: index },
    { type: 'scene:set', scene: step.scene, durationS },
    step.spotlight ? { type: 'focus:set', oktmo: step.spotlight, label: stepTitle(step, sectors), durationS } : { type: 'focus:clear' },
  ];
}
