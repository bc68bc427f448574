import { evaluateNodes } from './evaluate.ts';
import { compile, type Compiled } from './model.ts';
import { mulberry32 } from './prng.ts';
import { interRouteDescent } from './local-search.ts';
import { bestInsertion, RouteState } from './route-state.ts';
import type { PlannedRoute, Problem, Solution, SolveOptions, UnassignedReason } from './types.ts';

/** Search parameters; the defaults are tuned on the Solomon and CVRPLIB benchmarks. */
export interface Tuning {
  /** Mean number of customers removed per ruin (SISR's c̄). */
  avgRemoved: number;
  /** Longest removed string (SISR's L_max). */
  maxString: number;
  /** Probability to skip a position during recreate (SISR's blink rate). */
  blinkRate: number;
  /** Start and end temperature of simulated annealing, as a fraction of the mean cost per job. */
  startTemperature: number;
  endTemperature: number;
  /** Share of ruins that remove a whole route when only distance counts (always 0.1 when vehicles count). */
  routeRemovalRate: number;
  /** Granular neighbourhood size of the local search run on every new best (0: off). */
  neighbourhood: number;
  /** Construction only: scale of the cost of opening a route (< 1 starts with more, shorter routes). */
  constructionOpenFactor: number;
}

const DEFAULT_TUNING: Tuning = {
  avgRemoved: 10,
  maxString: 10,
  blinkRate: 0.01,
  startTemperature: 1,
  endTemperature: 0.01,
  routeRemovalRate: 0.02,
  neighbourhood: 20,
  constructionOpenFactor: 0.5,
};

class SolutionState {
  readonly routes: RouteState[];
  readonly routeOf: Int32Array;
  readonly posOf: Int32Array;
  routed = 0;

  constructor(c: Compiled) {
    this.routes = Array.from({ length: c.nVehicles }, (_, v) => new RouteState(c, v));
    for (const r of this.routes) r.update(c);
    this.routeOf = new Int32Array(c.n).fill(-1);
    this.posOf = new Int32Array(c.n);
  }

  index(r: RouteState): void {
    for (let i = 1; i <= r.len; i++) {
      this.routeOf[r.nodes[i]] = r.v;
      this.posOf[r.nodes[i]] = i;
    }
  }
}

interface Ctx {
  c: Compiled;
  rnd: () => number;
  compat: Uint8Array;
  assignable: Int32Array;
  neighbours: Int32Array;
  tuning: Tuning;
  penalty: number;
  out: Float64Array;
  scratch: Int32Array;
  removed: Int32Array;
  nRemoved: number;
  changed: Uint8Array;
  changedList: Int32Array;
  nChanged: number;
  typeStamp: Int32Array;
  stamp: number;
  keys: Float64Array;
  drop: Uint8Array;
  cand: Int32Array;
  openFactor: number;
}

function routeCost(c: Compiled, r: RouteState): number {
  return r.len === 0 ? 0 : r.distance + c.vFixed[r.v] + c.vehicleWeight;
}

function solutionCost(ctx: Ctx, s: SolutionState): number {
  let cost = 0;
  let routed = 0;
  for (const r of s.routes) {
    cost += routeCost(ctx.c, r);
    routed += r.len;
  }
  s.routed = routed;
  return cost + ctx.penalty * (ctx.assignable.length - routed);
}

function markChanged(ctx: Ctx, v: number): void {
  if (!ctx.changed[v]) {
    ctx.changed[v] = 1;
    ctx.changedList[ctx.nChanged++] = v;
  }
}

/** Copies the changed routes of `from` into `to` and clears the change list. */
function syncChanged(ctx: Ctx, to: SolutionState, from: SolutionState): void {
  const dims = ctx.c.dims;
  for (let q = 0; q < ctx.nChanged; q++) {
    const v = ctx.changedList[q];
    to.routes[v].copyFrom(from.routes[v], dims);
    ctx.changed[v] = 0;
  }
  ctx.nChanged = 0;
  to.routeOf.set(from.routeOf);
  to.posOf.set(from.posOf);
  to.routed = from.routed;
}

