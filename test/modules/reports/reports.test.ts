import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildAllTallies } from '../../../src/modules/tallies/tallies.service.ts';
import { bearer, startTestApp, type TestContext } from '../../helpers/app.ts';
import { insertNetwork, writeHistory, type Network } from '../../helpers/history.ts';

/**
 * A small known history: 12.5 kg of dairy from the shop on New Year's Eve 2026 (ISO week
 * 2026-W53), 2.25 kg of bread from the farm (a producer) on 1 Jan 2027 (still 2026-W53), two
 * bags packed from the dairy, one delivered to point A on 2 Jan, 0.5 kg discarded as spoiled.
 */
describe('reports', () => {
  let ctx: TestContext;
  let auth: { authorization: string };
  let net: Network;
  beforeAll(async () => {
    ctx = await startTestApp();
    auth = bearer((await ctx.userToken('coordinator')).token);
    net = await insertNetwork(ctx.deps.database.db, 'Ä');
    await writeHistory(ctx.deps.database.db, net, [
      {
        donor: 0, category: 'dairy', receivedAt: new Date('2026-12-31T10:00:00Z'), grams: 12_500,
        later: [{ kind: 'pack', afterMs: 3_600_000, fraction: 0.8, reason: 'x', bags: 2, deliver: true, deliverAfterMs: 2 * 86_400_000, point: 0, bagType: 'food' }],
      },
      {
        donor: 1, category: 'bread', receivedAt: new Date('2027-01-01T08:00:00Z'), grams: 2_250,
        later: [{ kind: 'discard', afterMs: 60_000, fraction: 0.25, reason: 'spoiled', bags: 1, deliver: false, deliverAfterMs: 0, point: 0, bagType: 'bread' }],
      },
    ]);
    await rebuildAllTallies(ctx.deps.database);
  });
  afterAll(() => ctx?.close());

  const get = (path: string, query: Record<string, string>) => ctx.http().get(path).query(query).set(auth);

  it('rolls days up into ISO weeks, so New Year 2027 stays in 2026-W53', async () => {
    const res = await get('/reports/tallies', { from: '2026-12-01', to: '2027-01-31', period: 'week', by: 'category' });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({ period: '2026-W53', key: 'bread', kgIn: 2.25, kgDiscarded: 0.562, kgDiscardedByReason: expect.objectContaining({ spoiled: 0.562 }), bagsPacked: 0 }),
      expect.objectContaining({ period: '2026-W53', key: 'dairy', kgIn: 12.5, kgPacked: 10, bagsPacked: 2 }),
    ]);
  });

  it('counts per category and per donor the bags that hold their food', async () => {
    const byCategory = await get('/reports/tallies', { from: '2026-12-01', to: '2027-01-31', period: 'month', by: 'category' });
    expect(byCategory.body.items.map((i: { period: string; key: string; bagsPacked: number }) => [i.period, i.key, i.bagsPacked]))
      .toEqual([['2026-12', 'dairy', 2], ['2027-01', 'bread', 0]]);
    const byDonor = await get('/reports/tallies', { from: '2026-12-01', to: '2027-01-31', period: 'month', by: 'donor' });
    expect(byDonor.body.items.find((i: { key: string; period: string }) => i.key === net.donorIds[0] && i.period === '2026-12')).toMatchObject({ bagsPacked: 2 });
  });

  it('reports bags delivered per point by local month, with the point name', async () => {
    const res = await get('/reports/tallies', { from: '2026-12-01', to: '2027-01-31', period: 'month', by: 'point', depotId: net.depotId });
    expect(res.status).toBe(200);
    // Both bags of the run go to point A and B in turn (history.ts), delivered on 2 Jan.
    expect(res.body.items.map((i: { period: string; name: string; bagsDelivered: number }) => [i.period, i.name, i.bagsDelivered]))
      .toEqual([['2027-01', 'Point A Ä', 1], ['2027-01', 'Point B Ä', 1]]);
    const byBag = await get('/reports/tallies', { from: '2026-12-01', to: '2027-01-31', period: 'day', by: 'bagType' });
    expect(byBag.body.items).toEqual([
      expect.objectContaining({ period: '2026-12-31', key: 'food', bagsPacked: 2, kgPacked: 10, bagsDelivered: 0 }),
      expect.objectContaining({ period: '2027-01-02', key: 'food', bagsPacked: 0, bagsDelivered: 2, kgDelivered: 10 }),
    ]);
  });

  it('answers CSV on Accept: text/csv, with Finnish headers, semicolons and decimal commas for ?locale=fi', async () => {
    const en = await get('/reports/tallies', { from: '2026-12-01', to: '2027-01-31', period: 'week', by: 'donor' }).set('accept', 'text/csv');
    expect(en.status).toBe(200);
    expect(en.headers['content-type']).toMatch(/^text\/csv/);
    expect(en.text.split('\r\n')[0]).toBe('period,name,kgIn,kgDiscarded,kgDiscardedSpoiled,kgDiscardedExpired,kgDiscardedTemperature,kgDiscardedRecall,kgDiscardedOther,kgAdjusted,bagsPacked,kgPacked,bagsDelivered,kgDelivered,kgRefused,kgRefusedUseByPast,kgRefusedTooWarm,kgRefusedDamaged,kgRefusedSpoiled,kgRefusedOther,key');
    expect(en.text).toMatch(new RegExp(`2026-W53,Shop Ä,12.5,[^\r]*,${net.donorIds[0]}\r\n`));
    const fi = await get('/reports/tallies', { from: '2026-12-01', to: '2027-01-31', period: 'week', by: 'donor', locale: 'fi' }).set('accept', 'text/csv');
    expect(fi.text.startsWith('\ufeffJakso;Nimi;Vastaanotettu (kg);Hävitetty (kg);')).toBe(true);
    expect(fi.text).toMatch(new RegExp(`2026-W53;Shop Ä;12,5;0;[^\r]*;${net.donorIds[0]}\r\n`));
    expect(fi.text).toContain('2026-W53;Farm Ä;2,25;0,562;0,562;');
  });

  it('sums a period with producers, points served and a mass balance that closes to the gram', async () => {
    const res = await get('/reports/summary', { from: '2027-01-01', to: '2027-01-02', depotId: net.depotId });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      from: '2027-01-01', to: '2027-01-02', depotId: net.depotId,
      kgIn: 2.25, kgInProducers: 2.25, kgRefused: 0, kgDiscarded: 0.562,
      kgDiscardedByReason: { spoiled: 0.562, expired: 0, temperature: 0, recall: 0, other: 0 },
      kgAdjusted: 0, bagsPacked: 0, kgPacked: 0, bagsDelivered: 2, kgDelivered: 10, pointsServed: 2, averageKgPerBag: 5,
      stockKgStart: 2.5, stockKgEnd: 4.188, massBalanceDifferenceKg: 0,
    });
  });

  it('draws kilos in and bags delivered per week as an SVG with the data in it', async () => {
    const res = await get('/reports/chart.svg', { from: '2026-12-01', to: '2027-01-31', by: 'donor' }).buffer(true).parse((r, cb) => {
      let text = '';
      r.on('data', (c: Buffer) => (text += c.toString('utf8')));
      r.on('end', () => cb(null, text));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
    const svg = res.body as string;
    expect(svg.startsWith('<svg')).toBe(true);
    for (const text of ['Kilos in per week', 'Bags delivered per week', '2026-W53', 'Shop Ä', 'Farm Ä']) expect(svg).toContain(text);
    // Every week of the range is on the axis (twice: kilos and bags), the empty ones too.
    for (const week of ['2026-W49', '2026-W50', '2026-W51', '2026-W52', '2026-W53', '2027-W01', '2027-W02', '2027-W03', '2027-W04']) {
      expect(svg.split(`>${week}<`).length - 1, week).toBe(2);
    }
    // Two bags delivered: the bag axis counts 0, 1, 2, never 0.5 or 1.5 (its labels come between the two titles).
    const bagAxis = svg.slice(svg.indexOf('Kilos in per week'), svg.indexOf('Bags delivered per week'));
    const ticks = [...bagAxis.matchAll(/<text[^>]*>([\d.,]+)<\/text>/g)].map((m) => m[1]);
    expect(ticks.length).toBeGreaterThan(1);
    expect(ticks.filter((t) => !/^\d+$/.test(t))).toEqual([]);
  });

  const svgOf = async (query: Record<string, string>, headers: Record<string, string> = {}) => {
    const res = await get('/reports/chart.svg', query).set(headers).buffer(true).parse((r, cb) => {
      let text = '';
      r.on('data', (c: Buffer) => (text += c.toString('utf8')));
      r.on('end', () => cb(null, text));
    });
    expect(res.status).toBe(200);
    return { svg: res.body as string, language: res.headers['content-language'] };
  };

  it("speaks the reader's language and follows the chosen period on its titles and axis", async () => {
    const fi = await svgOf({ from: '2026-12-01', to: '2027-01-31', period: 'month' }, { 'accept-language': 'fi-FI,fi;q=0.9,en;q=0.8' });
    expect(fi.language).toBe('fi');
    for (const text of ['Kiloja sisään kuukausittain', 'Toimitetut kassit kuukausittain', 'Kuukausi', 'joulukuu 2026', 'tammikuu 2027', 'kassia', 'Kassi 1.12.2026–31.1.2027']) {
      expect(fi.svg, text).toContain(text);
    }
    for (const text of ['Kilos', 'week', 'W53', 'Bags']) expect(fi.svg, text).not.toContain(text);

    const en = await svgOf({ from: '2026-12-01', to: '2027-01-31', period: 'month', locale: 'en' }, { 'accept-language': 'fi' });
    expect(en.language).toBe('en');
    for (const text of ['Kilos in per month', 'Bags delivered per month', '>Month<', 'December 2026', 'January 2027']) expect(en.svg, text).toContain(text);
    expect(en.svg).not.toContain('Kiloja');

    // By day: every day of the range has its place, New Year's Eve's kilos and 2 January's bags among them.
    const days = await svgOf({ from: '2026-12-30', to: '2027-01-03', period: 'day', locale: 'fi' });
    for (const text of ['Kiloja sisään päivittäin', 'Toimitetut kassit päivittäin', '>Päivä<']) expect(days.svg, text).toContain(text);
    for (const day of ['30.12.', '31.12.', '1.1.', '2.1.', '3.1.']) expect(days.svg.split(`>${day}<`).length - 1, day).toBe(2);
  });

  it.each([
    ['/reports/tallies', { from: '2027-02-01', to: '2027-01-01', by: 'point' }, 'invalid_range'],
    ['/reports/summary', { from: '2027-02-01', to: '2027-01-01' }, 'invalid_range'],
    ['/reports/chart.svg', { from: '2027-02-01', to: '2027-01-01' }, 'invalid_range'],
    ['/reports/tallies', { from: '2020-01-01', to: '2025-01-01', by: 'point' }, 'range_too_long'],
    ['/reports/summary', { from: '2020-01-01', to: '2025-01-01' }, 'range_too_long'],
    ['/reports/tallies', { from: '2027-01-01', to: '2027-01-31', by: 'vehicle' }, 'validation_failed'],
    ['/reports/chart.svg', { from: '2027-01-01', to: '2027-01-31', by: 'vehicle' }, 'validation_failed'],
    ['/reports/chart.svg', { from: '2027-01-01', to: '2027-01-31', period: 'year' }, 'validation_failed'],
    ['/reports/chart.svg', { from: '2027-01-01', to: '2027-01-31', locale: 'sv' }, 'validation_failed'],
    ['/reports/tallies', { from: '2027-01-01', to: '2027-01-31', by: 'point', period: 'year' }, 'validation_failed'],
    ['/reports/tallies', { from: '2027-02-30', to: '2027-03-31', by: 'point' }, 'validation_failed'],
    ['/reports/summary', { from: 'yesterday', to: '2027-03-31' }, 'validation_failed'],
    ['/reports/summary', { from: '2027-01-01', to: '2027-03-31', depotId: 'main' }, 'validation_failed'],
  ])('GET %s?%o is 400 %s', async (path, query, code) => {
    const res = await get(path, query);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe(code);
  });

  it('accepts a range of exactly five years', async () => {
    expect((await get('/reports/summary', { from: '2020-01-01', to: '2024-12-31' })).status).toBe(200);
  });

  it('is for coordinators only', async () => {
    const wh = await ctx.userToken('warehouse');
    const q = { from: '2027-01-01', to: '2027-01-31', by: 'point' };
    expect((await ctx.http().get('/reports/tallies').query(q).set(bearer(wh.token))).status).toBe(403);
    expect((await ctx.http().get('/reports/summary').query(q)).status).toBe(401);
  });
});

