import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bagEvents, bags } from '../../../src/db/schema/index.ts';
import { bearer, startTestApp, type TestContext } from '../../helpers/app.ts';
import { loadRoute, seedNetwork } from '../../helpers/fixtures.ts';
import { bagStatusCounts, stockBags, testClock } from '../../helpers/reservations.ts';
import { planAndWait, post } from '../../helpers/route-plans.ts';

/**
 * What a driver's phone sends for the stops of a route: counts as really dispatched, no
 * outcome before the route's day, one completion however often it is sent, skips with a
 * reason, and outcomes for a route that a newer published plan replaced kept, not lost.
 * The fixture point distributes on Tuesdays; each block uses its own Tuesday.
 */
interface Stop { id: string; kind: 'pickup' | 'delivery'; status: string; bags: number; kg: number; loadBagsAfter: number; bagsByType: unknown[]; actionFi: string }

const clock = testClock(new Date('2030-08-11T09:00:00Z'));
let ctx: TestContext;
let net: Awaited<ReturnType<typeof seedNetwork>>;
/** A coordinator's token; each block signs in again at its own date (tokens last 7 days). */
let auth: Record<string, string>;
const signInCoordinator = async () => { auth = bearer((await ctx.userToken('coordinator')).token); };

beforeAll(async () => {
  ctx = await startTestApp({ env: { PLANNING_TIME_LIMIT_MS: '200' }, now: clock.now });
  net = await seedNetwork(ctx);
  auth = net.auth;
  await post(ctx, auth, '/vehicles', { depotId: net.depot.id, name: 'Van', refrigerated: true, capacityKg: 800, capacityBags: 100, shiftStart: '08:00', shiftEnd: '16:00' });
  await post(ctx, auth, `/sites/${net.donor.id}/pickup-schedules`, { weekdays: ['tue'], windowStart: '08:00', windowEnd: '10:00', expectedKg: 40 });
  await stockBags(ctx.deps.database.db, { depotId: net.depot.id, count: 60, weightG: 5000, packedAt: clock.now() });
});
afterAll(() => ctx?.close());

/** Plans the day, publishes its one route to a new driver and returns the driver and the route. */
async function publishedDay(date: string) {
  const plan = await planAndWait(ctx, auth, net.depot.id, date);
  expect(plan.routes).toHaveLength(1);
  const driver = await ctx.userToken('driver');
  await post(ctx, auth, `/route-plans/${plan.id}/publish`, { assignments: [{ routeId: plan.routes[0].id, driverId: driver.id }] }, 200);
  return { plan, driver, routeId: plan.routes[0].id as string };
}

async function driverStops(token: string, date: string): Promise<Stop[]> {
  const res = await ctx.http().get('/drivers/me/routes').query({ date }).set(bearer(token));
  expect(res.status).toBe(200);
  return res.body.items.flatMap((r: { stops: Stop[] }) => r.stops);
}

const deliveredEvents = (reservationId: string) => ctx.deps.database.db.select({ n: sql<number>`count(*)::int` }).from(bagEvents)
  .where(and(eq(bagEvents.reservationId, reservationId), eq(bagEvents.toStatus, 'delivered'))).then((r) => r[0].n);

