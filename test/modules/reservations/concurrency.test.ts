import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bagEvents, bags, reservations } from '../../../src/db/schema/index.ts';
import { bearer, startTestApp, type TestContext } from '../../helpers/app.ts';
import { TUESDAY, bagStatusCounts, insertDepotAndPoint, stockBags, testClock } from '../../helpers/reservations.ts';

/**
 * Never oversold, against the real PostgreSQL over real HTTP, with the production pool size
 * (20 connections): requests are fired all at once over 20 client connections, so twenty
 * transactions at a time race for the same bags.
 */
describe('concurrent reservations', () => {
  let ctx: TestContext;
  let base: string;
  let coordinator: string;
  const clock = testClock();

  beforeAll(async () => {
    ctx = await startTestApp({ now: clock.now, env: { DATABASE_POOL_SIZE: '20' } });
    base = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
    coordinator = (await ctx.userToken('coordinator')).token;
  });
  afterAll(() => ctx?.close());

  // All requests are issued at once and carried by 20 keep-alive HTTP connections, as 20
  // clients would; the server has the production pool of 20 database connections.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 20 });
  afterAll(() => agent.destroy());
  const reserve = (token: string, body: object) => new Promise<{ status: number; body: Record<string, any> }>((resolve, reject) => {
    const payload = JSON.stringify(body);
    const req = http.request(`${base}/reservations`, {
      method: 'POST', agent,
      headers: { ...bearer(token), 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), 'idempotency-key': randomUUID() },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { text += chunk; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });

  async function reservedPerReservation(pointId: string) {
    return ctx.deps.database.db
      .select({ id: reservations.id, bags: reservations.bags, held: sql<number>`count(${bags.id})::int` })
      .from(reservations).leftJoin(bags, eq(bags.reservationId, reservations.id))
      .where(and(eq(reservations.pointId, pointId), eq(reservations.status, 'held')))
      .groupBy(reservations.id, reservations.bags);
  }

  for (const round of [1, 2, 3]) {
    it(`gives exactly 50 × 201 and 150 × 409 for 200 one-bag requests against 50 bags (round ${round})`, async () => {
      const db = ctx.deps.database.db;
      const { depotId, pointId } = await insertDepotAndPoint(db);
      const lead = (await ctx.userToken('point_lead', { pointId })).token;
      await stockBags(db, { depotId, count: 50 });

      const results = await Promise.all(Array.from({ length: 200 }, (_, i) =>
        reserve(i % 2 === 0 ? coordinator : lead, { pointId, date: TUESDAY, bagType: 'food', bags: 1 })));

      const statuses = results.map((r) => r.status);
      expect(results.filter((r) => r.status !== 201 && r.status !== 409)).toEqual([]);
      expect(statuses.filter((s) => s === 201)).toHaveLength(50);
      expect(statuses.filter((s) => s === 409)).toHaveLength(150);
      for (const r of results.filter((x) => x.status === 409)) expect(r.body).toMatchObject({ code: 'insufficient_bags', available: 0 });

      expect(await bagStatusCounts(db, depotId)).toEqual({ reserved: 50 });
      const perReservation = await reservedPerReservation(pointId);
      expect(perReservation).toHaveLength(50);
      expect(perReservation.every((r) => r.bags === 1 && r.held === 1)).toBe(true);
      const granted = new Set(results.filter((x) => x.status === 201).map((x) => x.body.id));
      expect(new Set(perReservation.map((r) => r.id))).toEqual(granted);
      const [{ n: events }] = await db.select({ n: sql<number>`count(*)::int` }).from(bagEvents)
        .innerJoin(bags, eq(bags.id, bagEvents.bagId)).where(and(eq(bags.depotId, depotId), eq(bagEvents.toStatus, 'reserved')));
      expect(events).toBe(50);
    });
  }

  it('keeps a daily cap exact under concurrency: 20 requests against a cap of 5 give 5 holds', async () => {
    const db = ctx.deps.database.db;
    const { depotId, pointId } = await insertDepotAndPoint(db);
    await stockBags(db, { depotId, count: 100 });
    const cap = await fetch(`${base}/sites/${pointId}/reservation-caps`, {
      method: 'POST', headers: { ...bearer(coordinator), 'content-type': 'application/json' }, body: JSON.stringify({ bagType: 'food', bagsPerDay: 5 }),
    });
    expect(cap.status).toBe(201);
    const results = await Promise.all(Array.from({ length: 20 }, () => reserve(coordinator, { pointId, date: TUESDAY, bagType: 'food', bags: 1 })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(5);
    const refused = results.filter((r) => r.status === 409);
    expect(refused).toHaveLength(15);
    for (const r of refused) expect(r.body).toMatchObject({ code: 'cap_exceeded', remainingCap: 0, available: 95 });
    expect(await bagStatusCounts(db, depotId)).toEqual({ in_stock: 95, reserved: 5 });
  });

  it('never grants more than the stock, and refuses only when too few bags are left (property)', async () => {
    await fc.assert(fc.asyncProperty(
      fc.integer({ min: 0, max: 30 }),
      fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 30 }),
      async (stock, asks) => {
        const db = ctx.deps.database.db;
        const { depotId, pointId } = await insertDepotAndPoint(db);
        await stockBags(db, { depotId, count: stock });
        const results = await Promise.all(asks.map((n) => reserve(coordinator, { pointId, date: TUESDAY, bagType: 'food', bags: n })));

        expect(results.every((r) => r.status === 201 || r.status === 409)).toBe(true);
        const granted = results.reduce((a, r, i) => a + (r.status === 201 ? asks[i] : 0), 0);
        expect(granted).toBeLessThanOrEqual(stock);
        const counts = await bagStatusCounts(db, depotId);
        const available = counts.in_stock ?? 0;
        expect(available).toBe(stock - granted);
        expect(counts.reserved ?? 0).toBe(granted);
        for (const r of await reservedPerReservation(pointId)) expect(r.held).toBe(r.bags);
        // Stock only shrinks during the run, so a refusal saw at least what is left now,
        // and it was right to refuse: fewer bags than asked were free at that moment.
        results.forEach((r, i) => {
          if (r.status !== 409) return;
          expect(r.body.code).toBe('insufficient_bags');
          expect(r.body.available).toBeLessThan(asks[i]);
          expect(r.body.available).toBeGreaterThanOrEqual(available);
        });
      },
    ), { numRuns: 12 });
  });
});
