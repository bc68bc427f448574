/**
 * Pure part of route planning: from the day's schedules, reservations and vehicles to the
 * solver's `Problem`, and from its `Solution` back to routes and stops with instants. No I/O.
 *
 * Time in the solver is minutes since the local midnight of the plan's date (real elapsed
 * minutes, so a 23 h or 25 h DST day is still exact); distances are kilometres; amounts are
 * `[grams, bags]`.
 */
import { addDays, localTimeOnDate, weekdayOf, type LocalDate } from '../dates.ts';
import type { Job, Problem, Solution, Vehicle } from './index.ts';
import { en, type PlanReason } from '../../i18n/messages.ts';
import { coldestClass, type TemperatureClass } from '../categories.ts';
import { deliveryNeedsRefrigeration } from '../cold-chain.ts';
import { CHILLED_RIDE_MAX_MIN, rideLimitMinutes } from '../cold-ride.ts';
import { inSeason } from '../donors.ts';

const MINUTE_MS = 60_000;
/** A delivery arrives within this many minutes before the point's distribution starts. */
export const DELIVERY_LEAD_MINUTES = 180;

export interface SiteInput {
  id: string;
  lat: number;
  lon: number;
  serviceMinutes: number;
}

export interface ScheduleInput {
  id: string;
  donorId: string;
  weekdays: string[];
  windowStart: string;
  windowEnd: string;
  expectedG: number;
  requiresRefrigeration: boolean;
  seasonStart: string | null;
  seasonEnd: string | null;
}

export interface DeliveryInput {
  pointId: string;
  /** The point's distribution days (any weekday); the date's weekday picks one. */
  distributionDays: { weekday: string; start: string }[];
  /** `classes`: the temperature classes of the reservation's bags. */
  reservations: { id: string; bagType: string; bags: number; grams: number; classes?: TemperatureClass[] }[];
}

export interface VehicleInput {
  id: string;
  capacityG: number;
  capacityBags: number;
  shiftStart: string;
  shiftEnd: string;
  refrigerated: boolean;
}

/** A stop to be served: a pickup from one schedule, or all of one point's reserved bags. */
export interface Task {
  taskId: string;
  siteId: string;
  kind: 'pickup' | 'delivery';
  /** Instants; null only for a delivery to a point that does not distribute that day. */
  windowStart: Date | null;
  windowEnd: Date | null;
  grams: number;
  bags: number;
  /** The one bag type of a delivery, or null when several types go to the point. */
  bagType: string | null;
  reservationIds: string[];
  requiresRefrigeration: boolean;
  /** A delivery's coldest bag class (the stop says "kylmä" or "pakaste"); null for pickups. */
  temperatureClass: TemperatureClass | null;
  /** A cold delivery's ride limit without refrigeration (`rideLimitMinutes` of its classes); pickups ride `CHILLED_RIDE_MAX_MIN`. */
  maxRideMinutes?: number | null;
}

export { inSeason };

/** An offer accepted for the day: a one-off pickup in the accepted window. */
export interface OfferInput {
  id: string;
  donorId: string;
  grams: number;
  temperatureClass: TemperatureClass;
  windowStart: Date;
  windowEnd: Date;
}

/**
 * The one-off pickups of accepted offers (task `offer-<offerId>`): the donor's estimate, the
 * accepted window, and the offer's class; chilled and frozen ones ride refrigerated or within the
 * cold-ride limit of pickups (`maxUnrefrigeratedRideMinutes`), like other cold pickups.
 */
export function offerTasks(offers: readonly OfferInput[]): Task[] {
  return offers.map((o) => ({
    taskId: `offer-${o.id}`, siteId: o.donorId, kind: 'pickup', windowStart: o.windowStart, windowEnd: o.windowEnd,
    grams: o.grams, bags: 0, bagType: null, reservationIds: [], requiresRefrigeration: o.temperatureClass !== 'ambient',
    temperatureClass: o.temperatureClass,
  }));
}

/**
 * The day's tasks: one pickup per donor schedule active on that weekday and in season (window
 * = the schedule's window that day, amount = the expected kilos), and one delivery per point
 * with held reservations (all its bags, window = the 3 hours before its distribution starts).
 * A delivery carrying chilled or frozen bags needs refrigeration, like a chilled pickup.
 */
