import { describe, expect, it } from 'vitest';
import { evaluateNodes } from './evaluate.ts';
import { compile } from './model.ts';
import { mulberry32 } from './prng.ts';
import { bestInsertion, RouteState } from './route-state.ts';
import type { Job, Problem } from './types.ts';

// The O(1) insertion check must agree with a full re-evaluation of the route.
describe('bestInsertion', () => {
  it('agrees with full evaluation on random routes with several windows, mixed loads, chilled pickups and cold deliveries', () => {
    const rnd = mulberry32(5);
    let agreed = 0;
    for (let trial = 0; trial < 400; trial++) {
      const nJobs = 8;
      const pts = Array.from({ length: nJobs + 1 }, () => [rnd() * 50, rnd() * 50]);
      const d = pts.map((a) => pts.map((b) => Math.hypot(a[0] - b[0], a[1] - b[1])));
      const jobs: Job[] = Array.from({ length: nJobs }, (_, i) => {
        const open = rnd() * 150;
        const windows = rnd() < (trial % 2 === 0 ? 0 : 0.4)
          ? [[open, open + 20] as const, [open + 60, open + 90] as const]
          : [[open, open + 10 + rnd() * 60] as const];
        return rnd() < 0.5
          ? { location: i + 1, delivery: [1 + Math.floor(rnd() * 5), 1], timeWindows: windows, service: 5, requiresRefrigeration: rnd() < 0.3 }
          : { location: i + 1, pickup: [1 + Math.floor(rnd() * 5), 1], timeWindows: windows, service: 5, requiresRefrigeration: rnd() < 0.4 };
      });
      const problem: Problem = {
        depot: { location: 0 }, jobs, distances: d, durations: d,
        vehicles: [{ capacity: [12, 4], shift: [0, 400] }],
        maxUnrefrigeratedRideMinutes: 90,
      };
      const c = compile(problem);
      const r = new RouteState(c, 0);
      const order = [1, 2, 3, 4, 5, 6, 7, 8].sort(() => rnd() - 0.5);
      // Build a feasible route greedily, then test every insertion of each outsider.
      const route: number[] = [];
      for (const node of order) {
        const cand = [...route, node];
        if (evaluateNodes(c, 0, cand).feasible) route.push(node);
      }
      r.len = route.length;
      route.forEach((x, i) => (r.nodes[i + 1] = x));
      r.update(c);
      expect(r.feasible).toBe(true);
      for (const node of order.filter((x) => !route.includes(x))) {
        const out = new Float64Array(1);
        const pos = bestInsertion(c, r, node, Infinity, 0, rnd, out, new Int32Array(12));
        let bestFull = Infinity;
        for (let i = 0; i <= route.length; i++) {
          const cand = [...route.slice(0, i), node, ...route.slice(i)];
          const ev = evaluateNodes(c, 0, cand);
          if (ev.feasible) bestFull = Math.min(bestFull, ev.distance - r.distance);
        }
        if (bestFull === Infinity) expect(pos).toBe(-1);
        else {
          expect(pos).toBeGreaterThanOrEqual(0);
          expect(out[0]).toBeCloseTo(bestFull, 9);
          agreed++;
        }
      }
    }
    expect(agreed).toBeGreaterThan(20);
  });

  it('insertAt leaves the same caches as a full update', () => {
    const rnd = mulberry32(3);
    for (let trial = 0; trial < 40; trial++) {
      const nJobs = 10;
      const pts = Array.from({ length: nJobs + 1 }, () => [rnd() * 50, rnd() * 50]);
      const d = pts.map((a) => pts.map((b) => Math.hypot(a[0] - b[0], a[1] - b[1])));
      const jobs: Job[] = Array.from({ length: nJobs }, (_, i) => ({
        location: i + 1,
        [rnd() < 0.5 ? 'delivery' : 'pickup']: [1 + Math.floor(rnd() * 5), 1],
        timeWindows: rnd() < 0.3 ? [[0, 50] as const, [100, 300] as const] : [[rnd() * 100, 200 + rnd() * 200] as const],
        service: 4,
        requiresRefrigeration: rnd() < 0.2,
      }));
      const c = compile({
        depot: { location: 0 }, jobs, distances: d, durations: d,
        vehicles: [{ capacity: [15, 5], shift: [0, 500] }],
      });
      const inc = new RouteState(c, 0);
      inc.update(c);
      const full = new RouteState(c, 0);
      for (let node = 1; node <= nJobs; node++) {
        const pos = Math.floor(rnd() * (inc.len + 1));
        inc.insertAt(c, pos, node);
        full.len = inc.len;
        full.nodes.set(inc.nodes);
        full.update(c);
        const m = inc.len + 2;
        for (const key of ['nodes', 'es', 'ls', 'cumDist', 'dur', 'rmax'] as const) {
          expect(Array.from(inc[key].subarray(0, m))).toEqual(Array.from(full[key].subarray(0, m)));
        }
        for (const key of ['preD', 'preP', 'prePk', 'sufD', 'sufP', 'sufPk'] as const) {
          expect(Array.from(inc[key].subarray(0, m * 2))).toEqual(Array.from(full[key].subarray(0, m * 2)));
        }
        expect([inc.distance, inc.chilled, inc.firstChilled, inc.multiWindow, inc.feasible])
          .toEqual([full.distance, full.chilled, full.firstChilled, full.multiWindow, full.feasible]);
      }
    }
  });
});
