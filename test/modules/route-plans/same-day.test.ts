import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localTimeOnDate } from '../../../src/domain/dates.ts';
import { onSameDayChange, type SameDayChange } from '../../../src/modules/route-plans/same-day.service.ts';
import { bearer, startTestApp, type TestContext } from '../../helpers/app.ts';
import { loadRoute, seedNetwork } from '../../helpers/fixtures.ts';
import { stockBags, testClock } from '../../helpers/reservations.ts';
import { planAndWait, post } from '../../helpers/route-plans.ts';

/**
 * Same-day changes on today's published plan (issue 20, item 4), with the clock on the route's
 * day: an offer accepted for today goes into the route that takes it most cheaply, as a new
 * published version; the driver's route shows it with a message; what the driver recorded on
 * the earlier version still counts; a pickup its donor skipped leaves the route; an offer no
 * route can take leaves the plan as it was and the coordinators are told why.
 */
const DAY = '2030-08-13'; // a Tuesday: the fixture point distributes 12–14
interface Stop { id: string; taskId: string; kind: string; status: string; arrival: string; change?: string; kg: number }
interface DriverRoute { id: string; planVersion: number; replacesVersion?: number; stops: Stop[] }

describe.each(['postgres', 'embedded'] as const)('same-day changes on a published plan (%s)', (mode) => {
  const clock = testClock(new Date('2030-08-12T09:00:00Z'));
  let ctx: TestContext;
  let net: Awaited<ReturnType<typeof seedNetwork>>;
  let auth: Record<string, string>;
  let driver: { token: string; id: string };
  let farm: { id: string };
  let first: { planId: string; routeId: string; stops: Stop[] };

  const change = (c: Partial<SameDayChange> & Pick<SameDayChange, 'kind'>) =>
    ctx.deps.database.db.transaction((tx) => onSameDayChange(tx, { depotId: net.depot.id, date: DAY, ...c } as SameDayChange, clock.now()));
  const offer = (id: string, kg: number, from: string, to: string, temperatureClass: 'ambient' | 'chilled' = 'chilled') => change({
    kind: 'offer_accepted', offerId: id, donorId: farm.id, taskId: `offer-${id}`, grams: kg * 1000, temperatureClass,
    requiresRefrigeration: temperatureClass !== 'ambient', windowStart: localTimeOnDate(DAY, from), windowEnd: localTimeOnDate(DAY, to),
  });
  const myRoutes = async (): Promise<DriverRoute[]> => {
    const res = await ctx.http().get('/drivers/me/routes').query({ date: DAY }).set(bearer(driver.token));
    expect(res.status).toBe(200);
    return res.body.items;
  };
  const inbox = async (token: string) => (await ctx.http().get('/me/notifications').set(bearer(token))).body.items as { kind: string; title: string; body: string }[];

  beforeAll(async () => {
    ctx = await startTestApp({ mode, env: { PLANNING_TIME_LIMIT_MS: '200' }, now: clock.now });
    net = await seedNetwork(ctx);
    auth = net.auth;
    await post(ctx, auth, '/vehicles', { depotId: net.depot.id, name: 'Kylmäauto', refrigerated: true, capacityKg: 1000, capacityBags: 100, shiftStart: '08:00', shiftEnd: '16:00' });
    await post(ctx, auth, `/sites/${net.donor.id}/pickup-schedules`, { weekdays: ['tue'], windowStart: '08:00', windowEnd: '10:00', expectedKg: 40 });
    farm = await post(ctx, auth, '/sites', { kind: 'donor', name: 'Tuottaja X', municipality: 'Mikkeli', lat: 61.66, lon: 27.2, depotId: net.depot.id, donorKind: 'producer' });
    await stockBags(ctx.deps.database.db, { depotId: net.depot.id, count: 30, weightG: 5000, packedAt: clock.now() });
    await post(ctx, auth, '/reservations', { pointId: net.point.id, date: DAY, bagType: 'food', bags: 20 });
    const plan = await planAndWait(ctx, auth, net.depot.id, DAY);
    expect(plan.routes).toHaveLength(1);
    driver = await ctx.userToken('driver');
    await post(ctx, auth, `/route-plans/${plan.id}/publish`, { assignments: [{ routeId: plan.routes[0].id, driverId: driver.id }] }, 200);
    clock.set('2030-08-13T05:30:00Z'); // 8.30 in Mikkeli
    await loadRoute(ctx, bearer(driver.token), plan.routes[0].id);
    const [route] = await myRoutes();
    first = { planId: plan.id, routeId: route.id, stops: route.stops };
  });
  afterAll(() => ctx?.close());

  it('does nothing on a day without a published plan', async () => {
    const other = await ctx.deps.database.db.transaction((tx) => onSameDayChange(tx, {
      kind: 'pickup_skipped', skipId: 'x', donorId: net.donor.id, depotId: net.depot.id, date: '2030-08-14', scheduleId: 'x', taskId: 'pickup-x',
    }, clock.now()));
    expect(other).toEqual({ status: 'no_plan' });
  });

  it('puts an offer accepted for today into the driver\'s route as a new version, and tells the driver in Finnish', async () => {
    // The driver has done the shop's pickup at 8.30; the farm's 150 kg of chilled vegetables are ready 10–13.
    const pickup = first.stops.find((s) => s.kind === 'pickup')!;
    await post(ctx, bearer(driver.token), `/routes/${first.routeId}/stops/${pickup.id}/complete`, { kgCollected: 38 }, 200);
    const outcome = await offer('farm-1', 150, '10:00', '13:00');
    expect(outcome).toMatchObject({ status: 'added', version: 2, driverId: driver.id });

    const [route] = await myRoutes();
    expect(route).toMatchObject({ planVersion: 2, replacesVersion: 1 });
    expect(route.id).not.toBe(first.routeId);
    const added = route.stops.find((s) => s.taskId === 'offer-farm-1')!;
    expect(added).toMatchObject({ kind: 'pickup', kg: 150, change: 'added', status: 'planned' });
    // The done pickup stays first and done; the new stop comes after it, inside its window.
    expect(route.stops[0]).toMatchObject({ taskId: pickup.taskId, status: 'done' });
    expect(Date.parse(added.arrival)).toBeGreaterThanOrEqual(Date.parse('2030-08-13T07:00:00Z'));
    expect(Date.parse(added.arrival)).toBeLessThanOrEqual(Date.parse('2030-08-13T10:00:00Z'));
    const eta = new Date(added.arrival).toLocaleTimeString('fi-FI', { timeZone: 'Europe/Helsinki', hour: 'numeric', minute: '2-digit' });
    const messages = await inbox(driver.token);
    expect(messages).toContainEqual(expect.objectContaining({ kind: 'route_stop_added', body: `Reitille lisätty nouto: Tuottaja X, noin klo ${eta}.` }));

    // The coordinator's plans: version 1 superseded, version 2 published with the same driver.
    const v1 = (await ctx.http().get(`/route-plans/${first.planId}`).set(auth)).body;
    expect(v1).toMatchObject({ status: 'published', superseded: true });
    const v2 = (await ctx.http().get(`/route-plans/${outcome.status === 'added' ? outcome.planId : ''}`).set(auth)).body;
    expect(v2).toMatchObject({ status: 'published', superseded: false, version: 2, routes: [{ driverId: driver.id }] });
  });

  it('applies a completion the phone recorded offline against the earlier version', async () => {
    clock.set('2030-08-13T09:30:00Z'); // 12.30: the delivery was made at 12.10 in a dead spot
    const delivery = first.stops.find((s) => s.kind === 'delivery')!;
    const res = await ctx.http().post(`/routes/${first.routeId}/stops/${delivery.id}/complete`).set(bearer(driver.token))
      .set('Idempotency-Key', `offline-${mode}`).send({ bagsDelivered: 20, completedAt: '2030-08-13T09:10:00Z' });
    expect(res.status).toBe(200);
    expect(res.body.planChanged).toMatchObject({ currentVersion: 2, current: { status: 'done', driverId: driver.id } });
    const [route] = await myRoutes();
    expect(route.stops.find((s) => s.taskId === delivery.taskId)).toMatchObject({ status: 'done' });
    expect((await ctx.http().get(`/reservations?date=${DAY}`).set(auth)).body.items.every((r: { status: string }) => r.status === 'delivered')).toBe(true);
  });

  it('leaves the plan as it was when no route can take the offer, and tells the coordinators why', async () => {
    const before = await myRoutes();
    const outcome = await offer('farm-2', 1500, '13:00', '15:00');
    expect(outcome).toMatchObject({ status: 'refused', reason: 'capacity', version: 2 });
    expect(await myRoutes()).toEqual(before);
    const messages = await inbox(net.coordinator.token);
    expect(messages).toContainEqual(expect.objectContaining({
      kind: 'same_day_not_routed', body: 'Tuottaja X, 1500 kg 13.8.2030: kuorma ei mahdu yhteenkään autoon (kg tai kassit). Voit ottaa sen huomiselle.',
    }));
  });

  it('takes a pickup its donor skipped off the route, and tells the driver', async () => {
    await offer('farm-3', 60, '13:00', '15:00', 'ambient');
    const [withIt] = await myRoutes();
    expect(withIt.planVersion).toBe(3);
    expect(withIt.stops.map((s) => s.taskId)).toContain('offer-farm-3');
    const outcome = await change({ kind: 'pickup_skipped', skipId: 's', donorId: farm.id, scheduleId: 's', taskId: 'offer-farm-3' });
    expect(outcome).toMatchObject({ status: 'removed', version: 4 });
    const [route] = await myRoutes();
    expect(route.planVersion).toBe(4);
    expect(route.stops.map((s) => s.taskId)).not.toContain('offer-farm-3');
    // The rest keep their outcomes.
    expect(route.stops.filter((s) => s.status === 'done').map((s) => s.kind).sort()).toEqual(['delivery', 'pickup']);
    expect(await inbox(driver.token)).toContainEqual(expect.objectContaining({ kind: 'route_stop_removed', body: 'Reitiltä poistettu nouto: Tuottaja X. Sinne ei tarvitse ajaa tänään.' }));
    // The same skip again changes nothing.
    expect(await change({ kind: 'pickup_skipped', skipId: 's', donorId: farm.id, scheduleId: 's', taskId: 'offer-farm-3' })).toMatchObject({ status: 'unchanged', version: 4 });
  });
});
