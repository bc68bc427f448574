import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestContext } from '../../helpers/app.ts';
import { seedNetwork } from '../../helpers/fixtures.ts';
import { bagStatusCounts, stockBags } from '../../helpers/reservations.ts';
import { ESSOTE_DAY, planAndWait, post } from '../../helpers/route-plans.ts';

/** The fixture point distributes on Tuesdays; ESSOTE_DAY is a Tuesday. */
const DAY = ESSOTE_DAY;
/** The evening before the route's day (15:00 Helsinki), then the route's morning (08:00 Helsinki). */
const EVENING_BEFORE = new Date(`2030-08-12T12:00:00Z`);
const ROUTE_MORNING = new Date(`${DAY}T05:00:00Z`);

describe('publishing a plan, the drivers’ route list, route sheet and stop completion', () => {
  let ctx: TestContext;
  let net: Awaited<ReturnType<typeof seedNetwork>>;
  let van: { id: string };
  let plan: any;
  let reservation: { id: string };
  let driver: { token: string; id: string };
  let otherDriver: { token: string; id: string };
  let clock = EVENING_BEFORE;

  beforeAll(async () => {
    ctx = await startTestApp({ env: { PLANNING_TIME_LIMIT_MS: '200' }, now: () => clock });
    net = await seedNetwork(ctx);
    van = await post(ctx, net.auth, '/vehicles', { depotId: net.depot.id, name: 'Van', refrigerated: true, capacityKg: 800, capacityBags: 100, shiftStart: '08:00', shiftEnd: '16:00' });
    await post(ctx, net.auth, `/sites/${net.donor.id}/pickup-schedules`, { weekdays: ['tue'], windowStart: '08:00', windowEnd: '10:00', expectedKg: 40 });
    await stockBags(ctx.deps.database.db, { depotId: net.depot.id, count: 6, weightG: 5000, packedAt: new Date() });
    reservation = await post(ctx, net.auth, '/reservations', { pointId: net.point.id, date: DAY, bagType: 'food', bags: 5 });
    driver = await ctx.userToken('driver');
    otherDriver = await ctx.userToken('driver');
    plan = await planAndWait(ctx, net.auth, net.depot.id, DAY);
  });
  afterAll(() => ctx?.close());

  const stopsOf = () => {
    const stops: { kind: string; id: string; windowStart: string; windowEnd: string }[] = plan.routes[0].stops;
    return { pickup: stops.find((s) => s.kind === 'pickup')!, delivery: stops.find((s) => s.kind === 'delivery')! };
  };

  it('plans one route with the pickup and the delivery in the 3 hours before distribution', () => {
    expect(plan.status).toBe('done');
    expect(plan.routes).toHaveLength(1);
    expect(plan.routes[0].stops.map((s: { seq: number }) => s.seq)).toEqual([1, 2]);
    const { pickup, delivery } = stopsOf();
    expect(pickup).toMatchObject({ siteId: net.donor.id, kg: 40, bags: 0, status: 'planned', taskId: expect.stringMatching(/^pickup-/) });
    expect(delivery).toMatchObject({ siteId: net.point.id, kg: 25, bags: 5, bagType: 'food', taskId: `delivery-${net.point.id}` });
    // Loads: the bags leave the depot on board; the pickup adds 40 kg.
    const last = plan.routes[0].stops[1];
    expect([last.loadKgAfter, last.loadBagsAfter]).toEqual([40, 0]);
    // Helsinki summer time: distribution at 12:00 local = 09:00Z; window 06:00Z–09:00Z.
    expect(delivery.windowStart).toBe(`${DAY}T06:00:00.000Z`);
    expect(delivery.windowEnd).toBe(`${DAY}T09:00:00.000Z`);
    expect(plan.totals).toMatchObject({ vehicles: 1 });
  });

  it('refuses a publish that leaves a route without a driver or names a non-driver (422)', async () => {
    const routeId = plan.routes[0].id;
    let res = await ctx.http().post(`/route-plans/${plan.id}/publish`).set(net.auth).send({ assignments: [] });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('route_without_driver');
    res = await ctx.http().post(`/route-plans/${plan.id}/publish`).set(net.auth).send({ assignments: [{ routeId, driverId: net.coordinator.id }] });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('not_a_driver');
    res = await ctx.http().post(`/route-plans/${plan.id}/publish`).set(net.auth).send({ assignments: [{ routeId: net.depot.id, driverId: driver.id }] });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('unknown_route');
  });

  it('a driver sees nothing before the plan is published', async () => {
    const res = await ctx.http().get('/drivers/me/routes').query({ date: DAY }).set(bearer(driver.token));
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([]);
  });

  it('publishes: assigns the driver and dispatches nothing (the bags leave at loading, on the day); a retry answers the same, other assignments are 409', async () => {
    const routeId = plan.routes[0].id;
    const res = await ctx.http().post(`/route-plans/${plan.id}/publish`).set(net.auth).send({ assignments: [{ routeId, driverId: driver.id }] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'published', superseded: false });
    expect(res.body.dispatch).toBeUndefined();
    expect(res.body.routes[0].driverId).toBe(driver.id);
    expect(res.body.routes[0].loadedAt).toBeUndefined();
    expect(await bagStatusCounts(ctx.deps.database.db, net.depot.id)).toEqual({ reserved: 5, in_stock: 1 });
    const r = await ctx.http().get(`/reservations/${reservation.id}`).set(net.auth);
    expect(r.body.status).toBe('held');
    // Loading the evening before is refused: it is done on the route's day.
    const early = await ctx.http().post(`/routes/${routeId}/load`).set(bearer(driver.token)).set('accept-language', 'fi').send({});
    expect(early.status).toBe(422);
    expect(early.body).toMatchObject({ code: 'not_route_day', date: DAY });
    expect(early.body.detail).toContain('lastataan sinä päivänä');
    expect(await bagStatusCounts(ctx.deps.database.db, net.depot.id)).toEqual({ reserved: 5, in_stock: 1 });

    const again = await ctx.http().post(`/route-plans/${plan.id}/publish`).set(net.auth).send({ assignments: [{ routeId, driverId: driver.id }] });
    expect(again.status).toBe(200);
    expect(again.body.status).toBe('published');
    const other = await ctx.http().post(`/route-plans/${plan.id}/publish`).set(net.auth).send({ assignments: [{ routeId, driverId: otherDriver.id }] });
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('already_published');
  });

  it('the driver lists their route: stops in order with ETA, window, address, action and a map link; another driver sees none', async () => {
    const res = await ctx.http().get('/drivers/me/routes').query({ date: DAY }).set(bearer(driver.token));
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(1);
    const route = res.body.items[0];
    expect(route).toMatchObject({ id: plan.routes[0].id, date: DAY, planId: plan.id, driverId: driver.id, vehicle: { id: van.id, refrigerated: true } });
    expect(route.stops.map((s: { id: string }) => s.id)).toEqual(plan.routes[0].stops.map((s: { id: string }) => s.id));
    const pickup = route.stops.find((s: { kind: string }) => s.kind === 'pickup');
    const delivery = route.stops.find((s: { kind: string }) => s.kind === 'delivery');
    expect(pickup.action).toBe('Pick up about 40 kg from Test shop');
    expect(pickup.actionFi).toBe('Nouda noin 40 kg: Test shop');
    expect(delivery.action).toBe('Deliver 5 food bags (chilled) to Test point');
    expect(delivery.actionFi).toBe('Toimita 5 ruokakassia (kylmä): Test point');
    expect(delivery.bagsByType).toEqual([{ bagType: 'food', temperatureClass: 'chilled', bags: 5 }]);
    expect(delivery.coldChain).toBe('chilled');
    expect(pickup.coldChain).toBeUndefined();
    expect(pickup.site).toMatchObject({ name: 'Test shop', lat: 61.69, lon: 27.27 });
    expect(route.mapUrl).toMatch(/^https:\/\/www\.google\.com\/maps\/dir\/\?api=1&origin=61\.701%2C27\.233/);
    const waypoints = route.stops.map((s: { site: { lat: number; lon: number } }) => `${s.site.lat},${s.site.lon}`).join('|');
    expect(decodeURIComponent(route.mapUrl)).toContain(`waypoints=${waypoints}`);

    const other = await ctx.http().get('/drivers/me/routes').query({ date: DAY }).set(bearer(otherDriver.token));
    expect(other.body.items).toEqual([]);
    const bad = await ctx.http().get('/drivers/me/routes').query({ date: '2030-13-01' }).set(bearer(driver.token));
    expect(bad.status).toBe(400);
  });

  it('prints the route sheet in Finnish and English for the driver and a coordinator; another driver gets 404', async () => {
    const routeId = plan.routes[0].id;
    const res = await ctx.http().get(`/routes/${routeId}/sheet`).set(bearer(driver.token));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('Reittikortti / Route sheet');
    expect(res.text).toContain('Toimitus / Delivery');
    expect(res.text).toContain('Nouda noin 40 kg: Test shop');
    expect(res.text).toContain('Deliver 5 food bags (chilled) to Test point');
    expect(res.text).toContain('kylmä / chilled');
    expect((await ctx.http().get(`/routes/${routeId}/sheet`).set(net.auth)).status).toBe(200);
    expect((await ctx.http().get(`/routes/${routeId}/sheet`).set(bearer(otherDriver.token))).status).toBe(404);
  });

  it('completes stops: a pickup records expected kilos, a short delivery returns the rest to stock; another driver gets 404', async () => {
    clock = ROUTE_MORNING;
    const { pickup, delivery } = stopsOf();
    const routeId = plan.routes[0].id;
    const url = (s: { id: string }) => `/routes/${routeId}/stops/${s.id}/complete`;

    expect((await ctx.http().post(url(delivery)).set(bearer(otherDriver.token)).send({ bagsDelivered: 5 })).status).toBe(404);
    expect((await ctx.http().post(url(pickup)).set(bearer(driver.token)).send({ bagsDelivered: 5 })).status).toBe(422);
    // Not loaded yet: the delivery cannot be recorded; another driver cannot load this route.
    expect((await ctx.http().post(url(delivery)).set(bearer(driver.token)).send({ bagsDelivered: 5 })).body.code).toBe('route_not_loaded');
    expect((await ctx.http().post(`/routes/${routeId}/load`).set(bearer(otherDriver.token)).send({})).status).toBe(404);
    const loaded = await ctx.http().post(`/routes/${routeId}/load`).set(bearer(driver.token)).send({});
    expect(loaded.status).toBe(200);
    expect(loaded.body).toMatchObject({ routeId, loadedAt: ROUTE_MORNING.toISOString(), loadedBy: driver.id, alreadyLoaded: false, bagsLoaded: 5 });
    expect(await bagStatusCounts(ctx.deps.database.db, net.depot.id)).toEqual({ dispatched: 5, in_stock: 1 });

    const p = await ctx.http().post(url(pickup)).set(bearer(driver.token)).send({ kgCollected: 42.5, note: 'Extra bread' });
    expect(p.status).toBe(200);
    expect(p.body).toMatchObject({ status: 'done', kgCollected: 42.5, note: 'Extra bread' });

    const d = await ctx.http().post(url(delivery)).set(bearer(driver.token)).set('idempotency-key', 'deliver-1').send({ bagsDelivered: 4, coldChainKept: true });
    expect(d.status).toBe(200);
    // The food bags are chilled: the one that came back returns to stock because the driver kept it cold.
    expect(d.body).toMatchObject({ status: 'done', bagsDelivered: 4, bagsReturnedToStock: 1 });
    expect(await bagStatusCounts(ctx.deps.database.db, net.depot.id)).toEqual({ delivered: 4, in_stock: 2 });
    expect((await ctx.http().get(`/reservations/${reservation.id}`).set(net.auth)).body).toMatchObject({ status: 'delivered', bagsDelivered: 4 });

    // A retry from a phone: the same key replays, the same outcome answers again, another outcome is 409.
    const replay = await ctx.http().post(url(delivery)).set(bearer(driver.token)).set('idempotency-key', 'deliver-1').send({ bagsDelivered: 4, coldChainKept: true });
    expect(replay.status).toBe(200);
    expect((await ctx.http().post(url(delivery)).set(bearer(driver.token)).send({ bagsDelivered: 4 })).status).toBe(200);
    const conflicting = await ctx.http().post(url(delivery)).set(bearer(driver.token)).send({ bagsDelivered: 5 });
    expect(conflicting.status).toBe(409);
    expect(conflicting.body.code).toBe('stop_already_completed');
    expect(await bagStatusCounts(ctx.deps.database.db, net.depot.id)).toEqual({ delivered: 4, in_stock: 2 });

    const list = await ctx.http().get('/drivers/me/routes').query({ date: DAY }).set(bearer(driver.token));
    expect(list.body.items[0].stops.map((s: { status: string }) => s.status)).toEqual(['done', 'done']);
  });

  it('a re-plan is a new version without what drivers already did; publishing it supersedes the old one, which never changes', async () => {
    // Another pickup of the day that v1 did not have.
    const late = await post(ctx, net.auth, `/sites/${net.donor.id}/pickup-schedules`, { weekdays: ['tue'], windowStart: '13:00', windowEnd: '15:00', expectedKg: 10 });
    const v2 = await planAndWait(ctx, net.auth, net.depot.id, DAY);
    expect(v2).toMatchObject({ status: 'done', version: 2, unassigned: [] });
    // The delivery and the morning pickup are done, so only the new pickup is planned.
    expect(v2.routes.flatMap((r: { stops: { taskId: string }[] }) => r.stops.map((s) => s.taskId))).toEqual([`pickup-${late.id}`]);
    const res = await ctx.http().post(`/route-plans/${v2.id}/publish`).set(net.auth)
      .send({ assignments: [{ routeId: v2.routes[0].id, driverId: otherDriver.id }] });
    expect(res.status).toBe(200);
    const v1 = await ctx.http().get(`/route-plans/${plan.id}`).set(net.auth);
    expect(v1.body).toMatchObject({ status: 'published', superseded: true, version: 1 });
    expect(v1.body.routes[0].driverId).toBe(driver.id);
    expect(v1.body.routes[0].stops.map((s: { status: string }) => s.status)).toEqual(['done', 'done']);
    expect((await ctx.http().get('/drivers/me/routes').query({ date: DAY }).set(bearer(driver.token))).body.items).toEqual([]);
    expect((await ctx.http().get('/drivers/me/routes').query({ date: DAY }).set(bearer(otherDriver.token))).body.items).toHaveLength(1);
    expect((await ctx.http().get(`/routes/${plan.routes[0].id}/sheet`).set(bearer(driver.token))).status).toBe(404);
    // Publishing the superseded version again is refused.
    const old = await ctx.http().post(`/route-plans/${plan.id}/publish`).set(net.auth).send({ assignments: [{ routeId: plan.routes[0].id, driverId: otherDriver.id }] });
    expect(old.status).toBe(409);
  });
});
