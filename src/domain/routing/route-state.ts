import { earliestStart, EPS, lateDeparture, latestStart, type Compiled } from './model.ts';

/**
 * One vehicle's route with the caches that make a move check O(1): earliest service
 * starts forward, latest feasible arrivals backward (Savelsbergh's slack idea, extended
 * to several windows per stop), cumulative distance, and load "peaks" of every prefix
 * and suffix so mixed pickups and deliveries concatenate in O(dims).
 *
 * Load peak of a segment = the largest on-board amount the segment adds at any point:
 * deliveries still to drop inside it plus pickups already made inside it. For A then B,
 * peak = max(peak(A) + deliveries(B), pickups(A) + peak(B)).
 */
export class RouteState {
  readonly v: number;
  len = 0;
  /** nodes[0] and nodes[len + 1] are the depot (0). */
  readonly nodes: Int32Array;
  /** Earliest service start at each position (0: depot departure; len + 1: return). */
  readonly es: Float64Array;
  /** Latest arrival at each position that keeps the rest of the route feasible. */
  readonly ls: Float64Array;
  readonly cumDist: Float64Array;
  readonly preD: Float64Array;
  readonly preP: Float64Array;
  readonly prePk: Float64Array;
  readonly sufD: Float64Array;
  readonly sufP: Float64Array;
  readonly sufPk: Float64Array;
  /**
   * Return time to the depot as a function of the arrival a at position p, for routes
   * whose stops have one window each: max(a + dur[p], rmax[p]) (waiting absorbs
   * delays). Lets a refrigerated ride be checked in O(1).
   */
  readonly dur: Float64Array;
  readonly rmax: Float64Array;
  /** Position of the first refrigerated pickup (0: none). */
  firstChilled = 0;
  /** Stops with more than one time window. */
  multiWindow = 0;
  distance = 0;
  /** Cold stops of this route: refrigerated pickups and deliveries of chilled or frozen bags. */
  chilled = 0;
  /** Deliveries of chilled or frozen bags on this route. */
  coldDeliveries = 0;
  feasible = true;

  constructor(c: Compiled, v: number) {
    this.v = v;
    const size = c.nJobs + 2;
    this.nodes = new Int32Array(size);
    this.es = new Float64Array(size);
    this.ls = new Float64Array(size);
    this.cumDist = new Float64Array(size);
    const ld = size * c.dims;
    this.preD = new Float64Array(ld);
    this.preP = new Float64Array(ld);
    this.prePk = new Float64Array(ld);
    this.sufD = new Float64Array(ld);
    this.sufP = new Float64Array(ld);
    this.sufPk = new Float64Array(ld);
    this.dur = new Float64Array(size);
    this.rmax = new Float64Array(size);
  }

  /** Recomputes every cache after the node sequence changed. */
  update(c: Compiled): void {
    this.nodes[0] = 0;
    this.nodes[this.len + 1] = 0;
    let chilled = 0;
    let coldDeliveries = 0;
    let multi = 0;
    for (let i = 1; i <= this.len; i++) {
      const node = this.nodes[i];
      chilled += c.coldJob[node];
      coldDeliveries += c.coldDelivery[node];
      if (c.winOffset[node + 1] - c.winOffset[node] > 1) multi++;
    }
    this.chilled = chilled;
    this.coldDeliveries = coldDeliveries;
    this.multiWindow = multi;
    for (let k = 0; k < c.dims; k++) {
      this.preD[k] = 0;
      this.preP[k] = 0;
      this.prePk[k] = 0;
    }
    this.es[0] = c.vStart[this.v];
    this.cumDist[0] = 0;
    const last = this.len + 1;
    this.ls[last] = c.vEnd[this.v];
    this.dur[last] = 0;
    this.rmax[last] = -Infinity;
    for (let k = 0; k < c.dims; k++) {
      this.sufD[last * c.dims + k] = 0;
      this.sufP[last * c.dims + k] = 0;
      this.sufPk[last * c.dims + k] = 0;
    }
    const ok = this.forward(c, 1);
    this.backward(c, this.len);
    this.finish(c, ok);
  }