export function buildTasks(date: LocalDate, schedules: ScheduleInput[], deliveries: DeliveryInput[]): Task[] {
  const weekday = weekdayOf(date);
  const tasks: Task[] = [];
  for (const s of schedules) {
    if (!s.weekdays.includes(weekday) || !inSeason(date, s.seasonStart, s.seasonEnd)) continue;
    tasks.push({
      taskId: `pickup-${s.id}`, siteId: s.donorId, kind: 'pickup',
      windowStart: localTimeOnDate(date, s.windowStart), windowEnd: localTimeOnDate(date, s.windowEnd),
      grams: s.expectedG, bags: 0, bagType: null, reservationIds: [], requiresRefrigeration: s.requiresRefrigeration, temperatureClass: null,
    });
  }
  for (const d of deliveries) {
    if (d.reservations.length === 0) continue;
    const starts = d.distributionDays.filter((x) => x.weekday === weekday).map((x) => x.start).sort();
    const start = starts.length > 0 ? localTimeOnDate(date, starts[0]) : null;
    const types = [...new Set(d.reservations.map((r) => r.bagType))].sort();
    const classes = d.reservations.flatMap((r) => r.classes ?? []);
    tasks.push({
      taskId: `delivery-${d.pointId}`, siteId: d.pointId, kind: 'delivery',
      windowStart: start ? new Date(start.getTime() - DELIVERY_LEAD_MINUTES * MINUTE_MS) : null, windowEnd: start,
      grams: d.reservations.reduce((a, r) => a + r.grams, 0),
      bags: d.reservations.reduce((a, r) => a + r.bags, 0),
      bagType: types.length === 1 ? types[0] : null,
      reservationIds: d.reservations.map((r) => r.id).sort(),
      // Chilled or frozen bags keep the cold chain exactly as chilled pickups do.
      requiresRefrigeration: deliveryNeedsRefrigeration(classes),
      temperatureClass: classes.length === 0 ? null : coldestClass(classes),
      maxRideMinutes: rideLimitMinutes(classes),
    });
  }
  return tasks;
}


export interface BuiltProblem {
  problem: Problem;
  /** Task index per solver job index. */
  jobTasks: Task[];
  /** Tasks that never reached the solver, with their reason. */
  rejected: { task: Task; reason: PlanReason }[];
  /** The instant that solver time 0 stands for. */
  origin: Date;
}

/** Locations in solver order: 0 = depot, then one per distinct site of the tasks. */
export function locationsOf(depot: SiteInput, tasks: Task[], sites: Map<string, SiteInput>): SiteInput[] {
  const seen = new Map<string, SiteInput>([[depot.id, depot]]);
  for (const t of tasks) if (!seen.has(t.siteId)) seen.set(t.siteId, sites.get(t.siteId)!);
  return [...seen.values()];
}

/**
 * The solver's problem. `matrix` is indexed like `locationsOf(...)` (minutes and km).
 * Example: two vans and 17 tasks give a Problem with 2 vehicles and 17 jobs.
 */
