import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alerts, bagEvents, bags } from '../../../src/db/schema/index.ts';
import { createProcessors } from '../../../src/jobs/processors/index.ts';
import { lotCode } from '../../../src/domain/labels.ts';
import { bearer } from '../../helpers/app.ts';
import { loadRoute, post } from '../../helpers/fixtures.ts';
import { bagStatusCounts } from '../../helpers/reservations.ts';
import { planAndWait } from '../../helpers/route-plans.ts';
import { api, ledgerFacts, line, startWarehouse } from '../../helpers/warehouse.ts';

/**
 * Loading a route on its day (issue 18, items 2 and 3): publishing dispatches nothing; the
 * driver's "Lastattu, lähden" dispatches the route's bags and discards those past their date;
 * deliveries hand out only bags within their date, on the route's day; bags left unsettled at
 * the end of the day raise an alert and can then only come back or be discarded; every cold
 * delivery records its ride, and an unrefrigerated one over the limit alerts the coordinators.
 * Tuesdays of April 2027 (summer time, UTC+3), the clock moved day by day.
 */
describe.each(['postgres', 'embedded'] as const)('loading a route and handing its bags out (%s)', (mode) => {
  let w: Awaited<ReturnType<typeof startWarehouse>>;
  const fi = { 'accept-language': 'fi' };
  const coordinator = async () => bearer((await w.ctx.userToken('coordinator')).token);
  /** A warehouse volunteer signed in now (tokens last 7 days; the blocks are a week apart). */
  const warehouse = async () => api(w.ctx, bearer((await w.ctx.userToken('warehouse')).token));

  /** Packs `count` chilled food bags from a fresh dairy lot, reserves them for `day` and publishes the day's route to a new driver. */
  async function publishedDay(day: string, count: number) {
    const auth = await coordinator();
    const wh = await warehouse();
    await wh.ok('/intakes', { donorId: w.net.donor.id, lines: [line(w.net.units.chilled.id, { kg: count * 5, date: '2027-05-30', product: 'Maito', allergens: ['milk'] })] });
    await wh.ok('/packing-runs', { depotId: w.net.depot.id, bagType: 'food', bagCount: count });
    const reservation = await post(w.ctx, auth, '/reservations', { pointId: w.net.point.id, date: day, bagType: 'food', bags: count });
    const plan = await planAndWait(w.ctx, auth, w.net.depot.id, day);
    expect(plan.status).toBe('done');
    expect(plan.unassigned).toEqual([]);
    const driver = await w.ctx.userToken('driver');
    await post(w.ctx, auth, `/route-plans/${plan.id}/publish`, { assignments: [{ routeId: plan.routes[0].id, driverId: driver.id }] }, 200);
    const stop = plan.routes[0].stops.find((s: { kind: string }) => s.kind === 'delivery');
    return { auth, plan, reservation, driver: bearer(driver.token), routeId: plan.routes[0].id as string, stopId: stop.id as string };
  }
  const bagsOf = (reservationId: string) => w.ctx.deps.database.db.select().from(bags).where(eq(bags.reservationId, reservationId)).orderBy(bags.id);

  beforeAll(async () => {
    w = await startWarehouse('2027-04-05T10:00:00+03:00', undefined, mode);
    await post(w.ctx, w.net.auth, '/vehicles', { depotId: w.net.depot.id, name: 'Pakettiauto', refrigerated: false, capacityKg: 800, capacityBags: 100, shiftStart: '08:00', shiftEnd: '16:00' });
  });
  afterAll(() => w?.ctx.close());

  describe('a route loaded on its day', () => {
    const DAY = '2027-04-06';
    let day: Awaited<ReturnType<typeof publishedDay>>;
    let expired: string;

    beforeAll(async () => {
      day = await publishedDay(DAY, 4);
    });

    it('publishing dispatches nothing, and loading the evening before is refused in Finnish, writing nothing', async () => {
      expect((await w.ctx.http().get(`/reservations/${day.reservation.id}`).set(day.auth)).body.status).toBe('held');
      const before = await bagStatusCounts(w.ctx.deps.database.db, w.net.depot.id);
      expect(before).toMatchObject({ reserved: 4 });
      const res = await w.ctx.http().post(`/routes/${day.routeId}/load`).set(day.driver).set(fi).send({});
      expect(res.status).toBe(422);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({ code: 'not_route_day', date: DAY, detail: 'Reitti on päivälle 6.4.2027; se lastataan sinä päivänä, ei 5.4.2027' });
      // A phone's time on the route's day is no way round it either: it is in the future.
      const ahead = await w.ctx.http().post(`/routes/${day.routeId}/load`).set(day.driver).send({ loadedAt: '2027-04-06T08:00:00+03:00' });
      expect(ahead.status).toBe(400);
      expect(await bagStatusCounts(w.ctx.deps.database.db, w.net.depot.id)).toEqual(before);
      expect((await w.ctx.http().get(`/route-plans/${day.plan.id}`).set(day.auth)).body.routes[0].loadedAt).toBeUndefined();
    });

    it('loads on the day: the bag past its date is discarded, not loaded, and the answer and the driver’s route say which; the mass balance stays exact', async () => {
      // A bag reserved before hand-out dates were kept (its date came by migration) is past it on the day.
      expired = (await bagsOf(day.reservation.id))[0].id;
      await w.ctx.deps.database.db.update(bags).set({ handOutBy: '2027-04-05' }).where(eq(bags.id, expired));
      const facts = await ledgerFacts(w.ctx, w.net.depot.id);
      w.clock.set('2027-04-06T09:00:00+03:00');

      const res = await w.ctx.http().post(`/routes/${day.routeId}/load`).set(day.driver).send({});
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        routeId: day.routeId, date: DAY, loadedAt: '2027-04-06T06:00:00.000Z', alreadyLoaded: false, bagsLoaded: 3,
        leftBehind: { expired: 1, held: 0, recalled: 0 },
        bagsLeftBehind: [{ bagId: expired, code: lotCode(expired), reason: 'expired', handOutBy: '2027-04-05', stopId: day.stopId, reservationId: day.reservation.id }],
      });
      const statuses = (await bagsOf(day.reservation.id)).map((b) => [b.id, b.status]);
      expect(statuses.filter(([, s]) => s === 'dispatched')).toHaveLength(3);
      expect(statuses.find(([id]) => id === expired)![1]).toBe('discarded');
      const [event] = await w.ctx.deps.database.db.select().from(bagEvents).where(and(eq(bagEvents.bagId, expired), eq(bagEvents.toStatus, 'discarded')));
      expect(event).toMatchObject({ fromStatus: 'reserved', reason: 'expired', reservationId: day.reservation.id });
      expect((await w.ctx.http().get(`/reservations/${day.reservation.id}`).set(day.auth)).body.status).toBe('dispatched');

      // Packed food left the lot ledger at packing: the discard is the bag's, and the balance is untouched and exact.
      const after = await ledgerFacts(w.ctx, w.net.depot.id);
      expect(after).toEqual(facts);
      expect(after.intake - after.packed - after.discarded + after.adjusted).toBe(after.stock);
      expect(after.bag_grams).toBe(after.packed);

      const route = (await w.ctx.http().get('/drivers/me/routes').query({ date: DAY }).set(day.driver)).body.items[0];
      expect(route).toMatchObject({ loadedAt: '2027-04-06T06:00:00.000Z', leftBehind: { expired: 1 }, bagsLeftBehind: [{ bagId: expired, reason: 'expired' }] });
      expect(route.stops.find((s: { kind: string }) => s.kind === 'delivery')).toMatchObject({ bags: 3 });

      // Pressed again (a retry from the phone): the same loading, nothing changed.
      const again = await loadRoute(w.ctx, day.driver, day.routeId);
      expect(again).toMatchObject({ alreadyLoaded: true, loadedAt: '2027-04-06T06:00:00.000Z', bagsLoaded: 3, leftBehind: { expired: 1 } });
    });

    it('refuses a delivery dated after the route’s day, naming the day in Finnish, and writes nothing', async () => {
      w.clock.set('2027-04-07T09:00:00+03:00');
      const res = await w.ctx.http().post(`/routes/${day.routeId}/stops/${day.stopId}/complete`).set(day.driver).set(fi)
        .send({ bagsDelivered: 3, completedAt: '2027-04-07T08:30:00+03:00' });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'completed_after_route_day', date: DAY, stopId: day.stopId });
      expect(res.body.detail).toContain('6.4.2027');
      const byCoordinator = await w.ctx.http().post(`/reservations/${day.reservation.id}/deliveries`).set(day.auth).send({ bagsDelivered: 3 });
      expect(byCoordinator.status).toBe(422);
      expect(byCoordinator.body.code).toBe('completed_after_route_day');
      expect((await bagsOf(day.reservation.id)).filter((b) => b.status === 'dispatched')).toHaveLength(3);
    });

    it('records the cold ride of a delivery sent later, and alerts the coordinators when it was too long without refrigeration', async () => {
      // The phone was offline: the delivery comes the next morning, as done at 12.15 on the day.
      const res = await w.ctx.http().post(`/routes/${day.routeId}/stops/${day.stopId}/complete`).set(day.driver)
        .send({ bagsDelivered: 3, completedAt: '2027-04-06T12:15:00+03:00' });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ status: 'done', bagsDelivered: 3, rideMinutes: 195 });
      const plan = (await w.ctx.http().get(`/route-plans/${day.plan.id}`).set(day.auth)).body;
      expect(plan.routes[0].stops.find((s: { id: string }) => s.id === day.stopId)).toMatchObject({ rideMinutes: 195, temperatureClass: 'chilled' });
      expect(plan.routes[0].stops.filter((s: { kind: string }) => s.kind === 'pickup').every((s: { rideMinutes?: number }) => s.rideMinutes === undefined)).toBe(true);
      const route = (await w.ctx.http().get('/drivers/me/routes').query({ date: DAY }).set(day.driver)).body.items[0];
      expect(route.stops.find((s: { id: string }) => s.id === day.stopId)).toMatchObject({ rideMinutes: 195 });

      const auth = await coordinator();
      const open = (await w.ctx.http().get(`/alerts?depotId=${w.net.depot.id}`).set(auth).set(fi)).body.items;
      const ride = open.find((a: { kind: string }) => a.kind === 'ride_too_long');
      expect(ride).toMatchObject({ routeId: day.routeId, stopId: day.stopId, depotId: w.net.depot.id });
      expect(ride.detail).toBe('Test point: kassit (kylmä) olivat kyydissä 195 min ilman kylmäkuljetusta (Pakettiauto); raja on 60 min.');
      const inbox = (await w.ctx.http().get('/me/notifications').set(day.auth)).body.items;
      expect(inbox.some((n: { title: string; body: string }) => n.title.includes('Test point') && n.body.includes('195 min'))).toBe(true);
    });
  });

  describe('bags not settled by the end of their route’s day', () => {
    const DAY = '2027-04-13';
    let day: Awaited<ReturnType<typeof publishedDay>>;

    beforeAll(async () => {
      w.clock.set('2027-04-12T10:00:00+03:00');
      day = await publishedDay(DAY, 2);
      w.clock.set('2027-04-13T08:30:00+03:00');
      await loadRoute(w.ctx, day.driver, day.routeId);
      await post(w.ctx, day.driver, `/routes/${day.routeId}/stops/${day.stopId}/skip`, { reason: 'no_one_there' }, 200);
    });

    it('raise one bags_unsettled alert after midnight, told to the coordinators', async () => {
      const job = createProcessors(w.ctx.deps)['check-unsettled-bags'];
      w.clock.set('2027-04-13T23:50:00+03:00');
      await job({});
      const db = w.ctx.deps.database.db;
      expect(await db.select().from(alerts).where(eq(alerts.kind, 'bags_unsettled'))).toEqual([]);
      w.clock.set('2027-04-14T00:10:00+03:00');
      await job({});
      await job({});
      const raised = await db.select().from(alerts).where(eq(alerts.kind, 'bags_unsettled'));
      expect(raised).toHaveLength(1);
      expect(raised[0]).toMatchObject({ routeId: day.routeId, depotId: w.net.depot.id, closedAt: null });
      const auth = await coordinator();
      const listed = (await w.ctx.http().get('/alerts').set(auth).set(fi)).body.items.find((a: { kind: string }) => a.kind === 'bags_unsettled');
      expect(listed.detail).toBe('Pakettiauto: reitin 13.4.2027 2 kassia jäi päivän päättyessä toimittamatta ja palauttamatta; palauta tai hävitä ne.');
      // Not resolvable by hand: it closes when the bags are settled.
      expect((await w.ctx.http().post(`/alerts/${listed.id}/resolve`).set(auth).send({ action: 'other', note: 'x' })).status).toBe(409);
    });

    it('can then only be returned (with coldChainKept) or discarded; settling them closes the alert', async () => {
      const auth = await coordinator();
      const url = `/reservations/${day.reservation.id}/deliveries`;
      const late = await w.ctx.http().post(url).set(auth).set(fi).send({ bagsDelivered: 2, completedAt: '2027-04-13T15:00:00+03:00' });
      expect(late.status).toBe(409);
      expect(late.body).toMatchObject({ code: 'bags_unsettled', reservationIds: [day.reservation.id] });
      expect(late.body.detail).toContain('voi nyt vain palauttaa');
      expect((await bagsOf(day.reservation.id)).map((b) => b.status)).toEqual(['dispatched', 'dispatched']);

      const back = await w.ctx.http().post(url).set(auth).send({ bagsDelivered: 0, coldChainKept: true });
      expect(back.status).toBe(201);
      expect(back.body).toMatchObject({ status: 'delivered', bagsDelivered: 0, bagsReturnedToStock: 2, bagsDiscarded: 0 });
      const [closed] = await w.ctx.deps.database.db.select().from(alerts).where(eq(alerts.kind, 'bags_unsettled'));
      expect(closed.closedAt).not.toBeNull();
      expect(closed.action).toBe('other');
      // The next night finds nothing more to raise.
      w.clock.set('2027-04-15T00:10:00+03:00');
      await createProcessors(w.ctx.deps)['check-unsettled-bags']({});
      expect(await w.ctx.deps.database.db.select().from(alerts).where(eq(alerts.kind, 'bags_unsettled'))).toHaveLength(1);
    });
  });

  describe('bags past their date at a dispatch or a delivery', () => {
    const DAY = '2027-04-20';
    let reservation: { id: string };
    let auth: Record<string, string>;

    beforeAll(async () => {
      w.clock.set('2027-04-19T10:00:00+03:00');
      auth = await coordinator();
      const wh = await warehouse();
      await wh.ok('/intakes', { donorId: w.net.donor.id, lines: [line(w.net.units.chilled.id, { kg: 15, date: '2027-05-30', product: 'Jogurtti', allergens: ['milk'] })] });
      await wh.ok('/packing-runs', { depotId: w.net.depot.id, bagType: 'food', bagCount: 3 });
      reservation = await post(w.ctx, auth, '/reservations', { pointId: w.net.point.id, date: DAY, bagType: 'food', bags: 3 });
      w.clock.set('2027-04-20T09:00:00+03:00');
    });

    it('refuses to dispatch a reservation holding a bag past its date: 422 bag_past_hand_out with how many may go, the bag named', async () => {
      const [first] = await bagsOf(reservation.id);
      await w.ctx.deps.database.db.update(bags).set({ handOutBy: '2027-04-19' }).where(eq(bags.id, first.id));
      const res = await w.ctx.http().post(`/reservations/${reservation.id}/dispatch`).set(auth).set(fi).send({});
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'bag_past_hand_out', mayHandOut: 2, day: DAY, pastHandOut: [{ bagId: first.id, code: lotCode(first.id), handOutBy: '2027-04-19' }] });
      expect(res.body.detail).toBe(`Jaettavaksi 20.4.2027 ilmoitettiin 3 kassia, mutta sinä päivänä saa jakaa vain 2; jakopäivä on mennyt kasseilta ${lotCode(first.id)}`);
      expect((await bagsOf(reservation.id)).every((b) => b.status === 'reserved')).toBe(true);
      await w.ctx.deps.database.db.update(bags).set({ handOutBy: '2027-05-30' }).where(eq(bags.id, first.id));
    });

    it('refuses to hand out more bags than may still go that day, and hands out the good ones when asked for no more', async () => {
      await post(w.ctx, auth, `/reservations/${reservation.id}/dispatch`, {}, 200);
      // A bag dispatched before hand-out dates were kept turns out to be past its date at the point.
      const [first] = await bagsOf(reservation.id);
      await w.ctx.deps.database.db.update(bags).set({ handOutBy: '2027-04-19' }).where(eq(bags.id, first.id));
      const url = `/reservations/${reservation.id}/deliveries`;
      const tooMany = await w.ctx.http().post(url).set(auth).send({ bagsDelivered: 3 });
      expect(tooMany.status).toBe(422);
      expect(tooMany.body).toMatchObject({ code: 'bag_past_hand_out', mayHandOut: 2 });
      expect((await bagsOf(reservation.id)).every((b) => b.status === 'dispatched')).toBe(true);
      const res = await w.ctx.http().post(url).set(auth).send({ bagsDelivered: 2, coldChainKept: true });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ bagsDelivered: 2, bagsDiscarded: 1, bagsReturnedToStock: 0 });
      const statuses = await w.ctx.deps.database.db.select({ id: bags.id, status: bags.status }).from(bags).where(inArray(bags.id, [first.id]));
      expect(statuses[0].status).toBe('discarded');
      const delivered = await w.ctx.deps.database.db.select({ n: sql<number>`count(*)::int` }).from(bags).where(and(eq(bags.reservationId, reservation.id), eq(bags.status, 'delivered')));
      expect(delivered[0].n).toBe(2);
    });
  });
});