describe('reports in embedded mode (PGlite)', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await startTestApp({ mode: 'embedded' });
  });
  afterAll(() => ctx?.close());

  it('recounts and reports the same way, with a mass balance of 0 across the October DST change', async () => {
    const auth = bearer((await ctx.userToken('coordinator')).token);
    const net = await insertNetwork(ctx.deps.database.db);
    await writeHistory(ctx.deps.database.db, net, [{
      donor: 1, category: 'fruit_veg', receivedAt: new Date('2026-10-24T21:30:00Z'), grams: 8_000,
      later: [{ kind: 'pack', afterMs: 3_600_000, fraction: 0.5, reason: 'x', bags: 2, deliver: true, deliverAfterMs: 86_400_000, point: 1, bagType: 'family' }],
    }]);
    await rebuildAllTallies(ctx.deps.database);
    const res = await ctx.http().get('/reports/summary').query({ from: '2026-10-25', to: '2026-10-26' }).set(auth);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ kgIn: 8, kgInProducers: 8, kgPacked: 4, bagsPacked: 2, bagsDelivered: 2, stockKgStart: 0, stockKgEnd: 4, massBalanceDifferenceKg: 0 });
    const weekly = await ctx.http().get('/reports/tallies').query({ from: '2026-10-01', to: '2026-10-31', period: 'week', by: 'bagType' }).set(auth);
    // Packed on Sunday 25 Oct (the last day of 2026-W43), delivered on Monday (2026-W44).
    expect(weekly.body.items).toEqual([
      expect.objectContaining({ period: '2026-W43', key: 'family', bagsPacked: 2, bagsDelivered: 0 }),
      expect.objectContaining({ period: '2026-W44', key: 'family', bagsPacked: 0, bagsDelivered: 2, kgDelivered: 4 }),
    ]);
  });
});
