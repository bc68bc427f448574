import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestContext } from '../../helpers/app.ts';
import { eventually } from '../../helpers/eventually.ts';
import { loadRoute, seedNetwork } from '../../helpers/fixtures.ts';
import { stockBags, testClock } from '../../helpers/reservations.ts';
import { planAndWait, post } from '../../helpers/route-plans.ts';

/**
 * A driver corrects a done stop (issue 19, item 8): 58,5 kg typed as 585 becomes 58,5 with its
 * history kept; a delivery's bags corrected move the bags and the day's tallies; the rules
 * (whose route, a done stop, the stop's own figure, its bounds, the route's day) refuse
 * anything else and change nothing.
 */
const DAY = '2030-08-13'; // a Tuesday: the fixture point distributes 12–14
interface Correction { id: string; kgBefore?: number; kgAfter?: number; bagsBefore?: number; bagsAfter?: number; note?: string; supersedes?: string }
interface Stop { id: string; kind: 'pickup' | 'delivery'; status: string; kgCollected?: number; bagsDelivered?: number; corrections?: Correction[] }

describe.each(['postgres', 'embedded'] as const)('correcting a done stop (%s)', (mode) => {
  const clock = testClock(new Date('2030-08-12T09:00:00Z'));
  let ctx: TestContext;
  let net: Awaited<ReturnType<typeof seedNetwork>>;
  let driver: { token: string; id: string };
  let planId: string;
  let routeId: string;
  let pickup: Stop;
  let delivery: Stop;

  const correct = (stop: Stop, body: object, auth = bearer(driver.token), key?: string) => {
    const req = ctx.http().post(`/routes/${routeId}/stops/${stop.id}/corrections`).set(auth).set('Accept-Language', 'fi');
    return (key ? req.set('Idempotency-Key', key) : req).send(body);
  };
  const driverStop = async (id: string): Promise<Stop> => {
    const res = await ctx.http().get('/drivers/me/routes').query({ date: DAY }).set(bearer(driver.token));
    return res.body.items.flatMap((r: { stops: Stop[] }) => r.stops).find((s: Stop) => s.id === id);
  };
  const planStop = async (id: string): Promise<Stop> => {
    const res = await ctx.http().get(`/route-plans/${planId}`).set(net.auth);
    return res.body.routes.flatMap((r: { stops: Stop[] }) => r.stops).find((s: Stop) => s.id === id);
  };
  const bagsDeliveredOnDay = async () => {
    const res = await ctx.http().get('/reports/tallies').query({ from: DAY, to: DAY, period: 'day', by: 'point' }).set(net.auth);
    expect(res.status).toBe(200);
    return res.body.items.reduce((a: number, i: { bagsDelivered: number }) => a + i.bagsDelivered, 0) as number;
  };

  beforeAll(async () => {
    ctx = await startTestApp({ mode, env: { PLANNING_TIME_LIMIT_MS: '200' }, now: clock.now });
    net = await seedNetwork(ctx);
    await post(ctx, net.auth, '/vehicles', { depotId: net.depot.id, name: 'Kylmäauto', refrigerated: true, capacityKg: 1000, capacityBags: 100, shiftStart: '08:00', shiftEnd: '16:00' });
    await post(ctx, net.auth, `/sites/${net.donor.id}/pickup-schedules`, { weekdays: ['tue'], windowStart: '08:00', windowEnd: '10:00', expectedKg: 60 });
    await stockBags(ctx.deps.database.db, { depotId: net.depot.id, count: 20, weightG: 5000, packedAt: clock.now() });
    await post(ctx, net.auth, '/reservations', { pointId: net.point.id, date: DAY, bagType: 'food', bags: 10 });
    const plan = await planAndWait(ctx, net.auth, net.depot.id, DAY);
    planId = plan.id;
    routeId = plan.routes[0].id;
    driver = await ctx.userToken('driver');
    await post(ctx, net.auth, `/route-plans/${plan.id}/publish`, { assignments: [{ routeId, driverId: driver.id }] }, 200);
    clock.set('2030-08-13T05:30:00Z'); // 8.30 in Helsinki
    await loadRoute(ctx, bearer(driver.token), routeId);
    const stops: Stop[] = plan.routes[0].stops;
    pickup = stops.find((s) => s.kind === 'pickup')!;
    delivery = stops.find((s) => s.kind === 'delivery')!;
  });
  afterAll(() => ctx?.close());

  it('refuses a stop not done yet (409), and anyone but the route\'s driver or a coordinator', async () => {
    const notDone = await correct(pickup, { kgCollected: 58.5 });
    expect(notDone.status).toBe(409);
    expect(notDone.body).toMatchObject({ code: 'stop_not_done' });
    expect(notDone.body.detail).toMatch(/Merkitse se ensin tehdyksi/);
    await post(ctx, bearer(driver.token), `/routes/${routeId}/stops/${pickup.id}/complete`, { kgCollected: 585 }, 200);
    await post(ctx, bearer(driver.token), `/routes/${routeId}/stops/${delivery.id}/complete`, { bagsDelivered: 10 }, 200);
    const lead = await ctx.userToken('point_lead', { pointId: net.point.id });
    expect((await correct(pickup, { kgCollected: 58.5 }, bearer(lead.token))).status).toBe(403);
    const otherDriver = await ctx.userToken('driver');
    expect((await correct(pickup, { kgCollected: 58.5 }, bearer(otherDriver.token))).status).toBe(404);
  });

  it('refuses bad figures with a clear answer and changes nothing', async () => {
    const cases: [object, number, string?][] = [
      [{ kgCollected: 6000 }, 400],
      [{ kgCollected: -1 }, 400],
      [{ kgCollected: 58.5, bagsDelivered: 2 }, 400],
      [{ note: 'ei lukua' }, 400],
      [{ bagsDelivered: 3 }, 422, 'correction_figure'],
      [{ kgCollected: 585 }, 409, 'correction_unchanged'],
    ];
    for (const [body, status, code] of cases) {
      const res = await correct(pickup, body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      if (code) expect(res.body.code).toBe(code);
    }
    expect((await correct(delivery, { kgCollected: 3 })).body.code).toBe('correction_figure');
    const tooMany = await correct(delivery, { bagsDelivered: 11 });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.code).toBe('too_many_bags');
    expect(await driverStop(pickup.id)).toMatchObject({ kgCollected: 585 });
    expect((await driverStop(pickup.id)).corrections).toBeUndefined();
    expect(await driverStop(delivery.id)).toMatchObject({ bagsDelivered: 10 });
  });

  it('corrects 585 kg to 58,5 once, however often the phone sends it, and shows both figures in the history', async () => {
    const key = `correct-${mode}-pickup`;
    const first = await correct(pickup, { kgCollected: 58.5, note: 'Näppäilyvirhe' }, bearer(driver.token), key);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ kgCollected: 58.5, corrections: [{ kgBefore: 585, kgAfter: 58.5, note: 'Näppäilyvirhe', correctedBy: driver.id }] });
    const again = await correct(pickup, { kgCollected: 58.5, note: 'Näppäilyvirhe' }, bearer(driver.token), key);
    expect(again.status).toBe(201);
    expect(again.body.corrections).toHaveLength(1);
    for (const stop of [await driverStop(pickup.id), await planStop(pickup.id)]) {
      expect(stop).toMatchObject({ status: 'done', kgCollected: 58.5, corrections: [{ kgBefore: 585, kgAfter: 58.5 }] });
    }
  });

  it('corrects a delivery\'s bags, and the day\'s tallies follow: 10 → 8 → 9', async () => {
    await eventually(async () => (await bagsDeliveredOnDay()) === 10);
    const fewer = await correct(delivery, { bagsDelivered: 8 });
    expect(fewer.status).toBe(201);
    await eventually(async () => (await bagsDeliveredOnDay()) === 8);
    const more = await correct(delivery, { bagsDelivered: 9, note: 'Yksi kassi jäi laskematta' });
    expect(more.status).toBe(201);
    const history = more.body.corrections as Correction[];
    expect(history.map((c) => [c.bagsBefore, c.bagsAfter])).toEqual([[10, 8], [8, 9]]);
    expect(history[0].supersedes).toBeUndefined();
    expect(history[1].supersedes).toBe(history[0].id);
    await eventually(async () => (await bagsDeliveredOnDay()) === 9);
    expect(await planStop(delivery.id)).toMatchObject({ bagsDelivered: 9 });
    const res = await ctx.http().get('/reservations').query({ pointId: net.point.id }).set(net.auth);
    expect(res.body.items.find((r: { date: string }) => r.date === DAY)).toMatchObject({ bagsDelivered: 9 });
  });

  it('after the route\'s day only a coordinator corrects', async () => {
    clock.set('2030-08-14T07:00:00Z');
    const late = await correct(pickup, { kgCollected: 60 });
    expect(late.status).toBe(422);
    expect(late.body.code).toBe('correction_after_route_day');
    expect(late.body.detail).toMatch(/Pyydä koordinaattoria/);
    // A correction made on the route's day, sent the next morning by a phone that was offline, is kept.
    const offline = await correct(pickup, { kgCollected: 59, correctedAt: '2030-08-13T12:00:00Z' });
    expect(offline.status).toBe(201);
    const coordinator = await correct(pickup, { kgCollected: 60, note: 'Vaaka' }, net.auth);
    expect(coordinator.status).toBe(201);
    expect((coordinator.body.corrections as Correction[]).map((c) => c.kgAfter)).toEqual([58.5, 59, 60]);
  });
});
