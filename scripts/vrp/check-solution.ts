import type { Instance, Site } from './instances.ts';

/**
 * Independent feasibility checker for benchmark solutions, written apart from the
 * solver on purpose: it works on the file's own numbers (customer ids, coordinates),
 * recomputes every distance, and shares no code with src/domain/routing.
 */

export interface CheckResult {
  feasible: boolean;
  errors: string[];
  distance: number;
  vehicles: number;
}

const TOLERANCE = 1e-6;

/** Arc length under the instance's convention (plain Euclidean or TSPLIB nint). */
export function arcLength(inst: Instance, a: Site, b: Site): number {
  const d = Math.hypot(a.x - b.x, a.y - b.y);
  return inst.rounding === 'nint' ? Math.floor(d + 0.5) : d;
}

/** Checks routes given as lists of customer ids (depot implicit at both ends). */
export function checkSolution(inst: Instance, routes: number[][]): CheckResult {
  const errors: string[] = [];
  const byId = new Map<number, Site>();
  for (const s of inst.customers) byId.set(s.id, s);
  const visits = new Map<number, number>();
  let distance = 0;
  let vehicles = 0;
  routes.forEach((route, r) => {
    if (route.length === 0) return;
    vehicles++;
    let load = 0;
    let time = inst.depot.ready;
    let at = inst.depot;
    for (const id of route) {
      const site = byId.get(id);
      if (!site) {
        errors.push(`route ${r}: unknown customer ${id}`);
        continue;
      }
      visits.set(id, (visits.get(id) ?? 0) + 1);
      const leg = arcLength(inst, at, site);
      distance += leg;
      time += leg;
      if (time > site.due + TOLERANCE) errors.push(`route ${r}: customer ${id} reached at ${time.toFixed(3)} after due ${site.due}`);
      time = Math.max(time, site.ready) + site.service;
      load += site.demand;
      at = site;
    }
    const back = arcLength(inst, at, inst.depot);
    distance += back;
    time += back;
    if (time > inst.depot.due + TOLERANCE) errors.push(`route ${r}: back at depot at ${time.toFixed(3)} after ${inst.depot.due}`);
    if (load > inst.capacity + TOLERANCE) errors.push(`route ${r}: load ${load} over capacity ${inst.capacity}`);
  });
  for (const s of inst.customers) {
    const k = visits.get(s.id) ?? 0;
    if (k !== 1) errors.push(`customer ${s.id} visited ${k} times`);
  }
  if (inst.maxVehicles !== undefined && vehicles > inst.maxVehicles) {
    errors.push(`${vehicles} vehicles, the file allows ${inst.maxVehicles}`);
  }
  return { feasible: errors.length === 0, errors, distance, vehicles };
}
