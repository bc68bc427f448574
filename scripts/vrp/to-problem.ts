import type { Problem } from '../../src/domain/routing/index.ts';

export type Objective = NonNullable<Problem['objective']>;
import type { Instance } from './instances.ts';

/**
 * Converts a benchmark instance into the solver's ordinary model: location 0 is the
 * depot, location i the i-th customer; each customer is a delivery job; the depot's due
 * date is every vehicle's shift end. The benchmark objective is distance only (vehicle
 * count free); `vehicles-then-distance` checks the hierarchical mode real plans use.
 */
export function toProblem(inst: Instance, objective: Objective = 'distance'): Problem {
  const sites = [inst.depot, ...inst.customers];
  const n = sites.length;
  const dist = new Float64Array(n * n);
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      const d = Math.hypot(sites[a].x - sites[b].x, sites[a].y - sites[b].y);
      dist[a * n + b] = inst.rounding === 'nint' ? Math.floor(d + 0.5) : d;
    }
  }
  const fleet = inst.maxVehicles ?? inst.customers.length;
  const shift = [inst.depot.ready, inst.depot.due] as const;
  return {
    depot: { location: 0 },
    vehicles: Array.from({ length: fleet }, () => ({ capacity: [inst.capacity], shift })),
    jobs: inst.customers.map((s, i) => ({
      location: i + 1,
      timeWindows: Number.isFinite(s.due) ? [[s.ready, s.due] as const] : undefined,
      service: s.service,
      delivery: [s.demand],
    })),
    durations: dist,
    distances: dist,
    objective,
  };
}
