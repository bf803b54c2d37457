/**
 * Reference data and explainable ratings over HTTP (issue 11):
 * - `GET /api/v1/organisations` (any reading token): the organisation directory,
 *   `[{id, name, short, type, municipality?}]`.
 * - `GET /api/v1/ratings?level=omsu|oiv[&month=YYYY-MM | &from=…&to=…][&recompute=1]`
 *   (presenter and admin tokens): every row with its score, the four components, the figures
 *   behind them and its worst items. A closed month («Рейтинг за ноябрь 2026») is computed once
 *   and frozen at the hub: the same table forever; `recompute=1` computes it again from what
 *   the hub holds now and returns the differences beside the frozen table, for an audit.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Appeal } from '../app/domain/entity';
import { municipalityByOktmo } from '../app/domain/municipality';
import { rateBodies, type RatingSubject } from '../app/ratings/rate-bodies';
import { RATING_COMPONENTS } from '../app/ratings/rating-config';
import type { SlaRules } from '../app/sla/sla-rules';
import type { FeedLog } from './feed-log';
import { sendJson } from './http-routes';
import { publicReference } from './projection';
import { readingRoleOf, type TokenTable } from './tokens';

export interface RatingsApiDeps {
  tokens: TokenTable;
  log: FeedLog;
  now: () => number;
  /** The SLA rules in effect (the `production-calendar` document's calendar); default the built-in ones. */
  sla?: () => SlaRules;
}

const MSK = 3 * 3_600_000;
const MONTHS = ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'];

/** [from, to) of a Moscow calendar month `YYYY-MM`, or null for a malformed one. */
export function monthRange(month: string): { from: number; to: number } | null {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  return { from: Date.UTC(y, mo - 1, 1) - MSK, to: Date.UTC(y, mo, 1) - MSK };
}

/** «YYYY-MM» of the Moscow month that holds `t`. */
export function monthOf(t: number): string {
  const d = new Date(t + MSK);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

export interface RatingTable {
  level: 'omsu' | 'oiv';
  title: string;
  from: number;
  to: number;
  computedAt: number;
  frozen: boolean;
  rows: {
    key: string;
    name: string;
    rank: number;
    score: number;
    components: Record<string, number | null>;
    figures: Record<string, number>;
    explain: { weakest: string | null; items: { id: string; why: readonly string[] }[] };
  }[];
  unrated: { key: string; name: string; items: number }[];
}

const SUBJECT: Record<'omsu' | 'oiv', RatingSubject> = { omsu: 'municipality', oiv: 'oiv' };

/** The rating table of a level over [from, to), judged at `at` (the period's end for a closed month). */
export function ratingTable(
  appeals: readonly Appeal[],
  level: 'omsu' | 'oiv',
  from: number,
  to: number,
  at: number,
  title: string,
  sla?: SlaRules,
): RatingTable {
  const orgs = publicReference().orgs;
  const name = (key: string) =>
    level === 'omsu' ? ((municipalityByOktmo(key) ?? municipalityByOktmo(key, '2023'))?.shortName ?? key) : (orgs.get(key)?.short ?? key);
  const r = rateBodies(appeals, { subject: SUBJECT[level], from, to, now: at, ...(sla ? { sla } : {}) });
  return {
    level,
    title,
    from,
    to,
    computedAt: at,
    frozen: false,
    rows: r.rows.map((row) => ({
      key: row.key,
      name: name(row.key),
      rank: row.rank,
      score: row.score,
      components: Object.fromEntries(RATING_COMPONENTS.map((c) => [c, row.components[c] === undefined ? null : Math.round(row.components[c]! * 10) / 10])),
      figures: Object.fromEntries(Object.entries(row.figures).filter((e): e is [string, number] => typeof e[1] === 'number')),
      explain: { weakest: row.explain.weakest ?? null, items: row.explain.items.map((i) => ({ ...i })) },
    })),
    unrated: r.unrated.map((u) => ({ ...u, name: name(u.key) })),
  };
}

/** What changed between a frozen table and a recomputation, row by row. */
export function ratingDiff(frozen: RatingTable, now: RatingTable): { key: string; field: string; frozen: unknown; recomputed: unknown }[] {
  const out: { key: string; field: string; frozen: unknown; recomputed: unknown }[] = [];
  const byKey = new Map(now.rows.map((r) => [r.key, r]));
  for (const f of frozen.rows) {
    const n = byKey.get(f.key);
    if (!n) {
      out.push({ key: f.key, field: 'row', frozen: f.rank, recomputed: null });
      continue;
    }
    for (const field of ['rank', 'score'] as const) if (f[field] !== n[field]) out.push({ key: f.key, field, frozen: f[field], recomputed: n[field] });
    for (const c of Object.keys(f.components))
      if (f.components[c] !== n.components[c]) out.push({ key: f.key, field: c, frozen: f.components[c], recomputed: n.components[c] });
    byKey.delete(f.key);
  }
  for (const n of byKey.values()) out.push({ key: n.key, field: 'row', frozen: null, recomputed: n.rank });
  return out;
}

const appealsOf = (log: FeedLog): Appeal[] => log.snapshot().entities.filter((e): e is Appeal => e.kind === 'appeal');

/**
 * The frozen table of a closed month, freezing it now if it is not yet. Used by the route and by
 * the hub's hourly check at month close, so a month is frozen while its items are still held.
 */
export function frozenMonth(log: FeedLog, level: 'omsu' | 'oiv', month: string, sla?: SlaRules): RatingTable | null {
  const range = monthRange(month);
  if (!range) return null;
  const key = `ratings:${level}:${month}`;
  const stored = log.frozen(key);
  if (stored) return { ...(JSON.parse(stored) as RatingTable), frozen: true };
  const [y, m] = month.split('-').map(Number) as [number, number];
  const table = ratingTable(
    appealsOf(log),
    level,
    range.from,
    range.to,
    range.to,
    `Рейтинг ${level === 'omsu' ? 'ОМСУ' : 'ОИВ'} за ${MONTHS[m - 1]} ${y}`,
    sla,
  );
  log.freeze(key, JSON.stringify(table));
  return { ...table, frozen: true };
}

/** Freezes the month just closed (both levels) once `now` is past its end; idempotent. */
export function freezeClosedMonth(log: FeedLog, now: number, sla?: SlaRules): void {
  const previous = monthOf(monthRange(monthOf(now))!.from - 1);
  for (const level of ['omsu', 'oiv'] as const) frozenMonth(log, level, previous, sla);
}

const bearer = (req: IncomingMessage): string | undefined => /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];

