import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../../helpers/app.ts';
import { lotCode } from '../../../src/domain/labels.ts';
import { addDepot, ledgerFacts, line, startWarehouse } from '../../helpers/warehouse.ts';

type W = Awaited<ReturnType<typeof startWarehouse>>;

describe('packing runs', () => {
  let w: W;
  const lotIds: Record<string, string> = {};
  beforeAll(async () => {
    // Tuesday 23 March 2027; lots come in, then the clock moves to Thursday.
    w = await startWarehouse('2027-03-23T08:00:00+02:00');
    const { chilled, frozen, ambient } = w.net.units;
    const intake = await w.ok('/intakes', {
      donorId: w.net.donor.id,
      lines: [
        line(chilled.id, { category: 'dairy', kg: 4, date: '2027-03-26' }), // A: use-by Friday
        line(chilled.id, { category: 'meat', kg: 3, date: '2027-03-24' }), // B: use-by Wednesday, never frozen
        line(ambient.id, { category: 'dry_goods', kg: 20, temperatureClass: 'ambient', dateKind: 'best_before', date: '2027-04-02' }), // C
        line(ambient.id, { category: 'fruit_veg', kg: 50, temperatureClass: 'ambient', dateKind: 'none', date: null }), // D
        line(frozen.id, { category: 'meat', kg: 2, temperatureClass: 'frozen', date: '2027-03-24', frozenOn: '2027-03-23' }), // F: received frozen
        line(chilled.id, { category: 'smoked_fish', kg: 3, date: '2027-03-24' }), // G: cold-smoked, frozen in time
        line(ambient.id, { category: 'dry_goods', kg: 5, temperatureClass: 'ambient', dateKind: 'best_before', date: '2027-03-24' }), // H
        line(ambient.id, { category: 'bread', kg: 9, temperatureClass: 'ambient', dateKind: 'best_before', date: '2027-04-05' }), // bread, also food
      ],
    });
    ['A', 'B', 'C', 'D', 'F', 'G', 'H', 'bread'].forEach((k, i) => (lotIds[k] = intake.lots[i].id));
    await w.ok(`/lots/${lotIds.G}/freeze`, { storageUnitId: frozen.id });
    w.clock.set('2027-03-25T09:00:00+02:00');
  });
  afterAll(() => w?.ctx.close());

  const pack = (body: object, headers: Record<string, string> = {}) => w.post('/packing-runs', { depotId: w.net.depot.id, ...body }, headers);
  const available = async (bagType: string) => (await w.get(`/bags/available?depotId=${w.net.depot.id}&bagType=${bagType}`)).body.available;

  it('picks by FEFO: use-by first, then best-before, skipping what may not be packed', async () => {
    const res = await pack({ bagType: 'food', bagCount: 2 });
    expect(res.status).toBe(201);
    // A (use-by 26th); B is past its use-by, H is past best-before without a check; then C.
    // F and G are frozen: a food bag is chilled unless the run says otherwise.
    // The picking list says what finds each lot on its shelf: its code as the stock screen shows it, product, unit and date.
    expect(res.body.lots).toEqual([
      { lotId: lotIds.A, code: lotCode(lotIds.A), kg: 4, category: 'dairy', dateKind: 'use_by', date: '2027-03-26', frozenOnKnown: true, storageUnitId: w.net.units.chilled.id, storageUnitName: 'Cold room' },
      { lotId: lotIds.C, code: lotCode(lotIds.C), kg: 6, category: 'dry_goods', dateKind: 'best_before', date: '2027-04-02', frozenOnKnown: true, storageUnitId: w.net.units.ambient.id, storageUnitName: 'Dry store' },
    ]);
    expect((await w.get(`/packing-runs/${res.body.id}`)).body.lots).toEqual(res.body.lots);
    expect(res.body).toMatchObject({ bagType: 'food', temperatureClass: 'chilled', bagCount: 2, requestedBags: 2, totalKg: 10 });
    const content = (lotId: string, kg: number, date: string, dateKind: string, category: string) =>
      ({ lotId, lotCode: lotCode(lotId), kg, date, dateKind, category, allergens: null, frozenOnKnown: true });
    expect(res.body.bags).toMatchObject([0, 1].map(() => ({
      id: expect.any(String), weightKg: 5, earliestUseBy: '2027-03-26', temperatureClass: 'chilled',
      contents: expect.arrayContaining([content(lotIds.A, 2, '2027-03-26', 'use_by', 'dairy'), content(lotIds.C, 3, '2027-04-02', 'best_before', 'dry_goods')]),
    })));
    expect(res.body.bags.map((b: { contents: unknown[] }) => b.contents.length)).toEqual([2, 2]);
    const a = await w.get(`/lots/${lotIds.A}`);
    expect(a.body).toMatchObject({ stockKg: 0, status: 'depleted' });
    expect(a.body.events.at(-1)).toMatchObject({ source: 'ledger', kind: 'pack', kg: -4, packingRunId: res.body.id });
    expect((await w.get(`/packing-runs/${res.body.id}`)).body).toMatchObject({ id: res.body.id, totalKg: 10, bagCount: 2 });

    const { database } = w.ctx.deps;
    const [rows] = await database.rows<{ runs: string; events: string; in_stock: string }>(database.db, sql`
      select (select count(*) from packing_run_lots where packing_run_id = ${res.body.id}) as runs,
             (select count(*) from bag_events e join bags b on b.id = e.bag_id where b.packing_run_id = ${res.body.id} and e.to_status = 'in_stock') as events,
             (select count(*) from bags where packing_run_id = ${res.body.id} and status = 'in_stock') as in_stock`);
    expect(rows).toEqual({ runs: '2', events: '2', in_stock: '2' });
  });

  it('packs frozen bags only from frozen lots: frozen in time counts', async () => {
    // F: use-by the 24th, received frozen. G: cold-smoked fish past its use-by, frozen or not.
    const res = await pack({ bagType: 'food', temperatureClass: 'frozen', bagCount: 1, targetKg: 2 });
    expect(res.status).toBe(201);
    expect(res.body.lots).toMatchObject([{ lotId: lotIds.F, kg: 2, frozenOn: '2027-03-23', storageUnitName: 'Freezer' }]);
    expect(res.body.bags[0]).toMatchObject({ temperatureClass: 'frozen', contents: [{ lotId: lotIds.F, frozenOn: '2027-03-23' }] });
    const more = await pack({ bagType: 'food', temperatureClass: 'frozen', bagCount: 1 });
    expect(more.status).toBe(409);
    // Why the rest cannot go into a food bag: H past best-before unchecked, G, B past use-by.
    expect(more.body).toMatchObject({
      code: 'insufficient_stock', available: 0,
      unusable: [{ reason: 'best_before_unchecked', kg: 5 }, { reason: 'smoked_fish_past_use_by', kg: 3 }, { reason: 'use_by_past', kg: 3 }],
    });
    expect(more.body.availableByClass).toEqual([
      { temperatureClass: 'ambient', bags: 14, kg: 73 }, { temperatureClass: 'chilled', bags: 14, kg: 73 }, { temperatureClass: 'frozen', bags: 0, kg: 0 },
    ]);
  });

  it('packs a lot past best-before only after a passed check recorded on or after that date', async () => {
    await w.ok(`/lots/${lotIds.H}/checks`, { passed: true });
    const res = await pack({ bagType: 'food', bagCount: 1 });
    expect(res.status).toBe(201);
    expect(res.body.lots).toMatchObject([{ lotId: lotIds.H, kg: 5 }]);
    expect(res.body.bags[0].earliestUseBy).toBeUndefined();
  });

  it('refuses named lots the rules forbid, another depot\'s lot, and more than a lot holds', async () => {
    const pastUseBy = await pack({ bagType: 'food', bagCount: 1, lots: [{ lotId: lotIds.B, kg: 3 }] });
    expect(pastUseBy.status).toBe(422);
    expect(pastUseBy.body).toMatchObject({ rule: 'use_by_past', lotId: lotIds.B });
    const smoked = await pack({ bagType: 'food', temperatureClass: 'frozen', bagCount: 1, lots: [{ lotId: lotIds.G, kg: 3 }] });
    expect(smoked.body).toMatchObject({ rule: 'smoked_fish_past_use_by' });
    const warm = await pack({ bagType: 'food', bagCount: 1, lots: [{ lotId: lotIds.G, kg: 3 }] });
    expect(warm.body).toMatchObject({ rule: 'wrong_temperature_class' });
    const bread = await pack({ bagType: 'hygiene', bagCount: 1, lots: [{ lotId: lotIds.bread, kg: 1 }] });
    expect(bread.body).toMatchObject({ rule: 'wrong_category' });
    const tooMuch = await pack({ bagType: 'bread', bagCount: 2, lots: [{ lotId: lotIds.bread, kg: 9.5 }] });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body).toMatchObject({ rule: 'exceeds_stock', availableKg: 9 });

    const other = await addDepot(w.ctx, w.net.auth, 'Juva depot');
    const theirs = await w.ok('/intakes', {
      donorId: other.donor.id, lines: [line(other.units.ambient.id, { category: 'bread', kg: 10, temperatureClass: 'ambient', dateKind: 'none', date: null })],
    });
    const before = await ledgerFacts(w.ctx, other.depot.id);
    const foreign = await pack({ bagType: 'bread', bagCount: 1, lots: [{ lotId: theirs.lots[0].id, kg: 2 }] });
    expect(foreign.status).toBe(422);
    expect(foreign.body).toMatchObject({ rule: 'other_depot', errors: [{ path: 'body.lots.0.lotId', message: expect.any(String) }] });
    expect(await ledgerFacts(w.ctx, other.depot.id)).toEqual(before);
    // FEFO never reaches into another depot either: this depot has 9 kg of bread, not 19.
    const fefo = await pack({ bagType: 'bread', bagCount: 5 });
    expect(fefo.status).toBe(409);
    expect(fefo.body).toMatchObject({ code: 'insufficient_stock', available: 4 });
  });

  it('packs named lots as given, spread evenly over the bags', async () => {
    const res = await pack({ bagType: 'bread', bagCount: 4, lots: [{ lotId: lotIds.bread, kg: 9 }] });
    expect(res.status).toBe(201);
    expect(res.body.bags.map((b: { weightKg: number }) => b.weightKg)).toEqual([2.25, 2.25, 2.25, 2.25]);
    expect(res.body.bags[0].earliestUseBy).toBeUndefined();
  });

  it('answers 409 with what is available when stock is short, and packs what it can only when asked', async () => {
    const before = await ledgerFacts(w.ctx, w.net.depot.id);
    const short = await pack({ bagType: 'food', bagCount: 100 });
    expect(short.status).toBe(409);
    // C has 14 kg left, D 50 kg (the bread went into bread bags): 64 kg usable, 12 full bags of 5 kg.
    expect(short.body).toMatchObject({ code: 'insufficient_stock', requestedBags: 100, available: 12, availableKg: 64 });
    expect(await ledgerFacts(w.ctx, w.net.depot.id)).toEqual(before);
    const partial = await pack({ bagType: 'food', bagCount: 100, allowPartial: true });
    expect(partial.status).toBe(201);
    expect(partial.body).toMatchObject({ requestedBags: 100, bagCount: 12, totalKg: 60 });
    expect(partial.body.bags.every((b: { weightKg: number }) => b.weightKg === 5)).toBe(true);
    // Why only 12: the same figures a refusal gives, so the packer is told by class.
    expect(partial.body.shortage).toMatchObject({ available: 12, availableKg: 64, availableByClass: short.body.availableByClass });
  });

  it('counts bags free to reserve for every role, leaving out bags past their earliest use-by', async () => {
    const lead = await w.ctx.userToken('point_lead', { pointId: w.net.point.id });
    const res = await w.ctx.http().get(`/bags/available?depotId=${w.net.depot.id}&bagType=food`).set(bearer(lead.token));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      depotId: w.net.depot.id, bagType: 'food', date: '2027-03-25', available: 16,
      byClass: [{ temperatureClass: 'ambient', available: 0 }, { temperatureClass: 'chilled', available: 15 }, { temperatureClass: 'frozen', available: 1 }],
    });
    expect(await available('bread')).toBe(4);
    expect((await w.get(`/bags/available?depotId=${w.net.depot.id}&bagType=food&temperatureClass=frozen`)).body)
      .toMatchObject({ temperatureClass: 'frozen', available: 1 });
    // Asked for the 27th (a delivery day), the two bags with dairy (use-by the 26th) do not count.
    expect((await w.get(`/bags/available?depotId=${w.net.depot.id}&bagType=food&date=2027-03-27`)).body).toMatchObject({ date: '2027-03-27', available: 14 });
    w.clock.set('2027-03-27T09:00:00+02:00'); // nor from that day on
    expect(await available('food')).toBe(14);
    expect((await w.get(`/bags/available?depotId=${w.net.depot.id}&bagType=toys`)).status).toBe(400);
  });

  it('prints the picking list a volunteer finds the lots by: the code the stock screen shows, product, unit, date and kilos', async () => {
    const intake = await w.ok('/intakes', {
      donorId: w.net.donor.id, lines: [line(w.net.units.chilled.id, { category: 'dairy', kg: 6, date: '2027-03-28', product: 'Kevytmaito 1 l', batch: 'L2407' })],
    });
    const lotId = intake.lots[0].id as string;
    const code = lotCode(lotId);
    expect(intake.lots[0].code).toBe(code);
    expect((await w.get(`/lots/${lotId}`)).body.code).toBe(code);
    const soon = (await w.get(`/stock?depotId=${w.net.depot.id}`)).body.expiringSoon.find((l: { id: string }) => l.id === lotId);
    expect(soon).toMatchObject({ code, product: 'Kevytmaito 1 l', storageUnitId: w.net.units.chilled.id, date: '2027-03-28' });

    const run = (await pack({ bagType: 'food', bagCount: 2, lots: [{ lotId, kg: 4 }] })).body;
    expect(run.lots).toEqual([expect.objectContaining({ code, product: 'Kevytmaito 1 l', storageUnitName: 'Cold room', date: '2027-03-28', kg: 4, batch: 'L2407' })]);
    expect(run.bags[0].contents).toEqual([expect.objectContaining({ lotId, lotCode: code, kg: 2 })]);
    const page = await w.get(`/packing-runs/${run.id}/labels`);
    expect(page.status).toBe(200);
    const shelves = page.text.slice(page.text.indexOf('<table class="shelves'), page.text.indexOf('<table class="bags'));
    expect(shelves).toContain(`<tr><td data-th="Erä"><span class="code">${code}</span></td><td data-th="Tuote">Kevytmaito 1 l (maitotuotteet)</td><td data-th="Säilytystila">Cold room</td>`
      + '<td data-th="Päiväys">viimeinen käyttöpäivä 28.03.2027</td><td data-th="Valmistuserä">L2407</td><td class="kg" data-th="kg">4</td></tr>');
    const bags = page.text.slice(page.text.indexOf('<table class="bags'));
    expect(bags.match(new RegExp(`<span class="code">${code}</span>`, 'g'))).toHaveLength(2);
    expect(page.text).not.toContain(`<td>${lotId}</td>`);
  });

  it('keeps the ledger and the bags in balance to the gram', async () => {
    const f = await ledgerFacts(w.ctx, w.net.depot.id);
    expect(f.intake - f.packed - f.discarded + f.adjusted).toBe(f.stock);
    expect(f.ledger_sum).toBe(f.stock);
    expect(f.bag_grams).toBe(f.packed);
    expect(f.drifting_lots).toBe(0);
  });
});

