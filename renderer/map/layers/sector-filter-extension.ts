/**
 * The GPU side of the sector filter (renderer/map/sector-filter.ts): deck.gl's
 * DataFilterExtension on a float attribute (`getFilterValue` = the worker's sector index).
 * Every filterable layer always carries it, so a scene switch changes two uniforms and
 * compiles nothing; when off, `filterEnabled` is false.
 */
import { DataFilterExtension } from '@deck.gl/extensions';
import type { FilterProps } from '../sector-filter';

/** One instance in one array for every layer: deck.gl compares extensions by reference. */
const EXTENSIONS = [new DataFilterExtension({ filterSize: 1 })];

/** Draws everything (the default of a layer built without a filter). */
export const FILTER_OFF: FilterProps = { filterEnabled: false, filterRange: [-1, 1] };

/** The layer props of the filter; the attribute goes in `data.attributes.getFilterValue`. */
export function sectorFilterProps(f: FilterProps): { extensions: typeof EXTENSIONS; filterEnabled: boolean; filterRange: [number, number] } {
  return { extensions: EXTENSIONS, filterEnabled: f.filterEnabled, filterRange: f.filterRange };
}
