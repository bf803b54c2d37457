/**
 * The ratings table: the top and bottom places of the ОМСУ (or organisation) rating over the
 * configured period, each with its trend against the previous period (issue 5 «Panels»). The
 * rating itself is `rateBodies`; this module picks the period, compares and trims.
 *
 * A rating reads every appeal of two periods and looks for repeat complaints, far heavier than
 * the other panels, and it moves slowly. So `buildPanels` reuses the previous table until
 * `ratings.refreshS` has passed (see `ratingsDue`), and the wall's table may lag by that much.
 */
import { DAY_MS, isoWeekday, monthDayOfDay, mskDay, mskDayStart, yearOfDay } from '../calendar/msk-time';
import type { Appeal } from '../domain/entity';
import { municipalityByOktmo } from '../domain/municipality';
import { defaultOrgDirectory } from '../domain/organisations';
import type { BodyFigures, ExplainItem } from '../ratings/body-figures';
import { rateBodies, type RatingResult, type RatingRow } from '../ratings/rate-bodies';
import { DEFAULT_RATING_CONFIG, type RatingComponent } from '../ratings/rating-config';
import type { PanelsConfig } from './panels-config';

/** Which way a place moved against the previous period: `new` when it was not ranked then. */
export type RankTrend = 'up' | 'down' | 'flat' | 'new';

/** One place in the table. */
export interface RatingsRow {
  /** OKTMO code or org id. */
  readonly key: string;
  /** Municipality short name, or the org id. */
  readonly label: string;
  readonly rank: number;
  /** 0–100. */
  readonly score: number;
  readonly components: Partial<Record<RatingComponent, number>>;
  /** The weakest component: the first words of «why this place». */
  readonly weakest: RatingComponent | null;
  /** The figures behind the components (docs/ratings.md). */
  readonly figures: BodyFigures;
  /** The items that cost this place most, worst first. */
  readonly worst: readonly ExplainItem[];
  readonly previousRank: number | null;
  readonly previousScore: number | null;
  /** `up` = a better (smaller) rank than in the previous period. */
  readonly trend: RankTrend;
}

/** The ratings table. */
export interface RatingsState {
  readonly subject: PanelsConfig['ratings']['subject'];
  /** The period rated: [from, to), Unix ms. */
  readonly from: number;
  readonly to: number;
  /** The previous period: [previousFrom, from). */
  readonly previousFrom: number;
  /** When the table was computed (hub time). */
  readonly computedAt: number;
  /** Places 1…N. */
  readonly top: readonly RatingsRow[];
  /** The last N places not already in `top`, best first. */
  readonly bottom: readonly RatingsRow[];
  /** Every ranked body's score by key (OKTMO code or org id): the map's «rating» choropleth. */
  readonly scores: Readonly<Record<string, number>>;
  /** Bodies ranked, and bodies with too few items to be ranked. */
  readonly rated: number;
  readonly unrated: number;
  /** Subject, period and limit the table was built for (see `ratingsDue`). */
  readonly shape: string;
}

/** Start of the Moscow calendar week (Monday), month or quarter that contains `now`. */
function calendarStart(now: number, unit: 'week' | 'month' | 'quarter'): number {
  const day = mskDay(now);
  if (unit === 'week') return mskDayStart(day - (isoWeekday(day) - 1));
  const { month } = monthDayOfDay(day);
  const first = unit === 'month' ? month : month - ((month - 1) % 3);
  return mskDayStart(Date.UTC(yearOfDay(day), first - 1, 1) / DAY_MS);
}

/** The period rated at `now` and the one before it. */
export function ratingPeriods(now: number, period: PanelsConfig['ratings']['period']): { from: number; previousFrom: number } {
  if (period.kind === 'rolling') return { from: now - period.days * DAY_MS, previousFrom: now - 2 * period.days * DAY_MS };
  const from = calendarStart(now, period.unit);
  return { from, previousFrom: calendarStart(from - 1, period.unit) };
}

