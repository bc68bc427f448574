import { compile, earliestStart, EPS, lateDeparture, type Compiled } from './model.ts';
import type { Problem, RouteEvaluation, Violation } from './types.ts';

/**
 * Schedules a route of compiled nodes (job i = node i + 1) for vehicle `v` and reports
 * every violated rule. Windows, capacity and the shift end are judged on the earliest
 * departure; the reported schedule then leaves the depot as late as possible without
 * returning later, and cold rides are judged on it. This is the reference the fast
 * incremental checks of the solver must agree with, and the solver uses it to build
 * its output and to check refrigerated rides, which depend on the whole schedule.
 */
export function evaluateNodes(c: Compiled, v: number, nodes: ArrayLike<number>, count = nodes.length): RouteEvaluation {
  const dims = c.dims;
  const n = c.n;
  const violations = new Set<Violation>();
  const startLoad = new Array<number>(dims).fill(0);
  const seen = new Set<number>();
  for (let i = 0; i < count; i++) {
    const node = nodes[i];
    if (seen.has(node)) violations.add('duplicate_job');
    seen.add(node);
    for (let k = 0; k < dims; k++) startLoad[k] += c.delivery[node * dims + k];
  }
  const cap = Array.from({ length: dims }, (_, k) => c.vCap[v * dims + k]);
  for (let k = 0; k < dims; k++) if (startLoad[k] > cap[k] + EPS) violations.add('capacity');
  const load = [...startLoad];
  const arrivals: number[] = [];
  const starts: number[] = [];
  const departures: number[] = [];
  const loads: number[][] = [];
  let departDepot = c.vStart[v];
  let t = departDepot;
  let prev = 0;
  let distance = 0;
  for (let i = 0; i < count; i++) {
    const node = nodes[i];
    const arrival = t + c.time[prev * n + node];
    distance += c.dist[prev * n + node];
    let start = earliestStart(c, node, arrival);
    if (start === Infinity) {
      violations.add('time_window');
      start = arrival;
    }
    arrivals.push(arrival);
    starts.push(start);
    t = start + c.service[node];
    departures.push(t);
    for (let k = 0; k < dims; k++) {
      load[k] += c.pickup[node * dims + k] - c.delivery[node * dims + k];
      if (load[k] > cap[k] + EPS) violations.add('capacity');
    }
    loads.push([...load]);
    prev = node;
  }
  let returnDepot = t + c.time[prev * n];
  distance += c.dist[prev * n];
  if (count === 0) {
    return {
      feasible: !violations.has('duplicate_job'), violations: [...violations],
      arrivals, starts, departures, loads, startLoad, departDepot, returnDepot: departDepot, distance: 0, duration: 0,
    };
  }
  if (returnDepot > c.vEnd[v] + EPS) violations.add('shift_end');
  if (!violations.has('time_window')) {
    // Leave as late as possible without coming back later: drivers should not wait at
    // a stop for a window to open when they could have left the depot later instead.
    let wait = 0;
    for (let i = 0; i < count; i++) wait += starts[i] - arrivals[i];
    const depart = lateDeparture(c, v, nodes, 0, count, wait);
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
  if (!c.vRefrigerated[v]) {
    for (let i = 0; i < count; i++) {
      if (c.refrigeratedJob[nodes[i]] && returnDepot - departures[i] > c.maxRide + EPS) violations.add('refrigeration');
      if (c.coldDelivery[nodes[i]] && starts[i] - departDepot > c.maxRide + EPS) violations.add('refrigeration');
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
 * to the depot.
 *
 * Example: `evaluateRoute(problem, 0, [2, 0]).feasible` tells whether vehicle 0 can
 * serve job 2 and then job 0.
 */
export function evaluateRoute(problem: Problem, vehicle: number, jobs: readonly number[]): RouteEvaluation {
  const c = compile(problem);
  if (!(vehicle >= 0 && vehicle < c.nVehicles)) throw new RangeError(`no vehicle ${vehicle}`);
  for (const j of jobs) if (!(j >= 0 && j < c.nJobs)) throw new RangeError(`no job ${j}`);
  return evaluateNodes(c, vehicle, jobs.map((j) => j + 1));
}
