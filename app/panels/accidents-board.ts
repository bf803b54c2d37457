/**
 * The accidents board: active ЖКХ accidents, heaviest first (residents × hours without
 * supply), with outage time, planned restoration, the overdue flag, thresholds crossed and the
 * number of citizens' posts linked to each (DOMAIN.md: posts and accidents are two views of
 * one problem). Linking needs a second pass over the posts, only for the accidents shown.
 * Planned outages are listed after every accident (they are told apart, never mixed in the
 * heaviest-first order), with their nature so the board says «плановое отключение».
 */
import { AccidentContext } from '../accidents/accident-context';
import { accidentMetrics, DEFAULT_ACCIDENT_THRESHOLDS, isPlanned, type AccidentThresholds, type ThresholdId } from '../accidents/accident-metrics';
import { EARTH_RADIUS_KM, haversineKm } from '../accidents/geo-distance';
import { DEFAULT_RESOURCE_SECTORS, isAboutResource } from '../accidents/linked-posts';
import type { Accident, AccidentNature, AccidentResource, Appeal } from '../domain/entity';
import { entityKey } from '../domain/entity';
import { MINUTE_MS } from '../calendar/msk-time';
import type { PanelAcc } from './panel-pass';
import { buildWith } from './panel-pass';
import type { EntitySource, PanelsConfig } from './panels-config';
import { createTopN } from './top-n';

/** One active accident on the board. */
export interface AccidentRow {
  /** Store key, `accident:<id>`. */
  readonly key: string;
  readonly id: string;
  readonly resource: AccidentResource;
  /** Emergency (also when the feed leaves it out), planned outage or incident. */
  readonly nature: AccidentNature;
  readonly address: string;
  readonly municipality: string;
  readonly operator: string;
  readonly residents: number;
  readonly buildings: number;
  readonly socialObjects: number;
  readonly startedAt: number;
  /** Time without supply at `now`, ms. */
  readonly outageMs: number;
  readonly plannedRestoreAt: number;
  /** True once `now` is past the planned restoration. */
  readonly overdue: boolean;
  readonly residentHours: number;
  /** Thresholds crossed, in the order of `thresholdCrossings`. */
  readonly crossings: readonly ThresholdId[];
  /** Citizens' posts linked to the accident (the rule of `linkedPosts`). */
  readonly linkedPosts: number;
}

/** The accidents board. */
export interface AccidentsBoardState {
  /** Up to `accidents.limit` active accidents, most residents × hours first, then planned outages. */
  readonly rows: readonly AccidentRow[];
  /** All active accidents, shown or not (planned outages not counted). */
  readonly active: number;
  /** Planned outages in progress, shown or not. */
  readonly planned: number;
}

const KM_PER_DEGREE = (EARTH_RADIUS_KM * Math.PI) / 180;

/** Link parameters as `linkedPosts` takes them. */
export interface LinkRule {
  readonly now: number;
  readonly radiusKm: number;
  readonly leadMs: number;
}

/**
 * True when `linkedPosts(accident, [post], rule)` would list the post; the same tests in the
 * cheapest order (time and sector before text and distance), with no allocation per call.
 */
export function isLinkedPost(post: Appeal, accident: Accident, rule: LinkRule): boolean {
  if (post.channel !== 'social') return false;
  if (post.accidentId !== undefined) return post.accidentId === accident.id;
  const to = Math.min(accident.restoredAt ?? rule.now, rule.now);
  if (post.createdAt < accident.startedAt - rule.leadMs || post.createdAt > to) return false;
  if (!DEFAULT_RESOURCE_SECTORS[accident.resource].includes(post.sector)) return false;
  // The distance along the meridian never exceeds the great-circle distance: a cheap reject
  // for most of the republic before the trigonometry (with a hair of margin for rounding).
  if (Math.abs(post.lat - accident.lat) * KM_PER_DEGREE > rule.radiusKm * (1 + 1e-9)) return false;
  if (haversineKm(accident.lon, accident.lat, post.lon, post.lat) > rule.radiusKm) return false;
  return isAboutResource(post, accident.resource);
}

/** Planned outages sort after every accident: residents × ms stay far below this. */
const PLANNED_OFFSET = 1e18;

/**
 * The accidents board accumulator; `finish` takes the second pass for linked posts. The
 * thresholds read the `weather` entities of the pass; `airTempC` stands in where none is fresh.
 */
export function accidentsAcc(now: number, config: Pick<PanelsConfig, 'accidents' | 'thresholds'>, airTempC?: number): PanelAcc<AccidentsBoardState> {
  const top = createTopN<Accident>(config.accidents.limit);
  const thresholds: AccidentThresholds = config.thresholds ?? DEFAULT_ACCIDENT_THRESHOLDS;
  const context = new AccidentContext(now, thresholds, airTempC);
  let active = 0;
  let planned = 0;
  return {
    appeal() {},
    weather(w) {
      context.add(w);
    },
    accident(a, isActive) {
      context.add(a);
      if (!isActive) return;
      if (isPlanned(a)) planned++;
      else active++;
      // Heaviest first: minus residents × outage (the same order as residents × hours).
      const weight = -a.residents * Math.max(0, now - a.startedAt) + (isPlanned(a) ? PLANNED_OFFSET : 0);
      top.add(weight, a.id, a);
    },
    finish(entities) {
      const shown = top.values();
      const links = new Array<number>(shown.length).fill(0);
      if (shown.length > 0) {
        const rule: LinkRule = { now, radiusKm: config.accidents.linkRadiusKm, leadMs: config.accidents.linkLeadMin * MINUTE_MS };
        for (const e of entities.values()) {
          if (e.kind !== 'appeal' || e.channel !== 'social') continue;
          for (let i = 0; i < shown.length; i++) if (isLinkedPost(e, shown[i]!, rule)) links[i]!++;
        }
      }
      const rows = shown.map((a, i): AccidentRow => {
        const m = accidentMetrics(a, now, { thresholds, airTempC: context.airTempFor(a), monthCrossedAt: context.monthCrossedAt(a) });
        return {
          key: entityKey(a),
          id: a.id,
          resource: a.resource,
          nature: a.nature ?? 'emergency',
          address: a.address,
          municipality: a.municipality,
          operator: a.operator,
          residents: a.residents,
          buildings: a.buildings,
          socialObjects: a.socialObjects,
          startedAt: a.startedAt,
          outageMs: m.outageMs,
          plannedRestoreAt: a.plannedRestoreAt,
          overdue: m.restoreOverdueMs > 0,
          residentHours: m.residentHours,
          crossings: m.crossings.map((c) => c.id),
          linkedPosts: links[i]!,
        };
      });
      return { rows, active, planned };
    },
  };
}

/** The accidents board at `now`; `airTempC` stands in for the outdoor temperature where no weather entity gives it (unknown = frost). */
export function buildAccidentsBoard(
  entities: EntitySource,
  now: number,
  config: Pick<PanelsConfig, 'accidents' | 'thresholds' | 'sla'>,
  airTempC?: number,
): AccidentsBoardState {
  return buildWith(accidentsAcc(now, config, airTempC), entities, now, config.sla);
}
