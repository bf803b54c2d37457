/**
 * Configuration of the ОИВ/ОМСУ ratings. DOMAIN.md names the criteria (speed, completeness,
 * quality, satisfaction, volume) but no public source gives numeric weights, so the weights
 * below are our starting point, not a regulation: a curator sets the real ones.
 */

/** The rating components, each scored 0–100 (higher is better). */
export type RatingComponent = 'speed' | 'completeness' | 'quality' | 'satisfaction' | 'volume';

/** All components in display order. */
export const RATING_COMPONENTS: readonly RatingComponent[] = ['speed', 'completeness', 'quality', 'satisfaction', 'volume'];

/** Russian labels of the components for the ratings table. */
export const RATING_COMPONENT_LABELS: Readonly<Record<RatingComponent, string>> = {
  speed: 'Скорость',
  completeness: 'Полнота',
  quality: 'Качество',
  satisfaction: 'Удовлетворённость',
  volume: 'Нагрузка на 10 тыс. жителей',
};

/** How ratings are computed. */
export interface RatingConfig {
  /**
   * Weight of each component. A component that cannot be measured for a body (no answers, no
   * satisfaction scores, no population) drops out and the others are re-weighted, so a body is
   * never punished for data it could not have.
   * @default {speed: 0.3, completeness: 0.25, quality: 0.2, satisfaction: 0.15, volume: 0.1}
   */
  readonly weights: Readonly<Record<RatingComponent, number>>;
  /**
   * Speed = mix of the share answered on time and of how little of the allowance the answers
   * used on average. @default {onTime: 0.5, time: 0.5}
   */
  readonly speedMix: { readonly onTime: number; readonly time: number };
  /** Fewest items in the period for a body to be rated (DOMAIN.md: e.g. ≥ 2). @default 2 */
  readonly minItems: number;
  /** Completeness penalty of an open item postponed (extended or intermediate) vs overdue (1). @default 0.5 */
  readonly postponedWeight: number;
  /** A complaint repeats an answered one when it comes within this many days of the answer. @default 30 */
  readonly repeatWindowDays: number;
  /** …and within this distance of it, km (the same problem is in the same place). @default 1 */
  readonly repeatRadiusKm: number;
  /** Per-capita base for municipalities: items per this many residents. @default 10000 */
  readonly perResidents: number;
  /** Satisfaction scores (1–5) at or below this are "low" in explanations. @default 2 */
  readonly lowSatisfaction: number;
  /** How many worst items each row explains itself with. @default 5 */
  readonly explainLimit: number;
}

/** Default rating configuration (weights are ours, see the file comment). */
export const DEFAULT_RATING_CONFIG: RatingConfig = {
  weights: { speed: 0.3, completeness: 0.25, quality: 0.2, satisfaction: 0.15, volume: 0.1 },
  speedMix: { onTime: 0.5, time: 0.5 },
  minItems: 2,
  postponedWeight: 0.5,
  repeatWindowDays: 30,
  repeatRadiusKm: 1,
  perResidents: 10_000,
  lowSatisfaction: 2,
  explainLimit: 5,
};