function copyAll(c: Compiled, to: SolutionState, from: SolutionState): void {
  for (let v = 0; v < c.nVehicles; v++) to.routes[v].copyFrom(from.routes[v], c.dims);
  to.routeOf.set(from.routeOf);
  to.posOf.set(from.posOf);
  to.routed = from.routed;
}

/** Removes the positions flagged in `drop` (1-based) from route r. */
function removePositions(ctx: Ctx, s: SolutionState, r: RouteState, drop: Uint8Array): void {
  let w = 1;
  for (let i = 1; i <= r.len; i++) {
    const node = r.nodes[i];
    if (drop[i]) {
      drop[i] = 0;
      ctx.removed[ctx.nRemoved++] = node;
      s.routeOf[node] = -1;
    } else {
      r.nodes[w++] = node;
    }
  }
  r.len = w - 1;
  r.update(ctx.c);
  s.index(r);
  markChanged(ctx, r.v);
}

/** SISR ruin: remove strings (or split strings) from routes near a random seed customer. */
function ruinStrings(ctx: Ctx, s: SolutionState): void {
  const { c, rnd, tuning } = ctx;
  let nonEmpty = 0;
  for (const r of s.routes) if (r.len > 0) nonEmpty++;
  if (nonEmpty === 0) return;
  const avgCard = s.routed / nonEmpty;
  const lsMax = Math.min(tuning.maxString, avgCard);
  const ksMax = (4 * tuning.avgRemoved) / (1 + lsMax) - 1;
  const ks = Math.floor(rnd() * ksMax) + 1;
  // Seed: a random routed customer.
  let seed = -1;
  for (let tries = 0; tries < 50 && seed < 0; tries++) {
    const cand = ctx.assignable[Math.floor(rnd() * ctx.assignable.length)];
    if (s.routeOf[cand] >= 0) seed = cand;
  }
  if (seed < 0) return;
  const drop = ctx.drop;
  const nb = ctx.neighbours;
  const row = seed * c.n;
  let ruined = 0;
  for (let q = 0; q < c.n && ruined < ks; q++) {
    const cust = nb[row + q];
    if (cust === 0) continue;
    const v = s.routeOf[cust];
    if (v < 0 || ctx.changed[v]) continue;
    const r = s.routes[v];
    const len = r.len;
    const lMax = Math.min(len, lsMax);
    const l = Math.floor(rnd() * lMax) + 1;
    const pos = s.posOf[cust];
    if (l >= len || rnd() < 0.5) {
      const lo = Math.max(1, pos - l + 1);
      const hi = Math.min(pos, len - l + 1);
      const start = lo + Math.floor(rnd() * (hi - lo + 1));
      for (let i = start; i < start + l; i++) drop[i] = 1;
    } else {
      let m = 1;
      while (l + m < len && rnd() > 0.01) m++;
      const total = l + m;
      const lo = Math.max(1, pos - total + 1);
      const hi = Math.min(pos, len - total + 1);
      const start = lo + Math.floor(rnd() * (hi - lo + 1));
      const keepAt = Math.floor(rnd() * (l + 1));
      for (let i = 0; i < total; i++) {
        if (i < keepAt || i >= keepAt + m) drop[start + i] = 1;
      }
    }
    removePositions(ctx, s, r, drop);
    ruined++;
  }
}

/** Removes a whole route (smaller ones more likely): the move that frees vehicles. */
function ruinRoute(ctx: Ctx, s: SolutionState): void {
  const { rnd } = ctx;
  let best = -1;
  let bestKey = Infinity;
  for (const r of s.routes) {
    if (r.len === 0) continue;
    const key = r.len * (0.5 + rnd());
    if (key < bestKey) {
      bestKey = key;
      best = r.v;
    }
  }
  if (best < 0) return;
  const r = s.routes[best];
  for (let i = 1; i <= r.len; i++) ctx.drop[i] = 1;
  removePositions(ctx, s, r, ctx.drop);
}

