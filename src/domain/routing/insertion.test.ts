import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateRoute } from './evaluate.ts';
import { cheapestInsertion, insertionPositions, removeJob, type CurrentRoute } from './insertion.ts';
import { solve } from './solver.ts';
import type { Job, Problem, RouteEvaluation, RouteProgress, Vehicle } from './types.ts';

/** Stops on a line east of the depot at these distances; travel time = distance (minutes). */
function onALine(xs: readonly number[], jobs: readonly Job[], vehicles: readonly Vehicle[] = [{ capacity: [100, 10], shift: [0, 600] }]): Problem {
  const points = [0, ...xs];
  const d = points.map((a) => points.map((b) => Math.abs(a - b)));
  return { depot: { location: 0 }, jobs, distances: d, durations: d, vehicles, maxUnrefrigeratedRideMinutes: 60 };
}

const pickup = (location: number, kg: number, extra: Partial<Job> = {}): Job => ({ location, pickup: [kg, 0], ...extra });

describe('inserting a new pickup into routes under way', () => {
  it('puts it where it adds the least distance: between the stops it lies between', () => {
    const problem = onALine([10, 30, 20], [pickup(1, 10), pickup(2, 10), pickup(3, 10)]);
    const answer = cheapestInsertion(problem, [{ vehicle: 0, jobs: [0, 1] }], 2, 0);
    expect(answer).toMatchObject({ ok: true, route: 0, position: 1, jobs: [0, 2, 1], addedDistance: 0 });
  });

  it('never goes before a served stop, and the van goes on from the last served stop no earlier than now', () => {
    // Job 2 lies between the depot and job 0, but job 0 is done (recorded at 60): the van is at 10 at minute 120.
    const problem = onALine([10, 30, 5], [pickup(1, 10), pickup(2, 10), pickup(3, 10)]);
    const answer = cheapestInsertion(problem, [{ vehicle: 0, jobs: [0, 1], served: 1, servedAt: [60] }], 2, 120);
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    // On the way back from 30 it costs nothing extra.
    expect(answer.jobs).toEqual([0, 1, 2]);
    // The served stop keeps its recorded time; the next leg leaves from it at now (120), not at 60.
    expect(answer.evaluation.departures[0]).toBe(60);
    expect(answer.evaluation.arrivals[1]).toBe(120 + 20);
    expect(insertionPositions(problem, [{ vehicle: 0, jobs: [0, 1], served: 1 }], 2, 120).map((p) => p.position)).toEqual([1, 2]);
  });

  it('refuses a pickup whose window has passed: time_window', () => {
    const problem = onALine([10, 20], [pickup(1, 10), pickup(2, 10, { timeWindows: [[0, 100]] })]);
    const answer = cheapestInsertion(problem, [{ vehicle: 0, jobs: [0], served: 1, servedAt: [30] }], 1, 200);
    expect(answer).toMatchObject({ ok: false, reason: 'time_window', routes: [{ route: 0, reason: 'time_window' }] });
  });

  it('refuses what the van cannot carry, in kilos or in bags, counting what is on board: capacity', () => {
    const problem = onALine([10, 20], [pickup(1, 80), pickup(2, 30)]);
    expect(cheapestInsertion(problem, [{ vehicle: 0, jobs: [0], served: 1 }], 1, 0)).toMatchObject({ ok: false, reason: 'capacity' });
    const bags = onALine([10, 20], [{ location: 1, pickup: [10, 8] }, { location: 2, pickup: [10, 3] }]);
    expect(cheapestInsertion(bags, [{ vehicle: 0, jobs: [0], served: 1 }], 1, 0)).toMatchObject({ ok: false, reason: 'capacity' });
    // A delivery dropped before the new stop frees room: then it fits after the drop.
    const drop = onALine([10, 20], [{ location: 1, delivery: [50, 0] }, pickup(2, 60)], [{ capacity: [100, 10], shift: [0, 600] }]);
    expect(cheapestInsertion(drop, [{ vehicle: 0, jobs: [0] }], 1, 0)).toMatchObject({ ok: true, jobs: [0, 1] });
  });

  it('gives a chilled pickup to the refrigerated van when the other would ride it too long, even if it is further', () => {
    const vehicles: Vehicle[] = [{ capacity: [100, 10], shift: [0, 600] }, { capacity: [100, 10], shift: [0, 600], refrigerated: true }];
    // The plain van is at 40 with a stop at 70 to go; a chilled pickup at 65 would ride 65→70→0 (75 minutes) or 65→0 (65).
    const problem = onALine([40, 70, 65, 10], [pickup(1, 10), pickup(2, 10), pickup(3, 10, { requiresRefrigeration: true }), pickup(4, 10)], vehicles);
    const routes: CurrentRoute[] = [{ vehicle: 0, jobs: [0, 1], served: 1 }, { vehicle: 1, jobs: [3] }];
    const answer = cheapestInsertion(problem, routes, 2, 0);
    expect(answer).toMatchObject({ ok: true, route: 1, vehicle: 1 });
    // With only the plain van, the answer says why: the cold ride.
    expect(cheapestInsertion(problem, routes.slice(0, 1), 2, 0)).toMatchObject({ ok: false, reason: 'refrigeration' });
  });

  it('counts the ride of chilled food already picked up on a served stop', () => {
    // Chilled food on board since 10:00 (minute 600) at 30 km out; a new stop at 50 makes the way back 50 + 50 = too long.
    const problem = onALine([30, 50], [pickup(1, 10, { requiresRefrigeration: true }), pickup(2, 10)], [{ capacity: [100, 10], shift: [0, 1440] }]);
    expect(cheapestInsertion(problem, [{ vehicle: 0, jobs: [0], served: 1, servedAt: [600] }], 1, 600)).toMatchObject({ ok: false, reason: 'refrigeration' });
    expect(evaluateRoute(problem, 0, [0], { served: 1, servedAt: [600], now: 600 }).feasible).toBe(true);
  });

  it('puts a delivery only into a route whose van is still at the depot: left_depot', () => {
    const problem = onALine([10, 20], [{ location: 1, delivery: [5, 1] }, { location: 2, delivery: [5, 1] }]);
    expect(cheapestInsertion(problem, [{ vehicle: 0, jobs: [0], departedAt: 0 }], 1, 5)).toMatchObject({ ok: false, reason: 'left_depot' });
    expect(cheapestInsertion(problem, [{ vehicle: 0, jobs: [0] }], 1, 5)).toMatchObject({ ok: true, route: 0 });
  });

  it('says so when the route already breaks a rule without the new job (the driver is behind the plan): route_infeasible', () => {
    const problem = onALine([10, 20], [pickup(1, 10, { timeWindows: [[0, 60]] }), pickup(2, 10)]);
    expect(cheapestInsertion(problem, [{ vehicle: 0, jobs: [0], departedAt: 0 }], 1, 120)).toMatchObject({ ok: false, reason: 'route_infeasible' });
  });

  it('answers no_route when there is no route to put it in', () => {
    expect(cheapestInsertion(onALine([10], [pickup(1, 10)]), [], 0, 0)).toEqual({ ok: false, reason: 'no_route', routes: [] });
  });

  it('ends the day by the shift end: shift_end', () => {
    const problem = onALine([10, 200], [pickup(1, 10), pickup(2, 10)], [{ capacity: [100, 10], shift: [0, 300] }]);
    expect(cheapestInsertion(problem, [{ vehicle: 0, jobs: [0] }], 1, 0)).toMatchObject({ ok: false, reason: 'shift_end' });
  });
});

