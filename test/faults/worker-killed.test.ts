import { Queue } from 'bullmq';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUE_NAME, workerName } from '../../src/jobs/runner.ts';
import { addDays, localDate, localTimeOnDate } from '../../src/domain/dates.ts';
import { bearer, redisPrefix, startTestApp, type TestContext } from '../helpers/app.ts';
import { seedNetwork } from '../helpers/fixtures.ts';
import { spawnEntry, type Spawned } from '../helpers/process.ts';
import { REDIS_URL } from '../global-setup.ts';
import { call, sleep } from './http-client.ts';

const PLANS = 100;
const TALLY_DAYS = 100;
const KILLS = 10;
const PLAN_DATES = 10;
const FIRST_PLAN_DATE = '2030-08-05';

async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v !== undefined && v !== false) return v;
    if (Date.now() > until) throw new Error(`timed out: ${what}`);
    await sleep(200);
  }
}

/** A deterministic pseudo-random sequence, so a failing run can be replayed. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * The worker process dies (SIGKILL, no goodbye) ten times while it works through 100 route
 * plans and 100 tally recounts. BullMQ hands a dead worker's jobs to the next one once their
 * short lock expires; the processors are idempotent, so every effect lands exactly once.
 */
describe('worker killed mid-job', () => {
  let ctx: TestContext;
  let queue: Queue;
  const prefix = redisPrefix();
  const workers: Spawned[] = [];
  // The solver holds the event loop for its time limit, so a job lock must outlast that limit:
  // the short lock (fast hand-over after a SIGKILL) goes with short plans.
  const workerEnv = (timeLimitMs: number, lockMs: number | null) => ({
    DATABASE_URL: ctx.databaseUrl!, REDIS_URL, REDIS_PREFIX: prefix, PLANNING_TIME_LIMIT_MS: String(timeLimitMs), LOG_LEVEL: 'info',
    ...(lockMs !== null ? { WORKER_LOCK_DURATION_MS: String(lockMs) } : {}),
  });
  const startWorker = async (timeLimitMs = 150, lockMs: number | null = 1500) => {
    const w = spawnEntry('src/worker.ts', workerEnv(timeLimitMs, lockMs));
    workers.push(w);
    await waitFor('worker ready', async () => w.output().includes('kassi worker ready') || (w.child.exitCode !== null && Promise.reject(new Error(w.output()))), 120_000);
    return w;
  };
  /** Jobs this worker process is working on now: BullMQ records the worker's name on each job it takes. */
  const activeJobsOf = async (w: Spawned) => (await queue.getActive()).filter((j) => j.processedBy === workerName(w.child.pid));
  const nothingLeft = async () => {
    const c = await queue.getJobCounts('waiting', 'active', 'prioritized');
    return c.waiting + c.active + c.prioritized === 0 && (await queue.getDelayed()).every((j) => j.repeatJobKey);
  };
  const plansByStatus = async () => Object.fromEntries((await ctx.deps.database.rows<{ status: string; n: string }>(ctx.deps.database.db,
    sql`select status, count(*) as n from route_plans group by status`)).map((r) => [r.status, Number(r.n)]));

  beforeAll(async () => {
    ctx = await startTestApp({ env: { REDIS_URL, REDIS_PREFIX: prefix } });
    queue = new Queue(QUEUE_NAME, { connection: { url: REDIS_URL }, prefix });
  });
  afterAll(async () => {
    for (const w of workers) {
      if (w.child.exitCode === null && w.child.signalCode === null) {
        w.child.kill('SIGKILL');
        await w.exited;
      }
    }
    await queue?.close();
    await ctx?.close();
  });

  it('applies every plan and every tally exactly once across 10 SIGKILLs, and the queue drains', async () => {
    const port = (ctx.app.server.address() as { port: number }).port;
    const net = await seedNetwork(ctx);
    const co = bearer(net.coordinator.token);
    const ok = async (path: string, body: object, headers = co, status = 201) => {
      const res = await call(port, 'POST', path, { headers, body });
      if (res.status !== status) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    await ok('/vehicles', { depotId: net.depot.id, name: 'Van', refrigerated: true, capacityKg: 800, capacityBags: 100, shiftStart: '08:00', shiftEnd: '16:00' });
    await ok(`/sites/${net.donor.id}/pickup-schedules`, { weekdays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], windowStart: '08:00', windowEnd: '10:00', expectedKg: 40 });

    // 100 late intakes, one on each of the last 100 days (a coordinator backdates): each queues a recount of its own day.
    const today = localDate(new Date());
    const days = Array.from({ length: TALLY_DAYS }, (_, i) => addDays(today, -(i + 1)));
    for (const [i, day] of days.entries()) {
      await ok('/intakes', {
        donorId: net.donor.id, receivedAt: localTimeOnDate(day, '10:00').toISOString(),
        lines: [{ category: 'dry_goods', kg: 1 + i / 1000, temperatureClass: 'ambient', dateKind: 'none', date: null, storageUnitId: net.units.ambient.id }],
      });
    }
    // 100 plans: ten versions for each of ten days.
    const planIds: string[] = [];
    for (let v = 0; v < PLANS / PLAN_DATES; v++) {
      for (let d = 0; d < PLAN_DATES; d++) planIds.push((await ok('/route-plans', { depotId: net.depot.id, date: addDays(FIRST_PLAN_DATE, d) }, co, 202)).id);
    }

    // The nemesis, ten times: once a worker has taken a job (seen on the job, not guessed from the
    // clock), it works a random 0 to 1 s more (a plan or a recount takes a few hundred ms), then is SIGKILLed.
    const rnd = prng(11);
    let killedWhileActive = 0;
    for (let k = 0; k < KILLS; k++) {
      const w = await startWorker();
      await waitFor('the worker at work', async () => (await activeJobsOf(w)).length > 0 || nothingLeft(), 120_000);
      await sleep(rnd() * 1_000);
      if ((await activeJobsOf(w)).length > 0) killedWhileActive += 1;
      w.child.kill('SIGKILL');
      expect((await w.exited).signal).toBe('SIGKILL');
    }
    const survivor = await startWorker();

    // Generous bounds: on a loaded machine a plan takes seconds, not its 150 ms solver budget.
    await waitFor('all plans finished', async () => (await plansByStatus()).done === PLANS, 600_000).catch(async (e) => {
      const failed = (await queue.getFailed()).map((j) => `${j.name} ${j.failedReason}`);
      console.info(JSON.stringify({ plans: await plansByStatus(), counts: await queue.getJobCounts(), failed: failed.slice(0, 5) }), survivor.output().slice(-3000));
      throw e;
    });
    await waitFor('queue drained', async () => {
      const c = await queue.getJobCounts('waiting', 'active', 'failed', 'prioritized');
      const delayed = (await queue.getDelayed()).filter((j) => !j.repeatJobKey);
      return c.waiting + c.active + c.prioritized + delayed.length === 0 && c.failed === 0;
    }, 300_000);
    expect(await queue.getFailedCount()).toBe(0);
    expect(killedWhileActive).toBeGreaterThan(0);

    const { database } = ctx.deps;
    // One plan per version: versions 1..10 of each day, each done once with one set of routes.
    const versions = await database.rows<{ date: string; versions: number[] }>(database.db, sql`
      select date::text as date, array_agg(version order by version) as versions from route_plans group by date order by date`);
    expect(versions).toEqual(Array.from({ length: PLAN_DATES }, (_, d) => ({ date: addDays(FIRST_PLAN_DATE, d), versions: Array.from({ length: PLANS / PLAN_DATES }, (_, v) => v + 1) })));
    const perPlan = await database.rows<{ id: string; routes: string; vehicles: string | null; stops: string; tasks: string }>(database.db, sql`
      select p.id, (select count(*) from routes r where r.plan_id = p.id) as routes, p.totals->>'vehicles' as vehicles,
             (select count(*) from route_stops s join routes r on r.id = s.route_id where r.plan_id = p.id) as stops,
             (select count(distinct s.task_id) from route_stops s join routes r on r.id = s.route_id where r.plan_id = p.id) as tasks
      from route_plans p`);
    expect(perPlan.length).toBe(PLANS);
    for (const p of perPlan) {
      expect(Number(p.routes)).toBe(Number(p.vehicles));
      expect(Number(p.stops)).toBe(Number(p.tasks));
      expect(Number(p.routes)).toBe(1);
    }
    // Tallies equal the ledger, day by day.
    const mismatched = await database.rows<{ day: string }>(database.db, sql`
      with ledger as (
        select (at at time zone 'Europe/Helsinki')::date as day, sum(grams) as g from ledger_entries
        where depot_id = ${net.depot.id} and kind = 'intake' group by 1
      )
      select l.day::text as day from ledger l
      left join tallies t on t.day = l.day and t.depot_id = ${net.depot.id} and t.dimension = 'depot' and t.key = ${net.depot.id}::text
      where t.g_in is distinct from l.g`);
    expect(mismatched).toEqual([]);
    expect(Number((await database.rows<{ n: string }>(database.db, sql`select count(*) as n from tallies where depot_id = ${net.depot.id} and dimension = 'depot' and g_in > 0`))[0].n)).toBe(TALLY_DAYS);

    survivor.child.kill('SIGTERM');
    expect(await survivor.exited).toEqual({ code: 0, signal: null });
    console.info(`worker killed: ${KILLS} SIGKILLs (${killedWhileActive} with jobs active), ${PLANS} plans and ${TALLY_DAYS} tally days exactly once`);
  }, 1_200_000);

  it('finishes the jobs in flight when stopped with SIGTERM', async () => {
    const port = (ctx.app.server.address() as { port: number }).port;
    const co = bearer((await ctx.userToken('coordinator')).token);
    const depotId = (await ctx.deps.database.rows<{ id: string }>(ctx.deps.database.db, sql`select id from sites where kind = 'depot' limit 1`))[0].id;
    // Both plans wait before the worker starts, so it takes both at once (concurrency 2).
    const ids: string[] = [];
    for (let d = 0; d < 2; d++) ids.push((await call(port, 'POST', '/route-plans', { headers: co, body: { depotId, date: addDays('2030-09-01', d) } })).body.id);
    const w = await startWorker(3_000, null);
    await waitFor('both plans running', async () => {
      const running = (await activeJobsOf(w)).filter((j) => j.name === 'plan-routes' && ids.includes((j.data as { planId: string }).planId));
      return running.length === 2;
    }, 120_000);
    w.child.kill('SIGTERM');
    expect(await w.exited).toEqual({ code: 0, signal: null });
    const statuses = await ctx.deps.database.rows<{ status: string }>(ctx.deps.database.db, sql`select status from route_plans where id in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})`);
    expect(statuses.map((s) => s.status)).toEqual(['done', 'done']);
    if ((await queue.getActiveCount()) !== 0) console.info(w.output().slice(-4000), JSON.stringify(await queue.getJobCounts()));
    expect(await queue.getActiveCount()).toBe(0);
    expect(await queue.getFailedCount()).toBe(0);
  }, 300_000);
});
