import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { sql } from 'drizzle-orm';
import { QUEUE_NAME } from '../../src/jobs/runner.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestContext } from '../helpers/app.ts';
import { seedNetwork } from '../helpers/fixtures.ts';
import { spawnEntry, type Spawned } from '../helpers/process.ts';
import { MONDAY, TUESDAY, stockBags, testClock } from '../helpers/reservations.ts';
import { call, sleep } from './http-client.ts';
import { startRedis, type TestRedis } from './servers.ts';

async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v !== undefined && v !== false) return v;
    if (Date.now() > until) throw new Error(`timed out: ${what}`);
    await sleep(200);
  }
}

/**
 * Redis (the job queue) dies and comes back 2 s later (or once the writes below are done) on its
 * own port with its append-only file. Writes keep being accepted meanwhile; their jobs wait in the
 * outbox and reach the queue when Redis is back, and the worker process, never restarted, runs them.
 */
describe('Redis killed and restarted', () => {
  let redis: TestRedis;
  let ctx: TestContext;
  let worker: Spawned | undefined;
  const prefix = `kassi_fault_${randomBytes(3).toString('hex')}`;

  beforeAll(async () => {
    redis = await startRedis();
    const clock = testClock();
    ctx = await startTestApp({ now: clock.now, env: { REDIS_URL: redis.url, REDIS_PREFIX: prefix } });
  });
  afterAll(async () => {
    if (worker && worker.child.exitCode === null) {
      worker.child.kill('SIGKILL');
      await worker.exited;
    }
    await ctx?.close();
    await redis?.stop();
  });

  it('keeps accepting intakes and reservations, answers 503 only for queue-backed actions, and loses no job', async () => {
    const port = (ctx.app.server.address() as { port: number }).port;
    const net = await seedNetwork(ctx);
    const wh = bearer((await ctx.userToken('warehouse')).token);
    const lead = bearer((await ctx.userToken('point_lead', { pointId: net.point.id })).token);
    await stockBags(ctx.deps.database.db, { depotId: net.depot.id, count: 40 });
    worker = spawnEntry('src/worker.ts', { DATABASE_URL: ctx.databaseUrl!, REDIS_URL: redis.url, REDIS_PREFIX: prefix, WORKER_LOCK_DURATION_MS: '5000' });
    await waitFor('worker ready', async () => worker!.output().includes('kassi worker ready'));
    const workerPid = worker.child.pid;

    let n = 0;
    const intake = (grams: number) => call(port, 'POST', '/intakes', {
      headers: { ...wh, 'idempotency-key': `redis-intake-${++n}` },
      body: { donorId: net.donor.id, lines: [{ category: 'dry_goods', kg: grams / 1000, temperatureClass: 'ambient', dateKind: 'none', date: null, storageUnitId: net.units.ambient.id }] },
    });
    const reserve = (bags: number) => call(port, 'POST', '/reservations', {
      headers: { ...lead, 'idempotency-key': `redis-res-${++n}` }, body: { pointId: net.point.id, date: TUESDAY, bagType: 'food', bags },
    });
    const tallied = async () => {
      const { database } = ctx.deps;
      const [r] = await database.rows<{ tally: string | null; ledger: string }>(database.db, sql`
        select (select g_in from tallies where depot_id = ${net.depot.id} and day = ${MONDAY} and dimension = 'depot' and key = ${net.depot.id}) as tally,
               (select coalesce(sum(grams), 0) from ledger_entries where depot_id = ${net.depot.id} and kind = 'intake') as ledger`);
      return { tally: r.tally === null ? null : Number(r.tally), ledger: Number(r.ledger) };
    };
    const unsent = async () => Number((await ctx.deps.database.rows<{ n: string }>(ctx.deps.database.db, sql`select count(*) as n from outbox where sent_at is null`))[0].n);

    // Before the fault: the worker counts what comes in.
    expect((await intake(10_000)).status).toBe(201);
    expect((await reserve(5)).status).toBe(201);
    await waitFor('tallies before the fault', async () => (await tallied()).tally === 10_000);

    await redis.kill('SIGKILL');
    const downAt = Date.now();
    await waitFor('readiness reports Redis down', async () => {
      const r = await call(port, 'GET', '/health/ready');
      return r.status === 503 && r.body.checks.redis === 'down';
    });

    const during: number[] = [];
    const grams = [1_234, 2_500, 3_001, 4_444, 5_555, 6_000, 7_777, 8_008];
    for (const g of grams) during.push((await intake(g)).status);
    const held = await reserve(3);
    during.push(held.status);
    during.push((await reserve(2)).status);
    during.push((await call(port, 'POST', `/reservations/${held.body.id}/cancel`, { headers: { ...lead, 'idempotency-key': `redis-cancel-${++n}` } })).status);
    expect(during).toEqual([...grams.map(() => 201), 201, 201, 200]);

    // The route planner needs the queue: it says so instead of accepting work it cannot start.
    const coordinator = bearer(net.coordinator.token);
    const refused = await call(port, 'POST', '/route-plans', { headers: coordinator, body: { depotId: net.depot.id, date: TUESDAY } });
    expect([refused.status, refused.body.code]).toEqual([503, 'queue_unavailable']);
    expect(await unsent()).toBeGreaterThan(0);
    expect(worker.child.exitCode).toBeNull();

    await sleep(Math.max(0, 2_000 - (Date.now() - downAt)));
    await redis.start();
    await waitFor('ready again', async () => (await call(port, 'GET', '/health/ready')).status === 200);
    await waitFor('outbox drained', async () => (await unsent()) === 0);
    const expected = 10_000 + grams.reduce((s, g) => s + g, 0);
    await waitFor('tallies include the writes made while Redis was down', async () => {
      const t = await tallied();
      return t.ledger === expected && t.tally === expected;
    });
    // Drained: nothing waiting, running, failed or delayed, apart from the cron schedulers' next runs.
    const queue = new Queue(QUEUE_NAME, { connection: { host: '127.0.0.1', port: redis.port }, prefix });
    try {
      await waitFor('queue drained', async () => {
        const c = await queue.getJobCounts('waiting', 'active', 'failed', 'prioritized');
        const delayed = (await queue.getDelayed()).filter((j) => !j.repeatJobKey);
        return c.waiting + c.active + c.failed + c.prioritized + delayed.length === 0;
      });
      expect((await queue.getCompleted()).filter((j) => j.name === 'tally-day').length).toBeGreaterThan(1);
    } finally {
      await queue.close();
    }
    // Same worker process all along.
    expect(worker.child.pid).toBe(workerPid);
    expect(worker.child.exitCode).toBeNull();

    // The planner works again, through the same worker.
    const plan = await call(port, 'POST', '/route-plans', { headers: coordinator, body: { depotId: net.depot.id, date: TUESDAY } });
    expect(plan.status).toBe(202);
    await waitFor('plan solved', async () => ['done', 'failed'].includes((await call(port, 'GET', `/route-plans/${plan.body.id}`, { headers: coordinator })).body.status));
    expect((await call(port, 'GET', `/route-plans/${plan.body.id}`, { headers: coordinator })).body.status).toBe('done');

    const avail = await call(port, 'GET', `/bags/available?depotId=${net.depot.id}&bagType=food`, { headers: lead });
    expect(avail.body.available).toBe(40 - 5 - 2);
  }, 120_000);
});
