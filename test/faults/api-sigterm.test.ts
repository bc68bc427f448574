import { request } from 'node:http';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dropTestDatabase } from '../helpers/app.ts';
import { freePort, spawnEntry, waitForHttp, type Spawned } from '../helpers/process.ts';
import { call, sleep } from './http-client.ts';

const IN_FLIGHT = 100;
const ADMIN = { email: 'admin@example.org', password: 'admin-password-1' };

/** A POST whose body arrives in two parts: the server holds it in flight until `finish()`. */
function slowPost(port: number, path: string, headers: Record<string, string>, body: unknown) {
  const payload = Buffer.from(JSON.stringify(body));
  let settle!: (v: { status: number | string; body: string }) => void;
  const done = new Promise<{ status: number | string; body: string }>((r) => (settle = r));
  const req = request({ host: '127.0.0.1', port, path, method: 'POST', agent: false, headers: { ...headers, 'content-type': 'application/json', 'content-length': payload.length } }, (res) => {
    let text = '';
    res.on('data', (d) => (text += d));
    res.on('end', () => settle({ status: res.statusCode ?? 0, body: text }));
  });
  req.on('error', (e: NodeJS.ErrnoException) => settle({ status: e.code ?? 'error', body: '' }));
  const connected = new Promise<void>((r) => req.once('socket', (sock) => sock.once('connect', () => r())));
  req.write(payload.subarray(0, 10));
  return { connected, finish: () => (req.end(payload.subarray(10)), done) };
}

/**
 * A deploy stops the API with SIGTERM while 100 writes are in flight (PostgreSQL mode): each
 * of them completes and is stored, new connections are refused, the process exits 0 in 10 s.
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

  it('finishes all of them, refuses new connections and exits 0 within 10 s', async () => {
    const port = await freePort();
    api = spawnEntry('src/server.ts', {
      PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: db.url, LOG_LEVEL: 'warn',
      BOOTSTRAP_ADMIN_EMAIL: ADMIN.email, BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
    });
    await waitForHttp(`http://127.0.0.1:${port}/health/ready`, api);
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
    // Every connection is open, and the server has taken them all: the accept queue is first in,
    // first out, so a request on a connection opened after them being answered means they are in.
    await Promise.all(inFlight.map((r) => r.connected));
    expect((await call(port, 'GET', '/health/live')).status).toBe(200);
    await sleep(300);
    const termAt = Date.now();
    api.child.kill('SIGTERM');
    await sleep(500);
    await expect(call(port, 'GET', '/health/live', { timeoutMs: 2_000 })).rejects.toMatchObject({ code: 'ECONNREFUSED' });

    const answers = await Promise.all(inFlight.map((r) => r.finish()));
    if (answers.some((a) => a.status !== 201)) console.info(answers.filter((a) => a.status !== 201).slice(0, 3), api.output().slice(-2000));
    expect(answers.map((a) => a.status)).toEqual(Array(IN_FLIGHT).fill(201));
    const exit = await Promise.race([api.exited, sleep(10_000 - (Date.now() - termAt)).then(() => 'still running')]);
    expect(exit).toEqual({ code: 0, signal: null });

    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query<{ n: string; g: string }>('select count(*) as n, sum(received_g) as g from lots where donor_id = $1', [donor.id]);
    await client.end();
    expect({ n: Number(rows[0].n), g: Number(rows[0].g) }).toEqual({ n: IN_FLIGHT, g: (IN_FLIGHT * (IN_FLIGHT + 1) / 2) * 100 });
  }, 90_000);
});