/** The table-shaping part of the ratings config, as a string: a table built under another is stale. */
function shapeKey(r: PanelsConfig['ratings']): string {
  const p = r.period.kind === 'rolling' ? `rolling:${r.period.days}` : `calendar:${r.period.unit}`;
  return `${r.subject}|${p}|${r.limit}`;
}

/**
 * True when a table computed earlier must be recomputed at `now`: none yet, `refreshS` passed,
 * the clock stepped back, a calendar period turned over, or the subject, period or limit
 * changed. (New rating weights take effect at the next refresh.)
 */
export function ratingsDue(previous: RatingsState | undefined, now: number, config: Pick<PanelsConfig, 'ratings'>): boolean {
  const cfg = config.ratings;
  if (!previous || previous.shape !== shapeKey(cfg)) return true;
  if (now < previous.computedAt || now - previous.computedAt >= cfg.refreshS * 1000) return true;
  return cfg.period.kind === 'calendar' && ratingPeriods(now, cfg.period).from !== previous.from;
}

function trendOf(rank: number, previous: RatingRow | undefined): RankTrend {
  if (!previous) return 'new';
  return rank < previous.rank ? 'up' : rank > previous.rank ? 'down' : 'flat';
}

/**
 * The ratings table at `now` from the appeals. Only those created since the previous period's
 * start matter: a repeat complaint always comes after the item it repeats.
 */
export function buildRatings(appeals: readonly Appeal[], now: number, config: Pick<PanelsConfig, 'ratings' | 'rating' | 'sla'>): RatingsState {
  const { subject, period, limit } = config.ratings;
  const { from, previousFrom } = ratingPeriods(now, period);
  const common = { subject, config: config.rating ?? DEFAULT_RATING_CONFIG, ...(config.sla ? { sla: config.sla } : {}) };
  // Each rating reads only the appeals that can count: its period's, and the repeats that come
  // after them up to its `now`. The two sets barely overlap (only items created at `from`), so the
  // repeat search reads each item about once. One pass splits them (a pass over 100k appeals
  // is not free: they are objects of many shapes, scattered in memory).
  const currentAppeals: Appeal[] = [];
  const previousAppeals: Appeal[] = [];
  for (const a of appeals) {
    const t = a.createdAt;
    if (t >= from) currentAppeals.push(a);
    if (t >= previousFrom && t <= from) previousAppeals.push(a);
  }
  const current: RatingResult = rateBodies(currentAppeals, { ...common, from, to: now, now });
  const previous: RatingResult = rateBodies(previousAppeals, { ...common, from: previousFrom, to: from, now: from });
  const before = new Map(previous.rows.map((r) => [r.key, r]));
  const label = (key: string) =>
    subject === 'municipality'
      ? ((municipalityByOktmo(key) ?? municipalityByOktmo(key, '2023'))?.shortName ?? key)
      : (defaultOrgDirectory().get(key)?.short ?? key);
  const toRow = (r: RatingRow): RatingsRow => {
    const p = before.get(r.key);
    return {
      key: r.key,
      label: label(r.key),
      rank: r.rank,
      score: r.score,
      components: r.components,
      weakest: r.explain.weakest ?? null,
      figures: r.figures,
      worst: r.explain.items,
      previousRank: p?.rank ?? null,
      previousScore: p?.score ?? null,
      trend: trendOf(r.rank, p),
    };
  };
  const rows = current.rows;
  const top = rows.slice(0, limit).map(toRow);
  const bottom = rows.slice(Math.max(limit, rows.length - limit)).map(toRow);
  const scores = Object.fromEntries(rows.map((r) => [r.key, r.score]));
  return {
    subject,
    from,
    to: now,
    previousFrom,
    computedAt: now,
    top,
    bottom,
    scores,
    rated: rows.length,
    unrated: current.unrated.length,
    shape: shapeKey(config.ratings),
  };
}
