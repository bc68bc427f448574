import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../../helpers/app.ts';
import { eventually } from '../../helpers/eventually.ts';
import { loadRoute, post } from '../../helpers/fixtures.ts';
import { planAndWait } from '../../helpers/route-plans.ts';
import { ledgerFacts, line, startWarehouse } from '../../helpers/warehouse.ts';

type W = Awaited<ReturnType<typeof startWarehouse>>;

/**
 * The day the food-safety review walked through, replayed end to end over HTTP: dairy frozen
 * the day before its use-by, frozen goods, bread, a freezer excursion, a fish lot at +4 °C in
 * a +5 °C room, a donor-frozen meat line received after its use-by, a refused line, and a
 * chilled route with one unrefrigerated van. Tuesday 23 March 2027; the delivery is a week later.
 */
describe('the reviewed day, end to end', () => {
  let w: W;
  const ids: Record<string, string> = {};
  const DELIVERY_DAY = '2027-03-30';
  const text = (res: { text?: string; body: unknown }) => res.text ?? String(res.body);

  beforeAll(async () => {
    w = await startWarehouse('2027-03-23T07:45:00+02:00');
  });
  afterAll(() => w?.ctx.close());

  it('weighs in the delivery, refusing what must be refused and recording it', async () => {
    const { chilled, frozen, ambient } = w.net.units;
    const res = await w.post('/intakes', {
      donorId: w.net.donor.id,
      lines: [
        line(chilled.id, { category: 'dairy', kg: 6, date: '2027-03-24', product: 'Rahka', allergens: ['milk'] }),
        line(frozen.id, { category: 'frozen', kg: 10, temperatureClass: 'frozen', dateKind: 'best_before', date: '2027-09-01', product: 'Herne' }),
        line(ambient.id, { category: 'bread', kg: 4, temperatureClass: 'ambient', dateKind: 'best_before', date: '2027-03-25', allergens: ['gluten'] }),
        line(chilled.id, { category: 'fish', kg: 5, date: '2027-03-26', receiptCelsius: 2, product: 'Lohifilee', allergens: ['fish'], batch: 'L42' }),
        line(frozen.id, { category: 'meat', kg: 6, temperatureClass: 'frozen', date: '2027-03-22', frozenOn: '2027-03-22', product: 'Jauhelihapihvi' }),
        line(chilled.id, { category: 'dairy', kg: 10, date: '2027-04-02', product: 'Maito', allergens: ['milk'] }),
      ],
      refusals: [{ category: 'ready_meals', kg: 3.5, reason: 'too_warm', note: 'measured +11 °C' }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    ['rahka', 'peas', 'bread', 'fish', 'meat', 'milk'].forEach((k, i) => (ids[k] = res.body.lots[i].id));
    expect(res.body).toMatchObject({ totalKg: 41, kgRefused: 3.5, refusals: [{ category: 'ready_meals', kg: 3.5, reason: 'too_warm' }] });
    // The intake shows what was turned away with it, read back like any intake.
    const readBack = await w.get(`/intakes/${res.body.id}`);
    expect(readBack.body).toMatchObject({ kgRefused: 3.5, refusals: [{ id: res.body.refusals[0].id, category: 'ready_meals', kg: 3.5, reason: 'too_warm', note: 'measured +11 °C' }] });
    const listed = await w.get(`/intakes?donorId=${w.net.donor.id}`);
    expect(listed.body.items.find((i: { id: string }) => i.id === res.body.id)).toMatchObject({ kgRefused: 3.5, refusals: [{ reason: 'too_warm' }] });
    expect(res.body.lots[4]).toMatchObject({ status: 'in_stock', frozenOn: '2027-03-22' });
    const { database } = w.ctx.deps;
    const [refused] = await database.rows<{ n: string }>(database.db, sql`select count(*) as n from lots where category = 'ready_meals'`);
    expect(refused.n).toBe('0');
  });

  it('freezes the dairy the day before its use-by', async () => {
    w.clock.set('2027-03-23T09:00:00+02:00');
    expect(await w.ok(`/lots/${ids.rahka}/freeze`, { storageUnitId: w.net.units.frozen.id })).toMatchObject({ temperatureClass: 'frozen', frozenOn: '2027-03-23' });
  });

  it('holds only the fish when the cold room reads +5 °C; the fish is discarded and the alert closed with that action once the room is back in range', async () => {
    w.clock.set('2027-03-23T10:00:00+02:00');
    expect((await w.ok(`/storage-units/${w.net.units.chilled.id}/temperature-readings`, { celsius: 5 }))).toMatchObject({ excursion: true, heldLots: 1 });
    expect((await w.get(`/lots/${ids.fish}`)).body.status).toBe('on_hold');
    expect((await w.get(`/lots/${ids.milk}`)).body.status).toBe('in_stock');
    await w.ok(`/lots/${ids.fish}/discards`, { kg: 5, reason: 'temperature', note: '+5 °C room, fish limit +3 °C' });
    await w.ok(`/storage-units/${w.net.units.chilled.id}/temperature-readings`, { celsius: 3 });
    const [alert] = (await w.get(`/alerts?depotId=${w.net.depot.id}`)).body.items.filter((x: { kind: string }) => x.kind === 'excursion');
    expect((await w.post(`/alerts/${alert.id}/resolve`, { action: 'discarded', note: 'fish discarded' })).status).toBe(200);
  });

  it('holds the freezer on an excursion: the meat past its use-by is discarded, never released', async () => {
    w.clock.set('2027-03-23T11:00:00+02:00');
    expect(await w.ok(`/storage-units/${w.net.units.frozen.id}/temperature-readings`, { celsius: -12 })).toMatchObject({ excursion: true, heldLots: 3 });
    const refused = await w.post(`/lots/${ids.meat}/release`, { note: 'still hard' });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('frozen_past_use_by_after_excursion');
    await w.ok(`/lots/${ids.meat}/discards`, { kg: 6, reason: 'temperature' });
    expect((await w.post(`/lots/${ids.peas}/release`, { note: 'door ajar 20 min, core −19 °C' })).body.code).toBe('unit_still_out_of_range');
    await w.ok(`/storage-units/${w.net.units.frozen.id}/temperature-readings`, { celsius: -21 });
    await w.ok(`/lots/${ids.peas}/release`, { note: 'door ajar 20 min, core −19 °C' });
    await w.ok(`/lots/${ids.rahka}/release`, { note: 'door ajar 20 min, core −19 °C' });
    const open = (await w.get(`/alerts?depotId=${w.net.depot.id}`)).body.items.filter((a: { kind: string }) => a.kind === 'excursion');
    expect(open).toHaveLength(1);
    expect((await w.post(`/alerts/${open[0].id}/resolve`, { action: 'repaired', note: 'door closed, −21 °C' })).status).toBe(200);
    expect((await w.get(`/alerts?depotId=${w.net.depot.id}`)).body.items.filter((a: { kind: string }) => a.kind === 'excursion')).toEqual([]);
  });

  it('packs frozen, chilled and bread bags without mixing classes, and labels them', async () => {
    w.clock.set('2027-03-23T13:00:00+02:00');
    const frozenRun = await w.ok('/packing-runs', { depotId: w.net.depot.id, bagType: 'food', temperatureClass: 'frozen', bagCount: 2, targetKg: 8 });
    const chilledRun = await w.ok('/packing-runs', { depotId: w.net.depot.id, bagType: 'food', bagCount: 2 });
    const breadRun = await w.ok('/packing-runs', { depotId: w.net.depot.id, bagType: 'bread', bagCount: 2 });
    ids.frozenRun = frozenRun.id;
    ids.chilledBag = chilledRun.bags[0].id;
    expect([frozenRun.temperatureClass, chilledRun.temperatureClass, breadRun.temperatureClass]).toEqual(['frozen', 'chilled', 'ambient']);
    const { database } = w.ctx.deps;
    const mixed = await database.rows(database.db, sql`
      select b.id from bags b join bag_contents c on c.bag_id = b.id join lots l on l.id = c.lot_id
      where (b.temperature_class = 'frozen') <> (l.temperature_class = 'frozen')
         or (b.temperature_class = 'ambient' and l.temperature_class <> 'ambient')`);
    expect(mixed).toEqual([]);

    const labels = await w.ctx.http().get(`/packing-runs/${frozenRun.id}/labels`).set(w.wh);
    expect(labels.status).toBe(200);
    expect(labels.headers['content-type']).toContain('text/html');
    expect(text(labels)).toContain('Pakastettu 23.03.2027 – ei saa pakastaa uudelleen');
    expect(text(labels)).toContain('Säilytä pakastettuna −18 °C tai kylmempänä');
    expect(text(labels)).toContain('<strong>maito</strong>');
    expect(text(labels)).toContain('Keräilylista');
    const label = await w.ctx.http().get(`/bags/${ids.chilledBag}/label`).set(w.wh);
    expect(text(label)).toContain('Viimeinen käyttöpäivä 02.04.2027');
    expect(text(label)).toContain('<strong>maito</strong>');
    expect(text(label)).toContain('Säilytä kylmässä, enintään +6 °C');
    expect(text(label)).toContain('Kassi-ruoka-apuverkosto');
  });

  it('routes the chilled and frozen delivery in the refrigerated van, not the ordinary one', async () => {
    const auth = w.net.auth;
    const far = await post(w.ctx, auth, '/sites', { kind: 'point', name: 'Far point', municipality: 'Helsinki', lat: 60.17, lon: 24.94, depotId: w.net.depot.id });
    await post(w.ctx, auth, `/sites/${far.id}/distribution-days`, { weekday: 'tue', start: '12:00', end: '14:00' });
    const ordinary = await post(w.ctx, auth, '/vehicles', { depotId: w.net.depot.id, name: 'Ordinary van', refrigerated: false, capacityKg: 800, capacityBags: 100, shiftStart: '06:00', shiftEnd: '20:00' });
    const cold = await post(w.ctx, auth, '/vehicles', { depotId: w.net.depot.id, name: 'Cold van', refrigerated: true, capacityKg: 800, capacityBags: 100, shiftStart: '06:00', shiftEnd: '20:00' });
    const lead = bearer((await w.ctx.userToken('point_lead', { pointId: far.id })).token);
    const reserve = (body: object) => w.ctx.http().post('/reservations').set(lead).send({ pointId: far.id, date: DELIVERY_DAY, bagType: 'food', ...body });
    const frozenRes = await reserve({ temperatureClass: 'frozen', bags: 2 });
    expect(frozenRes.status, JSON.stringify(frozenRes.body)).toBe(201);
    expect((await reserve({ temperatureClass: 'chilled', bags: 2 })).status).toBe(201);
    ids.frozenReservation = frozenRes.body.id;

    const plan = await planAndWait(w.ctx, auth, w.net.depot.id, DELIVERY_DAY);
    expect(plan.status).toBe('done');
    expect(plan.unassigned).toEqual([]);
    const delivery = plan.routes.flatMap((r: { vehicleId: string; stops: { siteId: string }[] }) => r.stops.map((s) => ({ ...s, vehicleId: r.vehicleId })))
      .find((s: { siteId: string }) => s.siteId === far.id);
    expect(delivery).toMatchObject({ kind: 'delivery', bags: 4, temperatureClass: 'frozen', vehicleId: cold.id });
    expect(delivery.vehicleId).not.toBe(ordinary.id);

    const driver = await w.ctx.userToken('driver');
    const route = plan.routes.find((r: { vehicleId: string }) => r.vehicleId === cold.id);
    await post(w.ctx, auth, `/route-plans/${plan.id}/publish`, { assignments: [{ routeId: route.id, driverId: driver.id }] }, 200);
    ids.routeId = route.id;
    ids.stopId = delivery.id;
    ids.driverEmail = driver.email;
    ids.driverPassword = driver.password;
  });

  it('discards the cold bag that comes back without coldChainKept, and the mass balance is exact', async () => {
    w.clock.set(`${DELIVERY_DAY}T11:00:00+03:00`);
    // A week later: the driver signs in on the day (tokens from the 23rd have expired).
    const login = await w.ctx.http().post('/auth/login').send({ email: ids.driverEmail, password: ids.driverPassword });
    ids.driver = login.body.token;
    const sheet = await w.ctx.http().get(`/routes/${ids.routeId}/sheet`).set(bearer(ids.driver));
    expect(text(sheet)).toContain('pakaste');
    // "Lastattu, lähden" at 10.15: every bag is within its date, so all four go on board.
    expect(await loadRoute(w.ctx, bearer(ids.driver), ids.routeId, { loadedAt: `${DELIVERY_DAY}T10:15:00+03:00` })).toMatchObject({ bagsLoaded: 4, leftBehind: { expired: 0 } });
    const done = await w.ctx.http().post(`/routes/${ids.routeId}/stops/${ids.stopId}/complete`).set(bearer(ids.driver)).send({ bagsDelivered: 3 });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ bagsDelivered: 3, bagsReturnedToStock: 0, bagsDiscarded: 1 });
    const { database } = w.ctx.deps;
    const back = await database.rows<{ reason: string; cls: string }>(database.db, sql`
      select e.reason, b.temperature_class as cls from bag_events e join bags b on b.id = e.bag_id where e.to_status = 'discarded'`);
    // Which reservation of the stop comes up short depends on their ids; either way the bag was cold.
    expect(back).toEqual([{ reason: 'temperature', cls: expect.stringMatching(/^(chilled|frozen)$/) }]);

    // Mass balance to the gram: intake = packed + discarded − adjustments + stock; the refused 3.5 kg never entered it.
    const f = await ledgerFacts(w.ctx, w.net.depot.id);
    expect(f.intake).toBe(41_000);
    expect(f.intake - f.packed - f.discarded + f.adjusted).toBe(f.stock);
    expect(f.ledger_sum).toBe(f.stock);
    expect(f.bag_grams).toBe(f.packed);
    expect(f.drifting_lots).toBe(0);
    expect(f.discarded).toBe(11_000); // the fish (5 kg) and the meat (6 kg)

    const coordinator = await w.ctx.http().post('/auth/login').send({ email: w.net.coordinator.email, password: w.net.coordinator.password });
    const auth = bearer(coordinator.body.token);
    // The summary agrees with the ledger (its tallies are recounted by jobs) and reports the refused kilos beside it.
    const summary = await eventually(async () => {
      const res = await w.ctx.http().get(`/reports/summary?from=2027-03-23&to=${DELIVERY_DAY}&depotId=${w.net.depot.id}`).set(auth);
      return res.status === 200 && res.body.kgIn === 41 && res.body.bagsDelivered === 3 ? res.body : undefined;
    });
    expect(summary).toMatchObject({ kgRefused: 3.5, kgDiscarded: 11, massBalanceDifferenceKg: 0 });
    // The tallies carry the refused kilos on the donor's row, by reason, and on the category's.
    const tallies = async (by: string) =>
      (await w.ctx.http().get(`/reports/tallies?from=2027-03-01&to=2027-03-31&by=${by}&depotId=${w.net.depot.id}`).set(auth)).body.items;
    expect(await tallies('donor')).toEqual([expect.objectContaining({
      key: w.net.donor.id, kgIn: 41, kgRefused: 3.5, kgRefusedByReason: { use_by_past: 0, too_warm: 3.5, damaged: 0, spoiled: 0, other: 0 },
    })]);
    expect((await tallies('category')).find((i: { key: string }) => i.key === 'ready_meals')).toMatchObject({ kgIn: 0, kgRefused: 3.5 });
    const recall = await w.ctx.http().get('/recalls?batch=L42').set(auth);
    expect(recall.status).toBe(200);
    expect(recall.body.lots.map((l: { lotId: string }) => l.lotId)).toEqual([ids.fish]);
    const byProduct = await w.ctx.http().get('/recalls?product=maito').set(auth);
    expect(byProduct.body.lots.map((l: { lotId: string }) => l.lotId)).toEqual([ids.milk]);
    expect(byProduct.body.bags.length).toBeGreaterThan(0);
  });
});
