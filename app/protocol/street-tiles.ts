/**
 * The street basemap's HTTP contract (issue 17) between the hub (hub/tiles.ts) and the renderer
 * (renderer/map/street-style.ts, renderer/touch/AddressSearch.tsx).
 */

/** `GET /tiles/meta.json` when the hub has street tiles (else `{available: false, reason}`). */
export interface StreetTilesMeta {
  available: true;
  /** Tile URL template, relative to the hub: `/tiles/{z}/{x}/{y}.pbf`. */
  tiles: string[];
  minzoom: number;
  maxzoom: number;
  /** [w, s, e, n] */
  bounds: [number, number, number, number] | null;
  attribution: string;
  builtAt: string | null;
  /** Rows of the address index (0: no address search). */
  addresses: number;
}

/** One answer of `GET /api/v1/address?q=…` (`{q, results: AddressHit[]}`). */
export interface AddressHit {
  kind: 'house' | 'street';
  /** «улица Гагарина, 10 · Чебоксары» */
  label: string;
  street: string;
  house: string;
  city: string;
  lon: number;
  lat: number;
}
