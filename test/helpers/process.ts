import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENTRIES, ENTRIES_DIR_ENV } from './entries.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface Spawned {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * The test run's cheap argon2 (`PASSWORD_HASHING=test`, set for every test by vitest.config.ts)
 * for a process a test starts, unless its `env` says otherwise: the production cost (about a
 * second a hash on 2 cores) bought nothing in tests of start-up, locks and restarts.
 */
export const testHashing = (): Record<string, string> => (process.env.PASSWORD_HASHING ? { PASSWORD_HASHING: process.env.PASSWORD_HASHING } : {});

/**
 * How node starts one of the project's entry points: its file built once for the test run (see
 * test/entries-setup.ts), or the source through tsx as `npm start` does.
 */
export function entryArgs(entry: string): string[] {
  const built = process.env[ENTRIES_DIR_ENV];
  return built && ENTRIES[entry] ? [join(built, `${ENTRIES[entry]}.mjs`)] : ['--import', 'tsx', entry];
}

/** Starts one of the project's entry points (`src/server.ts`, `src/worker.ts`, a script) as its own process. */
export function spawnEntry(entry: string, env: Record<string, string>): Spawned {
  const child = spawn(process.execPath, entryArgs(entry), { cwd: ROOT, env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...testHashing(), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, output: () => out, exited };
}

/** Polls a URL until it answers 200 (or the process dies). */
export async function waitForHttp(url: string, proc: Spawned, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (proc.child.exitCode !== null) throw new Error(`process exited: ${proc.output()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${url}: ${proc.output()}`);
}