export function buildProblem(input: {
  date: LocalDate;
  depot: SiteInput;
  vehicles: VehicleInput[];
  tasks: Task[];
  sites: Map<string, SiteInput>;
  matrix: { durations: number[][]; distances: number[][] };
  /**
   * A plan of today made during the day (`planStartsFrom`): no van leaves before this, and a
   * task whose window has closed by then is left off (`window_passed`) rather than given a time in the past.
   */
  startsFrom?: Date;
}): BuiltProblem {
  const origin = localTimeOnDate(input.date, '00:00');
  const toMin = (d: Date) => (d.getTime() - origin.getTime()) / MINUTE_MS;
  const locations = locationsOf(input.depot, input.tasks, input.sites);
  const indexOf = new Map(locations.map((s, i) => [s.id, i]));
  const jobs: Job[] = [];
  const jobTasks: Task[] = [];
  const rejected: BuiltProblem['rejected'] = [];
  for (const t of input.tasks) {
    if (!t.windowStart || !t.windowEnd) {
      rejected.push({ task: t, reason: 'no_distribution_day' });
      continue;
    }
    if (input.startsFrom && t.windowEnd.getTime() <= input.startsFrom.getTime()) {
      rejected.push({ task: t, reason: 'window_passed' });
      continue;
    }
    const amount = [t.grams, t.bags];
    jobs.push({
      location: indexOf.get(t.siteId)!,
      timeWindows: [[toMin(t.windowStart), toMin(t.windowEnd)]],
      service: input.sites.get(t.siteId)!.serviceMinutes,
      ...(t.kind === 'pickup' ? { pickup: amount } : { delivery: amount }),
      requiresRefrigeration: t.requiresRefrigeration,
      ...(t.maxRideMinutes == null ? {} : { maxRideMinutes: t.maxRideMinutes }),
    });
    jobTasks.push(t);
  }
  const nextDay = localTimeOnDate(addDays(input.date, 1), '00:00');
  const earliest = input.startsFrom ? toMin(input.startsFrom) : -Infinity;
  const vehicles: Vehicle[] = input.vehicles.map((v) => {
    // A shift ending at "00:00" or before its start would be a night shift; we plan day shifts only.
    const end = v.shiftEnd > v.shiftStart ? toMin(localTimeOnDate(input.date, v.shiftEnd)) : toMin(nextDay);
    // A shift already over keeps an empty window at its end: the solver then finds no vehicle that reaches the stop.
    const start = Math.min(Math.max(toMin(localTimeOnDate(input.date, v.shiftStart)), earliest), end);
    return { capacity: [v.capacityG, v.capacityBags], shift: [start, end], refrigerated: v.refrigerated };
  });
  return {
    problem: {
      depot: { location: 0 }, vehicles, jobs, durations: input.matrix.durations, distances: input.matrix.distances,
      maxUnrefrigeratedRideMinutes: CHILLED_RIDE_MAX_MIN,
    },
    jobTasks, rejected, origin,
  };
}

export interface PlannedStop {
  seq: number;
  task: Task;
  arrival: Date;
  departure: Date;
  loadGAfter: number;
  loadBagsAfter: number;
}

export interface PlannedRouteOut {
  vehicleId: string;
  start: Date;
  end: Date;
  distanceKm: number;
  durationMin: number;
  stops: PlannedStop[];
}

export interface PlanResult {
  routes: PlannedRouteOut[];
  unassigned: { taskId: string; siteId: string; reason: string; detail: string }[];
  totals: { vehicles: number; distanceKm: number; durationMin: number; startsFrom?: string };
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * Turns the solver's answer into routes with instants. A stop's `arrival` is when service
 * starts (the driver's ETA at the door: a van that is early waits, and the plan says when to
 * be there); `departure` is when service ends.
 */
export function toPlanResult(built: BuiltProblem, solution: Solution, vehicleIds: string[]): PlanResult {
  const at = (min: number) => new Date(built.origin.getTime() + Math.round(min * MINUTE_MS));
  const routes = solution.routes.filter((r) => r.jobs.length > 0).map((r) => ({
    vehicleId: vehicleIds[r.vehicle],
    start: at(r.departDepot),
    end: at(r.returnDepot),
    distanceKm: round(r.distance, 3),
    durationMin: round(r.duration, 1),
    stops: r.jobs.map((j, i) => ({
      seq: i + 1,
      task: built.jobTasks[j],
      arrival: at(r.starts[i]),
      departure: at(r.departures[i]),
      loadGAfter: Math.round(r.loads[i][0]),
      loadBagsAfter: Math.round(r.loads[i][1]),
    })),
  }));
  const unassigned = [
    ...built.rejected.map(({ task, reason }) => ({ task, reason })),
    ...solution.unassigned.map((u) => ({ task: built.jobTasks[u.job], reason: u.reason })),
  ].map(({ task, reason }) => ({ taskId: task.taskId, siteId: task.siteId, reason, detail: en.unassignedReason[reason] }));
  return {
    routes,
    unassigned,
    totals: {
      vehicles: routes.length,
      distanceKm: round(routes.reduce((a, r) => a + r.distanceKm, 0), 3),
      durationMin: round(routes.reduce((a, r) => a + r.durationMin, 0), 1),
    },
  };
}
