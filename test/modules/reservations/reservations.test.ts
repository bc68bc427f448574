import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bagEvents, bags, reservations } from '../../../src/db/schema/index.ts';
import { bearer, startTestApp, type TestContext } from '../../helpers/app.ts';
import { MONDAY, MONDAY_MORNING, NEXT_TUESDAY, NEXT_WEDNESDAY, SUNDAY, TUESDAY, TUESDAY_CUTOFF, WEDNESDAY, bagStatusCounts, seedReservationNetwork, stockBags, testClock } from '../../helpers/reservations.ts';

describe('reservations', () => {
  let ctx: TestContext;
  let net: Awaited<ReturnType<typeof seedReservationNetwork>>;
  const clock = testClock();
  const reserve = (auth: Record<string, string>, body: object) => ctx.http().post('/reservations').set(auth).send(body);
  const reservationCount = async () => (await ctx.deps.database.db.select({ n: sql<number>`count(*)::int` }).from(reservations))[0].n;

  beforeAll(async () => {
    ctx = await startTestApp({ now: clock.now });
    net = await seedReservationNetwork(ctx);
  });
  afterAll(() => ctx?.close());
  beforeEach(() => clock.set(MONDAY_MORNING));

  it('holds the bags at once for a point lead on their distribution day', async () => {
    const { bagIds } = await stockBags(ctx.deps.database.db, { depotId: net.depot.id, bagType: 'family', count: 5 });
    const res = await reserve(net.lead, { pointId: net.point.id, date: TUESDAY, bagType: 'family', bags: 3 });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ pointId: net.point.id, depotId: net.depot.id, date: TUESDAY, bagType: 'family', bags: 3, status: 'held' });
    const held = await ctx.deps.database.db.select().from(bags).where(eq(bags.reservationId, res.body.id));
    expect(held).toHaveLength(3);
    expect(held.every((b) => b.status === 'reserved' && bagIds.includes(b.id))).toBe(true);
    const events = await ctx.deps.database.db.select().from(bagEvents).where(eq(bagEvents.reservationId, res.body.id));
    expect(events.map((e) => `${e.fromStatus}->${e.toStatus}`)).toEqual(Array(3).fill('in_stock->reserved'));
    expect(await bagStatusCounts(ctx.deps.database.db, net.depot.id, 'family')).toEqual({ in_stock: 2, reserved: 3 });
  });

  it('refuses with 409 and the number available when there are too few bags, holding none', async () => {
    await stockBags(ctx.deps.database.db, { depotId: net.depot.id, bagType: 'hygiene', count: 2 });
    const res = await reserve(net.lead, { pointId: net.point.id, date: TUESDAY, bagType: 'hygiene', bags: 3 });
    expect(res.status).toBe(409);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'insufficient_bags', available: 2 });
    expect(res.body.remainingCap).toBeUndefined();
    expect(await bagStatusCounts(ctx.deps.database.db, net.depot.id, 'hygiene')).toEqual({ in_stock: 2 });
  });

  it('never holds a bag whose earliest use-by is before the delivery date', async () => {
    const db = ctx.deps.database.db;
    await stockBags(db, { depotId: net.depot.id, bagType: 'bread', count: 3, earliestUseBy: MONDAY });
    await stockBags(db, { depotId: net.depot.id, bagType: 'bread', count: 2, earliestUseBy: TUESDAY });
    await stockBags(db, { depotId: net.depot.id, bagType: 'bread', count: 1, earliestUseBy: null });
    const tooMany = await reserve(net.lead, { pointId: net.point.id, date: TUESDAY, bagType: 'bread', bags: 4 });
    expect(tooMany.status).toBe(409);
    expect(tooMany.body.available).toBe(3);
    // What the point lead is shown for a day is what a reservation for that day can hold.
    const free = async (date?: string) => (await ctx.http().get('/bags/available')
      .query({ depotId: net.depot.id, bagType: 'bread', ...(date ? { date } : {}) }).set(net.lead)).body;
    expect(await free()).toMatchObject({ available: 6, date: MONDAY });
    expect(await free(TUESDAY)).toMatchObject({ available: 3, date: TUESDAY, byClass: expect.arrayContaining([{ temperatureClass: 'chilled', available: 3 }]) });
    expect(await free(NEXT_TUESDAY)).toMatchObject({ available: 1 });
    // A week later only the bag without a use-by is still good.
    const later = await reserve(net.lead, { pointId: net.point.id, date: NEXT_TUESDAY, bagType: 'bread', bags: 2 });
    expect(later.body).toMatchObject({ status: 409, available: 1 });
    const ok = await reserve(net.lead, { pointId: net.point.id, date: TUESDAY, bagType: 'bread', bags: 3 });
    expect(ok.status).toBe(201);
    const held = await db.select().from(bags).where(eq(bags.reservationId, ok.body.id));
    expect(held.map((b) => b.earliestUseBy).sort()).toEqual([TUESDAY, TUESDAY, null].sort());
  });

  describe('bad input: each a clear 4xx with nothing held', () => {
    beforeAll(async () => {
      await stockBags(ctx.deps.database.db, { depotId: net.depot.id, bagType: 'food', count: 20 });
    });
    const cases: [string, () => object, number, string?][] = [
      ['zero bags', () => ({ bags: 0 }), 400],
      ['negative bags', () => ({ bags: -2 }), 400],
      ['10,000 bags', () => ({ bags: 10_000 }), 400],
      ['a fractional number of bags', () => ({ bags: 1.5 }), 400],
      ['an unknown bag type', () => ({ bagType: 'caviar' }), 400],
      ['an unknown field', () => ({ priority: 'high' }), 400],
      ['a malformed date', () => ({ date: '2026-02-30' }), 400],
      ['a date that is not a distribution day', () => ({ date: WEDNESDAY }), 422, 'not_a_distribution_day'],
      ['yesterday', () => ({ date: SUNDAY }), 422, 'date_in_past'],
      ["another point's id", () => ({ pointId: net.otherPoint.id, date: WEDNESDAY }), 404, 'not_found'],
      ['a point that does not exist', () => ({ pointId: '00000000-0000-4000-8000-000000000000' }), 404, 'not_found'],
      ['a depot instead of a point', () => ({ pointId: net.depot.id }), 404, 'not_found'],
    ];
    it.each(cases)('refuses %s', async (_name, change, status, code) => {
      const before = await reservationCount();
      const res = await reserve(net.lead, { pointId: net.point.id, date: TUESDAY, bagType: 'food', bags: 1, ...change() });
      expect(res.status).toBe(status);
      expect(res.body.code).toBe(code ?? 'validation_failed');
      expect(res.body.detail).toBeTruthy();
      expect(await reservationCount()).toBe(before);
      expect(await bagStatusCounts(ctx.deps.database.db, net.depot.id, 'food')).toEqual({ in_stock: 20 });
    });

    it('refuses a warehouse user or a driver (403) and no token (401)', async () => {
      const wh = await ctx.userToken('warehouse');
      const body = { pointId: net.point.id, date: TUESDAY, bagType: 'food', bags: 1 };
      expect((await reserve(bearer(wh.token), body)).status).toBe(403);
      expect((await ctx.http().post('/reservations').send(body)).status).toBe(401);
      expect(await bagStatusCounts(ctx.deps.database.db, net.depot.id, 'food')).toEqual({ in_stock: 20 });
    });

    it("refuses cancelling another point's reservation with 404 and keeps it held", async () => {
      const mine = await reserve(net.lead, { pointId: net.point.id, date: TUESDAY, bagType: 'food', bags: 2 });
      expect(mine.status).toBe(201);
      const res = await ctx.http().post(`/reservations/${mine.body.id}/cancel`).set(net.otherLead).send();
      expect(res.status).toBe(404);
      expect((await ctx.http().get(`/reservations/${mine.body.id}`).set(net.lead)).body.status).toBe('held');
      await ctx.http().post(`/reservations/${mine.body.id}/cancel`).set(net.lead).send().expect(200);
    });
  });

  it('releases the bags on cancel, and a second cancel answers the same', async () => {
    const db = ctx.deps.database.db;
    await stockBags(db, { depotId: net.depot.id, bagType: 'food', count: 3 });
    const before = await bagStatusCounts(db, net.depot.id, 'food');
    const r = await reserve(net.lead, { pointId: net.point.id, date: TUESDAY, bagType: 'food', bags: 3 });
    expect(r.status).toBe(201);
    const first = await ctx.http().post(`/reservations/${r.body.id}/cancel`).set(net.lead).send();
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ id: r.body.id, status: 'cancelled' });
    expect(first.body.cancelledAt).toBe(MONDAY_MORNING.toISOString());
    const second = await ctx.http().post(`/reservations/${r.body.id}/cancel`).set(net.lead).send();
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(await bagStatusCounts(db, net.depot.id, 'food')).toEqual(before);
    const events = await db.select().from(bagEvents).where(eq(bagEvents.reservationId, r.body.id));
    expect(events.filter((e) => e.toStatus === 'in_stock')).toHaveLength(3);
    expect(await db.select().from(bags).where(eq(bags.reservationId, r.body.id))).toHaveLength(0);
  });

  it('replays a retried reservation with the same Idempotency-Key instead of holding twice', async () => {
    const db = ctx.deps.database.db;
    await stockBags(db, { depotId: net.depot.id, bagType: 'family', count: 4 });
    const before = await bagStatusCounts(db, net.depot.id, 'family');
    const body = { pointId: net.point.id, date: TUESDAY, bagType: 'family', bags: 2 };
    const a = await reserve({ ...net.lead, 'idempotency-key': 'retry-1' }, body);
    const b = await reserve({ ...net.lead, 'idempotency-key': 'retry-1' }, body);
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body.id).toBe(a.body.id);
    expect(b.headers['idempotent-replayed']).toBe('true');
    const after = await bagStatusCounts(db, net.depot.id, 'family');
    expect(after.reserved - (before.reserved ?? 0)).toBe(2);
  });

  describe('planning cut-off (18:00 Helsinki the evening before)', () => {
    it('refuses a point lead after the cut-off with 409 after_planning_cutoff, and lets a coordinator', async () => {
      await stockBags(ctx.deps.database.db, { depotId: net.depot.id, bagType: 'food', count: 2 });
      const body = { pointId: net.point.id, date: TUESDAY, bagType: 'food', bags: 1 };
      const early = await reserve(net.lead, body);
      expect(early.status).toBe(201);
      clock.set(TUESDAY_CUTOFF); // 18:00 in Helsinki
      const late = await reserve(net.lead, body);
      expect(late.status).toBe(409);
      expect(late.body.code).toBe('after_planning_cutoff');
      const cancel = await ctx.http().post(`/reservations/${early.body.id}/cancel`).set(net.lead).send();
      expect(cancel.status).toBe(409);
      expect(cancel.body.code).toBe('after_planning_cutoff');
      expect((await reserve(net.auth, body)).status).toBe(201);
      const byCoordinator = await ctx.http().post(`/reservations/${early.body.id}/cancel`).set(net.auth).send();
      expect(byCoordinator.body.status).toBe('cancelled');
      // The next week is still open to the lead.
      expect((await reserve(net.lead, { ...body, date: NEXT_TUESDAY })).status).toBe(201);
    });
  });

  describe('reading', () => {
    it('shows a point lead only their own point; another point is 404; a coordinator sees all', async () => {
      await stockBags(ctx.deps.database.db, { depotId: net.depot.id, bagType: 'hygiene', count: 5 });
      const theirs = await reserve(net.otherLead, { pointId: net.otherPoint.id, date: WEDNESDAY, bagType: 'hygiene', bags: 1 });
      expect(theirs.status).toBe(201);
      const mine = await reserve(net.lead, { pointId: net.point.id, date: TUESDAY, bagType: 'hygiene', bags: 1 });
      expect(mine.status).toBe(201);

      const own = await ctx.http().get('/reservations').set(net.lead);
      expect(own.status).toBe(200);
      expect(own.body.items.length).toBeGreaterThan(0);
      expect(own.body.items.every((r: { pointId: string }) => r.pointId === net.point.id)).toBe(true);
      expect((await ctx.http().get(`/reservations?pointId=${net.otherPoint.id}`).set(net.lead)).status).toBe(404);
      expect((await ctx.http().get(`/reservations/${theirs.body.id}`).set(net.lead)).status).toBe(404);
      expect((await ctx.http().get(`/reservations/${mine.body.id}`).set(net.lead)).body).toEqual({ ...mine.body, heldBags: 0, recalledBags: 0 });

      const byDate = await ctx.http().get(`/reservations?date=${WEDNESDAY}`).set(net.auth);
      expect(byDate.body.items.map((r: { id: string }) => r.id)).toEqual([theirs.body.id]);
      const all = await ctx.http().get('/reservations').set(net.auth);
      expect(all.body.items.map((r: { id: string }) => r.id)).toEqual(expect.arrayContaining([theirs.body.id, mine.body.id]));
    });

    it('pages with limit and cursor without repeating or skipping', async () => {
      const all = (await ctx.http().get('/reservations?limit=100').set(net.auth)).body.items.map((r: { id: string }) => r.id);
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const res = await ctx.http().get(`/reservations?limit=2${cursor ? `&cursor=${cursor}` : ''}`).set(net.auth);
        expect(res.status).toBe(200);
        seen.push(...res.body.items.map((r: { id: string }) => r.id));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(all);
      expect((await ctx.http().get('/reservations?cursor=garbage').set(net.auth)).status).toBe(400);
    });
  });

  describe('caps', () => {
    it('refuses a reservation over the daily cap with 409 and the remaining cap', async () => {
      await stockBags(ctx.deps.database.db, { depotId: net.depot.id, bagType: 'family', count: 10 });
      const set = await ctx.http().post(`/sites/${net.otherPoint.id}/reservation-caps`).set(net.auth).send({ bagType: 'family', bagsPerDay: 3 });
      expect(set.status).toBe(201);
      expect(set.body).toMatchObject({ pointId: net.otherPoint.id, bagType: 'family', bagsPerDay: 3 });
      const body = { pointId: net.otherPoint.id, date: WEDNESDAY, bagType: 'family' };
      const first = await reserve(net.otherLead, { ...body, bags: 2 });
      expect(first.status).toBe(201);
      const over = await reserve(net.otherLead, { ...body, bags: 2 });
      expect(over.status).toBe(409);
      expect(over.body).toMatchObject({ code: 'cap_exceeded', remainingCap: 1 });
      expect(over.body.available).toBeGreaterThanOrEqual(2);
      const caps = await ctx.http().get(`/sites/${net.otherPoint.id}/reservation-caps?date=${WEDNESDAY}`).set(net.otherLead);
      expect(caps.status).toBe(200);
      expect(caps.body.items).toEqual([expect.objectContaining({ bagType: 'family', bagsPerDay: 3, reserved: 2, remaining: 1 })]);
      // A cancelled reservation no longer counts; another day has its own cap.
      await ctx.http().post(`/reservations/${first.body.id}/cancel`).set(net.otherLead).send().expect(200);
      expect((await reserve(net.otherLead, { ...body, bags: 3 })).status).toBe(201);
      expect((await reserve(net.otherLead, { ...body, date: NEXT_WEDNESDAY, bags: 3 })).status).toBe(201);
    });

    it("shows caps to the point's lead but not to another point's lead, and lets only a coordinator set them", async () => {
      expect((await ctx.http().get(`/sites/${net.otherPoint.id}/reservation-caps`).set(net.lead)).status).toBe(404);
      expect((await ctx.http().post(`/sites/${net.point.id}/reservation-caps`).set(net.lead).send({ bagType: 'food', bagsPerDay: 99 })).status).toBe(403);
      expect((await ctx.http().post(`/sites/${net.point.id}/reservation-caps`).set(net.auth).send({ bagType: 'food', bagsPerDay: -1 })).status).toBe(400);
      expect((await ctx.http().post(`/sites/${net.depot.id}/reservation-caps`).set(net.auth).send({ bagType: 'food', bagsPerDay: 5 })).status).toBe(404);
    });
  });

  it("uses the only depot for a point without depotId, and the nearest once there are two", async () => {
    const post = (body: object) => ctx.http().post('/sites').set(net.auth).send(body);
    const loose = (await post({ kind: 'point', name: 'Loose point', municipality: 'Juva', lat: 61.9, lon: 27.8 })).body;
    await ctx.http().post(`/sites/${loose.id}/distribution-days`).set(net.auth).send({ weekday: 'tue', start: '10:00', end: '12:00' }).expect(201);
    await stockBags(ctx.deps.database.db, { depotId: net.depot.id, bagType: 'bread', count: 1, earliestUseBy: null });
    const ok = await reserve(net.auth, { pointId: loose.id, date: TUESDAY, bagType: 'bread', bags: 1 });
    expect(ok.status).toBe(201);
    expect(ok.body.depotId).toBe(net.depot.id);
    const second = (await post({ kind: 'depot', name: 'Second depot', municipality: 'Juva', lat: 61.9, lon: 27.85 })).body;
    // The new depot is nearer and has no bags yet: the point's bags now come from there.
    const short = await reserve(net.auth, { pointId: loose.id, date: TUESDAY, bagType: 'bread', bags: 1 });
    expect(short.status).toBe(409);
    expect(short.body.available).toBe(0);
    await stockBags(ctx.deps.database.db, { depotId: second.id, bagType: 'bread', count: 1, earliestUseBy: null });
    const nearest = await reserve(net.auth, { pointId: loose.id, date: TUESDAY, bagType: 'bread', bags: 1 });
    expect(nearest.status).toBe(201);
    expect(nearest.body.depotId).toBe(second.id);
  });
});
