/**
 * Citizens' posts that belong to an accident: "no heat" posts near an active heat accident are
 * two views of one problem (DOMAIN.md). A post is linked when the feed links it explicitly
 * (`accidentId`), or when all of these hold:
 * - it is a social-media post (ИМ);
 * - its sector is one the resource maps to (heat, water, sewerage, housing → `housing`;
 *   electricity, gas, heat → `energy` too, as posts about them are filed under either);
 * - its title or topic contains a keyword stem of the resource (lower case, ё read as е).
 *   Only title and topic are used: the hub never sends free text to wall roles. Stems are
 *   broad on purpose («вод» catches «воды», «водоснабжение»), so a post may link to two
 *   accidents of related resources; the sector, place and time narrow it down;
 * - it lies within `radiusKm` (haversine; default 3 km, well above the ≈ 500 m coarsening
 *   of appeal points and a typical heat-network district);
 * - it was created during the accident: from `startedAt − leadMs` to `restoredAt` (or `now`).
 */
import type { Accident, AccidentResource, Appeal } from '../domain/entity';
import { formatMskWhen } from '../ui/format-ru';
import { haversineKm } from './geo-distance';
import { isPlanned } from './supply-time';

/** Keyword stems per resource, matched as substrings of the lower-cased title/topic. */
export const DEFAULT_RESOURCE_KEYWORDS: Readonly<Record<AccidentResource, readonly string[]>> = {
  heat: ['отоплен', 'батаре', 'тепл'],
  hot_water: ['горяч', 'гвс'],
  cold_water: ['холодн', 'вод'],
  sewerage: ['канализ', 'водоотвед', 'сток'],
  electricity: ['свет', 'электр'],
  gas: ['газ'],
  housing: ['обруш', 'крыш', 'аварийн', 'трещин'],
};

/** Sectors (ids of the sector configuration) a resource's posts are filed under. */
export const DEFAULT_RESOURCE_SECTORS: Readonly<Record<AccidentResource, readonly string[]>> = {
  heat: ['housing', 'energy'],
  hot_water: ['housing'],
  cold_water: ['housing'],
  sewerage: ['housing'],
  electricity: ['energy', 'housing'],
  gas: ['energy', 'housing'],
  housing: ['housing'],
};

/** How posts are matched to an accident. */
export interface LinkConfig {
  /** The current time: the end of the window for an accident not yet restored. Unix ms. */
  readonly now: number;
  /** @default 3 */
  readonly radiusKm?: number;
  /** Posts this long before `startedAt` still count (residents often notice first). @default 0 */
  readonly leadMs?: number;
  readonly keywords?: Readonly<Record<AccidentResource, readonly string[]>>;
  readonly sectors?: Readonly<Record<AccidentResource, readonly string[]>>;
}

const normalise = (s: string) => s.toLowerCase().replaceAll('ё', 'е');

/** True when the post's sector and title/topic speak of the resource (no place or time test). */
export function isAboutResource(post: Appeal, resource: AccidentResource, cfg: Omit<LinkConfig, 'now'> = {}): boolean {
  const sectors = (cfg.sectors ?? DEFAULT_RESOURCE_SECTORS)[resource];
  if (!sectors.includes(post.sector)) return false;
  const text = normalise(`${post.title} ${post.topic ?? ''}`);
  return (cfg.keywords ?? DEFAULT_RESOURCE_KEYWORDS)[resource].some((k) => text.includes(normalise(k)));
}

/** The social posts linked to an accident (see the file comment for the rule), oldest first. */
export function linkedPosts(accident: Accident, appeals: readonly Appeal[], cfg: LinkConfig): Appeal[] {
  const radius = cfg.radiusKm ?? 3;
  const from = accident.startedAt - (cfg.leadMs ?? 0);
  const to = Math.min(accident.restoredAt ?? cfg.now, cfg.now);
  return appeals
    .filter((p) => {
      if (p.channel !== 'social') return false;
      // The feed's explicit link is final either way: a post tied to another accident stays there.
      if (p.accidentId !== undefined) return p.accidentId === accident.id;
      if (p.createdAt < from || p.createdAt > to) return false;
      if (!isAboutResource(p, accident.resource, cfg)) return false;
      return haversineKm(accident.lon, accident.lat, p.lon, p.lat) <= radius;
    })
    .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
}

/**
 * How a post linked to `accident` is labelled: «плановое отключение до 18:00» when the outage
 * is planned (the post is about announced works, not an accident; the time is the announced
 * end, with the date when it is not today), else null.
 */
export function linkedPostLabel(accident: Pick<Accident, 'nature' | 'plannedRestoreAt'>, now: number): string | null {
  return isPlanned(accident) ? plannedOutageLabel(accident.plannedRestoreAt, now) : null;
}

/** «плановое отключение до hh:mm» (Moscow time; «до DD.MM hh:mm» on another day). */
export function plannedOutageLabel(plannedRestoreAt: number, now: number): string {
  return `плановое отключение до ${formatMskWhen(plannedRestoreAt, now)}`;
}
