/**
 * Which depot serves a donor or a food-bank point: the one a coordinator set (`depotId`);
 * without one, the network's only depot; with several, the nearest one as the crow flies
 * (ties go to the smaller depot id, so the answer never depends on the order depots are
 * read in). Route planning collects a donor's pickups and reservations take a point's bags
 * from this depot, so a site created without `depotId` is never left out of planning.
 */
import { haversineKm, type GeoPoint } from './routing/distance.ts';

export type ServingRule = 'set' | 'only_depot' | 'nearest_depot';

export interface ServingDepot {
  depotId: string;
  /** How it was chosen: set on the site, the only depot, or the nearest of several. */
  rule: ServingRule;
}

export interface DepotLocation extends GeoPoint {
  id: string;
}

/**
 * The depot that serves a donor or point, or null when there is none (a depot itself, or a
 * network with no depot yet).
 *
 * @example servingDepot({ kind: 'donor', depotId: null, lat: 61.69, lon: 27.27 },
 *   [{ id: 'mikkeli', lat: 61.70, lon: 27.23 }, { id: 'juva', lat: 61.90, lon: 27.85 }])
 *   // { depotId: 'mikkeli', rule: 'nearest_depot' }
 */
export function servingDepot(
  site: GeoPoint & { kind: string; depotId: string | null },
  depots: readonly DepotLocation[],
): ServingDepot | null {
  if (site.kind === 'depot') return null;
  if (site.depotId) return { depotId: site.depotId, rule: 'set' };
  if (depots.length === 0) return null;
  if (depots.length === 1) return { depotId: depots[0].id, rule: 'only_depot' };
  let best = depots[0];
  let bestKm = haversineKm(site, best);
  for (const depot of depots.slice(1)) {
    const km = haversineKm(site, depot);
    if (km < bestKm || (km === bestKm && depot.id < best.id)) {
      best = depot;
      bestKm = km;
    }
  }
  return { depotId: best.id, rule: 'nearest_depot' };
}
