import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, spawnEntry, waitForHttp, type Spawned } from '../helpers/process.ts';
import { call, sleep } from './http-client.ts';
import { startPostgres, type TestPostgres } from './servers.ts';

const ADMIN = { email: 'admin@example.org', password: 'admin-password-1' };
const WRITERS = 8;

/**
 * The database crashes under the API: a PostgreSQL cluster of the test's own is restarted in
 * immediate mode (no checkpoint, crash recovery at start) while clients write. Readiness says
 * so and recovers, the API process survives, and every write it acknowledged is there.
 */
describe('PostgreSQL restarted in immediate mode during writes', () => {
  let cluster: TestPostgres;
  let api: Spawned | undefined;
  beforeAll(async () => {
    cluster = await startPostgres();
    const admin = new pg.Client({ connectionString: cluster.url() });
    await admin.connect();
    await admin.query('create database kassi');
    await admin.end();
  });
  afterAll(async () => {
    if (api && api.child.exitCode === null) {
      api.child.kill('SIGKILL');
      await api.exited;
    }
    cluster?.stop();
  });

  it('answers 503 on /health/ready then 200 within 30 s, never crashes, and keeps every acknowledged write', async () => {
    const port = await freePort();
    api = spawnEntry('src/server.ts', {
      PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: cluster.url('kassi'), LOG_LEVEL: 'warn',
      BOOTSTRAP_ADMIN_EMAIL: ADMIN.email, BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
    });
    await waitForHttp(`http://127.0.0.1:${port}/health/ready`, api);
    const login = await call(port, 'POST', '/auth/login', { body: ADMIN });
    const auth = { authorization: `Bearer ${login.body.token}` };
    const post = async (path: string, body: object) => {
      const res = await call(port, 'POST', path, { headers: auth, body });
      if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    const depot = await post('/sites', { kind: 'depot', name: 'Crash depot', municipality: 'Mikkeli', lat: 61.7, lon: 27.2 });
    const donor = await post('/sites', { kind: 'donor', name: 'Crash shop', municipality: 'Mikkeli', lat: 61.69, lon: 27.27, depotId: depot.id });
    const unit = await post('/storage-units', { depotId: depot.id, name: 'Dry', temperatureClass: 'ambient', capacityKg: 1_000_000 });

    // Readiness, sampled every 100 ms through the whole run.
    const readiness: number[] = [];
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        readiness.push(await call(port, 'GET', '/health/ready', { timeoutMs: 5_000 }).then((r) => r.status, () => -1));
        await sleep(100);
      }
    })();

    const acked: { id: string; key: string; grams: number }[] = [];
    const failures: Record<string, number> = {};
    let writing = true;
    let seq = 0;
    const writers = Array.from({ length: WRITERS }, async () => {
      while (writing) {
        const i = ++seq;
        const grams = 1_000 + i;
        const key = `pg-crash-${i}`;
        try {
          const res = await call(port, 'POST', '/intakes', {
            headers: { ...auth, 'idempotency-key': key }, timeoutMs: 15_000,
            body: { donorId: donor.id, lines: [{ category: 'dry_goods', kg: grams / 1000, temperatureClass: 'ambient', dateKind: 'none', date: null, storageUnitId: unit.id }] },
          });
          if (res.status === 201) acked.push({ id: res.body.id, key, grams });
          else failures[res.status] = (failures[res.status] ?? 0) + 1;
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code ?? 'error';
          failures[code] = (failures[code] ?? 0) + 1;
          await sleep(50);
        }
      }
    });

    await sleep(1_500);
    const before = acked.length;
    const restartedAt = Date.now();
    await cluster.restartImmediate();
    // Ready again within 30 s of the crash.
    let readyAfterMs = -1;
    while (Date.now() - restartedAt < 30_000) {
      if ((await call(port, 'GET', '/health/ready').then((r) => r.status, () => -1)) === 200 && readiness.slice(-3).every((s) => s === 200)) {
        readyAfterMs = Date.now() - restartedAt;
        break;
      }
      await sleep(100);
    }
    await sleep(1_500);
    writing = false;
    await Promise.all(writers);
    sampling = false;
    await sampler;

    if (readyAfterMs < 0) console.info(JSON.stringify({ readiness, failures, acked: acked.length, before }), api.output().slice(-3000));
    expect(readyAfterMs).toBeGreaterThanOrEqual(0);
    const firstDown = readiness.indexOf(503);
    expect(firstDown).toBeGreaterThan(0);
    expect(readiness.slice(0, firstDown).every((s) => s === 200)).toBe(true);
    expect(readiness.slice(firstDown).includes(200)).toBe(true);
    expect(readiness.at(-1)).toBe(200);
    expect(api.child.exitCode).toBeNull();
    expect(acked.length).toBeGreaterThan(before);
    // Writes that could not be done said so with a retryable 503, never a 500.
    expect(Object.keys(failures).filter((k) => /^\d+$/.test(k) && k !== '503')).toEqual([]);

    const db = new pg.Client({ connectionString: cluster.url('kassi') });
    await db.connect();
    try {
      const { rows } = await db.query<{ id: string; grams: string }>(
        'select i.id, sum(l.received_g) as grams from intakes i join lots l on l.intake_id = i.id where i.id = any($1::uuid[]) group by i.id',
        [acked.map((a) => a.id)]);
      const stored = new Map(rows.map((r) => [r.id, Number(r.grams)]));
      expect(acked.filter((a) => stored.get(a.id) !== a.grams)).toEqual([]);
    } finally {
      await db.end();
    }
    console.info(`postgres restart: ${acked.length} writes acknowledged (${before} before the crash), failures ${JSON.stringify(failures)}, ready again after ${readyAfterMs} ms, readiness samples ${readiness.length}`);
  }, 120_000);
});
