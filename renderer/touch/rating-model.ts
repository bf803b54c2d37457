/**
 * The ratings on the touch panel (issue 11): the ОМСУ and ОИВ tables over the last 30 days,
 * computed from the panel's own (public) appeals by the same `rateBodies` as the wall and the
 * hub's API — repeats come as the hub's `repeatOf` links, so every screen counts the same.
 */
import type { Appeal, Entity } from '../../app/domain/entity';
import { municipalityByOktmo } from '../../app/domain/municipality';
import { rateBodies, type RatingResult } from '../../app/ratings/rate-bodies';
import { useHubConfig } from '../state/live-config-store';

export type RatingLevel = 'omsu' | 'oiv';
export const RATING_DAYS = 30;
const DAY_MS = 86_400_000;

export const LEVEL_TITLES: Readonly<Record<RatingLevel, string>> = { omsu: 'Рейтинг ОМСУ', oiv: 'Рейтинг ОИВ' };

export function ratingOf(entities: Iterable<Entity>, now: number, level: RatingLevel): RatingResult {
  const appeals: Appeal[] = [];
  for (const e of entities) if (e.kind === 'appeal') appeals.push(e);
  return rateBodies(appeals, { subject: level === 'omsu' ? 'municipality' : 'oiv', from: now - RATING_DAYS * DAY_MS, to: now, now });
}

/** The name of a rated body: a municipality's short name or an ОИВ's (the hub's current `organisations`). */
export function ratedName(level: RatingLevel, key: string): string {
  if (level === 'omsu') return (municipalityByOktmo(key) ?? municipalityByOktmo(key, '2023'))?.shortName ?? key;
  return useHubConfig.getState().orgs.get(key)?.short ?? key;
}
