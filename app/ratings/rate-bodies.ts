/**
 * Ratings of the regional executive bodies (ОИВ) and the municipalities' bodies (ОМСУ) over a
 * period: a ranked list with a 0–100 score, the component scores and the worst items behind
 * each place (DOMAIN.md «Ratings of ОИВ and ОМСУ»). Pure: same appeals and options, same table.
 */
import type { Appeal } from '../domain/entity';
import { defaultOrgDirectory, type OrgDirectory } from '../domain/organisations';
import type { SlaRules } from '../sla/sla-rules';
import { assessBody, weightedMean, type BodyFigures, type ExplainItem } from './body-figures';
import { DEFAULT_RATING_CONFIG, RATING_COMPONENTS, type RatingComponent, type RatingConfig } from './rating-config';
import { RepeatIndex } from './repeat-complaints';

/**
 * What a row stands for, and which items count:
 * - `municipality`: an ОМСУ, keyed by its municipality's OKTMO code; only items assigned to that
 *   ОМСУ (`Appeal.org` an `omsu` of the organisation directory) count, never an ОИВ's item in
 *   its territory;
 * - `oiv`: a regional executive body, keyed by org id; only items assigned to ОИВ;
 * - `org`: every organisation by id (ОИВ, ОМСУ and others together).
 */
export type RatingSubject = 'org' | 'municipality' | 'oiv';

/** Inputs of a rating. */
export interface RatingOptions {
  readonly subject: RatingSubject;
  /** The period: items created in [from, to). Unix ms. */
  readonly from: number;
  readonly to: number;
  /** When the rating is taken: open items are judged overdue or not at this time. Unix ms. */
  readonly now: number;
  /** Keeps only some items (on top of the subject's own rule). @default all */
  readonly include?: (a: Appeal) => boolean;
  /** @default the built-in organisation directory */
  readonly orgs?: OrgDirectory;
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

/**
 * The row an item counts in for a subject, or undefined when it does not count there: an
 * ОМСУ's row by the OKTMO of its municipality, an ОИВ's by its id.
 */
export function ratingKey(a: Appeal, subject: RatingSubject, orgs: OrgDirectory = defaultOrgDirectory()): string | undefined {
  if (subject === 'org') return a.org;
  const o = orgs.get(a.org);
  if (subject === 'oiv') return o?.type === 'oiv' ? o.id : undefined;
  return o?.type === 'omsu' ? o.municipality : undefined;
}

/**
 * Rates the bodies. Score = Σ wᶜ·componentᶜ / Σ wᶜ over the components a body has (all four
 * are absolute: a body's score does not depend on the others). Ties are broken for display by
 * key; they share the rank.
 */
export function rateBodies(appeals: readonly Appeal[], opts: RatingOptions): RatingResult {
  const config = opts.config ?? DEFAULT_RATING_CONFIG;
  const orgs = opts.orgs ?? defaultOrgDirectory();
  const selected = appeals.filter((a) => (opts.include?.(a) ?? true) && ratingKey(a, opts.subject, orgs) !== undefined);
  // Repeats may come after the period (up to `now`), so search all selected appeals. Indexed,
  // not listed: a row names the repeaters of its few worst items only.
  const repeats = RepeatIndex.of(selected, { windowDays: config.repeatWindowDays }, opts.now);

  // The items of the period by body, in one pass.
  const groups = new Map<string, Appeal[]>();
  for (const a of selected) {
    if (!(a.createdAt >= opts.from && a.createdAt < opts.to)) continue;
    const key = ratingKey(a, opts.subject, orgs)!;
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
    const body = assessBody(items, { now: opts.now, config, repeats, worstLimit: config.explainLimit, ...(opts.sla ? { sla: opts.sla } : {}) });
    assessed.push({ key, figures: body.figures, components: { ...body.components }, worst: body.worst });
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
