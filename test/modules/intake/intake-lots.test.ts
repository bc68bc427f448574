import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../../helpers/app.ts';
import { line, startWarehouse } from '../../helpers/warehouse.ts';

type W = Awaited<ReturnType<typeof startWarehouse>>;

describe('intake and lots', () => {
  let w: W;
  const count = async (table: string) => {
    const [row] = await w.ctx.deps.database.rows<{ n: string }>(w.ctx.deps.database.db, sql.raw(`select count(*) as n from ${table}`));
    return Number(row.n);
  };
  const totals = async () => ({ intakes: await count('intakes'), lots: await count('lots'), ledger: await count('ledger_entries') });

  beforeAll(async () => {
    w = await startWarehouse();
  });
  afterAll(() => w?.ctx.close());

  it('turns every intake line into a lot with an intake ledger entry', async () => {
    const { units, donor } = w.net;
    const res = await w.post('/intakes', {
      donorId: donor.id,
      receivedAt: '2027-03-23T07:45:00+02:00',
      lines: [
        line(units.chilled.id, { kg: 12.345, receiptCelsius: 4.5 }),
        line(units.ambient.id, { category: 'bread', kg: 8, temperatureClass: 'ambient', dateKind: 'best_before', date: '2027-03-24' }),
        line(units.frozen.id, { category: 'meat', kg: 3.2, temperatureClass: 'frozen', dateKind: 'use_by', date: '2027-03-23', frozenOn: '2027-03-23' }),
      ],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ donorId: donor.id, depotId: w.net.depot.id, totalKg: 23.545 });
    expect(res.body.lots).toHaveLength(3);
    expect(res.body.lots[0]).toMatchObject({ category: 'dairy', receivedKg: 12.345, stockKg: 12.345, status: 'in_stock', receiptCelsius: 4.5 });
    const lot = await w.get(`/lots/${res.body.lots[1].id}`);
    expect(lot.status).toBe(200);
    expect(lot.body).toMatchObject({ category: 'bread', stockKg: 8, status: 'in_stock', date: '2027-03-24', dateKind: 'best_before' });
    expect(lot.body.events).toEqual([expect.objectContaining({ source: 'ledger', kind: 'intake', kg: 8, at: '2027-03-23T05:45:00.000Z' })]);
    const unitsNow = await w.get(`/storage-units?depotId=${w.net.depot.id}`);
    expect(unitsNow.body.items.find((u: { id: string }) => u.id === units.chilled.id).stockKg).toBe(12.345);
  });

  describe('refuses bad input clearly and writes nothing', () => {
    const cases: [string, () => object, number, Record<string, unknown>][] = [
      ['a use-by date already past', () => intakeOf([line(w.net.units.chilled.id), line(w.net.units.chilled.id), line(w.net.units.chilled.id, { date: '2027-03-22' })]),
        422, { rule: 'use_by_past', line: 2, errors: [expect.objectContaining({ path: 'body.lines.2.date' })] }],
      ['chilled food into the dry store', () => intakeOf([line(w.net.units.ambient.id)]),
        422, { rule: 'unit_class_mismatch', line: 0, errors: [expect.objectContaining({ path: 'body.lines.0.storageUnitId' })] }],
      ...[0, -5, 1e20].map((kg): [string, () => object, number, Record<string, unknown>] => [`${kg} kg (bad input, not a food-safety rule)`,
        () => intakeOf([line(w.net.units.chilled.id, { kg })]), 400, { code: 'validation_failed', errors: [expect.objectContaining({ path: 'body.lines.0.kg' })] }]),
      ['6,000 kg on one line', () => intakeOf([line(w.net.units.ambient.id, { category: 'dry_goods', temperatureClass: 'ambient', dateKind: 'none', date: null, kg: 6000 })]),
        400, { code: 'validation_failed', errors: [expect.objectContaining({ path: 'body.lines.0.kg' })] }],
      ['an unknown category', () => intakeOf([line(w.net.units.chilled.id, { category: 'caviar' })]),
        400, { code: 'validation_failed', errors: [expect.objectContaining({ path: 'body.lines.0.category' })] }],
      ['four decimals of kg', () => intakeOf([line(w.net.units.chilled.id, { kg: 1.0005 })]), 400, { code: 'validation_failed' }],
      ['a tenth of a microgram over a kilo (no whole number of grams)', () => intakeOf([line(w.net.units.chilled.id, { kg: 1.0000000005 })]), 400, { code: 'validation_failed', errors: [expect.objectContaining({ path: 'body.lines.0.kg' })] }],
      ['chilled food measured at +9 °C', () => intakeOf([line(w.net.units.chilled.id, { receiptCelsius: 9 })]), 422, { rule: 'receipt_too_warm' }],
      ['dairy stored ambient (warmer than its class)', () => intakeOf([line(w.net.units.ambient.id, { temperatureClass: 'ambient' })]),
        422, { rule: 'class_warmer_than_category' }],
      ['a depot as donor', () => ({ ...intakeOf([line(w.net.units.chilled.id)]), donorId: w.net.depot.id }), 422, { rule: 'not_a_donor' }],
      ['an unknown storage unit', () => intakeOf([line('00000000-0000-4000-8000-000000000000')]), 422, { rule: 'unknown_storage_unit' }],
      ['an unknown field', () => ({ ...intakeOf([line(w.net.units.chilled.id)]), colour: 'red' }), 400, { code: 'validation_failed' }],
      ['no lines', () => intakeOf([]), 400, { code: 'validation_failed' }],
      ['more than the freezer holds', () => intakeOf([line(w.net.units.frozen.id, { category: 'frozen', temperatureClass: 'frozen', dateKind: 'best_before', date: '2027-08-31', kg: 600 })]),
        422, { rule: 'capacity_exceeded', freeKg: 596.8, storageUnitId: expect.any(String) }],
    ];
    const intakeOf = (lines: object[]) => ({ donorId: w.net.donor.id, lines });

    it.each(cases)('%s', async (_name, body, status, expected) => {
      const before = await totals();
      const res = await w.post('/intakes', body());
      expect(res.status).toBe(status);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject(expected);
      expect(await totals()).toEqual(before);
    });
  });

  it('fills a unit exactly to its capacity, no further', async () => {
    const frozenLine = (kg: number) => line(w.net.units.frozen.id, { category: 'frozen', temperatureClass: 'frozen', dateKind: 'best_before', date: '2027-08-31', kg });
    const res = await w.post('/intakes', { donorId: w.net.donor.id, lines: [frozenLine(500), frozenLine(96.8)] });
    expect(res.status).toBe(201);
    const more = await w.post('/intakes', { donorId: w.net.donor.id, lines: [frozenLine(0.001)] });
    expect(more.status).toBe(422);
    expect(more.body).toMatchObject({ rule: 'capacity_exceeded', freeKg: 0 });
    await w.ok(`/lots/${res.body.lots[0].id}/discards`, { kg: 500, reason: 'other' });
  });

  it('answers a retried intake with the first answer and records one intake', async () => {
    const body = { donorId: w.net.donor.id, lines: [line(w.net.units.chilled.id, { kg: 4 })] };
    const before = await totals();
    const key = { 'idempotency-key': 'intake-retry-1' };
    const first = await w.post('/intakes', body, key);
    const second = await w.post('/intakes', body, key);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(await totals()).toEqual({ intakes: before.intakes + 1, lots: before.lots + 1, ledger: before.ledger + 1 });
    const other = await w.post('/intakes', { ...body, lines: [line(w.net.units.chilled.id, { kg: 5 })] }, key);
    expect(other.status).toBe(422);
  });

  it('discards and adjusts through the ledger, never below zero', async () => {
    const intake = await w.ok('/intakes', { donorId: w.net.donor.id, lines: [line(w.net.units.chilled.id, { kg: 10 })] });
    const id = intake.lots[0].id;
    const tooMuch = await w.post(`/lots/${id}/discards`, { kg: 10.001, reason: 'spoiled' });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body).toMatchObject({ code: 'exceeds_stock', stockKg: 10 });
    expect((await w.post(`/lots/${id}/discards`, { kg: 2.5, reason: 'mouldy' })).status).toBe(400);
    expect(await w.ok(`/lots/${id}/discards`, { kg: 2.5, reason: 'spoiled' })).toMatchObject({ stockKg: 7.5, status: 'in_stock' });
    expect(await w.ok(`/lots/${id}/adjustments`, { kg: -0.25, reason: 'scale re-check' })).toMatchObject({ stockKg: 7.25 });
    expect(await w.ok(`/lots/${id}/adjustments`, { kg: 0.05, reason: 'counted again' })).toMatchObject({ stockKg: 7.3 });
    expect((await w.post(`/lots/${id}/adjustments`, { kg: -8, reason: 'too much' })).status).toBe(409);
    expect((await w.post(`/lots/${id}/adjustments`, { kg: 0, reason: 'nothing' })).status).toBe(400);
    expect(await w.ok(`/lots/${id}/discards`, { kg: 7.3, reason: 'expired' })).toMatchObject({ stockKg: 0, status: 'depleted' });
    const lot = await w.get(`/lots/${id}`);
    expect(lot.body.events.map((e: { kind: string; kg?: number }) => [e.kind, e.kg])).toEqual([
      ['intake', 10], ['discard', -2.5], ['adjust', -0.25], ['adjust', 0.05], ['discard', -7.3],
    ]);
    expect((await w.post('/lots/00000000-0000-4000-8000-000000000000/discards', { kg: 1, reason: 'other' })).status).toBe(404);
  });

  it('moves a lot only to a unit of its class with room', async () => {
    const coldRoom2 = await w.ctx.http().post('/storage-units').set(w.net.auth)
      .send({ depotId: w.net.depot.id, name: 'Cold room 2', temperatureClass: 'chilled', capacityKg: 5 });
    const intake = await w.ok('/intakes', { donorId: w.net.donor.id, lines: [line(w.net.units.chilled.id, { kg: 6 }), line(w.net.units.chilled.id, { kg: 4 })] });
    const [big, small] = intake.lots;
    const wrongClass = await w.post(`/lots/${small.id}/moves`, { storageUnitId: w.net.units.frozen.id });
    expect(wrongClass.status).toBe(422);
    expect(wrongClass.body.rule).toBe('unit_class_mismatch');
    const full = await w.post(`/lots/${big.id}/moves`, { storageUnitId: coldRoom2.body.id });
    expect(full.status).toBe(422);
    expect(full.body).toMatchObject({ rule: 'capacity_exceeded', freeKg: 5 });
    expect(await w.ok(`/lots/${small.id}/moves`, { storageUnitId: coldRoom2.body.id })).toMatchObject({ storageUnitId: coldRoom2.body.id });
    const lot = await w.get(`/lots/${small.id}`);
    expect(lot.body.events.at(-1)).toMatchObject({ source: 'event', kind: 'move', data: { from: w.net.units.chilled.id, to: coldRoom2.body.id } });
  });

  it('freezes a chilled lot on its use-by day, not after', async () => {
    const intake = await w.ok('/intakes', {
      donorId: w.net.donor.id,
      lines: [line(w.net.units.chilled.id, { category: 'meat', kg: 3, date: '2027-03-23' }), line(w.net.units.chilled.id, { category: 'meat', kg: 2, date: '2027-03-24' })],
    });
    const [today, tomorrow] = intake.lots;
    expect(await w.ok(`/lots/${today.id}/freeze`, { storageUnitId: w.net.units.frozen.id }))
      .toMatchObject({ temperatureClass: 'frozen', frozenOn: '2027-03-23', storageUnitId: w.net.units.frozen.id });
    expect((await w.post(`/lots/${tomorrow.id}/freeze`, { storageUnitId: w.net.units.chilled.id })).body.rule).toBe('unit_class_mismatch');
    w.clock.set('2027-03-25T09:00:00+02:00');
    try {
      const late = await w.post(`/lots/${tomorrow.id}/freeze`, { storageUnitId: w.net.units.frozen.id });
      expect(late.status).toBe(422);
      expect(late.body.rule).toBe('freeze_after_use_by');
    } finally {
      w.clock.set('2027-03-23T08:00:00+02:00');
    }
    const frozen = await w.get(`/lots/${today.id}`);
    expect(frozen.body.events.map((e: { kind: string }) => e.kind)).toEqual(['intake', 'freeze', 'freeze']);
  });

  it('records best-before checks; a failed check discards the lot', async () => {
    const intake = await w.ok('/intakes', {
      donorId: w.net.donor.id,
      lines: [
        line(w.net.units.ambient.id, { category: 'dry_goods', temperatureClass: 'ambient', dateKind: 'best_before', date: '2027-03-19', kg: 7 }),
        line(w.net.units.ambient.id, { category: 'dry_goods', temperatureClass: 'ambient', dateKind: 'best_before', date: '2027-03-19', kg: 5 }),
        line(w.net.units.chilled.id, { kg: 1 }),
      ],
    });
    const [good, bad, dairy] = intake.lots;
    expect(await w.ok(`/lots/${good.id}/checks`, { passed: true, note: 'package intact' })).toMatchObject({ checkedOn: '2027-03-23', stockKg: 7 });
    expect(await w.ok(`/lots/${bad.id}/checks`, { passed: false, note: 'torn bags' })).toMatchObject({ stockKg: 0, status: 'depleted' });
    expect((await w.post(`/lots/${dairy.id}/checks`, { passed: true })).status).toBe(422);
    const history = await w.get(`/lots/${bad.id}`);
    expect(history.body.events.map((e: { kind: string; reason?: string }) => [e.kind, e.reason])).toEqual([
      ['intake', undefined], ['check', undefined], ['discard', 'spoiled'],
    ]);
  });

  it('lists lots with filters and an opaque cursor, at most 100 a page', async () => {
    const lines = Array.from({ length: 7 }, (_, i) => line(w.net.units.ambient.id, {
      category: 'fruit_veg', temperatureClass: 'ambient', dateKind: 'best_before', date: `2027-04-0${i + 1}`, kg: i + 1,
    }));
    await w.ok('/intakes', { donorId: w.net.donor.id, lines });
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await w.get(`/lots?category=fruit_veg&status=in_stock&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((l: { id: string }) => l.id));
      cursor = res.body.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(7);
    const soon = await w.get('/lots?category=fruit_veg&expiringBefore=2027-04-03');
    expect(soon.body.items.map((l: { date: string }) => l.date).sort()).toEqual(['2027-04-01', '2027-04-02']);
    const depleted = await w.get('/lots?status=depleted&limit=100');
    expect(depleted.body.items.every((l: { stockKg: number }) => l.stockKg === 0)).toBe(true);
    expect((await w.get('/lots?limit=101')).status).toBe(400);
    expect((await w.get('/lots?cursor=bm9wZQ')).status).toBe(400);
  });

  it('lets only warehouse staff and coordinators touch stock', async () => {
    const driver = await w.ctx.userToken('driver');
    const res = await w.ctx.http().post('/intakes').set(bearer(driver.token)).send({ donorId: w.net.donor.id, lines: [line(w.net.units.chilled.id)] });
    expect(res.status).toBe(403);
    const lead = await w.ctx.userToken('point_lead', { pointId: w.net.point.id });
    expect((await w.ctx.http().get('/lots').set(bearer(lead.token))).status).toBe(403);
    expect((await w.ctx.http().get('/lots')).status).toBe(401);
  });

  it('refuses UPDATE, DELETE and TRUNCATE of ledger entries in the database itself', async () => {
    const { database } = w.ctx.deps;
    const before = await count('ledger_entries');
    const refusal = (q: ReturnType<typeof sql>) => database.rows(database.db, q).then(
      () => 'accepted',
      (err: Error & { cause?: Error }) => (err.cause ?? err).message,
    );
    expect(await refusal(sql`update ledger_entries set grams = grams + 1`)).toMatch(/ledger_entries is append-only/);
    expect(await refusal(sql`delete from ledger_entries`)).toMatch(/ledger_entries is append-only/);
    expect(await refusal(sql`truncate ledger_entries cascade`)).toMatch(/ledger_entries is append-only/);
    expect(await refusal(sql`update lot_events set kind = 'x'`)).toMatch(/lot_events is append-only/);
    expect(await count('ledger_entries')).toBe(before);
    const [drift] = await database.rows<{ n: string }>(database.db, sql`
      select count(*) as n from lots l where l.stock_g <> (select coalesce(sum(grams), 0) from ledger_entries e where e.lot_id = l.id)`);
    expect(Number(drift.n)).toBe(0);
  });
});
