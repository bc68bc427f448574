/**
 * Same-day changes to routes that are already being driven: one new job inserted at the
 * cheapest feasible place, or one job taken out. Pure and deterministic: the problem, the
 * routes as they stand and `now` in, the changed route and its schedule out.
 *
 * A route under way keeps what is behind the driver: its first `served` jobs stay as they
 * were, and a new job goes only after them, the van going on from the last served stop (or
 * the depot) no earlier than `now`. That is pessimistic by the part of the next leg the van
 * may already have driven, never optimistic.
 *
 * Feasibility is decided by O(1) checks per position (earliest service starts forward, latest
 * starts backward, load maxima of every prefix and suffix), the same ideas as the solver's
 * `RouteState`; the cold ride of an unrefrigerated van, which depends on the whole schedule,
 * and the chosen route are checked by the solver's own evaluator (`evaluateNodes`), so the
 * answer never breaks a window, a capacity, the shift or the cold ride.
 */
import { evaluateNodes, evaluateRoute } from './evaluate.ts';
import { compile, earliestStart, EPS, latestStart, type Compiled } from './model.ts';
import type { Problem, RouteEvaluation, RouteProgress, Violation } from './types.ts';

/** A route as it stands during its day. */
export interface CurrentRoute {
  vehicle: number;
  /** Job indices in visiting order; the first `served` are behind the driver. */
  jobs: readonly number[];
  /** Jobs at the head of the route already done or given up (default 0). */
  served?: number;
  /** When the driver left each served stop (recorded completions); default: as planned. */
  servedAt?: readonly number[];
  /** When the van left the depot, if it has. */
  departedAt?: number;
}

/**
 * Why a job fits no route, most telling first: the van is too full, the cold food would ride
 * too long unrefrigerated, no route reaches the job's window, the routes would end after the
 * shift; `left_depot`: a delivery needs a van that is still at the depot; `route_infeasible`:
 * the route already breaks a rule without the job (the driver is behind the plan);
 * `no_route`: there is no route to put it in.
 */
export type InsertionRefusal = 'capacity' | 'refrigeration' | 'time_window' | 'shift_end' | 'left_depot' | 'route_infeasible' | 'no_route';

const PRIORITY: readonly InsertionRefusal[] = ['capacity', 'refrigeration', 'time_window', 'shift_end', 'left_depot', 'route_infeasible', 'no_route'];
/** The evaluator's rules a place can break, in the same order. */
const RULES = ['capacity', 'refrigeration', 'time_window', 'shift_end'] as const satisfies readonly (Violation & InsertionRefusal)[];

export interface InsertionPosition {
  /** Index into the routes given. */
  route: number;
  /** Where the job goes in the route's `jobs` (never before a served job). */
  position: number;
  /** Extra distance of the detour. */
  addedDistance: number;
  feasible: boolean;
}

export type InsertionAnswer =
  | {
    ok: true;
    /** Index into the routes given, its vehicle, and where the job goes in its `jobs`. */
    route: number;
    vehicle: number;
    position: number;
    /** The route's jobs with the new one in place. */
    jobs: number[];
    addedDistance: number;
    addedDuration: number;
    /** The new schedule of that route (served stops as they were). */
    evaluation: RouteEvaluation;
  }
  | {
    ok: false;
    reason: InsertionRefusal;
    /** Per route: the rule that kept the job out, and every rule broken at some position. */
    routes: { route: number; vehicle: number; reason: InsertionRefusal; violations: Violation[] }[];
  };

/** The route under way, prepared for O(1) position checks. */
interface Scan {
  v: number;
  nodes: number[];
  served: number;
  progress: RouteProgress;
  atDepot: boolean;
  base: RouteEvaluation;
  /** Where the van goes on from (node; 0 = depot) and when. */
  cur: number;
  t0: number;
  /** Remaining nodes: rem[j - 1] is scan position j (1..m); position 0 is `cur`, m + 1 the depot. */
  rem: number[];
  es: Float64Array;
  ls: Float64Array;
  /** Per position j (0..m) and dimension: the largest load over positions 0..j and j..m. */
  preMax: Float64Array;
  sufMax: Float64Array;
  /** The route carries chilled or frozen food (served or not). */
  cold: boolean;
}

