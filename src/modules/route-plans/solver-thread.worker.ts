import { parentPort, workerData } from 'node:worker_threads';
import { solve, type Problem, type SolveOptions } from '../../domain/routing/index.ts';

const { problem, options } = workerData as { problem: Problem; options: Omit<SolveOptions, 'now'> };
try {
  parentPort!.postMessage({ ok: true, solution: solve(problem, { ...options, now: () => performance.now() }) });
} catch (err) {
  parentPort!.postMessage({ ok: false, error: (err as Error).message });
}
