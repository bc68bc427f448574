/**
 * Public model of the route solver. The same shapes serve real plans (built from
 * donors, points and vehicles) and the benchmark instances, so the solver has one
 * code path for both.
 */

/** A square matrix indexed by location: nested rows, or a flat row-major array. */
export type Matrix = readonly (readonly number[])[] | ArrayLike<number>;

/** A closed interval [start, end] in the same unit as the duration matrix. */
export type TimeWindow = readonly [start: number, end: number];

export interface Vehicle {
  /** Capacity per dimension (e.g. [kg, bags]); same length as every job amount. */
  capacity: readonly number[];
  /** The vehicle leaves the depot at or after `shift[0]` and is back by `shift[1]`. */
  shift: TimeWindow;
  refrigerated?: boolean;
  /** Cost added to the objective when the vehicle is used (same unit as distance). */
  fixedCost?: number;
}

export interface Job {
  /** Location index into the matrices. */
  location: number;
  /** Service must start inside one of these windows; none means "any time". */
  timeWindows?: readonly TimeWindow[];
  /** Time spent at the stop. */
  service?: number;
  /** Collected at the stop and brought back to the depot. */
  pickup?: readonly number[];
  /** Loaded at the depot and dropped at the stop. */
  delivery?: readonly number[];
  /**
   * Chilled or frozen goods: a refrigerated vehicle, or a short ride only. A pickup rides
   * from the stop back to the depot; a delivery from the depot to the stop.
   */
  requiresRefrigeration?: boolean;
  /**
   * A cold delivery's own ride limit, minutes (frozen and chilled bags have their own limits,
   * see `domain/cold-ride.ts`); default `Problem.maxUnrefrigeratedRideMinutes`.
   */
  maxRideMinutes?: number;
}

export interface Problem {
  depot: { location: number; timeWindow?: TimeWindow };
  vehicles: readonly Vehicle[];
  jobs: readonly Job[];
  /** Travel times between locations. */
  durations: Matrix;
  /** Travel distances between locations; the objective's unit. */
  distances: Matrix;
  /** Longest ride of chilled or frozen goods in a non-refrigerated vehicle, minutes (default `CHILLED_RIDE_MAX_MIN`). */
  maxUnrefrigeratedRideMinutes?: number;
  /**
   * `vehicles-then-distance` (default): fewest vehicles first, then least distance
   * plus fixed costs. `distance`: least distance plus fixed costs; vehicle count free.
   */
  objective?: 'vehicles-then-distance' | 'distance';
}

export interface SolveOptions {
  /** Wall-clock budget; requires `now`. */
  timeLimitMs?: number;
  /** Iteration budget; with it (and no time limit) the result is reproducible. */
  maxIterations?: number;
  seed?: number;
  /** Clock in milliseconds, injected by the caller (e.g. `performance.now`). */
  now?: () => number;
}

export type UnassignedReason =
  | 'no_vehicles'
  | 'too_heavy'
  | 'no_refrigerated_vehicle'
  | 'no_vehicle_reaches_window'
  | 'shift_too_short'
  | 'no_compatible_vehicle'
  | 'fleet_exhausted';

export interface PlannedRoute {
  vehicle: number;
  /** Job indices in visiting order. */
  jobs: number[];
  /** Arrival at each stop. */
  arrivals: number[];
  /** Service start at each stop (arrival, or window opening after waiting). */
  starts: number[];
  /** Departure from each stop (start + service). */
  departures: number[];
  /** Load on board after each stop, per capacity dimension. */
  loads: number[][];
  /** Load on board when leaving the depot. */
  startLoad: number[];
  departDepot: number;
  returnDepot: number;
  distance: number;
  duration: number;
}

export interface Solution {
  routes: PlannedRoute[];
  unassigned: { job: number; reason: UnassignedReason }[];
  totals: {
    vehicles: number;
    distance: number;
    duration: number;
    fixedCost: number;
    iterations: number;
  };
}

/**
 * How far a route has got when the plan changes during its day. The first `served` jobs of the
 * route are behind the driver (done, or given up): they stay as they were, and the van goes on
 * from the last of them (or from the depot) no earlier than `now`.
 */
export interface RouteProgress {
  /** Jobs at the head of the route already served. */
  served: number;
  /** The time of the change, in the unit of the duration matrix. */
  now: number;
  /** When the van left the depot, if it has (its load is then on board and its departure fixed). */
  departedAt?: number;
  /** When the driver left each served stop (its recorded completion); default: as planned. */
  servedAt?: readonly number[];
}

export type Violation =
  | 'capacity'
  | 'time_window'
  | 'shift_end'
  | 'refrigeration'
  | 'duplicate_job';

export interface RouteEvaluation {
  feasible: boolean;
  violations: Violation[];
  arrivals: number[];
  starts: number[];
  departures: number[];
  loads: number[][];
  startLoad: number[];
  departDepot: number;
  returnDepot: number;
  distance: number;
  duration: number;
}