const progressOf = (r: CurrentRoute, now: number): RouteProgress =>
  ({ served: r.served ?? 0, now, departedAt: r.departedAt, servedAt: r.servedAt });

function scanRoute(c: Compiled, r: CurrentRoute, now: number): Scan {
  const v = r.vehicle;
  const nodes = r.jobs.map((j) => j + 1);
  const progress = progressOf(r, now);
  const served = Math.min(progress.served, nodes.length);
  const atDepot = served === 0 && r.departedAt === undefined;
  const base = evaluateNodes(c, v, nodes, nodes.length, progress);
  const cur = served > 0 ? nodes[served - 1] : 0;
  let t0: number;
  if (served > 0) t0 = Math.max(now, base.departures[served - 1]);
  else if (atDepot) t0 = Math.max(now, c.vStart[v]);
  else t0 = Math.max(now, r.departedAt!);
  const rem = nodes.slice(served);
  const m = rem.length;
  const n = c.n;
  const es = new Float64Array(m + 2);
  const ls = new Float64Array(m + 2);
  es[0] = t0;
  let prev = cur;
  let dep = t0;
  for (let j = 1; j <= m; j++) {
    const node = rem[j - 1];
    es[j] = earliestStart(c, node, dep + c.time[prev * n + node]);
    dep = es[j] + c.service[node];
    prev = node;
  }
  es[m + 1] = dep + c.time[prev * n];
  ls[m + 1] = c.vEnd[v];
  for (let j = m; j >= 1; j--) {
    const node = rem[j - 1];
    const next = j < m ? rem[j] : 0;
    ls[j] = latestStart(c, node, ls[j + 1] - c.service[node] - c.time[node * n + next]);
  }
  ls[0] = m > 0 ? ls[1] - c.time[cur * n + rem[0]] : ls[1] - c.time[cur * n];
  const dims = c.dims;
  // Load at scan position j: after the served stops (j = 0; the start load at the depot), then after each remaining stop.
  const load = new Float64Array((m + 1) * dims);
  for (let k = 0; k < dims; k++) {
    let x = base.startLoad[k];
    for (let i = 0; i < served; i++) x += c.pickup[nodes[i] * dims + k] - c.delivery[nodes[i] * dims + k];
    load[k] = x;
    for (let j = 1; j <= m; j++) {
      x += c.pickup[rem[j - 1] * dims + k] - c.delivery[rem[j - 1] * dims + k];
      load[j * dims + k] = x;
    }
  }
  const preMax = new Float64Array((m + 1) * dims);
  const sufMax = new Float64Array((m + 1) * dims);
  for (let k = 0; k < dims; k++) {
    preMax[k] = load[k];
    for (let j = 1; j <= m; j++) preMax[j * dims + k] = Math.max(preMax[(j - 1) * dims + k], load[j * dims + k]);
    sufMax[m * dims + k] = load[m * dims + k];
    for (let j = m - 1; j >= 0; j--) sufMax[j * dims + k] = Math.max(sufMax[(j + 1) * dims + k], load[j * dims + k]);
  }
  let cold = false;
  for (const node of nodes) if (c.coldJob[node]) cold = true;
  return { v, nodes, served, progress, atDepot, base, cur, t0, rem, es, ls, preMax, sufMax, cold };
}

/** Whether a job delivers anything (its load must be taken on at the depot). */
function delivers(c: Compiled, node: number): boolean {
  for (let k = 0; k < c.dims; k++) if (c.delivery[node * c.dims + k] > 0) return true;
  return false;
}

/** Extra distance of putting `node` between scan positions j and j + 1. */
function detour(c: Compiled, s: Scan, node: number, j: number): number {
  const n = c.n;
  const from = j === 0 ? s.cur : s.rem[j - 1];
  const to = j < s.rem.length ? s.rem[j] : 0;
  return c.dist[from * n + node] + c.dist[node * n + to] - c.dist[from * n + to];
}

/**
 * The O(1) part of a position's check: windows and the shift (the new stop served in its
 * window, the rest of the route still reached by its latest starts) and capacity at every
 * stop. `cold`: passes, but an unrefrigerated van with cold food needs the exact ride check.
 */
