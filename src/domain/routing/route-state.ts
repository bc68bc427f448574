import { earliestStart, EPS, latestStart, type Compiled } from './model.ts';

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
  distance = 0;
  /** Refrigerated pickups on board of this route. */
  chilled = 0;
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
  }

  /** Recomputes every cache after the node sequence changed. */
  update(c: Compiled): void {
    const { nodes, es, ls, cumDist, preD, preP, prePk, sufD, sufP, sufPk } = this;
    const n = c.n;
    const dims = c.dims;
    const len = this.len;
    const last = len + 1;
    nodes[0] = 0;
    nodes[last] = 0;
    es[0] = c.vStart[this.v];
    cumDist[0] = 0;
    let ok = true;
    let chilled = 0;
    for (let i = 1; i <= last; i++) {
      const prev = nodes[i - 1];
      const node = nodes[i];
      const arr = es[i - 1] + c.service[prev] + c.time[prev * n + node];
      if (i < last) {
        es[i] = earliestStart(c, node, arr);
        if (es[i] === Infinity) ok = false;
        chilled += c.refrigeratedJob[node];
      } else {
        es[i] = arr;
      }
      cumDist[i] = cumDist[i - 1] + c.dist[prev * n + node];
    }
    this.chilled = chilled;
    this.distance = cumDist[last];
    if (chilled > 0 && !c.vRefrigerated[this.v]) {
      // The first chilled pickup rides longest: everything goes back to the depot.
      for (let i = 1; i <= len; i++) {
        if (c.refrigeratedJob[nodes[i]]) {
          if (es[last] - (es[i] + c.service[nodes[i]]) > c.maxRide + EPS) ok = false;
          break;
        }
      }
    }
    ls[last] = c.vEnd[this.v];
    if (es[last] > ls[last] + EPS) ok = false;
    for (let i = len; i >= 1; i--) {
      const node = nodes[i];
      ls[i] = latestStart(c, node, ls[i + 1] - c.service[node] - c.time[node * n + nodes[i + 1]]);
    }
    ls[0] = ls[1] - c.time[nodes[1]];
    if (len === 0) ls[0] = ls[1];
    for (let k = 0; k < dims; k++) {
      preD[k] = 0;
      preP[k] = 0;
      prePk[k] = 0;
      sufD[last * dims + k] = 0;
      sufP[last * dims + k] = 0;
      sufPk[last * dims + k] = 0;
    }
    for (let i = 1; i <= last; i++) {
      const node = nodes[i];
      for (let k = 0; k < dims; k++) {
        const d = c.delivery[node * dims + k];
        const p = c.pickup[node * dims + k];
        const a = (i - 1) * dims + k;
        const b = i * dims + k;
        preD[b] = preD[a] + d;
        preP[b] = preP[a] + p;
        prePk[b] = Math.max(prePk[a] + d, preP[a] + (d > p ? d : p));
      }
    }
    for (let i = len; i >= 0; i--) {
      const node = nodes[i];
      for (let k = 0; k < dims; k++) {
        const d = c.delivery[node * dims + k];
        const p = c.pickup[node * dims + k];
        const a = (i + 1) * dims + k;
        const b = i * dims + k;
        sufD[b] = sufD[a] + d;
        sufP[b] = sufP[a] + p;
        sufPk[b] = Math.max((d > p ? d : p) + sufD[a], p + sufPk[a]);
      }
    }
    for (let k = 0; k < dims; k++) {
      if (prePk[last * dims + k] > c.vCap[this.v * dims + k] + EPS) ok = false;
    }
    this.feasible = ok;
  }

  copyFrom(o: RouteState, dims: number): void {
    const len = o.len;
    const m = len + 2;
    this.len = len;
    this.nodes.set(o.nodes.subarray(0, m));
    this.es.set(o.es.subarray(0, m));
    this.ls.set(o.ls.subarray(0, m));
    this.cumDist.set(o.cumDist.subarray(0, m));
    const md = m * dims;
    this.preD.set(o.preD.subarray(0, md));
    this.preP.set(o.preP.subarray(0, md));
    this.prePk.set(o.prePk.subarray(0, md));
    this.sufD.set(o.sufD.subarray(0, md));
    this.sufP.set(o.sufP.subarray(0, md));
    this.sufPk.set(o.sufPk.subarray(0, md));
    this.distance = o.distance;
    this.chilled = o.chilled;
    this.feasible = o.feasible;
  }

  insertAt(c: Compiled, pos: number, node: number): void {
    // pos: the new node goes right after position `pos`.
    const nodes = this.nodes;
    for (let i = this.len + 1; i > pos; i--) nodes[i + 1] = nodes[i];
    nodes[pos + 1] = node;
    this.len++;
    this.update(c);
  }
}

/**
 * Whether the node sequence `seq[0..count)` driven by vehicle `v` keeps every
 * refrigerated pickup within the ride limit (from its departure to the return at the
 * depot). Only needed for non-refrigerated vehicles; O(count).
 */
export function chilledRidesOk(c: Compiled, v: number, seq: Int32Array, count: number): boolean {
  const n = c.n;
  let t = c.vStart[v];
  let prev = 0;
  let firstChilledDeparture = Infinity;
  for (let i = 0; i < count; i++) {
    const node = seq[i];
    t = earliestStart(c, node, t + c.service[prev] + c.time[prev * n + node]);
    if (t === Infinity) return false;
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
 */
export function bestInsertion(
  c: Compiled, r: RouteState, node: number, bound: number, blink: number, rnd: () => number,
  out: Float64Array, scratch: Int32Array,
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
  const checkChill = c.anyRefrigeratedJob && !c.vRefrigerated[v] && (r.chilled > 0 || c.refrigeratedJob[node] === 1);
  const fixed = len === 0 ? c.vFixed[v] + c.vehicleWeight : 0;
  let bestPos = -1;
  let best = bound;
  const rowN = node * n;
  for (let i = 0; i <= len; i++) {
    const prev = nodes[i];
    const next = nodes[i + 1];
    const delta = c.dist[prev * n + node] + c.dist[rowN + next] - c.dist[prev * n + next] + fixed;
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
