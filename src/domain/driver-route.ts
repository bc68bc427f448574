/**
 * What a driver's phone shows of a route: links that open a phone's map app, and the loads
 * and counts as they really left the depot (a plan is made before the last cancellations).
 * Pure: coordinates and numbers in, strings and numbers out.
 */
import { localDate, type LocalDate } from './dates.ts';
import type { Text } from '../i18n/messages.ts';

export interface LatLon {
  lat: number;
  lon: number;
}

/**
 * Google Maps' directions URLs take an origin, a destination and at most 9 waypoints on a
 * phone (the app drops the rest without a word); the URL works in the Android and iOS apps
 * and in any browser, so one link kind serves every driver.
 */
export const MAX_WAYPOINTS_PER_LEG = 9;

const ll = (p: LatLon) => `${p.lat},${p.lon}`;

/**
 * A link that opens turn-by-turn directions from where the phone is to one place.
 *
 * @example stopNavigationUrl({ lat: 61.69, lon: 27.27 })
 * // 'https://www.google.com/maps/dir/?api=1&destination=61.69%2C27.27&travelmode=driving'
 */
export function stopNavigationUrl(to: LatLon): string {
  return `https://www.google.com/maps/dir/?${new URLSearchParams({ api: '1', destination: ll(to), travelmode: 'driving' })}`;
}

/** A directions link through `points` in order: the first is the origin, the last the destination. */
function directionsUrl(points: LatLon[]): string {
  const params = new URLSearchParams({ api: '1', origin: ll(points[0]), destination: ll(points[points.length - 1]), travelmode: 'driving' });
  const via = points.slice(1, -1);
  if (via.length > 0) params.set('waypoints', via.map(ll).join('|'));
  return `https://www.google.com/maps/dir/?${params.toString()}`;
}

export interface NavigationLeg {
  /** Index in the route's point list (0 is the depot at the start) where the leg starts and ends. */
  from: number;
  to: number;
  url: string;
}

/**
 * Splits a drive through `points` (depot, stops in order, depot) into legs that a phone's
 * map app opens whole: each leg has an origin, a destination and at most `maxWaypoints`
 * places between them, and the next leg starts where the previous one ended. A route of
 * 9 stops is one leg; 10 stops make two.
 *
 * @example navigationLegs([depot, a, b, depot]) // [{ from: 0, to: 3, url: '…origin=depot&destination=depot&waypoints=a|b…' }]
 */
export function navigationLegs(points: LatLon[], maxWaypoints = MAX_WAYPOINTS_PER_LEG): NavigationLeg[] {
  if (points.length < 2) return [];
  const legs: NavigationLeg[] = [];
  for (let from = 0; from < points.length - 1;) {
    const to = Math.min(from + maxWaypoints + 1, points.length - 1);
    legs.push({ from, to, url: directionsUrl(points.slice(from, to + 1)) });
    from = to;
  }
  return legs;
}

export interface PlannedDelivery {
  kind: 'pickup' | 'delivery';
  /** Planned bags and grams of the stop (deliveries are loaded at the depot). */
  bags: number;
  grams: number;
  loadBagsAfter: number;
  loadGAfter: number;
}

/**
 * The loads after each stop when deliveries carry only what was dispatched (`actual`, per
 * stop; pickups keep their plan). Bags that never left the depot were neither on board
 * before their stop nor unloaded at it, so a stop's load drops by what the deliveries after
 * it are missing.
 *
 * @example actualLoads([{ kind: 'delivery', bags: 20, grams: 1e5, loadBagsAfter: 0, loadGAfter: 0 }], [{ bags: 18, grams: 9e4 }])
 * // [{ loadBagsAfter: 0, loadGAfter: 0 }]
 */
export function actualLoads(stops: PlannedDelivery[], actual: ({ bags: number; grams: number } | undefined)[]): { loadBagsAfter: number; loadGAfter: number }[] {
  const missing = stops.map((s, i) => {
    const a = actual[i];
    return s.kind === 'delivery' && a ? { bags: s.bags - a.bags, grams: s.grams - a.grams } : { bags: 0, grams: 0 };
  });
  let laterBags = 0;
  let laterG = 0;
  const out = new Array<{ loadBagsAfter: number; loadGAfter: number }>(stops.length);
  for (let i = stops.length - 1; i >= 0; i -= 1) {
    out[i] = { loadBagsAfter: stops[i].loadBagsAfter - laterBags, loadGAfter: stops[i].loadGAfter - laterG };
    laterBags += missing[i].bags;
    laterG += missing[i].grams;
  }
  return out;
}

