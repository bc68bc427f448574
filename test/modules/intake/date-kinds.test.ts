import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestContext } from '../../helpers/app.ts';
import { seedNetwork } from '../../helpers/fixtures.ts';
import { api, line, testClock, type Net } from '../../helpers/warehouse.ts';

const fi = { 'accept-language': 'fi' };

/**
 * Date kinds follow the category, donor-frozen meat and fish carry their freezing date, and
 * food past its best-before has a maximum age by category (issue 18, item 4): each broken rule
 * is a 422 naming the line, in Finnish when asked, and writes nothing.
 */
describe.each(['postgres', 'embedded'] as const)('date kinds, freezing dates and best-before age (%s)', (mode) => {
  let ctx: TestContext;
  let net: Net;
  let w: ReturnType<typeof api>;
  const clock = testClock('2027-03-23T08:00:00+02:00');
  const counts = async () => {
    const { database } = ctx.deps;
    const [row] = await database.rows<{ intakes: string; lots: string; ledger: string; events: string }>(database.db, sql`
      select (select count(*) from intakes) as intakes, (select count(*) from lots) as lots, (select count(*) from ledger_entries) as ledger,
        (select count(*) from lot_events) as events`);
    return row;
  };
  const intake = (lines: object[]) => w.post('/intakes', { donorId: net.donor.id, lines }, fi);

  beforeAll(async () => {
    ctx = await startTestApp({ mode, now: clock.now });
    net = await seedNetwork(ctx);
    w = api(ctx, bearer((await ctx.userToken('warehouse')).token));
  });
  afterAll(() => ctx?.close());

  it('refuses minced meat with no date kind and gravad salmon entered as best-before: use_by_required on the line', async () => {
    const before = await counts();
    const res = await intake([
      line(net.units.chilled.id, { category: 'dairy' }),
      line(net.units.chilled.id, { category: 'minced_meat', dateKind: 'none', date: null }),
      line(net.units.chilled.id, { category: 'smoked_fish', dateKind: 'best_before', date: '2027-04-20' }),
    ]);
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'use_by_required', rule: 'use_by_required', line: 1 });
    expect(res.body.errors).toEqual([
      { path: 'body.lines.1.dateKind', message: expect.stringContaining('viimeisen käyttöpäivän') },
      { path: 'body.lines.2.dateKind', message: expect.stringContaining('kylmäsavu- tai graavikala') },
    ]);
    expect(res.body.detail).toMatch(/^rivi 2: jauheliha on helposti pilaantuvaa/);
    expect(await counts()).toEqual(before);
  });

  it('refuses undated dairy (dated by law), and takes undated bread, fruit and vegetables and salt', async () => {
    const dairy = await intake([line(net.units.chilled.id, { dateKind: 'none', date: null })]);
    expect(dairy.body).toMatchObject({ rule: 'date_kind_required', errors: [{ path: 'body.lines.0.dateKind' }] });
    const undated = (category: string) => line(net.units.ambient.id, { category, temperatureClass: 'ambient', dateKind: 'none', date: null, kg: 2 });
    expect((await intake([undated('bread'), undated('fruit_veg'), undated('dry_goods')])).status).toBe(201);
  });

  it('refuses donor-frozen meat without its freezing date (EU 2021/1374) and takes it with one', async () => {
    const before = await counts();
    const frozenMeat = (over: object = {}) => line(net.units.frozen.id, { category: 'meat', temperatureClass: 'frozen', date: '2027-03-30', ...over });
    const res = await intake([frozenMeat({ product: 'Naudan paisti' })]);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ rule: 'frozen_on_required', line: 0, errors: [{ path: 'body.lines.0.frozenOn', message: expect.stringContaining('pakastuspäivä') }] });
    expect(await counts()).toEqual(before);
    const ok = await intake([frozenMeat({ frozenOn: '2027-03-22' })]);
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body.lots[0]).toMatchObject({ frozenOn: '2027-03-22' });
  });

  it('refuses frozen pizza two years past its best-before, and takes it 90 days past', async () => {
    const before = await counts();
    const pizza = (date: string) => line(net.units.frozen.id, { category: 'frozen', temperatureClass: 'frozen', dateKind: 'best_before', date, kg: 3 });
    const old = await intake([pizza('2025-03-23')]);
    expect(old.status).toBe(422);
    expect(old.body).toMatchObject({ rule: 'best_before_too_old', errors: [{ path: 'body.lines.0.date', message: expect.stringContaining('yli 90 päivää') }] });
    expect(await counts()).toEqual(before);
    expect((await intake([pizza('2026-12-23')])).status).toBe(201);
  });

  it('refuses the best-before check of a lot past its limit, and never packs it, however recent its check', async () => {
    // Yoghurt (dairy: 3 days past best-before) taken in on its date, checked on the third day after.
    const [yoghurt] = (await w.ok('/intakes', {
      donorId: net.donor.id, lines: [line(net.units.chilled.id, { dateKind: 'best_before', date: '2027-03-23', kg: 6, product: 'Jogurtti' })],
    })).lots;
    clock.set('2027-03-26T08:00:00+02:00');
    await w.ok(`/lots/${yoghurt.id}/checks`, { passed: true, note: 'ehjä' });
    const packable = await w.post('/packing-runs', { depotId: net.depot.id, bagType: 'food', bagCount: 1, lots: [{ lotId: yoghurt.id, kg: 2 }] });
    expect(packable.status, JSON.stringify(packable.body)).toBe(201);

    clock.set('2027-03-27T08:00:00+02:00');
    const before = await counts();
    const check = await w.post(`/lots/${yoghurt.id}/checks`, { passed: true }, fi);
    expect(check.status).toBe(422);
    expect(check.body).toMatchObject({ code: 'best_before_too_old', detail: expect.stringContaining('yli 3 päivää') });
    const pack = await w.post('/packing-runs', { depotId: net.depot.id, bagType: 'food', bagCount: 1, lots: [{ lotId: yoghurt.id, kg: 2 }] }, fi);
    expect(pack.status).toBe(422);
    expect(pack.body).toMatchObject({ rule: 'best_before_too_old', lotId: yoghurt.id });
    expect(await counts()).toEqual(before);
    // A FEFO run does not take it either, and says why (with the pizza, 90 days past on the 23rd: 4 + 3 kg).
    const fefo = await w.post('/packing-runs', { depotId: net.depot.id, bagType: 'food', bagCount: 5, temperatureClass: 'chilled' });
    expect(fefo.status).toBe(409);
    expect(fefo.body.unusable).toEqual(expect.arrayContaining([expect.objectContaining({ reason: 'best_before_too_old', kg: 7 })]));
  });
});
