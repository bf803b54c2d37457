/**
 * Great-circle distance for "near the accident" tests. Haversine on a sphere is within 0.5 %
 * of the ellipsoid at these distances (a few km), far below the ≈ 500 m coarsening of appeal
 * points by the hub, and it needs no geodesy library in the core.
 */

/** Mean Earth radius, km (IUGG). */
export const EARTH_RADIUS_KM = 6371.0088;

/** Distance in km between two WGS84 points given as lon/lat degrees. */
export function haversineKm(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}
