import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, spawnEntry, waitForHttp } from './helpers/process.ts';

/**
 * A POST whose body arrives in two parts: it asks `Expect: 100-continue`, so the server's
 * 100 Continue says it holds the request in flight (headers read, body pending); the first part
 * follows, and the rest waits for `finish()`.
 */
function slowPost(url: string, headers: Record<string, string>, body: string) {
  const payload = Buffer.from(body);
  let settle!: (status: number | string) => void;
  const status = new Promise<number | string>((r) => (settle = r));
  const req = request(url, { method: 'POST', agent: false, headers: { ...headers, 'content-type': 'application/json', 'content-length': payload.length, expect: '100-continue' } }, (res) => {
    res.resume();
    res.on('end', () => settle(res.statusCode ?? 0));
  });
  req.on('error', (e: NodeJS.ErrnoException) => settle(e.code ?? 'error'));
  const taken = new Promise<void>((r) => req.once('continue', () => {
    req.write(payload.subarray(0, 10));
    r();
  }));
  req.flushHeaders();
  return { taken, finish: () => (req.end(payload.subarray(10)), status) };
}

/** True once a new connection is refused (the server stopped listening). */
const refusesConnections = (url: string) => fetch(url).then(() => false, () => true);

/**
 * The real entry point as its own process, in embedded mode (PGlite under DATA_DIR,
 * in-process jobs): what a newcomer gets from `npm start`.
 */
describe('the API process', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('stops at start with a one-line message naming a bad variable', async () => {
    const proc = spawnEntry('src/server.ts', { PORT: 'eighty' });
    const { code } = await proc.exited;
    expect(code).toBe(1);
    expect(proc.output().trim().split('\n')).toEqual([expect.stringMatching(/^Invalid environment variable PORT: /)]);
  }, 120_000);

  it('keeps data in DATA_DIR across a restart, and exits 0 on SIGTERM after finishing in-flight requests', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kassi-embedded-'));
    dirs.push(dataDir);
    const port = await freePort();
    const env = { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, BOOTSTRAP_ADMIN_EMAIL: 'admin@example.org', BOOTSTRAP_ADMIN_PASSWORD: 'admin-password-1' };
    const base = `http://127.0.0.1:${port}`;

    const first = spawnEntry('src/server.ts', env);
    await waitForHttp(`${base}/health/ready`, first, 120_000);
    const login = await (await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@example.org', password: 'admin-password-1' }) })).json() as { token: string };
    const auth = { authorization: `Bearer ${login.token}` };
    const created = await fetch(`${base}/sites`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'depot', name: 'Persisted depot', municipality: 'Mikkeli', lat: 61.7, lon: 27.2 }) });
    expect(created.status).toBe(201);

    // Requests in flight when SIGTERM arrives still get their answers; new connections are refused.
    const inFlight = Array.from({ length: 10 }, (_, i) => slowPost(`${base}/sites`, auth, JSON.stringify({ kind: 'donor', name: `In flight ${i}`, municipality: 'Mikkeli', lat: 61.7, lon: 27.2 })));
    await Promise.all(inFlight.map((r) => r.taken));
    first.child.kill('SIGTERM');
    // It stops listening once the signal is handled: wait for that, generously, rather than guess when.
    await expect.poll(() => refusesConnections(`${base}/health/live`), { timeout: 30_000, interval: 100 }).toBe(true);
    expect(await Promise.all(inFlight.map((r) => r.finish()))).toEqual(Array(10).fill(201));
    expect(await first.exited).toEqual({ code: 0, signal: null });

    const second = spawnEntry('src/server.ts', env);
    await waitForHttp(`${base}/health/ready`, second, 120_000);
    const relogin = await (await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@example.org', password: 'admin-password-1' }) })).json() as { token: string };
    const sites = await (await fetch(`${base}/sites?kind=depot`, { headers: { authorization: `Bearer ${relogin.token}` } })).json() as { items: { name: string }[] };
    expect(sites.items.map((s) => s.name)).toEqual(['Persisted depot']);
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
  }, 300_000);
});