function sortRemoved(ctx: Ctx): void {
  const { c, rnd, removed, keys } = ctx;
  const m = ctx.nRemoved;
  const u = rnd() * 17;
  for (let i = 0; i < m; i++) {
    const node = removed[i];
    let key: number;
    if (u < 4) key = rnd();
    else if (u < 8) key = -c.size[node];
    else if (u < 10) key = -c.dist[node];
    else if (u < 11) key = c.dist[node];
    else if (u < 13) key = c.twClose[node] - c.twOpen[node];
    else if (u < 15) key = c.twOpen[node];
    else key = -c.twClose[node];
    keys[i] = key;
  }
  // Insertion sort: the list is short, and this allocates nothing.
  for (let i = 1; i < m; i++) {
    const k = keys[i];
    const x = removed[i];
    let j = i - 1;
    while (j >= 0 && keys[j] > k) {
      keys[j + 1] = keys[j];
      removed[j + 1] = removed[j];
      j--;
    }
    keys[j + 1] = k;
    removed[j + 1] = x;
  }
}

/**
 * Greedy insertion with blinks of every removed customer, in one of SISR's orders.
 * Candidates are the used routes plus one empty route per vehicle type (empty vehicles
 * of a type are interchangeable), so a large idle fleet costs nothing here.
 */
function recreate(ctx: Ctx, s: SolutionState, blink: number): void {
  const { c, rnd, out, scratch, cand } = ctx;
  sortRemoved(ctx);
  const V = c.nVehicles;
  const stamp = ++ctx.stamp;
  let nCand = 0;
  for (let v = 0; v < V; v++) {
    if (s.routes[v].len > 0) cand[nCand++] = v;
    else if (ctx.typeStamp[c.vType[v]] !== stamp) {
      ctx.typeStamp[c.vType[v]] = stamp;
      cand[nCand++] = v;
    }
  }
  for (let q = 0; q < ctx.nRemoved; q++) {
    const node = ctx.removed[q];
    let best = Infinity;
    let bestV = -1;
    let bestPos = -1;
    for (let x = 0; x < nCand; x++) {
      const v = cand[x];
      if (!ctx.compat[node * V + v]) continue;
      const pos = bestInsertion(c, s.routes[v], node, best, blink, rnd, out, scratch, ctx.openFactor);
      if (pos >= 0) {
        best = out[0];
        bestV = v;
        bestPos = pos;
      }
    }
    if (bestV >= 0) {
      const r = s.routes[bestV];
      const wasEmpty = r.len === 0;
      r.insertAt(c, bestPos, node);
      s.index(r);
      markChanged(ctx, bestV);
      if (wasEmpty) {
        // Offer the next idle vehicle of the same type in its place.
        for (let v = 0; v < V; v++) {
          if (s.routes[v].len === 0 && c.vType[v] === c.vType[bestV]) {
            cand[nCand++] = v;
            break;
          }
        }
      }
    }
  }
  ctx.nRemoved = 0;
}

/** Jobs left out earlier (fleet full) get another chance in every recreate. */
function addUnrouted(ctx: Ctx, s: SolutionState): void {
  let routed = 0;
  for (const r of s.routes) routed += r.len;
  if (routed + ctx.nRemoved >= ctx.assignable.length) return;
  ctx.nRemoved = 0;
  for (const node of ctx.assignable) if (s.routeOf[node] < 0) ctx.removed[ctx.nRemoved++] = node;
}

function changedFeasible(ctx: Ctx, s: SolutionState): boolean {
  for (let q = 0; q < ctx.nChanged; q++) if (!s.routes[ctx.changedList[q]].feasible) return false;
  return true;
}

