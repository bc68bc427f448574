import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestContext } from '../../helpers/app.ts';
import { seedNetwork } from '../../helpers/fixtures.ts';
import { stockBags } from '../../helpers/reservations.ts';
import { ESSOTE_DAY, planAndWait, post } from '../../helpers/route-plans.ts';

const DAY = ESSOTE_DAY;

describe('a published route is its driver\'s driving shift', () => {
  let ctx: TestContext;
  let net: Awaited<ReturnType<typeof seedNetwork>>;

  beforeAll(async () => {
    ctx = await startTestApp({ env: { PLANNING_TIME_LIMIT_MS: '200' } });
    net = await seedNetwork(ctx);
    await post(ctx, net.auth, '/vehicles', { depotId: net.depot.id, name: 'Van', refrigerated: true, capacityKg: 800, capacityBags: 100, shiftStart: '08:00', shiftEnd: '16:00' });
    await stockBags(ctx.deps.database.db, { depotId: net.depot.id, count: 6, weightG: 5000, packedAt: new Date() });
    await post(ctx, net.auth, '/reservations', { pointId: net.point.id, date: DAY, bagType: 'food', bags: 5 });
  }, 60_000);
  afterAll(() => ctx?.close());

  it('makes the shift on publish once, and moves it to the new driver when a new version is published', async () => {
    const [first, second] = [await ctx.userToken('driver'), await ctx.userToken('driver')];
    const drivingShifts = async (token: string) =>
      (await ctx.http().get(`/shifts?from=${DAY}&to=${DAY}&kind=driving&mine=true`).set(bearer(token))).body.items;

    const v1 = await planAndWait(ctx, net.auth, net.depot.id, DAY);
    const route1 = v1.routes[0];
    await post(ctx, net.auth, `/route-plans/${v1.id}/publish`, { assignments: [{ routeId: route1.id, driverId: first.id }] }, 200);
    const [shift1] = await drivingShifts(first.token);
    expect(shift1).toMatchObject({ kind: 'driving', siteId: net.depot.id, routeId: route1.id, start: route1.start, end: route1.end, needed: 1, signedUp: 1, short: 0, cancelled: false });
    // Publishing the same version again changes nothing.
    await post(ctx, net.auth, `/route-plans/${v1.id}/publish`, { assignments: [{ routeId: route1.id, driverId: first.id }] }, 200);
    expect(await drivingShifts(first.token)).toHaveLength(1);

    const v2 = await planAndWait(ctx, net.auth, net.depot.id, DAY);
    const route2 = v2.routes[0];
    await post(ctx, net.auth, `/route-plans/${v2.id}/publish`, { assignments: [{ routeId: route2.id, driverId: second.id }] }, 200);
    expect((await drivingShifts(first.token)).map((s: { cancelled: boolean }) => s.cancelled)).toEqual([true]);
    const [shift2] = await drivingShifts(second.token);
    expect(shift2).toMatchObject({ routeId: route2.id, cancelled: false, signedUp: 1 });
  }, 60_000);
});
