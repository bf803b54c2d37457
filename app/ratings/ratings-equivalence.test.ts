/**
 * The ratings are computed with indexes and memos for speed (issue 5: 100,000 appeals in well
 * under a second, where the plain algorithm took 11 s). This file keeps the plain algorithm as
 * it was before that work (the reference below: a copy of the old `findRepeats`, `assessBody`,
 * `rateBodies` and `buildRatings`, on the same SLA and calendar functions) and checks that the
 * fast one gives exactly its results, number for number, on random data and on larger
 * generated sets: so the optimisation can never move a score, a rank or an explanation.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { haversineKm } from '../accidents/geo-distance';
import { DAY_MS, HOUR_MS, MINUTE_MS, mskTime } from '../calendar/msk-time';
import type { Appeal } from '../domain/entity';
import { municipalityByOktmo } from '../domain/municipality';
import { PanelsConfigSchema, type PanelsConfig } from '../panels/panels-config';
import { buildRatings, ratingPeriods, type RankTrend, type RatingsRow, type RatingsState } from '../panels/ratings-panel';
import { slaClock, usedShare } from '../sla/sla-due';
import { DEFAULT_SLA_RULES, type SlaRules } from '../sla/sla-rules';
import { slaInfo } from '../sla/sla-state';
import { assessBody, EXPLAIN_ORDER, weightedMean, type BodyAssessment, type BodyFigures, type ExplainItem, type ExplainReason } from './body-figures';
import { rateBodies, type RatingOptions, type RatingResult, type RatingRow } from './rate-bodies';
import { DEFAULT_RATING_CONFIG, RATING_COMPONENTS, type RatingComponent, type RatingConfig } from './rating-config';
import { findRepeats, problemKey, type RepeatRule } from './repeat-complaints';
import { makeAppeal } from '../../test/support/entities';
import { mulberry32 as rng } from '../../test/support/rng';

// ---------------------------------------------------------------------------------------------
// The reference: the plain algorithm, as it was before the speed-up.
// ---------------------------------------------------------------------------------------------

/** Index of the first appeal created strictly after `time` in a list sorted by `createdAt`. */
function refFirstAfter(sorted: readonly Appeal[], time: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]!.createdAt <= time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function refFindRepeats(appeals: readonly Appeal[], rule: RepeatRule, now: number): Map<string, string[]> {
  const groups = new Map<string, Appeal[]>();
  for (const a of appeals) {
    const key = problemKey(a);
    const g = groups.get(key);
    if (g) g.push(a);
    else groups.set(key, [a]);
  }
  const out = new Map<string, string[]>();
  for (const group of groups.values()) {
    group.sort((x, y) => x.createdAt - y.createdAt);
    for (const a of group) {
      if (a.answeredAt === undefined) continue;
      const answeredAt = a.answeredAt;
      const until = Math.min(now, answeredAt + rule.windowDays * DAY_MS);
      const repeats: string[] = [];
      for (let i = refFirstAfter(group, answeredAt); i < group.length && group[i]!.createdAt <= until; i++) {
        const b = group[i]!;
        if (b.id !== a.id && haversineKm(a.lon, a.lat, b.lon, b.lat) <= rule.radiusKm) repeats.push(b.id);
      }
      if (repeats.length > 0) out.set(a.id, repeats);
    }
  }
  return out;
}

const mean = (xs: readonly number[]) => (xs.length > 0 ? xs.reduce((s, x) => s + x, 0) / xs.length : undefined);

