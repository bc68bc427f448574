import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/eventually.ts';
import { freePort, testHashing, waitForHttp, type Spawned } from '../helpers/process.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** `KASSI_FRESH_CLONE=1`: a real `git clone` of the last commit and `npm ci` (slower, needs the registry). */
const REAL_CLONE = process.env.KASSI_FRESH_CLONE === '1';

/**
 * A checkout of the repository as a newcomer gets it. By default the working tree's files
 * (tracked and new, not ignored ones: no `data/`) are copied and node_modules is linked, which
 * stands in for `git clone && npm ci` and keeps `npm test` fast.
 */
function checkout(dir: string) {
  if (REAL_CLONE) {
    execFileSync('git', ['clone', '--quiet', ROOT, dir]);
    execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'ignore' });
    return;
  }
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const f of files) {
    if (!existsSync(join(ROOT, f))) continue;
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    copyFileSync(join(ROOT, f), join(dir, f));
  }
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
}

/** An npm command in the checkout, in its own process group (a terminal's Ctrl+C reaches the whole group). */
function npm(cwd: string, args: string[], env: Record<string, string>): Spawned {
  const child = spawn('npm', args, {
    cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? cwd, ...testHashing(), ...env },
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, output: () => out, exited };
}

/** What a newcomer does, in the README's order: the README's commands must work as written. */
describe("the README's first steps, from a fresh checkout", () => {
  const dir = mkdtempSync(join(tmpdir(), 'kassi-clone-'));
  const groups: Spawned[] = [];
  afterAll(() => {
    for (const g of groups) if (g.child.exitCode === null && g.child.signalCode === null) process.kill(-g.child.pid!, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }, 180_000);

  it('npm start; npm run seed:demo beside it; a demo user signs in; after Ctrl+C and npm start everything is there', async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const steps = ['npm ci && npm start', 'npm run seed:demo', 'http://localhost:3000/app/'].map((s) => readme.indexOf(s));
    expect(steps.every((i, n) => i >= 0 && (n === 0 || i > steps[n - 1])), 'README: npm ci && npm start, then npm run seed:demo, then the app at /app/').toBe(true);

    checkout(dir);
    // The README's port, unless it is taken on this machine.
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    /** `npm start`, once its start-up lines are out. */
    const start = async () => {
      const p = npm(dir, ['start'], { PORT: String(port) });
      groups.push(p);
      await waitForHttp(`${base}/health/ready`, p, 120_000);
      await eventually(async () => p.output().includes('kassi api ready'));
      return p;
    };
    const stop = async (p: Spawned) => {
      process.kill(-p.child.pid!, 'SIGINT');
      await p.exited;
    };

    const first = await start();
    expect(first.output()).toContain(`http://localhost:${port}/docs`);
    expect(first.output()).toMatch(/no users yet: `npm run seed:demo`.*BOOTSTRAP_ADMIN_EMAIL/);
    expect((await fetch(`${base}/docs`)).status).toBe(200);

    const seed = npm(dir, ['run', 'seed:demo'], {});
    groups.push(seed);
    expect((await seed.exited).code, seed.output()).toBe(0);
    const users = [...seed.output().matchAll(/^ {2}(\S+@\S+)\s+(\S+)\s+(\w+)$/gm)].map(([, email, password, role]) => ({ email, password, role }));
    expect(users.map((u) => u.role).sort()).toEqual(['coordinator', 'driver', 'point_lead', 'warehouse']);

    const login = async (u: { email: string; password: string }) => {
      const res = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: u.email, password: u.password }) });
      expect(res.status, u.email).toBe(200);
      return ((await res.json()) as { token: string }).token;
    };
    const coordinator = users.find((u) => u.role === 'coordinator')!;
    const sitesSeen = async () => {
      const res = await fetch(`${base}/sites`, { headers: { authorization: `Bearer ${await login(coordinator)}` } });
      return ((await res.json()) as { items: { name: string; address: string; phone?: string }[] }).items;
    };
    for (const u of users) await login(u);
    const before = await sitesSeen();
    expect(before).toHaveLength(22);

    await stop(first);
    const second = await start();
    expect(second.output()).not.toContain('no users yet');
    for (const u of users) await login(u);
    expect(await sitesSeen()).toEqual(before);

    const reseed = npm(dir, ['run', 'seed:demo'], {});
    groups.push(reseed);
    expect((await reseed.exited).code, reseed.output()).toBe(0);
    expect(reseed.output()).toContain('already seeded: nothing changed');
    expect(await sitesSeen()).toEqual(before);
    await stop(second);
    expect(second.output()).not.toMatch(/"level":50/);
  }, 400_000);
});