  /** Forward caches (schedule, distance, prefix loads) from position `from` on. */
  private forward(c: Compiled, from: number): boolean {
    const { nodes, es, cumDist, preD, preP, prePk } = this;
    const n = c.n;
    const dims = c.dims;
    const last = this.len + 1;
    let ok = true;
    for (let i = from; i <= last; i++) {
      const prev = nodes[i - 1];
      const node = nodes[i];
      const arr = es[i - 1] + c.service[prev] + c.time[prev * n + node];
      if (i < last) {
        const w = c.winOffset[node];
        if (c.winOffset[node + 1] - w === 1) {
          if (arr > c.winEnd[w] + EPS) {
            ok = false;
            es[i] = Infinity;
          } else {
            es[i] = arr > c.winStart[w] ? arr : c.winStart[w];
          }
        } else {
          es[i] = earliestStart(c, node, arr);
          if (es[i] === Infinity) ok = false;
        }
      } else {
        es[i] = arr;
      }
      cumDist[i] = cumDist[i - 1] + c.dist[prev * n + node];
      for (let k = 0; k < dims; k++) {
        const d = c.delivery[node * dims + k];
        const p = c.pickup[node * dims + k];
        const a = (i - 1) * dims + k;
        const b = i * dims + k;
        preD[b] = preD[a] + d;
        preP[b] = preP[a] + p;
        const x = prePk[a] + d;
        const y = preP[a] + (d > p ? d : p);
        prePk[b] = x > y ? x : y;
      }
    }
    return ok;
  }

  /** Backward caches (latest arrivals, suffix loads) from position `to` down to 0. */
  private backward(c: Compiled, to: number): void {
    const { nodes, ls, sufD, sufP, sufPk, dur, rmax } = this;
    const n = c.n;
    const dims = c.dims;
    for (let i = to; i >= 0; i--) {
      const node = nodes[i];
      const next = nodes[i + 1];
      if (i > 0) {
        const bound = ls[i + 1] - c.service[node] - c.time[node * n + next];
        const w = c.winOffset[node];
        if (c.winOffset[node + 1] - w === 1) {
          ls[i] = bound + EPS >= c.winStart[w] ? (bound < c.winEnd[w] ? bound : c.winEnd[w]) : -Infinity;
        } else {
          ls[i] = latestStart(c, node, bound);
        }
        dur[i] = c.service[node] + c.time[node * n + next] + dur[i + 1];
        const r = c.twOpen[node] + dur[i];
        rmax[i] = r > rmax[i + 1] ? r : rmax[i + 1];
      } else {
        ls[0] = this.len === 0 ? ls[1] : ls[1] - c.time[next];
      }
      for (let k = 0; k < dims; k++) {
        const d = c.delivery[node * dims + k];
        const p = c.pickup[node * dims + k];
        const a = (i + 1) * dims + k;
        const b = i * dims + k;
        sufD[b] = sufD[a] + d;
        sufP[b] = sufP[a] + p;
        const x = (d > p ? d : p) + sufD[a];
        const y = p + sufPk[a];
        sufPk[b] = x > y ? x : y;
      }
    }
  }

  private finish(c: Compiled, forwardOk: boolean): void {
    const { nodes, es, ls } = this;
    const len = this.len;
    const last = len + 1;
    let ok = forwardOk;
    this.distance = this.cumDist[last];
    this.firstChilled = 0;
    if (this.chilled > 0) {
      for (let i = 1; i <= len; i++) {
        if (c.refrigeratedJob[nodes[i]]) {
          this.firstChilled = i;
          break;
        }
      }
    }
    if (ok && this.chilled > 0 && !c.vRefrigerated[this.v] && !chilledRidesOk(c, this.v, nodes, len, 1)) ok = false;
    if (es[last] > ls[last] + EPS) ok = false;
    for (let k = 0; k < c.dims; k++) {
      if (this.prePk[last * c.dims + k] > c.vCap[this.v * c.dims + k] + EPS) ok = false;
    }
    this.feasible = ok;
  }