function refAssessBody(
  items: readonly Appeal[],
  ctx: { now: number; sla?: SlaRules; config: RatingConfig; repeats: ReadonlyMap<string, readonly string[]>; satisfaction?: ReadonlyMap<string, number> },
): BodyAssessment {
  const sla = ctx.sla ?? DEFAULT_SLA_RULES;
  const { config, now } = ctx;
  let answered = 0;
  let onTime = 0;
  let decided = 0;
  let overdue = 0;
  let postponed = 0;
  let bounced = 0;
  const answerMs: number[] = [];
  const used: number[] = [];
  const scores: number[] = [];
  const worst: ExplainItem[] = [];
  for (const a of items) {
    const state = slaInfo(a, now, sla);
    const why: ExplainReason[] = [];
    const item: { -readonly [K in keyof ExplainItem]: ExplainItem[K] } = { id: a.id, why };
    const hasAnswer = a.answeredAt !== undefined && a.answeredAt <= now;
    if (hasAnswer) {
      const clock = slaClock(a.status === 'intermediate' ? { ...a, status: 'in_progress' } : a, sla);
      answered++;
      decided++;
      answerMs.push(a.answeredAt! - a.createdAt);
      used.push(Math.min(1, Math.max(0, usedShare(clock, a.answeredAt!, sla))));
      if (a.answeredAt! <= clock.dueAt) onTime++;
      else {
        why.push('late');
        item.lateMs = a.answeredAt! - clock.dueAt;
      }
      const repeatedBy = ctx.repeats.get(a.id);
      if (repeatedBy) {
        bounced++;
        why.push('repeat');
        item.repeatedBy = repeatedBy;
      }
    }
    if (state.status === 'overdue') {
      overdue++;
      if (!hasAnswer) decided++;
      why.push('overdue');
      item.overdueMs = -state.remainingMs;
    } else if (state.status === 'extended' || state.status === 'intermediate') {
      postponed++;
      why.push('postponed');
    }
    const s = ctx.satisfaction?.get(a.id);
    if (s !== undefined && Number.isFinite(s) && s >= 1 && s <= 5) {
      scores.push(s);
      if (s <= config.lowSatisfaction) {
        why.push('low_satisfaction');
        item.satisfaction = s;
      }
    }
    if (why.length > 0) {
      why.sort((x, y) => EXPLAIN_ORDER.indexOf(x) - EXPLAIN_ORDER.indexOf(y));
      worst.push(item);
    }
  }
  const meanUsed = mean(used);
  const satisfactionMean = mean(scores);
  const speed = weightedMean([
    [decided > 0 ? onTime / decided : undefined, config.speedMix.onTime],
    [meanUsed !== undefined ? 1 - meanUsed : undefined, config.speedMix.time],
  ]);
  const n = items.length;
  const components: Partial<Record<RatingComponent, number>> = {};
  if (speed !== undefined) components.speed = 100 * speed;
  if (n > 0) components.completeness = 100 * Math.max(0, 1 - (overdue + config.postponedWeight * postponed) / n);
  if (answered > 0) components.quality = 100 * (1 - bounced / answered);
  if (satisfactionMean !== undefined) components.satisfaction = (100 * (satisfactionMean - 1)) / 4;
  const meanFirstAnswerMs = mean(answerMs);
  const figures: BodyFigures = {
    items: n,
    answered,
    answeredOnTime: onTime,
    decided,
    ...(meanFirstAnswerMs !== undefined ? { meanFirstAnswerMs } : {}),
    ...(meanUsed !== undefined ? { meanUsedShare: meanUsed } : {}),
    overdue,
    postponed,
    bounced,
    satisfactionCount: scores.length,
    ...(satisfactionMean !== undefined ? { satisfactionMean } : {}),
  };
  const size = (i: ExplainItem) => {
    switch (i.why[0]) {
      case 'overdue':
        return i.overdueMs ?? 0;
      case 'late':
        return i.lateMs ?? 0;
      case 'repeat':
        return i.repeatedBy?.length ?? 0;
      case 'low_satisfaction':
        return 5 - (i.satisfaction ?? 5);
      default:
        return 0;
    }
  };
  worst.sort((x, y) => EXPLAIN_ORDER.indexOf(x.why[0]!) - EXPLAIN_ORDER.indexOf(y.why[0]!) || size(y) - size(x) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  return { figures, components, worst };
}

const defaultPopulation = (oktmo: string) => (municipalityByOktmo(oktmo) ?? municipalityByOktmo(oktmo, '2023'))?.population;

function refRateBodies(appeals: readonly Appeal[], opts: RatingOptions): RatingResult {
  const config = opts.config ?? DEFAULT_RATING_CONFIG;
  const selected = appeals.filter((a) => opts.include?.(a) ?? true);
  const inPeriod = selected.filter((a) => a.createdAt >= opts.from && a.createdAt < opts.to);
  const repeats = refFindRepeats(selected, { windowDays: config.repeatWindowDays, radiusKm: config.repeatRadiusKm }, opts.now);
  const populationOf = opts.populationOf ?? (opts.subject === 'municipality' ? defaultPopulation : () => undefined);
  const groups = new Map<string, Appeal[]>();
  for (const a of inPeriod) {
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
    const body = refAssessBody(items, { now: opts.now, config, repeats, ...(opts.sla ? { sla: opts.sla } : {}), ...(opts.satisfaction ? { satisfaction: opts.satisfaction } : {}) });
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

function refBuildRatings(appeals: readonly Appeal[], now: number, config: Pick<PanelsConfig, 'ratings' | 'rating' | 'sla'>): RatingsState {
  const { subject, period, limit } = config.ratings;
  const { from, previousFrom } = ratingPeriods(now, period);
  const common = { subject, config: config.rating ?? DEFAULT_RATING_CONFIG, ...(config.sla ? { sla: config.sla } : {}) };
  const current = refRateBodies(
    appeals.filter((a) => a.createdAt >= from),
    { ...common, from, to: now, now },
  );
  const previous = refRateBodies(
    appeals.filter((a) => a.createdAt >= previousFrom && a.createdAt <= from),
    { ...common, from: previousFrom, to: from, now: from },
  );
  const before = new Map(previous.rows.map((r) => [r.key, r]));
  const label = (key: string) => (subject === 'municipality' ? (municipalityByOktmo(key) ?? municipalityByOktmo(key, '2023'))?.shortName ?? key : key);
  const trendOf = (rank: number, p: RatingRow | undefined): RankTrend => (!p ? 'new' : rank < p.rank ? 'up' : rank > p.rank ? 'down' : 'flat');
  const toRow = (r: RatingRow): RatingsRow => {
    const p = before.get(r.key);
    return {
      key: r.key,
      label: label(r.key),
      rank: r.rank,
      score: r.score,
      components: r.components,
      weakest: r.explain.weakest ?? null,
      previousRank: p?.rank ?? null,
      previousScore: p?.score ?? null,
      trend: trendOf(r.rank, p),
    };
  };
  const rows = current.rows;
  const top = rows.slice(0, limit).map(toRow);
  const bottom = rows.slice(Math.max(limit, rows.length - limit)).map(toRow);
  const scores = Object.fromEntries(rows.map((r) => [r.key, r.score]));
  const p = period.kind === 'rolling' ? `rolling:${period.days}` : `calendar:${period.unit}`;
  return { subject, from, to: now, previousFrom, computedAt: now, top, bottom, scores, rated: rows.length, unrated: current.unrated.length, shape: `${subject}|${p}|${limit}` };
}

// ---------------------------------------------------------------------------------------------
// Data: appeals that exercise every branch (ties in time, shared and distinct points, topics
// that normalise alike, intermediate and extended items, answers before and after `now`).
// ---------------------------------------------------------------------------------------------

/** Friday 20.02.2026 12:00 MSK. */
const NOW = mskTime(2026, 2, 20, 12);
const MUNICIPALITIES = ['97701000', '97710000', '97503000', '97707000', '97999000'];
const SECTORS = ['housing', 'roads', 'energy'];
const ORGS = ['omsu-cheboksary', 'omsu-novocheboksarsk', 'oiv-minstroy', 'oiv-minzdrav'];
const TOPICS = [undefined, 'Отопление', '  отопление ', 'ОТОПЛЕНИЕ', 'Вывоз мусора', 'вывоз  мусора', '', '  ', 'Ёлки'];
const TITLES = ['Нет отопления!', 'отопления нет', 'Нет горячей воды', 'Яма на дороге', 'Обращение', 'Ёлки-палки, нет света', ''];
/** The hub's ≈ 500 m grid (hub/redact.ts), so coarse points fall on shared spots ≈ 0.5–2 km apart. */
const LON_STEP = 0.0045 / Math.cos((55.5 * Math.PI) / 180);
const LAT_STEP = 0.0045;

const point = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.integer({ min: -5, max: 5 }), fc.integer({ min: -5, max: 5 })).map(([i, j]) => [47.25 + i * LON_STEP, 56.13 + j * LAT_STEP] as const) },
  { weight: 3, arbitrary: fc.tuple(fc.double({ min: 47.2, max: 47.3, noNaN: true }), fc.double({ min: 56.1, max: 56.16, noNaN: true })) },
  { weight: 1, arbitrary: fc.constantFrom([47.25, 56.13] as const, [47.2500001, 56.13] as const, [46.5, 55.2] as const, [0, 0] as const, [-0, -0] as const, [0, 89.5] as const) },
);

