import { parentPort } from 'node:worker_threads';
import { runInstance, type RunOptions } from './run-instance.ts';

// Solves the instances the main thread sends, one at a time.
parentPort!.on('message', (msg: { file: string; opts: RunOptions }) => {
  try {
    parentPort!.postMessage({ ok: true, result: runInstance(msg.file, msg.opts) });
  } catch (err) {
    parentPort!.postMessage({ ok: false, file: msg.file, error: err instanceof Error ? err.message : String(err) });
  }
});
