/**
 * Permissible interruptions of each utility resource, as configuration with its source
 * (issue 11: one 6 h limit for every resource was wrong). The values are those of the Rules
 * for the provision of utility services, ПП РФ от 06.05.2011 № 354, Appendix 1 («Требования к
 * качеству коммунальных услуг», column «допустимая продолжительность перерывов»), checked
 * against published copies of the appendix; see docs/accidents.md for what is an assumption.
 *
 * The wall applies to an accident the single limit of its resource («единовременно») and, over
 * the accidents of one building in a calendar month, the monthly limit («суммарно в течение
 * 1 месяца»). Where the norm has variants the feed cannot tell apart (a reserve power source,
 * a dead-end hot-water main, the indoor temperature of a flat without heat) the default is
 * named in `assumption` and the variants are kept here for a curator to choose.
 */
import { z } from 'zod';
import { ACCIDENT_RESOURCES, type AccidentResource } from '../domain/entity';
import { HOUR_MS } from '../calendar/msk-time';

const hours = z
  .number()
  .positive()
  .max(24 * 31);

/** The limits of one resource. Hours; `null`: the norm sets no such limit. */
export const InterruptionLimitSchema = z.strictObject({
  /** Longest single interruption, hours («единовременно»). */
  singleH: hours.nullable(),
  /** Longest sum of interruptions of one building in a calendar month, hours («суммарно в течение 1 месяца»). */
  monthH: hours.nullable(),
  /** The norm: act, appendix, point. */
  source: z.string().min(1).max(300),
  /** What the default takes where the norm depends on facts the feed does not carry. */
  assumption: z.string().max(500).optional(),
});

/** One tier of the heating limit by the air temperature in the flats (ПП № 354, прил. 1, п. 14). */
export const HeatingTierSchema = z.strictObject({
  /** Lowest indoor air temperature of the tier, °C (inclusive). */
  fromIndoorC: z.number().min(-50).max(30),
  singleH: hours,
});

/** Limits of every resource (`housing` is not a supply: both limits null). */
export const InterruptionLimitsSchema = z.strictObject({
  resources: z.strictObject(
    Object.fromEntries(ACCIDENT_RESOURCES.map((r) => [r, InterruptionLimitSchema])) as Record<AccidentResource, typeof InterruptionLimitSchema>,
  ),
  /**
   * Heating: the single limit by the indoor temperature, warmest tier first. Used when the
   * indoor temperature is known; otherwise `resources.heat.singleH` applies.
   */
  heatingTiers: z.array(HeatingTierSchema).max(8),
});

export type InterruptionLimit = z.output<typeof InterruptionLimitSchema>;
export type InterruptionLimits = z.output<typeof InterruptionLimitsSchema>;

const PP354 = 'ПП РФ от 06.05.2011 № 354, приложение 1';

/** The limits of ПП № 354, Appendix 1 (values checked against published copies of the appendix). */
export const DEFAULT_INTERRUPTION_LIMITS: InterruptionLimits = InterruptionLimitsSchema.parse({
  resources: {
    cold_water: {
      singleH: 4,
      monthH: 8,
      source: `${PP354}, раздел I «Холодное водоснабжение», п. 1: 8 ч суммарно в месяц, 4 ч единовременно`,
      assumption:
        'при аварии в централизованных сетях норма отсылает к техническому регулированию (СНиП 2.04.02-84*: по категории системы от 10 мин до 24 ч); категория в ленте не передаётся, поэтому применяется общий предел 4 ч',
    },
    hot_water: {
      singleH: 4,
      monthH: 8,
      source: `${PP354}, раздел II «Горячее водоснабжение», п. 4: 8 ч суммарно в месяц, 4 ч единовременно, при аварии на тупиковой магистрали — 24 ч подряд`,
      assumption:
        'признак тупиковой магистрали в ленте не передаётся, поэтому 24 ч не применяются; ежегодные профилактические отключения (опрессовка) — плановые и оцениваются по объявленному сроку, а не по этому пределу',
    },
    sewerage: {
      singleH: 4,
      monthH: 8,
      source: `${PP354}, раздел III «Водоотведение»: 8 ч суммарно в месяц, 4 ч единовременно (в том числе при аварии)`,
    },
    electricity: {
      singleH: 24,
      monthH: null,
      source: `${PP354}, раздел IV «Электроснабжение»: 2 ч при двух независимых взаимно резервирующих источниках питания, 24 ч при одном источнике`,
      assumption: 'наличие резервного источника в ленте не передаётся, поэтому применяется 24 ч (один источник); для домов с резервом куратор может задать 2 ч',
    },
    gas: {
      singleH: 4,
      monthH: 4,
      source: `${PP354}, раздел V «Газоснабжение»: не более 4 ч суммарно в течение 1 месяца`,
      assumption:
        'единовременного предела норма не называет; один перерыв дольше месячной суммы превышает и её, поэтому единовременный предел принят равным 4 ч',
    },
    heat: {
      singleH: 16,
      monthH: 24,
      source: `${PP354}, раздел VI «Отопление», п. 14: 24 ч суммарно в месяц; единовременно 16 ч при +12 °C в помещениях и выше, 8 ч при +10…+12 °C, 4 ч при +8…+10 °C`,
      assumption: 'температура воздуха в квартирах в ленте не передаётся, поэтому применяется 16 ч (верхняя ступень); ступени 8 и 4 ч — в heatingTiers',
    },
    housing: { singleH: null, monthH: null, source: 'повреждение жилищного фонда — не перерыв подачи ресурса' },
  },
  heatingTiers: [
    { fromIndoorC: 12, singleH: 16 },
    { fromIndoorC: 10, singleH: 8 },
    { fromIndoorC: 8, singleH: 4 },
  ],
});

/**
 * The single limit, ms, that applies to an interruption of `resource`, or null when none does.
 * For heat, a known indoor temperature picks its tier (below the coldest tier: that tier's limit,
 * the shortest).
 */
export function singleLimitMs(resource: AccidentResource, limits: InterruptionLimits = DEFAULT_INTERRUPTION_LIMITS, indoorC?: number): number | null {
  if (resource === 'heat' && indoorC !== undefined && limits.heatingTiers.length > 0) {
    const tiers = [...limits.heatingTiers].sort((a, b) => b.fromIndoorC - a.fromIndoorC);
    const tier = tiers.find((t) => indoorC >= t.fromIndoorC) ?? tiers[tiers.length - 1]!;
    return tier.singleH * HOUR_MS;
  }
  const h = limits.resources[resource].singleH;
  return h === null ? null : h * HOUR_MS;
}

/** The monthly limit, ms, of `resource`, or null when none. */
export function monthLimitMs(resource: AccidentResource, limits: InterruptionLimits = DEFAULT_INTERRUPTION_LIMITS): number | null {
  const h = limits.resources[resource].monthH;
  return h === null ? null : h * HOUR_MS;
}
