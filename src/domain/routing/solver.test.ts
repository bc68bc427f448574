import { describe, expect, it } from 'vitest';
import { evaluateRoute } from './evaluate.ts';
import { solve } from './solver.ts';
import type { Job, Problem, Solution, Vehicle } from './types.ts';

/** Euclidean matrices over points; travel time = distance. */
function matrices(points: readonly (readonly [number, number])[]): { distances: number[][]; durations: number[][] } {
  const d = points.map((a) => points.map((b) => Math.hypot(a[0] - b[0], a[1] - b[1])));
  return { distances: d, durations: d };
}

function expectValidPlan(problem: Problem, sol: Solution): void {
  const seen = new Set<number>();
  for (const r of sol.routes) {
    const ev = evaluateRoute(problem, r.vehicle, r.jobs);
    expect(ev.violations).toEqual([]);
    const cap = problem.vehicles[r.vehicle].capacity;
    for (const load of [r.startLoad, ...r.loads]) load.forEach((x, k) => expect(x).toBeLessThanOrEqual(cap[k] + 1e-9));
    for (const j of r.jobs) {
      expect(seen.has(j)).toBe(false);
      seen.add(j);
    }
  }
  for (const u of sol.unassigned) {
    expect(seen.has(u.job)).toBe(false);
    seen.add(u.job);
  }
  expect(seen.size).toBe(problem.jobs.length);
}

// The first 25 customers of Solomon C101 (x, y, demand, ready, due, service).
const C101_25 = `40 50 0 0 1236 0
45 68 10 912 967 90
45 70 30 825 870 90
42 66 10 65 146 90
42 68 10 727 782 90
42 65 10 15 67 90
40 69 20 621 702 90
40 66 20 170 225 90
38 68 20 255 324 90
38 70 10 534 605 90
35 66 10 357 410 90
35 69 10 448 505 90
25 85 20 652 721 90
22 75 30 30 92 90
22 85 10 567 620 90
20 80 40 384 429 90
20 85 40 475 528 90
18 75 20 99 148 90
15 75 20 179 254 90
15 80 10 278 345 90
30 50 10 10 73 90
30 52 20 914 965 90
28 52 20 812 883 90
28 55 10 732 777 90
25 50 10 65 144 90
25 52 40 169 224 90`;

function solomonLike(): Problem {
  const rows = C101_25.split('\n').map((l) => l.trim().split(/\s+/).map(Number));
  const { distances, durations } = matrices(rows.map((r) => [r[0], r[1]] as const));
  return {
    depot: { location: 0, timeWindow: [rows[0][3], rows[0][4]] },
    vehicles: Array.from({ length: 25 }, () => ({ capacity: [200], shift: [0, 1236] as const })),
    jobs: rows.slice(1).map((r, i) => ({ location: i + 1, delivery: [r[2]], timeWindows: [[r[3], r[4]] as const], service: r[5] })),
    distances, durations,
    objective: 'distance',
  };
}

