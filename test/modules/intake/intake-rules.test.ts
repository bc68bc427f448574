import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { line, startWarehouse } from '../../helpers/warehouse.ts';

type W = Awaited<ReturnType<typeof startWarehouse>>;

/** The cold-chain rules at the door: use-by against the server's day, receipt temperatures, the donor's freezing date. */
describe('intake: cold-chain rules at the door', () => {
  let w: W;
  const counts = async () => {
    const { database } = w.ctx.deps;
    const [row] = await database.rows<{ intakes: string; lots: string; ledger: string }>(database.db, sql`
      select (select count(*) from intakes) as intakes, (select count(*) from lots) as lots, (select count(*) from ledger_entries) as ledger`);
    return row;
  };
  const intake = (lines: object[], extra: object = {}) => w.post('/intakes', { donorId: w.net.donor.id, lines, ...extra });

  beforeAll(async () => {
    w = await startWarehouse('2027-03-23T08:00:00+02:00');
  });
  afterAll(() => w?.ctx.close());

  it('holds the use-by rule against the server’s today, not only the backdated intake’s date', async () => {
    const before = await counts();
    const res = await intake([line(w.net.units.chilled.id, { date: '2027-03-21' })], { receivedAt: '2027-03-20T10:00:00+02:00' });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ rule: 'use_by_past', line: 0, errors: [{ path: 'body.lines.0.date' }] });
    expect(await counts()).toEqual(before);
  });

  it('requires receiptCelsius on chilled and frozen lines, naming the line', async () => {
    const before = await counts();
    const res = await intake([
      line(w.net.units.ambient.id, { category: 'bread', temperatureClass: 'ambient', dateKind: 'none', date: null }),
      line(w.net.units.frozen.id, { category: 'frozen', temperatureClass: 'frozen', dateKind: 'best_before', date: '2027-09-01', receiptCelsius: undefined }),
    ].map((l) => JSON.parse(JSON.stringify(l))));
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ rule: 'receipt_celsius_missing', line: 1, errors: [{ path: 'body.lines.1.receiptCelsius' }] });
    expect(await counts()).toEqual(before);
  });

  it('refuses fish at +4 °C at receipt (limit +3 °C) and minced meat at +5 °C (limit +4 °C)', async () => {
    const fish = await intake([line(w.net.units.chilled.id, { category: 'fish', receiptCelsius: 4 })]);
    expect(fish.status).toBe(422);
    expect(fish.body).toMatchObject({ rule: 'receipt_too_warm', detail: expect.stringContaining('the limit is 3 °C') });
    const minced = await intake([line(w.net.units.chilled.id, { category: 'minced_meat', receiptCelsius: 5 })]);
    expect(minced.body).toMatchObject({ rule: 'receipt_too_warm', detail: expect.stringContaining('the limit is 4 °C') });
    const ok = await intake([line(w.net.units.chilled.id, { category: 'minced_meat', receiptCelsius: 4 })]);
    expect(ok.status).toBe(201);
  });

  it('accepts a donor-frozen meat line after its use-by when frozen on or before it, and records frozenOn', async () => {
    const res = await intake([line(w.net.units.frozen.id, {
      category: 'meat', temperatureClass: 'frozen', date: '2027-03-21', receiptCelsius: -19, frozenOn: '2027-03-21',
    })]);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.lots[0]).toMatchObject({ category: 'meat', temperatureClass: 'frozen', date: '2027-03-21', frozenOn: '2027-03-21', status: 'in_stock' });
  });

  it('refuses frozenOn after the use-by date or in the future, and cold-smoked fish past its use-by even frozen', async () => {
    const before = await counts();
    const frozen = (over: object) => line(w.net.units.frozen.id, { category: 'meat', temperatureClass: 'frozen', receiptCelsius: -19, ...over });
    const late = await intake([frozen({ date: '2027-03-21', frozenOn: '2027-03-22' })]);
    expect(late.status).toBe(422);
    expect(late.body.violations.map((v: { rule: string }) => v.rule)).toEqual(['use_by_past', 'frozen_after_use_by']);
    const future = await intake([frozen({ date: '2027-03-30', frozenOn: '2027-03-24' })]);
    expect(future.body).toMatchObject({ rule: 'frozen_on_in_future', errors: [{ path: 'body.lines.0.frozenOn' }] });
    const salmon = await intake([frozen({ category: 'smoked_fish', date: '2027-03-21', frozenOn: '2027-03-20' })]);
    expect(salmon.body).toMatchObject({ rule: 'smoked_fish_past_use_by' });
    const notFrozen = await intake([line(w.net.units.chilled.id, { frozenOn: '2027-03-22' })]);
    expect(notFrozen.body).toMatchObject({ rule: 'frozen_on_not_frozen' });
    expect(await counts()).toEqual(before);
  });

  it('knows the new categories minced_meat and eggs, both chilled', async () => {
    const res = await intake([
      line(w.net.units.chilled.id, { category: 'eggs', dateKind: 'best_before', date: '2027-04-10' }),
      line(w.net.units.chilled.id, { category: 'minced_meat', date: '2027-03-24' }),
    ]);
    expect(res.status).toBe(201);
    const warm = await intake([line(w.net.units.ambient.id, { category: 'eggs', temperatureClass: 'ambient', dateKind: 'best_before', date: '2027-04-10' })]);
    expect(warm.body).toMatchObject({ rule: 'class_warmer_than_category' });
  });
});
