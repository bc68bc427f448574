/**
 * Same-day insertion benchmark (issue 20, item 4). Prints:
 * 1. the time to insert one new pickup into a 200-stop plan under way (at noon, the stops
 *    planned before then served), median and 95th percentile over 200 new pickups;
 * 2. how far same-day insertion is from re-planning from scratch on benchmark instances: for
 *    each instance, remove k customers, plan the rest, insert the k one by one into those
 *    routes (an idle vehicle only when no route can take one), and compare distance and
 *    vehicles with the full plan made with the same budget.
 *
 *   npm run bench:same-day -- [--iterations N] [--seed N] [--share P] PATH...
 *
 * PATH: Solomon (.txt) or CVRPLIB (.vrp) files or folders, as for bench:vrp. --share: the
 * share of customers removed (default 0.05 and 0.1 both).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { cheapestInsertion, solve, type CurrentRoute, type Job, type Problem } from '../src/domain/routing/index.ts';
import { mulberry32 } from '../src/domain/routing/prng.ts';
import { parseInstance } from './vrp/instances.ts';
import { toProblem } from './vrp/to-problem.ts';

interface Args { iterations: number; seed: number; shares: number[]; paths: string[] }

function parseArgs(argv: string[]): Args {
  const args: Args = { iterations: 2000, seed: 1, shares: [0.05, 0.1], paths: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--iterations') args.iterations = Number(argv[++i]);
    else if (a === '--seed') args.seed = Number(argv[++i]);
    else if (a === '--share') args.shares = [Number(argv[++i])];
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else args.paths.push(a);
  }
  return args;
}

const files = (paths: string[]) => paths.flatMap((p) => (statSync(p).isDirectory()
  ? readdirSync(p).sort().filter((f) => /\.(txt|vrp)$/i.test(f)).map((f) => join(p, f)) : [p]));

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];

/** A 200-stop day: 10 vans (3 refrigerated), pickups and deliveries with 2–4 h windows, some chilled, 60 × 60 km. */
function twoHundredStops(seed: number): Problem {
  const rnd = mulberry32(seed);
  const pts: [number, number][] = [[30, 30]];
  const jobs: Job[] = [];
  for (let i = 0; i < 201; i++) {
    pts.push([rnd() * 60, rnd() * 60]);
    const open = 480 + Math.floor(rnd() * 360);
    const amount = [Math.round(5 + rnd() * 60) * 1000, rnd() < 0.5 ? 0 : Math.ceil(rnd() * 6)];
    jobs.push({
      location: i + 1, timeWindows: [[open, open + 120 + Math.floor(rnd() * 120)]], service: 10,
      ...(rnd() < 0.5 ? { pickup: [amount[0], 0] } : { delivery: amount }), requiresRefrigeration: rnd() < 0.2,
    });
  }
  const d = pts.map((a) => pts.map((b) => 1.3 * Math.hypot(a[0] - b[0], a[1] - b[1])));
  return {
    depot: { location: 0 }, jobs, distances: d, durations: d, maxUnrefrigeratedRideMinutes: 60,
    vehicles: Array.from({ length: 14 }, (_, v) => ({ capacity: [1_500_000, 120], shift: [420, 1080], refrigerated: v < 4 })),
  };
}

function insertionTime(seed: number) {
  const problem = twoHundredStops(seed);
  const planned = solve({ ...problem, jobs: problem.jobs.slice(0, 200) }, { maxIterations: 3000, seed });
  const stops = planned.routes.reduce((a, r) => a + r.jobs.length, 0);
  // Noon: every stop planned to be left by then is served, recorded as planned.
  const now = 720;
  const routes: CurrentRoute[] = planned.routes.map((r) => {
    const served = r.departures.filter((t) => t <= now).length;
    return { vehicle: r.vehicle, jobs: r.jobs, served, servedAt: r.departures.slice(0, served), departedAt: r.departDepot };
  });
  const rnd = mulberry32(seed + 1);
  const times: number[] = [];
  let inserted = 0;
  for (let i = 0; i < 200; i++) {
    // A new pickup somewhere in the area, ready from now on for three hours.
    const job: Job = { location: 201, pickup: [Math.round(20 + rnd() * 200) * 1000, 0], timeWindows: [[now, now + 180]], service: 10, requiresRefrigeration: rnd() < 0.3 };
    const loc = 1 + Math.floor(rnd() * 200);
    const p: Problem = { ...problem, jobs: [...problem.jobs.slice(0, 200), { ...job, location: loc }] };
    const t0 = performance.now();
    const answer = cheapestInsertion(p, routes, 200, now);
    times.push(performance.now() - t0);
    if (answer.ok) inserted++;
  }
  return { stops, routes: planned.routes.length, median: quantile(times, 0.5), p95: quantile(times, 0.95), inserted, tries: times.length };
}

