/**
 * Municipal units of the Chuvash Republic as versioned data (DOMAIN.md: 23 units since
 * 2025, 26 in 2023–2024). The facts themselves are generated from `../shared/geo/` by
 * `scripts/build-geo.mjs` into `municipalities-data.ts`; never hard-code a list elsewhere.
 */
import { MUNICIPALITY_SETS } from './municipalities-data';

/** One municipal unit. `oktmo` (8 digits) is its id everywhere in the product. */
export interface Municipality {
  /** OKTMO code, 8 digits, e.g. `97701000` for Чебоксары. */
  readonly oktmo: string;
  /** Stable slug from the geo data, e.g. `alatyrsky`. */
  readonly slug: string;
  /** Full official name, e.g. «Алатырский муниципальный округ». */
  readonly name: string;
  /** Short name for the wall, e.g. «Алатырский». */
  readonly shortName: string;
  readonly type: 'municipal_okrug' | 'city_okrug';
  /** Admin centre name, e.g. «г. Алатырь». */
  readonly centreName: string;
  /** Admin centre, WGS84 [lon, lat]. */
  readonly centre: readonly [number, number];
  /** Residents (mixed years, see assets/geo/README.md): use for weighting, not as an official figure. */
  readonly population: number;
}

/** Identifier of a municipal division scheme. */
export type MunicipalitySetId = '2025' | '2023';

/** The set shown and validated by default: the 23 units in force since 1 January 2025. */
export const DEFAULT_MUNICIPALITY_SET: MunicipalitySetId = '2025';

/** All municipalities of a set, in a stable order (by name). */
export function municipalities(set: MunicipalitySetId = DEFAULT_MUNICIPALITY_SET): readonly Municipality[] {
  return MUNICIPALITY_SETS[set];
}

const byCode = new Map<string, Map<string, Municipality>>();

/** The municipality with this OKTMO code in a set, or undefined. */
export function municipalityByOktmo(oktmo: string, set: MunicipalitySetId = DEFAULT_MUNICIPALITY_SET): Municipality | undefined {
  let index = byCode.get(set);
  if (!index) {
    index = new Map(MUNICIPALITY_SETS[set].map((m) => [m.oktmo, m]));
    byCode.set(set, index);
  }
  return index.get(oktmo);
}

/** Bounding box of the republic, [west, south, east, north], with a small margin (DOMAIN.md). */
export const REPUBLIC_BOUNDS: readonly [number, number, number, number] = [45.85, 54.58, 48.48, 56.38];

/** True when a WGS84 point lies inside the republic's bounding box. */
export function isInsideRepublicBounds(lon: number, lat: number): boolean {
  const [w, s, e, n] = REPUBLIC_BOUNDS;
  return lon >= w && lon <= e && lat >= s && lat <= n;
}

/**
 * The 2024 regional law merged three city okrugs into the surrounding okrugs (effective
 * 1 January 2025): data from before 2025 may still carry the old codes.
 */
export const MERGED_2025: Readonly<Record<string, string>> = { alatyr: 'alatyrsky', kanash: 'kanashsky', shumerlya: 'shumerlinsky' };

/**
 * The 2025 OKTMO code for a code of either set: 2025 codes map to themselves, codes of the
 * merged 2023 city okrugs to their okrug; unknown codes to undefined.
 */
export function normalizeOktmo(oktmo: string): string | undefined {
  if (municipalityByOktmo(oktmo, '2025')) return oktmo;
  const old = municipalityByOktmo(oktmo, '2023');
  const target = old && MERGED_2025[old.slug];
  return target ? municipalities('2025').find((m) => m.slug === target)?.oktmo : undefined;
}
