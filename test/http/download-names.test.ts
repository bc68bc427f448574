import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lotCode } from '../../src/domain/labels.ts';
import { fileNameOf } from '../../web/src/lib/download.ts';
import { line, startWarehouse } from '../helpers/warehouse.ts';

/**
 * Every CSV download is named by what it holds — the unit, the donor, the lot's code, the days —
 * in the CSV's language, never by an id; a name beyond ASCII comes as UTF-8 with an ASCII
 * stand-in, and the app saves the file under the UTF-8 name.
 */
describe('download names', () => {
  let w: Awaited<ReturnType<typeof startWarehouse>>;
  let unitId: string;
  let lotId: string;
  const days = 'from=2027-03-01&to=2027-03-23';
  beforeAll(async () => {
    w = await startWarehouse('2027-03-23T08:00:00+02:00');
    unitId = (await w.ctx.http().post('/storage-units').set(w.net.auth).send({ depotId: w.net.depot.id, name: 'Kylmiö 2', temperatureClass: 'chilled', capacityKg: 500 }).expect(201)).body.id;
    lotId = (await w.ok('/intakes', { donorId: w.net.donor.id, lines: [line(unitId, { category: 'dairy', kg: 5, date: '2027-03-30' })] })).lots[0].id;
  });
  afterAll(() => w?.ctx.close());

  const nameOf = async (path: string) => {
    const res = await w.ctx.http().get(path).set(w.net.auth).set('accept', 'text/csv');
    expect({ path, status: res.status }).toEqual({ path, status: 200 });
    return { name: fileNameOf(res.headers['content-disposition']), header: res.headers['content-disposition'] as string };
  };

  it('names the own-check record by its unit and days, in UTF-8 with an ASCII stand-in', async () => {
    const fi = await nameOf(`/storage-units/${unitId}/temperature-readings?${days}&locale=fi`);
    expect(fi.name).toBe('omavalvonta-Kylmiö-2-2027-03-01–2027-03-23.csv');
    expect(fi.header).toBe("attachment; filename=\"omavalvonta-Kylmio-2-2027-03-01-2027-03-23.csv\"; filename*=UTF-8''omavalvonta-Kylmi%C3%B6-2-2027-03-01%E2%80%932027-03-23.csv");
    expect((await nameOf(`/storage-units/${unitId}/temperature-readings?${days}&locale=en`)).name).toBe('own-check-Kylmiö-2-2027-03-01–2027-03-23.csv');
  });

  it('names the reports, the recalls and the audit trail by what they hold, never by an id', async () => {
    const names = [
      await nameOf(`/reports/tallies?${days}&by=point&period=week&locale=fi`),
      await nameOf(`/reports/tallies?${days}&by=category&period=month&locale=en`),
      await nameOf(`/reports/funder?${days}&locale=fi`),
      await nameOf(`/recalls?lotId=${lotId}&locale=fi`),
      await nameOf(`/recalls?donorId=${w.net.donor.id}&${days}&locale=fi`),
      await nameOf(`/recalls?product=maito&locale=en`),
      await nameOf(`/audit?${days}&locale=fi`),
    ].map((n) => n.name);
    expect(names).toEqual([
      'luvut-jakopisteittäin-viikoittain-2027-03-01–2027-03-23.csv',
      'tallies-by-category-monthly-2027-03-01–2027-03-23.csv',
      'rahoittajaraportti-2027-03-01–2027-03-23.csv',
      `takaisinveto-erä-${lotCode(lotId)}.csv`,
      'takaisinveto-Test-shop-2027-03-01–2027-03-23.csv',
      'recall-maito.csv',
      'tapahtumaloki-2027-03-01–2027-03-23.csv',
    ]);
    for (const name of names) expect(name).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  });
});
