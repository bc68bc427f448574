import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../../helpers/app.ts';
import { line, startWarehouse } from '../../helpers/warehouse.ts';

type W = Awaited<ReturnType<typeof startWarehouse>>;

describe('cold storage: readings, excursions, alerts and the stock view', () => {
  let w: W;
  let ids: Record<string, string>;
  beforeAll(async () => {
    w = await startWarehouse('2027-03-23T08:00:00+02:00');
    const { chilled, frozen, ambient } = w.net.units;
    const intake = await w.ok('/intakes', {
      donorId: w.net.donor.id,
      lines: [
        line(chilled.id, { category: 'dairy', kg: 10, date: '2027-03-24' }),
        line(chilled.id, { category: 'meat', kg: 6.5, date: '2027-03-30' }),
        line(frozen.id, { category: 'frozen', kg: 20, temperatureClass: 'frozen', dateKind: 'best_before', date: '2027-09-01' }),
        line(frozen.id, { category: 'meat', kg: 4, temperatureClass: 'frozen', dateKind: 'use_by', date: '2027-03-24', frozenOn: '2027-03-23' }),
        line(ambient.id, { category: 'bread', kg: 12.25, temperatureClass: 'ambient', dateKind: 'best_before', date: '2027-03-25' }),
        line(ambient.id, { category: 'fruit_veg', kg: 30, temperatureClass: 'ambient', dateKind: 'none', date: null }),
      ],
    });
    ids = Object.fromEntries(['dairy', 'meat', 'frozen', 'frozenMeat', 'bread', 'veg'].map((k, i) => [k, intake.lots[i].id]));
  });
  afterAll(() => w?.ctx.close());

  const reading = (unitId: string, celsius: number) => w.post(`/storage-units/${unitId}/temperature-readings`, { celsius });

  it('shows kilos by category, class and unit, and what expires in the next 2 days', async () => {
    const res = await w.get(`/stock?depotId=${w.net.depot.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ depotId: w.net.depot.id, totalKg: 82.75, onHoldKg: 0 });
    expect(res.body.byCategory).toEqual([
      { category: 'bread', kg: 12.25, lots: 1 }, { category: 'dairy', kg: 10, lots: 1 }, { category: 'frozen', kg: 20, lots: 1 },
      { category: 'fruit_veg', kg: 30, lots: 1 }, { category: 'meat', kg: 10.5, lots: 2 },
    ]);
    expect(res.body.byTemperatureClass).toEqual([
      { temperatureClass: 'ambient', kg: 42.25, lots: 2 }, { temperatureClass: 'chilled', kg: 16.5, lots: 2 }, { temperatureClass: 'frozen', kg: 24, lots: 2 },
    ]);
    expect(res.body.byUnit.find((u: { id: string }) => u.id === w.net.units.frozen.id)).toMatchObject({ stockKg: 24, capacityKg: 600, freeKg: 576 });
    // Dairy (use-by tomorrow) and bread (best-before the 25th) expire soon; the frozen meat's use-by stopped counting.
    expect(res.body.expiringSoon.map((l: { id: string }) => l.id).sort()).toEqual([ids.dairy, ids.bread].sort());
  });

  it('classifies readings: in range, a frozen-unit warning, no limit for ambient', async () => {
    expect((await reading(w.net.units.chilled.id, 5.9)).body).toMatchObject({ excursion: false, warning: false, heldLots: 0 });
    expect((await reading(w.net.units.ambient.id, 28)).body).toMatchObject({ excursion: false, warning: false });
    const warm = await reading(w.net.units.frozen.id, -16.5);
    expect(warm.status).toBe(201);
    expect(warm.body).toMatchObject({ excursion: false, warning: true, heldLots: 0, celsius: -16.5, storageUnitId: w.net.units.frozen.id });
    const alerts = await w.get(`/alerts?depotId=${w.net.depot.id}`);
    expect(alerts.body.items).toEqual([]);
    expect(alerts.body.warnings).toEqual([expect.objectContaining({ storageUnitId: w.net.units.frozen.id, celsius: -16.5 })]);
    await reading(w.net.units.frozen.id, -19);
    expect((await w.get('/alerts')).body.warnings).toEqual([]);
  });

  it('holds every lot of a unit on an excursion, releases none before the unit reads back in range, and closes the alert only with a corrective action', async () => {
    const res = await reading(w.net.units.chilled.id, 8.4);
    expect(res.body).toMatchObject({ excursion: true, heldLots: 2, alertId: expect.any(String) });
    const dairy = await w.get(`/lots/${ids.dairy}`);
    expect(dairy.body.status).toBe('on_hold');
    expect(dairy.body.events.at(-1)).toMatchObject({ kind: 'hold', data: expect.objectContaining({ alertId: res.body.alertId, celsius: 8.4 }) });
    expect((await w.get('/lots?status=on_hold')).body.items.map((l: { id: string }) => l.id).sort()).toEqual([ids.dairy, ids.meat].sort());

    let alerts = await w.get('/alerts');
    expect(alerts.body.items).toEqual([expect.objectContaining({ id: res.body.alertId, kind: 'excursion', celsius: 8.4, storageUnitName: 'Cold room' })]);
    expect(alerts.body.items[0].heldLots.map((l: { id: string }) => l.id).sort()).toEqual([ids.dairy, ids.meat].sort());
    expect((await w.get('/stock')).body.onHoldKg).toBe(16.5);

    // Held lots are never packed, neither by FEFO nor by name.
    const named = await w.post('/packing-runs', { depotId: w.net.depot.id, bagType: 'food', bagCount: 1, lots: [{ lotId: ids.meat, kg: 5 }] });
    expect(named.status).toBe(422);
    expect(named.body.rule).toBe('on_hold');
    expect((await w.post(`/lots/${ids.meat}/freeze`, { storageUnitId: w.net.units.frozen.id })).status).toBe(409);

    expect((await w.post(`/lots/${ids.meat}/release`, { note: 'probe says 3 °C in the core' })).body.code).toBe('unit_still_out_of_range');
    // Moved to a unit in range, the meat may be released.
    const spare = await w.ctx.http().post('/storage-units').set(w.net.auth).send({ depotId: w.net.depot.id, name: 'Spare room', temperatureClass: 'chilled', capacityKg: 100 });
    await reading(spare.body.id, 3);
    await w.ok(`/lots/${ids.meat}/moves`, { storageUnitId: spare.body.id });
    expect(await w.ok(`/lots/${ids.meat}/release`, { note: 'probe says 3 °C in the core' })).toMatchObject({ status: 'in_stock' });
    expect((await w.post(`/lots/${ids.meat}/release`, { note: 'again' })).status).toBe(409);
    alerts = await w.get('/alerts');
    expect(alerts.body.items[0].heldLots.map((l: { id: string }) => l.id)).toEqual([ids.dairy]);
    expect(await w.ok(`/lots/${ids.dairy}/discards`, { kg: 10, reason: 'temperature' })).toMatchObject({ status: 'depleted' });
    alerts = await w.get('/alerts');
    expect(alerts.body.holds).toEqual([]);
    // Every held lot is handled, but the room still reads +8.4 °C: the alert stays open until it reads back in range and is closed.
    expect(alerts.body.items.map((a: { id: string }) => a.id)).toEqual([res.body.alertId]);
    await reading(w.net.units.chilled.id, 4);
    expect((await w.get('/alerts')).body.items.map((a: { id: string }) => a.id)).toEqual([res.body.alertId]);
    expect((await w.post(`/alerts/${res.body.alertId}/resolve`, { action: 'repaired', note: 'door seal replaced' })).status).toBe(200);
    expect((await w.get('/alerts')).body.items).toEqual([]);
  });

  it('opens an alert for an excursion in an empty unit, closed with a corrective action even while it still reads warm', async () => {
    const empty = await w.ctx.http().post('/storage-units').set(w.net.auth)
      .send({ depotId: w.net.depot.id, name: 'Spare freezer', temperatureClass: 'frozen', capacityKg: 100 });
    const res = await reading(empty.body.id, -10);
    expect(res.body).toMatchObject({ excursion: true, heldLots: 0 });
    expect((await w.get('/alerts')).body.items.map((a: { id: string }) => a.id)).toEqual([res.body.alertId]);
    await reading(empty.body.id, -20);
    expect((await w.get('/alerts')).body.items.map((a: { id: string }) => a.id)).toEqual([res.body.alertId]);
    expect((await w.post(`/alerts/${res.body.alertId}/resolve`, { action: 'checked_ok', note: 'empty; thermostat reset' })).status).toBe(200);
    expect((await w.get('/alerts')).body.items).toEqual([]);
  });

  it('refuses readings of unknown units, non-numbers, and callers who may not record them', async () => {
    expect((await reading('00000000-0000-4000-8000-000000000000', 4)).status).toBe(404);
    expect((await w.post(`/storage-units/${w.net.units.chilled.id}/temperature-readings`, { celsius: 'warm' })).status).toBe(400);
    expect((await w.post(`/storage-units/${w.net.units.chilled.id}/temperature-readings`, { celsius: 4, at: '2030-01-01T00:00:00Z' })).status).toBe(400);
    const driver = await w.ctx.userToken('driver');
    expect((await w.ctx.http().post(`/storage-units/${w.net.units.chilled.id}/temperature-readings`).set(bearer(driver.token)).send({ celsius: 4 })).status).toBe(403);
    expect((await w.ctx.http().get('/stock').set(bearer(driver.token))).status).toBe(403);
  });
});
