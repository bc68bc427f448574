import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../../../src/domain/dates.ts';
import { toCsv } from '../../../src/i18n/csv.ts';
import { rebuildAllTallies } from '../../../src/modules/tallies/tallies.service.ts';
import { startTestApp, type TestContext } from '../../helpers/app.ts';
import { post, seedNetwork } from '../../helpers/fixtures.ts';

const EVIL = '=HYPERLINK("http://evil.test","click")';

describe('one CSV writer for every export', () => {
  it.each(['=1+1', '+1', '-1+2', '@SUM(A1)', '\tx', '\rx'])('neutralises text starting like a formula: %j', (text) => {
    expect(toCsv([['a'], [text]], 'en').split('\r\n')[1]).toMatch(/^"?'/);
  });

  it('keeps numbers as numbers (a negative adjustment is not quoted) and writes the Finnish style with a BOM', () => {
    expect(toCsv([['name', 'kg'], ['Leipä', -0.25]], 'en')).toBe('name,kg\r\nLeipä,-0.25\r\n');
    expect(toCsv([['name', 'kg'], ['Leipä', -0.25]], 'fi')).toBe('\ufeffname;kg\r\nLeipä;-0,25\r\n');
  });
});

describe('CSV exports over HTTP', () => {
  let ctx: TestContext;
  let net: Awaited<ReturnType<typeof seedNetwork>>;
  let lotId: string;
  const today = localDate(new Date());
  beforeAll(async () => {
    ctx = await startTestApp();
    net = await seedNetwork(ctx);
    const patched = await ctx.http().patch(`/sites/${net.donor.id}`).set(net.auth).send({ name: EVIL });
    expect(patched.status).toBe(200);
    const intake = await post(ctx, net.auth, '/intakes', {
      donorId: net.donor.id, lines: [{ category: 'bread', kg: 2.5, temperatureClass: 'ambient', dateKind: 'none', storageUnitId: net.units.ambient.id }],
    });
    lotId = intake.lots[0].id;
    await rebuildAllTallies(ctx.deps.database);
  });
  afterAll(() => ctx?.close());

  it('the tallies CSV neutralises a donor named like a formula', async () => {
    const res = await ctx.http().get('/reports/tallies').query({ from: today, to: today, period: 'day', by: 'donor' }).set(net.auth).set('accept', 'text/csv');
    expect(res.status).toBe(200);
    const row = res.text.split('\r\n')[1];
    expect(row).toContain(`"'=HYPERLINK(""http://evil.test"",""click"")"`);
    expect(row).not.toMatch(/,"?=HYPERLINK/);
  });

  it('the recall CSV takes locale=fi: semicolons, decimal commas and a BOM', async () => {
    const fi = await ctx.http().get('/recalls').query({ lotId, locale: 'fi' }).set(net.auth).set('accept', 'text/csv').buffer(true)
      .parse((r, done) => { let s = ''; r.setEncoding('utf8'); r.on('data', (c: string) => { s += c; }); r.on('end', () => done(null, s)); });
    expect(fi.status).toBe(200);
    const text = fi.body as string;
    expect(text.startsWith('\ufeffrecord;lot_ids;')).toBe(true);
    expect(text).toMatch(/\r\nlot_stock;[^\r]*;2,5;/);
    const en = await ctx.http().get('/recalls').query({ lotId }).set(net.auth).set('accept', 'text/csv');
    expect(en.text.startsWith('record,lot_ids,')).toBe(true);
    expect(en.text).toMatch(/\r\nlot_stock,[^\r]*,2\.5,/);
  });
});
