import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localTimeOnDate } from '../../../src/domain/dates.ts';
import { rebuildAllTallies } from '../../../src/modules/tallies/tallies.service.ts';
import { bearer, startTestApp, type TestContext } from '../../helpers/app.ts';
import { post } from '../../helpers/fixtures.ts';
import { MONDAY, TUESDAY, testClock } from '../../helpers/reservations.ts';

type Row = { key: string; name?: string; kgIn: number; kgDiscarded: number; kgRefused: number; bagsPacked: number; kgPacked: number; bagsDelivered: number; kgDelivered: number };
const FIGURES = ['kgIn', 'kgDiscarded', 'kgRefused', 'bagsPacked', 'kgPacked', 'bagsDelivered', 'kgDelivered'] as const;
const total = (rows: readonly Row[], f: (typeof FIGURES)[number]) => Math.round(rows.reduce((s, r) => s + r[f], 0) * 1000) / 1000;

/**
 * Tallies by organisation over the API: a donor of one organisation and one of none bring food
 * (some refused at the door, some discarded), the depot of a third packs, and bags go to a
 * point of a fourth and a point of none. Every figure lands under the organisation of the site
 * it belongs to, sites of no organisation under `none`, and the rows add up to the summary.
 */
describe('tallies by organisation', () => {
  let ctx: TestContext;
  let coordinator: Record<string, string>;
  const clock = testClock(localTimeOnDate(MONDAY, '07:00'));
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    ctx = await startTestApp({ now: clock.now });
    coordinator = bearer((await ctx.userToken('coordinator')).token);
    const warehouse = bearer((await ctx.userToken('warehouse')).token);
    const create = (path: string, body: object, auth = coordinator) => post(ctx, auth, path, body);
    for (const [k, name] of [['donorOrg', 'Kauppojen ruoka-apu ry'], ['depotOrg', 'Varastoyhdistys ry'], ['pointOrg', 'Seurakunta']]) {
      ids[k] = (await create('/organisations', { name })).id;
    }
    const depot = await create('/sites', { kind: 'depot', name: 'Varasto', municipality: 'Mikkeli', lat: 61.69, lon: 27.27, organisationId: ids.depotOrg });
    ids.donor = (await create('/sites', { kind: 'donor', name: 'Kauppa', municipality: 'Mikkeli', lat: 61.69, lon: 27.28, depotId: depot.id, organisationId: ids.donorOrg })).id;
    ids.loneDonor = (await create('/sites', { kind: 'donor', name: 'Leipomo', municipality: 'Mikkeli', lat: 61.69, lon: 27.29, depotId: depot.id })).id;
    const unit = await create('/storage-units', { depotId: depot.id, name: 'Kuivavarasto', temperatureClass: 'ambient', capacityKg: 5000 });
    const points = [];
    for (const [name, organisationId] of [['Jakopiste', ids.pointOrg], ['Kylän jakopiste', undefined]]) {
      const point = await create('/sites', { kind: 'point', name, municipality: 'Mikkeli', lat: 61.6, lon: 27.3, depotId: depot.id, ...(organisationId ? { organisationId } : {}) });
      await create(`/sites/${point.id}/distribution-days`, { weekday: 'tue', start: '12:00', end: '14:00' });
      points.push(point);
    }

    // Monday: only intake (the day the audit found empty), from both donors; some refused, some discarded.
    const line = (kg: number) => ({ category: 'dry_goods', kg, temperatureClass: 'ambient', dateKind: 'none', storageUnitId: unit.id });
    const made = await create('/intakes', { donorId: ids.donor, lines: [line(40)], refusals: [{ category: 'dry_goods', kg: 2.5, reason: 'damaged' }] }, warehouse);
    await create('/intakes', { donorId: ids.loneDonor, lines: [line(30)], refusals: [{ category: 'dry_goods', kg: 1.25, reason: 'other' }] }, warehouse);
    await create(`/lots/${made.lots[0].id}/discards`, { kg: 1.5, reason: 'spoiled' }, warehouse);

    // Tuesday: six bags packed, four to the organisation's point, two to the point of none.
    clock.set(localTimeOnDate(TUESDAY, '09:00'));
    await create('/packing-runs', { depotId: depot.id, bagType: 'food', temperatureClass: 'ambient', bagCount: 6, targetKg: 5 }, warehouse);
    clock.set(localTimeOnDate(TUESDAY, '09:30'));
    for (const [point, bags] of [[points[0], 4], [points[1], 2]] as const) {
      const r = await create('/reservations', { pointId: point.id, date: TUESDAY, bagType: 'food', bags });
      await post(ctx, coordinator, `/reservations/${r.id}/dispatch`, {}, 200);
      clock.set(localTimeOnDate(TUESDAY, '11:45'));
      await create(`/reservations/${r.id}/deliveries`, { bagsDelivered: bags });
    }
    await ctx.deps.outbox.drain();
    await rebuildAllTallies(ctx.deps.database);
  }, 120_000);
  afterAll(() => ctx?.close());

  const tallies = async (query: object) => {
    const res = await ctx.http().get('/reports/tallies').query({ by: 'organisation', period: 'day', ...query }).set(coordinator);
    expect(res.status).toBe(200);
    return res.body.items as Row[];
  };

  it('counts a day of intake under the donors’ organisations, a donor of none under `none`', async () => {
    const rows = await tallies({ from: MONDAY, to: MONDAY });
    expect(rows.map((r) => [r.key, r.name, r.kgIn, r.kgRefused, r.kgDiscarded])).toEqual([
      [ids.donorOrg, 'Kauppojen ruoka-apu ry', 40, 2.5, 1.5],
      ['none', undefined, 30, 1.25, 0],
    ]);
  });

  it('counts bags packed under the depot’s organisation and delivered under each point’s', async () => {
    const rows = await tallies({ from: TUESDAY, to: TUESDAY });
    const of = (key: string) => rows.find((r) => r.key === key);
    expect(of(ids.depotOrg)).toMatchObject({ name: 'Varastoyhdistys ry', bagsPacked: 6, kgPacked: 30, bagsDelivered: 0, kgIn: 0 });
    expect(of(ids.pointOrg)).toMatchObject({ name: 'Seurakunta', bagsPacked: 0, bagsDelivered: 4, kgDelivered: 20 });
    expect(of('none')).toMatchObject({ bagsDelivered: 2, kgDelivered: 10 });
  });

  it('adds up to the summary for every figure', async () => {
    const range = { from: MONDAY, to: TUESDAY };
    const rows = await tallies({ ...range, period: 'month' });
    const summary = (await ctx.http().get('/reports/summary').query(range).set(coordinator)).body;
    expect(summary).toMatchObject({ kgIn: 70, kgRefused: 3.75, kgDiscarded: 1.5, bagsPacked: 6, kgPacked: 30, bagsDelivered: 6, kgDelivered: 30 });
    for (const f of FIGURES) expect([f, total(rows, f)]).toEqual([f, summary[f]]);
  });

  it('names the row of no organisation in the Finnish CSV', async () => {
    const res = await ctx.http().get('/reports/tallies').query({ by: 'organisation', period: 'day', from: MONDAY, to: MONDAY, locale: 'fi' })
      .set(coordinator).set('accept', 'text/csv');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/;Ei organisaatiota;30;[^\r]*;none\r\n/);
  });
});
