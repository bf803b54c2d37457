/**
 * Which appeals the map draws (issue 5): every sector, or one sector's in a sector scene (ЖКХ
 * also keeps the accidents). Pure. The worker writes each point's sector index into a float
 * attribute once (`sectorIndex`); a scene switch only changes the GPU filter's range
 * (deck.gl DataFilterExtension), so nothing is re-encoded or re-uploaded.
 */
import { ACCIDENTS_SECTOR, ALL_SECTORS, DEFAULT_SECTORS, sectorIndex, type Sector } from '../../app/domain/sector';

/** One sector's appeals; null = every sector. */
export type MapFilter = { sector: string } | null;

/** The props deck.gl's DataFilterExtension takes (`filterSize: 1`). */
export interface FilterProps {
  filterEnabled: boolean;
  filterRange: [number, number];
}

/** What the layers draw under a filter: built once per filter change, not per frame. */
export interface LayerFilter {
  /** Appeal points, breaches and arrivals. */
  points: FilterProps;
  /** Hexagons: the all-sector cells, or one sector's. */
  hexes: FilterProps;
  /** Accidents and their links to social posts. */
  accidents: boolean;
  /** The sector index drawn, or null for all. */
  sector: number | null;
  /** `data-map-filter`: `sector:<id>` or empty. */
  key: string;
}

const around = (v: number): [number, number] => [v - 0.5, v + 0.5];

const UNFILTERED: LayerFilter = {
  points: { filterEnabled: false, filterRange: around(ALL_SECTORS) },
  hexes: { filterEnabled: true, filterRange: around(ALL_SECTORS) },
  accidents: true,
  sector: null,
  key: '',
};

/** The layers' filter; a sector that is not configured shows every sector (and says so). */
export function layerFilter(filter: MapFilter, sectors: readonly Sector[] = DEFAULT_SECTORS): LayerFilter {
  if (filter && !sectors.some((s) => s.id === filter.sector)) {
    console.warn(`карта: сферы «${filter.sector}» нет в настройках, показаны все сферы / map: unknown sector ${JSON.stringify(filter.sector)}, showing all`);
    return UNFILTERED;
  }
  if (!filter) return UNFILTERED;
  const sector = sectorIndex(filter.sector, sectors);
  const range = around(sector);
  return {
    points: { filterEnabled: true, filterRange: range },
    hexes: { filterEnabled: true, filterRange: range },
    accidents: filter.sector === ACCIDENTS_SECTOR,
    sector,
    key: `sector:${filter.sector}`,
  };
}

/** True when a point of sector index `value` passes (the shader's test, for tests and the CPU side). */
export function passes(f: FilterProps, value: number): boolean {
  return !f.filterEnabled || (value >= f.filterRange[0] && value <= f.filterRange[1]);
}
