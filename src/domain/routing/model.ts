import type { Matrix, Problem } from './types.ts';
import { CHILLED_RIDE_MAX_MIN } from '../cold-ride.ts';

/**
 * The problem in the solver's internal form: node 0 is the depot, node i + 1 is job i,
 * and every attribute sits in a flat typed array so the hot loops read contiguous
 * memory and never allocate.
 */
export interface Compiled {
  /** Nodes including the depot. */
  n: number;
  nJobs: number;
  /** Capacity dimensions. */
  dims: number;
  dist: Float64Array;
  time: Float64Array;
  service: Float64Array;
  /** Windows of node i are winStart/winEnd[winOffset[i] .. winOffset[i + 1]). */
  winOffset: Int32Array;
  winStart: Float64Array;
  winEnd: Float64Array;
  /** First opening and last closing of each node (for ordering heuristics). */
  twOpen: Float64Array;
  twClose: Float64Array;
  /** Amounts per node and dimension: index node * dims + k. */
  delivery: Float64Array;
  pickup: Float64Array;
  /** Largest amount relative to the largest capacity (ordering heuristic). */
  size: Float64Array;
  /** Chilled or frozen pickups: the ride runs from the pickup back to the depot. */
  refrigeratedJob: Uint8Array;
  /** Deliveries of chilled or frozen bags: the ride runs from the depot to the stop. */
  coldDelivery: Uint8Array;
  /** Either of the two: a stop a non-refrigerated vehicle must reach within the ride limit. */
  coldJob: Uint8Array;
  anyRefrigeratedJob: boolean;
  maxRide: number;
  /** Per node: the ride limit of a cold delivery (its own, or `maxRide`). */
  rideLimit: Float64Array;
  nVehicles: number;
  vCap: Float64Array;
  vStart: Float64Array;
  vEnd: Float64Array;
  vFixed: Float64Array;
  vRefrigerated: Uint8Array;
  /** Vehicles with equal attributes share a type; empty vehicles of one type are interchangeable. */
  vType: Int32Array;
  /** Cost of using a vehicle at all (hierarchical objective); 0 for distance only. */
  vehicleWeight: number;
}

/** Tolerance of time and load comparisons, so rounding in sums never rejects a tight route. */
export const EPS = 1e-7;

function matrixSize(m: Matrix): number {
  const first = (m as ArrayLike<unknown>)[0];
  if (first !== undefined && typeof first === 'object') return (m as readonly (readonly number[])[]).length;
  const side = Math.round(Math.sqrt(m.length));
  if (side * side !== m.length) throw new RangeError(`flat matrix of length ${m.length} is not square`);
  return side;
}

function matrixReader(m: Matrix): (a: number, b: number) => number {
  const first = (m as ArrayLike<unknown>)[0];
  if (first !== undefined && typeof first === 'object') {
    const rows = m as readonly (readonly number[])[];
    return (a, b) => rows[a][b];
  }
  const flat = m as ArrayLike<number>;
  const side = matrixSize(m);
  return (a, b) => flat[a * side + b];
}

/**
 * Compiles a problem into flat arrays indexed by node (0 = depot, i + 1 = job i).
 * Throws a RangeError on malformed input (unknown location, ragged amounts), because
 * that is a programming error at the caller, not an unservable job.
 *
 * Example: `compile(problem).dist[0 * n + 1]` is the distance depot → first job.
 */
