import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestContext } from '../../helpers/app.ts';
import { seedNetwork } from '../../helpers/fixtures.ts';
import { ESSOTE_DAY, planAndWait, post } from '../../helpers/route-plans.ts';

/** The fixture depot with its donor and points, through the in-process worker. */
describe('route plans over HTTP', () => {
  let ctx: TestContext;
  let net: Awaited<ReturnType<typeof seedNetwork>>;

  beforeAll(async () => {
    ctx = await startTestApp({ env: { PLANNING_TIME_LIMIT_MS: '200' } });
    net = await seedNetwork(ctx);
  });
  afterAll(() => ctx?.close());

  it('answers 400 for a malformed date or unknown field, 404 for an unknown depot or a site that is not a depot', async () => {
    for (const body of [{ depotId: net.depot.id, date: '2030-02-30' }, { depotId: net.depot.id, date: 'tomorrow' }, { depotId: net.depot.id }, { depotId: net.depot.id, date: ESSOTE_DAY, extra: 1 }]) {
      const res = await ctx.http().post('/route-plans').set(net.auth).send(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    expect((await ctx.http().post('/route-plans').set(net.auth).send({ depotId: randomUUID(), date: ESSOTE_DAY })).status).toBe(404);
    expect((await ctx.http().post('/route-plans').set(net.auth).send({ depotId: net.donor.id, date: ESSOTE_DAY })).status).toBe(404);
    expect((await ctx.http().get(`/route-plans/${randomUUID()}`).set(net.auth)).status).toBe(404);
    const driver = await ctx.userToken('driver');
    expect((await ctx.http().post('/route-plans').set(bearer(driver.token)).send({ depotId: net.depot.id, date: ESSOTE_DAY })).status).toBe(403);
  });

  it('plans a day with no vehicles and no tasks as an empty plan, not an error', async () => {
    const plan = await planAndWait(ctx, net.auth, net.depot.id, '2030-08-18'); // a Sunday: no schedules, no reservations
    expect(plan).toMatchObject({ status: 'done', routes: [], unassigned: [], totals: { vehicles: 0, distanceKm: 0, durationMin: 0 } });
  });

  it('lists every task as unassigned with a reason when the depot has no vehicles', async () => {
    const depot = await post(ctx, net.auth, '/sites', { kind: 'depot', name: 'No vans', municipality: 'Juva', lat: 61.9, lon: 27.85 });
    const donor = await post(ctx, net.auth, '/sites', { kind: 'donor', name: 'Juva shop', municipality: 'Juva', lat: 61.89, lon: 27.86, depotId: depot.id });
    const schedule = await post(ctx, net.auth, `/sites/${donor.id}/pickup-schedules`, { weekdays: ['tue'], windowStart: '08:00', windowEnd: '10:00', expectedKg: 20 });
    const plan = await planAndWait(ctx, net.auth, depot.id, ESSOTE_DAY);
    expect(plan.status).toBe('done');
    expect(plan.routes).toEqual([]);
    expect(plan.unassigned).toEqual([{
      taskId: `pickup-${schedule.id}`, siteId: donor.id, reason: 'no_vehicles', detail: 'The depot has no vehicles',
      site: { id: donor.id, name: 'Juva shop', municipality: 'Juva', address: '', lat: 61.89, lon: 27.86 },
    }]);
    // A Finnish coordinator reads the reason in Finnish, in the plan and in the day's list.
    const fi = { ...net.auth, 'accept-language': 'fi' };
    const [one, list] = await Promise.all([
      ctx.http().get(`/route-plans/${plan.id}`).set(fi).expect(200),
      ctx.http().get(`/route-plans?depotId=${depot.id}&date=${ESSOTE_DAY}`).set(fi).expect(200),
    ]);
    expect(one.body.unassigned[0]).toMatchObject({ reason: 'no_vehicles', detail: 'Varastolla ei ole autoja' });
    expect(list.body.items[0].unassigned[0]).toMatchObject({ reason: 'no_vehicles', detail: 'Varastolla ei ole autoja' });
  });

  it('explains a pickup whose window closes before the shifts start, and skips schedules of other weekdays or out of season', async () => {
    await post(ctx, net.auth, '/vehicles', { depotId: net.depot.id, name: 'Day van', capacityKg: 500, capacityBags: 50, shiftStart: '08:00', shiftEnd: '16:00' });
    const early = await post(ctx, net.auth, `/sites/${net.donor.id}/pickup-schedules`, { weekdays: ['tue'], windowStart: '06:00', windowEnd: '07:00', expectedKg: 30 });
    const fine = await post(ctx, net.auth, `/sites/${net.donor.id}/pickup-schedules`, { weekdays: ['tue', 'thu'], windowStart: '09:00', windowEnd: '11:00', expectedKg: 25 });
    await post(ctx, net.auth, `/sites/${net.donor.id}/pickup-schedules`, { weekdays: ['wed'], windowStart: '09:00', windowEnd: '11:00', expectedKg: 25 });
    await post(ctx, net.auth, `/sites/${net.donor.id}/pickup-schedules`, { weekdays: ['tue'], windowStart: '09:00', windowEnd: '11:00', expectedKg: 25, seasonStart: '11-15', seasonEnd: '02-28' });
    const plan = await planAndWait(ctx, net.auth, net.depot.id, ESSOTE_DAY);
    expect(plan.status).toBe('done');
    expect(plan.unassigned).toEqual([expect.objectContaining({ taskId: `pickup-${early.id}`, siteId: net.donor.id, reason: 'no_vehicle_reaches_window' })]);
    expect(plan.unassigned[0].detail).toMatch(/time window/);
    expect(plan.routes).toHaveLength(1);
    expect(plan.routes[0].stops.map((s: { taskId: string }) => s.taskId)).toEqual([`pickup-${fine.id}`]);
    // A wrapping season (mid-November to February) includes a winter Tuesday.
    const winter = await planAndWait(ctx, net.auth, net.depot.id, '2030-12-17');
    expect(winter.routes.flatMap((r: { stops: unknown[] }) => r.stops)).toHaveLength(2);
  });

  it('creates a new version for each request, also under concurrent requests, and replays an idempotent retry', async () => {
    const date = '2030-08-20';
    const answers = await Promise.all([1, 2, 3].map(() => ctx.http().post('/route-plans').set(net.auth).send({ depotId: net.depot.id, date })));
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202]);
    expect(answers.map((a) => a.body.version).sort()).toEqual([1, 2, 3]);
    const first = await ctx.http().post('/route-plans').set(net.auth).set('idempotency-key', 'plan-aug-20').send({ depotId: net.depot.id, date });
    const retry = await ctx.http().post('/route-plans').set(net.auth).set('idempotency-key', 'plan-aug-20').send({ depotId: net.depot.id, date });
    expect(first.status).toBe(202);
    expect(retry.status).toBe(202);
    expect(retry.body).toEqual(first.body);
    expect(first.body.version).toBe(4);
    const list = await ctx.http().get('/route-plans').query({ depotId: net.depot.id, date }).set(net.auth);
    expect(list.status).toBe(200);
    expect(list.body.items.map((p: { version: number }) => p.version)).toEqual([4, 3, 2, 1]);
    expect(list.body.items[0]).not.toHaveProperty('routes');
    expect((await ctx.http().get('/route-plans').query({ date: 'soon' }).set(net.auth)).status).toBe(400);
  });
});

