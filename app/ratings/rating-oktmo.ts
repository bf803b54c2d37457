/**
 * Where a rated body sits on the map: a municipality's ОМСУ belongs to its municipality.
 * Keys are OKTMO codes (subject `municipality`, codes of either set) or org ids (subject
 * `org`: `omsu-<municipality slug>` for a municipality's administration; the republic's
 * executive bodies, `oiv-…`, have no territory of their own). Pure.
 */
import { MERGED_2025, municipalities, municipalityByOktmo, normalizeOktmo, type MunicipalitySetId } from '../domain/municipality';
import type { RatingSubject } from './rate-bodies';

const OMSU_PREFIX = 'omsu-';

function bySlug(slug: string, set: MunicipalitySetId): string | undefined {
  return municipalities(set).find((m) => m.slug === slug)?.oktmo;
}

/**
 * The OKTMO code in `set` of a rated body, and whether it is that municipality's own body
 * (`exact`) or one merged into it in 2025 (a 2023 city okrug). Undefined when it has none.
 */
export function ratedOktmo(key: string, subject: RatingSubject, set: MunicipalitySetId = '2025'): { oktmo: string; exact: boolean } | undefined {
  if (subject === 'municipality') {
    if (municipalityByOktmo(key, set)) return { oktmo: key, exact: true };
    const code = set === '2025' ? normalizeOktmo(key) : undefined;
    return code ? { oktmo: code, exact: false } : undefined;
  }
  if (!key.startsWith(OMSU_PREFIX)) return undefined;
  const slug = key.slice(OMSU_PREFIX.length);
  const own = bySlug(slug, set);
  if (own) return { oktmo: own, exact: true };
  const merged = set === '2025' ? MERGED_2025[slug] : undefined;
  const code = merged && bySlug(merged, set);
  return code ? { oktmo: code, exact: false } : undefined;
}

/**
 * Rating scores by OKTMO code of `set`. A municipality's own body gives its score; one with
 * only bodies merged into it (old data of a 2023 city okrug) gets their mean. Bodies without
 * a territory are left out, and so are municipalities nobody rated.
 */
export function scoresByOktmo(scores: Readonly<Record<string, number>>, subject: RatingSubject, set: MunicipalitySetId = '2025'): Record<string, number> {
  const own: Record<string, number> = {};
  const merged = new Map<string, number[]>();
  for (const [key, score] of Object.entries(scores)) {
    const at = ratedOktmo(key, subject, set);
    if (!at) continue;
    if (at.exact) own[at.oktmo] = score;
    else merged.set(at.oktmo, [...(merged.get(at.oktmo) ?? []), score]);
  }
  for (const [code, list] of merged) own[code] ??= Math.round((10 * list.reduce((a, b) => a + b, 0)) / list.length) / 10;
  return own;
}
