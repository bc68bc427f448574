import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestContext } from '../../helpers/app.ts';
import { TUESDAY, bagStatusCounts, seedReservationNetwork, stockBags, testClock } from '../../helpers/reservations.ts';

/** The same locking and bag bookkeeping on the embedded PGlite a newcomer starts with. */
describe('reservations in embedded mode (PGlite)', () => {
  let ctx: TestContext;
  let net: Awaited<ReturnType<typeof seedReservationNetwork>>;
  const clock = testClock();

  beforeAll(async () => {
    ctx = await startTestApp({ mode: 'embedded', now: clock.now });
    net = await seedReservationNetwork(ctx);
  });
  afterAll(() => ctx?.close());

  it('holds, refuses, cancels, dispatches and delivers', async () => {
    const db = ctx.deps.database.db;
    await stockBags(db, { depotId: net.depot.id, count: 5 });
    const body = { pointId: net.point.id, date: TUESDAY, bagType: 'food' };
    const results = await Promise.all([3, 3, 2].map((bags) => ctx.http().post('/reservations').set(net.lead).send({ ...body, bags })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, 409]);
    const [a, b] = results.filter((r) => r.status === 201).map((r) => r.body);
    expect(await bagStatusCounts(db, net.depot.id)).toEqual({ reserved: 5 });
    await ctx.http().post(`/reservations/${a.id}/cancel`).set(net.lead).send().expect(200);
    await ctx.http().post(`/reservations/${b.id}/dispatch`).set(net.auth).send().expect(200);
    const delivered = await ctx.http().post(`/reservations/${b.id}/deliveries`).set(net.auth).send({ bagsDelivered: b.bags });
    expect(delivered.status).toBe(201);
    expect(await bagStatusCounts(db, net.depot.id)).toEqual({ in_stock: 5 - b.bags, delivered: b.bags });
  });
});
