import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localTimeOnDate } from '../../../src/domain/dates.ts';
import { bearer, startTestApp, type TestContext } from '../../helpers/app.ts';
import { TUESDAY, seedReservationNetwork, testClock } from '../../helpers/reservations.ts';

/** The whole path over HTTP: weigh in, pack, reserve, dispatch, deliver short, confirm, recall. */
describe('from intake to the point and back to a recall', () => {
  let ctx: TestContext;
  let net: Awaited<ReturnType<typeof seedReservationNetwork>>;
  const clock = testClock();

  beforeAll(async () => {
    ctx = await startTestApp({ now: clock.now });
    net = await seedReservationNetwork(ctx);
  });
  afterAll(() => ctx?.close());

  it('traces packed bags of a lot through a short delivery to the point, and what came back', async () => {
    const wh = bearer((await ctx.userToken('warehouse')).token);
    const ok = async (auth: Record<string, string>, path: string, body: object, status = 201) => {
      const res = await ctx.http().post(path).set(auth).send(body);
      expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(status);
      return res.body;
    };
    const intake = await ok(wh, '/intakes', {
      donorId: net.donor.id,
      lines: [{ category: 'dry_goods', kg: 40, temperatureClass: 'ambient', dateKind: 'none', storageUnitId: net.units.ambient.id }],
    });
    const lotId = intake.lots[0].id as string;
    const run = await ok(wh, '/packing-runs', { depotId: net.depot.id, bagType: 'food', bagCount: 4, lots: [{ lotId, kg: 20 }] });
    expect(run.bags).toHaveLength(4);

    const reservation = await ok(net.lead, '/reservations', { pointId: net.point.id, date: TUESDAY, bagType: 'food', bags: 3 });
    const available = await ctx.http().get(`/bags/available?depotId=${net.depot.id}&bagType=food`).set(net.lead);
    expect(available.body.available).toBe(1);

    clock.set(localTimeOnDate(TUESDAY, '08:00'));
    await ok(net.auth, `/reservations/${reservation.id}/dispatch`, {}, 200);
    clock.set(localTimeOnDate(TUESDAY, '11:00'));
    const delivered = await ok(net.auth, `/reservations/${reservation.id}/deliveries`, { bagsDelivered: 2, coldChainKept: true });
    expect(delivered).toMatchObject({ bagsDelivered: 2, bagsReturnedToStock: 1 });
    await ok(net.lead, `/reservations/${reservation.id}/confirm`, { bagsReceived: 2 }, 200);
    expect((await ctx.http().get(`/bags/available?depotId=${net.depot.id}&bagType=food`).set(net.lead)).body.available).toBe(2);

    const recall = await ctx.http().get(`/recalls?lotId=${lotId}`).set(net.auth);
    expect(recall.status).toBe(200);
    expect(recall.body.packingRuns).toEqual([expect.objectContaining({ packingRunId: run.id, kg: 20 })]);
    expect(recall.body.points).toEqual([expect.objectContaining({ pointId: net.point.id, bagsDelivered: 2, lastDeliveredAt: localTimeOnDate(TUESDAY, '11:00').toISOString() })]);
    expect(recall.body.reservations).toEqual([expect.objectContaining({ reservationId: reservation.id, bagsFromLots: 2, status: 'delivered' })]);
    expect(recall.body.inWarehouse.lots).toEqual([expect.objectContaining({ lotId, stockKg: 20 })]);
    expect(recall.body.inWarehouse.bags.map((b: { status: string }) => b.status)).toEqual(['in_stock', 'in_stock']);
  });
});