const appealSpec = fc.record({
  municipality: fc.constantFrom(...MUNICIPALITIES),
  sector: fc.constantFrom(...SECTORS),
  org: fc.constantFrom(...ORGS),
  topic: fc.constantFrom(...TOPICS),
  title: fc.constantFrom(...TITLES),
  channel: fc.constantFrom('pos' as const, 'social' as const, 'written' as const),
  importance: fc.constantFrom('normal' as const, 'high' as const),
  status: fc.constantFrom('new' as const, 'in_progress' as const, 'intermediate' as const, 'extended' as const, 'answered' as const, 'closed' as const),
  // Quarter-hour steps over 70 days before NOW (and a day after it): many equal times.
  ago: fc.oneof(fc.integer({ min: -96, max: 70 * 96 }).map((k) => k * 15 * MINUTE_MS), fc.integer({ min: -DAY_MS, max: 70 * DAY_MS })),
  answerAfter: fc.option(fc.oneof(fc.constantFrom(0, 1, HOUR_MS, 8 * HOUR_MS), fc.integer({ min: 0, max: 40 * DAY_MS })), { nil: undefined }),
  dueAfter: fc.option(fc.integer({ min: -DAY_MS, max: 60 * DAY_MS }), { nil: undefined }),
  point,
  /** Sometimes the id of an earlier appeal: the search must treat a repeated id as before. */
  sameIdAs: fc.option(fc.nat(), { freq: 20, nil: undefined }),
});

