import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../../helpers/app.ts';
import { line, startWarehouse } from '../../helpers/warehouse.ts';

type W = Awaited<ReturnType<typeof startWarehouse>>;

/** Bags have a temperature class from their packing run; reservations and availability see it. */
describe('bag temperature class through packing, availability and reservations', () => {
  let w: W;
  let lead: Record<string, string>;
  const TUESDAY = '2027-03-30';
  beforeAll(async () => {
    w = await startWarehouse('2027-03-23T08:00:00+02:00');
    lead = bearer((await w.ctx.userToken('point_lead', { pointId: w.net.point.id })).token);
    await w.ok('/intakes', {
      donorId: w.net.donor.id,
      lines: [
        line(w.net.units.chilled.id, { category: 'dairy', kg: 10, date: '2027-04-10' }),
        line(w.net.units.frozen.id, { category: 'frozen', kg: 10, temperatureClass: 'frozen', dateKind: 'best_before', date: '2027-09-01' }),
        line(w.net.units.ambient.id, { category: 'dry_goods', kg: 10, temperatureClass: 'ambient', dateKind: 'none', date: null }),
      ],
    });
  });
  afterAll(() => w?.ctx.close());

  const pack = (body: object) => w.post('/packing-runs', { depotId: w.net.depot.id, bagType: 'food', ...body });
  const available = async (q = '') => (await w.ctx.http().get(`/bags/available?depotId=${w.net.depot.id}&bagType=food${q}`).set(lead)).body;

  it('never mixes classes: a frozen run takes only frozen lots, a chilled run chilled and ambient ones', async () => {
    const frozen = await pack({ temperatureClass: 'frozen', bagCount: 2 });
    expect(frozen.status).toBe(201);
    const chilled = await pack({ bagCount: 2 });
    expect(chilled.status).toBe(201);
    const { database } = w.ctx.deps;
    const mixed = await database.rows<{ bag_id: string }>(database.db, sql`
      select b.id as bag_id from bags b join bag_contents c on c.bag_id = b.id join lots l on l.id = c.lot_id
      where (b.temperature_class = 'frozen' and l.temperature_class <> 'frozen')
         or (b.temperature_class = 'ambient' and l.temperature_class <> 'ambient')
         or (b.temperature_class = 'chilled' and l.temperature_class = 'frozen')`);
    expect(mixed).toEqual([]);
    expect(frozen.body.bags.every((b: { temperatureClass: string }) => b.temperatureClass === 'frozen')).toBe(true);
    expect(chilled.body.bags.every((b: { temperatureClass: string }) => b.temperatureClass === 'chilled')).toBe(true);
  });

  it('answers a frozen run with only chilled stock left 409 with what is available by class, changing nothing', async () => {
    const res = await pack({ temperatureClass: 'frozen', bagCount: 1 });
    expect(res.status).toBe(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.availableByClass).toEqual([
      { temperatureClass: 'ambient', bags: 2, kg: 10 }, { temperatureClass: 'chilled', bags: 2, kg: 10 }, { temperatureClass: 'frozen', bags: 0, kg: 0 },
    ]);
    expect((await available()).available).toBe(4);
  });

  it('counts bags per class and filters by temperatureClass', async () => {
    expect(await available()).toMatchObject({
      available: 4, byClass: [{ temperatureClass: 'ambient', available: 0 }, { temperatureClass: 'chilled', available: 2 }, { temperatureClass: 'frozen', available: 2 }],
    });
    expect(await available('&temperatureClass=frozen')).toMatchObject({ temperatureClass: 'frozen', available: 2 });
  });

  it('holds bags of the class a reservation asks for, and refuses with the count of that class', async () => {
    const reserve = (body: object) => w.ctx.http().post('/reservations').set(lead).send({ pointId: w.net.point.id, date: TUESDAY, bagType: 'food', ...body });
    const frozen = await reserve({ temperatureClass: 'frozen', bags: 2 });
    expect(frozen.status).toBe(201);
    expect(frozen.body).toMatchObject({ temperatureClass: 'frozen', bags: 2, status: 'held' });
    const { database } = w.ctx.deps;
    const held = await database.rows<{ temperature_class: string }>(database.db, sql`select temperature_class from bags where reservation_id = ${frozen.body.id}`);
    expect(held.map((r) => r.temperature_class)).toEqual(['frozen', 'frozen']);
    const more = await reserve({ temperatureClass: 'frozen', bags: 1 });
    expect(more.status).toBe(409);
    expect(more.body).toMatchObject({ code: 'insufficient_bags', available: 0 });
    const any = await reserve({ bags: 2 });
    expect(any.status).toBe(201);
    expect(any.body.temperatureClass).toBeUndefined();
  });

  it('classes existing bags by the coldest class among their contents (the migration’s backfill)', async () => {
    const { database } = w.ctx.deps;
    // Bags packed before the class existed: set them back to the column default, then run the backfill.
    await database.db.execute(sql`update bags set temperature_class = 'chilled'`);
    await database.db.execute(sql`update packing_runs set temperature_class = 'chilled'`);
    const migration = readFileSync(new URL('../../../migrations/0012_cold_chain_backfill.sql', import.meta.url), 'utf8');
    const [bagsBackfill, runsBackfill] = migration.split('--> statement-breakpoint');
    await database.db.execute(sql.raw(bagsBackfill));
    await database.db.execute(sql.raw(runsBackfill));
    const rows = await database.rows<{ cls: string; n: string }>(database.db, sql`
      select temperature_class as cls, count(*) as n from bags group by temperature_class order by 1`);
    // The chilled run took dairy and dry goods (coldest: chilled); the frozen run frozen food.
    expect(rows).toEqual([{ cls: 'chilled', n: '2' }, { cls: 'frozen', n: '2' }]);
  });
});