describe('route plans in embedded mode (PGlite, in-process jobs)', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await startTestApp({ mode: 'embedded', env: { PLANNING_TIME_LIMIT_MS: '100' } });
  });
  afterAll(() => ctx?.close());

  it('plans, publishes and shows a driver their route', async () => {
    const net = await seedNetwork(ctx);
    await post(ctx, net.auth, '/vehicles', { depotId: net.depot.id, name: 'Van', capacityKg: 500, capacityBags: 50, shiftStart: '08:00', shiftEnd: '16:00' });
    await post(ctx, net.auth, `/sites/${net.donor.id}/pickup-schedules`, { weekdays: ['tue'], windowStart: '08:00', windowEnd: '10:00', expectedKg: 12.5 });
    const plan = await planAndWait(ctx, net.auth, net.depot.id, ESSOTE_DAY);
    expect(plan).toMatchObject({ status: 'done', version: 1, unassigned: [] });
    const driver = await ctx.userToken('driver');
    const published = await ctx.http().post(`/route-plans/${plan.id}/publish`).set(net.auth).send({ assignments: [{ routeId: plan.routes[0].id, driverId: driver.id }] });
    expect(published.status).toBe(200);
    const mine = await ctx.http().get('/drivers/me/routes').query({ date: ESSOTE_DAY }).set(bearer(driver.token));
    expect(mine.body.items[0].stops[0]).toMatchObject({ kind: 'pickup', kg: 12.5, action: 'Pick up about 12.5 kg from Test shop' });
  });
});
