import { chmodSync, rmSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { liveHolder, type LockHolder } from './data-dir-lock.ts';

/**
 * How a one-shot command (`npm run seed:demo`) reaches the embedded database while the server
 * holds it: the server listens on a Unix socket (a named pipe on Windows) readable by its own
 * OS user only, and runs the named task in its own process, one at a time. No second process
 * ever opens the directory, and the task sees and writes the same database the API serves.
 */
export type ControlTasks = Record<string, () => Promise<unknown>>;

export async function serveControl(socket: string, tasks: ControlTasks, log: Logger): Promise<{ close(): Promise<void> }> {
  // Left over from a holder that died; this process holds the lock, so nobody else uses it.
  if (process.platform !== 'win32') rmSync(socket, { force: true });
  let queue: Promise<unknown> = Promise.resolve();
  const server = createServer((req, res) => {
    const name = req.method === 'POST' ? /^\/tasks\/([\w-]+)$/.exec(req.url ?? '')?.[1] : undefined;
    const task = name && Object.hasOwn(tasks, name) ? tasks[name] : undefined;
    const send = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (!task) return send(404, { error: `no such task: ${req.method} ${req.url}` });
    req.resume();
    queue = queue.then(async () => {
      try {
        const result = await task();
        log.info({ task: name }, 'control task done');
        send(200, { result });
      } catch (err) {
        log.error({ err, task: name }, 'control task failed');
        send(500, { error: (err as Error).message });
      }
    });
  });
  await new Promise<void>((ok, fail) => server.once('error', fail).listen(socket, () => ok()));
  if (process.platform !== 'win32') chmodSync(socket, 0o600);
  return { close: () => new Promise<void>((ok) => server.close(() => ok())) };
}

function post(socket: string, path: string): Promise<{ status: number; body: { result?: unknown; error?: string } }> {
  return new Promise((ok, fail) => {
    const req = request({ socketPath: socket, path, method: 'POST' }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (d) => (text += d)).on('end', () => {
        try {
          ok({ status: res.statusCode ?? 0, body: JSON.parse(text) });
        } catch (err) {
          fail(err);
        }
      });
    });
    req.on('error', fail).end();
  });
}

/** The server holding DATA_DIR ran the task and it failed; the message says why. */
export class HolderTaskError extends Error {}

/**
 * Runs `task` in the process holding DATA_DIR. Waits while the holder is still starting (its
 * socket is not up before its migrations are done); fails when the holder exits meanwhile.
 */
export async function runOnHolder(dir: string, holder: LockHolder, task: string, timeoutMs = 120_000): Promise<unknown> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const { status, body } = await post(holder.socket, `/tasks/${task}`);
      if (status !== 200) throw new HolderTaskError(`the running Kassi server (pid ${holder.pid}) could not run ${task}: ${body.error}`);
      return body.result;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ECONNREFUSED') throw err;
      if (liveHolder(dir)?.pid !== holder.pid) throw new Error(`the Kassi server (pid ${holder.pid}) holding DATA_DIR ${dir} stopped before it ran ${task}`);
      if (Date.now() > deadline) throw new Error(`the Kassi server (pid ${holder.pid}) holding DATA_DIR ${dir} did not take ${task} within ${timeoutMs / 1000} s`);
      await sleep(200);
    }
  }
}
