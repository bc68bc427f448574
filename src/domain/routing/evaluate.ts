import { compile, earliestStart, EPS, lateDeparture, type Compiled } from './model.ts';
import type { Problem, RouteEvaluation, RouteProgress, Violation } from './types.ts';

/**
 * Schedules a route of compiled nodes (job i = node i + 1) for vehicle `v` and reports
 * every violated rule. Windows, capacity and the shift end are judged on the earliest
 * departure; the reported schedule then leaves the depot as late as possible without
 * returning later, and cold rides are judged on it. This is the reference the fast
 * incremental checks of the solver (and of same-day insertion) must agree with, and the
 * solver uses it to build its output and to check refrigerated rides, which depend on the
 * whole schedule.
 *
 * With `progress` the day is under way (see `RouteProgress`): the first `served` stops are
 * history (their times are the recorded ones, and their windows and loads are not judged
 * again), and the van goes on from the last of them, or from the depot, no earlier than `now`.
 * Cold food picked up on the served stops is still on board, so its ride is judged.
 */
export function evaluateNodes(
  c: Compiled, v: number, nodes: ArrayLike<number>, count = nodes.length, progress?: RouteProgress,
): RouteEvaluation {
  const dims = c.dims;
  const n = c.n;
  const violations = new Set<Violation>();
  const served = progress ? Math.min(Math.max(0, progress.served), count) : 0;
  const now = progress?.now ?? -Infinity;
  const departedAt = progress?.departedAt;
  // Still at the depot: the departure may be chosen (no earlier than now).
  const atDepot = served === 0 && departedAt === undefined;
  const startLoad = new Array<number>(dims).fill(0);
  const seen = new Set<number>();
  for (let i = 0; i < count; i++) {
    const node = nodes[i];
    if (seen.has(node)) violations.add('duplicate_job');
    seen.add(node);
    for (let k = 0; k < dims; k++) startLoad[k] += c.delivery[node * dims + k];
  }
  const cap = Array.from({ length: dims }, (_, k) => c.vCap[v * dims + k]);
  if (atDepot) for (let k = 0; k < dims; k++) if (startLoad[k] > cap[k] + EPS) violations.add('capacity');
  const load = [...startLoad];
  const arrivals: number[] = [];
  const starts: number[] = [];
  const departures: number[] = [];
  const loads: number[][] = [];
  const earliestDeparture = atDepot && now > c.vStart[v] ? now : c.vStart[v];
  let departDepot = departedAt ?? (served > 0 && progress?.servedAt
    // Left in time for the first served stop as it was recorded.
    ? progress.servedAt[0] - c.service[nodes[0]] - c.time[nodes[0]]
    : earliestDeparture);
  let t = departDepot;
  let prev = 0;
  let distance = 0;
  for (let i = 0; i < count; i++) {
    const node = nodes[i];
    if (i === served && !atDepot && now > t) t = now;
    const arrival = t + c.time[prev * n + node];
    distance += c.dist[prev * n + node];
    let start = earliestStart(c, node, arrival);
    if (i < served && progress?.servedAt) {
      // History: the stop was left when the driver recorded it.
      const left = progress.servedAt[i];
      start = left - c.service[node];
      arrivals.push(start);
    } else {
      if (start === Infinity) {
        if (i >= served) violations.add('time_window');
        start = arrival;
      }
      arrivals.push(arrival);
    }
    starts.push(start);
    t = start + c.service[node];
    departures.push(t);
    for (let k = 0; k < dims; k++) {
      load[k] += c.pickup[node * dims + k] - c.delivery[node * dims + k];
      if (i >= served && load[k] > cap[k] + EPS) violations.add('capacity');
    }
    loads.push([...load]);
    prev = node;
  }
  if (count === served && !atDepot && now > t) t = now;
  let returnDepot = t + c.time[prev * n];
  distance += c.dist[prev * n];
  if (count === 0) {
    return {
      feasible: !violations.has('duplicate_job'), violations: [...violations],
      arrivals, starts, departures, loads, startLoad, departDepot, returnDepot: departDepot, distance: 0, duration: 0,
    };
  }
  if (returnDepot > c.vEnd[v] + EPS) violations.add('shift_end');
  if (atDepot && !violations.has('time_window')) {
    // Leave as late as possible without coming back later: drivers should not wait at
    // a stop for a window to open when they could have left the depot later instead.
    let wait = 0;
    for (let i = 0; i < count; i++) wait += starts[i] - arrivals[i];
    const depart = lateDeparture(c, v, nodes, 0, count, wait, earliestDeparture);
    if (depart > departDepot + EPS) {
      departDepot = depart;
      let time = depart;
      let from = 0;
      for (let i = 0; i < count; i++) {
        arrivals[i] = time + c.time[from * n + nodes[i]];
        starts[i] = earliestStart(c, nodes[i], arrivals[i]);
        departures[i] = time = starts[i] + c.service[nodes[i]];
        from = nodes[i];
      }
      returnDepot = time + c.time[from * n];
    }
  }
  // Cold food rides from when it goes on board on that schedule: a delivery's bags from the
  // departure from the depot to the stop, a pickup from the end of the pickup back to the depot.
  // Food picked up on a served stop is still on board; a served delivery's ride is over.
  if (!c.vRefrigerated[v]) {
    for (let i = 0; i < count; i++) {
      if (c.refrigeratedJob[nodes[i]] && returnDepot - departures[i] > c.maxRide + EPS) violations.add('refrigeration');
      if (i >= served && c.coldDelivery[nodes[i]] && starts[i] - departDepot > c.rideLimit[nodes[i]] + EPS) violations.add('refrigeration');
    }
  }
  return {
    feasible: violations.size === 0,
    violations: [...violations],
    arrivals, starts, departures, loads, startLoad, departDepot, returnDepot,
    distance,
    duration: returnDepot - departDepot,
  };
}

/**
 * Checks one route of a problem: capacity at every point (deliveries loaded at the
 * depot, pickups collected on the way), time windows, the shift end, refrigerated
 * rides and repeated jobs; returns the schedule, leaving the depot as late as possible
 * without returning later (so waiting for windows is cut). Cold food in a vehicle without
 * refrigeration rides from when it goes on board on that schedule: a delivery's bags from the
 * departure from the depot to the start of service at the stop, a pickup from its end back
 * to the depot. With `progress`, the route is judged from where the driver is (see
 * `RouteProgress`): served stops stay as they were, the rest follow from `now`.
 *
 * Example: `evaluateRoute(problem, 0, [2, 0]).feasible` tells whether vehicle 0 can
 * serve job 2 and then job 0; `evaluateRoute(problem, 0, [2, 0, 5], { served: 1, now: 600 })`
 * whether, job 2 done, it can still serve 0 and 5 from 10:00.
 */
export function evaluateRoute(problem: Problem, vehicle: number, jobs: readonly number[], progress?: RouteProgress): RouteEvaluation {
  const c = compile(problem);
  if (!(vehicle >= 0 && vehicle < c.nVehicles)) throw new RangeError(`no vehicle ${vehicle}`);
  for (const j of jobs) if (!(j >= 0 && j < c.nJobs)) throw new RangeError(`no job ${j}`);
  return evaluateNodes(c, vehicle, jobs.map((j) => j + 1), jobs.length, progress);
}
