import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alerts } from '../../../src/db/schema/index.ts';
import { createProcessors } from '../../../src/jobs/processors/index.ts';
import { post } from '../../helpers/fixtures.ts';
import { line, startWarehouse } from '../../helpers/warehouse.ts';

type W = Awaited<ReturnType<typeof startWarehouse>>;

/** Excursions by category, the freezer's 24-hour rule, releases, own-check records and missed readings. */
describe('own checks: excursions, releases, records and missed readings', () => {
  let w: W;
  const ids: Record<string, string> = {};
  const reading = (unitId: string, celsius: number) => w.post(`/storage-units/${unitId}/temperature-readings`, { celsius });
  const status = async (id: string) => (await w.get(`/lots/${id}`)).body.status;
  const openAlerts = async () => (await w.get(`/alerts?depotId=${w.net.depot.id}`)).body.items.filter((a: { kind: string }) => a.kind === 'excursion');
  /** What the open alerts of a kind say to a reader of this language (Accept-Language). */
  const detailsIn = async (lang: string, kind = 'excursion') => {
    const res = await w.ctx.http().get(`/alerts?depotId=${w.net.depot.id}`).set(w.wh).set('accept-language', lang);
    return res.body.items.filter((a: { kind: string }) => a.kind === kind).map((a: { storageUnitName: string; detail: string }) => `${a.storageUnitName}|${a.detail}`).sort();
  };

  beforeAll(async () => {
    w = await startWarehouse('2027-03-23T08:00:00+02:00');
    const { chilled, frozen, ambient } = w.net.units;
    const intake = await w.ok('/intakes', {
      donorId: w.net.donor.id,
      lines: [
        line(chilled.id, { category: 'fish', kg: 4, date: '2027-03-25', receiptCelsius: 2 }),
        line(chilled.id, { category: 'dairy', kg: 6, date: '2027-03-28' }),
        line(frozen.id, { category: 'meat', kg: 5, temperatureClass: 'frozen', date: '2027-03-22', frozenOn: '2027-03-22' }),
        line(frozen.id, { category: 'frozen', kg: 8, temperatureClass: 'frozen', dateKind: 'best_before', date: '2027-09-01' }),
        line(ambient.id, { category: 'bread', kg: 12.5, temperatureClass: 'ambient', dateKind: 'best_before', date: '2027-03-21' }),
      ],
    });
    ['fish', 'dairy', 'meat', 'peas', 'bread'].forEach((k, i) => (ids[k] = intake.lots[i].id));
  });
  afterAll(() => w?.ctx.close());

  /** Closes the open excursion with a corrective action (a reading in range no longer does). */
  const resolveOpen = async (action = 'checked_ok') => {
    for (const a of await openAlerts()) await w.ctx.http().post(`/alerts/${a.id}/resolve`).set(w.wh).send({ action, note: 'closed in the test' }).expect(200);
  };

  it('holds only the fish when the cold room reads +5 °C, and keeps the alert open until it is closed with a corrective action', async () => {
    const res = await reading(w.net.units.chilled.id, 5);
    expect(res.body).toMatchObject({ excursion: true, heldLots: 1, alertId: expect.any(String) });
    expect([await status(ids.fish), await status(ids.dairy)]).toEqual(['on_hold', 'in_stock']);
    expect(await detailsIn('fi-FI,fi;q=0.9,en;q=0.8')).toEqual([
      'Cold room|Cold room: mitattu 5 °C; lämpötila ylittää osan erien oman rajan (kala +3 °C, jauheliha +4 °C). Pidätetty tarkastusta varten: 1 erä.',
    ]);
    expect(await detailsIn('en')).toEqual([
      'Cold room|Cold room measured 5 °C; above the limit of some of its lots (fish +3 °C, minced meat +4 °C). 1 lot held for review.',
    ]);
    expect((await w.post(`/lots/${ids.fish}/release`, {})).status).toBe(400);
    await w.ok(`/lots/${ids.fish}/discards`, { kg: 4, reason: 'temperature' });
    expect(await openAlerts()).toHaveLength(1); // the latest reading is still out of range for what was there
    expect((await reading(w.net.units.chilled.id, 5)).body).toMatchObject({ excursion: false, heldLots: 0 });
    expect(await openAlerts()).toHaveLength(1); // a reading in range does not close it by itself
    await resolveOpen('discarded');
    expect(await openAlerts()).toEqual([]);
  });

  it('releases nothing while the room reads +8.5 °C and holds food taken into it', async () => {
    const res = await reading(w.net.units.chilled.id, 8.5);
    expect(res.body).toMatchObject({ excursion: true, heldLots: 1 });
    expect(await detailsIn('fi')).toEqual(['Cold room|Cold room: mitattu 8,5 °C; kylmätilan raja on 6 °C. Pidätetty tarkastusta varten: 1 erä.']);
    expect(await detailsIn('en')).toEqual(['Cold room|Cold room measured 8.5 °C; the limit for chilled is 6 °C. 1 lot held for review.']);
    const warm = await w.post(`/lots/${ids.dairy}/release`, { note: 'core 4 °C; door closed, compressor reset' });
    expect(warm.status).toBe(422);
    expect(warm.body.code).toBe('unit_still_out_of_range');
    expect(await status(ids.dairy)).toBe('on_hold');
    const late = await w.ok('/intakes', { donorId: w.net.donor.id, lines: [line(w.net.units.chilled.id, { category: 'meat', kg: 3, date: '2027-03-26' })] });
    expect(late.lots[0].status).toBe('on_hold');
    const events = (await w.get(`/lots/${late.lots[0].id}`)).body.events;
    expect(events.at(-1)).toMatchObject({ kind: 'hold', data: expect.objectContaining({ alertId: res.body.alertId, reason: 'taken into a unit in excursion' }) });
    await reading(w.net.units.chilled.id, 4);
    await w.ok(`/lots/${ids.dairy}/release`, { note: 'core 4 °C; door closed, compressor reset' });
    const holding = await w.post(`/alerts/${res.body.alertId}/resolve`, { action: 'repaired', note: 'compressor reset' });
    expect(holding.body).toMatchObject({ code: 'alert_still_holds', lotsStillHeld: 1 }); // the new meat still waits for review
    await w.ok(`/lots/${late.lots[0].id}/release`, { note: 'arrived cold, probe 3 °C' });
    await resolveOpen('repaired');
    expect(await openAlerts()).toEqual([]);
    ids.lateMeat = late.lots[0].id;
  });

  it('makes a freezer warmer than −18 °C for more than 24 hours an excursion; a frozen lot past use-by is then only discarded', async () => {
    expect((await reading(w.net.units.frozen.id, -17)).body).toMatchObject({ excursion: false, warning: true });
    w.clock.set('2027-03-24T08:00:00+02:00');
    expect((await reading(w.net.units.frozen.id, -16.5)).body).toMatchObject({ excursion: false, warning: true });
    w.clock.set('2027-03-24T08:30:00+02:00');
    const res = await reading(w.net.units.frozen.id, -16.5);
    expect(res.body).toMatchObject({ excursion: true, warning: false, heldLots: 2 });
    expect(await detailsIn('fi')).toEqual(['Freezer|Freezer: mitattu -16,5 °C; lämpimämpi kuin −18 °C yli 24 tuntia. Pidätetty tarkastusta varten: 2 erää.']);
    const refused = await w.post(`/lots/${ids.meat}/release`, { note: 'looks frozen' });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'frozen_past_use_by_after_excursion' });
    expect(await status(ids.meat)).toBe('on_hold');
    await w.ok(`/lots/${ids.meat}/discards`, { kg: 5, reason: 'temperature' });
    expect((await w.post(`/lots/${ids.peas}/release`, { note: 'hard frozen' })).body.code).toBe('unit_still_out_of_range');
    await reading(w.net.units.frozen.id, -20);
    await w.ok(`/lots/${ids.peas}/release`, { note: 'hard frozen, −17 °C in the core' });
    await resolveOpen('repaired');
    expect(await openAlerts()).toEqual([]);
  });

  it('lists lots that need a best-before check in /alerts', async () => {
    const alerts = (await w.get(`/alerts?depotId=${w.net.depot.id}`)).body;
    expect(alerts.needsBestBeforeCheck.map((l: { id: string }) => l.id)).toEqual([ids.bread]);
    await w.ok(`/lots/${ids.bread}/checks`, { passed: true, note: 'intact' });
    expect((await w.get(`/alerts?depotId=${w.net.depot.id}`)).body.needsBestBeforeCheck).toEqual([]);
  });

  it('gives an inspector the own-check records as JSON and as Finnish CSV', async () => {
    const json = await w.get(`/storage-units/${w.net.units.frozen.id}/temperature-readings?from=2027-03-23&to=2027-03-24`);
    expect(json.status).toBe(200);
    expect(json.body.storageUnit).toMatchObject({ name: 'Freezer', temperatureClass: 'frozen', readingsPerDay: 1 });
    expect(json.body.items.map((r: { celsius: number }) => r.celsius)).toEqual([-17, -16.5, -16.5, -20]);
    expect(json.body.items[2]).toMatchObject({ excursion: true, recordedBy: expect.any(String) });
    const oneDay = await w.get(`/storage-units/${w.net.units.frozen.id}/temperature-readings?from=2027-03-24&to=2027-03-24`);
    expect(oneDay.body.items).toHaveLength(3);
    const csv = await w.ctx.http().get(`/storage-units/${w.net.units.frozen.id}/temperature-readings?locale=fi`)
      .set(w.wh).set('accept', 'text/csv').buffer(true).parse((res, cb) => { let t = ''; res.on('data', (c) => (t += c)); res.on('end', () => cb(null, t)); });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = (csv.body as string).replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines[0]).toBe('säilytystila;lämpötilaluokka;aika;lämpötila (°C);poikkeama;varoitus;kirjaaja;kirjattu;kirjattu_jälkikäteen');
    expect(lines[1]).toMatch(/^Freezer;pakaste;2027-03-23 08:00;-17;ei;kyllä;/);
    expect(lines[3]).toMatch(/;-16,5;kyllä;ei;/);
    // The English CSV keeps the class as the API names it.
    const en = await w.ctx.http().get(`/storage-units/${w.net.units.frozen.id}/temperature-readings`)
      .set(w.wh).set('accept', 'text/csv').buffer(true).parse((res, cb) => { let t = ''; res.on('data', (c) => (t += c)); res.on('end', () => cb(null, t)); });
    expect((en.body as string).split('\r\n')[1]).toMatch(/^Freezer,frozen,2027-03-23 08:00,-17,no,yes,/);
  });

  it('raises one reading_missed alert per unit and day short of its readingsPerDay, closed with a corrective action, not by the next reading', async () => {
    const twice = await post(w.ctx, w.net.auth, '/storage-units', { depotId: w.net.depot.id, name: 'Milk fridge', temperatureClass: 'chilled', capacityKg: 200, readingsPerDay: 2 });
    expect(twice.readingsPerDay).toBe(2);
    await w.ctx.http().post('/storage-units').set(w.net.auth).send({ depotId: w.net.depot.id, name: 'Spare', temperatureClass: 'ambient', capacityKg: 10, readingsPerDay: 0 });
    w.clock.set('2027-03-25T09:00:00+02:00');
    expect((await reading(twice.id, 3)).status).toBe(201);
    const r = await reading(w.net.units.chilled.id, 3);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    w.clock.set('2027-03-26T00:20:00+02:00');
    const job = createProcessors(w.ctx.deps)['check-readings'];
    await job({});
    await job({}); // run twice: still one alert per unit and day
    const missed = (await w.get(`/alerts?depotId=${w.net.depot.id}`)).body.items.filter((a: { kind: string }) => a.kind === 'reading_missed');
    // Milk fridge: 1 of 2; Freezer and Dry store: 0 of 1; the cold room had its one; Spare is not monitored.
    expect(missed.map((a: { storageUnitName: string }) => a.storageUnitName).sort()).toEqual(['Dry store', 'Freezer', 'Milk fridge']);
    expect(missed.find((a: { storageUnitName: string }) => a.storageUnitName === 'Milk fridge').detail).toContain('1 of 2');
    expect(await detailsIn('fi', 'reading_missed')).toEqual([
      'Dry store|Dry store: omavalvonnan lämpötilakirjauksia 0/1 päivänä 25.3.2027; 1 puuttuu.',
      'Freezer|Freezer: omavalvonnan lämpötilakirjauksia 0/1 päivänä 25.3.2027; 1 puuttuu.',
      'Milk fridge|Milk fridge: omavalvonnan lämpötilakirjauksia 1/2 päivänä 25.3.2027; 1 puuttuu.',
    ]);
    expect(await detailsIn('en', 'reading_missed')).toContain('Milk fridge|Milk fridge: 1 of 2 own-check readings recorded on 2027-03-25; 1 missed.');
    await reading(w.net.units.frozen.id, -21);
    const freezerMissed = missed.find((a: { storageUnitName: string }) => a.storageUnitName === 'Freezer');
    expect((await w.get(`/alerts?depotId=${w.net.depot.id}`)).body.items.filter((a: { kind: string }) => a.kind === 'reading_missed')).toHaveLength(3);
    await w.ctx.http().post(`/alerts/${freezerMissed.id}/resolve`).set(w.wh).send({ action: 'checked_ok', note: 'the logger shows −21 °C all day' }).expect(200);
    const left = (await w.get(`/alerts?depotId=${w.net.depot.id}`)).body.items.filter((a: { kind: string }) => a.kind === 'reading_missed');
    expect(left.map((a: { storageUnitName: string }) => a.storageUnitName).sort()).toEqual(['Dry store', 'Milk fridge']);
  });

  it('shows an alert raised before alerts stored their code with the English text it was raised with', async () => {
    const { database } = w.ctx.deps;
    await database.db.insert(alerts).values({ kind: 'excursion', storageUnitId: w.net.units.ambient.id, detail: 'Dry store measured 31 °C.' });
    expect(await detailsIn('fi')).toEqual(['Dry store|Dry store measured 31 °C.']);
  });
});
