import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoWeek, localTimeOnDate } from '../../../src/domain/dates.ts';
import { rebuildAllTallies } from '../../../src/modules/tallies/tallies.service.ts';
import { startTestApp, type TestContext } from '../../helpers/app.ts';
import { testClock } from '../../helpers/reservations.ts';
import { MONTH, buildMonth } from './month.ts';

type Month = Awaited<ReturnType<typeof buildMonth>>;
const sum = <T>(xs: readonly T[], f: (x: T) => number) => xs.reduce((s, x) => s + f(x), 0);

/**
 * November 2026 of a network of 3 organisations and 5 points, built through the API, and the
 * funder's report and two donors' certificates checked against sums of what the test told
 * the API (not against the report code's own queries).
 */
describe("the funder's report and the donors' certificates over a month", () => {
  let ctx: TestContext;
  let m: Month;
  const clock = testClock(localTimeOnDate(MONTH.from, '06:00'));
  beforeAll(async () => {
    ctx = await startTestApp({ now: clock.now, env: { TOKEN_TTL_HOURS: String(24 * 60) } });
    m = await buildMonth(ctx, clock);
    await ctx.deps.outbox.drain();
    await rebuildAllTallies(ctx.deps.database);
  }, 240_000);
  afterAll(() => ctx?.close());

  const get = (path: string, query: object = MONTH) => ctx.http().get(path).query(query).set(m.coordinator);

  it('sums kg in, kg out, bags, households and persons exactly, in total and per organisation', async () => {
    const res = await get('/reports/funder');
    expect(res.status).toBe(200);
    const { log } = m;
    const inMonth = log.intakes.filter((i) => i.day >= MONTH.from && i.day <= MONTH.to);
    const d = log.distributions;
    const expected = {
      from: MONTH.from, to: MONTH.to,
      kgIn: sum(inMonth, (i) => i.grams) / 1000,
      kgDiscarded: log.discardsG / 1000,
      bagsPacked: log.bagsPacked,
      bagsDelivered: sum(log.deliveries, (x) => x.bags),
      kgOut: sum(log.deliveries, (x) => x.grams) / 1000,
      households: sum(d, (x) => x.households),
      persons: sum(d, (x) => x.persons),
      children: sum(d, (x) => x.children),
      seniors: sum(d, (x) => x.seniors),
      bagsHandedOut: sum(d, (x) => x.bagsHandedOut),
      distributions: d.length,
      pointsActive: 5,
      organisationsActive: 3,
    };
    expect(res.body).toMatchObject(expected);
    expect(res.body.bagsPacked).toBe(res.body.bagsDelivered); // each day packed exactly what went out
    expect(log.corrections).toBeGreaterThan(0); // some days were corrected: only the corrections count
    for (const org of m.orgs) {
      const ds = d.filter((x) => x.organisation === org.id);
      const dl = log.deliveries.filter((x) => x.organisation === org.id);
      expect(res.body.byOrganisation.find((o: { organisationId: string }) => o.organisationId === org.id)).toEqual({
        organisationId: org.id, name: org.name, foodAidRegistered: true,
        pointsActive: new Set(ds.map((x) => x.point)).size,
        bagsDelivered: sum(dl, (x) => x.bags), kgOut: sum(dl, (x) => x.grams) / 1000,
        households: sum(ds, (x) => x.households), persons: sum(ds, (x) => x.persons), children: sum(ds, (x) => x.children),
        seniors: sum(ds, (x) => x.seniors), bagsHandedOut: sum(ds, (x) => x.bagsHandedOut), distributions: ds.length,
      });
    }
    expect(res.body.byOrganisation).toHaveLength(3);
    console.info(`funder's report ${MONTH.from}..${MONTH.to}: ${JSON.stringify({ ...res.body, byOrganisation: undefined })}`);
  });

  it('counts volunteers, their hours and the new ones from shift attendance', async () => {
    const res = await get('/reports/funder');
    const inMonth = m.log.attendance.filter((a) => a.present && a.day >= MONTH.from && a.day <= MONTH.to);
    const before = new Set(m.log.attendance.filter((a) => a.present && a.day < MONTH.from).map((a) => a.user));
    const active = new Set(inMonth.map((a) => a.user));
    expect(active.size).toBe(4); // the fifth only ever failed to come
    expect(res.body).toMatchObject({
      volunteersActive: active.size,
      volunteerHours: Math.round((sum(inMonth, (a) => a.minutes) / 60) * 100) / 100,
      newVolunteers: [...active].filter((u) => !before.has(u)).length,
    });
    expect(res.body.newVolunteers).toBe(2);
  });

  it('answers CSV in the Finnish format: one row per organisation and the network, the same figures', async () => {
    const json = (await get('/reports/funder')).body;
    const res = await get('/reports/funder').set('accept', 'text/csv');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.text.startsWith('\ufeffAjanjakso;Organisaatio;Ruoka-apurekisteröinti;Toimivat jakopisteet;')).toBe(true);
    const rows = res.text.slice(1).trim().split('\r\n').map((r) => r.split(';'));
    expect(rows).toHaveLength(1 + 3 + 1);
    const header = rows[0];
    const network = rows[4];
    const col = (label: string) => network[header.indexOf(label)];
    expect(network[1]).toBe('Koko verkosto');
    expect(col('Vastaanotettu ruoka (kg)')).toBe(String(json.kgIn).replace('.', ','));
    expect(col('Jakopisteisiin toimitettu (kg)')).toBe(String(json.kgOut).replace('.', ','));
    expect(col('Kotitaloudet')).toBe(String(json.households));
    expect(col('Henkilöt')).toBe(String(json.persons));
    expect(rows.slice(1, 4).map((r) => r[1]).sort()).toEqual(m.orgs.map((o) => o.name).sort());
    expect(rows.slice(1, 4).map((r) => r[2])).toEqual(['kyllä', 'kyllä', 'kyllä']); // every organisation has its food-aid registration
    // The period the Finnish way, never ISO.
    expect(rows.slice(1).map((r) => r[0])).toEqual(Array(4).fill('1.–30.11.2026'));
  });

  it('prints a Finnish page with the figures and a chart', async () => {
    const json = (await get('/reports/funder')).body;
    const res = await get('/reports/funder').set('accept', 'text/html');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('<html lang="fi">');
    expect(res.text).toContain('<h1>Rahoittajaraportti</h1>');
    expect(res.text).toContain('<p>Ajanjakso: 1.–30.11.2026</p>');
    expect(res.text).not.toContain('2026-11-');
    expect(res.text).toContain(`<th>Kotitaloudet</th><td class="n">${json.households.toLocaleString('fi-FI')}</td>`);
    expect(res.text).toContain('<svg');
    for (const org of m.orgs) expect(res.text).toContain(org.name);
    // The chart is drawn without script: the page's one script is its print button's.
    expect(res.text.match(/<script[^>]*>[\s\S]*?<\/script>/g)).toEqual([expect.stringContaining('window.print()')]);
  });

  it.each([[0, 'Prisma Mikkeli'], [1, 'Leipomo Rouhiainen']])("certifies donor %i's kilos by category and month and the CO₂e avoided", async (i, name) => {
    const donor = m.donors[i];
    const res = await ctx.http().get(`/reports/donors/${donor.id}/certificate`).query(MONTH).set(m.coordinator).set('accept', 'application/json');
    expect(res.status).toBe(200);
    const mine = m.log.intakes.filter((x) => x.donor === donor.id && x.day >= MONTH.from && x.day <= MONTH.to);
    const categories = [...new Set(mine.map((x) => x.category))].sort();
    const totalG = sum(mine, (x) => x.grams);
    const refused = m.log.refusals.filter((x) => x.donor === donor.id && x.day >= MONTH.from && x.day <= MONTH.to);
    if (i === 0) expect(refused.length).toBeGreaterThan(0);
    if (i === 1) expect(refused).toEqual([]);
    expect(res.body).toMatchObject({
      donorId: donor.id, donorName: name, from: MONTH.from, to: MONTH.to,
      kgReceived: totalG / 1000, kgRefused: sum(refused, (x) => x.grams) / 1000, co2eFactorKgPerKg: 2.5, co2eAvoidedKg: Math.round(totalG * 2.5) / 1000,
    });
    expect(res.body.refusedByReason).toEqual((['damaged', 'too_warm'] as const).flatMap((reason) => {
      const g = sum(refused.filter((x) => x.reason === reason), (x) => x.grams);
      return g ? [{ reason, kgRefused: g / 1000 }] : [];
    }));
    expect(res.body.co2eFactorSource).toMatch(/^FAO \(2013\)\. Food wastage footprint/);
    expect(res.body.months).toEqual(categories.map((category) => ({
      month: '2026-11', category, kgReceived: sum(mine.filter((x) => x.category === category), (x) => x.grams) / 1000,
    })));

    const page = await ctx.http().get(`/reports/donors/${donor.id}/certificate`).query(MONTH).set(m.coordinator);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('<h1>Todistus lahjoitetusta ruoasta</h1>');
    expect(page.text).toContain(name);
    expect(page.text).toContain((totalG / 1000).toLocaleString('fi-FI', { maximumFractionDigits: 3 }));
    expect(page.text).toContain('2,5 kg CO₂e / kg');
    expect(page.text).toContain('FAO (2013). Food wastage footprint: Impacts on natural resources');
    expect(page.text).toContain(i === 0 ? 'Maitotuotteet' : 'Leipä');
    expect(page.text).toContain('marraskuu 2026');
    expect(page.text).toContain('<p>Ajanjakso: 1.–30.11.2026</p>');
    expect(page.text).not.toContain('2026-11-');
    expect(page.text).toContain(`<tr><th>Vastaanotosta kieltäydytty (kg)</th><td class="n">${(sum(refused, (x) => x.grams) / 1000).toLocaleString('fi-FI', { maximumFractionDigits: 3 })}</td></tr>`);
    console.info(`certificate ${name}: ${res.body.kgReceived} kg received, ${res.body.kgRefused} kg refused, ${res.body.co2eAvoidedKg} kg CO₂e`);
  });

  it("sums the points' households by ISO week and point, and by month and organisation", async () => {
    const weekly = await get('/reports/distributions', { ...MONTH, period: 'week', by: 'point' });
    expect(weekly.status).toBe(200);
    const expected = new Map<string, { households: number; persons: number; distributions: number }>();
    for (const d of m.log.distributions) {
      const k = `${isoWeek(d.day)} ${d.point}`;
      const e = expected.get(k) ?? { households: 0, persons: 0, distributions: 0 };
      expected.set(k, { households: e.households + d.households, persons: e.persons + d.persons, distributions: e.distributions + 1 });
    }
    expect(new Map(weekly.body.items.map((i: { period: string; key: string; households: number; persons: number; distributions: number }) =>
      [`${i.period} ${i.key}`, { households: i.households, persons: i.persons, distributions: i.distributions }]))).toEqual(expected);
    const monthly = await get('/reports/distributions', { ...MONTH, by: 'organisation' });
    expect(monthly.body.items.map((i: { name: string; households: number }) => [i.name, i.households]).sort()).toEqual(
      m.orgs.map((o) => [o.name, sum(m.log.distributions.filter((d) => d.organisation === o.id), (d) => d.households)]).sort(),
    );
  });

  it('splits tallies by organisation: bags under the points’ organisations, the donors’ food (theirs: none) under `none`', async () => {
    const res = await get('/reports/tallies', { ...MONTH, by: 'organisation', period: 'month' });
    expect(res.status).toBe(200);
    const items = res.body.items as { key: string; name?: string; bagsDelivered: number; bagsPacked: number; kgIn: number }[];
    expect(items.filter((x) => x.key !== 'none').map((x) => [x.name, x.bagsDelivered]).sort()).toEqual(
      m.orgs.map((o) => [o.name, sum(m.log.deliveries.filter((d) => d.organisation === o.id), (d) => d.bags)]).sort(),
    );
    const inMonth = m.log.intakes.filter((i) => i.day >= MONTH.from && i.day <= MONTH.to);
    expect(items.find((x) => x.key === 'none')).toMatchObject({ kgIn: sum(inMonth, (i) => i.grams) / 1000, bagsDelivered: 0, bagsPacked: 0 });
    // The depot's organisation packed every bag.
    expect(items.find((x) => x.key === m.orgs[2].id)?.bagsPacked).toBe(m.log.bagsPacked);
  });

  it.each([
    ['/reports/funder', { from: '2026-12-01', to: '2026-11-01' }, 400],
    ['/reports/funder', { from: '2026-11-01' }, 400],
    ['/reports/funder', { ...MONTH, locale: 'sv' }, 400],
    ['/reports/distributions', { ...MONTH, by: 'donor' }, 400],
    ['/reports/distributions', { from: '2026-12-01', to: '2026-11-01' }, 400],
    ['/reports/donors/00000000-0000-4000-8000-000000000000/certificate', MONTH, 404],
  ])('GET %s?%o is %i', async (path, query, status) => {
    const res = await get(path, query);
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });

  it("is 404 for a point's certificate (not a donor) and 403 for other roles", async () => {
    expect((await get(`/reports/donors/${m.points[0].site.id}/certificate`)).status).toBe(404);
    const res = await ctx.http().get('/reports/funder').query(MONTH).set(m.points[0].lead);
    expect(res.status).toBe(403);
  });
});
