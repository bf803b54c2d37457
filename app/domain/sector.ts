/**
 * Sectors are configuration, never an enum (DOMAIN.md: a curator may add more). These are
 * the defaults named by the regulation (Положение о ЦУР, 2020) plus the topics that top the
 * real inflow (yard improvement). Colours are from a colour-blind-safe qualitative palette
 * (Okabe–Ito + Tol's muted), so they are told apart by most viewers; the wall never relies
 * on colour alone.
 */
export interface Sector {
  /** Stable id used in the feed, e.g. `housing`. */
  readonly id: string;
  /** Russian label for the wall. */
  readonly label: string;
  /** RGB colour for map points and legends. */
  readonly color: readonly [number, number, number];
}

/** The default sector configuration. */
export const DEFAULT_SECTORS: readonly Sector[] = [
  { id: 'housing', label: 'ЖКХ', color: [230, 159, 0] },
  { id: 'roads', label: 'Дороги', color: [86, 180, 233] },
  { id: 'improvement', label: 'Благоустройство', color: [0, 158, 115] },
  { id: 'transport', label: 'Транспорт', color: [240, 228, 66] },
  { id: 'healthcare', label: 'Здравоохранение', color: [204, 121, 167] },
  { id: 'education', label: 'Образование', color: [0, 114, 178] },
  { id: 'social', label: 'Соцзащита', color: [170, 170, 255] },
  { id: 'energy', label: 'Энергетика', color: [213, 94, 0] },
  { id: 'waste', label: 'Обращение с ТКО', color: [153, 153, 51] },
  { id: 'other', label: 'Прочее', color: [187, 187, 187] },
];

/** Looks a sector up by id in a configuration; unknown ids fall back to the last entry (`other`). */
export function sectorById(id: string, sectors: readonly Sector[] = DEFAULT_SECTORS): Sector {
  return sectors.find((s) => s.id === id) ?? sectors[sectors.length - 1]!;
}

/**
 * Index of a sector in the configuration; an unknown id gets the fallback's (the last,
 * `other`), as its colour does. The wall's feed worker writes it into each map point (a float
 * attribute) and the map filters on it on the GPU (renderer/map/sector-filter.ts).
 */
export function sectorIndex(id: string, sectors: readonly Sector[] = DEFAULT_SECTORS): number {
  const i = sectors.findIndex((s) => s.id === id);
  return i >= 0 ? i : sectors.length - 1;
}

/** Sector index of an aggregation cell that counts every sector (the unfiltered hexagons). */
export const ALL_SECTORS = -1;

/** The sector whose scene also shows the ЖКХ accidents (on the map as in the focused panels). */
export const ACCIDENTS_SECTOR = 'housing';