/** Handles the two routes; false for any other request. */
export function handleRatingsApi(req: IncomingMessage, res: ServerResponse, url: URL, deps: RatingsApiDeps): boolean {
  if (req.method !== 'GET' || (url.pathname !== '/api/v1/organisations' && url.pathname !== '/api/v1/ratings')) return false;
  const token = bearer(req) ?? url.searchParams.get('token') ?? undefined;
  const role = token ? deps.tokens.get(token) : undefined;
  if (url.pathname === '/api/v1/organisations') {
    if (!readingRoleOf(role)) sendJson(res, 401, { error: 'auth: a wall, touch, presenter or admin token is needed' });
    else
      sendJson(
        res,
        200,
        publicReference().orgs.organisations.map(({ id, name, short, type, municipality }) => ({
          id,
          name,
          short,
          type,
          ...(municipality ? { municipality } : {}),
        })),
      );
    return true;
  }
  if (role !== 'presenter' && role !== 'admin') {
    sendJson(res, role ? 403 : 401, { error: 'auth: ratings need a presenter or admin token' });
    return true;
  }
  const level = url.searchParams.get('level') ?? 'omsu';
  if (level !== 'omsu' && level !== 'oiv') {
    sendJson(res, 400, { error: `level: omsu or oiv expected, got "${level.slice(0, 20)}"` });
    return true;
  }
  const now = deps.now();
  const month = url.searchParams.get('month');
  if (month !== null) {
    const range = monthRange(month);
    if (!range) {
      sendJson(res, 400, { error: `month: YYYY-MM expected, got "${month.slice(0, 20)}"` });
      return true;
    }
    if (range.to > now) {
      // The month is still running: a live table, not frozen.
      sendJson(
        res,
        200,
        ratingTable(appealsOf(deps.log), level, range.from, now, now, `Рейтинг ${level === 'omsu' ? 'ОМСУ' : 'ОИВ'} за текущий месяц`, deps.sla?.()),
      );
      return true;
    }
    const frozen = frozenMonth(deps.log, level, month, deps.sla?.())!;
    if (url.searchParams.get('recompute') === '1') {
      const again = ratingTable(appealsOf(deps.log), level, range.from, range.to, range.to, frozen.title, deps.sla?.());
      sendJson(res, 200, { ...frozen, recomputed: again, diff: ratingDiff(frozen, again) });
    } else sendJson(res, 200, frozen);
    return true;
  }
  const time = (k: string, fallback: number): number => {
    const v = url.searchParams.get(k);
    if (v === null) return fallback;
    const n = /^\d+$/.test(v) ? Number(v) : Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00+03:00` : v);
    return Number.isFinite(n) ? n : NaN;
  };
  const from = time('from', monthRange(monthOf(now))!.from);
  const to = time('to', now);
  if (!Number.isFinite(from) || !Number.isFinite(to) || from >= to) {
    sendJson(res, 400, { error: 'from / to: Unix ms or YYYY-MM-DD (Moscow), from before to' });
    return true;
  }
  sendJson(res, 200, ratingTable(appealsOf(deps.log), level, from, to, Math.min(to, now), `Рейтинг ${level === 'omsu' ? 'ОМСУ' : 'ОИВ'}`, deps.sla?.()));
  return true;
}
