/**
 * Configuration of the ОИВ/ОМСУ ratings. The criteria are the regulation's: «рейтингование …
 * по количеству, качеству, скорости и полноте реагирования на обращения» (Положение о ЦУР
 * Чувашской Республики, 2020, п. 87 of the text in ../shared/domain). No public source gives
 * numeric weights or formulas: the definitions in docs/ratings.md and the weights below are
 * our documented assumption; a curator sets the real ones.
 */

/** The rating components, each scored 0–100 (higher is better). */
export type RatingComponent = 'quantity' | 'quality' | 'speed' | 'completeness';

/** All components in display order (the regulation's order). */
export const RATING_COMPONENTS: readonly RatingComponent[] = ['quantity', 'quality', 'speed', 'completeness'];

/** Russian labels of the components for the ratings table. */
export const RATING_COMPONENT_LABELS: Readonly<Record<RatingComponent, string>> = {
  quantity: 'Количество (охват реагированием)',
  quality: 'Качество (удовлетворённость, без повторных)',
  speed: 'Скорость',
  completeness: 'Полнота (окончательный ответ)',
};

/** How ratings are computed. */
export interface RatingConfig {
  /**
   * Weight of each component. A component that cannot be measured for a body drops out and the
   * others are re-weighted, so a body is never punished for data it could not have.
   * @default equal weights (an assumption)
   */
  readonly weights: Readonly<Record<RatingComponent, number>>;
  /** Speed = mix of the share answered on time and of how little of the allowance the answers used. @default {onTime: 0.5, time: 0.5} */
  readonly speedMix: { readonly onTime: number; readonly time: number };
  /** Quality = mix of the share of rated answers the citizen was satisfied with and the share not repeated. @default {satisfaction: 0.5, notRepeated: 0.5} */
  readonly qualityMix: { readonly satisfaction: number; readonly notRepeated: number };
  /** Fewest items in the period for a body to be rated (DOMAIN.md: e.g. ≥ 2). @default 2 */
  readonly minItems: number;
  /** A complaint repeats an answered one when it comes within this many days of the answer. @default 30 */
  readonly repeatWindowDays: number;
  /** How many worst items each row explains itself with. @default 5 */
  readonly explainLimit: number;
}

/** Default rating configuration (weights are ours, see the file comment). */
export const DEFAULT_RATING_CONFIG: RatingConfig = {
  weights: { quantity: 0.25, quality: 0.25, speed: 0.25, completeness: 0.25 },
  speedMix: { onTime: 0.5, time: 0.5 },
  qualityMix: { satisfaction: 0.5, notRepeated: 0.5 },
  minItems: 2,
  repeatWindowDays: 30,
  explainLimit: 5,
};
