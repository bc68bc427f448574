import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../../helpers/app.ts';
import { eventually } from '../../helpers/eventually.ts';
import { ledgerFacts, line, startWarehouse } from '../../helpers/warehouse.ts';

type W = Awaited<ReturnType<typeof startWarehouse>>;

/**
 * What is turned away at the door: a delivery refused whole is still recorded (refusals only),
 * never as stock, and eggs past their best-before are refused like food past its use-by.
 */
describe('intake: refusals at the door', () => {
  let w: W;
  const counts = async () => {
    const { database } = w.ctx.deps;
    const [row] = await database.rows<{ intakes: string; lots: string; ledger: string; refusals: string }>(database.db, sql`
      select (select count(*) from intakes) as intakes, (select count(*) from lots) as lots,
        (select count(*) from ledger_entries) as ledger, (select count(*) from intake_refusals) as refusals`);
    return row;
  };

  beforeAll(async () => {
    w = await startWarehouse('2027-03-23T08:00:00+02:00');
  });
  afterAll(() => w?.ctx.close());

  it('records an intake made only of refusals: no lot, no ledger entry, the refused kilos in the tallies', async () => {
    const before = await counts();
    const res = await w.post('/intakes', {
      donorId: w.net.donor.id, lines: [],
      refusals: [{ category: 'dairy', kg: 3.25, reason: 'use_by_past' }, { category: 'meat', kg: 2, reason: 'too_warm', note: '+9 °C' }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ donorId: w.net.donor.id, depotId: w.net.depot.id, totalKg: 0, lots: [], kgRefused: 5.25 });
    expect(res.body.refusals.map((r: { category: string; kg: number; reason: string }) => [r.category, r.kg, r.reason]))
      .toEqual([['dairy', 3.25, 'use_by_past'], ['meat', 2, 'too_warm']]);
    const after = await counts();
    expect(Number(after.intakes)).toBe(Number(before.intakes) + 1);
    expect([after.lots, after.ledger]).toEqual([before.lots, before.ledger]);
    expect(Number(after.refusals)).toBe(Number(before.refusals) + 2);
    expect((await w.get(`/intakes/${res.body.id}`)).body).toMatchObject({ lots: [], kgRefused: 5.25 });

    // Refused kilos never enter the mass balance: nothing came in, nothing is in stock.
    const f = await ledgerFacts(w.ctx, w.net.depot.id);
    expect([f.intake, f.stock]).toEqual([0, 0]);
    const auth = bearer((await w.ctx.http().post('/auth/login').send({ email: w.net.coordinator.email, password: w.net.coordinator.password })).body.token);
    const summary = await eventually(async () => {
      const s = await w.ctx.http().get(`/reports/summary?from=2027-03-23&to=2027-03-23&depotId=${w.net.depot.id}`).set(auth);
      return s.status === 200 && s.body.kgRefused === 5.25 ? s.body : undefined;
    });
    expect(summary).toMatchObject({ kgIn: 0, kgRefused: 5.25, stockKgEnd: 0, massBalanceDifferenceKg: 0 });
    // The tallies are recounted by a job after the commit.
    const tallies = await eventually(async () => {
      const t = await w.ctx.http().get(`/reports/tallies?from=2027-03-23&to=2027-03-23&by=donor&depotId=${w.net.depot.id}`).set(auth);
      return t.status === 200 && t.body.items.length > 0 ? t.body.items : undefined;
    });
    expect(tallies).toEqual([expect.objectContaining({
      key: w.net.donor.id, kgIn: 0, kgRefused: 5.25, kgRefusedByReason: { use_by_past: 3.25, too_warm: 2, damaged: 0, spoiled: 0, other: 0 },
    })]);
  });

  it('still answers 400 when an intake has neither a line nor a refusal, and writes nothing', async () => {
    const before = await counts();
    for (const body of [{ donorId: w.net.donor.id, lines: [] }, { donorId: w.net.donor.id, lines: [], refusals: [] }]) {
      const res = await w.post('/intakes', body, { 'accept-language': 'fi' });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ path: 'body.lines', message: 'anna vähintään yksi rivi tai yksi erä, jonka vastaanotosta kieltäydyttiin' }]);
    }
    expect(await counts()).toEqual(before);
  });

  it('refuses eggs past their best-before with 422 naming the line, in Finnish, and writes nothing', async () => {
    const before = await counts();
    const res = await w.post('/intakes', {
      donorId: w.net.donor.id,
      lines: [
        line(w.net.units.chilled.id, { category: 'dairy', date: '2027-03-28' }),
        line(w.net.units.chilled.id, { category: 'eggs', dateKind: 'best_before', date: '2027-03-22' }),
      ],
    }, { 'accept-language': 'fi' });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      rule: 'eggs_past_best_before', line: 1,
      detail: 'rivi 2: kananmunien parasta ennen -päivä 22.3.2027 on mennyt: niitä ei pakata, joten niitä ei oteta vastaan; kirjaa ne hylätyiksi',
      violations: [{ line: 1, rule: 'eggs_past_best_before' }],
      errors: [{ path: 'body.lines.1.date' }],
    });
    expect(await counts()).toEqual(before);
    // On their best-before day they may still be packed, so they come in.
    const today = await w.post('/intakes', { donorId: w.net.donor.id, lines: [line(w.net.units.chilled.id, { category: 'eggs', dateKind: 'best_before', date: '2027-03-23' })] });
    expect(today.status, JSON.stringify(today.body)).toBe(201);
    expect(today.body.lots[0]).toMatchObject({ category: 'eggs', status: 'in_stock', packableUntil: '2027-03-23' });
  });
});
