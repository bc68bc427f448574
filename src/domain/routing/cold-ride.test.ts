import { describe, expect, it } from 'vitest';
import { evaluateRoute } from './evaluate.ts';
import { compile } from './model.ts';
import { chilledRidesOk } from './route-state.ts';
import { solve } from './solver.ts';
import type { Job, Problem } from './types.ts';

/** Stops on a line east of the depot at these distances; travel time = distance (minutes). */
function onALine(xs: readonly number[], jobs: readonly Job[], refrigerated = false): Problem {
  const points = [0, ...xs];
  const d = points.map((a) => points.map((b) => Math.abs(a - b)));
  return {
    depot: { location: 0 }, jobs, distances: d, durations: d,
    vehicles: [{ capacity: [100], shift: [0, 600], refrigerated }],
    maxUnrefrigeratedRideMinutes: 60,
  };
}

const ridesOk = (problem: Problem, jobs: number[]) =>
  chilledRidesOk(compile(problem), 0, Int32Array.from(jobs, (j) => j + 1), jobs.length);

// Chilled or frozen food rides at most 60 minutes in an unrefrigerated vehicle, counted
// from when it goes on board: a delivery's bags from the departure from the depot (after
// loading) to the start of service at the stop; a pickup from the end of the pickup to the
// arrival back at the depot. The vehicle leaves the depot as late as the route allows
// without coming back later, so the shift's start is not when the bags go on board.
describe('the 60-minute ride of cold food in an unrefrigerated vehicle', () => {
  it('counts a delivery from the departure, not from the shift start: a noon window 20 min away is a 20-minute ride', () => {
    const problem = onALine([20], [{ location: 1, delivery: [5], requiresRefrigeration: true, timeWindows: [[240, 300]] }]);
    expect(ridesOk(problem, [0])).toBe(true);
    const ev = evaluateRoute(problem, 0, [0]);
    expect(ev.violations).toEqual([]);
    expect(ev.departDepot).toBe(220);
    expect(ev.starts[0] - ev.departDepot).toBe(20);
    expect(solve(problem, { maxIterations: 100 }).unassigned).toEqual([]);
  });

  it('counts the wait for a window the bags cannot avoid: an earlier stop pins the departure', () => {
    // The ambient stop must be served by minute 10, so the van leaves by 5 and the cold
    // bags wait on board until the second stop opens at 100: 95 minutes.
    const jobs: Job[] = [
      { location: 1, delivery: [5], timeWindows: [[0, 10]] },
      { location: 2, delivery: [5], requiresRefrigeration: true, timeWindows: [[100, 110]] },
    ];
    const problem = onALine([5, 45], jobs);
    expect(ridesOk(problem, [0, 1])).toBe(false);
    expect(evaluateRoute(problem, 0, [0, 1]).violations).toEqual(['refrigeration']);
    expect(evaluateRoute({ ...problem, vehicles: [{ ...problem.vehicles[0], refrigerated: true }] }, 0, [0, 1]).violations).toEqual([]);
  });

  it('is exactly 60 minutes at the limit and one minute more is too long', () => {
    const at = (x: number) => onALine([x], [{ location: 1, delivery: [5], requiresRefrigeration: true, service: 10 }]);
    expect(ridesOk(at(60), [0])).toBe(true);
    expect(evaluateRoute(at(60), 0, [0]).violations).toEqual([]);
    expect(ridesOk(at(61), [0])).toBe(false);
    expect(evaluateRoute(at(61), 0, [0]).violations).toEqual(['refrigeration']);
  });

  it('counts a pickup from the pickup to the arrival at the depot, leaving late enough not to wait with it on board', () => {
    // Chilled pickup 5 min out, then a stop that opens at 100: leaving at 0 the chilled food
    // would wait on board for 90 minutes; leaving at 90 it rides 15.
    const jobs: Job[] = [
      { location: 1, pickup: [5], requiresRefrigeration: true },
      { location: 2, delivery: [5], timeWindows: [[100, 110]] },
    ];
    const problem = onALine([5, 10], jobs);
    expect(ridesOk(problem, [0, 1])).toBe(true);
    const ev = evaluateRoute(problem, 0, [0, 1]);
    expect(ev.violations).toEqual([]);
    expect(ev.returnDepot - ev.departures[0]).toBe(15);
  });

  it('counts the wait after a pickup that leaving later cannot absorb', () => {
    // The pickup closes at 10, the next stop opens at 100: the food waits on board.
    const jobs: Job[] = [
      { location: 1, pickup: [5], requiresRefrigeration: true, timeWindows: [[0, 10]] },
      { location: 2, delivery: [5], timeWindows: [[100, 110]] },
    ];
    const problem = onALine([5, 10], jobs);
    expect(ridesOk(problem, [0, 1])).toBe(false);
    expect(evaluateRoute(problem, 0, [0, 1]).violations).toEqual(['refrigeration']);
  });

  it('judges every cold stop of a mixed route on the same departure', () => {
    // Cold delivery 30 out (window from 200), cold pickup 10 beyond it: leave at 170,
    // deliver at 200 (30 on board), pick up at 210 and be back at 250 (40 on board).
    const jobs: Job[] = [
      { location: 1, delivery: [5], requiresRefrigeration: true, timeWindows: [[200, 260]] },
      { location: 2, pickup: [5], requiresRefrigeration: true },
    ];
    const problem = onALine([30, 40], jobs);
    expect(ridesOk(problem, [0, 1])).toBe(true);
    const ev = evaluateRoute(problem, 0, [0, 1]);
    expect(ev.violations).toEqual([]);
    expect([ev.departDepot, ev.starts[0], ev.departures[1], ev.returnDepot]).toEqual([170, 200, 210, 250]);
  });

  it('puts the noon delivery of chilled bags in the ordinary van when it is the only one', () => {
    const jobs: Job[] = [
      { location: 1, delivery: [5], requiresRefrigeration: true, timeWindows: [[240, 300]], service: 10 },
      { location: 2, delivery: [5], requiresRefrigeration: true, timeWindows: [[240, 300]], service: 10 },
    ];
    const problem = onALine([20, 30], jobs);
    const sol = solve(problem, { maxIterations: 300 });
    expect(sol.unassigned).toEqual([]);
    for (const r of sol.routes) {
      expect(evaluateRoute(problem, r.vehicle, r.jobs).violations).toEqual([]);
      r.starts.forEach((s) => expect(s - r.departDepot).toBeLessThanOrEqual(60));
    }
  });
});
