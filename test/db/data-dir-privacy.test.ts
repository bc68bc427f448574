import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openEntries } from '../../src/db/data-dir-privacy.ts';
import { freePort, spawnEntry, waitForHttp, type Spawned } from '../helpers/process.ts';

const ADMIN = { email: 'admin@example.org', password: 'admin-password-1' };
const dirs: string[] = [];
const running: Spawned[] = [];
afterAll(() => {
  for (const p of running) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const mode = (path: string) => `0${(statSync(path).mode & 0o777).toString(8)}`;

/** The real server on its own port and DATA_DIR; stopped by its PID. */
async function startServer(dataDir: string) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const proc = spawnEntry('src/server.ts', {
    PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, PASSWORD_HASHING: 'test', NOTIFY_CRON: 'off',
    BOOTSTRAP_ADMIN_EMAIL: ADMIN.email, BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
  });
  running.push(proc);
  return { proc, base, port };
}

async function signIn(base: string) {
  const res = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
  expect(res.status).toBe(200);
  return { authorization: `Bearer ${((await res.json()) as { token: string }).token}` };
}

async function stop(proc: Spawned) {
  proc.child.kill('SIGTERM');
  expect((await proc.exited).code).toBe(0);
}

describe('the embedded data folder is private', () => {
  it('is created 0700 with every file 0600; a DATA_DIR others may read is refused, naming the fix; a private one is narrowed inside', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'kassi-private-'));
    dirs.push(parent);
    const dataDir = join(parent, 'data');

    const first = await startServer(dataDir);
    await waitForHttp(`${first.base}/health/ready`, first.proc, 120_000);
    const auth = await signIn(first.base);
    const site = await fetch(`${first.base}/sites`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'depot', name: 'Private depot', municipality: 'Mikkeli', lat: 61.7, lon: 27.2 }) });
    expect(site.status).toBe(201);
    expect(mode(dataDir)).toBe('0700');
    expect(mode(join(dataDir, 'pglite'))).toBe('0700');
    await stop(first.proc);
    expect(readdirSync(join(dataDir, 'pglite')).length).toBeGreaterThan(5);
    expect(openEntries(dataDir)).toEqual([]);

    // As an older version left it: the folder and its files open to everyone.
    chmodSync(dataDir, 0o755);
    const walFolder = join(dataDir, 'pglite', 'pg_wal');
    chmodSync(walFolder, 0o755);
    const walFile = join(walFolder, readdirSync(walFolder).find((n) => /^[0-9A-F]{24}$/.test(n))!);
    chmodSync(walFile, 0o666);
    const refused = await startServer(dataDir);
    expect((await refused.proc.exited).code).toBe(1);
    expect(refused.proc.output().trim().split('\n')).toEqual([
      `DATA_DIR ${dataDir} can be read or written by other users of this machine (mode 0755); it holds password hashes, emails and phone numbers. Make it private and start again: chmod -R go-rwx ${dataDir}`,
    ]);
    expect(mode(walFile)).toBe('0666');

    // Only the folder made private: the server starts and narrows what is inside.
    chmodSync(dataDir, 0o700);
    const second = await startServer(dataDir);
    await waitForHttp(`${second.base}/health/ready`, second.proc, 120_000);
    expect(mode(walFolder)).toBe('0700');
    expect(mode(walFile)).toBe('0600');
    const sites = await (await fetch(`${second.base}/sites?kind=depot`, { headers: await signIn(second.base) })).json() as { items: { name: string }[] };
    expect(sites.items.map((s) => s.name)).toEqual(['Private depot']);
    await stop(second.proc);
    expect(openEntries(dataDir)).toEqual([]);
  }, 240_000);

  it('a copy of a running DATA_DIR starts on its own: the copied lock names another folder and is taken over', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'kassi-copy-'));
    dirs.push(parent);
    const original = join(parent, 'data');
    const copy = join(parent, 'copy');

    const server = await startServer(original);
    await waitForHttp(`${server.base}/health/ready`, server.proc, 120_000);
    const auth = await signIn(server.base);
    expect((await fetch(`${server.base}/sites`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'depot', name: 'Copied depot', municipality: 'Mikkeli', lat: 61.7, lon: 27.2 }) })).status).toBe(201);
    expect(JSON.parse(readFileSync(join(original, 'kassi.lock'), 'utf8'))).toMatchObject({ pid: server.proc.child.pid, role: 'api', dir: original });

    expect(spawnSync('cp', ['-a', original, copy]).status).toBe(0);
    expect(JSON.parse(readFileSync(join(copy, 'kassi.lock'), 'utf8'))).toMatchObject({ pid: server.proc.child.pid, dir: original });
    const second = await startServer(copy);
    await waitForHttp(`${second.base}/health/ready`, second.proc, 120_000);
    expect(JSON.parse(readFileSync(join(copy, 'kassi.lock'), 'utf8'))).toMatchObject({ pid: second.proc.child.pid, dir: copy });
    const sites = await (await fetch(`${second.base}/sites?kind=depot`, { headers: await signIn(second.base) })).json() as { items: { name: string }[] };
    expect(sites.items.map((s) => s.name)).toEqual(['Copied depot']);
    // The original is still held by its server.
    expect(JSON.parse(readFileSync(join(original, 'kassi.lock'), 'utf8'))).toMatchObject({ pid: server.proc.child.pid });
    expect((await fetch(`${server.base}/health/ready`)).status).toBe(200);
    await stop(second.proc);
    await stop(server.proc);
  }, 240_000);
});
