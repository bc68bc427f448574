import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestContext } from '../../helpers/app.ts';
import { seedNetwork } from '../../helpers/fixtures.ts';
import { api, line, testClock, type Net } from '../../helpers/warehouse.ts';

const TUESDAY = '2026-12-08';
const NEXT_TUESDAY = '2026-12-15';

/**
 * Every bag carries the last day it may be handed out (issue 18, item 1): set at packing from
 * its contents, shown on the bag, its label and `GET /bags/:id`, and availability and
 * reservations hold only bags that may still be handed out on the distribution day.
 */
describe.each(['postgres', 'embedded'] as const)('the hand-out date of a bag (%s)', (mode) => {
  let ctx: TestContext;
  let net: Net;
  let w: ReturnType<typeof api>;
  let lead: Record<string, string>;
  const clock = testClock('2026-12-04T09:00:00+02:00');
  const packed: Record<string, { id: string; handOutBy: string | null }[]> = {};

  beforeAll(async () => {
    ctx = await startTestApp({ mode, now: clock.now });
    net = await seedNetwork(ctx);
    w = api(ctx, bearer((await ctx.userToken('warehouse')).token));
    lead = bearer((await ctx.userToken('point_lead', { pointId: net.point.id })).token);
    await w.ok('/intakes', {
      donorId: net.donor.id,
      lines: [
        line(net.units.chilled.id, { category: 'dairy', kg: 10, date: TUESDAY, product: 'Maito' }),
        line(net.units.ambient.id, { category: 'bread', kg: 4, temperatureClass: 'ambient', dateKind: 'none', date: null, product: 'Ruisleipä' }),
      ],
    });
    packed.food = (await w.ok('/packing-runs', { depotId: net.depot.id, bagType: 'food', bagCount: 2 })).bags;
    packed.bread = (await w.ok('/packing-runs', { depotId: net.depot.id, bagType: 'bread', bagCount: 2 })).bags;
  });
  afterAll(() => ctx?.close());

  const available = async (bagType: string, date: string) =>
    (await ctx.http().get(`/bags/available?depotId=${net.depot.id}&bagType=${bagType}&date=${date}`).set(lead)).body.available;

  it('sets handOutBy at packing: the milk’s use-by, and two days from receipt for undated bread', () => {
    expect(packed.food.map((b) => b.handOutBy)).toEqual([TUESDAY, TUESDAY]);
    expect(packed.bread.map((b) => b.handOutBy)).toEqual(['2026-12-06', '2026-12-06']);
  });

  it('shows it on GET /bags/:id and in the bag list, with the contents', async () => {
    const res = await w.get(`/bags/${packed.food[0].id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: packed.food[0].id, handOutBy: TUESDAY, earliestUseBy: TUESDAY, status: 'in_stock', contents: [{ product: 'Maito', kg: 5 }] });
    const list = await w.get(`/bags?bagType=bread`);
    expect(list.body.items.map((b: { handOutBy: string }) => b.handOutBy)).toEqual(['2026-12-06', '2026-12-06']);
    const missing = await w.get('/bags/00000000-0000-4000-8000-000000000000').set('accept-language', 'fi');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect((await ctx.http().get(`/bags/${packed.food[0].id}`).set(lead)).status).toBe(403);
  });

  it('prints it on the label: "Jaettava viimeistään 8.12.2026"', async () => {
    const label = await w.get(`/bags/${packed.food[0].id}/label`);
    expect(label.status).toBe(200);
    expect(label.text).toContain('Jaettava viimeistään 8.12.2026');
    expect(label.text).toContain('Hand out by 8.12.2026');
  });

  it('counts as available only the bags that may still be handed out on the day asked', async () => {
    expect(await available('food', TUESDAY)).toBe(2);
    expect(await available('food', NEXT_TUESDAY)).toBe(0);
    expect(await available('bread', '2026-12-06')).toBe(2);
    expect(await available('bread', TUESDAY)).toBe(0);
  });

  it('never holds a bag for a distribution day after its hand-out date', async () => {
    const reserve = (date: string, bagType = 'food') =>
      ctx.http().post('/reservations').set(lead).set('accept-language', 'fi').send({ pointId: net.point.id, date, bagType, bags: 1 });
    const late = await reserve(NEXT_TUESDAY);
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'insufficient_bags', available: 0 });
    expect((await reserve(TUESDAY, 'bread')).body).toMatchObject({ code: 'insufficient_bags', available: 0 });
    const ok = await reserve(TUESDAY);
    expect(ok.status).toBe(201);
    const { database } = ctx.deps;
    const held = await database.rows<{ hand_out_by: string }>(database.db, sql`select hand_out_by::text from bags where reservation_id = ${ok.body.id}`);
    expect(held).toEqual([{ hand_out_by: TUESDAY }]);
  });

  it('gives existing bags their hand-out date by migration (the backfill)', async () => {
    const { database } = ctx.deps;
    const before = await database.rows<{ id: string; d: string | null }>(database.db, sql`select id, hand_out_by::text as d from bags order by id`);
    await database.db.execute(sql`update bags set hand_out_by = null`);
    const migration = readFileSync(new URL('../../../migrations/0023_bag_hand_out_by_backfill.sql', import.meta.url), 'utf8');
    const [bagsBackfill, noContents] = migration.split('--> statement-breakpoint');
    await database.db.execute(sql.raw(bagsBackfill));
    await database.db.execute(sql.raw(noContents));
    const after = await database.rows<{ id: string; d: string | null }>(database.db, sql`select id, hand_out_by::text as d from bags order by id`);
    expect(after).toEqual(before);
    expect(after.filter((b) => b.d === null)).toEqual([]);
  });
});
