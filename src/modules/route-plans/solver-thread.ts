import { Worker } from 'node:worker_threads';
import type { Problem, Solution, SolveOptions } from '../../domain/routing/index.ts';

/**
 * Runs the route solver on a worker thread. The solver is CPU-bound for its whole time
 * limit; on the main thread it would stall the event loop — every HTTP request in embedded
 * mode, and the BullMQ lock renewal in the worker — for that long.
 */
export function solveOffThread(problem: Problem, options: Omit<SolveOptions, 'now'>): Promise<Solution> {
  // Worker threads do not inherit tsx's loader on Node 20: register it, then load the solver.
  const entry = new URL('./solver-thread.worker.ts', import.meta.url).href;
  const boot = `import { register } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))}; register(); await import(${JSON.stringify(entry)});`;
  const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`), { workerData: { problem, options } });
  return new Promise<Solution>((resolve, reject) => {
    worker.once('message', (msg: { ok: true; solution: Solution } | { ok: false; error: string }) => {
      if (msg.ok) resolve(msg.solution);
      else reject(new Error(msg.error));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`solver thread exited with code ${code}`)));
  }).finally(() => void worker.terminate());
}
