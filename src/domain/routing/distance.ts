/** A point on the Earth in decimal degrees. */
export interface GeoPoint {
  lat: number;
  lon: number;
}

export interface GreatCircleOptions {
  /** Road distance over straight-line distance (roads wind); 1.3 is a common urban figure. */
  circuityFactor?: number;
  /** Average driving speed used to turn kilometres into minutes. */
  speedKmh?: number;
}

const EARTH_RADIUS_KM = 6371.0088;

/**
 * Great-circle distance in kilometres between two points (haversine formula, mean
 * Earth radius), accurate to about 0.5 % — plenty when no road network is at hand.
 *
 * Example: `haversineKm({ lat: 52.52, lon: 13.405 }, { lat: 48.137, lon: 11.575 })` ≈ 504.
 */
export function haversineKm(a: GeoPoint, b: GeoPoint): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Distance (km) and duration (minutes) matrices between points, estimated from the
 * great-circle distance times a circuity factor at a constant speed. Index = position
 * in `points`, as the solver's `location` expects.
 *
 * Example: `buildGreatCircleMatrix([depot, donor], { circuityFactor: 1.3, speedKmh: 60 }).durations[0][1]`
 * is the estimated minutes from the depot to the donor.
 */
export function buildGreatCircleMatrix(
  points: readonly GeoPoint[],
  options: GreatCircleOptions = {},
): { distances: number[][]; durations: number[][] } {
  const circuity = options.circuityFactor ?? 1.3;
  const speed = options.speedKmh ?? 60;
  if (!(circuity > 0) || !(speed > 0)) throw new RangeError('circuityFactor and speedKmh must be positive');
  const n = points.length;
  const distances = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const durations = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const km = haversineKm(points[i], points[j]) * circuity;
      const min = (km / speed) * 60;
      distances[i][j] = km;
      distances[j][i] = km;
      durations[i][j] = min;
      durations[j][i] = min;
    }
  }
  return { distances, durations };
}
