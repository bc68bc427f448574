import { earliestStart, EPS, type Compiled } from './model.ts';
import { chilledRidesOk, type RouteState } from './route-state.ts';

/** The parts of a solution the local search reads and updates. */
export interface Routing {
  routes: RouteState[];
  routeOf: Int32Array;
  posOf: Int32Array;
  index(r: RouteState): void;
}

/**
 * Whether `node` fits right after position `i` of `r` with the rest unchanged, or, when
 * `replace` is set, in place of the stop at position i + 1. O(dims) thanks to the caches.
 */
function fitsAt(c: Compiled, r: RouteState, i: number, node: number, replace: boolean): boolean {
  const n = c.n;
  const dims = c.dims;
  const prev = r.nodes[i];
  const nextPos = replace ? i + 2 : i + 1;
  const next = r.nodes[nextPos];
  const start = earliestStart(c, node, r.es[i] + c.service[prev] + c.time[prev * n + node]);
  if (start === Infinity) return false;
  if (start + c.service[node] + c.time[node * n + next] > r.ls[nextPos] + EPS) return false;
  for (let k = 0; k < dims; k++) {
    const d = c.delivery[node * dims + k];
    const p = c.pickup[node * dims + k];
    const a = i * dims + k;
    const b = nextPos * dims + k;
    const pk1 = Math.max(r.prePk[a] + d, r.preP[a] + (d > p ? d : p));
    if (Math.max(pk1 + r.sufD[b], r.preP[a] + p + r.sufPk[b]) > c.vCap[r.v * dims + k] + EPS) return false;
  }
  return true;
}

/** Route `a` up to position i, then route `b` from position j (a's vehicle). */
function joinFits(c: Compiled, a: RouteState, i: number, b: RouteState, j: number): boolean {
  const dims = c.dims;
  const u = a.nodes[i];
  const w = b.nodes[j];
  if (a.es[i] + c.service[u] + c.time[u * c.n + w] > b.ls[j] + EPS) return false;
  for (let k = 0; k < dims; k++) {
    const x = i * dims + k;
    const y = j * dims + k;
    if (Math.max(a.prePk[x] + b.sufD[y], a.preP[x] + b.sufPk[y]) > c.vCap[a.v * dims + k] + EPS) return false;
  }
  return true;
}

function needsChill(c: Compiled, r: RouteState): boolean {
  return c.anyRefrigeratedJob && !c.vRefrigerated[r.v];
}

/**
 * Inter-route descent with granular neighbourhoods (the k nearest customers): relocate
 * a customer next to a neighbour, swap two customers, and 2-opt* (exchange route
 * tails so a customer is followed by its neighbour). First improvement; every check is
 * O(1) except the refrigerated-ride check, which only non-refrigerated vehicles carrying
 * chilled pickups need. Returns the total saving.
 */