function prefilter(c: Compiled): { compat: Uint8Array; reasons: Map<number, UnassignedReason> } {
  const V = c.nVehicles;
  const compat = new Uint8Array(c.n * V);
  const reasons = new Map<number, UnassignedReason>();
  const seq = new Int32Array(1);
  for (let node = 1; node < c.n; node++) {
    seq[0] = node;
    let any = false;
    let heavy = 0;
    let late = 0;
    let short = 0;
    let chill = 0;
    for (let v = 0; v < V; v++) {
      const ev = evaluateNodes(c, v, seq);
      if (ev.feasible) {
        compat[node * V + v] = 1;
        any = true;
        continue;
      }
      if (ev.violations.includes('capacity')) heavy++;
      if (ev.violations.includes('time_window')) late++;
      if (ev.violations.includes('shift_end')) short++;
      if (ev.violations.includes('refrigeration')) chill++;
    }
    if (any) continue;
    let reason: UnassignedReason = 'no_compatible_vehicle';
    if (V === 0) reason = 'no_vehicles';
    else if (heavy === V) reason = 'too_heavy';
    else if (late === V) reason = 'no_vehicle_reaches_window';
    else if (chill === V) reason = 'no_refrigerated_vehicle';
    else if (short === V) reason = 'shift_too_short';
    reasons.set(node - 1, reason);
  }
  return { compat, reasons };
}

function buildNeighbours(c: Compiled): Int32Array {
  const n = c.n;
  const nb = new Int32Array(n * n);
  const idx = Array.from({ length: n }, (_, i) => i);
  for (let a = 0; a < n; a++) {
    const order = idx.slice().sort((x, y) => (c.dist[a * n + x] + c.dist[x * n + a]) - (c.dist[a * n + y] + c.dist[y * n + a]) || x - y);
    // The seed itself first, so its own route is ruined first.
    const self = order.indexOf(a);
    order.splice(self, 1);
    order.unshift(a);
    nb.set(order, a * n);
  }
  return nb;
}

/**
 * Plans routes: SISR-style ruin and recreate (string removals around a random
 * customer, greedy reinsertion with blinks) under simulated annealing, plus route
 * removals when vehicles count in the objective. Jobs no vehicle can serve alone come
 * back in `unassigned` with the reason; jobs left over when the fleet is full come back
 * as `fleet_exhausted`.
 *
 * With `maxIterations` and no `timeLimitMs` the result depends only on the problem
 * and the seed. `timeLimitMs` needs an injected clock (`now`), since the domain reads
 * no clock of its own.
 *
 * Example: `solve(problem, { timeLimitMs: 2000, now: () => performance.now(), seed: 1 })`.
 */