describe('a delivery after a reservation was cancelled between planning and publishing', () => {
  const DAY = '2030-08-13';
  let day: Awaited<ReturnType<typeof publishedDay>>;
  let kept: { id: string };

  beforeAll(async () => {
    clock.set('2030-08-12T09:00:00Z');
    kept = await post(ctx, auth, '/reservations', { pointId: net.point.id, date: DAY, bagType: 'food', bags: 18 });
    const cancelled = await post(ctx, auth, '/reservations', { pointId: net.point.id, date: DAY, bagType: 'food', bags: 2 });
    const plan = await planAndWait(ctx, auth, net.depot.id, DAY);
    expect(plan.routes[0].stops.find((s: Stop) => s.kind === 'delivery').bags).toBe(20);
    await post(ctx, auth, `/reservations/${cancelled.id}/cancel`, {}, 200);
    const driver = await ctx.userToken('driver');
    await post(ctx, auth, `/route-plans/${plan.id}/publish`, { assignments: [{ routeId: plan.routes[0].id, driverId: driver.id }] }, 200);
    day = { plan, driver, routeId: plan.routes[0].id };
  });

  it('shows the driver the 18 bags that left the depot, and loads without the 2 that did not', async () => {
    const stops = await driverStops(day.driver.token, DAY);
    const at = stops.findIndex((s) => s.kind === 'delivery');
    expect(stops[at]).toMatchObject({ bags: 18, kg: 90, bagsByType: [{ bagType: 'food', temperatureClass: 'chilled', bags: 18 }], actionFi: 'Toimita 18 ruokakassia (kylmä): Test point', loadBagsAfter: 0 });
    for (const s of stops.slice(0, at)) expect(s.loadBagsAfter).toBe(18);
    const sheet = await ctx.http().get(`/routes/${day.routeId}/sheet`).set(bearer(day.driver.token));
    expect(sheet.text).toContain('Toimita 18 ruokakassia (kylmä)');
    expect(sheet.text).not.toContain('20 ruokakassia');
    // Times the Finnish way (klo 8.00), never 08:00.
    expect(sheet.text).toMatch(/<span class="eta">klo \d{1,2}\.\d{2}<\/span>/);
    expect(sheet.text).not.toMatch(/\b\d{2}:\d{2}\b/);
  });

  it('gives each stop its contact phone and a navigation link, and the whole route as map-app legs', async () => {
    await ctx.http().patch(`/sites/${net.point.id}`).set(auth).send({ contactName: 'Aino Virtanen', phone: '+358 40 123 4567' }).expect(200);
    const res = await ctx.http().get('/drivers/me/routes').query({ date: DAY }).set(bearer(day.driver.token));
    const route = res.body.items[0];
    const delivery = route.stops.find((s: Stop) => s.kind === 'delivery');
    expect(delivery.site).toMatchObject({ contactName: 'Aino Virtanen', phone: '+358 40 123 4567' });
    expect(new URL(delivery.navigationUrl).searchParams.get('destination')).toBe(`${delivery.site.lat},${delivery.site.lon}`);
    expect(route.navigation).toHaveLength(1);
    expect(route.navigation[0]).toMatchObject({ fromSeq: 0, toSeq: route.stops.length + 1, url: route.mapUrl });
    const sheet = await ctx.http().get(`/routes/${day.routeId}/sheet`).set(bearer(day.driver.token));
    expect(sheet.text).toContain('href="tel:+358401234567"');
    expect(sheet.text).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
  });

  it('makes a number typed into the contact callable: the name and the phone apart, on the phone and the sheet', async () => {
    await ctx.http().patch(`/sites/${net.point.id}`).set(auth).send({ contactName: 'Päivi Häkkinen, 040 123 4567', phone: null }).expect(200);
    const res = await ctx.http().get('/drivers/me/routes').query({ date: DAY }).set(bearer(day.driver.token));
    const delivery = res.body.items[0].stops.find((s: Stop) => s.kind === 'delivery');
    expect(delivery.site).toMatchObject({ contactName: 'Päivi Häkkinen', phone: '040 123 4567' });
    const sheet = await ctx.http().get(`/routes/${day.routeId}/sheet`).set(bearer(day.driver.token));
    expect(sheet.text).toContain('href="tel:0401234567"');
    await ctx.http().patch(`/sites/${net.point.id}`).set(auth).send({ contactName: 'Aino Virtanen', phone: '+358 40 123 4567' }).expect(200);
  });

  it('refuses an outcome before the route’s local day (Helsinki), and a time in the future; nothing changes', async () => {
    const stop = (await driverStops(day.driver.token, DAY)).find((s) => s.kind === 'delivery')!;
    const url = `/routes/${day.routeId}/stops/${stop.id}`;
    clock.set('2030-08-12T20:30:00Z'); // 23:30 on the Monday in Helsinki
    for (const [action, body] of [['complete', { bagsDelivered: 18 }], ['skip', { reason: 'closed' }]] as const) {
      const res = await ctx.http().post(`${url}/${action}`).set(bearer(day.driver.token)).send(body);
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'route_day_not_started', date: DAY });
    }
    // A coordinator cannot record it early either.
    expect((await ctx.http().post(`${url}/complete`).set(auth).send({ bagsDelivered: 18 })).status).toBe(422);
    clock.set('2030-08-13T06:00:00Z');
    // Publishing dispatched nothing: the bags leave when the driver confirms the loading on the day.
    expect(await bagStatusCounts(ctx.deps.database.db, net.depot.id)).toMatchObject({ reserved: 18 });
    await loadRoute(ctx, bearer(day.driver.token), day.routeId);
    const early = await ctx.http().post(`${url}/complete`).set(bearer(day.driver.token)).send({ bagsDelivered: 18, completedAt: '2030-08-12T20:59:00Z' });
    expect(early.status).toBe(422);
    const future = await ctx.http().post(`${url}/complete`).set(bearer(day.driver.token)).send({ bagsDelivered: 18, completedAt: '2030-08-13T07:00:00Z' });
    expect(future.status).toBe(400);
    expect(future.body.code).toBe('completed_in_future');
    expect(await bagStatusCounts(ctx.deps.database.db, net.depot.id)).toMatchObject({ dispatched: 18 });
    expect((await ctx.http().get(`/reservations/${kept.id}`).set(auth)).body.status).toBe('dispatched');
  });

  it('records a delivery sent offline and again after the sync (two keys) once, at the time it was done', async () => {
    clock.set('2030-08-13T10:00:00Z');
    const stop = (await driverStops(day.driver.token, DAY)).find((s) => s.kind === 'delivery')!;
    const url = `/routes/${day.routeId}/stops/${stop.id}/complete`;
    const body = { bagsDelivered: 18, note: 'Takaovelle', completedAt: '2030-08-13T08:40:00.000Z' };
    const first = await ctx.http().post(url).set(bearer(day.driver.token)).set('idempotency-key', 'offline-1').send(body);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'done', bagsDelivered: 18, completedAt: body.completedAt });
    expect(first.body.planChanged).toBeUndefined();
    const again = await ctx.http().post(url).set(bearer(day.driver.token)).set('idempotency-key', 'after-sync-2').send(body);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'done', bagsDelivered: 18, completedAt: body.completedAt });
    expect(await deliveredEvents(kept.id)).toBe(18);
    const reservation = (await ctx.http().get(`/reservations/${kept.id}`).set(auth)).body;
    expect(reservation).toMatchObject({ status: 'delivered', bagsDelivered: 18, deliveredAt: body.completedAt });
  });

  it('records a pickup sent twice at the same moment once', async () => {
    const stop = (await driverStops(day.driver.token, DAY)).find((s) => s.kind === 'pickup')!;
    const url = `/routes/${day.routeId}/stops/${stop.id}/complete`;
    const send = (key: string) => ctx.http().post(url).set(bearer(day.driver.token)).set('idempotency-key', key).send({ kgCollected: 38.5 });
    const [a, b] = await Promise.all([send('p-1'), send('p-2')]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body.completedAt).toBe(b.body.completedAt);
    const other = await ctx.http().post(url).set(bearer(day.driver.token)).send({ kgCollected: 40 });
    expect(other.status).toBe(409);
    expect(other.body).toMatchObject({ code: 'stop_already_completed', stop: { kgCollected: 38.5 } });
  });
});