describe('taking a skipped pickup out of a route under way', () => {
  it('drops it and brings the later stops forward from where the driver is', () => {
    const problem = onALine([10, 40, 20], [pickup(1, 10), pickup(2, 10), pickup(3, 10)]);
    const before = evaluateRoute(problem, 0, [0, 1, 2], { served: 1, servedAt: [60], now: 60 });
    const { jobs, evaluation } = removeJob(problem, { vehicle: 0, jobs: [0, 1, 2], served: 1, servedAt: [60] }, 1, 60);
    expect(jobs).toEqual([0, 2]);
    expect(evaluation.feasible).toBe(true);
    expect(evaluation.departures[0]).toBe(60);
    expect(evaluation.arrivals[1]).toBe(70);
    expect(evaluation.arrivals[1]).toBeLessThan(before.arrivals[2]);
    expect(evaluation.distance).toBeLessThan(before.distance);
  });

  it('refuses to take out a stop that is already served', () => {
    const problem = onALine([10, 40], [pickup(1, 10), pickup(2, 10)]);
    expect(() => removeJob(problem, { vehicle: 0, jobs: [0, 1], served: 1 }, 0, 60)).toThrow(RangeError);
  });
});

describe('the evaluator with the day under way', () => {
  it('is the plain evaluator before the day starts', () => {
    const problem = onALine([10, 40], [pickup(1, 10, { timeWindows: [[100, 200]] }), pickup(2, 10, { requiresRefrigeration: true })]);
    expect(evaluateRoute(problem, 0, [0, 1], { served: 0, now: -10 })).toEqual(evaluateRoute(problem, 0, [0, 1]));
  });

  it('judges no window or load of a served stop again, only what is still to come', () => {
    // The van left with 150 kg for a 100 kg van and came late to the first stop: that is history now.
    const problem = onALine([10, 40], [{ location: 1, delivery: [150, 0], timeWindows: [[0, 5]] }, pickup(2, 50)]);
    expect(evaluateRoute(problem, 0, [0, 1]).violations.sort()).toEqual(['capacity', 'time_window']);
    expect(evaluateRoute(problem, 0, [0, 1], { served: 1, servedAt: [50], now: 60 }).violations).toEqual([]);
  });
});