  /** Copies another route of the same vehicle, caches included (plain loops: no views allocated). */
  copyFrom(o: RouteState, dims: number): void {
    const m = o.len + 2;
    this.len = o.len;
    for (let i = 0; i < m; i++) {
      this.nodes[i] = o.nodes[i];
      this.es[i] = o.es[i];
      this.ls[i] = o.ls[i];
      this.cumDist[i] = o.cumDist[i];
      this.dur[i] = o.dur[i];
      this.rmax[i] = o.rmax[i];
    }
    const md = m * dims;
    for (let i = 0; i < md; i++) {
      this.preD[i] = o.preD[i];
      this.preP[i] = o.preP[i];
      this.prePk[i] = o.prePk[i];
      this.sufD[i] = o.sufD[i];
      this.sufP[i] = o.sufP[i];
      this.sufPk[i] = o.sufPk[i];
    }
    this.distance = o.distance;
    this.chilled = o.chilled;
    this.coldDeliveries = o.coldDeliveries;
    this.firstChilled = o.firstChilled;
    this.multiWindow = o.multiWindow;
    this.feasible = o.feasible;
  }

  /** Inserts `node` right after position `pos`; only the caches the insertion touches are redone. */
  insertAt(c: Compiled, pos: number, node: number): void {
    const nodes = this.nodes;
    const dims = c.dims;
    const oldLast = this.len + 1;
    for (let i = oldLast; i > pos; i--) nodes[i + 1] = nodes[i];
    nodes[pos + 1] = node;
    // Suffix caches behind the new stop keep their values, one position further on.
    this.ls.copyWithin(pos + 2, pos + 1, oldLast + 1);
    this.dur.copyWithin(pos + 2, pos + 1, oldLast + 1);
    this.rmax.copyWithin(pos + 2, pos + 1, oldLast + 1);
    this.sufD.copyWithin((pos + 2) * dims, (pos + 1) * dims, (oldLast + 1) * dims);
    this.sufP.copyWithin((pos + 2) * dims, (pos + 1) * dims, (oldLast + 1) * dims);
    this.sufPk.copyWithin((pos + 2) * dims, (pos + 1) * dims, (oldLast + 1) * dims);
    this.len++;
    this.chilled += c.coldJob[node];
    this.coldDeliveries += c.coldDelivery[node];
    if (c.winOffset[node + 1] - c.winOffset[node] > 1) this.multiWindow++;
    const ok = this.forward(c, pos + 1);
    this.backward(c, pos + 1);
    // An infeasible prefix carries es = Infinity to the end, so finish() still sees it.
    this.finish(c, ok);
  }

}

/**
 * Whether the node sequence `seq[from..from + count)` driven by vehicle `v` keeps its cold
 * food within the ride limit, counted from when it goes on board on the schedule drivers get
 * (leaving the depot as late as the route allows without coming back later, see
 * `lateDeparture`): the bags of a delivery of chilled or frozen bags from the departure from
 * the depot to the start of service at the stop, a refrigerated pickup from the end of its
 * service to the arrival at the depot (the first one rides longest). False when a window is
 * missed. Only needed for non-refrigerated vehicles; O(count).
 *
 * Example: a chilled delivery 20 minutes out whose window opens at 240, shift from 0: the
 * van leaves at 220 and the bags ride 20 minutes, so the route is within a 60-minute limit.
 */
export function chilledRidesOk(c: Compiled, v: number, seq: ArrayLike<number>, count: number, from = 0): boolean {
  const n = c.n;
  const to = from + count;
  let t = c.vStart[v];
  let prev = 0;
  let wait = 0;
  for (let i = from; i < to; i++) {
    const node = seq[i];
    const arrival = t + c.service[prev] + c.time[prev * n + node];
    t = earliestStart(c, node, arrival);
    if (t === Infinity) return false;
    wait += t - arrival;
    prev = node;
  }
  const depart = lateDeparture(c, v, seq, from, to, wait);
  t = depart;
  prev = 0;
  let firstChilledDeparture = Infinity;
  for (let i = from; i < to; i++) {
    const node = seq[i];
    t = earliestStart(c, node, t + c.service[prev] + c.time[prev * n + node]);
    if (t === Infinity) return false;
    if (c.coldDelivery[node] && t - depart > c.rideLimit[node] + EPS) return false;
    if (c.refrigeratedJob[node] && firstChilledDeparture === Infinity) firstChilledDeparture = t + c.service[node];
    prev = node;
  }
  const back = t + c.service[prev] + c.time[prev * n];
  return back - firstChilledDeparture <= c.maxRide + EPS;
}

/**
 * Cheapest feasible insertion cost of `node` into `r` given the current best `bound`;
 * returns the position (insert after it) or -1, and writes the cost to `out[0]`.
 * `blink` (0..1) skips positions at random, as in SISR, so recreate explores.
 * `openFactor` scales the detour of a first stop in an empty route (construction bias).
 */
