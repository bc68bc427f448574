import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestContext } from '../helpers/app.ts';
import { seedNetwork } from '../helpers/fixtures.ts';

/**
 * Embedded mode (PGlite, in-process jobs) through HTTP: the same migrations, transactions,
 * row locks and idempotency as on PostgreSQL, for a warehouse morning and a reservation.
 */
describe('embedded mode', () => {
  let ctx: TestContext;
  let net: Awaited<ReturnType<typeof seedNetwork>>;
  const monday = new Date('2027-03-22T09:00:00+02:00');
  beforeAll(async () => {
    ctx = await startTestApp({ mode: 'embedded', now: () => monday });
    net = await seedNetwork(ctx);
  });
  afterAll(() => ctx?.close());

  it('runs on PGlite with jobs in the API process', () => {
    expect(ctx.deps.database.kind).toBe('pglite');
    expect(ctx.deps.runner.kind).toBe('in-process');
  });

  it('takes an intake once under retries, packs FEFO bags and holds them for a point', async () => {
    const wh = bearer((await ctx.userToken('warehouse')).token);
    const intake = {
      donorId: net.donor.id,
      receivedAt: '2027-03-22T08:30:00+02:00',
      lines: [
        { category: 'dairy', kg: 12.5, temperatureClass: 'chilled', dateKind: 'use_by', date: '2027-03-26', storageUnitId: net.units.chilled.id, receiptCelsius: 4 },
        { category: 'fruit_veg', kg: 20, temperatureClass: 'ambient', dateKind: 'none', storageUnitId: net.units.ambient.id },
      ],
    };
    const first = await ctx.http().post('/intakes').set(wh).set('idempotency-key', 'morning-1').send(intake);
    const retry = await ctx.http().post('/intakes').set(wh).set('idempotency-key', 'morning-1').send(intake);
    expect(first.status).toBe(201);
    expect(retry.body.id).toBe(first.body.id);
    const lots = await ctx.http().get('/lots').set(wh);
    expect(lots.body.items).toHaveLength(2);

    const run = await ctx.http().post('/packing-runs').set(wh).send({ depotId: net.depot.id, bagType: 'food', bagCount: 6 });
    expect(run.status).toBe(201);
    expect(run.body.bags).toHaveLength(6);
    const available = await ctx.http().get(`/bags/available?depotId=${net.depot.id}&bagType=food`).set(wh);
    expect(available.body.available).toBe(6);

    const lead = bearer((await ctx.userToken('point_lead', { pointId: net.point.id })).token);
    const held = await ctx.http().post('/reservations').set(lead).send({ pointId: net.point.id, date: '2027-03-23', bagType: 'food', bags: 4 });
    expect(held.status).toBe(201);
    const refused = await ctx.http().post('/reservations').set(lead).send({ pointId: net.point.id, date: '2027-03-23', bagType: 'food', bags: 3 });
    expect(refused.status).toBe(409);
    expect(refused.body.available).toBe(2);
  });
});
