import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError, liveHolder } from '../../src/db/data-dir-lock.ts';
import { freePort, spawnEntry, waitForHttp, type Spawned } from '../helpers/process.ts';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'kassi-lock-'));
  dirs.push(d);
  return d;
};
const running: Spawned[] = [];
afterAll(() => {
  for (const p of running) if (p.child.exitCode === null) p.child.kill('SIGKILL');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A process that lives until killed, to stand for another holder. */
function sleeper() {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  return { pid: child.pid!, stop: () => new Promise((r) => (child.once('exit', r), child.kill('SIGKILL'))) };
}

describe("the embedded DATA_DIR's lock", () => {
  it('refuses a folder whose holder lives, naming its pid; takes it over once the holder is dead', async () => {
    const dir = tempDir();
    const other = sleeper();
    writeFileSync(join(dir, 'kassi.lock'), JSON.stringify({ pid: other.pid, role: 'api', socket: join(dir, 'kassi.sock') }));
    const refused = await acquireDataDirLock(dir, 'seed').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DataDirLockedError);
    expect((refused as Error).message).toContain(`in use by another Kassi process (pid ${other.pid}, api)`);

    await other.stop();
    const lock = await acquireDataDirLock(dir, 'seed');
    expect(JSON.parse(readFileSync(join(dir, 'kassi.lock'), 'utf8'))).toMatchObject({ pid: process.pid, role: 'seed' });
    await expect(acquireDataDirLock(dir, 'api')).rejects.toBeInstanceOf(DataDirLockedError);
    lock.release();
    expect(existsSync(join(dir, 'kassi.lock'))).toBe(false);
    (await acquireDataDirLock(dir, 'api')).release();
  });

  it('takes over a copied lock: one taken on another folder or another machine, though its pid lives', async () => {
    const dir = tempDir();
    const other = sleeper();
    const lock = (extra: object) => writeFileSync(join(dir, 'kassi.lock'), JSON.stringify({ pid: other.pid, role: 'api', socket: join(dir, 'kassi.sock'), ...extra }));
    lock({ dir, host: hostname() });
    await expect(acquireDataDirLock(dir, 'seed')).rejects.toBeInstanceOf(DataDirLockedError);
    expect(liveHolder(dir)).toMatchObject({ pid: other.pid });

    for (const copied of [{ dir: join(tmpdir(), 'kassi-original'), host: hostname() }, { dir, host: `not-${hostname()}` }]) {
      lock(copied);
      expect(liveHolder(dir)).toBeUndefined();
      const taken = await acquireDataDirLock(dir, 'api');
      expect(JSON.parse(readFileSync(join(dir, 'kassi.lock'), 'utf8'))).toEqual({ pid: process.pid, role: 'api', socket: expect.any(String), dir, host: hostname() });
      taken.release();
    }
    await other.stop();
  });

  it('waits for a seed run to finish instead of failing', async () => {
    const dir = tempDir();
    const seed = sleeper();
    writeFileSync(join(dir, 'kassi.lock'), JSON.stringify({ pid: seed.pid, role: 'seed', socket: join(dir, 'kassi.sock') }));
    const waiting = acquireDataDirLock(dir, 'api');
    let taken = false;
    void waiting.then(() => (taken = true));
    await new Promise((r) => setTimeout(r, 500));
    expect(taken).toBe(false);
    await seed.stop();
    (await waiting).release();
  });
});

describe('npm start and npm run seed:demo on one embedded DATA_DIR', () => {
  it('seeds the folder itself with no server; a server then holds it alone and takes the next seed', async () => {
    const dataDir = tempDir();
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env = { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir };
    const spawned = (entry: string, e: Record<string, string>) => {
      const p = spawnEntry(entry, e);
      running.push(p);
      return p;
    };
    const seed = async () => {
      const p = spawned('scripts/seed-demo.ts', { DATA_DIR: dataDir });
      expect((await p.exited).code, p.output()).toBe(0);
      return p.output();
    };

    expect(await seed()).toMatch(/^created \d+ records/);
    expect(existsSync(join(dataDir, 'kassi.lock'))).toBe(false);

    const server = spawned('src/server.ts', env);
    await waitForHttp(`${base}/health/ready`, server, 120_000);
    const login = await fetch(`${base}/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'warehouse@kassi.demo', password: 'kassi-demo-2026' }),
    });
    expect(login.status).toBe(200);

    const second = spawned('src/server.ts', { ...env, PORT: String(await freePort()) });
    expect((await second.exited).code).toBe(1);
    expect(second.output().trim().split('\n')).toEqual([`DATA_DIR ${dataDir} is in use by another Kassi process (pid ${server.child.pid}, api): embedded mode allows one process per DATA_DIR; stop that one first, or set DATABASE_URL`]);
    const migrate = spawned('scripts/migrate.ts', { DATA_DIR: dataDir });
    expect((await migrate.exited).code).toBe(0);
    expect(migrate.output()).toContain(`by the running Kassi server pid ${server.child.pid}`);

    const again = await seed();
    expect(again).toContain(`seeded through the running Kassi server (pid ${server.child.pid})`);
    expect(again).toContain('already seeded: nothing changed');
    expect((await fetch(`${base}/health/ready`)).status).toBe(200);

    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
    expect(existsSync(join(dataDir, 'kassi.lock'))).toBe(false);
  }, 180_000);
});
