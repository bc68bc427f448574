import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestContext } from '../../helpers/app.ts';
import { seedNetwork } from '../../helpers/fixtures.ts';
import { api, line, testClock, type Net } from '../../helpers/warehouse.ts';

const fi = { 'accept-language': 'fi' };
const RAW = ['meat', 'minced_meat', 'fish'];
const READY = ['bread', 'dairy', 'smoked_fish', 'ready_meals', 'fruit_veg'];

/**
 * Raw and ready-to-eat apart; a hygiene passport where it is required (issue 18, item 9): a
 * bag never holds raw meat or fish with ready-to-eat food, and unpackaged perishable food is
 * packed only by someone with a valid hygiene passport.
 */
describe.each(['postgres', 'embedded'] as const)('raw and ready-to-eat apart, hygiene passport (%s)', (mode) => {
  let ctx: TestContext;
  let net: Net;
  let w: ReturnType<typeof api>;
  let packerId: string;
  const clock = testClock('2027-03-23T08:00:00+02:00');
  const lots: Record<string, { id: string; unpackaged: boolean }> = {};
  const counts = async () => {
    const { database } = ctx.deps;
    const [row] = await database.rows<Record<string, string>>(database.db, sql`
      select (select count(*) from bags) as bags, (select count(*) from packing_runs) as runs, (select count(*) from ledger_entries) as ledger`);
    return row;
  };

  beforeAll(async () => {
    ctx = await startTestApp({ mode, now: clock.now });
    net = await seedNetwork(ctx);
    const packer = await ctx.userToken('warehouse');
    packerId = packer.id;
    w = api(ctx, bearer(packer.token));
    const intake = await w.ok('/intakes', {
      donorId: net.donor.id,
      lines: [
        line(net.units.chilled.id, { category: 'minced_meat', kg: 4, date: '2027-03-25', product: 'Jauheliha' }),
        line(net.units.chilled.id, { category: 'ready_meals', kg: 6, date: '2027-03-26', product: 'Kinkkuvoileipä' }),
        line(net.units.ambient.id, { category: 'dry_goods', kg: 20, temperatureClass: 'ambient', dateKind: 'best_before', date: '2027-09-01', product: 'Pasta' }),
      ],
    });
    ['mince', 'sandwich', 'pasta'].forEach((k, i) => (lots[k] = intake.lots[i]));
  });
  afterAll(() => ctx?.close());

  it('refuses named raw mince and a ready-to-eat sandwich in one run: 409, in Finnish, nothing written', async () => {
    const before = await counts();
    const res = await w.post('/packing-runs', {
      depotId: net.depot.id, bagType: 'food', bagCount: 1, lots: [{ lotId: lots.mince.id, kg: 2 }, { lotId: lots.sandwich.id, kg: 2 }],
    }, fi);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      code: 'raw_with_ready_to_eat', rawKg: 2, readyToEatKg: 2, rawCategories: ['minced_meat'], readyToEatCategories: ['ready_meals'],
      detail: expect.stringContaining('ei pakata samaan kassiin syömävalmiin ruoan'),
    });
    expect(await counts()).toEqual(before);
  });

  it('splits a FEFO run: the mince goes into a bag of its own, topped up with pasta, never with the sandwich', async () => {
    const res = await w.post('/packing-runs', { depotId: net.depot.id, bagType: 'food', bagCount: 3 });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.bags).toHaveLength(3);
    for (const bag of res.body.bags as { weightKg: number; contents: { category: string }[] }[]) {
      expect(bag.weightKg).toBe(5);
      const categories = bag.contents.map((c) => c.category);
      expect(categories.some((c) => RAW.includes(c)) && categories.some((c) => READY.includes(c))).toBe(false);
    }
    const { database } = ctx.deps;
    const mixed = await database.rows(database.db, sql`
      select c.bag_id from bag_contents c join lots l on l.id = c.lot_id group by c.bag_id
      having bool_or(l.category in ('meat', 'minced_meat', 'fish')) and bool_or(l.category in ('bread', 'dairy', 'smoked_fish', 'ready_meals', 'fruit_veg'))`);
    expect(mixed).toEqual([]);
  });

  it('packs unpackaged fish only for a packer with a valid hygiene passport (422 hygiene_passport_required, nothing written)', async () => {
    [lots.perch] = (await w.ok('/intakes', {
      donorId: net.donor.id, lines: [line(net.units.chilled.id, { category: 'fish', kg: 3, date: '2027-03-25', product: 'Ahvenfilee', unpackaged: true })],
    })).lots;
    expect(lots.perch.unpackaged).toBe(true);
    const body = { depotId: net.depot.id, bagType: 'food', bagCount: 1, lots: [{ lotId: lots.perch.id, kg: 1.5 }] };
    const before = await counts();
    const res = await w.post('/packing-runs', body, fi);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'hygiene_passport_required', lotIds: [lots.perch.id], detail: expect.stringContaining('voimassa oleva hygieniapassi') });
    expect(await counts()).toEqual(before);

    const expired = await ctx.http().patch(`/users/${packerId}`).set(net.auth).send({ hygienePassportUntil: '2027-03-22' });
    expect(expired.status).toBe(200);
    expect((await w.post('/packing-runs', body)).status).toBe(422);
    await ctx.http().patch(`/users/${packerId}`).set(net.auth).send({ hygienePassportUntil: '2030-01-01' }).expect(200);
    const ok = await w.post('/packing-runs', body);
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
  });
});