describe('skipping a stop with a reason', () => {
  const DAY = '2030-08-20';
  let day: Awaited<ReturnType<typeof publishedDay>>;
  let stops: Stop[];
  let reservation: { id: string };
  let frozen: { id: string };
  const url = (s: Stop, action: string) => `/routes/${day.routeId}/stops/${s.id}/${action}`;
  const pickup = () => stops.find((s) => s.kind === 'pickup')!;
  const delivery = () => stops.find((s) => s.kind === 'delivery')!;

  beforeAll(async () => {
    clock.set('2030-08-19T09:00:00Z');
    await signInCoordinator();
    await stockBags(ctx.deps.database.db, { depotId: net.depot.id, bagType: 'family', temperatureClass: 'frozen', count: 2, weightG: 6000, packedAt: clock.now() });
    reservation = await post(ctx, auth, '/reservations', { pointId: net.point.id, date: DAY, bagType: 'food', bags: 5 });
    frozen = await post(ctx, auth, '/reservations', { pointId: net.point.id, date: DAY, bagType: 'family', temperatureClass: 'frozen', bags: 2 });
    day = await publishedDay(DAY);
    stops = await driverStops(day.driver.token, DAY);
    clock.set('2030-08-20T07:00:00Z');
    await loadRoute(ctx, bearer(day.driver.token), day.routeId);
  });

  it('says "pakaste" for frozen bags and "kylmä" for chilled ones, per bag line and for the stop', async () => {
    expect(delivery()).toMatchObject({
      coldChain: 'frozen',
      bagsByType: [{ bagType: 'family', temperatureClass: 'frozen', bags: 2 }, { bagType: 'food', temperatureClass: 'chilled', bags: 5 }],
      actionFi: 'Toimita 2 perhekassia (pakaste), 5 ruokakassia (kylmä): Test point',
    });
    const sheet = await ctx.http().get(`/routes/${day.routeId}/sheet`).set(bearer(day.driver.token));
    expect(sheet.text).toContain('pakaste / frozen');
  });

  it('refuses an unknown reason, and "other" without a note (400)', async () => {
    const auth = bearer(day.driver.token);
    for (const body of [{ reason: 'nope' }, { reason: 'other' }, { reason: 'other', note: '  ' }, {}, { reason: 'closed', extra: 1 }]) {
      const res = await ctx.http().post(url(pickup(), 'skip')).set(auth).send(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    expect((await driverStops(day.driver.token, DAY)).map((s) => s.status)).toEqual(['planned', 'planned']);
  });

  it('skips a pickup; the same skip again answers the same, another reason is 409; it can still be done later', async () => {
    const auth = bearer(day.driver.token);
    const res = await ctx.http().post(url(pickup(), 'skip')).set(auth).send({ reason: 'closed', note: 'Lappu ovessa' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'skipped', skipReason: 'closed', note: 'Lappu ovessa' });
    expect((await ctx.http().post(url(pickup(), 'skip')).set(auth).send({ reason: 'closed', note: 'Lappu ovessa' })).status).toBe(200);
    const other = await ctx.http().post(url(pickup(), 'skip')).set(auth).send({ reason: 'no_access' });
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('stop_already_skipped');
    const done = await ctx.http().post(url(pickup(), 'complete')).set(auth).send({ kgCollected: 12 });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', kgCollected: 12 });
    expect(done.body.skipReason).toBeUndefined();
    const late = await ctx.http().post(url(pickup(), 'skip')).set(auth).send({ reason: 'closed' });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('stop_already_completed');
  });

  it('a skipped delivery leaves its bags dispatched (in the van); a coordinator then records the delivery', async () => {
    const other = await ctx.userToken('driver');
    expect((await ctx.http().post(url(delivery(), 'skip')).set(bearer(other.token)).send({ reason: 'closed' })).status).toBe(404);
    const res = await ctx.http().post(url(delivery(), 'skip')).set(bearer(day.driver.token)).send({ reason: 'no_one_there' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'skipped', skipReason: 'no_one_there' });
    expect((await ctx.http().get(`/reservations/${reservation.id}`).set(auth)).body.status).toBe('dispatched');
    const plan = (await ctx.http().get(`/route-plans/${day.plan.id}`).set(auth)).body;
    expect(plan.routes[0].stops.find((s: Stop) => s.kind === 'delivery')).toMatchObject({ status: 'skipped', skipReason: 'no_one_there' });

    const byCoordinator = await ctx.http().post(url(delivery(), 'complete')).set(auth).send({ bagsDelivered: 7, note: 'Toimitettu iltapäivällä' });
    expect(byCoordinator.status).toBe(200);
    expect((await ctx.http().get(`/reservations/${reservation.id}`).set(auth)).body).toMatchObject({ status: 'delivered', bagsDelivered: 5 });
    expect((await ctx.http().get(`/reservations/${frozen.id}`).set(auth)).body).toMatchObject({ status: 'delivered', bagsDelivered: 2 });
  });
});

describe('outcomes sent for a route that a newer published plan replaced while the phone was offline', () => {
  const DAY = '2030-08-27';
  let v1: Awaited<ReturnType<typeof publishedDay>>;
  let v2: { plan: { id: string; routes: { id: string; stops: Stop[] }[] }; driver: { id: string; token: string } };
  let reservation: { id: string };
  let stopsV1: Stop[];

  beforeAll(async () => {
    clock.set('2030-08-26T09:00:00Z');
    await signInCoordinator();
    reservation = await post(ctx, auth, '/reservations', { pointId: net.point.id, date: DAY, bagType: 'food', bags: 4 });
    v1 = await publishedDay(DAY);
    stopsV1 = await driverStops(v1.driver.token, DAY);
    // The phone cached v1 and went offline; the coordinator re-planned and gave the day to another driver.
    const plan = await planAndWait(ctx, auth, net.depot.id, DAY);
    expect(plan.version).toBe(2);
    const driver = await ctx.userToken('driver');
    await post(ctx, auth, `/route-plans/${plan.id}/publish`, { assignments: [{ routeId: plan.routes[0].id, driverId: driver.id }] }, 200);
    v2 = { plan, driver };
    expect(await driverStops(v1.driver.token, DAY)).toEqual([]);
    clock.set('2030-08-27T11:00:00Z');
  });

  it('shows the new plan’s driver the day as replacing version 1, every stop new to them', async () => {
    const res = await ctx.http().get('/drivers/me/routes').query({ date: DAY }).set(bearer(v2.driver.token));
    expect(res.body.items[0]).toMatchObject({ planVersion: 2, replacesVersion: 1 });
    expect(res.body.items[0].stops.map((s: { change?: string }) => s.change)).toEqual(['added', 'added']);
    expect(stopsV1.map((s) => (s as { change?: string }).change)).toEqual([undefined, undefined]);
  });

  it('keeps the outcome, says where the task went, and completes the same task in the new plan', async () => {
    // The phone loaded offline too: the loading arrives first, with the time the button was pressed.
    const loaded = await loadRoute(ctx, bearer(v1.driver.token), v1.routeId, { loadedAt: '2030-08-27T05:50:00Z' });
    expect(loaded).toMatchObject({ loadedAt: '2030-08-27T05:50:00.000Z', bagsLoaded: 4, leftBehind: { expired: 0, held: 0, recalled: 0 } });
    for (const s of stopsV1) {
      const body = s.kind === 'pickup' ? { kgCollected: 41, completedAt: '2030-08-27T06:10:00Z' } : { bagsDelivered: 4, completedAt: '2030-08-27T08:30:00Z' };
      const res = await ctx.http().post(`/routes/${v1.routeId}/stops/${s.id}/complete`).set(bearer(v1.driver.token)).send(body);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'done', planChanged: { currentVersion: 2, current: { routeId: v2.plan.routes[0].id, driverId: v2.driver.id, status: 'done' } } });
    }
    expect((await ctx.http().get(`/reservations/${reservation.id}`).set(auth)).body).toMatchObject({ status: 'delivered', bagsDelivered: 4 });
    expect(await deliveredEvents(reservation.id)).toBe(4);
    // The new plan's driver sees both stops done and does not go again; the old plan keeps its record.
    const now = await driverStops(v2.driver.token, DAY);
    expect(now.map((s) => s.status)).toEqual(['done', 'done']);
    const old = (await ctx.http().get(`/route-plans/${v1.plan.id}`).set(auth)).body;
    expect(old).toMatchObject({ superseded: true });
    expect(old.routes[0].stops.map((s: Stop) => s.status)).toEqual(['done', 'done']);
    // The phone sending it again after the sync changes nothing.
    const s = stopsV1.find((x) => x.kind === 'delivery')!;
    const again = await ctx.http().post(`/routes/${v1.routeId}/stops/${s.id}/complete`).set(bearer(v1.driver.token)).send({ bagsDelivered: 4, completedAt: '2030-08-27T08:30:00Z' });
    expect(again.status).toBe(200);
    expect(await deliveredEvents(reservation.id)).toBe(4);
    const ids = (await ctx.deps.database.db.select({ id: bags.id }).from(bags).where(inArray(bags.status, ['delivered']))).length;
    expect(ids).toBe(4 + 18 + 5 + 2);
  });
});
