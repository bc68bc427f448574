import { request } from 'node:http';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dropTestDatabase } from '../helpers/app.ts';
import { freePort, spawnEntry, waitForHttp, type Spawned } from '../helpers/process.ts';
import { call, sleep } from './http-client.ts';

const IN_FLIGHT = 100;
/** The API's database pool in this test: bodies are let through at most this many at a time (see below). */
const POOL_SIZE = 20;
const ADMIN = { email: 'admin@example.org', password: 'admin-password-1' };

/**
 * A POST in flight: it asks `Expect: 100-continue`, so the server's 100 Continue says it has
 * taken the request (parsed its headers and handed it to the app); a first part of the body
 * follows, the rest waits for `finish()`.
 */
function slowPost(port: number, path: string, headers: Record<string, string>, body: unknown) {
  const payload = Buffer.from(JSON.stringify(body));
  let settle!: (v: { status: number | string; body: string }) => void;
  const done = new Promise<{ status: number | string; body: string }>((r) => (settle = r));
  const req = request({
    host: '127.0.0.1', port, path, method: 'POST', agent: false,
    headers: { ...headers, 'content-type': 'application/json', 'content-length': payload.length, expect: '100-continue' },
  }, (res) => {
    let text = '';
    res.on('data', (d) => (text += d));
    res.on('end', () => settle({ status: res.statusCode ?? 0, body: text }));
  });
  req.on('error', (e: NodeJS.ErrnoException) => settle({ status: e.code ?? 'error', body: '' }));
  const taken = new Promise<void>((r) => req.once('continue', () => {
    req.write(payload.subarray(0, 10));
    r();
  }));
  req.flushHeaders();
  return { taken, finish: () => (req.end(payload.subarray(10)), done) };
}

/** Runs `work` over `items` with at most `limit` at a time, keeping their order in the answers. */
async function atMost<T, R>(limit: number, items: T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]);
    }
  }));
  return out;
}

/** True once a new connection to the port is refused; a connection still taken is answered and closed. */
async function refusesConnections(port: number): Promise<boolean> {
  try {
    await call(port, 'GET', '/health/live', { timeoutMs: 2_000 });
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ECONNREFUSED';
  }
}

/**
 * A deploy stops the API with SIGTERM while 100 writes are in flight (PostgreSQL mode): each
 * of them completes and is stored, new connections are refused, and the process exits 0, which
 * close-with-grace allows only when the shutdown finished within its grace period (it exits 1
 * when that runs out).
 */
describe('API SIGTERM with 100 requests in flight', () => {
  let db: { name: string; url: string };
  let api: Spawned | undefined;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    if (api && api.child.exitCode === null) {
      api.child.kill('SIGKILL');
      await api.exited;
    }
    if (db) await dropTestDatabase(db.name);
  });

  it('finishes all of them, refuses new connections and exits 0', async () => {
    const port = await freePort();
    api = spawnEntry('src/server.ts', {
      PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: db.url, DATABASE_POOL_SIZE: String(POOL_SIZE), LOG_LEVEL: 'warn',
      BOOTSTRAP_ADMIN_EMAIL: ADMIN.email, BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
    });
    await waitForHttp(`http://127.0.0.1:${port}/health/ready`, api, 120_000);
    const login = await call(port, 'POST', '/auth/login', { body: ADMIN });
    const auth = { authorization: `Bearer ${login.body.token}` };
    const post = async (path: string, body: object) => (await call(port, 'POST', path, { headers: auth, body })).body;
    const depot = await post('/sites', { kind: 'depot', name: 'Deploy depot', municipality: 'Mikkeli', lat: 61.7, lon: 27.2 });
    const donor = await post('/sites', { kind: 'donor', name: 'Deploy shop', municipality: 'Mikkeli', lat: 61.69, lon: 27.27, depotId: depot.id });
    // Intakes into one unit take turns (its capacity is checked under a row lock); a depot has a few.
    const units = await Promise.all(Array.from({ length: 10 }, (_, i) => post('/storage-units', { depotId: depot.id, name: `Dry ${i}`, temperatureClass: 'ambient', capacityKg: 1_000_000 })));

    const inFlight = Array.from({ length: IN_FLIGHT }, (_, i) => slowPost(port, '/intakes', { ...auth, 'idempotency-key': `deploy-${i}` }, {
      donorId: donor.id, lines: [{ category: 'dry_goods', kg: (i + 1) / 10, temperatureClass: 'ambient', dateKind: 'none', date: null, storageUnitId: units[i % units.length].id }],
    }));
    // The server has taken every one of them (100 Continue) before the signal: all are in flight.
    await Promise.all(inFlight.map((r) => r.taken));
    const termAt = Date.now();
    api.child.kill('SIGTERM');
    // It stops listening once the signal is handled: wait for that, generously, rather than guess when.
    await expect.poll(() => refusesConnections(port), { timeout: 30_000, interval: 100 }).toBe(true);

    // The bodies arrive now, as many at a time as the API has database connections: 100 at once
    // would wait for the pool, and past its 5 s a write answers 503 (retry) on a loaded machine,
    // which says nothing about shutting down.
    const answers = await atMost(POOL_SIZE, inFlight, (r) => r.finish());
    if (answers.some((a) => a.status !== 201)) console.info(answers.filter((a) => a.status !== 201).slice(0, 3), api.output().slice(-2000));
    expect(answers.map((a) => a.status)).toEqual(Array(IN_FLIGHT).fill(201));
    const exit = await Promise.race([api.exited, sleep(60_000).then(() => 'still running')]);
    expect(exit).toEqual({ code: 0, signal: null });
    console.info(`api SIGTERM: ${IN_FLIGHT} writes in flight completed, exit 0 after ${Date.now() - termAt} ms`);

    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query<{ n: string; g: string }>('select count(*) as n, sum(received_g) as g from lots where donor_id = $1', [donor.id]);
    await client.end();
    expect({ n: Number(rows[0].n), g: Number(rows[0].g) }).toEqual({ n: IN_FLIGHT, g: (IN_FLIGHT * (IN_FLIGHT + 1) / 2) * 100 });
  }, 90_000);
});