export function compile(problem: Problem): Compiled {
  const jobs = problem.jobs;
  const nJobs = jobs.length;
  const n = nJobs + 1;
  const dims = problem.vehicles[0]?.capacity.length
    ?? jobs.find((j) => j.pickup || j.delivery)?.pickup?.length
    ?? jobs.find((j) => j.delivery)?.delivery?.length
    ?? 1;
  const side = Math.min(matrixSize(problem.distances), matrixSize(problem.durations));
  const locs = new Int32Array(n);
  locs[0] = problem.depot.location;
  for (let i = 0; i < nJobs; i++) locs[i + 1] = jobs[i].location;
  for (let i = 0; i < n; i++) {
    if (!Number.isInteger(locs[i]) || locs[i] < 0 || locs[i] >= side) {
      throw new RangeError(`${i === 0 ? 'depot' : `job ${i - 1}`}: location ${locs[i]} outside the ${side}×${side} matrix`);
    }
  }
  const rd = matrixReader(problem.distances);
  const rt = matrixReader(problem.durations);
  const dist = new Float64Array(n * n);
  const time = new Float64Array(n * n);
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      dist[a * n + b] = a === b ? 0 : rd(locs[a], locs[b]);
      time[a * n + b] = a === b ? 0 : rt(locs[a], locs[b]);
    }
  }
  const service = new Float64Array(n);
  const offsets = new Int32Array(n + 1);
  const ws: number[] = [];
  const we: number[] = [];
  const twOpen = new Float64Array(n);
  const twClose = new Float64Array(n);
  const depotTw = problem.depot.timeWindow ?? [-Infinity, Infinity];
  offsets[0] = 0;
  ws.push(depotTw[0]);
  we.push(depotTw[1]);
  twOpen[0] = depotTw[0];
  twClose[0] = depotTw[1];
  const delivery = new Float64Array(n * dims);
  const pickup = new Float64Array(n * dims);
  const refrigeratedJob = new Uint8Array(n);
  const coldDelivery = new Uint8Array(n);
  const coldJob = new Uint8Array(n);
  const maxRide = problem.maxUnrefrigeratedRideMinutes ?? CHILLED_RIDE_MAX_MIN;
  const rideLimit = new Float64Array(n).fill(maxRide);
  for (let i = 0; i < nJobs; i++) {
    const job = jobs[i];
    const node = i + 1;
    offsets[node] = ws.length;
    service[node] = job.service ?? 0;
    const windows = job.timeWindows && job.timeWindows.length > 0
      ? [...job.timeWindows].sort((x, y) => x[0] - y[0])
      : [[-Infinity, Infinity] as const];
    for (const w of windows) {
      if (!(w[0] <= w[1])) throw new RangeError(`job ${i}: time window [${w[0]}, ${w[1]}] is empty`);
      ws.push(w[0]);
      we.push(w[1]);
    }
    twOpen[node] = windows[0][0];
    twClose[node] = windows[windows.length - 1][1];
    for (const [arr, target, label] of [[job.delivery, delivery, 'delivery'], [job.pickup, pickup, 'pickup']] as const) {
      if (!arr) continue;
      if (arr.length !== dims) throw new RangeError(`job ${i}: ${label} has ${arr.length} dimensions, capacity has ${dims}`);
      for (let k = 0; k < dims; k++) target[node * dims + k] = arr[k];
    }
    refrigeratedJob[node] = job.requiresRefrigeration && job.pickup ? 1 : 0;
    coldDelivery[node] = job.requiresRefrigeration && !job.pickup && job.delivery ? 1 : 0;
    coldJob[node] = refrigeratedJob[node] | coldDelivery[node];
    if (job.maxRideMinutes !== undefined) rideLimit[node] = job.maxRideMinutes;
  }
  offsets[n] = ws.length;

  const nVehicles = problem.vehicles.length;
  const vCap = new Float64Array(nVehicles * dims);
  const vStart = new Float64Array(nVehicles);
  const vEnd = new Float64Array(nVehicles);
  const vFixed = new Float64Array(nVehicles);
  const vRefrigerated = new Uint8Array(nVehicles);
  const vType = new Int32Array(nVehicles);
  const typeKeys = new Map<string, number>();
  let maxCap = 0;
  for (let v = 0; v < nVehicles; v++) {
    const veh = problem.vehicles[v];
    if (veh.capacity.length !== dims) throw new RangeError(`vehicle ${v}: capacity has ${veh.capacity.length} dimensions, expected ${dims}`);
    for (let k = 0; k < dims; k++) {
      vCap[v * dims + k] = veh.capacity[k];
      maxCap = Math.max(maxCap, veh.capacity[k]);
    }
    vStart[v] = Math.max(veh.shift[0], depotTw[0]);
    vEnd[v] = Math.min(veh.shift[1], depotTw[1]);
    vFixed[v] = veh.fixedCost ?? 0;
    vRefrigerated[v] = veh.refrigerated ? 1 : 0;
    const key = `${veh.capacity.join(',')}|${vStart[v]}|${vEnd[v]}|${vFixed[v]}|${vRefrigerated[v]}`;
    let t = typeKeys.get(key);
    if (t === undefined) {
      t = typeKeys.size;
      typeKeys.set(key, t);
    }
    vType[v] = t;
  }
  const size = new Float64Array(n);
  for (let node = 1; node < n; node++) {
    let s = 0;
    for (let k = 0; k < dims; k++) {
      s = Math.max(s, delivery[node * dims + k], pickup[node * dims + k]);
    }
    size[node] = maxCap > 0 ? s / maxCap : s;
  }
  // A vehicle must cost more than any possible distance saving, so the hierarchy holds.
  let distBound = 1;
  for (let a = 0; a < n; a++) {
    let m = 0;
    for (let b = 0; b < n; b++) m = Math.max(m, dist[a * n + b]);
    distBound += m;
  }
  const vehicleWeight = (problem.objective ?? 'vehicles-then-distance') === 'distance' ? 0 : distBound;
  return {
    n, nJobs, dims, dist, time, service,
    winOffset: offsets, winStart: Float64Array.from(ws), winEnd: Float64Array.from(we), twOpen, twClose,
    delivery, pickup, size, refrigeratedJob, coldDelivery, coldJob,
    anyRefrigeratedJob: coldJob.some((x) => x === 1),
    maxRide, rideLimit,
    nVehicles, vCap, vStart, vEnd, vFixed, vRefrigerated, vType, vehicleWeight,
  };
}

