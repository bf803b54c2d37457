/**
 * Alarm rules as configuration (issue 5 «Alarms»): which conditions take the wall over, how
 * loud, and which scene they show. Rules are data validated here; `evaluate-alarms.ts` applies
 * them. A curator adds, removes or retunes rules without touching code.
 */
import { z } from 'zod';
import { ACCIDENT_RESOURCES, APPEAL_CHANNELS } from '../domain/entity';
import { SceneSchema } from '../scenes/scene';
import { THRESHOLD_IDS as ACCIDENT_THRESHOLD_IDS } from '../accidents/accident-metrics';

/** Severities, most urgent first. */
export const ALARM_SEVERITIES = ['critical', 'major', 'warning'] as const;
/** How urgent an alarm is; alarms are ordered by it. */
export type AlarmSeverity = (typeof ALARM_SEVERITIES)[number];

/** Russian labels of the severities. */
export const SEVERITY_LABELS: Readonly<Record<AlarmSeverity, string>> = {
  critical: 'Критическая',
  major: 'Высокая',
  warning: 'Предупреждение',
};

/** The accident thresholds an `accident-threshold` rule can watch (`app/accidents/`). */
export const THRESHOLD_IDS = ACCIDENT_THRESHOLD_IDS;

const ruleId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'латиница в нижнем регистре, цифры и дефис / lower-case latin, digits, dashes');

const base = {
  /** Stable id; part of every alarm id, so an acknowledgement survives restarts. */
  id: ruleId,
  /** @default true */
  enabled: z.boolean().default(true),
  severity: z.enum(ALARM_SEVERITIES),
  /** Play the alarm sound. @default true for `critical`, else false */
  sound: z.boolean().optional(),
  /**
   * What the wall shows: `entity-municipality` focuses the item's municipality,
   * `entity-sector` the appeal's sector (ЖКХ for an accident), or a fixed scene.
   * @default 'entity-municipality'
   */
  show: z.union([z.enum(['entity-municipality', 'entity-sector']), SceneSchema]).default('entity-municipality'),
  /**
   * A wall preset (issue 15): the chosen wall screens (`#/wall/<id>`; absent = every scene
   * screen) show this scene while the alarm is active, acknowledged or not, and return to
   * their playlist when it is cleared.
   */
  preset: z
    .strictObject({
      scene: SceneSchema,
      screens: z
        .array(z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'id экрана стены: латиница в нижнем регистре, цифры и дефис'))
        .min(1)
        .max(64)
        .optional(),
    })
    .optional(),
};

const resources = z.array(z.enum(ACCIDENT_RESOURCES)).min(1);

/** An active accident that leaves at least `minResidents` without supply. */
export const AccidentResidentsRuleSchema = z.strictObject({
  ...base,
  type: z.literal('accident-residents'),
  /** @default 1000 */
  minResidents: z.number().int().min(1).default(1000),
  /** @default every resource */
  resources: resources.default([...ACCIDENT_RESOURCES]),
});

/**
 * An active accident of a heat resource with social objects (schools, kindergartens,
 * hospitals) hit. Heat only and inside the heating season by default (issue 11): hot water
 * off at a school, or any outage in summer, is not a critical condition.
 */
export const SocialObjectRuleSchema = z.strictObject({
  ...base,
  type: z.literal('social-object-no-heat'),
  /** @default ['heat'] */
  resources: resources.default(['heat']),
  /** @default 1 */
  minSocialObjects: z.number().int().min(1).default(1),
  /** Only accidents that started inside the heating season of their municipality. @default true */
  inHeatingSeasonOnly: z.boolean().default(true),
});

/** An open appeal past its due time in one of the chosen sectors. */
export const OverdueInSectorRuleSchema = z.strictObject({
  ...base,
  type: z.literal('overdue-in-sector'),
  /** Sector ids of the sector configuration, e.g. `['healthcare']`. */
  sectors: z.array(z.string().min(1).max(40)).min(1),
  /** @default every channel */
  channels: z
    .array(z.enum(APPEAL_CHANNELS))
    .min(1)
    .default([...APPEAL_CHANNELS]),
  /** Only appeals of high importance. @default false */
  highImportanceOnly: z.boolean().default(false),
});

/** An active accident that has crossed an accident threshold (`thresholdCrossings`). */
export const AccidentThresholdRuleSchema = z.strictObject({
  ...base,
  type: z.literal('accident-threshold'),
  threshold: z.enum(THRESHOLD_IDS),
});

/** One alarm rule. */
export const AlarmRuleSchema = z.discriminatedUnion('type', [
  AccidentResidentsRuleSchema,
  SocialObjectRuleSchema,
  OverdueInSectorRuleSchema,
  AccidentThresholdRuleSchema,
]);

/** The rule list; ids must be unique. */
export const AlarmRulesSchema = z
  .array(AlarmRuleSchema)
  .max(64)
  .superRefine((rules, ctx) => {
    const seen = new Set<string>();
    rules.forEach((r, i) => {
      if (seen.has(r.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `повтор id «${r.id}» / duplicate id «${r.id}»` });
      seen.add(r.id);
    });
  });

/** A validated alarm rule. */
export type AlarmRule = z.output<typeof AlarmRuleSchema>;
/** A rule as written in a config file (before defaults). */
export type AlarmRuleInput = z.input<typeof AlarmRuleSchema>;

/**
 * The default rules (DOMAIN.md thresholds and the issue's examples; planned outages raise none):
 * - `regional-emergency` (critical, sound): the mass-outage criterion, ≥ 5,000 residents
 *   without heat > 4 h in frost (> 12 h above zero), in the heating season;
 * - `social-object-no-heat` (critical, sound): heating off at a social object in the heating season;
 * - `accident-residents` (major): an active accident with ≥ 1,000 residents without supply;
 * - `overdue-healthcare` (warning): an overdue appeal in healthcare, shown as the sector scene.
 */
export const DEFAULT_ALARM_RULES: readonly AlarmRule[] = AlarmRulesSchema.parse([
  { id: 'regional-emergency', type: 'accident-threshold', threshold: 'regional_emergency', severity: 'critical' },
  { id: 'social-object-no-heat', type: 'social-object-no-heat', severity: 'critical' },
  { id: 'accident-residents', type: 'accident-residents', minResidents: 1000, severity: 'major' },
  { id: 'overdue-healthcare', type: 'overdue-in-sector', sectors: ['healthcare'], severity: 'warning', show: 'entity-sector' },
]);
