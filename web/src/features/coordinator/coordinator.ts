export { getSites as loadSites, type Site } from './api/get-sites.ts';
export { getDrivers as loadDrivers, type User } from './api/get-users.ts';

/** Points on a small map without tiles: lat/lon scaled into a `w`×`h` box (longitude shrunk by the latitude). */
export function project(points: { lat: number; lon: number }[], w: number, h: number, pad = 14) {
  const k = Math.cos(((points.reduce((a, p) => a + p.lat, 0) / Math.max(points.length, 1)) * Math.PI) / 180);
  const xs = points.map((p) => p.lon * k);
  const ys = points.map((p) => p.lat);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const s = Math.min((w - 2 * pad) / Math.max(x1 - x0, 1e-6), (h - 2 * pad) / Math.max(y1 - y0, 1e-6));
  return (p: { lat: number; lon: number }) => ({ x: pad + (p.lon * k - x0) * s, y: h - pad - (p.lat - y0) * s });
}
