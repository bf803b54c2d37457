/**
 * Ratings of the regional executive bodies (ОИВ) and the municipalities' bodies (ОМСУ) over a
 * period: a ranked list with a 0–100 score, the component scores and the worst items behind
 * each place (DOMAIN.md «Ratings of ОИВ and ОМСУ»). Pure: same appeals and options, same table.
 */
import type { Appeal } from '../domain/entity';
import { municipalityByOktmo } from '../domain/municipality';
import type { SlaRules } from '../sla/sla-rules';
import { assessBody, weightedMean, type BodyFigures, type ExplainItem } from './body-figures';
import { DEFAULT_RATING_CONFIG, RATING_COMPONENTS, type RatingComponent, type RatingConfig } from './rating-config';
import { RepeatIndex } from './repeat-complaints';

/**
 * What a row stands for: `org` — the responsible organisation (`Appeal.org`, ОИВ or ОМСУ id);
 * `municipality` — the municipality (OKTMO code), i.e. its ОМСУ, with per-capita volume.
 */
export type RatingSubject = 'org' | 'municipality';

/** Inputs of a rating. */
export interface RatingOptions {
  readonly subject: RatingSubject;
  /** The period: items created in [from, to). Unix ms. */
  readonly from: number;
  readonly to: number;
  /** When the rating is taken: open items are judged overdue or not at this time. Unix ms. */
  readonly now: number;
  /** Keeps only some items, e.g. those of ОМСУ orgs for an ОМСУ table. @default all */
  readonly include?: (a: Appeal) => boolean;
  /**
   * Citizens' scores of answers, 1–5, by appeal id. The feed schema has no satisfaction field
   * yet, so scores come from elsewhere (a survey export); without them the component drops
   * out and the others are re-weighted.
   */
  readonly satisfaction?: ReadonlyMap<string, number>;
  /**
   * Residents of a rated body, for per-capita volume. @default for `municipality`: the
   * population in `app/domain/municipality.ts` (2025 set, then 2023 codes); for `org`: none.
   */
  readonly populationOf?: (key: string) => number | undefined;
  /** @default DEFAULT_RATING_CONFIG */
  readonly config?: RatingConfig;
  /** @default DEFAULT_SLA_RULES */
  readonly sla?: SlaRules;
}

/** One place in the table. */
export interface RatingRow {
  /** Org id or OKTMO code. */
  readonly key: string;
  /** 1 = best; equal scores share a rank (1, 1, 3). */
  readonly rank: number;
  /** Weighted mean of the measurable components, 0–100, rounded to 0.1. */
  readonly score: number;
  /** Component scores 0–100 (unrounded); a missing component could not be measured. */
  readonly components: Partial<Record<RatingComponent, number>>;
  readonly figures: BodyFigures;
  /** Why this place: the weakest component and the worst items (up to `explainLimit`). */
  readonly explain: { readonly weakest?: RatingComponent; readonly items: readonly ExplainItem[] };
}

/** A rating table. */
export interface RatingResult {
  readonly rows: readonly RatingRow[];
  /** Bodies with fewer than `minItems` items in the period: listed, not ranked. */
  readonly unrated: ReadonlyArray<{ readonly key: string; readonly items: number }>;
}

const defaultPopulation = (oktmo: string) => (municipalityByOktmo(oktmo) ?? municipalityByOktmo(oktmo, '2023'))?.population;

/**
 * Rates the bodies. Score = Σ wᶜ·componentᶜ / Σ wᶜ over the components a body has. Volume
 * (per-capita) is relative: 100 × (lowest items-per-capita among rated bodies) / (this
 * body's), so the body with the fewest complaints per resident scores 100 and one with twice
 * as many scores 50. Ties are broken for display by key; they share the rank.
 */
export function rateBodies(appeals: readonly Appeal[], opts: RatingOptions): RatingResult {
  const config = opts.config ?? DEFAULT_RATING_CONFIG;
  const selected = appeals.filter((a) => opts.include?.(a) ?? true);
  // Repeats may come after the period (up to `now`), so search all selected appeals. Indexed,
  // not listed: a row names the repeaters of its few worst items only.
  const repeats = RepeatIndex.of(selected, { windowDays: config.repeatWindowDays, radiusKm: config.repeatRadiusKm }, opts.now);
  const populationOf = opts.populationOf ?? (opts.subject === 'municipality' ? defaultPopulation : () => undefined);

  // The items of the period by body, in one pass.
  const groups = new Map<string, Appeal[]>();
  for (const a of selected) {
    if (!(a.createdAt >= opts.from && a.createdAt < opts.to)) continue;
    const key = opts.subject === 'org' ? a.org : a.municipality;
    const g = groups.get(key);
    if (g) g.push(a);
    else groups.set(key, [a]);
  }

  const unrated: Array<{ key: string; items: number }> = [];
  const assessed: Array<{ key: string; figures: BodyFigures; components: Partial<Record<RatingComponent, number>>; worst: readonly ExplainItem[] }> = [];
  for (const [key, items] of groups) {
    if (items.length < Math.max(1, config.minItems)) {
      unrated.push({ key, items: items.length });
      continue;
    }
    // A row shows only its first `explainLimit` worst items: no need to sort them all.
    const body = assessBody(items, { now: opts.now, config, repeats, worstLimit: config.explainLimit, ...(opts.sla ? { sla: opts.sla } : {}), ...(opts.satisfaction ? { satisfaction: opts.satisfaction } : {}) });
    const population = populationOf(key);
    const figures = population && population > 0 ? { ...body.figures, perCapita: (items.length / population) * config.perResidents } : body.figures;
    assessed.push({ key, figures, components: { ...body.components }, worst: body.worst });
  }

  const rates = assessed.map((b) => b.figures.perCapita).filter((r): r is number => r !== undefined && r > 0);
  const lowest = rates.length > 0 ? Math.min(...rates) : undefined;
  for (const b of assessed) {
    if (b.figures.perCapita !== undefined && lowest !== undefined) b.components.volume = (100 * lowest) / b.figures.perCapita;
  }

  const scored = assessed.map((b) => {
    const raw = weightedMean(RATING_COMPONENTS.map((c) => [b.components[c], config.weights[c]] as const)) ?? 0;
    const present = RATING_COMPONENTS.filter((c) => b.components[c] !== undefined && config.weights[c] > 0);
    const weakest = present.reduce<RatingComponent | undefined>((w, c) => (w === undefined || b.components[c]! < b.components[w]! ? c : w), undefined);
    return { ...b, score: Math.round(raw * 10) / 10, weakest };
  });
  scored.sort((x, y) => y.score - x.score || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));

  // Sorted by score, so the first row with a score gives the shared (competition) rank.
  const rows: RatingRow[] = scored.map((b) => ({
    key: b.key,
    rank: 1 + scored.findIndex((o) => o.score === b.score),
    score: b.score,
    components: b.components,
    figures: b.figures,
    explain: { ...(b.weakest ? { weakest: b.weakest } : {}), items: b.worst.slice(0, config.explainLimit) },
  }));

  unrated.sort((x, y) => (x.key < y.key ? -1 : 1));
  return { rows, unrated };
}