// ---- Random agreement with the solver's evaluator, on routes the full solver planned ----

interface Case {
  problem: Problem;
  routes: CurrentRoute[];
  job: number;
  now: number;
}

const point = fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 }));
const jobArb = fc.record({
  at: point,
  kind: fc.constantFrom('pickup', 'pickup', 'delivery'),
  kg: fc.integer({ min: 1, max: 60 }),
  bags: fc.integer({ min: 0, max: 4 }),
  cold: fc.boolean(),
  open: fc.integer({ min: 0, max: 300 }),
  width: fc.integer({ min: 10, max: 400 }),
  service: fc.integer({ min: 0, max: 15 }),
});
const vehicleArb = fc.record({
  kg: fc.integer({ min: 60, max: 200 }),
  bags: fc.integer({ min: 4, max: 12 }),
  refrigerated: fc.boolean(),
  end: fc.integer({ min: 250, max: 600 }),
});

const caseArb: fc.Arbitrary<Case> = fc.record({
  jobs: fc.array(jobArb, { minLength: 2, maxLength: 9 }),
  vehicles: fc.array(vehicleArb, { minLength: 1, maxLength: 3 }),
  ride: fc.integer({ min: 20, max: 80 }),
  // Minutes after the last recorded stop (or the shift start) when the new job comes in.
  wait: fc.integer({ min: -20, max: 90 }),
  progress: fc.array(fc.record({ tenths: fc.integer({ min: 0, max: 10 }), late: fc.integer({ min: 0, max: 20 }), left: fc.boolean() }), { minLength: 3, maxLength: 3 }),
  newIsPickup: fc.integer({ min: 0, max: 4 }).map((x) => x > 0),
  seed: fc.integer({ min: 1, max: 1000 }),
}).map(({ jobs: drawn, vehicles, ride, wait, progress, newIsPickup, seed }) => {
  // The job that comes in during the day is mostly a pickup (an offer), sometimes a delivery.
  const jobs = drawn.map((j, i) => (i === drawn.length - 1 && newIsPickup ? { ...j, kind: 'pickup' } : j));
  const points: [number, number][] = [[20, 20], ...jobs.map((j) => j.at)];
  const d = points.map((a) => points.map((b) => Math.hypot(a[0] - b[0], a[1] - b[1])));
  const problem: Problem = {
    depot: { location: 0 },
    jobs: jobs.map((j, i) => ({
      location: i + 1,
      timeWindows: [[j.open, j.open + j.width]],
      service: j.service,
      ...(j.kind === 'pickup' ? { pickup: [j.kg, j.bags] } : { delivery: [j.kg, j.bags] }),
      requiresRefrigeration: j.cold,
    })),
    vehicles: vehicles.map((v) => ({ capacity: [v.kg, v.bags], shift: [0, v.end], refrigerated: v.refrigerated })),
    distances: d,
    durations: d,
    maxUnrefrigeratedRideMinutes: ride,
  };
  // The full solver plans every job but the last; the last is the one that comes in during the day.
  const job = jobs.length - 1;
  const planned = solve({ ...problem, jobs: problem.jobs.slice(0, job) }, { maxIterations: 150, seed });
  const routes = planned.routes.map((r, i): CurrentRoute => {
    const p = progress[i % progress.length];
    const served = Math.min(r.jobs.length, Math.floor((p.tenths / 10) * (r.jobs.length + 1)));
    return {
      vehicle: r.vehicle, jobs: r.jobs, served,
      // The driver recorded each served stop a little after the plan said.
      servedAt: r.departures.slice(0, served).map((t) => t + p.late),
      departedAt: served > 0 || p.left ? r.departDepot : undefined,
    };
  });
  const recorded = routes.flatMap((r) => r.servedAt ?? []);
  return { problem, routes, job, now: (recorded.length > 0 ? Math.max(...recorded) : 0) + wait };
});

