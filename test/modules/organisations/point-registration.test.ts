import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestContext } from '../../helpers/app.ts';
import { post, seedNetwork } from '../../helpers/fixtures.ts';
import { MONDAY_MORNING, stockBags, testClock, TUESDAY } from '../../helpers/reservations.ts';
import { planAndWait } from '../../helpers/route-plans.ts';

type Net = Awaited<ReturnType<typeof seedNetwork>>;

/**
 * Registration visible (issue 18, item 10): a point whose organisation has no food-aid
 * registration is flagged in master data, on the coordinator's plan and in the funder's
 * report; with REQUIRE_POINT_REGISTRATION=true it takes no reservations (409).
 */
describe.each(['postgres', 'embedded'] as const)('food-aid registration of points (%s)', (mode) => {
  let ctx: TestContext;
  let net: Net;
  let strict: TestContext;
  let strictNet: Net;
  const clock = testClock(MONDAY_MORNING);

  /** The point is run by a registered organisation, the other point by one without a registration. */
  async function organise(c: TestContext, n: Net) {
    const registered = await post(c, n.auth, '/organisations', { name: 'Seurakunta', foodAidRegistration: { municipality: 'Mikkeli', registeredOn: '2024-01-15' } });
    const unregistered = await post(c, n.auth, '/organisations', { name: 'Uusi yhdistys' });
    await c.http().patch(`/sites/${n.point.id}`).set(n.auth).send({ organisationId: registered.id }).expect(200);
    await c.http().patch(`/sites/${n.otherPoint.id}`).set(n.auth).send({ organisationId: unregistered.id }).expect(200);
    await c.http().post(`/sites/${n.otherPoint.id}/distribution-days`).set(n.auth).send({ weekday: 'tue', start: '15:00', end: '17:00' }).expect(201);
    await stockBags(c.deps.database.db, { depotId: n.depot.id, count: 10, temperatureClass: 'ambient', handOutBy: null });
    return { registered, unregistered };
  }

  beforeAll(async () => {
    ctx = await startTestApp({ mode, now: clock.now });
    net = await seedNetwork(ctx);
    await organise(ctx, net);
    strict = await startTestApp({ mode, now: clock.now, env: { REQUIRE_POINT_REGISTRATION: 'true' } });
    strictNet = await seedNetwork(strict);
    await organise(strict, strictNet);
  });
  afterAll(async () => {
    await ctx?.close();
    await strict?.close();
  });

  it('flags the point in master data: GET /sites shows foodAidRegistered on points only', async () => {
    const sites = (await ctx.http().get('/sites').set(net.auth)).body.items as { id: string; kind: string; foodAidRegistered?: boolean }[];
    const of = (id: string) => sites.find((s) => s.id === id)!;
    expect(of(net.point.id).foodAidRegistered).toBe(true);
    expect(of(net.otherPoint.id).foodAidRegistered).toBe(false);
    expect(of(net.depot.id).foodAidRegistered).toBeUndefined();
    expect((await ctx.http().get(`/sites/${net.otherPoint.id}`).set(net.auth)).body).toMatchObject({ foodAidRegistered: false });
  });

  it('flags it on the coordinator’s plan, and reserves for it while the setting is off', async () => {
    for (const pointId of [net.point.id, net.otherPoint.id]) {
      const res = await ctx.http().post('/reservations').set(net.auth).send({ pointId, date: TUESDAY, bagType: 'food', temperatureClass: 'ambient', bags: 2 });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    await post(ctx, net.auth, '/vehicles', { depotId: net.depot.id, name: 'Van', refrigerated: true, capacityKg: 800, capacityBags: 100, shiftStart: '06:00', shiftEnd: '20:00' });
    const plan = await planAndWait(ctx, net.auth, net.depot.id, TUESDAY);
    expect(plan.status).toBe('done');
    const stops = plan.routes.flatMap((r: { stops: { siteId: string; site: { foodAidRegistered?: boolean } }[] }) => r.stops);
    expect(stops.find((s: { siteId: string }) => s.siteId === net.point.id)?.site.foodAidRegistered).toBe(true);
    expect(stops.find((s: { siteId: string }) => s.siteId === net.otherPoint.id)?.site.foodAidRegistered).toBe(false);
  });

  it('flags the organisation in the funder’s report (JSON, CSV and the printable page)', async () => {
    const lead = bearer((await ctx.userToken('point_lead', { pointId: net.otherPoint.id })).token);
    const day = '2020-01-07';
    await ctx.http().post(`/sites/${net.otherPoint.id}/distributions`).set(lead).send({ date: day, households: 4, bagsHandedOut: 4 }).expect(201);
    const q = `from=${day}&to=${day}`;
    const report = await ctx.http().get(`/reports/funder?${q}`).set(net.auth);
    expect(report.status).toBe(200);
    expect(report.body.byOrganisation).toEqual([expect.objectContaining({ name: 'Uusi yhdistys', foodAidRegistered: false, households: 4 })]);
    const csv = await ctx.http().get(`/reports/funder?${q}&locale=fi`).set(net.auth).set('accept', 'text/csv');
    expect(csv.text).toContain('Ruoka-apurekisteröinti');
    expect(csv.text).toMatch(/Uusi yhdistys;ei;/);
    const page = await ctx.http().get(`/reports/funder?${q}`).set(net.auth).set('accept', 'text/html').set('accept-language', 'fi');
    expect(page.text).toContain('Uusi yhdistys <strong>(ei ruoka-apurekisteröintiä)</strong>');
  });

  it('with REQUIRE_POINT_REGISTRATION=true, refuses reservations for it: 409 point_not_registered, in Finnish, nothing held', async () => {
    const res = await strict.http().post('/reservations').set(strictNet.auth).set('accept-language', 'fi')
      .send({ pointId: strictNet.otherPoint.id, date: TUESDAY, bagType: 'food', temperatureClass: 'ambient', bags: 2 });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'point_not_registered', pointId: strictNet.otherPoint.id, detail: expect.stringContaining('ruoka-apurekisteröintiä') });
    const available = await strict.http().get(`/bags/available?depotId=${strictNet.depot.id}&bagType=food&date=${TUESDAY}&temperatureClass=ambient`).set(strictNet.auth);
    expect(available.body.available).toBe(10);
    const ok = await strict.http().post('/reservations').set(strictNet.auth)
      .send({ pointId: strictNet.point.id, date: TUESDAY, bagType: 'food', temperatureClass: 'ambient', bags: 2 });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
  });
});
