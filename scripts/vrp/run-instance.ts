import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';
import { solve } from '../../src/domain/routing/index.ts';
import { checkSolution } from './check-solution.ts';
import { parseInstance } from './instances.ts';
import { toProblem, type Objective } from './to-problem.ts';

export interface InstanceResult {
  file: string;
  instance: string;
  family: string;
  format: 'solomon' | 'cvrplib';
  vehicles: number;
  distance: number;
  seconds: number;
  iterations: number;
  feasible: boolean;
  errors: string[];
  unassigned: number;
  routes: number[][];
}

export interface RunOptions {
  timeLimitS: number;
  seed: number;
  maxIterations?: number;
  tuning?: Record<string, number>;
  objective?: Objective;
}

/** Parses, solves and independently checks one instance file. */
export function runInstance(file: string, opts: RunOptions): InstanceResult {
  const inst = parseInstance(file, readFileSync(file, 'utf8'));
  const t0 = performance.now();
  const problem = toProblem(inst, opts.objective);
  const sol = solve(problem, {
    timeLimitMs: opts.maxIterations === undefined ? opts.timeLimitS * 1000 : undefined,
    maxIterations: opts.maxIterations,
    seed: opts.seed,
    now: () => performance.now(),
    tuning: opts.tuning,
  });
  const seconds = (performance.now() - t0) / 1000;
  const routes = sol.routes.map((r) => r.jobs.map((j) => inst.customers[j].id));
  const check = checkSolution(inst, routes);
  const errors = [...check.errors];
  if (sol.unassigned.length > 0) errors.unshift(`${sol.unassigned.length} customers unassigned`);
  if (Math.abs(check.distance - sol.totals.distance) > 1e-6 * Math.max(1, check.distance)) {
    errors.push(`solver distance ${sol.totals.distance} differs from checker ${check.distance}`);
  }
  return {
    file,
    instance: inst.name || basename(file),
    family: inst.family,
    format: inst.format,
    vehicles: check.vehicles,
    distance: check.distance,
    seconds,
    iterations: sol.totals.iterations,
    feasible: errors.length === 0,
    errors,
    unassigned: sol.unassigned.length,
    routes,
  };
}
