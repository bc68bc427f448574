/**
 * Routing benchmark: solves Solomon VRPTW (.txt) and CVRPLIB (.vrp) instances with the
 * project's solver, checks each solution with an independent checker, and compares with
 * the best-known values.
 *
 *   npm run bench:vrp -- [--time-limit S] [--seed N] [--iterations N] [--jobs N]
 *                        [--bks FILE] [--objective distance|vehicles-then-distance] [--json] PATH...
 *
 * --objective vehicles-then-distance solves with the hierarchical objective of real plans
 * and compares Solomon results with the hierarchical best-known (`objective`, `vehicles`).
 * --tuning JSON overrides search parameters (development only).
 * --jobs N solves N instances at once in worker threads (default 1: one at a time, so
 * each instance has a core to itself and the per-instance seconds are comparable).
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { parseBks, type Bks } from './vrp/bks.ts';
import { runInstance, type InstanceResult, type RunOptions } from './vrp/run-instance.ts';
import type { Objective } from './vrp/to-problem.ts';

interface Args {
  timeLimitS: number;
  seed: number;
  maxIterations?: number;
  jobs: number;
  bks?: string;
  json: boolean;
  objective: Objective;
  /** Developer knob: overrides of the solver's search parameters, as JSON. */
  tuning?: Record<string, number>;
  paths: string[];
}

function usage(message: string): never {
  process.stderr.write(`${message}\nusage: bench-vrp [--time-limit S] [--seed N] [--iterations N] [--jobs N] [--bks FILE] [--json] PATH...\n`);
  process.exit(2);
}

function parseArgs(argv: string[]): Args {
  const args: Args = { timeLimitS: 10, seed: 1, jobs: 1, json: false, objective: 'distance', paths: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) usage(`${a} needs a value`);
      return v;
    };
    const num = (v: string) => {
      const x = Number(v);
      if (!Number.isFinite(x) || x < 0) usage(`${a}: "${v}" is not a non-negative number`);
      return x;
    };
    if (a === '--time-limit') args.timeLimitS = num(value());
    else if (a === '--seed') args.seed = num(value());
    else if (a === '--iterations') args.maxIterations = num(value());
    else if (a === '--jobs') args.jobs = Math.max(1, Math.floor(num(value())));
    else if (a === '--bks') args.bks = value();
    else if (a === '--json') args.json = true;
    else if (a === '--objective') {
      const o = value();
      if (o !== 'distance' && o !== 'vehicles-then-distance') usage(`--objective: "${o}" is not distance or vehicles-then-distance`);
      args.objective = o;
    }
    else if (a === '--tuning') args.tuning = JSON.parse(value()) as Record<string, number>;
    else if (a === '--help' || a === '-h') usage('');
    else if (a.startsWith('--')) usage(`unknown option ${a}`);
    else args.paths.push(a);
  }
  if (args.paths.length === 0) usage('no instance PATH given');
  return args;
}

function collectFiles(paths: string[]): string[] {
  const files: string[] = [];
  for (const p of paths) {
    if (!existsSync(p)) usage(`${p}: no such file or folder`);
    if (statSync(p).isDirectory()) {
      for (const f of readdirSync(p).sort()) if (/\.(txt|vrp)$/i.test(f)) files.push(join(p, f));
    } else {
      files.push(p);
    }
  }
  return files;
}

function loadBks(args: Args): Map<string, Bks> {
  const candidates = args.bks ? [args.bks] : args.paths.flatMap((p) => {
    const dir = statSync(p).isDirectory() ? resolve(p) : dirname(resolve(p));
    return [join(dir, 'bks.csv'), join(dirname(dir), 'bks.csv')];
  });
  const map = new Map<string, Bks>();
  for (const f of candidates) {
    if (existsSync(f)) for (const [k, v] of parseBks(readFileSync(f, 'utf8'))) if (!map.has(k)) map.set(k, v);
  }
  return map;
}

