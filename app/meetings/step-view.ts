/**
 * Everything a meeting step shows, at one moment: its figures, its comparison and, for the
 * ratings scene, the ratings table. The presenter's preview, the PNG export and the minutes
 * (PDF) all draw from this one object, so they always agree.
 */
import type { Appeal, Entity } from '../domain/entity';
import { buildRatings, type RatingsState } from '../panels/ratings-panel';
import { DEFAULT_PANELS_CONFIG, type PanelsConfig } from '../panels/panels-config';
import { comparePeriods, type PeriodComparison } from './compare';
import { stepFigures, type StepFigures } from './figures';
import { matchesAppeal } from './item-filter';
import { stepTitle, type MeetingStep } from './meeting-script';
import { periodAt, type PeriodKind } from './periods';

/** A step as shown at `at`. */
export interface StepView {
  readonly title: string;
  readonly step: MeetingStep;
  /** The moment the figures are for (hub time, a frozen moment, or a replayed one). */
  readonly at: number;
  readonly figures: StepFigures;
  readonly compare: PeriodComparison | null;
  readonly ratings: RatingsState | null;
}

/** The ratings period that matches a step period: calendar week or month, else the last 30 days. */
function ratingPeriod(kind: PeriodKind): PanelsConfig['ratings']['period'] {
  if (kind === 'week' || kind === 'month') return { kind: 'calendar', unit: kind };
  return { kind: 'rolling', days: 30 };
}

/** Builds the view of a step from the entities at `at`. */
export function buildStepView(
  entities: ReadonlyMap<string, Entity> | readonly Entity[],
  at: number,
  step: MeetingStep,
  config: PanelsConfig = DEFAULT_PANELS_CONFIG,
): StepView {
  const list = Array.isArray(entities) ? (entities as readonly Entity[]) : [...(entities as ReadonlyMap<string, Entity>).values()];
  const figures = stepFigures(list, at, step.filter, periodAt(step.period, at), config.sla);
  const compare = step.compare ? comparePeriods(list, at, step.compare, step.filter, config.sla ? { sla: config.sla } : {}) : null;
  let ratings: RatingsState | null = null;
  if (step.scene.id === 'ratings') {
    // SLA-state filters judge items now; a rating judges each period at its own end, so only
    // the other fields of the filter narrow the rated items.
    const filter = { ...step.filter, sla: [] };
    const appeals = list.filter((e): e is Appeal => e.kind === 'appeal' && matchesAppeal(e, filter, at, config.sla));
    ratings = buildRatings(appeals, at, { ...config, ratings: { ...config.ratings, period: ratingPeriod(step.period) } });
  }
  return { title: stepTitle(step), step, at, figures, compare, ratings };
}
