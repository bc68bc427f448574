import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bagEvents, bags, outbox } from '../../../src/db/schema/index.ts';
import { localTimeOnDate } from '../../../src/domain/dates.ts';
import { recordDelivery } from '../../../src/modules/reservations/dispatch.service.ts';
import { startTestApp, type TestContext } from '../../helpers/app.ts';
import { MONDAY_MORNING, TUESDAY, WEDNESDAY, bagStatusCounts, insertLot, packFromLot, seedReservationNetwork, stockBags, testClock } from '../../helpers/reservations.ts';

describe('dispatch, delivery, confirmation and recall', () => {
  let ctx: TestContext;
  let net: Awaited<ReturnType<typeof seedReservationNetwork>>;
  const clock = testClock();
  const TUESDAY_NOON = localTimeOnDate(TUESDAY, '11:30');

  beforeAll(async () => {
    ctx = await startTestApp({ now: clock.now });
    net = await seedReservationNetwork(ctx);
  });
  afterAll(() => ctx?.close());
  beforeEach(() => clock.set(MONDAY_MORNING));

  const post = (path: string, auth: Record<string, string>, body: object = {}) => ctx.http().post(path).set(auth).send(body);
  async function heldReservation(bagType: string, n: number, useBy: string | null = null) {
    await stockBags(ctx.deps.database.db, { depotId: net.depot.id, bagType, count: n, earliestUseBy: useBy });
    const res = await post('/reservations', net.lead, { pointId: net.point.id, date: TUESDAY, bagType, bags: n });
    expect(res.status).toBe(201);
    return res.body as { id: string };
  }
  const statusesOf = async (reservationId: string) =>
    (await ctx.deps.database.db.select({ status: bags.status }).from(bags).where(eq(bags.reservationId, reservationId))).map((b) => b.status).sort();

  it('dispatches a held reservation (coordinator only) and its bags go out; a second dispatch is harmless', async () => {
    const r = await heldReservation('food', 2);
    expect((await post(`/reservations/${r.id}/dispatch`, net.lead)).status).toBe(403);
    clock.set(localTimeOnDate(TUESDAY, '07:00'));
    const first = await post(`/reservations/${r.id}/dispatch`, net.auth);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'dispatched', dispatchedAt: localTimeOnDate(TUESDAY, '07:00').toISOString() });
    expect(await statusesOf(r.id)).toEqual(['dispatched', 'dispatched']);
    const again = await post(`/reservations/${r.id}/dispatch`, net.auth);
    expect(again.body).toEqual(first.body);
    // Once gone out it can no longer be cancelled, even by a coordinator.
    const cancel = await post(`/reservations/${r.id}/cancel`, net.auth);
    expect(cancel.status).toBe(409);
    expect(cancel.body.code).toBe('illegal_transition');
  });

  it('records a full delivery, marks the bags delivered and queues the tally recount', async () => {
    const r = await heldReservation('family', 3);
    await post(`/reservations/${r.id}/dispatch`, net.auth).expect(200);
    clock.set(TUESDAY_NOON);
    const res = await post(`/reservations/${r.id}/deliveries`, net.auth, { bagsDelivered: 3 });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'delivered', bagsDelivered: 3, bagsReturnedToStock: 0, bagsDiscarded: 0, deliveredAt: TUESDAY_NOON.toISOString() });
    expect(await statusesOf(r.id)).toEqual(['delivered', 'delivered', 'delivered']);
    const jobs = await ctx.deps.database.db.select().from(outbox).where(eq(outbox.name, 'tally-day'));
    expect(jobs.map((j) => j.payload)).toContainEqual({ depotId: net.depot.id, date: TUESDAY });
    // The same report again is harmless; another count is refused.
    expect((await post(`/reservations/${r.id}/deliveries`, net.auth, { bagsDelivered: 3 })).status).toBe(200);
    const other = await post(`/reservations/${r.id}/deliveries`, net.auth, { bagsDelivered: 2 });
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('already_delivered');
  });

  it('returns the undelivered bags of a short delivery to stock, and discards those past their hand-out date', async () => {
    const db = ctx.deps.database.db;
    await stockBags(db, { depotId: net.depot.id, bagType: 'hygiene', count: 2, earliestUseBy: TUESDAY });
    await stockBags(db, { depotId: net.depot.id, bagType: 'hygiene', count: 2, earliestUseBy: null });
    const r = (await post('/reservations', net.lead, { pointId: net.point.id, date: TUESDAY, bagType: 'hygiene', bags: 4 })).body;
    await post(`/reservations/${r.id}/dispatch`, net.auth).expect(200);
    // Reported the morning after, as done on Tuesday: the bags with Tuesday's use-by are past it when back on the shelf.
    clock.set(localTimeOnDate(WEDNESDAY, '09:00'));
    const late = await post(`/reservations/${r.id}/deliveries`, net.auth, { bagsDelivered: 1, coldChainKept: true });
    expect(late.status).toBe(422);
    expect(late.body).toMatchObject({ code: 'completed_after_route_day', date: TUESDAY });
    const res = await post(`/reservations/${r.id}/deliveries`, net.auth, { bagsDelivered: 1, coldChainKept: true, completedAt: localTimeOnDate(TUESDAY, '15:00').toISOString() });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ bagsDelivered: 1, bagsReturnedToStock: 2, bagsDiscarded: 1 });
    expect(await bagStatusCounts(db, net.depot.id, 'hygiene')).toEqual({ delivered: 1, in_stock: 2, discarded: 1 });
    const discarded = await db.select().from(bagEvents).where(and(eq(bagEvents.reservationId, r.id), eq(bagEvents.toStatus, 'discarded')));
    expect(discarded).toHaveLength(1);
    expect(discarded[0].reason).toMatch(/hand-out date/);
    const back = await db.select().from(bags).where(and(eq(bags.depotId, net.depot.id), eq(bags.bagType, 'hygiene'), eq(bags.status, 'in_stock')));
    expect(back.every((b) => b.reservationId === null && b.earliestUseBy === null)).toBe(true);
  });

  it('discards every undelivered bag with the reason given, and needs a reason for it', async () => {
    const r = await heldReservation('bread', 2);
    await post(`/reservations/${r.id}/dispatch`, net.auth).expect(200);
    expect((await post(`/reservations/${r.id}/deliveries`, net.auth, { bagsDelivered: 0, returned: 'discard' })).status).toBe(400);
    const res = await post(`/reservations/${r.id}/deliveries`, net.auth, { bagsDelivered: 0, returned: 'discard', reason: 'crushed in transit' });
    expect(res.body).toMatchObject({ status: 'delivered', bagsDelivered: 0, bagsDiscarded: 2 });
    const events = await ctx.deps.database.db.select().from(bagEvents).where(and(eq(bagEvents.reservationId, r.id), eq(bagEvents.toStatus, 'discarded')));
    expect(events.map((e) => e.reason)).toEqual(['crushed in transit', 'crushed in transit']);
  });

  it('refuses illegal transitions: delivering a held reservation, cancelling a delivered one, more bags than went out', async () => {
    const r = await heldReservation('food', 2);
    const early = await post(`/reservations/${r.id}/deliveries`, net.auth, { bagsDelivered: 2 });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'illegal_transition', reservationStatus: 'held' });
    await post(`/reservations/${r.id}/dispatch`, net.auth).expect(200);
    const tooMany = await post(`/reservations/${r.id}/deliveries`, net.auth, { bagsDelivered: 3 });
    expect(tooMany.status).toBe(422);
    await post(`/reservations/${r.id}/deliveries`, net.auth, { bagsDelivered: 2 }).expect(201);
    const cancel = await post(`/reservations/${r.id}/cancel`, net.auth);
    expect(cancel.status).toBe(409);
    expect(cancel.body.code).toBe('illegal_transition');
    expect(await statusesOf(r.id)).toEqual(['delivered', 'delivered']);

    const cancelled = await heldReservation('food', 1);
    await post(`/reservations/${cancelled.id}/cancel`, net.lead).expect(200);
    expect((await post(`/reservations/${cancelled.id}/dispatch`, net.auth)).status).toBe(409);
  });

  it('lets the point lead confirm receipt of their own delivered reservation, once', async () => {
    const r = await heldReservation('family', 2);
    expect((await post(`/reservations/${r.id}/confirm`, net.lead, { bagsReceived: 2 })).body.code).toBe('not_dispatched');
    await post(`/reservations/${r.id}/dispatch`, net.auth).expect(200);
    await post(`/reservations/${r.id}/deliveries`, net.auth, { bagsDelivered: 2 }).expect(201);
    expect((await post(`/reservations/${r.id}/confirm`, net.otherLead, { bagsReceived: 2 })).status).toBe(404);
    expect((await post(`/reservations/${r.id}/confirm`, net.lead, { bagsReceived: 3 })).status).toBe(422);
    const ok = await post(`/reservations/${r.id}/confirm`, net.lead, { bagsReceived: 2 });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ bagsReceived: 2, confirmedAt: MONDAY_MORNING.toISOString() });
    expect((await post(`/reservations/${r.id}/confirm`, net.lead, { bagsReceived: 2 })).body).toEqual(ok.body);
    expect((await post(`/reservations/${r.id}/confirm`, net.lead, { bagsReceived: 1 })).body.code).toBe('already_confirmed');
  });

  it('splits a stop’s delivered count over its reservations in the service the stop completion calls', async () => {
    const a = await heldReservation('food', 2);
    const b = await heldReservation('bread', 3);
    await post(`/reservations/${a.id}/dispatch`, net.auth).expect(200);
    await post(`/reservations/${b.id}/dispatch`, net.auth).expect(200);
    const out = await ctx.deps.database.db.transaction((tx) =>
      recordDelivery(tx, { reservationIds: [a.id, b.id], bagsDelivered: 4, now: TUESDAY_NOON, actor: null, coldChainKept: true }));
    expect(out).toMatchObject({ bagsDelivered: 4, bagsReturnedToStock: 1, bagsDiscarded: 0, alreadyDelivered: false });
    expect(out.reservations.map((r) => r.bagsDelivered)).toEqual([2, 2]);
    expect(await statusesOf(a.id)).toEqual(['delivered', 'delivered']);
    expect(await statusesOf(b.id)).toEqual(['delivered', 'delivered']);
  });

  it('traces a lot to its packing run, bags, reservations, points and delivery times, and what is still in stock', async () => {
    const db = ctx.deps.database.db;
    const received = new Date(MONDAY_MORNING.getTime() - 2 * 86_400_000);
    const lot = await insertLot(db, { donorId: net.donor.id, depotId: net.depot.id, storageUnitId: net.units.chilled.id, grams: 12_000, receivedAt: received });
    const { runId } = await stockBags(db, { depotId: net.depot.id, bagType: 'food', count: 3, weightG: 2500, lots: [{ lotId: lot.id, grams: 7500 }] });
    await packFromLot(db, lot.id, net.depot.id, runId, 7500, received);
    // Drain other free food bags so the reservation below takes exactly this run's bags.
    const free = (await bagStatusCounts(db, net.depot.id, 'food')).in_stock ?? 0;
    if (free > 3) {
      await post('/reservations', net.auth, { pointId: net.otherPoint.id, date: WEDNESDAY, bagType: 'food', bags: free - 3 }).expect(201);
    }
    const r = (await post('/reservations', net.lead, { pointId: net.point.id, date: TUESDAY, bagType: 'food', bags: 2 })).body;
    await post(`/reservations/${r.id}/dispatch`, net.auth).expect(200);
    clock.set(TUESDAY_NOON);
    await post(`/reservations/${r.id}/deliveries`, net.auth, { bagsDelivered: 2 }).expect(201);

    expect((await ctx.http().get(`/recalls?lotId=${lot.id}`).set(net.lead)).status).toBe(403);
    const res = await ctx.http().get(`/recalls?lotId=${lot.id}`).set(net.auth);
    expect(res.status).toBe(200);
    expect(res.body.lots).toEqual([expect.objectContaining({ lotId: lot.id, receivedKg: 12, stockKg: 4.5 })]);
    expect(res.body.packingRuns).toEqual([expect.objectContaining({ packingRunId: runId, lotId: lot.id, kg: 7.5, bagCount: 3 })]);
    expect(res.body.bags).toHaveLength(3);
    const delivered = res.body.bags.filter((b: { status: string }) => b.status === 'delivered');
    expect(delivered).toHaveLength(2);
    expect(delivered.every((b: { pointId: string; deliveredAt: string; lotIds: string[] }) =>
      b.pointId === net.point.id && b.deliveredAt === TUESDAY_NOON.toISOString() && b.lotIds[0] === lot.id)).toBe(true);
    expect(res.body.reservations).toContainEqual(expect.objectContaining({ reservationId: r.id, pointId: net.point.id, status: 'delivered', bagsFromLots: 2 }));
    expect(res.body.points).toContainEqual(expect.objectContaining({
      pointId: net.point.id, name: 'Test point', bagsDelivered: 2, firstDeliveredAt: TUESDAY_NOON.toISOString(),
    }));
    expect(res.body.inWarehouse.lots).toEqual([expect.objectContaining({ lotId: lot.id, stockKg: 4.5 })]);
    expect(res.body.inWarehouse.bags).toHaveLength(1);

    const byDonor = await ctx.http().get(`/recalls?donorId=${net.donor.id}&from=${received.toISOString().slice(0, 10)}&to=${TUESDAY}`).set(net.auth);
    expect(byDonor.status).toBe(200);
    expect(byDonor.body.bags.map((b: { bagId: string }) => b.bagId).sort()).toEqual(res.body.bags.map((b: { bagId: string }) => b.bagId).sort());

    const csv = await ctx.http().get(`/recalls?lotId=${lot.id}`).set(net.auth).set('accept', 'text/csv');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.text.trim().split('\n');
    expect(lines[0]).toMatch(/^record,lot_ids,packing_run_id,bag_id/);
    expect(lines.filter((l) => l.startsWith('bag,'))).toHaveLength(3);
    expect(lines.filter((l) => l.includes('Test point') && l.includes(TUESDAY_NOON.toISOString()))).toHaveLength(2);
    expect(lines.filter((l) => l.startsWith('lot_stock,'))).toHaveLength(1);
  });

  it('refuses a recall query that names neither a lot nor a donor with dates, and an unknown lot', async () => {
    expect((await ctx.http().get('/recalls').set(net.auth)).status).toBe(400);
    expect((await ctx.http().get(`/recalls?donorId=${net.donor.id}`).set(net.auth)).status).toBe(400);
    expect((await ctx.http().get(`/recalls?donorId=${net.donor.id}&from=${TUESDAY}&to=${MONDAY_MORNING.toISOString().slice(0, 10)}`).set(net.auth)).status).toBe(400);
    expect((await ctx.http().get('/recalls?lotId=00000000-0000-4000-8000-000000000000').set(net.auth)).status).toBe(404);
  });
});