/** How far ahead of the server's clock a phone's clock may run. */
const CLOCK_SKEW_MS = 5 * 60_000;

export type CompletionRefusal =
  | { ok: false; rule: 'in_future'; message: Text }
  | { ok: false; rule: 'before_route_day'; message: Text }
  | { ok: false; rule: 'after_route_day'; message: Text };

/**
 * Whether a stop's outcome may be recorded as happening at `at` (a phone's time, when it
 * was done offline), judged at `now`. Not before the route's local day — a delivery
 * recorded early would count in the tallies of the wrong day — and not in the future
 * beyond a few minutes of clock skew. It may be recorded later (a phone that was offline
 * for two days still syncs, a coordinator records what a driver could not), but it happened
 * on the route's day: an `at` after that day is refused (`after_route_day`), since the bags'
 * hand-out dates and the cold ride are judged on the day the stop was done.
 *
 * @example completionTimeVerdict('2030-08-13', new Date('2030-08-12T20:00:00Z'), new Date('2030-08-12T20:00:00Z')) // { ok: false, rule: 'before_route_day', … }
 */
export function completionTimeVerdict(routeDate: LocalDate, at: Date, now: Date): { ok: true } | CompletionRefusal {
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    return { ok: false, rule: 'in_future', message: (m) => m.completedInFuture() };
  }
  if (localDate(at) < routeDate || localDate(now) < routeDate) {
    return { ok: false, rule: 'before_route_day', message: (m) => m.beforeRouteDay(routeDate) };
  }
  if (localDate(at) > routeDate) {
    return { ok: false, rule: 'after_route_day', message: (m) => m.completedAfterRouteDay(routeDate) };
  }
  return { ok: true };
}

/**
 * Whether a done stop's figure may be corrected as made at `at` (a phone's time, when it was
 * corrected offline), judged at `now`, by a driver or a coordinator. The driver corrects on the
 * route's day (sending it later from an offline phone is fine); after that day only a
 * coordinator does, since by then the intake has weighed the pickup and the point has counted
 * its bags, and a change must be checked against those by someone who sees them.
 *
 * @example correctionVerdict('coordinator', '2030-08-13', new Date('2030-08-14T08:00:00Z'), new Date('2030-08-14T08:00:00Z')) // { ok: true }
 */
export function correctionVerdict(role: 'driver' | 'coordinator', routeDate: LocalDate, at: Date, now: Date): { ok: true } | CompletionRefusal {
  const verdict = completionTimeVerdict(routeDate, at, now);
  if (verdict.ok) return verdict;
  if (verdict.rule !== 'after_route_day') return verdict;
  return role === 'coordinator' ? { ok: true } : { ok: false, rule: 'after_route_day', message: (m) => m.correctionAfterRouteDay(routeDate) };
}

/** The part of a stop that a driver plans their day by. */
export interface StopVersion {
  driverId: string | null;
  arrival: Date;
  bags: number;
  grams: number;
}

/** An arrival that moved less than this is the same plan to a driver. */
const ARRIVAL_TOLERANCE_MS = 15 * 60_000;

/**
 * How a stop differs, for its driver, from the same task in the previously published version
 * of the day: `added` when this driver did not have the task before (a new task, or one moved
 * from another driver's route), `updated` when the arrival moved by 15 minutes or more or the
 * bags or kilos changed; `undefined` when it is as it was.
 *
 * @example stopChange(undefined, stop) // 'added'
 */
export function stopChange(prev: StopVersion | undefined, cur: StopVersion): 'added' | 'updated' | undefined {
  if (!prev || prev.driverId !== cur.driverId) return 'added';
  if (Math.abs(prev.arrival.getTime() - cur.arrival.getTime()) >= ARRIVAL_TOLERANCE_MS || prev.bags !== cur.bags || prev.grams !== cur.grams) return 'updated';
  return undefined;
}