describe('solve', () => {
  it('plans a Solomon-like instance feasibly and close to the optimum (191.8)', () => {
    const problem = solomonLike();
    const sol = solve(problem, { maxIterations: 3000, seed: 7 });
    expectValidPlan(problem, sol);
    expect(sol.unassigned).toEqual([]);
    expect(sol.totals.distance).toBeLessThan(191.82 * 1.01);
  });

  it('keeps the load within capacity at every stop when a route delivers and collects', () => {
    const points: [number, number][] = [[0, 0]];
    const jobs: Job[] = [];
    for (let i = 0; i < 16; i++) {
      const angle = (i / 16) * 2 * Math.PI;
      points.push([10 * Math.cos(angle), 10 * Math.sin(angle)]);
      jobs.push(i % 2 === 0
        ? { location: i + 1, delivery: [6, 1], service: 2 }
        : { location: i + 1, pickup: [7, 2], service: 2 });
    }
    const { distances, durations } = matrices(points);
    const vehicles: Vehicle[] = Array.from({ length: 6 }, () => ({ capacity: [20, 4], shift: [0, 200] as const }));
    const problem: Problem = { depot: { location: 0 }, vehicles, jobs, distances, durations };
    const sol = solve(problem, { maxIterations: 1500, seed: 3 });
    expectValidPlan(problem, sol);
    expect(sol.unassigned).toEqual([]);
    expect(sol.routes.some((r) => r.jobs.some((j) => jobs[j].delivery) && r.jobs.some((j) => jobs[j].pickup))).toBe(true);
  });

  it('returns a job heavier than every vehicle as too_heavy', () => {
    const { distances, durations } = matrices([[0, 0], [1, 0], [2, 0]]);
    const problem: Problem = {
      depot: { location: 0 },
      vehicles: [{ capacity: [100, 10], shift: [0, 100] }],
      jobs: [{ location: 1, pickup: [50, 2] }, { location: 2, pickup: [150, 1] }],
      distances, durations,
    };
    const sol = solve(problem, { maxIterations: 100 });
    expect(sol.unassigned).toEqual([{ job: 1, reason: 'too_heavy' }]);
    expect(sol.routes.map((r) => r.jobs)).toEqual([[0]]);
  });

  it('refuses a far chilled pickup without a refrigerated vehicle, but carries a near one', () => {
    const { distances, durations } = matrices([[0, 0], [10, 0], [80, 0]]);
    const problem: Problem = {
      depot: { location: 0 },
      vehicles: [{ capacity: [100], shift: [0, 1000] }],
      jobs: [
        { location: 1, pickup: [5], service: 5, requiresRefrigeration: true },
        { location: 2, pickup: [5], service: 5, requiresRefrigeration: true },
      ],
      distances, durations,
      maxUnrefrigeratedRideMinutes: 60,
    };
    const sol = solve(problem, { maxIterations: 200 });
    expect(sol.unassigned).toEqual([{ job: 1, reason: 'no_refrigerated_vehicle' }]);
    expectValidPlan(problem, sol);
    const cold = solve({ ...problem, vehicles: [{ capacity: [100], shift: [0, 1000], refrigerated: true }] }, { maxIterations: 200 });
    expect(cold.unassigned).toEqual([]);
  });

  it('does not let a chilled pickup ride long in an ordinary vehicle when other stops follow', () => {
    // Picking up the chilled job first and then the far job would take it on a long ride.
    const { distances, durations } = matrices([[0, 0], [5, 0], [40, 0]]);
    const problem: Problem = {
      depot: { location: 0 },
      vehicles: [{ capacity: [100], shift: [0, 1000] }, { capacity: [100], shift: [0, 1000] }],
      jobs: [
        { location: 1, pickup: [5], requiresRefrigeration: true, timeWindows: [[0, 10]] },
        { location: 2, pickup: [5], timeWindows: [[50, 60]] },
      ],
      distances, durations,
    };
    const sol = solve(problem, { maxIterations: 300, seed: 2 });
    expectValidPlan(problem, sol);
    expect(sol.unassigned).toEqual([]);
    expect(sol.routes).toHaveLength(2);
  });

  it('refuses a far delivery of chilled bags without a refrigerated vehicle, but carries a near one', () => {
    const { distances, durations } = matrices([[0, 0], [30, 0], [80, 0]]);
    const problem: Problem = {
      depot: { location: 0 },
      vehicles: [{ capacity: [100], shift: [0, 1000] }],
      jobs: [
        { location: 1, delivery: [5], service: 5, requiresRefrigeration: true },
        { location: 2, delivery: [5], service: 5, requiresRefrigeration: true },
      ],
      distances, durations,
      maxUnrefrigeratedRideMinutes: 60,
    };
    const sol = solve(problem, { maxIterations: 200 });
    expect(sol.unassigned).toEqual([{ job: 1, reason: 'no_refrigerated_vehicle' }]);
    expectValidPlan(problem, sol);
    // The same far delivery of ambient bags rides in the ordinary van.
    const ambient = solve({ ...problem, jobs: problem.jobs.map((j) => ({ ...j, requiresRefrigeration: false })) }, { maxIterations: 200 });
    expect(ambient.unassigned).toEqual([]);
  });

  it('does not let chilled bags ride long in an ordinary vehicle behind other stops', () => {
    // Two stops 35 min apart: the chilled one must come first (35 min on board), not second (70).
    const { distances, durations } = matrices([[0, 0], [35, 0], [0, 35]]);
    const problem: Problem = {
      depot: { location: 0 },
      vehicles: [{ capacity: [100], shift: [0, 1000] }],
      jobs: [
        { location: 1, delivery: [5], requiresRefrigeration: true },
        { location: 2, delivery: [5], timeWindows: [[0, 40]] },
      ],
      distances, durations,
    };
    const sol = solve(problem, { maxIterations: 300 });
    expectValidPlan(problem, sol);
    for (const r of sol.routes) {
      const i = r.jobs.indexOf(0);
      if (i >= 0) expect(r.starts[i] - r.departDepot).toBeLessThanOrEqual(60);
    }
    expect(evaluateRoute(problem, 0, [1, 0]).violations).toContain('refrigeration');
  });

  it('puts a far delivery of frozen bags in the refrigerated vehicle of a mixed fleet', () => {
    const { distances, durations } = matrices([[0, 0], [80, 0], [0, 10]]);
    const problem: Problem = {
      depot: { location: 0 },
      vehicles: [{ capacity: [100, 10], shift: [0, 1000] }, { capacity: [100, 10], shift: [0, 1000], refrigerated: true }],
      jobs: [{ location: 1, delivery: [5, 1], requiresRefrigeration: true }, { location: 2, delivery: [5, 1] }],
      distances, durations,
    };
    const sol = solve(problem, { maxIterations: 300, seed: 4 });
    expectValidPlan(problem, sol);
    expect(sol.unassigned).toEqual([]);
    expect(sol.routes.find((r) => r.jobs.includes(0))?.vehicle).toBe(1);
  });

  it('puts a far chilled pickup in the refrigerated vehicle of a mixed fleet', () => {
    const { distances, durations } = matrices([[0, 0], [80, 0], [0, 10], [0, -10]]);
    const problem: Problem = {
      depot: { location: 0 },
      vehicles: [
        { capacity: [100, 10], shift: [0, 1000] },
        { capacity: [100, 10], shift: [0, 1000], refrigerated: true },
      ],
      jobs: [
        { location: 1, pickup: [5, 1], requiresRefrigeration: true },
        { location: 2, delivery: [5, 1] },
        { location: 3, pickup: [5, 1], requiresRefrigeration: true },
      ],
      distances, durations,
    };
    const sol = solve(problem, { maxIterations: 300, seed: 4 });
    expectValidPlan(problem, sol);
    expect(sol.unassigned).toEqual([]);
    expect(sol.routes.find((r) => r.jobs.includes(0))?.vehicle).toBe(1);
  });

  it('returns what the fleet cannot carry as fleet_exhausted, serving as many jobs as it can', () => {
    const { distances, durations } = matrices([[0, 0], [1, 0], [2, 0], [3, 0], [4, 0]]);
    const problem: Problem = {
      depot: { location: 0 },
      vehicles: [{ capacity: [10], shift: [0, 100] }],
      jobs: [{ location: 1, delivery: [7] }, { location: 2, delivery: [3] }, { location: 3, delivery: [4] }, { location: 4, delivery: [3] }],
      distances, durations,
    };
    const sol = solve(problem, { maxIterations: 300, seed: 5 });
    expectValidPlan(problem, sol);
    expect(sol.routes[0].jobs).toHaveLength(3);
    expect(sol.unassigned).toEqual([{ job: 0, reason: 'fleet_exhausted' }]);
  });

  it('reports a window that closes before any shift starts as no_vehicle_reaches_window', () => {
    const { distances, durations } = matrices([[0, 0], [3, 4]]);
    const problem: Problem = {
      depot: { location: 0 },
      vehicles: [{ capacity: [10], shift: [480, 960] }],
      jobs: [{ location: 1, delivery: [1], timeWindows: [[0, 300]] }, { location: 1, delivery: [1], timeWindows: [[0, 300], [600, 700]] }],
      distances, durations,
    };
    const sol = solve(problem, { maxIterations: 100 });
    expect(sol.unassigned).toEqual([{ job: 0, reason: 'no_vehicle_reaches_window' }]);
    expect(sol.routes[0].starts[0]).toBe(600);
  });

  it('leaves the depot late enough not to wait for the first window', () => {
    const { distances, durations } = matrices([[0, 0], [30, 40], [30, 50]]);
    const problem: Problem = {
      depot: { location: 0 },
      vehicles: [{ capacity: [10], shift: [0, 500] }],
      jobs: [{ location: 1, delivery: [1], service: 10, timeWindows: [[200, 210]] }, { location: 2, pickup: [1], timeWindows: [[215, 400]] }],
      distances, durations,
    };
    const [route] = solve(problem, { maxIterations: 50 }).routes;
    expect(route.departDepot).toBeCloseTo(150, 9);
    expect(route.arrivals).toEqual(route.starts);
    expect(route.returnDepot).toBeCloseTo(220 + Math.hypot(30, 50), 9);
  });

  it('reports a stop the shift cannot fit as shift_too_short', () => {
    const { distances, durations } = matrices([[0, 0], [30, 40]]);
    const problem: Problem = {
      depot: { location: 0 },
      vehicles: [{ capacity: [10], shift: [0, 90] }],
      jobs: [{ location: 1, delivery: [1], service: 5 }],
      distances, durations,
    };
    expect(solve(problem, { maxIterations: 10 }).unassigned).toEqual([{ job: 0, reason: 'shift_too_short' }]);
  });

  it('prefers fewer vehicles over less distance by default, and distance when asked', () => {
    // Two clusters on opposite sides: two vehicles drive less, one vehicle can do it all.
    const points: [number, number][] = [[0, 0], [10, 0], [11, 0], [-10, 0], [-11, 0]];
    const { distances, durations } = matrices(points);
    const base: Problem = {
      depot: { location: 0 },
      vehicles: [{ capacity: [10], shift: [0, 1000], fixedCost: 0 }, { capacity: [10], shift: [0, 1000] }],
      jobs: [1, 2, 3, 4].map((location) => ({ location, delivery: [1], timeWindows: [[0, 1000]] as const })),
      distances, durations,
    };
    const hier = solve(base, { maxIterations: 500 });
    expect(hier.totals.vehicles).toBe(1);
    // One vehicle can still do it all, but only zig-zagging: 62 against 42 with two.
    const timed: Problem = {
      ...base,
      jobs: [
        { location: 1, delivery: [1], timeWindows: [[10, 12]] },
        { location: 3, delivery: [1], timeWindows: [[30, 32]] },
        { location: 2, delivery: [1], timeWindows: [[52, 60]] },
      ],
    };
    const fewest = solve(timed, { maxIterations: 500 });
    const shortest = solve({ ...timed, objective: 'distance' }, { maxIterations: 500 });
    expectValidPlan(timed, fewest);
    expectValidPlan(timed, shortest);
    expect(fewest.totals.vehicles).toBe(1);
    expect(shortest.totals.vehicles).toBe(2);
    expect(shortest.totals.distance).toBeLessThan(fewest.totals.distance);
  });

  it('gives the same plan for the same seed and iteration limit', () => {
    const problem = solomonLike();
    const a = solve(problem, { maxIterations: 800, seed: 11 });
    const b = solve(problem, { maxIterations: 800, seed: 11 });
    expect(b).toEqual(a);
  });

  it('returns an empty plan for no jobs', () => {
    const { distances, durations } = matrices([[0, 0]]);
    const sol = solve({ depot: { location: 0 }, vehicles: [{ capacity: [5], shift: [0, 10] }], jobs: [], distances, durations }, { maxIterations: 10 });
    expect(sol.routes).toEqual([]);
    expect(sol.unassigned).toEqual([]);
    expect(sol.totals.distance).toBe(0);
  });

  it('returns every job as no_vehicles when there is no vehicle', () => {
    const { distances, durations } = matrices([[0, 0], [1, 1], [2, 2]]);
    const sol = solve({
      depot: { location: 0 }, vehicles: [],
      jobs: [{ location: 1, delivery: [1] }, { location: 2, pickup: [1] }],
      distances, durations,
    }, { maxIterations: 10 });
    expect(sol.routes).toEqual([]);
    expect(sol.unassigned).toEqual([{ job: 0, reason: 'no_vehicles' }, { job: 1, reason: 'no_vehicles' }]);
  });

  it('stops at the time limit of the injected clock', () => {
    let t = 0;
    const sol = solve(solomonLike(), { timeLimitMs: 50, now: () => (t += 1) });
    expect(sol.totals.iterations).toBeLessThan(60);
    expect(() => solve(solomonLike(), { timeLimitMs: 50 })).toThrow(/clock/);
  });

  it('accepts flat matrices', () => {
    const problem = solomonLike();
    const rows = problem.distances as number[][];
    const flat = Float64Array.from(rows.flat());
    const sol = solve({ ...problem, distances: flat, durations: flat }, { maxIterations: 300, seed: 1 });
    expectValidPlan(problem, sol);
  });
});