export function solve(problem: Problem, options: SolveOptions & { tuning?: Partial<Tuning> } = {}): Solution {
  const tuning: Tuning = { ...DEFAULT_TUNING, ...options.tuning };
  const { timeLimitMs, now } = options;
  if (timeLimitMs !== undefined && !now) throw new TypeError('solve: timeLimitMs needs an injected clock `now`');
  // The budget covers the set-up too (matrix compilation, neighbour lists).
  const started = now ? now() : 0;
  const maxIterations = options.maxIterations ?? (timeLimitMs === undefined ? 10_000 : Infinity);
  const c = compile(problem);
  const rnd = mulberry32(options.seed ?? 1);
  const { compat, reasons } = prefilter(c);
  const assignableList: number[] = [];
  for (let node = 1; node < c.n; node++) if (!reasons.has(node - 1)) assignableList.push(node);
  const assignable = Int32Array.from(assignableList);
  let maxFixed = 0;
  for (let v = 0; v < c.nVehicles; v++) maxFixed = Math.max(maxFixed, c.vFixed[v]);
  let distBound = 1;
  for (let a = 0; a < c.n; a++) {
    let m = 0;
    for (let b = 0; b < c.n; b++) m = Math.max(m, c.dist[a * c.n + b]);
    distBound += m;
  }
  const ctx: Ctx = {
    c, rnd, compat, assignable, tuning,
    neighbours: buildNeighbours(c),
    penalty: 10 * (distBound + maxFixed + c.vehicleWeight),
    out: new Float64Array(1),
    scratch: new Int32Array(c.n + 2),
    removed: new Int32Array(c.n),
    nRemoved: 0,
    changed: new Uint8Array(c.nVehicles),
    changedList: new Int32Array(c.nVehicles),
    nChanged: 0,
    typeStamp: new Int32Array(c.nVehicles + 1),
    stamp: 0,
    keys: new Float64Array(c.n),
    drop: new Uint8Array(c.n + 2),
    cand: new Int32Array(2 * c.nVehicles + 1),
    openFactor: tuning.constructionOpenFactor,
  };
  const cur = new SolutionState(c);
  const work = new SolutionState(c);
  const best = new SolutionState(c);

  // Construction: the same greedy insertion (in one of SISR's orders), no blinks.
  for (const node of assignable) ctx.removed[ctx.nRemoved++] = node;
  recreate(ctx, work, 0);
  ctx.openFactor = 1;
  syncChanged(ctx, cur, work);
  let curCost = solutionCost(ctx, cur);
  copyAll(c, best, cur);
  let bestCost = curCost;

  let routedDistance = 0;
  for (const r of cur.routes) routedDistance += r.distance;
  const perJob = assignable.length > 0 ? Math.max(routedDistance / assignable.length, 1e-9) : 1;
  const t0 = tuning.startTemperature * perJob;
  const tf = tuning.endTemperature * perJob;
  const routeRemovalRate = c.vehicleWeight > 0 || maxFixed > 0 ? 0.1 : tuning.routeRemovalRate;

  let it = 0;
  if (assignable.length > 0 && c.nVehicles > 0) {
    for (; it < maxIterations; it++) {
      let frac = maxIterations === Infinity ? 0 : it / maxIterations;
      if (timeLimitMs !== undefined && now) {
        const el = (now() - started) / Math.max(timeLimitMs, 1);
        if (el >= 1) break;
        if (el > frac) frac = el;
      }
      const temp = t0 * Math.pow(tf / t0, frac);
      if (rnd() < routeRemovalRate) ruinRoute(ctx, work);
      else ruinStrings(ctx, work);
      addUnrouted(ctx, work);
      recreate(ctx, work, tuning.blinkRate);
      const cost = solutionCost(ctx, work);
      if (changedFeasible(ctx, work) && cost < curCost - temp * Math.log(rnd())) {
        syncChanged(ctx, cur, work);
        curCost = cost;
        if (cost < bestCost - 1e-9) {
          if (tuning.neighbourhood > 0) {
            interRouteDescent(c, cur, ctx.neighbours, tuning.neighbourhood, compat, ctx.scratch);
            curCost = solutionCost(ctx, cur);
            copyAll(c, work, cur);
          }
          bestCost = curCost;
          copyAll(c, best, cur);
        }
      } else {
        syncChanged(ctx, work, cur);
      }
    }
  }
  return toSolution(c, best, reasons, it);
}

function toSolution(c: Compiled, s: SolutionState, reasons: Map<number, UnassignedReason>, iterations: number): Solution {
  const routes: PlannedRoute[] = [];
  let distance = 0;
  let duration = 0;
  let fixedCost = 0;
  for (const r of s.routes) {
    if (r.len === 0) continue;
    const nodes = Array.from(r.nodes.subarray(1, r.len + 1));
    const ev = evaluateNodes(c, r.v, nodes);
    routes.push({
      vehicle: r.v,
      jobs: nodes.map((x) => x - 1),
      arrivals: ev.arrivals,
      starts: ev.starts,
      departures: ev.departures,
      loads: ev.loads,
      startLoad: ev.startLoad,
      departDepot: ev.departDepot,
      returnDepot: ev.returnDepot,
      distance: ev.distance,
      duration: ev.duration,
    });
    distance += ev.distance;
    duration += ev.duration;
    fixedCost += c.vFixed[r.v];
  }
  const unassigned: Solution['unassigned'] = [];
  for (let node = 1; node < c.n; node++) {
    const reason = reasons.get(node - 1);
    if (reason) unassigned.push({ job: node - 1, reason });
    else if (s.routeOf[node] < 0) unassigned.push({ job: node - 1, reason: 'fleet_exhausted' });
  }
  return { routes, unassigned, totals: { vehicles: routes.length, distance, duration, fixedCost, iterations } };
}
