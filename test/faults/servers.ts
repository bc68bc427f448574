import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'node:net';
import pg from 'pg';
import { freePort } from '../helpers/process.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolves when something accepts TCP connections on the port. */
async function waitForPort(port: number, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = createConnection({ port, host: '127.0.0.1' });
      s.once('connect', () => (s.destroy(), resolve(true)));
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    await sleep(100);
  }
  throw new Error(`nothing listens on 127.0.0.1:${port}`);
}

export interface TestRedis {
  port: number;
  url: string;
  dir: string;
  pid(): number | undefined;
  /** Kills this Redis process (by its PID) and waits for it to exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port and directory (the append-only file brings the data back). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A Redis of the test's own: its own port and directory, append-only file on, no RDB
 * snapshots. Stopped by its PID, never by name.
 */
export async function startRedis(): Promise<TestRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'kassi-redis-'));
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  const start = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--save', '', '--daemonize', 'no'], { stdio: 'ignore' });
    const c = child;
    exited = new Promise((resolve) => c.once('exit', () => resolve()));
    await waitForPort(port);
  };
  const kill = async (signal: NodeJS.Signals = 'SIGKILL') => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill(signal);
      await exited;
    }
    child = null;
  };
  await start();
  return {
    port, dir, url: `redis://127.0.0.1:${port}`,
    pid: () => child?.pid,
    kill, start,
    async stop() {
      await kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const PG_BIN = '/usr/lib/postgresql/15/bin';

export interface TestPostgres {
  port: number;
  dir: string;
  /** `postgres://postgres@127.0.0.1:<port>/<db>` */
  url(db?: string): string;
  start(): Promise<void>;
  /** `pg_ctl -m immediate stop`: every server process quits at once, no checkpoint (a crash). */
  stopImmediate(): Promise<void>;
  /** `pg_ctl -m immediate restart`: a crash, then crash recovery at start. */
  restartImmediate(): Promise<void>;
  stop(): void;
}

/**
 * A PostgreSQL 15 cluster of the test's own (initdb into a temporary directory, its own port,
 * socket in /tmp), run as the `postgres` user when we are root. Only this cluster is ever
 * stopped or restarted.
 */
export async function startPostgres(): Promise<TestPostgres> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'kassi-pg-'));
  const asRoot = process.getuid?.() === 0;
  let uid = 0;
  let gid = 0;
  if (asRoot) {
    uid = Number(spawnSync('id', ['-u', 'postgres']).stdout.toString().trim());
    gid = Number(spawnSync('id', ['-g', 'postgres']).stdout.toString().trim());
    chownSync(dir, uid, gid);
  }
  const run = (bin: string, args: string[], check = true) => {
    const cmd = asRoot ? 'runuser' : join(PG_BIN, bin);
    const argv = asRoot ? ['-u', 'postgres', '--', join(PG_BIN, bin), ...args] : args;
    const res = spawnSync(cmd, argv, { encoding: 'utf8', timeout: 60_000 });
    if (check && res.status !== 0) throw new Error(`${bin} ${args.join(' ')} failed: ${res.stdout}${res.stderr}`);
    return res;
  };
  const data = join(dir, 'data');
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale', 'C']);
  const conf = [`port = ${port}`, "listen_addresses = '127.0.0.1'", "unix_socket_directories = '/tmp'", 'max_connections = 200', 'shared_buffers = 64MB', "log_min_messages = 'warning'"];
  writeFileSync(join(data, 'postgresql.auto.conf'), `${conf.join('\n')}\n`);
  if (asRoot) chownSync(join(data, 'postgresql.auto.conf'), uid, gid);
  const log = join(dir, 'log');
  const ctl = (...args: string[]) => run('pg_ctl', ['-D', data, '-l', log, ...args]);
  /** pg_ctl without blocking the event loop (clients keep running while it works). */
  const ctlAsync = (...args: string[]) => new Promise<void>((resolve, reject) => {
    const argv = ['-D', data, '-l', log, ...args];
    const child = asRoot ? spawn('runuser', ['-u', 'postgres', '--', join(PG_BIN, 'pg_ctl'), ...argv], { stdio: 'ignore' }) : spawn(join(PG_BIN, 'pg_ctl'), argv, { stdio: 'ignore' });
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`pg_ctl ${args.join(' ')} exited ${code}`))));
  });
  const url = (db = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${db}`;
  const ready = async () => {
    const until = Date.now() + 30_000;
    while (Date.now() < until) {
      const c = new pg.Client({ connectionString: url() });
      c.on('error', () => {});
      try {
        await c.connect();
        await c.end();
        return;
      } catch {
        await sleep(100);
      }
    }
    throw new Error('test PostgreSQL did not come up');
  };
  ctl('-w', 'start');
  await ready();
  return {
    port, dir, url,
    start: () => ctlAsync('-w', 'start'),
    stopImmediate: () => ctlAsync('-m', 'immediate', '-w', 'stop'),
    restartImmediate: () => ctlAsync('-m', 'immediate', '-w', 'restart'),
    stop() {
      run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop'], false);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