export function bestInsertion(
  c: Compiled, r: RouteState, node: number, bound: number, blink: number, rnd: () => number,
  out: Float64Array, scratch: Int32Array, openFactor = 1,
): number {
  const n = c.n;
  const dims = c.dims;
  const v = r.v;
  const len = r.len;
  const last = len + 1;
  // Whole-route capacity screen: deliveries all ride from the depot, pickups all ride back.
  for (let k = 0; k < dims; k++) {
    const cap = c.vCap[v * dims + k] + EPS;
    if (r.preD[last * dims + k] + c.delivery[node * dims + k] > cap) return -1;
    if (r.preP[last * dims + k] + c.pickup[node * dims + k] > cap) return -1;
  }
  const nodes = r.nodes;
  const es = r.es;
  const ls = r.ls;
  const single = c.winOffset[node + 1] - c.winOffset[node] === 1;
  const wS = c.winStart[c.winOffset[node]];
  const wE = c.winEnd[c.winOffset[node]];
  const svc = c.service[node];
  const checkChill = c.anyRefrigeratedJob && !c.vRefrigerated[v] && (r.chilled > 0 || c.coldJob[node] === 1);
  // The O(1) ride check covers pickups only; a cold delivery takes the exact check.
  const pickupsOnly = r.coldDeliveries === 0 && c.coldDelivery[node] === 0;
  const fixed = len === 0 ? c.vFixed[v] + c.vehicleWeight : 0;
  let bestPos = -1;
  let best = bound;
  const rowN = node * n;
  for (let i = 0; i <= len; i++) {
    const prev = nodes[i];
    const next = nodes[i + 1];
    let delta = c.dist[prev * n + node] + c.dist[rowN + next] - c.dist[prev * n + next];
    delta = len === 0 ? delta * openFactor + fixed : delta;
    if (delta >= best) continue;
    if (blink > 0 && rnd() < blink) continue;
    const arr = es[i] + c.service[prev] + c.time[prev * n + node];
    let start: number;
    if (single) {
      if (arr > wE + EPS) continue;
      start = arr > wS ? arr : wS;
    } else {
      start = earliestStart(c, node, arr);
      if (start === Infinity) continue;
    }
    if (start + svc + c.time[rowN + next] > ls[i + 1] + EPS) continue;
    let capOk = true;
    for (let k = 0; k < dims; k++) {
      const d = c.delivery[node * dims + k];
      const p = c.pickup[node * dims + k];
      const a = i * dims + k;
      const b = (i + 1) * dims + k;
      const pk1 = Math.max(r.prePk[a] + d, r.preP[a] + (d > p ? d : p));
      const peak = Math.max(pk1 + r.sufD[b], r.preP[a] + p + r.sufPk[b]);
      if (peak > c.vCap[v * dims + k] + EPS) {
        capOk = false;
        break;
      }
    }
    if (!capOk) continue;
    if (checkChill && pickupsOnly && r.multiWindow === 0 && single) {
      // O(1) pass: the ride judged on leaving at the shift start, with the return from the
      // suffix function and the first chilled departure exact unless that pickup comes after
      // the insertion (then the old one is a lower bound). Leaving later only shortens the
      // ride, so a pass is certain and a fail goes to the exact check below.
      const arrNext = start + svc + c.time[rowN + next];
      const back = Math.max(arrNext + r.dur[i + 1], r.rmax[i + 1]);
      const f = r.firstChilled;
      const chilledHere = c.refrigeratedJob[node] === 1 && (f === 0 || f > i);
      const dep = chilledHere ? start + svc : es[f] + c.service[nodes[f]];
      if (back - dep <= c.maxRide + EPS) {
        best = delta;
        bestPos = i;
        continue;
      }
    }
    if (checkChill) {
      let m = 0;
      for (let q = 1; q <= i; q++) scratch[m++] = nodes[q];
      scratch[m++] = node;
      for (let q = i + 1; q <= len; q++) scratch[m++] = nodes[q];
      if (!chilledRidesOk(c, v, scratch, m)) continue;
    }
    best = delta;
    bestPos = i;
  }
  out[0] = best;
  return bestPos;
}
