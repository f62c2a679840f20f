// Positions on the Earth: validity, great-circle distance, and a local flat projection for
// simplifying and drawing tracks. Lengths are metres, angles degrees.

/** [latitude, longitude] in degrees. */
export type LatLon = readonly [number, number];

/** The mean Earth radius (IUGG), the same one the fixture distances were computed with. */
export const EARTH_RADIUS_M = 6_371_008.8;

const RAD = Math.PI / 180;

/**
 * Whether a latitude/longitude pair is a real position. Devices write `0, 0` ("null island")
 * when they have no fix, and broken exporters write `undefined`: neither is kept.
 */
export function isValidPosition(lat: number | undefined, lon: number | undefined): boolean {
  if (lat === undefined || lon === undefined) return false;
  if (!Number.isFinite(lat) || !Number.isFinite(lon)) return false;
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return false;
  return !(lat === 0 && lon === 0);
}

/** Great-circle distance by the haversine formula. */
export function haversine(a: LatLon, b: LatLon): number {
  const dLat = (b[0] - a[0]) * RAD;
  const dLon = (b[1] - a[1]) * RAD;
  const s =
    Math.sin(dLat / 2) ** 2 + Math.cos(a[0] * RAD) * Math.cos(b[0] * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(s)));
}

/**
 * Metres east and north of `origin` on a plane tangent there. Good to well under 1 % across the
 * few tens of kilometres a workout covers, which is all simplification and drawing need.
 */
export function toLocalMeters(point: LatLon, origin: LatLon): [number, number] {
  const x = (point[1] - origin[1]) * RAD * EARTH_RADIUS_M * Math.cos(origin[0] * RAD);
  const y = (point[0] - origin[0]) * RAD * EARTH_RADIUS_M;
  return [x, y];
}