export function interRouteDescent(
  c: Compiled, s: Routing, neighbours: Int32Array, k: number, compat: Uint8Array, scratch: Int32Array,
): number {
  const n = c.n;
  const V = c.nVehicles;
  const dist = c.dist;
  let saved = 0;
  let improved = true;
  let rounds = 0;
  while (improved && rounds++ < 50) {
    improved = false;
    for (let u = 1; u < n; u++) {
      const ruIdx = s.routeOf[u];
      if (ruIdx < 0) continue;
      for (let q = 1; q <= k && q < n; q++) {
        const v = neighbours[u * n + q];
        if (v === 0) continue;
        const rvIdx = s.routeOf[v];
        if (rvIdx < 0 || rvIdx === ruIdx) continue;
        const ru = s.routes[ruIdx];
        const rv = s.routes[rvIdx];
        const i = s.posOf[u];
        const j = s.posOf[v];
        const pu = ru.nodes[i - 1];
        const nu = ru.nodes[i + 1];
        const pv = rv.nodes[j - 1];
        const nv = rv.nodes[j + 1];
        const emptyGain = ru.len === 1 ? c.vFixed[ru.v] + c.vehicleWeight : 0;
        const removeGain = dist[pu * n + u] + dist[u * n + nu] - dist[pu * n + nu] + emptyGain;
        const removalOk = ru.es[i - 1] + c.service[pu] + c.time[pu * n + nu] <= ru.ls[i + 1] + EPS;
        // Relocate u after v, or before v.
        if (compat[u * V + rv.v] && removalOk) {
          for (let side = 0; side < 2; side++) {
            const at = side === 0 ? j : j - 1;
            const a = rv.nodes[at];
            const b = rv.nodes[at + 1];
            const delta = dist[a * n + u] + dist[u * n + b] - dist[a * n + b] - removeGain;
            if (delta < -1e-9 && fitsAt(c, rv, at, u, false) && chillOkRelocate(c, ru, i, rv, at, u, scratch)) {
              move(c, s, ru, rv, () => {
                removeAt(ru, i);
                insertAfter(rv, at, u);
              });
              saved -= delta;
              improved = true;
              break;
            }
          }
          if (improved) break;
        }
        // Swap u and v.
        if (compat[u * V + rv.v] && compat[v * V + ru.v]) {
          const delta = dist[pu * n + v] + dist[v * n + nu] - dist[pu * n + u] - dist[u * n + nu]
            + dist[pv * n + u] + dist[u * n + nv] - dist[pv * n + v] - dist[v * n + nv];
          if (delta < -1e-9 && fitsAt(c, ru, i - 1, v, true) && fitsAt(c, rv, j - 1, u, true)
            && chillOkSwap(c, ru, i, v, scratch) && chillOkSwap(c, rv, j, u, scratch)) {
            move(c, s, ru, rv, () => {
              ru.nodes[i] = v;
              rv.nodes[j] = u;
            });
            saved -= delta;
            improved = true;
            break;
          }
        }
        // 2-opt*: ru[..u] + rv[v..] and rv[..pv] + ru[nu..].
        if (c.vEnd[ru.v] === c.vEnd[rv.v]) {
          const lenA = i + (rv.len - j + 1);
          const lenB = j - 1 + (ru.len - i);
          const gainEmpty = lenB === 0 ? c.vFixed[rv.v] + c.vehicleWeight : 0;
          const delta = dist[u * n + v] + dist[pv * n + nu] - dist[u * n + nu] - dist[pv * n + v] - gainEmpty;
          if (delta < -1e-9 && joinFits(c, ru, i, rv, j) && joinFits(c, rv, j - 1, ru, i + 1)
            && tailsCompatible(c, compat, ru, i + 1, rv.v) && tailsCompatible(c, compat, rv, j, ru.v)
            && chillOkTails(c, ru, i, rv, j, scratch) && chillOkTails(c, rv, j - 1, ru, i + 1, scratch)) {
            move(c, s, ru, rv, () => {
              const tailA = Array.from(ru.nodes.subarray(i + 1, ru.len + 1));
              const tailB = Array.from(rv.nodes.subarray(j, rv.len + 1));
              ru.nodes.set(tailB, i + 1);
              ru.len = lenA;
              rv.nodes.set(tailA, j);
              rv.len = lenB;
            });
            saved -= delta;
            improved = true;
            break;
          }
        }
      }
    }
  }
  return saved;
}

function move(c: Compiled, s: Routing, a: RouteState, b: RouteState, edit: () => void): void {
  edit();
  a.update(c);
  b.update(c);
  s.index(a);
  s.index(b);
}

function removeAt(r: RouteState, i: number): void {
  for (let q = i; q <= r.len; q++) r.nodes[q] = r.nodes[q + 1];
  r.len--;
}

function insertAfter(r: RouteState, at: number, node: number): void {
  for (let q = r.len + 1; q > at; q--) r.nodes[q + 1] = r.nodes[q];
  r.nodes[at + 1] = node;
  r.len++;
}

function tailsCompatible(c: Compiled, compat: Uint8Array, from: RouteState, pos: number, v: number): boolean {
  if (c.vType[from.v] === c.vType[v]) return true;
  for (let q = pos; q <= from.len; q++) if (!compat[from.nodes[q] * c.nVehicles + v]) return false;
  return true;
}

function chillOkRelocate(c: Compiled, ru: RouteState, i: number, rv: RouteState, at: number, u: number, scratch: Int32Array): boolean {
  if (!c.anyRefrigeratedJob) return true;
  if (needsChill(c, ru) && ru.chilled > 0) {
    let m = 0;
    for (let q = 1; q <= ru.len; q++) if (q !== i) scratch[m++] = ru.nodes[q];
    if (!chilledRidesOk(c, ru.v, scratch, m)) return false;
  }
  if (needsChill(c, rv) && (rv.chilled > 0 || c.coldJob[u])) {
    let m = 0;
    for (let q = 1; q <= at; q++) scratch[m++] = rv.nodes[q];
    scratch[m++] = u;
    for (let q = at + 1; q <= rv.len; q++) scratch[m++] = rv.nodes[q];
    if (!chilledRidesOk(c, rv.v, scratch, m)) return false;
  }
  return true;
}

function chillOkSwap(c: Compiled, r: RouteState, i: number, node: number, scratch: Int32Array): boolean {
  if (!needsChill(c, r) || (r.chilled === 0 && !c.coldJob[node])) return true;
  for (let q = 1; q <= r.len; q++) scratch[q - 1] = q === i ? node : r.nodes[q];
  return chilledRidesOk(c, r.v, scratch, r.len);
}

function chillOkTails(c: Compiled, a: RouteState, i: number, b: RouteState, j: number, scratch: Int32Array): boolean {
  if (!needsChill(c, a)) return true;
  let m = 0;
  for (let q = 1; q <= i; q++) scratch[m++] = a.nodes[q];
  for (let q = j; q <= b.len; q++) scratch[m++] = b.nodes[q];
  return chilledRidesOk(c, a.v, scratch, m);
}