/** Earliest service start at `node` when arriving at `arrival`; Infinity if every window has closed. */
export function earliestStart(c: Compiled, node: number, arrival: number): number {
  const from = c.winOffset[node];
  const to = c.winOffset[node + 1];
  for (let w = from; w < to; w++) {
    if (arrival <= c.winEnd[w] + EPS) return arrival > c.winStart[w] ? arrival : c.winStart[w];
  }
  return Infinity;
}

/** Latest service start at `node` not after `bound`; -Infinity if no window opens by then. */
export function latestStart(c: Compiled, node: number, bound: number): number {
  const from = c.winOffset[node];
  const to = c.winOffset[node + 1];
  for (let w = to - 1; w >= from; w--) {
    if (bound + EPS >= c.winStart[w]) return bound < c.winEnd[w] ? bound : c.winEnd[w];
  }
  return -Infinity;
}

/**
 * When the vehicle leaves the depot on the schedule drivers get: as late as the route
 * `seq[from..to)` allows without coming back later. `wait` is the route's total waiting for
 * windows when it leaves at the shift start; leaving later absorbs that waiting, up to the
 * latest departure that still meets every window and the shift end. Never before the shift
 * start (or `earliest`, when the day is under way and the van is still at the depot). Cold food
 * rides are counted from this departure, not from the shift start.
 *
 * Example: one stop 20 minutes out whose window opens at 240, a shift from 0: leaving at 0
 * waits 220 minutes there, so `lateDeparture(c, v, [1], 0, 1, 220)` is 220.
 */
export function lateDeparture(
  c: Compiled, v: number, seq: ArrayLike<number>, from: number, to: number, wait: number, earliest = c.vStart[v],
): number {
  let latest = c.vEnd[v];
  let next = 0;
  for (let i = to - 1; i >= from; i--) {
    latest = latestStart(c, seq[i], latest - c.service[seq[i]] - c.time[seq[i] * c.n + next]);
    next = seq[i];
  }
  const depart = Math.min(earliest + wait, latest - c.time[next]);
  return depart > earliest ? depart : earliest;
}