function screen(c: Compiled, s: Scan, node: number, j: number): 'ok' | 'cold' | 'fail' {
  if (!s.base.feasible) return 'fail';
  const n = c.n;
  const dims = c.dims;
  const from = j === 0 ? s.cur : s.rem[j - 1];
  const to = j < s.rem.length ? s.rem[j] : 0;
  const dep = j === 0 ? s.t0 : s.es[j] + c.service[from];
  const start = earliestStart(c, node, dep + c.time[from * n + node]);
  if (start === Infinity) return 'fail';
  if (start + c.service[node] + c.time[node * n + to] > s.ls[j + 1] + EPS) return 'fail';
  const v = s.v;
  for (let k = 0; k < dims; k++) {
    const cap = c.vCap[v * dims + k] + EPS;
    const d = c.delivery[node * dims + k];
    if (d > 0 && s.preMax[j * dims + k] + d > cap) return 'fail';
    if (s.sufMax[j * dims + k] + c.pickup[node * dims + k] > cap) return 'fail';
  }
  return !c.vRefrigerated[v] && (s.cold || c.coldJob[node]) ? 'cold' : 'ok';
}

function withJob(s: Scan, node: number, j: number): number[] {
  const at = s.served + j;
  return [...s.nodes.slice(0, at), node, ...s.nodes.slice(at)];
}

const evaluateWith = (c: Compiled, s: Scan, node: number, j: number) => {
  const seq = withJob(s, node, j);
  return evaluateNodes(c, s.v, seq, seq.length, s.progress);
};

function prepare(problem: Problem, routes: readonly CurrentRoute[], job: number, now: number) {
  const c = compile(problem);
  if (!(job >= 0 && job < c.nJobs)) throw new RangeError(`no job ${job}`);
  for (const r of routes) {
    if (!(r.vehicle >= 0 && r.vehicle < c.nVehicles)) throw new RangeError(`no vehicle ${r.vehicle}`);
    if (r.jobs.includes(job)) throw new RangeError(`job ${job} is already on the route of vehicle ${r.vehicle}`);
  }
  const node = job + 1;
  const scans = routes.map((r) => scanRoute(c, r, now));
  const canTake = (s: Scan) => s.atDepot || !delivers(c, node);
  return { c, node, scans, canTake };
}

/**
 * Every place the job could go in the routes as they stand, with its extra distance and
 * whether it keeps every rule (windows, the shift, capacity at every stop, the cold ride).
 * Positions before a served job are not places. The feasibility here is what the solver's
 * evaluator says of the route with the job in that place (`evaluateRoute` with the route's
 * progress); the tests hold the two to agreement.
 *
 * Example: `insertionPositions(problem, [{ vehicle: 0, jobs: [0, 1], served: 1 }], 2, 600)`
 * gives two places in vehicle 0's route: after job 0 and after job 1.
 */
export function insertionPositions(problem: Problem, routes: readonly CurrentRoute[], job: number, now: number): InsertionPosition[] {
  const { c, node, scans, canTake } = prepare(problem, routes, job, now);
  const out: InsertionPosition[] = [];
  scans.forEach((s, route) => {
    for (let j = 0; j <= s.rem.length; j++) {
      const verdict = canTake(s) ? screen(c, s, node, j) : 'fail';
      const feasible = verdict === 'ok' || (verdict === 'cold' && evaluateWith(c, s, node, j).feasible);
      out.push({ route, position: s.served + j, addedDistance: detour(c, s, node, j), feasible });
    }
  });
  return out;
}

/**
 * Puts a new job into the routes as they stand, at the place that adds the least distance
 * while every rule still holds: the job's window and those of the stops after it, the shift
 * end, capacity (kg and bags) at every stop, and the cold ride of an unrefrigerated van
 * (chilled or frozen food on board, the served stops' too, within the ride limit). Served
 * stops stay; a delivery goes only into a route whose van is still at the depot. Ties go to
 * the earlier route and place, so the answer is the same for the same input. When no route
 * can take it, the answer says which rule kept it out, for each route and overall.
 *
 * Example: `cheapestInsertion(problem, [{ vehicle: 0, jobs: [0, 1], served: 1 }], 2, 600)`
 * → `{ ok: true, route: 0, position: 2, jobs: [0, 1, 2], … }` when job 2 fits best last.
 */