type AppealSpec = typeof appealSpec extends fc.Arbitrary<infer T> ? T : never;

function toAppeals(specs: readonly AppealSpec[], duplicates: boolean): Appeal[] {
  return specs.map((s, i) => {
    const createdAt = NOW - s.ago;
    return makeAppeal({
      id: duplicates && s.sameIdAs !== undefined && i > 0 ? `a${s.sameIdAs % i}` : `a${i}`,
      municipality: s.municipality, sector: s.sector, org: s.org, title: s.title, channel: s.channel, importance: s.importance, status: s.status,
      createdAt, lon: s.point[0], lat: s.point[1],
      ...(s.topic !== undefined ? { topic: s.topic } : {}),
      ...(s.answerAfter !== undefined ? { answeredAt: createdAt + s.answerAfter } : {}),
      ...(s.dueAfter !== undefined ? { dueAt: Math.max(0, createdAt + s.dueAfter) } : {}),
    });
  });
}

const ruleArb = fc.record({ windowDays: fc.constantFrom(0, 1, 7, 30, 45), radiusKm: fc.constantFrom(0, 0.3, 0.5, 1, 1.2, 3, 500) });

/** Working time other than the default: no lunch, 8–17, pre-holiday days not shortened. */
const PLAIN_HOURS: SlaRules = { ...DEFAULT_SLA_RULES, workingTime: { dayStartHour: 8, dayEndHour: 17, shortenPreHoliday: false } };

const ratingConfigArb = fc.record({
  repeatWindowDays: fc.constantFrom(0, 7, 30),
  repeatRadiusKm: fc.constantFrom(0, 0.5, 1, 3),
  explainLimit: fc.constantFrom(0, 1, 3, 5, 1000, 2.5, -1),
  minItems: fc.constantFrom(1, 2, 4),
  completenessOnly: fc.boolean(),
}).map(({ completenessOnly, ...c }): RatingConfig => ({
  ...DEFAULT_RATING_CONFIG,
  ...c,
  ...(completenessOnly ? { weights: { speed: 0, completeness: 1, quality: 0, satisfaction: 0, volume: 0 } } : {}),
}));

const slaArb = fc.constantFrom<SlaRules | undefined>(undefined, DEFAULT_SLA_RULES, PLAIN_HOURS);
const satisfactionArb = fc.option(fc.dictionary(fc.nat({ max: 200 }).map((i) => `a${i}`), fc.constantFrom(1, 2, 2.5, 3, 4, 5, 7, Number.NaN)), { nil: undefined });