const progressOf = (r: CurrentRoute, now: number): RouteProgress => ({ served: r.served ?? 0, now, servedAt: r.servedAt, departedAt: r.departedAt });

/** An independent reading of a schedule: every rule checked from the evaluation's own numbers. */
function checkSchedule(problem: Problem, route: CurrentRoute, jobs: number[], ev: RouteEvaluation, now: number): string[] {
  const errors: string[] = [];
  const veh = problem.vehicles[route.vehicle];
  const served = route.served ?? 0;
  const t = (a: number, b: number) => (problem.durations as number[][])[a][b];
  const limit = problem.maxUnrefrigeratedRideMinutes ?? 60;
  const eps = 1e-6;
  const load = [0, 0];
  for (const j of jobs) problem.jobs[j].delivery?.forEach((x, k) => (load[k] += x));
  let prevLoc = 0;
  let prevDep = ev.departDepot;
  if (served === 0 && route.departedAt === undefined && ev.departDepot < Math.max(now, veh.shift[0]) - eps) errors.push('left the depot before now');
  jobs.forEach((j, i) => {
    const job = problem.jobs[j];
    job.pickup?.forEach((x, k) => (load[k] += x));
    job.delivery?.forEach((x, k) => (load[k] -= x));
    if (i >= served) {
      const leave = i === served ? Math.max(prevDep, now) : prevDep;
      if (ev.arrivals[i] < leave + t(prevLoc, job.location) - eps) errors.push(`stop ${i} reached too soon`);
      if (ev.starts[i] < ev.arrivals[i] - eps) errors.push(`stop ${i} served before arrival`);
      const w = job.timeWindows![0];
      if (ev.starts[i] < w[0] - eps || ev.starts[i] > w[1] + eps) errors.push(`stop ${i} outside its window`);
      load.forEach((x, k) => { if (x > veh.capacity[k] + eps) errors.push(`stop ${i} over capacity ${k}`); });
      if (!veh.refrigerated && job.requiresRefrigeration && job.delivery && ev.starts[i] - ev.departDepot > limit + eps) errors.push(`stop ${i} cold delivery rides too long`);
    }
    if (!veh.refrigerated && job.requiresRefrigeration && job.pickup && ev.returnDepot - ev.departures[i] > limit + eps) errors.push(`stop ${i} cold pickup rides too long`);
    prevLoc = job.location;
    prevDep = ev.departures[i];
  });
  if (ev.returnDepot > veh.shift[1] + eps) errors.push('back after the shift');
  return errors;
}

