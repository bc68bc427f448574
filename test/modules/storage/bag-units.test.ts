import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../../helpers/app.ts';
import { post as postOk } from '../../helpers/fixtures.ts';
import { ledgerFacts, line, startWarehouse } from '../../helpers/warehouse.ts';

type W = Awaited<ReturnType<typeof startWarehouse>>;
const TUESDAY = '2027-03-30';

/**
 * Bags live in storage units: an excursion holds them as it holds lots, nothing is released
 * until the unit reads back in range (or the food moved to a unit in range), and the alert
 * closes only with a corrective action, listed afterwards with who closed it and when.
 */
describe.each(['postgres', 'embedded'] as const)('bags in storage units, holds and corrective actions (%s)', (mode) => {
  let w: W;
  let lead: Record<string, string>;
  const lots: Record<string, string> = {};
  const bags: Record<string, string> = {};
  let reservationId: string;
  let alertId: string;
  let room2: { id: string };
  const reading = (unitId: string, celsius: number) => w.post(`/storage-units/${unitId}/temperature-readings`, { celsius });
  const fi = { 'accept-language': 'fi' };
  const bag = async (id: string) => (await w.get(`/bags?depotId=${w.net.depot.id}&limit=100`)).body.items.find((b: { id: string }) => b.id === id);
  const excursions = async () => (await w.get(`/alerts?depotId=${w.net.depot.id}`)).body.items.filter((a: { kind: string }) => a.kind === 'excursion');

  beforeAll(async () => {
    w = await startWarehouse('2027-03-23T08:00:00+02:00', undefined, mode);
    lead = bearer((await w.ctx.userToken('point_lead', { pointId: w.net.point.id })).token);
    const intake = await w.ok('/intakes', {
      donorId: w.net.donor.id,
      lines: [
        line(w.net.units.chilled.id, { category: 'dairy', kg: 20, date: '2027-04-10' }),
        // Gravad salmon: kept at +3 °C like fresh fish, and ready to eat, so it may share a bag with dairy.
        line(w.net.units.chilled.id, { category: 'smoked_fish', kg: 4, date: '2027-03-26' }),
      ],
    });
    [lots.dairy, lots.fish] = intake.lots.map((l: { id: string }) => l.id);
  });
  afterAll(() => w?.ctx.close());

  it("puts a run's bags in the depot's first unit of their class, or the unit named", async () => {
    const dairyRun = await w.ok('/packing-runs', { depotId: w.net.depot.id, bagType: 'food', bagCount: 2, lots: [{ lotId: lots.dairy, kg: 10 }] });
    expect(dairyRun.storageUnitId).toBe(w.net.units.chilled.id);
    expect(dairyRun.bags.map((b: { storageUnitId: string }) => b.storageUnitId)).toEqual([w.net.units.chilled.id, w.net.units.chilled.id]);
    [bags.dairyA, bags.dairyB] = dairyRun.bags.map((b: { id: string }) => b.id);
    const fishRun = await w.ok('/packing-runs', {
      depotId: w.net.depot.id, bagType: 'food', bagCount: 1, storageUnitId: w.net.units.chilled.id, lots: [{ lotId: lots.fish, kg: 2 }, { lotId: lots.dairy, kg: 3 }],
    });
    bags.fish = fishRun.bags[0].id;
    const wrong = await w.post('/packing-runs', { depotId: w.net.depot.id, bagType: 'food', bagCount: 1, storageUnitId: w.net.units.frozen.id, lots: [{ lotId: lots.dairy, kg: 5 }] }, fi);
    expect(wrong.status).toBe(422);
    expect(wrong.body).toMatchObject({ code: 'unit_class_mismatch', errors: [{ path: 'body.storageUnitId', message: 'kylmäkassi ei mene pakastetilaan' }] });
    const reserved = await w.ctx.http().post('/reservations').set(lead).send({ pointId: w.net.point.id, date: TUESDAY, bagType: 'food', bags: 1 });
    expect(reserved.status).toBe(201);
    reservationId = reserved.body.id;
  });

  it('holds the fish bag at +5 °C and every chilled bag at +8.5 °C, reserved ones too, and says what it held', async () => {
    w.clock.set('2027-03-23T09:00:00+02:00');
    const five = await reading(w.net.units.chilled.id, 5);
    expect(five.body).toMatchObject({ excursion: true, heldLots: 1, heldBags: 1, excursionReason: 'lot_limit', late: false });
    alertId = five.body.alertId;
    expect((await bag(bags.fish)).status).toBe('held');
    w.clock.set('2027-03-23T10:00:00+02:00');
    const warm = await reading(w.net.units.chilled.id, 8.5);
    expect(warm.body).toMatchObject({ excursion: true, alertId, heldLots: 2, heldBags: 2, limitC: 6, excursionReason: 'unit_limit' });
    const mine = (await w.ctx.http().get(`/reservations/${reservationId}`).set(lead)).body;
    expect(mine).toMatchObject({ bags: 1, heldBags: 1, recalledBags: 0 });
    const available = (await w.ctx.http().get(`/bags/available?depotId=${w.net.depot.id}&bagType=food&date=${TUESDAY}`).set(lead)).body;
    expect(available.available).toBe(0);
    const [alert] = (await w.ctx.http().get(`/alerts?depotId=${w.net.depot.id}`).set(w.wh).set(fi)).body.items;
    expect(alert.detail).toBe('Cold room: mitattu 5 °C; lämpötila ylittää osan erien oman rajan (kala +3 °C, jauheliha +4 °C). Pidätetty tarkastusta varten: 2 erää ja 3 kassia.');
    expect(alert.heldBags.map((b: { id: string }) => b.id).sort()).toEqual([bags.dairyA, bags.dairyB, bags.fish].sort());
  });

  it('releases nothing while the room reads +8.5 °C, and no alert closes without a corrective action', async () => {
    const lot = await w.post(`/lots/${lots.dairy}/release`, { note: 'looks fine' }, fi);
    expect(lot.status).toBe(422);
    expect(lot.body.code).toBe('unit_still_out_of_range');
    expect(lot.body.detail).toContain('8,5 °C');
    const reservedBag = (await bag(bags.dairyA)).reservationId ? bags.dairyA : bags.dairyB;
    bags.reserved = reservedBag;
    bags.free = reservedBag === bags.dairyA ? bags.dairyB : bags.dairyA;
    expect((await w.post(`/bags/${reservedBag}/release`, { note: 'looks fine' })).body.code).toBe('unit_still_out_of_range');
    const noAction = await w.post(`/alerts/${alertId}/resolve`, { note: 'fixed' }, fi);
    expect(noAction.status).toBe(400);
    expect(noAction.body.errors[0].path).toBe('body.action');
    const stillHolds = await w.post(`/alerts/${alertId}/resolve`, { action: 'repaired', note: 'door closed' }, fi);
    expect(stillHolds.status).toBe(409);
    expect(stillHolds.body).toMatchObject({ code: 'alert_still_holds', lotsStillHeld: 2, bagsStillHeld: 3 });
    expect(stillHolds.body.detail).toBe('Hälytys pitää yhä pidätettynä 2 erää ja 3 kassia: vapauta tai hävitä ne ensin');
    expect(await excursions()).toHaveLength(1);
  });

  it('releases a bag moved to a unit in range back to its reservation; the rest once the room reads in range', async () => {
    room2 = await postOk(w.ctx, w.net.auth, '/storage-units', { depotId: w.net.depot.id, name: 'Cold room 2', temperatureClass: 'chilled', capacityKg: 100 });
    await reading(room2.id, 3);
    const wrongClass = await w.post('/bags/moves', { bagIds: [bags.reserved], storageUnitId: w.net.units.frozen.id }, fi);
    expect(wrongClass.status).toBe(422);
    expect(wrongClass.body.errors).toEqual([{ path: 'body.bagIds.0', message: 'kylmäkassi ei mene pakastetilaan' }]);
    const moved = await w.post('/bags/moves', { bagIds: [bags.reserved], storageUnitId: room2.id });
    expect(moved.status).toBe(200);
    expect(moved.body.items[0]).toMatchObject({ id: bags.reserved, storageUnitId: room2.id, status: 'held' });
    const released = await w.post(`/bags/${bags.reserved}/release`, { note: 'moved to Cold room 2 at 3 °C; bag cold to the touch' });
    expect(released.status).toBe(200);
    expect(released.body).toMatchObject({ status: 'reserved', reservationId });
    expect((await w.ctx.http().get(`/reservations/${reservationId}`).set(lead)).body).toMatchObject({ bags: 1, heldBags: 0 });
    expect((await w.post(`/bags/${bags.free}/release`, { note: 'x' })).status).toBe(422);

    w.clock.set('2027-03-23T11:00:00+02:00');
    expect((await reading(w.net.units.chilled.id, 4)).body).toMatchObject({ excursion: true, heldBags: 0 }); // still too warm for fish
    expect((await w.post(`/lots/${lots.dairy}/release`, { note: 'core 4 °C, door fixed' })).status).toBe(201);
    expect((await w.post(`/bags/${bags.free}/release`, { note: 'door fixed, 4 °C' })).body).toMatchObject({ status: 'in_stock' });
    expect((await w.post(`/lots/${lots.fish}/release`, { note: 'x' })).body.code).toBe('unit_still_out_of_range');
    expect((await w.post(`/bags/${bags.fish}/release`, { note: 'x' })).body.code).toBe('unit_still_out_of_range');
    await w.ok(`/lots/${lots.fish}/discards`, { kg: 2, reason: 'temperature' });
    expect((await w.post(`/bags/${bags.fish}/discard`, { reason: 'temperature' })).body.status).toBe('discarded');
    expect(await excursions()).toHaveLength(1); // a reading in range no longer closes it by itself
  });

  it('closes the alert with its corrective action, lists it as closed with who and when, and refuses a second close', async () => {
    w.clock.set('2027-03-23T11:30:00+02:00');
    const warm = await w.post(`/alerts/${alertId}/resolve`, { action: 'moved', note: 'x' });
    expect([warm.status, warm.body.code]).toEqual([409, 'unit_still_out_of_range']); // its last reading (4 °C) was too warm for the fish then in it
    expect((await reading(w.net.units.chilled.id, 4)).body.excursion).toBe(false);
    const closed = await w.post(`/alerts/${alertId}/resolve`, { action: 'moved', note: 'bags to Cold room 2, compressor repaired' });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ id: alertId, action: 'moved', note: 'bags to Cold room 2, compressor repaired', closedAt: '2027-03-23T09:30:00.000Z' });
    expect(await excursions()).toEqual([]);
    const list = await w.ctx.http().get(`/alerts?depotId=${w.net.depot.id}&status=closed&from=2027-03-23&to=2027-03-23`).set(w.wh).set(fi);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ id: alertId, action: 'moved', resolvedBy: { name: expect.stringContaining('warehouse') }, closedAt: '2027-03-23T09:30:00.000Z' });
    expect((await w.get(`/alerts?status=closed&from=2027-03-24&to=2027-03-24`)).body.items).toEqual([]);
    const again = await w.post(`/alerts/${alertId}/resolve`, { action: 'checked_ok' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('alert_closed');
    // The audit trail has the one close that happened (not the refused ones): who, when, the action and its note.
    const trail = (await w.ctx.http().get('/audit').query({ entity: 'alert', entityId: alertId }).set(w.net.auth)).body.items;
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({
      action: 'resolve', actorRole: 'warehouse', actorName: expect.stringContaining('warehouse'), at: '2027-03-23T09:30:00.000Z', changed: expect.arrayContaining(['action', 'closedAt', 'note']),
      before: { kind: 'excursion', closedAt: null }, after: { kind: 'excursion', action: 'moved', note: 'bags to Cold room 2, compressor repaired', closedAt: '2027-03-23T09:30:00.000Z' },
    });
    const facts = await ledgerFacts(w.ctx, w.net.depot.id);
    expect(facts.intake).toBe(facts.packed + facts.discarded - facts.adjusted + facts.stock);
    expect(facts.drifting_lots).toBe(0);
  });
});

