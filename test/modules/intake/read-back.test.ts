import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../../helpers/app.ts';
import { line, startWarehouse } from '../../helpers/warehouse.ts';

type W = Awaited<ReturnType<typeof startWarehouse>>;
type Content = { lotId: string; category: string; kg: number };
type Bag = { id: string; weightKg: number; status: string; reservationId?: string; contents: Content[] };

const sumKg = (xs: readonly number[]) => Math.round(xs.reduce((a, b) => a + b * 1000, 0)) / 1000;

/** What a volunteer or coordinator reads back after the work: intakes, packing runs with picking lists, bags. */
describe('reading back intakes, packing runs and bags', () => {
  let w: W;
  let otherDonor: { id: string };
  const intakeIds: string[] = [];
  beforeAll(async () => {
    // Tuesday 23 March 2027 at 00:30 Helsinki time (still Monday 22:30 UTC), then later that day and the next.
    w = await startWarehouse('2027-03-23T00:30:00+02:00');
    const coord = w.net.auth;
    otherDonor = (await w.ctx.http().post('/sites').set(coord).send({ kind: 'donor', name: 'Bakery', municipality: 'Mikkeli', lat: 61.7, lon: 27.26, depotId: w.net.depot.id })).body;
    const { chilled, ambient } = w.net.units;
    intakeIds.push((await w.ok('/intakes', {
      donorId: w.net.donor.id,
      lines: [
        line(chilled.id, { category: 'dairy', kg: 4, date: '2027-04-06' }),
        line(ambient.id, { category: 'dry_goods', kg: 6.5, temperatureClass: 'ambient', dateKind: 'none', date: null }),
        line(ambient.id, { category: 'fruit_veg', kg: 3, temperatureClass: 'ambient', dateKind: 'none', date: null }),
      ],
    })).id);
    w.clock.set('2027-03-23T14:00:00+02:00');
    intakeIds.push((await w.ok('/intakes', {
      donorId: otherDonor.id,
      lines: [line(ambient.id, { category: 'bread', kg: 15, temperatureClass: 'ambient', dateKind: 'best_before', date: '2027-04-05' })],
    })).id);
    w.clock.set('2027-03-24T09:00:00+02:00');
    intakeIds.push((await w.ok('/intakes', {
      donorId: w.net.donor.id,
      lines: [line(ambient.id, { category: 'dry_goods', kg: 2, temperatureClass: 'ambient', dateKind: 'none', date: null })],
    })).id);
  });
  afterAll(() => w?.ctx.close());

  it('lists intakes newest first with their lots in line order, by local day, donor and depot', async () => {
    const all = await w.get('/intakes');
    expect(all.status).toBe(200);
    expect(all.body.items.map((i: { id: string }) => i.id)).toEqual([...intakeIds].reverse());
    const first = all.body.items[2];
    expect(first).toMatchObject({ donorId: w.net.donor.id, depotId: w.net.depot.id, receivedAt: '2027-03-22T22:30:00.000Z', totalKg: 13.5 });
    expect(first.lots.map((l: { category: string; receivedKg: number }) => [l.category, l.receivedKg])).toEqual([['dairy', 4], ['dry_goods', 6.5], ['fruit_veg', 3]]);

    // 00:30 local on the 23rd is the 23rd, though it is the 22nd in UTC.
    const tuesday = await w.get('/intakes?day=2027-03-23');
    expect(tuesday.body.items.map((i: { id: string }) => i.id)).toEqual([intakeIds[1], intakeIds[0]]);
    expect((await w.get('/intakes?day=2027-03-22')).body.items).toEqual([]);
    const byDonor = await w.get(`/intakes?donorId=${w.net.donor.id}`);
    expect(byDonor.body.items.map((i: { id: string }) => i.id)).toEqual([intakeIds[2], intakeIds[0]]);
    expect((await w.get(`/intakes?depotId=${w.net.depot.id}&donorId=${otherDonor.id}&day=2027-03-23`)).body.items.map((i: { id: string }) => i.id)).toEqual([intakeIds[1]]);
    expect((await w.get(`/intakes?depotId=${w.net.donor.id}`)).body.items).toEqual([]);

    const one = await w.get(`/intakes/${intakeIds[0]}`);
    expect(one.status).toBe(200);
    expect(one.body).toEqual(first);
  });

  it('pages intakes with a cursor, and refuses a cursor it did not give out', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 5; page++) {
      const res = await w.get(`/intakes?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.items).toHaveLength(1);
      seen.push(res.body.items[0].id);
      cursor = res.body.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual([...intakeIds].reverse());
    for (const bad of ['nonsense', Buffer.from('["2026-13-45","x"]').toString('base64url'), Buffer.from('["+275760-09-13T00:00:00.000Z","00000000-0000-4000-8000-000000000000"]').toString('base64url')]) {
      const res = await w.get(`/intakes?cursor=${bad}`);
      expect(res.status, bad).toBe(400);
      expect(res.body.code).toBe('invalid_cursor');
    }
    expect((await w.get('/intakes/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await w.get('/intakes?day=2027-02-30')).status).toBe(400);
  });

  it('gives each bag of a run its picking list: which kilos of which lot went into it, adding up exactly', async () => {
    const created = await w.ok('/packing-runs', { depotId: w.net.depot.id, bagType: 'food', bagCount: 3, targetKg: 3.001 });
    const run = await w.get(`/packing-runs/${created.id}`);
    expect(run.status).toBe(200);
    expect(run.body).toEqual(created);
    expect(run.body.bags).toHaveLength(3);
    for (const bag of run.body.bags as Bag[]) {
      expect(bag).toMatchObject({ status: 'in_stock', packingRunId: created.id, depotId: w.net.depot.id, bagType: 'food' });
      expect(bag.contents.length).toBeGreaterThan(0);
      expect(sumKg(bag.contents.map((c) => c.kg))).toBe(bag.weightKg);
    }
    // Per lot, the bags' kilos are what the run took from it.
    for (const lot of run.body.lots as { lotId: string; kg: number }[]) {
      const inBags = (run.body.bags as Bag[]).flatMap((b) => b.contents.filter((c) => c.lotId === lot.lotId).map((c) => c.kg));
      expect(sumKg(inBags)).toBe(lot.kg);
    }
    expect(sumKg(run.body.lots.map((l: { kg: number }) => l.kg))).toBe(run.body.totalKg);
    const dairyLot = (await w.get(`/intakes/${intakeIds[0]}`)).body.lots[0];
    expect((run.body.bags as Bag[]).every((b) => b.contents.some((c) => c.lotId === dairyLot.id && c.category === 'dairy'))).toBe(true);
  });

  it('lists packing runs by depot, bag type and day, newest first, without their bags', async () => {
    w.clock.set('2027-03-25T10:00:00+02:00');
    const bread = await w.ok('/packing-runs', { depotId: w.net.depot.id, bagType: 'bread', bagCount: 2 });
    const list = await w.get('/packing-runs');
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(2);
    expect(list.body.items[0]).toEqual({
      id: bread.id, depotId: w.net.depot.id, bagType: 'bread', temperatureClass: 'ambient', requestedBags: 2, bagCount: 2, packedAt: bread.packedAt, totalKg: bread.totalKg, lots: bread.lots, storageUnitId: bread.storageUnitId,
    });
    expect((await w.get('/packing-runs?bagType=bread')).body.items.map((r: { id: string }) => r.id)).toEqual([bread.id]);
    expect((await w.get('/packing-runs?day=2027-03-24')).body.items).toHaveLength(1);
    expect((await w.get('/packing-runs?day=2027-03-25')).body.items.map((r: { id: string }) => r.id)).toEqual([bread.id]);
    const page1 = await w.get('/packing-runs?limit=1');
    expect(page1.body.items.map((r: { id: string }) => r.id)).toEqual([bread.id]);
    const page2 = await w.get(`/packing-runs?limit=1&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items).toHaveLength(1);
    expect(page2.body.nextCursor).toBeUndefined();
  });

  it('lists bags by status, type, depot, run and reservation', async () => {
    const all = await w.get(`/bags?depotId=${w.net.depot.id}`);
    expect(all.status).toBe(200);
    expect(all.body.items).toHaveLength(5);
    const res = await w.ctx.http().post('/reservations').set(w.net.auth)
      .send({ pointId: w.net.point.id, date: '2027-03-30', bagType: 'food', bags: 2 });
    expect(res.status).toBe(201);
    const reserved = await w.get(`/bags?reservationId=${res.body.id}`);
    expect(reserved.body.items).toHaveLength(2);
    expect((reserved.body.items as Bag[]).every((b) => b.status === 'reserved' && b.reservationId === res.body.id)).toBe(true);
    expect((await w.get('/bags?status=reserved')).body.items).toHaveLength(2);
    expect((await w.get('/bags?status=in_stock&bagType=food')).body.items).toHaveLength(1);
    expect((await w.get('/bags?bagType=bread')).body.items).toHaveLength(2);
    const firstRun = (await w.get('/packing-runs?bagType=food')).body.items[0].id;
    expect((await w.get(`/bags?packingRunId=${firstRun}`)).body.items).toHaveLength(3);
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await w.get(`/bags?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      ids.push(...page.body.items.map((b: Bag) => b.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(ids)).toEqual(new Set(all.body.items.map((b: Bag) => b.id)));
    expect((await w.get('/bags?status=lost')).status).toBe(400);
  });

  it("names who wrote each entry of a lot's history", async () => {
    const me = (await w.get('/me')).body as { id: string; name: string };
    const lotId = (await w.get(`/intakes/${intakeIds[0]}`)).body.lots[0].id;
    const lot = await w.get(`/lots/${lotId}`);
    expect(lot.body.events.length).toBeGreaterThan(1);
    for (const e of lot.body.events) expect(e).toMatchObject({ by: me.id, byName: me.name });
  });

  it('shows these reads to the warehouse and coordinators only', async () => {
    const lead = await w.ctx.userToken('point_lead', { pointId: w.net.point.id });
    const driver = await w.ctx.userToken('driver');
    for (const token of [lead.token, driver.token]) {
      for (const path of ['/intakes', `/intakes/${intakeIds[0]}`, '/packing-runs', '/bags']) {
        expect((await w.ctx.http().get(path).set(bearer(token))).status, path).toBe(403);
      }
    }
    expect((await w.ctx.http().get('/bags').set(w.net.auth)).status).toBe(200);
  });
});
