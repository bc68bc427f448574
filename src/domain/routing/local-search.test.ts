import { describe, expect, it } from 'vitest';
import { evaluateNodes } from './evaluate.ts';
import { interRouteDescent } from './local-search.ts';
import { compile } from './model.ts';
import { mulberry32 } from './prng.ts';
import { RouteState } from './route-state.ts';
import type { Job, Problem } from './types.ts';

describe('interRouteDescent', () => {
  it('only makes moves that keep every route feasible, and reports the saving (vehicles included) exactly', () => {
    const rnd = mulberry32(9);
    for (let trial = 0; trial < 30; trial++) {
      const nJobs = 30;
      const pts = Array.from({ length: nJobs + 1 }, () => [rnd() * 60, rnd() * 60]);
      const d = pts.map((a) => pts.map((b) => Math.hypot(a[0] - b[0], a[1] - b[1])));
      const jobs: Job[] = Array.from({ length: nJobs }, (_, i) => {
        const open = rnd() * 200;
        const timeWindows = rnd() < 0.3 ? [[open, open + 30] as const, [open + 80, open + 120] as const] : [[open, open + 60] as const];
        const amount = [1 + Math.floor(rnd() * 4), 1];
        return rnd() < 0.5
          ? { location: i + 1, delivery: amount, timeWindows, service: 3, requiresRefrigeration: rnd() < 0.2 }
          : { location: i + 1, pickup: amount, timeWindows, service: 3, requiresRefrigeration: rnd() < 0.2 };
      });
      const problem: Problem = {
        depot: { location: 0 }, jobs, distances: d, durations: d,
        vehicles: Array.from({ length: 8 }, (_, v) => ({ capacity: [14, 5], shift: [0, 500] as const, refrigerated: v < 2 })),
        maxUnrefrigeratedRideMinutes: 90,
      };
      const c = compile(problem);
      const routes = Array.from({ length: c.nVehicles }, (_, v) => new RouteState(c, v));
      const routeOf = new Int32Array(c.n).fill(-1);
      const posOf = new Int32Array(c.n);
      const s = {
        routes, routeOf, posOf,
        index(r: RouteState) {
          for (let i = 1; i <= r.len; i++) {
            routeOf[r.nodes[i]] = r.v;
            posOf[r.nodes[i]] = i;
          }
        },
      };
      // A poor but feasible start: append each job to the first route that stays feasible.
      const seqs: number[][] = routes.map(() => []);
      for (let node = 1; node < c.n; node++) {
        const v = seqs.findIndex((seq, vv) => evaluateNodes(c, vv, [...seq, node]).feasible);
        if (v >= 0) seqs[v].push(node);
      }
      const compat = new Uint8Array(c.n * c.nVehicles);
      for (let node = 1; node < c.n; node++) {
        for (let v = 0; v < c.nVehicles; v++) compat[node * c.nVehicles + v] = evaluateNodes(c, v, [node]).feasible ? 1 : 0;
      }
      routes.forEach((r, v) => {
        r.len = seqs[v].length;
        seqs[v].forEach((x, i) => (r.nodes[i + 1] = x));
        r.update(c);
        s.index(r);
      });
      const cost = () => routes.reduce((a, r) => a + r.distance + (r.len > 0 ? c.vehicleWeight : 0), 0);
      const before = cost();
      const saved = interRouteDescent(c, s, buildNeighbours(c), 10, compat, new Int32Array(c.n + 2));
      const after = cost();
      expect(before - after).toBeCloseTo(saved, 6);
      const served = new Set<number>();
      for (const r of routes) {
        const nodes = Array.from(r.nodes.subarray(1, r.len + 1));
        expect(evaluateNodes(c, r.v, nodes).violations).toEqual([]);
        nodes.forEach((x) => served.add(x));
      }
      expect(served.size).toBe(seqs.flat().length);
    }
  });
});

function buildNeighbours(c: ReturnType<typeof compile>): Int32Array {
  const nb = new Int32Array(c.n * c.n);
  for (let a = 0; a < c.n; a++) {
    const order = Array.from({ length: c.n }, (_, i) => i).sort((x, y) => c.dist[a * c.n + x] - c.dist[a * c.n + y]);
    nb.set([a, ...order.filter((x) => x !== a)], a * c.n);
  }
  return nb;
}
