/**
 * Configuration of the wall panels (issue 5 «Panels»): list lengths, the trend threshold, the
 * ratings period. Validated with zod so a config file is checked at load; every field has a
 * default, so `{}` is a complete configuration. Engine rules that have their own modules (SLA,
 * accident thresholds, rating weights) are passed as typed objects next to it, not duplicated.
 */
import { z } from 'zod';
import type { AccidentThresholds } from '../accidents/accident-metrics';
import type { Entity } from '../domain/entity';
import { DEFAULT_SECTORS } from '../domain/sector';
import type { RatingConfig } from '../ratings/rating-config';
import type { SlaRules } from '../sla/sla-rules';

const count = (max: number, dflt: number) => z.number().int().min(1).max(max).default(dflt);
const rgb = z.number().int().min(0).max(255);

/** A sector as configured (same shape as `Sector` of `app/domain/sector.ts`). */
export const SectorConfigSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9_-]{1,40}$/),
  label: z.string().min(1).max(60),
  color: z.tuple([rgb, rgb, rgb]),
});

/** The period a rating covers, and the previous one it is compared with. */
export const RatingPeriodSchema = z.discriminatedUnion('kind', [
  /** The last `days` days up to now, against the `days` before them. */
  z.strictObject({ kind: z.literal('rolling'), days: z.number().int().min(1).max(366) }),
  /** The current Moscow calendar week (from Monday), month or quarter so far, against the whole previous one. */
  z.strictObject({ kind: z.literal('calendar'), unit: z.enum(['week', 'month', 'quarter']) }),
]);

/** Panel configuration. */
export const PanelsConfigSchema = z.strictObject({
  /** The sectors the sectors panel lists, in order; unknown sector ids count under the last. @default DEFAULT_SECTORS */
  sectors: z
    .array(SectorConfigSchema)
    .min(1)
    .max(64)
    .default(() => DEFAULT_SECTORS.map((s) => ({ ...s, color: [...s.color] as [number, number, number] }))),
  /** A sector's trend is «flat» while |today − yesterday| ≤ max(`flatAbs`, `flatShare` × yesterday). */
  sectorTrend: z
    .strictObject({
      /** @default 2 */
      flatAbs: z.number().int().min(0).max(1000).default(2),
      /** @default 0.1 */
      flatShare: z.number().min(0).max(1).default(0.1),
    })
    .prefault({}),
  slaBoard: z
    .strictObject({
      /** Rows in each list (soonest to breach, overdue). @default 10 */
      limit: count(100, 10),
      /** Organisations listed by load. @default 10 */
      orgLimit: count(200, 10),
    })
    .prefault({}),
  accidents: z
    .strictObject({
      /** Rows on the accidents board. @default 10 */
      limit: count(100, 10),
      /** Posts within this distance may belong to an accident (`linkedPosts`). @default 3 */
      linkRadiusKm: z.number().positive().max(50).default(3),
      /** Posts this many minutes before the accident's start still count. @default 0 */
      linkLeadMin: z
        .number()
        .int()
        .min(0)
        .max(24 * 60)
        .default(0),
    })
    .prefault({}),
  ticker: z.strictObject({ /** Newest items. @default 15 */ limit: count(100, 15) }).prefault({}),
  ratings: z
    .strictObject({
      /**
       * Rows are ОМСУ by municipality (only items assigned to the ОМСУ), ОИВ (only theirs), or
       * every organisation. @default 'municipality'
       */
      subject: z.enum(['municipality', 'oiv', 'org']).default('municipality'),
      /**
       * @default rolling 30 days: a live wall should not start every month with an empty
       * table, as a calendar month would on its first day.
       */
      period: RatingPeriodSchema.default({ kind: 'rolling', days: 30 }),
      /** Rows at the top and at the bottom. @default 5 */
      limit: count(50, 5),
      /** A rating is recomputed at most this often, seconds (it is a heavy computation). @default 60 */
      refreshS: z.number().int().min(1).max(3600).default(60),
    })
    .prefault({}),
});

/** Engine rules from their own modules; each defaults to that module's default. */
export interface PanelsEngines {
  readonly sla?: SlaRules;
  readonly thresholds?: AccidentThresholds;
  readonly rating?: RatingConfig;
}

/** The panel configuration: validated fields plus the engine rules. */
export type PanelsConfig = z.output<typeof PanelsConfigSchema> & PanelsEngines;
/** A panel configuration as written in a file. */
export type PanelsConfigInput = z.input<typeof PanelsConfigSchema>;

/** The default configuration (`PanelsConfigSchema.parse({})`). */
export const DEFAULT_PANELS_CONFIG: PanelsConfig = PanelsConfigSchema.parse({});

/**
 * Entities the panels read: anything with a fresh iterator per `values()` call, so a builder
 * can take a second pass: the store's `Map`, an array or a `Set`, never a one-shot iterator.
 */
export interface EntitySource {
  values(): Iterable<Entity>;
}