export function cheapestInsertion(problem: Problem, routes: readonly CurrentRoute[], job: number, now: number): InsertionAnswer {
  const { c, node, scans, canTake } = prepare(problem, routes, job, now);
  const candidates: { route: number; j: number; cost: number; cold: boolean }[] = [];
  scans.forEach((s, route) => {
    if (!canTake(s)) return;
    for (let j = 0; j <= s.rem.length; j++) {
      const verdict = screen(c, s, node, j);
      if (verdict !== 'fail') candidates.push({ route, j, cost: detour(c, s, node, j), cold: verdict === 'cold' });
    }
  });
  candidates.sort((a, b) => a.cost - b.cost || a.route - b.route || a.j - b.j);
  for (const cand of candidates) {
    const s = scans[cand.route];
    const seq = withJob(s, node, cand.j);
    const evaluation = evaluateNodes(c, s.v, seq, seq.length, s.progress);
    // The exact evaluator has the last word (for cold rides it is the only check).
    if (!evaluation.feasible) continue;
    return {
      ok: true, route: cand.route, vehicle: s.v, position: s.served + cand.j, jobs: seq.map((x) => x - 1),
      addedDistance: cand.cost, addedDuration: evaluation.duration - s.base.duration, evaluation,
    };
  }
  return refusal(c, scans, node, canTake);
}

/** Why no route took the job: per route the rule broken at every place (or most often), overall the commonest. */
function refusal(c: Compiled, scans: Scan[], node: number, canTake: (s: Scan) => boolean): InsertionAnswer & { ok: false } {
  const routes = scans.map((s, route) => {
    if (!canTake(s)) return { route, vehicle: s.v, reason: 'left_depot' as InsertionRefusal, violations: [] as Violation[] };
    if (!s.base.feasible) return { route, vehicle: s.v, reason: 'route_infeasible' as InsertionRefusal, violations: s.base.violations };
    const counts = new Map<Violation, number>();
    const places = s.rem.length + 1;
    for (let j = 0; j < places; j++) {
      for (const x of evaluateWith(c, s, node, j).violations) counts.set(x, (counts.get(x) ?? 0) + 1);
    }
    const rules = RULES.filter((x) => counts.has(x));
    const everywhere = rules.find((x) => counts.get(x) === places);
    const commonest = [...rules].sort((a, b) => counts.get(b)! - counts.get(a)!)[0];
    return { route, vehicle: s.v, reason: everywhere ?? commonest ?? 'route_infeasible', violations: rules as Violation[] };
  });
  if (routes.length === 0) return { ok: false, reason: 'no_route', routes };
  const tally = new Map<InsertionRefusal, number>();
  for (const r of routes) tally.set(r.reason, (tally.get(r.reason) ?? 0) + 1);
  const reason = [...PRIORITY].sort((a, b) => (tally.get(b) ?? 0) - (tally.get(a) ?? 0) || PRIORITY.indexOf(a) - PRIORITY.indexOf(b))[0];
  return { ok: false, reason, routes };
}

/**
 * Takes a job that is not yet served out of a route (a donor said there is nothing to pick
 * up) and schedules the rest from where the driver is: served stops as they were, the others
 * from `now`. Throws a RangeError when the job is not among the route's unserved jobs.
 *
 * Example: `removeJob(problem, { vehicle: 0, jobs: [0, 1, 2], served: 1 }, 1, 600).jobs` is `[0, 2]`.
 */
export function removeJob(problem: Problem, route: CurrentRoute, job: number, now: number): { jobs: number[]; evaluation: RouteEvaluation } {
  const at = route.jobs.indexOf(job);
  if (at < 0 || at < (route.served ?? 0)) throw new RangeError(`job ${job} is not an unserved job of the route of vehicle ${route.vehicle}`);
  const jobs = route.jobs.filter((j) => j !== job);
  return { jobs, evaluation: evaluateRoute(problem, route.vehicle, jobs, progressOf(route, now)) };
}