describe('concurrent discards and packing', () => {
  let w: W;
  beforeAll(async () => {
    w = await startWarehouse('2027-03-23T08:00:00+02:00');
  });
  afterAll(() => w?.ctx.close());

  it('never takes more than a lot holds: 30 parallel requests on 30 kg', async () => {
    const { depot, donor, units } = await addDepot(w.ctx, w.net.auth, 'Race depot');
    const intake = await w.ok('/intakes', {
      donorId: donor.id, lines: [line(units.ambient.id, { category: 'bread', kg: 30, temperatureClass: 'ambient', dateKind: 'best_before', date: '2027-03-30' })],
    });
    const lotId = intake.lots[0].id;
    const requests = Array.from({ length: 30 }, (_, i) => {
      if (i % 3 === 0) return w.post(`/lots/${lotId}/discards`, { kg: 1.5, reason: 'spoiled' });
      if (i % 3 === 1) return w.post('/packing-runs', { depotId: depot.id, bagType: 'bread', bagCount: 1 });
      return w.post('/packing-runs', { depotId: depot.id, bagType: 'bread', bagCount: 1, lots: [{ lotId, kg: 1.5 }] });
    });
    const results = await Promise.all(requests);
    expect(results.filter((r) => r.status !== 201 && r.status !== 409).map((r) => r.body)).toEqual([]);
    const taken = results.reduce((sum, r, i) => (r.status !== 201 ? sum : sum + (i % 3 === 1 ? 2000 : 1500)), 0);
    expect(taken).toBeLessThanOrEqual(30_000);
    expect(taken).toBeGreaterThan(25_000); // the refused ones were refused because the stock ran out
    const f = await ledgerFacts(w.ctx, depot.id);
    expect(f.stock).toBe(30_000 - taken);
    expect(f.negative_lots).toBe(0);
    expect(f.drifting_lots).toBe(0);
    expect(f.bag_grams).toBe(f.packed);
  });
});
