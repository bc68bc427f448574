import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestContext } from '../helpers/app.ts';
import { post, seedNetwork } from '../helpers/fixtures.ts';

describe('validation gaps', () => {
  let ctx: TestContext;
  let net: Awaited<ReturnType<typeof seedNetwork>>;
  beforeAll(async () => {
    ctx = await startTestApp();
    net = await seedNetwork(ctx);
  });
  afterAll(() => ctx?.close());

  const schedule = (seasonStart: string, seasonEnd: string) => ({ weekdays: ['mon'], windowStart: '08:00', windowEnd: '10:00', expectedKg: 20, seasonStart, seasonEnd });

  it.each([['02-31', '04-31', 'body.seasonStart'], ['02-28', '04-31', 'body.seasonEnd'], ['13-01', '04-30', 'body.seasonStart'], ['00-10', '04-30', 'body.seasonStart']])(
    'refuses a pickup season %s…%s that is not on the calendar',
    async (start, end, where) => {
      const res = await ctx.http().post(`/sites/${net.donor.id}/pickup-schedules`).set(net.auth).send(schedule(start, end));
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(where);
    },
  );

  it('accepts 29 February as a season bound (it exists in leap years)', async () => {
    await post(ctx, net.auth, `/sites/${net.donor.id}/pickup-schedules`, schedule('11-15', '02-29'));
  });

  it('refuses an exact duplicate distribution day with 409, also when both arrive at once', async () => {
    const day = { weekday: 'thu', start: '12:00', end: '14:00' };
    const path = `/sites/${net.point.id}/distribution-days`;
    const both = await Promise.all([ctx.http().post(path).set(net.auth).send(day), ctx.http().post(path).set(net.auth).send(day)]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    const again = await ctx.http().post(path).set(net.auth).send(day);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('duplicate_distribution_day');
    await post(ctx, net.auth, path, { ...day, end: '15:00' }); // another time the same day is a different distribution
    const days = (await ctx.http().get(path).set(net.auth)).body.items.filter((d: { weekday: string }) => d.weekday === 'thu');
    expect(days).toHaveLength(2);
  });

  it('refuses a packing run of 1,000 bags of 1 g each (422), FEFO or named', async () => {
    const intake = await post(ctx, net.auth, '/intakes', {
      donorId: net.donor.id, lines: [{ category: 'dry_goods', kg: 30, temperatureClass: 'ambient', dateKind: 'none', storageUnitId: net.units.ambient.id }],
    });
    const lotId = intake.lots[0].id;
    const fefo = await ctx.http().post('/packing-runs').set(net.auth).send({ depotId: net.depot.id, bagType: 'food', bagCount: 1000, targetKg: 0.001 });
    expect([fefo.status, fefo.body.code]).toEqual([422, 'too_few_grams']);
    const named = await ctx.http().post('/packing-runs').set(net.auth).send({ depotId: net.depot.id, bagType: 'food', bagCount: 1000, lots: [{ lotId, kg: 1 }] });
    expect([named.status, named.body.code]).toEqual([422, 'too_few_grams']);
    expect((await ctx.http().get(`/lots/${lotId}`).set(net.auth)).body.stockKg).toBe(30);
    await post(ctx, net.auth, '/packing-runs', { depotId: net.depot.id, bagType: 'food', bagCount: 2, targetKg: 1 });
  });
});