/** The own-check record shows when each reading was typed in, marks late ones, and lists the alerts with their actions. */
describe('own-check records: entered late, alerts and their corrective actions, no silent limit', () => {
  let w: W;
  beforeAll(async () => {
    w = await startWarehouse('2027-03-24T08:00:00+02:00');
  });
  afterAll(() => w?.ctx.close());
  const frozen = () => w.net.units.frozen.id;
  const coordinatorReading = (celsius: number, at: string) =>
    w.ctx.http().post(`/storage-units/${frozen()}/temperature-readings`).set(w.net.auth).send({ celsius, at });

  it('does not let a reading typed in after midnight for yesterday make the day whole, nor close the missed-reading alert', async () => {
    await w.post(`/storage-units/${frozen()}/temperature-readings`, { celsius: -20 }); // on time, the 24th
    w.clock.set('2027-03-26T00:10:00+02:00');
    const late = await coordinatorReading(-21, '2027-03-25T12:00:00+02:00');
    expect(late.body).toMatchObject({ late: true, enteredAt: '2027-03-25T22:10:00.000Z' });
    w.clock.set('2027-03-26T00:20:00+02:00');
    const { createProcessors } = await import('../../../src/jobs/processors/index.ts');
    await createProcessors(w.ctx.deps)['check-readings']({});
    const missed = () => w.get(`/alerts?depotId=${w.net.depot.id}`).then((r) => r.body.items.filter((a: { kind: string; storageUnitId: string }) => a.kind === 'reading_missed' && a.storageUnitId === frozen()));
    expect(await missed()).toHaveLength(1);
    w.clock.set('2027-03-26T09:00:00+02:00');
    await coordinatorReading(-19, '2027-03-25T18:00:00+02:00');
    await w.post(`/storage-units/${frozen()}/temperature-readings`, { celsius: -20 });
    expect(await missed()).toHaveLength(1);
    const noNote = await w.post(`/alerts/${(await missed())[0].id}/resolve`, { action: 'other' }, { 'accept-language': 'fi' });
    expect(noNote.status).toBe(400);
    expect(noNote.body.errors).toEqual([{ path: 'body.note', message: 'huomautus vaaditaan, kun syy on muu' }]);
    expect((await w.post(`/alerts/${(await missed())[0].id}/resolve`, { action: 'checked_ok', note: 'logger showed −20 °C all day' })).status).toBe(200);
    expect(await missed()).toEqual([]);
  });

  it('pages the JSON record and writes every reading and the alerts with their actions into the CSV', async () => {
    const path = `/storage-units/${frozen()}/temperature-readings?from=2027-03-24&to=2027-03-26`;
    const first = (await w.get(`${path}&limit=2`)).body;
    expect(first.items).toHaveLength(2);
    expect(first.items[0]).toMatchObject({ celsius: -20, late: false, enteredAt: '2027-03-24T06:00:00.000Z' });
    expect(first.nextCursor).toEqual(expect.any(String));
    const rest = (await w.get(`${path}&limit=2&cursor=${first.nextCursor}`)).body;
    expect([...first.items, ...rest.items].map((i: { celsius: number; late: boolean }) => [i.celsius, i.late])).toEqual([[-20, false], [-21, true], [-19, true], [-20, false]]);
    expect(rest.nextCursor).toBeUndefined();
    expect(first.alerts).toEqual([expect.objectContaining({ kind: 'reading_missed', action: 'checked_ok', note: 'logger showed −20 °C all day', resolvedBy: expect.any(Object) })]);
    const csv = await w.ctx.http().get(`${path}&locale=fi`).set(w.wh).set('accept', 'text/csv').buffer(true)
      .parse((res, cb) => { let t = ''; res.on('data', (c) => (t += c)); res.on('end', () => cb(null, t)); });
    const lines = (csv.body as string).replace(/^\ufeff/, '').split('\r\n');
    expect(lines[0]).toBe('säilytystila;lämpötilaluokka;aika;lämpötila (°C);poikkeama;varoitus;kirjaaja;kirjattu;kirjattu_jälkikäteen');
    expect(lines.slice(1, 5).map((l) => l.split(';').slice(2).join(';').replace(/;[^;]*;([^;]*;[^;]*)$/, ';·;$1'))).toEqual([
      '2027-03-24 08:00;-20;ei;ei;·;2027-03-24 08:00;ei',
      '2027-03-25 12:00;-21;ei;ei;·;2027-03-26 00:10;kyllä',
      '2027-03-25 18:00;-19;ei;ei;·;2027-03-26 09:00;kyllä',
      '2027-03-26 09:00;-20;ei;ei;·;2027-03-26 09:00;ei',
    ]);
    expect(lines[5]).toBe('');
    expect(lines[6]).toBe('hälytys;avattu;kuvaus;kuitattu;korjaava_toimenpide;lisätieto;kuittaaja');
    expect(lines[7]).toMatch(/^puuttuva kirjaus;2027-03-26 00:20;.*;2027-03-26 09:00;tarkastettu, ruoka kunnossa;logger showed −20 °C all day;/);
  });
});