function sameDayVersusReplan(file: string, share: number, args: Args) {
  const inst = parseInstance(file, readFileSync(file, 'utf8'));
  const problem = toProblem(inst);
  const n = problem.jobs.length;
  const k = Math.max(1, Math.round(share * n));
  const rnd = mulberry32(args.seed * 7919 + n);
  const order = Array.from({ length: n }, (_, i) => i).sort(() => rnd() - 0.5);
  const late = new Set(order.slice(0, k));
  const full = solve(problem, { maxIterations: args.iterations, seed: args.seed });
  // Plan without the k late customers (their indices kept: jobs stay in place, only left out).
  const keep = problem.jobs.map((_, i) => i).filter((i) => !late.has(i));
  const part = solve({ ...problem, jobs: keep.map((i) => problem.jobs[i]) }, { maxIterations: args.iterations, seed: args.seed });
  const routes: CurrentRoute[] = part.routes.map((r) => ({ vehicle: r.vehicle, jobs: r.jobs.map((j) => keep[j]) }));
  let opened = 0;
  let refused = 0;
  const start = problem.vehicles[0]?.shift[0] ?? 0;
  for (const j of order.slice(0, k)) {
    let answer = cheapestInsertion(problem, routes, j, start);
    if (!answer.ok) {
      // No route takes it: the next idle vehicle, as a coordinator would send one.
      const idle = problem.vehicles.findIndex((_, v) => !routes.some((r) => r.vehicle === v));
      if (idle >= 0) {
        routes.push({ vehicle: idle, jobs: [] });
        opened++;
        answer = cheapestInsertion(problem, routes, j, start);
      }
    }
    if (!answer.ok) {
      refused++;
      continue;
    }
    routes[answer.route] = { vehicle: answer.vehicle, jobs: answer.jobs };
  }
  const distance = routes.reduce((a, r) => {
    const locs = [0, ...r.jobs.map((j) => problem.jobs[j].location), 0];
    let d = 0;
    for (let i = 1; i < locs.length; i++) d += (problem.distances as ArrayLike<number>)[locs[i - 1] * (n + 1) + locs[i]];
    return a + d;
  }, 0);
  const used = routes.filter((r) => r.jobs.length > 0).length;
  return {
    instance: inst.name || basename(file), k, fullDistance: full.totals.distance, fullVehicles: full.totals.vehicles,
    distance, vehicles: used, gap: (distance - full.totals.distance) / full.totals.distance, opened, refused,
  };
}

const args = parseArgs(process.argv.slice(2));
const fmt = (x: number, d = 2) => x.toFixed(d);
const timing = insertionTime(args.seed);
console.log(`Insertion into a ${timing.stops}-stop plan (${timing.routes} routes) at noon: `
  + `median ${fmt(timing.median)} ms, p95 ${fmt(timing.p95)} ms over ${timing.tries} new pickups (${timing.inserted} fitted)`);
if (args.paths.length > 0) {
  for (const share of args.shares) {
    const rows = files(args.paths).map((f) => sameDayVersusReplan(f, share, args));
    console.log(`\nRemove ${Math.round(share * 100)} % of the customers, plan the rest (${args.iterations} iterations), insert them one by one, compare with the full plan:`);
    console.log('instance      k  full dist  veh   same-day dist  veh   gap     opened refused');
    for (const r of rows) {
      console.log(`${r.instance.padEnd(12)} ${String(r.k).padStart(2)}  ${fmt(r.fullDistance).padStart(9)}  ${String(r.fullVehicles).padStart(3)}   `
        + `${fmt(r.distance).padStart(13)}  ${String(r.vehicles).padStart(3)}   ${fmt(100 * r.gap).padStart(5)}%  ${String(r.opened).padStart(6)} ${String(r.refused).padStart(7)}`);
    }
    const mean = (f: (r: (typeof rows)[number]) => number) => rows.reduce((a, r) => a + f(r), 0) / rows.length;
    console.log(`mean over ${rows.length}: distance gap ${fmt(100 * mean((r) => r.gap))} %, vehicles ${fmt(mean((r) => r.vehicles - r.fullVehicles))} more, `
      + `${rows.reduce((a, r) => a + r.refused, 0)} customers no vehicle could take`);
  }
}