describe('same-day insertion agrees with the solver (random small cases)', () => {
  it('judges every place exactly as the solver\'s route evaluator does', () => {
    fc.assert(fc.property(caseArb, ({ problem, routes, job, now }) => {
      for (const p of insertionPositions(problem, routes, job, now)) {
        const r = routes[p.route];
        const jobs = [...r.jobs.slice(0, p.position), job, ...r.jobs.slice(p.position)];
        const ev = evaluateRoute(problem, r.vehicle, jobs, progressOf(r, now));
        const delivery = problem.jobs[job].delivery !== undefined;
        const stillAtDepot = (r.served ?? 0) === 0 && r.departedAt === undefined;
        expect(p.feasible).toBe(ev.feasible && (stillAtDepot || !delivery));
      }
    }), { numRuns: 300 });
  });

  it('never breaks a window, a capacity, the shift or the cold ride, keeps the served stops, and takes the cheapest feasible place', () => {
    fc.assert(fc.property(caseArb, ({ problem, routes, job, now }) => {
      const answer = cheapestInsertion(problem, routes, job, now);
      const feasible = insertionPositions(problem, routes, job, now).filter((p) => p.feasible);
      expect(answer.ok).toBe(feasible.length > 0);
      if (!answer.ok) {
        expect(answer.routes.map((r) => r.route)).toEqual(routes.map((_, i) => i));
        return;
      }
      const route = routes[answer.route];
      const served = route.served ?? 0;
      expect(answer.jobs.slice(0, served)).toEqual(route.jobs.slice(0, served));
      expect(answer.position).toBeGreaterThanOrEqual(served);
      expect(answer.evaluation.departures.slice(0, served)).toEqual(route.servedAt);
      expect(checkSchedule(problem, route, answer.jobs, answer.evaluation, now)).toEqual([]);
      expect(answer.evaluation).toEqual(evaluateRoute(problem, route.vehicle, answer.jobs, progressOf(route, now)));
      expect(answer.addedDistance).toBeCloseTo(Math.min(...feasible.map((p) => p.addedDistance)), 9);
    }), { numRuns: 300 });
  });

  it('refuses a job no vehicle of the fleet could serve even alone, as the solver does', () => {
    fc.assert(fc.property(caseArb, ({ problem, routes, job, now }) => {
      const alone = solve(problem, { maxIterations: 50 }).unassigned.find((u) => u.job === job && u.reason !== 'fleet_exhausted');
      if (!alone || routes.length === 0) return;
      const answer = cheapestInsertion(problem, routes, job, now);
      expect(answer.ok).toBe(false);
      if (alone.reason === 'too_heavy' && !answer.ok) {
        for (const r of answer.routes) expect(['capacity', 'left_depot', 'route_infeasible']).toContain(r.reason);
      }
    }), { numRuns: 300 });
  });

  it('at the start of the day, with the job put where it says, the solver\'s evaluator passes every route of the plan', () => {
    fc.assert(fc.property(caseArb, ({ problem, routes, job }) => {
      const fresh = routes.map((r) => ({ vehicle: r.vehicle, jobs: r.jobs }));
      const answer = cheapestInsertion(problem, fresh, job, problem.vehicles[0].shift[0]);
      if (!answer.ok) return;
      fresh[answer.route] = { vehicle: answer.vehicle, jobs: answer.jobs };
      for (const r of fresh) expect(evaluateRoute(problem, r.vehicle, r.jobs).violations).toEqual([]);
    }), { numRuns: 200 });
  });
});
