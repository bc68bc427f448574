import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routePlans, routeStops, routes, sites } from '../../../src/db/schema/index.ts';
import { createProcessors, schedulesFor } from '../../../src/jobs/processors/index.ts';
import { osrmTable } from '../../../src/modules/route-plans/osrm.ts';
import { planNextDay, runPlan } from '../../../src/modules/route-plans/route-plans.service.ts';
import { startTestApp, type TestContext } from '../../helpers/app.ts';
import { seedNetwork } from '../../helpers/fixtures.ts';
import { stockBags } from '../../helpers/reservations.ts';
import { ESSOTE_DAY, post } from '../../helpers/route-plans.ts';

/**
 * The processors driven by hand: jobs go to BullMQ on the real Redis but no worker takes
 * them, so each test decides when (and how often) `plan-routes` runs.
 */
describe('the plan-routes and plan-next-day processors', () => {
  let ctx: TestContext;
  let net: Awaited<ReturnType<typeof seedNetwork>>;
  let osrm: Server;
  let osrmUrl: string;
  const osrmRequests: string[] = [];

  beforeAll(async () => {
    ctx = await startTestApp({ redis: true, env: { PLANNING_TIME_LIMIT_MS: '100' } });
    net = await seedNetwork(ctx);
    await post(ctx, net.auth, '/vehicles', { depotId: net.depot.id, name: 'Van', capacityKg: 800, capacityBags: 100, shiftStart: '08:00', shiftEnd: '16:00' });
    await post(ctx, net.auth, `/sites/${net.donor.id}/pickup-schedules`, { weekdays: ['tue'], windowStart: '08:00', windowEnd: '10:00', expectedKg: 40 });
    await stockBags(ctx.deps.database.db, { depotId: net.depot.id, count: 3, weightG: 5000, packedAt: new Date() });
    await post(ctx, net.auth, '/reservations', { pointId: net.point.id, date: ESSOTE_DAY, bagType: 'food', bags: 3 });
    // A tiny OSRM: every leg is 10 minutes and 10 km.
    osrm = createServer((req, res) => {
      osrmRequests.push(req.url ?? '');
      const coords = decodeURIComponent((req.url ?? '').split('/table/v1/driving/')[1]?.split('?')[0] ?? '').split(';');
      const grid = (v: number) => coords.map((_, i) => coords.map((__, j) => (i === j ? 0 : v)));
      res.setHeader('content-type', 'application/json');
      if (coords.some((c) => c.startsWith('0.000000'))) {
        res.end(JSON.stringify({ code: 'Ok', durations: grid(600).map((r) => r.map((v, j) => (j === coords.length - 1 && v ? null : v))), distances: grid(10_000) }));
        return;
      }
      res.end(JSON.stringify({ code: 'Ok', durations: grid(600), distances: grid(10_000) }));
    });
    await new Promise<void>((r) => osrm.listen(0, '127.0.0.1', r));
    osrmUrl = `http://127.0.0.1:${(osrm.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    osrm?.close();
    await ctx?.close();
  });

  const db = () => ctx.deps.database.db;
  const request = async (date = ESSOTE_DAY) => (await post(ctx, net.auth, '/route-plans', { depotId: net.depot.id, date }, 202)).id as string;
  const planRow = async (id: string) => (await db().select().from(routePlans).where(eq(routePlans.id, id)))[0];
  const routeIds = async (planId: string) => (await db().select({ id: routes.id }).from(routes).where(eq(routes.planId, planId))).map((r) => r.id).sort();

  it('a plan killed in the middle of writing its routes shows nothing half-written, and the retried job writes it once', async () => {
    const id = await request();
    expect((await planRow(id)).status).toBe('queued');
    const notReady = await ctx.http().post(`/route-plans/${id}/publish`).set(net.auth).send({ assignments: [] });
    expect(notReady.status).toBe(409);
    expect(notReady.body.code).toBe('plan_not_ready');

    // The crash: the database refuses the stops after the route row went in, in the same transaction.
    await db().execute(sql.raw(`create function crash_stop() returns trigger language plpgsql as $$ begin raise exception 'simulated crash'; end $$;
      create trigger crash_stop before insert on route_stops for each row execute function crash_stop();`));
    await expect(runPlan(ctx.deps, id)).rejects.toThrow();
    expect((await planRow(id)).status).toBe('running');
    expect(await routeIds(id)).toEqual([]);
    const shown = await ctx.http().get(`/route-plans/${id}`).set(net.auth);
    expect(shown.body).toMatchObject({ status: 'running', routes: [] });
    await db().execute(sql.raw('drop trigger crash_stop on route_stops; drop function crash_stop();'));

    await runPlan(ctx.deps, id);
    const done = await planRow(id);
    expect(done.status).toBe('done');
    const ids = await routeIds(id);
    expect(ids).toHaveLength(1);
    expect(await db().select().from(routeStops).where(inArray(routeStops.routeId, ids))).toHaveLength(2);
    // A late duplicate of the job changes nothing.
    await runPlan(ctx.deps, id);
    expect(await routeIds(id)).toEqual(ids);
    expect((await planRow(id)).finishedAt).toEqual(done.finishedAt);
  });

  it('two workers running the same plan at once store one set of routes', async () => {
    const id = await request();
    await Promise.all([runPlan(ctx.deps, id), runPlan(ctx.deps, id), runPlan(ctx.deps, id)]);
    expect((await planRow(id)).status).toBe('done');
    expect(await routeIds(id)).toHaveLength(1);
  });

  it('uses OSRM table durations and distances when OSRM_URL is set', async () => {
    const id = await request();
    await runPlan({ ...ctx.deps, config: { ...ctx.config, OSRM_URL: osrmUrl } }, id);
    const res = await ctx.http().get(`/route-plans/${id}`).set(net.auth);
    expect(res.body.status).toBe('done');
    // Depot → two stops → depot: three legs of 10 km.
    expect(res.body.routes[0].distanceKm).toBe(30);
    expect(osrmRequests.at(-1)).toMatch(/^\/table\/v1\/driving\/27\.233000,61\.701000;[^?]+\?annotations=duration,distance$/);
  });

  it('fails the plan with a clear reason when OSRM is unreachable', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise<void>((r) => closed.close(() => r()));
    const id = await request();
    await runPlan({ ...ctx.deps, config: { ...ctx.config, OSRM_URL: deadUrl } }, id);
    const res = await ctx.http().get(`/route-plans/${id}`).set(net.auth);
    expect(res.body).toMatchObject({ status: 'failed', routes: [] });
    expect(res.body.error).toMatch(/routing engine \(OSRM\) at http:\/\/127\.0\.0\.1:\d+ is unreachable/);
  });

  it('osrmTable reports a pair of points without a road as an error', async () => {
    await expect(osrmTable(osrmUrl, [{ lat: 61.7, lon: 27.2 }, { lat: 0, lon: 0 }])).rejects.toMatchObject({ code: 'routing_engine_no_route', status: 503 });
    const ok = await osrmTable(osrmUrl, [{ lat: 61.7, lon: 27.2 }, { lat: 61.6, lon: 27.3 }]);
    expect(ok).toEqual({ durations: [[0, 10], [10, 0]], distances: [[0, 10], [10, 0]] });
  });

  it('plan-next-day makes tomorrow’s plan once per depot, however many workers run it', async () => {
    const [second] = await db().insert(sites).values({ kind: 'depot', name: 'Second depot', municipality: 'Juva', lat: 61.9, lon: 27.85 }).returning();
    const evening = new Date('2030-08-26T15:00:00Z'); // Monday 18:00 in Helsinki → plans Tuesday 2030-08-27
    const created = await Promise.all([1, 2, 3].map(() => planNextDay(ctx.deps.database, evening)));
    expect(created.reduce((a, b) => a + b, 0)).toBe(2);
    await planNextDay(ctx.deps.database, evening);
    const rows = await db().select().from(routePlans).where(eq(routePlans.date, '2030-08-27'));
    expect(rows.map((r) => [r.depotId, r.version]).sort()).toEqual([[net.depot.id, 1], [second.id, 1]].sort());
    // A day that already has a plan (made by hand) gets none from the job.
    await request('2030-09-03');
    expect(await planNextDay(ctx.deps.database, new Date('2030-09-02T15:00:00Z'))).toBe(1);
    expect(await db().select().from(routePlans).where(eq(routePlans.date, '2030-09-03'))).toHaveLength(2);
  });

  it('wires the processors and the PLANNING_CRON schedule', async () => {
    expect(schedulesFor(ctx.config)).toContainEqual({ id: 'plan-next-day', cron: '0 18 * * *', name: 'plan-next-day' });
    const id = await request('2030-09-10');
    await createProcessors(ctx.deps)['plan-routes']({ planId: id });
    expect((await planRow(id)).status).toBe('done');
  });
});
