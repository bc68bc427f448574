import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planNextDay } from '../../../src/modules/route-plans/route-plans.service.ts';
import { bearer, startTestApp, type TestContext } from '../../helpers/app.ts';
import { donorSession, post, seedNetwork } from '../../helpers/fixtures.ts';
import { testClock } from '../../helpers/reservations.ts';
import { waitForPlan } from '../../helpers/route-plans.ts';

/**
 * An offer accepted for tomorrow after the 18:00 planning has made tomorrow's plan: a plan not
 * published yet is planned again with the pickup; a published one takes it as a same-day change
 * does (a new version, the driver told). Injected clock: Monday evening in Mikkeli.
 */
const MONDAY = '2030-08-12';
const TUESDAY = '2030-08-13';
interface Stop { taskId: string; siteId: string; kind: string; kg: number }

describe.each(['postgres', 'embedded'] as const)('an offer accepted for tomorrow after the plan is made (%s)', (mode) => {
  const clock = testClock(new Date(`${MONDAY}T15:00:00Z`)); // 18.00
  let ctx: TestContext;
  let net: Awaited<ReturnType<typeof seedNetwork>>;
  let farm: { id: string };
  let scheduleId = '';
  let driver: Awaited<ReturnType<TestContext['userToken']>>;
  let planId = '';
  const offer = (kg: number) => post(ctx, net.auth, '/offers', {
    donorId: farm.id, kg, temperatureClass: 'ambient', categories: ['dry_goods'], readyFrom: `${TUESDAY}T07:00:00Z`, readyUntil: `${TUESDAY}T11:00:00Z`,
  });
  const stopsOf = (plan: { routes: { stops: Stop[] }[] }) => plan.routes.flatMap((r) => r.stops);

  beforeAll(async () => {
    ctx = await startTestApp({ mode, env: { PLANNING_TIME_LIMIT_MS: '200' }, now: clock.now });
    net = await seedNetwork(ctx);
    await post(ctx, net.auth, '/vehicles', { depotId: net.depot.id, name: 'Pakettiauto', refrigerated: false, capacityKg: 1500, capacityBags: 100, shiftStart: '07:00', shiftEnd: '16:00' });
    scheduleId = (await post(ctx, net.auth, `/sites/${net.donor.id}/pickup-schedules`, { weekdays: ['tue'], windowStart: '08:00', windowEnd: '10:00', expectedKg: 40 })).id;
    farm = await post(ctx, net.auth, '/sites', { kind: 'donor', name: 'Tuottaja X', municipality: 'Mikkeli', lat: 61.66, lon: 27.2, depotId: net.depot.id, donorKind: 'producer' });
    expect(await planNextDay(ctx.deps.database, clock.now())).toBe(1);
    const [queued] = (await ctx.http().get('/route-plans').query({ date: TUESDAY }).set(net.auth)).body.items;
    const plan = await waitForPlan(ctx, net.auth, queued.id);
    expect(plan.status).toBe('done');
    planId = plan.id;
  }, 120_000);
  afterAll(() => ctx?.close());

  it('plans tomorrow again with the pickup when the plan is made but not published', async () => {
    clock.set(`${MONDAY}T16:00:00Z`); // 19.00
    const o = await offer(200);
    const accepted = await post(ctx, net.auth, `/offers/${o.id}/accept`, { date: TUESDAY, window: { start: '11:00', end: '12:00' } }, 200);
    expect(accepted.sameDay).toMatchObject({ status: 'replanned', version: 2 });
    const plan = await waitForPlan(ctx, net.auth, accepted.sameDay.planId);
    expect(plan).toMatchObject({ status: 'done', version: 2 });
    expect(stopsOf(plan).find((s) => s.taskId === `offer-${o.id}`)).toMatchObject({ kind: 'pickup', siteId: farm.id, kg: 200 });
    const first = (await ctx.http().get(`/route-plans/${planId}`).set(net.auth)).body;
    expect(stopsOf(first).some((s) => s.taskId === `offer-${o.id}`)).toBe(false);
    planId = plan.id;
  });

  it("puts the pickup on tomorrow's published route in a new version, and tells its driver", async () => {
    driver = await ctx.userToken('driver');
    const plan = (await ctx.http().get(`/route-plans/${planId}`).set(net.auth)).body;
    await post(ctx, net.auth, `/route-plans/${planId}/publish`, { assignments: plan.routes.map((r: { id: string }) => ({ routeId: r.id, driverId: driver.id })) }, 200);
    clock.set(`${MONDAY}T17:30:00Z`); // 20.30
    const o = await offer(300);
    const accepted = await post(ctx, net.auth, `/offers/${o.id}/accept`, { date: TUESDAY, window: { start: '09:00', end: '10:30' } }, 200);
    expect(accepted.sameDay).toMatchObject({ status: 'added', version: 3 });
    const routes = (await ctx.http().get('/drivers/me/routes').query({ date: TUESDAY }).set(bearer(driver.token))).body.items;
    expect(routes[0].planVersion).toBe(3);
    expect(routes[0].stops.find((s: Stop) => s.taskId === `offer-${o.id}`)).toMatchObject({ kind: 'pickup', kg: 300 });
    const inbox = (await ctx.http().get('/me/notifications').set(bearer(driver.token))).body.items as { kind: string; body: string }[];
    expect(inbox.find((m) => m.kind === 'route_stop_added')?.body).toMatch(/^Reitille lisätty nouto: Tuottaja X, noin klo \d{1,2}\.\d{2}\.$/);
  });

  it("takes a pickup the shop skips the evening before off tomorrow's published route, and tells the driver which day", async () => {
    const taskId = `pickup-${scheduleId}`;
    const before = (await ctx.http().get('/drivers/me/routes').query({ date: TUESDAY }).set(bearer(driver.token))).body.items;
    expect(before[0].stops.some((s: Stop) => s.taskId === taskId)).toBe(true);
    clock.set(`${MONDAY}T18:30:00Z`); // 21.30
    const shop = await donorSession(ctx, net.auth, net.donor.id);
    await post(ctx, shop.auth, '/donor/skips', { date: TUESDAY, scheduleId });
    const routes = (await ctx.http().get('/drivers/me/routes').query({ date: TUESDAY }).set(bearer(driver.token))).body.items;
    expect(routes[0].planVersion).toBe(before[0].planVersion + 1);
    expect(routes[0].stops.some((s: Stop) => s.taskId === taskId)).toBe(false);
    const inbox = (await ctx.http().get('/me/notifications').set(bearer(driver.token))).body.items as { kind: string; body: string }[];
    expect(inbox.find((m) => m.kind === 'route_stop_removed')?.body).toBe(`Reitiltä poistettu nouto: ${net.donor.name}. Sinne ei tarvitse ajaa 13.8.2030.`);
  });
});
