import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planNextDay } from '../../../src/modules/route-plans/route-plans.service.ts';
import { bearer, startTestApp, type TestContext } from '../../helpers/app.ts';
import { eventually } from '../../helpers/eventually.ts';
import { donorSession, post, seedNetwork } from '../../helpers/fixtures.ts';
import { stockBags, testClock } from '../../helpers/reservations.ts';
import { waitForPlan } from '../../helpers/route-plans.ts';

/**
 * The donor's side through HTTP (issue 20): a shop says it has nothing on Tuesday and the 18:00
 * planning leaves it out; a farm's offer accepted the day before is a stop of that plan; on
 * Tuesday morning a farm offers 1,500 kg of chilled vegetables, the coordinator accepts it for
 * today, the driver's route changes with a message, the kilos collected reach the tallies, the
 * donor's certificate, the funder's report and the donor report; a revoked link is refused.
 */
const MONDAY = '2030-08-12';
const TUESDAY = '2030-08-13';
interface Stop { id: string; taskId: string; kind: string; siteId: string; status: string; kg: number; change?: string }

describe.each(['postgres', 'embedded'] as const)('the donor side (%s)', (mode) => {
  const clock = testClock(new Date(`${MONDAY}T09:00:00Z`));
  let ctx: TestContext;
  let net: Awaited<ReturnType<typeof seedNetwork>>;
  let shop: Awaited<ReturnType<typeof donorSession>>;
  let farmSession: Awaited<ReturnType<typeof donorSession>>;
  let farm: { id: string };
  let schedule: { id: string };
  let shopB: { id: string };
  let noonSchedule: { id: string };
  let driver: { token: string; id: string };
  const fi = { 'accept-language': 'fi' };
  const get = (path: string, auth: Record<string, string>, query: Record<string, string> = {}) => ctx.http().get(path).query(query).set(auth);
  const inbox = async (token: string) => (await get('/me/notifications', bearer(token))).body.items as { kind: string; title: string; body: string }[];
  const offerBody = (o: Partial<Record<string, unknown>> = {}) => ({
    kg: 1500, temperatureClass: 'chilled', categories: ['fruit_veg'], readyFrom: `${TUESDAY}T07:00:00Z`, readyUntil: `${TUESDAY}T11:00:00Z`, note: '2. luokan vihanneksia', ...o,
  });

  beforeAll(async () => {
    ctx = await startTestApp({ mode, env: { PLANNING_TIME_LIMIT_MS: '200', DONOR_RATE_PER_MIN: '10000' }, now: clock.now });
    net = await seedNetwork(ctx);
    await post(ctx, net.auth, '/vehicles', { depotId: net.depot.id, name: 'Kylmäauto', refrigerated: true, capacityKg: 2500, capacityBags: 100, shiftStart: '07:00', shiftEnd: '16:00' });
    schedule = await post(ctx, net.auth, `/sites/${net.donor.id}/pickup-schedules`, { weekdays: ['mon', 'tue'], windowStart: '08:00', windowEnd: '10:00', expectedKg: 40 });
    shopB = await post(ctx, net.auth, '/sites', { kind: 'donor', name: 'Kauppa B', municipality: 'Mikkeli', lat: 61.68, lon: 27.25, depotId: net.depot.id, donorKind: 'shop' });
    noonSchedule = await post(ctx, net.auth, `/sites/${shopB.id}/pickup-schedules`, { weekdays: ['tue'], windowStart: '15:00', windowEnd: '15:30', expectedKg: 30 });
    farm = await post(ctx, net.auth, '/sites', { kind: 'donor', name: 'Tuottaja X', municipality: 'Mikkeli', lat: 61.66, lon: 27.2, depotId: net.depot.id, donorKind: 'producer' });
    await stockBags(ctx.deps.database.db, { depotId: net.depot.id, count: 30, weightG: 5000, packedAt: clock.now() });
    await post(ctx, net.auth, '/reservations', { pointId: net.point.id, date: TUESDAY, bagType: 'food', bags: 10 });
    driver = await ctx.userToken('driver');
  }, 120_000);
  afterAll(() => ctx?.close());

  it('gives a donor a link shown once, lists it without its token, and keeps both in the audit trail', async () => {
    shop = await donorSession(ctx, net.auth, net.donor.id, { name: 'Myymäläpäällikkö Laura', email: 'laura@kauppa.example' });
    expect(shop.linkToken.length).toBeGreaterThanOrEqual(43);
    const link = await post(ctx, net.auth, `/sites/${net.donor.id}/donor-links`, { name: 'Varalla' });
    expect(link.path).toBe(`/app/lahjoittaja#t=${link.token}`);
    await post(ctx, net.auth, `/sites/${net.donor.id}/donor-links/${link.id}/revoke`, {}, 200);
    const list = await get(`/sites/${net.donor.id}/donor-links`, net.auth);
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(2);
    expect(list.body.items).toEqual(expect.arrayContaining([
      expect.objectContaining({ id: shop.linkId, name: 'Myymäläpäällikkö Laura', active: true }), expect.objectContaining({ id: link.id, name: 'Varalla', active: false }),
    ]));
    expect(JSON.stringify(list.body)).not.toContain(shop.linkToken);
    const [stored] = await ctx.deps.database.rows<{ token_hash: string }>(ctx.deps.database.db, sql`select token_hash from donor_links where id = ${shop.linkId}`);
    expect(stored.token_hash).not.toBe(shop.linkToken);
    const audit = await get('/audit', net.auth, { entity: 'donor_link' });
    expect(audit.body.items.map((e: { action: string; entityId: string }) => [e.action, e.entityId])).toEqual([['revoke', link.id], ['create', link.id], ['create', shop.linkId]]);
    // The person a link was given to is personal data: the trail shows that it was set, never who.
    const created = audit.body.items.find((e: { entityId: string }) => e.entityId === shop.linkId);
    expect(created.after).toMatchObject({ name: '***', email: '***', siteId: net.donor.id, active: true });
    const me = await get('/donor/me', shop.auth);
    expect(me.body).toEqual({ donorId: net.donor.id, donorName: 'Test shop', linkName: 'Myymäläpäällikkö Laura' });
  });

  it('lists the next 14 days of pickups, skips Tuesday before the cut-off, and the 18:00 planning leaves it out', async () => {
    const pickups = await get('/donor/pickups', shop.auth);
    expect(pickups.status).toBe(200);
    // Monday 12.8. (its window has started at 9.00 UTC = 12.00) to Sunday 25.8.: four pickups.
    expect(pickups.body.items.map((p: { date: string }) => p.date)).toEqual(['2030-08-12', '2030-08-13', '2030-08-19', '2030-08-20']);
    expect(pickups.body.items[1]).toMatchObject({ scheduleId: schedule.id, windowStart: '08:00', windowEnd: '10:00', skipped: false, canSkip: true, cutoff: '2030-08-13T03:00:00.000Z' });
    expect(pickups.body.items[0]).toMatchObject({ canSkip: false });

    const skip = await post(ctx, shop.auth, '/donor/skips', { date: TUESDAY, scheduleId: schedule.id });
    const again = await post(ctx, shop.auth, '/donor/skips', { date: TUESDAY, scheduleId: schedule.id }, 200);
    expect(again.id).toBe(skip.id);
    expect((await get('/donor/pickups', shop.auth)).body.items[1]).toMatchObject({ skipped: true, skipId: skip.id });

    // A farm offer on Monday for Tuesday, accepted: a one-off pickup of the nightly plan.
    farmSession = await donorSession(ctx, net.auth, farm.id, { name: 'Tila', phone: '+358401234567' });
    const early = await post(ctx, farmSession.auth, '/donor/offers', offerBody({ kg: 200, categories: ['fruit_veg', 'bread'], temperatureClass: 'ambient' }));
    await post(ctx, net.auth, `/offers/${early.id}/accept`, { date: TUESDAY, window: { start: '11:00', end: '12:00' } }, 200);
    const told = (await get('/donor/offers', farmSession.auth)).body.items[0];
    expect(told).toMatchObject({ id: early.id, status: 'accepted', message: 'Kiitos! Noudamme ti 13.8. klo 11–12.' });

    clock.set(`${MONDAY}T15:00:00Z`); // 18.00 in Mikkeli
    expect(await planNextDay(ctx.deps.database, clock.now())).toBe(1);
    const [queued] = (await get('/route-plans', net.auth, { date: TUESDAY })).body.items;
    const plan = await waitForPlan(ctx, net.auth, queued.id);
    expect(plan.status).toBe('done');
    const stops: Stop[] = plan.routes.flatMap((r: { stops: Stop[] }) => r.stops);
    expect(stops.filter((s) => s.siteId === net.donor.id)).toEqual([]);
    expect(stops.find((s) => s.taskId === `offer-${early.id}`)).toMatchObject({ kind: 'pickup', siteId: farm.id, kg: 200 });
    expect(plan.unassigned).toEqual([]);
    await post(ctx, net.auth, `/route-plans/${plan.id}/publish`, { assignments: [{ routeId: plan.routes[0].id, driverId: driver.id }] }, 200);
  }, 60_000);

  it('refuses a skip after the cut-off or of a past pickup with 409 and the cut-off, in Finnish', async () => {
    clock.set(`${TUESDAY}T05:00:00Z`); // 8.00: the window has started
    const past = await ctx.http().post('/donor/skips').set(shop.auth).set(fi).send({ date: MONDAY, scheduleId: schedule.id });
    expect(past.status).toBe(409);
    expect(past.body).toMatchObject({ code: 'pickup_past', cutoff: '2030-08-12T03:00:00.000Z' });
    expect(past.body.detail).toContain('takaraja oli 12.8.2030 klo 6.00');
    const skip = (await get('/donor/pickups', shop.auth, { from: TUESDAY, to: TUESDAY })).body.items[0];
    const undo = await ctx.http().post(`/donor/skips/${skip.skipId}/cancel`).set(shop.auth).set(fi).send();
    expect(undo.status).toBe(409);
    expect(undo.body.code).toBe('pickup_past');
    clock.set(`${TUESDAY}T04:00:00Z`); // 7.00: after the 6.00 cut-off, before the window
    const late = await ctx.http().post(`/donor/skips/${skip.skipId}/cancel`).set(shop.auth).set(fi).send();
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'skip_after_cutoff', cutoff: '2030-08-13T03:00:00.000Z' });
    expect(late.body.detail).toBe('Noutoa ei voi enää perua eikä palauttaa: takaraja oli 13.8.2030 klo 6.00');
  });

  let offerId: string;
  it('takes a farm\'s 1,500 kg offer in the morning and tells the coordinators at once', async () => {
    clock.set(`${TUESDAY}T05:30:00Z`); // 8.30
    const offer = await post(ctx, farmSession.auth, '/donor/offers', offerBody());
    offerId = offer.id;
    expect(offer).toMatchObject({ kg: 1500, temperatureClass: 'chilled', categories: ['fruit_veg'], status: 'open' });
    expect(offer).not.toHaveProperty('donorName');
    const open = await get('/offers', net.auth, { status: 'open' });
    expect(open.body.items.map((o: { id: string }) => o.id)).toEqual([offer.id]);
    expect(open.body.items[0]).toMatchObject({ donorName: 'Tuottaja X', source: 'link' });
    const messages = await inbox(net.coordinator.token);
    expect(messages.find((m) => m.kind === 'offer_received' && m.body.includes('1500 kg kylmää'))).toMatchObject({ title: 'Uusi tarjous: Tuottaja X' });
  });

  it('accepts it for today: the driver\'s route gets the stop in a new version with a message, and the donor is told the window', async () => {
    const accepted = await post(ctx, net.auth, `/offers/${offerId}/accept`, { date: TUESDAY }, 200);
    expect(accepted).toMatchObject({ status: 'accepted', pickup: { date: TUESDAY, taskId: `offer-${offerId}` }, sameDay: { status: 'added', version: 2 } });
    const routes = (await get('/drivers/me/routes', bearer(driver.token), { date: TUESDAY })).body.items;
    const stop = routes[0].stops.find((s: Stop) => s.taskId === `offer-${offerId}`);
    expect(stop).toMatchObject({ kind: 'pickup', kg: 1500, change: 'added' });
    const msg = (await inbox(driver.token)).find((m) => m.kind === 'route_stop_added');
    expect(msg?.body).toMatch(/^Reitille lisätty nouto: Tuottaja X, noin klo \d{1,2}\.\d{2}\.$/);
    const mine = (await get('/donor/offers', farmSession.auth)).body.items.find((o: { id: string }) => o.id === offerId);
    expect(mine).toMatchObject({ status: 'accepted', message: 'Kiitos! Noudamme ti 13.8. klo 10–14.' });
    // The farm's link has a phone: the outcome goes out as a text message too.
    const [sms] = await ctx.deps.database.rows<{ channel: string; text: string }>(ctx.deps.database.db, sql`select channel, text from donor_messages where offer_id = ${offerId}`);
    expect(sms).toEqual({ channel: 'sms', text: 'Kiitos! Noudamme ti 13.8. klo 10–14.' });
    // Accepting twice is refused.
    const again = await ctx.http().post(`/offers/${offerId}/accept`).set(net.auth).send({ date: TUESDAY });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('offer_decided');
  });

  it('counts the kilos collected in the tallies, the certificate, the funder\'s report and the donor report', async () => {
    const routes = (await get('/drivers/me/routes', bearer(driver.token), { date: TUESDAY })).body.items;
    const stop = routes[0].stops.find((s: Stop) => s.taskId === `offer-${offerId}`);
    clock.set(`${TUESDAY}T08:30:00Z`);
    await post(ctx, bearer(driver.token), `/routes/${routes[0].id}/stops/${stop.id}/complete`, { kgCollected: 1480 }, 200);
    const wh = await ctx.userToken('warehouse');
    await post(ctx, bearer(wh.token), '/intakes', {
      donorId: farm.id, lines: [{ category: 'fruit_veg', kg: 1480, temperatureClass: 'chilled', dateKind: 'none', date: null, storageUnitId: net.units.chilled.id, receiptCelsius: 5 }],
    });
    const window = { from: TUESDAY, to: TUESDAY };
    const byDonor = await eventually(async () => {
      const res = await get('/reports/tallies', net.auth, { ...window, period: 'day', by: 'donor' });
      const row = res.body.items?.find((r: { key: string; donorId?: string }) => (r.donorId ?? r.key) === farm.id);
      return row && row.kgIn === 1480 ? row : undefined;
    });
    expect(byDonor.kgIn).toBe(1480);
    const certificate = await get(`/reports/donors/${farm.id}/certificate`, net.auth, window).set('accept', 'application/json');
    expect(certificate.body).toMatchObject({ donorId: farm.id, kgReceived: 1480 });
    // The farm reads its own certificate through its link, the same figures.
    const own = await get('/donor/certificate', farmSession.auth, window).set('accept', 'application/json');
    expect(own.body).toEqual(certificate.body);
    const page = await get('/donor/certificate', farmSession.auth, window);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('Tuottaja X');
    const funder = await get('/reports/funder', net.auth, window).set('accept', 'application/json');
    expect(funder.body.kgIn).toBe(1480);
    const report = await get('/reports/donors', net.auth, { from: MONDAY, to: TUESDAY });
    expect(report.status).toBe(200);
    const farmRow = report.body.items.find((r: { donorId: string }) => r.donorId === farm.id);
    expect(farmRow).toMatchObject({ offers: 2, kgOffered: 1700, kgAccepted: 1700, kgCollected: 1480, kgDeclined: 0 });
    const shopRow = report.body.items.find((r: { donorId: string }) => r.donorId === net.donor.id);
    expect(shopRow).toMatchObject({ scheduledPickups: 2, skips: 1, offers: 0 });
  }, 60_000);

  it('refuses to accept for today an offer no route can take, with the reason in Finnish, and keeps it open for tomorrow', async () => {
    const huge = await post(ctx, farmSession.auth, '/donor/offers', offerBody({ kg: 9000, readyFrom: `${TUESDAY}T09:00:00Z`, readyUntil: `${TUESDAY}T11:00:00Z` }));
    const res = await ctx.http().post(`/offers/${huge.id}/accept`).set(net.auth).set(fi).send({ date: TUESDAY });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'same_day_not_routed', reason: 'capacity' });
    expect(res.body.detail).toBe('Mikään reitti ei voi ottaa tätä: kuorma ei mahdu yhteenkään autoon (kg tai kassit). Tarjous on yhä avoin: voit ottaa sen huomiselle.');
    // Nothing was promised: the offer is open, the donor was sent nothing, the route is as it was.
    expect((await get('/offers', net.auth, { status: 'open' })).body.items.map((o: { id: string }) => o.id)).toContain(huge.id);
    const sent = await ctx.deps.database.rows<{ n: number }>(ctx.deps.database.db, sql`select count(*)::int as n from donor_messages where offer_id = ${huge.id}`);
    expect(sent[0].n).toBe(0);
    const routes = (await get('/drivers/me/routes', bearer(driver.token), { date: TUESDAY })).body.items;
    expect(routes[0].stops.some((s: Stop) => s.taskId === `offer-${huge.id}`)).toBe(false);
    const tomorrow = await post(ctx, net.auth, `/offers/${huge.id}/accept`, { date: '2030-08-14', window: { start: '11:00', end: '13:00' } }, 200);
    expect(tomorrow).toMatchObject({ status: 'accepted', pickup: { date: '2030-08-14' } });
  });

  it('takes a pickup its donor skips on the morning of the day off the driver\'s route, with a message', async () => {
    const shopBSession = await donorSession(ctx, net.auth, shopB.id);
    const before = (await get('/drivers/me/routes', bearer(driver.token), { date: TUESDAY })).body.items;
    expect(before[0].stops.some((s: Stop) => s.taskId === `pickup-${noonSchedule.id}`)).toBe(true);
    // 11.30 on Tuesday: before the cut-off at 13.00 of the 15.00 pickup.
    await post(ctx, shopBSession.auth, '/donor/skips', { date: TUESDAY, scheduleId: noonSchedule.id });
    const after = (await get('/drivers/me/routes', bearer(driver.token), { date: TUESDAY })).body.items;
    expect(after[0].stops.some((s: Stop) => s.taskId === `pickup-${noonSchedule.id}`)).toBe(false);
    expect(after[0].planVersion).toBe(before[0].planVersion + 1);
    const msg = (await inbox(driver.token)).find((m) => m.kind === 'route_stop_removed');
    expect(msg?.body).toBe('Reitiltä poistettu nouto: Kauppa B. Sinne ei tarvitse ajaa tänään.');
  });

  it('refuses bad offers with 400 in Finnish on the field, and writes nothing', async () => {
    const count = async () => (await ctx.deps.database.rows<{ n: number }>(ctx.deps.database.db, sql`select count(*)::int as n from offers`))[0].n;
    const before = await count();
    const cases: [Record<string, unknown>, string][] = [
      [{ kg: 0 }, 'body.kg'], [{ kg: -5 }, 'body.kg'], [{ kg: 10_000.5 }, 'body.kg'],
      [{ readyUntil: `${TUESDAY}T06:00:00Z` }, 'body.readyUntil'],
      [{ readyFrom: `${TUESDAY}T02:00:00Z`, readyUntil: `${TUESDAY}T03:00:00Z` }, 'body.readyUntil'],
      [{ categories: ['fruit_veg', 'plutonium'] }, 'body.categories.1'], [{ categories: [] }, 'body.categories'],
    ];
    for (const [patch, path] of cases) {
      const res = await ctx.http().post('/donor/offers').set(farmSession.auth).set(fi).send(offerBody(patch));
      expect({ patch, status: res.status }).toEqual({ patch, status: 400 });
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
      expect(res.body.detail).toMatch(/^Virheellinen/);
    }
    expect(await count()).toBe(before);
    const wrongDay = await ctx.http().post('/donor/skips').set(shop.auth).set(fi).send({ date: '2030-08-14', scheduleId: schedule.id });
    expect(wrongDay.status).toBe(422);
    expect(wrongDay.body.code).toBe('not_a_pickup_day');
    const otherDonors = await ctx.http().post('/donor/skips').set(farmSession.auth).send({ date: '2030-08-19', scheduleId: schedule.id });
    expect(otherDonors.status).toBe(404);
    const shopSkip = (await get('/donor/pickups', shop.auth, { from: TUESDAY, to: TUESDAY })).body.items[0];
    expect((await ctx.http().post(`/donor/skips/${shopSkip.skipId}/cancel`).set(farmSession.auth).send()).status).toBe(404);
    // A donor sees only its own offers, without names, prices or points.
    const shopOffers = (await get('/donor/offers', shop.auth)).body.items;
    expect(shopOffers).toEqual([]);
    const farmOffers = JSON.stringify((await get('/donor/offers', farmSession.auth)).body);
    for (const secret of ['Test shop', 'Test point', 'Test depot', net.point.id, driver.id]) expect(farmOffers).not.toContain(secret);
  });

  it('records a phoned-in offer and a decline with its reason; the donor is told', async () => {
    const phoned = await post(ctx, net.auth, '/offers', { donorId: farm.id, ...offerBody({ kg: 300, readyFrom: `${TUESDAY}T12:00:00Z`, readyUntil: `${TUESDAY}T14:00:00Z` }) });
    expect(phoned).toMatchObject({ source: 'phone', status: 'open' });
    const declined = await post(ctx, net.auth, `/offers/${phoned.id}/decline`, { reason: 'no_vehicle', note: 'Molemmat autot ajossa' }, 200);
    expect(declined).toMatchObject({ status: 'declined', declineReason: 'no_vehicle' });
    const mine = (await get('/donor/offers', farmSession.auth, { status: 'declined' })).body.items;
    expect(mine).toEqual([expect.objectContaining({ id: phoned.id, message: 'Kiitos tarjouksesta (300 kg). Emme valitettavasti voi noutaa sitä: meillä ei ole autoa vapaana.' })]);
    expect(mine[0]).not.toHaveProperty('declineNote');
    const report = await get('/reports/donors', net.auth, { from: TUESDAY, to: TUESDAY });
    expect(report.body.items.find((r: { donorId: string }) => r.donorId === farm.id)).toMatchObject({ offers: 3, kgOffered: 10_800, kgDeclined: 300, kgDeclinedByReason: { no_vehicle: 300 } });
    expect((await ctx.http().post(`/offers/${phoned.id}/accept`).set(net.auth).send({ date: TUESDAY })).status).toBe(409);
  });

  it('refuses a revoked link, its sessions and a deactivated donor with a bare 401', async () => {
    const revoked = await post(ctx, net.auth, `/sites/${farm.id}/donor-links/${farmSession.linkId}/revoke`, {}, 200);
    expect(revoked).toMatchObject({ active: false });
    const again = await ctx.http().post('/auth/donor-link').send({ token: farmSession.linkToken });
    expect(again.status).toBe(401);
    expect(again.body.code).toBe('unauthorized');
    expect((await get('/donor/offers', farmSession.auth)).status).toBe(401);
    const wrong = await ctx.http().post('/auth/donor-link').send({ token: 'x'.repeat(43) });
    expect([wrong.status, wrong.body.detail]).toEqual([401, again.body.detail]);
    expect((await ctx.http().patch(`/sites/${net.donor.id}`).set(net.auth).send({ active: false })).status).toBe(200);
    expect((await get('/donor/pickups', shop.auth)).status).toBe(401);
    const shopAgain = await ctx.http().post('/auth/donor-link').send({ token: shop.linkToken });
    expect([shopAgain.status, shopAgain.body.detail]).toEqual([401, again.body.detail]);
    const audit = await get('/audit', net.auth, { entity: 'donor_link' });
    expect(audit.body.items.map((e: { action: string }) => e.action).sort()).toEqual(['create', 'create', 'create', 'create', 'revoke', 'revoke']);
  });
});

describe('the donor API rate limit', () => {
  let ctx: TestContext;
  afterAll(() => ctx?.close());
  it('answers 429 past DONOR_RATE_PER_MIN requests a minute from one link', async () => {
    ctx = await startTestApp({ env: { DONOR_RATE_PER_MIN: '3' } });
    const net = await seedNetwork(ctx);
    const shop = await donorSession(ctx, net.auth, net.donor.id);
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await ctx.http().get('/donor/pickups').set(shop.auth)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  }, 60_000);
});