/** Same value, same keys in the same order, same signs of zero. */
function expectSame<T>(actual: T, expected: T): void {
  expect(actual).toStrictEqual(expected);
  expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

describe('ratings: the fast algorithm gives exactly the plain one’s results', () => {
  it('findRepeats: the same repeaters, in the same order, for any appeals, window and radius', () => {
    fc.assert(
      fc.property(fc.array(appealSpec, { maxLength: 150 }), ruleArb, fc.boolean(), fc.integer({ min: -5 * DAY_MS, max: 5 * DAY_MS }), (specs, rule, duplicates, shift) => {
        const appeals = toAppeals(specs, duplicates);
        const now = NOW + shift;
        expect([...findRepeats(appeals, rule, now)]).toStrictEqual([...refFindRepeats(appeals, rule, now)]);
      }),
      { numRuns: 300 },
    );
  });

  /** One problem, so most pairs of appeals are candidates of each other. */
  const oneProblem = appealSpec.map((s) => ({ ...s, municipality: MUNICIPALITIES[0]!, sector: SECTORS[0]!, topic: 'Отопление' }));

  it('findRepeats: the same on input the feed never sends (odd times, a «|» in a municipality)', () => {
    const odd = fc.constantFrom(Number.NaN, Infinity, -Infinity, 0.5, -1.25);
    fc.assert(
      // Whole days apart: many equal times, whose order must survive whichever sort is used.
      fc.property(fc.array(oneProblem.map((x) => ({ ...x, ago: (Math.abs(x.ago) % 20) * DAY_MS })), { maxLength: 60 }), ruleArb, fc.array(fc.tuple(fc.nat(), odd), { maxLength: 4 }), fc.boolean(), (specs, rule, oddTimes, pipe) => {
        const appeals = toAppeals(specs, true);
        for (const [i, t] of oddTimes) {
          const a = appeals[i % Math.max(1, appeals.length)];
          if (a) appeals[i % appeals.length] = { ...a, createdAt: Number.isFinite(t) ? a.createdAt + t : t };
        }
        if (pipe) {
          // «M|x» + «S» and «M» + «x|S»: one problem key, as strings compare, and a repeat.
          const answered = makeAppeal({ id: 'pipe-1', municipality: '97701000|x', sector: 'roads', topic: 'Яма', createdAt: NOW - 5 * DAY_MS, answeredAt: NOW - 4 * DAY_MS });
          appeals.push(answered, makeAppeal({ id: 'pipe-2', municipality: '97701000', sector: 'x|roads', topic: 'Яма', createdAt: NOW - 3 * DAY_MS }));
        }
        expect([...findRepeats(appeals, rule, NOW)]).toStrictEqual([...refFindRepeats(appeals, rule, NOW)]);
      }),
      { numRuns: 300 },
    );
  });

  it('findRepeats: a repeat exactly at the radius counts, on one shared problem', () => {
    // The radius is the distance of two of the appeals, so some pairs sit exactly on it.
    const spec = oneProblem;
    fc.assert(
      fc.property(fc.array(spec, { minLength: 2, maxLength: 120 }), fc.nat(), fc.nat(), fc.constantFrom(0, 7, 30), (specs, i, j, windowDays) => {
        const appeals = toAppeals(specs, false);
        const p = appeals[i % appeals.length]!;
        const q = appeals[j % appeals.length]!;
        const rule = { windowDays, radiusKm: haversineKm(p.lon, p.lat, q.lon, q.lat) };
        expect([...findRepeats(appeals, rule, NOW)]).toStrictEqual([...refFindRepeats(appeals, rule, NOW)]);
      }),
      { numRuns: 300 },
    );
  });

  it('one problem, ids given twice (an appeal never repeats itself; the last bounce of an id is the one rated)', () => {
    const spec = fc.tuple(oneProblem, fc.nat({ max: 12 })).map(([s, k]) => ({ ...s, sameIdAs: k, point: [47.25 + (k % 3) * LON_STEP, 56.13] as const }));
    fc.assert(
      fc.property(fc.array(spec, { maxLength: 80 }), fc.constantFrom(0, 7, 30), fc.constantFrom(0.5, 1, 3), (specs, windowDays, radiusKm) => {
        const appeals = toAppeals(specs, true);
        const rule = { windowDays, radiusKm };
        expect([...findRepeats(appeals, rule, NOW)]).toStrictEqual([...refFindRepeats(appeals, rule, NOW)]);
        const opts: RatingOptions = { subject: 'org', from: NOW - 40 * DAY_MS, to: NOW, now: NOW, config: { ...DEFAULT_RATING_CONFIG, repeatWindowDays: windowDays, repeatRadiusKm: radiusKm, minItems: 1 } };
        expectSame(rateBodies(appeals, opts), refRateBodies(appeals, opts));
      }),
      { numRuns: 300 },
    );
  });

  it('rateBodies: the same rows, scores, figures and explanations for any options', () => {
    fc.assert(
      fc.property(
        fc.array(appealSpec, { maxLength: 150 }),
        fc.record({
          subject: fc.constantFrom('org' as const, 'municipality' as const),
          // On the appeals' quarter hours too, so some are created exactly at `from` or `to`.
          fromAgo: fc.oneof(fc.integer({ min: 0, max: 60 * DAY_MS }), fc.integer({ min: 0, max: 60 * 96 }).map((k) => k * 15 * MINUTE_MS)),
          length: fc.oneof(fc.integer({ min: 0, max: 40 * DAY_MS }), fc.integer({ min: 0, max: 40 * 96 }).map((k) => k * 15 * MINUTE_MS)),
          nowAfter: fc.integer({ min: -DAY_MS, max: 10 * DAY_MS }),
          omsuOnly: fc.boolean(),
          config: fc.option(ratingConfigArb, { nil: undefined }),
          sla: slaArb,
          satisfaction: satisfactionArb,
        }),
        fc.boolean(),
        (specs, o, duplicates) => {
          const appeals = toAppeals(specs, duplicates);
          const from = NOW - o.fromAgo;
          const opts: RatingOptions = {
            subject: o.subject, from, to: from + o.length, now: from + o.length + o.nowAfter,
            ...(o.omsuOnly ? { include: (a: Appeal) => a.org.startsWith('omsu-') } : {}),
            ...(o.config ? { config: o.config } : {}),
            ...(o.sla ? { sla: o.sla } : {}),
            ...(o.satisfaction ? { satisfaction: new Map(Object.entries(o.satisfaction)) } : {}),
          };
          expectSame(rateBodies(appeals, opts), refRateBodies(appeals, opts));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('assessBody (public, with a map of repeats): the same figures and the full list of worst items', () => {
    fc.assert(
      fc.property(fc.array(appealSpec, { maxLength: 100 }), ratingConfigArb, slaArb, satisfactionArb, fc.boolean(), (specs, config, sla, sat, emptyLists) => {
        const appeals = toAppeals(specs, true);
        const repeats = refFindRepeats(appeals, { windowDays: config.repeatWindowDays, radiusKm: config.repeatRadiusKm }, NOW);
        // A map built by hand may hold an empty list: it still counts as a bounce, as it did.
        if (emptyLists && appeals[0]) repeats.set(appeals[0].id, []);
        const ctx = { now: NOW, config, repeats, ...(sla ? { sla } : {}), ...(sat ? { satisfaction: new Map(Object.entries(sat)) } : {}) };
        const expected = refAssessBody(appeals, ctx);
        expectSame(assessBody(appeals, ctx), expected);
        expectSame(assessBody(appeals, { ...ctx, worstLimit: 3 }), { ...expected, worst: expected.worst.slice(0, 3) });
      }),
      { numRuns: 200 },
    );
  });

  it('buildRatings: the same table for any period, subject and limit', () => {
    fc.assert(
      fc.property(
        fc.array(appealSpec, { maxLength: 150 }),
        fc.record({
          subject: fc.constantFrom('org' as const, 'municipality' as const),
          period: fc.constantFrom({ kind: 'rolling' as const, days: 30 }, { kind: 'rolling' as const, days: 7 }, { kind: 'calendar' as const, unit: 'week' as const }, { kind: 'calendar' as const, unit: 'month' as const }),
          limit: fc.integer({ min: 1, max: 6 }),
          rating: fc.option(ratingConfigArb, { nil: undefined }),
          sla: slaArb,
        }),
        fc.integer({ min: -3 * DAY_MS, max: 3 * DAY_MS }),
        (specs, c, shift) => {
          const appeals = toAppeals(specs, false);
          const config: PanelsConfig = {
            ...PanelsConfigSchema.parse({ ratings: { subject: c.subject, period: c.period, limit: c.limit } }),
            ...(c.rating ? { rating: c.rating } : {}),
            ...(c.sla ? { sla: c.sla } : {}),
          };
          expectSame(buildRatings(appeals, NOW + shift, config), refBuildRatings(appeals, NOW + shift, config));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('is not fooled by memos: the same appeals rated twice, and copies of them, give the reference result', () => {
    fc.assert(
      fc.property(fc.array(appealSpec, { maxLength: 80 }), slaArb, (specs, sla) => {
        const appeals = toAppeals(specs, false);
        const opts: RatingOptions = { subject: 'municipality', from: NOW - 30 * DAY_MS, to: NOW, now: NOW, ...(sla ? { sla } : {}) };
        const expected = refRateBodies(appeals, opts);
        expectSame(rateBodies(appeals, opts), expected);
        expectSame(rateBodies(appeals, opts), expected);
        expectSame(rateBodies(appeals.map((a) => ({ ...a })), opts), expected);
      }),
      { numRuns: 100 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Larger sets: a day's worth of a region, several thousand appeals, as the wall sees them.
// ---------------------------------------------------------------------------------------------

/** mulberry32: a small seeded generator, so each set is the same on every run. */

/** `n` appeals over the two 30-day periods before NOW: coarse points around a few centres, busy topics. */
function generated(seed: number, n: number): Appeal[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const centres = [[47.25, 56.13], [47.47, 56.11], [47.0, 55.5]] as const;
  const topics = ['Отопление', 'Вывоз мусора', 'Освещение', 'Ямы на дорогах', 'Уборка снега', 'Горячая вода'];
  return Array.from({ length: n }, (_, i) => {
    const [lon, lat] = pick(centres);
    const createdAt = NOW - Math.floor(r() * 60 * DAY_MS);
    const answered = r() < 0.85;
    const answerAfter = Math.floor(Math.exp(Math.log(6 * HOUR_MS) + (r() - 0.5) * 4));
    const channel = pick(['pos', 'social', 'social', 'written'] as const);
    return makeAppeal({
      id: `g${seed}-${i}`, municipality: pick(MUNICIPALITIES), sector: pick(SECTORS), org: pick(ORGS), channel,
      ...(r() < 0.8 ? { topic: pick(topics) } : { title: pick(TITLES) }),
      status: answered ? pick(['answered', 'closed', 'intermediate'] as const) : pick(['new', 'in_progress', 'extended'] as const),
      createdAt, ...(answered ? { answeredAt: createdAt + answerAfter } : {}), ...(channel === 'written' ? { dueAt: createdAt + 30 * DAY_MS } : {}),
      lon: lon + Math.round((r() - 0.5) * 12) * LON_STEP, lat: lat + Math.round((r() - 0.5) * 12) * LAT_STEP,
    });
  });
}

describe('ratings on generated sets of 5,000 appeals: the same as the plain algorithm', () => {
  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}`, () => {
      const appeals = generated(seed, 5000);
      const rule = { windowDays: 30, radiusKm: 1 };
      expect([...findRepeats(appeals, rule, NOW)]).toStrictEqual([...refFindRepeats(appeals, rule, NOW)]);
      for (const subject of ['municipality', 'org'] as const) {
        const config = PanelsConfigSchema.parse({ ratings: { subject } });
        expectSame(buildRatings(appeals, NOW, config), refBuildRatings(appeals, NOW, config));
        const opts: RatingOptions = { subject, from: NOW - 30 * DAY_MS, to: NOW, now: NOW, config: { ...DEFAULT_RATING_CONFIG, explainLimit: 50 } };
        expectSame(rateBodies(appeals, opts), refRateBodies(appeals, opts));
      }
    });
  }
});