async function runAll(files: string[], opts: RunOptions, jobs: number, onResult: (r: InstanceResult) => void): Promise<string[]> {
  const failures: string[] = [];
  if (jobs <= 1) {
    for (const f of files) {
      try {
        onResult(runInstance(f, opts));
      } catch (err) {
        failures.push(err instanceof Error ? err.message : String(err));
      }
    }
    return failures;
  }
  const queue = [...files];
  const results = new Map<string, InstanceResult>();
  const done = new Set<string>();
  let next = 0;
  const flush = () => {
    // Print in file order so output is stable whatever finishes first.
    while (next < files.length && done.has(files[next])) {
      const r = results.get(files[next]);
      if (r) onResult(r);
      next++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, files.length) }, async () => {
    // Workers do not inherit tsx's loader on Node 20: register it, then load the TypeScript worker.
    const entry = new URL('./vrp/bench-worker.ts', import.meta.url).href;
    const api = import.meta.resolve('tsx/esm/api');
    const boot = `import { register } from ${JSON.stringify(api)}; register(); await import(${JSON.stringify(entry)});`;
    const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`));
    try {
      for (let f = queue.shift(); f !== undefined; f = queue.shift()) {
        const file = f;
        const msg = await new Promise<{ ok: boolean; result?: InstanceResult; error?: string }>((res, rej) => {
          const onError = (err: Error) => rej(err);
          worker.once('error', onError);
          worker.once('message', (m: { ok: boolean; result?: InstanceResult; error?: string }) => {
            worker.off('error', onError);
            res(m);
          });
          worker.postMessage({ file, opts });
        });
        if (msg.ok && msg.result) results.set(file, msg.result);
        else failures.push(msg.error ?? `${file}: failed`);
        done.add(file);
        flush();
      }
    } finally {
      await worker.terminate();
    }
  }));
  return failures;
}

function bksOf(r: InstanceResult, bks: Map<string, Bks>, objective: Objective): number | undefined {
  const b = bks.get(r.instance.toUpperCase());
  if (!b) return undefined;
  return r.format === 'solomon' && objective === 'distance' ? b.distanceBks ?? b.objective : b.objective;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const files = collectFiles(args.paths);
  const bks = loadBks(args);
  const opts: RunOptions = { timeLimitS: args.timeLimitS, seed: args.seed, maxIterations: args.maxIterations, tuning: args.tuning, objective: args.objective };
  const rows: { r: InstanceResult; gap: number | undefined }[] = [];
  if (!args.json) {
    process.stdout.write(`${'instance'.padEnd(12)} ${'veh'.padStart(6)} ${'distance'.padStart(10)} ${'bks'.padStart(10)} ${'gap%'.padStart(7)} ${'sec'.padStart(6)} ${'iters'.padStart(8)}  check\n`);
  }
  const failures = await runAll(files, opts, args.jobs, (r) => {
    const ref = bksOf(r, bks, args.objective);
    // Hierarchical mode: show the best-known vehicle count next to ours.
    const vehText = (x: InstanceResult) => {
      const bv = bks.get(x.instance.toUpperCase())?.vehicles;
      return args.objective === 'distance' || bv === undefined ? String(x.vehicles) : `${x.vehicles}/${bv}`;
    };
    const gap = ref === undefined ? undefined : ((r.distance - ref) / ref) * 100;
    rows.push({ r, gap });
    if (args.json) {
      process.stdout.write(`${JSON.stringify({
        instance: r.instance, vehicles: r.vehicles, distance: Number(r.distance.toFixed(2)),
        seconds: Number(r.seconds.toFixed(2)), feasible: r.feasible, routes: r.routes,
      })}\n`);
    } else {
      process.stdout.write(`${r.instance.padEnd(12)} ${vehText(r).padStart(6)} ${r.distance.toFixed(2).padStart(10)} ${(ref?.toFixed(2) ?? '-').padStart(10)} ${(gap?.toFixed(2) ?? '-').padStart(7)} ${r.seconds.toFixed(2).padStart(6)} ${String(r.iterations).padStart(8)}  ${r.feasible ? 'ok' : `INFEASIBLE: ${r.errors.slice(0, 3).join('; ')}`}\n`);
    }
  });
  for (const f of failures) process.stderr.write(`error: ${f}\n`);
  if (!args.json && rows.length > 0) {
    const families = new Map<string, typeof rows>();
    for (const row of rows) {
      const list = families.get(row.r.family) ?? [];
      list.push(row);
      families.set(row.r.family, list);
    }
    const summary = (label: string, list: typeof rows) => {
      const gaps = list.map((x) => x.gap).filter((g): g is number => g !== undefined);
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(xs.length, 1);
      const feasible = list.filter((x) => x.r.feasible).length;
      process.stdout.write(`${label.padEnd(8)} n=${String(list.length).padStart(3)}  mean gap ${gaps.length ? `${mean(gaps).toFixed(2)}%` : '-'}  mean sec ${mean(list.map((x) => x.r.seconds)).toFixed(2)}  feasible ${feasible}/${list.length}\n`);
    };
    process.stdout.write('\n');
    const order = ['C1', 'C2', 'R1', 'R2', 'RC1', 'RC2', 'A'];
    const keys = [...families.keys()].sort((a, b) => (order.indexOf(a) + 99 * +(order.indexOf(a) < 0)) - (order.indexOf(b) + 99 * +(order.indexOf(b) < 0)));
    for (const k of keys) summary(k, families.get(k)!);
    const solomon = rows.filter((x) => x.r.format === 'solomon');
    const cvrp = rows.filter((x) => x.r.format === 'cvrplib');
    if (solomon.length && cvrp.length) {
      summary('Solomon', solomon);
      summary('CVRPLIB', cvrp);
    }
    summary('all', rows);
  }
  const infeasible = rows.some((x) => !x.r.feasible);
  if (failures.length > 0 || infeasible) process.exitCode = 1;
}

main().catch((err: unknown) => {
  process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
