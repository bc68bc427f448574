/// <reference lib="dom" />
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate, localTimeOnDate, weekdayOf } from '../../../src/domain/dates.ts';
import { bearer } from '../../helpers/app.ts';
import { PHONE, SHOTS, appInBrowser, axeProblems, signIn, widerThanPhone } from '../../helpers/browser.ts';
import { eventually } from '../../helpers/eventually.ts';
import { post } from '../../helpers/fixtures.ts';
import { stockBags } from '../../helpers/reservations.ts';
import { planAndWait } from '../../helpers/route-plans.ts';

/**
 * The donor's side in one day, in Debian's Chromium at 360 px (issue 20's "done when"): a shop
 * says from its link that it has nothing on Tuesday and Tuesday's plan has no stop there; a farm
 * offers 1,500 kg of chilled vegetables in the morning from its page; the coordinator accepts it
 * for today on "Tarjoukset"; the driver's route changes on the phone with the message; the driver
 * records the kilos; they reach the tallies, the farm's certificate and the funder's report; an
 * offer no route can take is taken for tomorrow; a revoked link is refused.
 * The server's clock is 9.00 on today's date (the phones read today's route by their own date).
 */
const today = localDate(new Date());
const nine = localTimeOnDate(today, '09:00');
/** The next Tuesday after today. */
const tuesday = addDays(today, ((2 - new Date(`${today}T12:00:00Z`).getUTCDay() + 7) % 7) || 7);
const fiDay = (d: string) => `ti ${Number(d.slice(8))}.${Number(d.slice(5, 7))}.${d.slice(0, 4)}`;

describe("a donor's day: a skip, an offer, a changed route and its kilos", () => {
  const world = appInBrowser({ env: { PLANNING_TIME_LIMIT_MS: '200', DONOR_RATE_PER_MIN: '10000' }, now: () => nine });
  const auth = { authorization: '' };
  let coordinator: { email: string; password: string; token: string };
  let driver: { email: string; password: string; token: string };
  let depotId = '';
  let shop: { id: string };
  let farm: { id: string };
  let links: { shop: string; farm: string; farmId: string };
  const api = async (path: string, query: Record<string, string> = {}) => (await world.ctx.http().get(path).query(query).set(auth).set('accept', 'application/json')).body;
  const shot = (page: import('playwright-core').Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  const phone = (): Promise<BrowserContext> => world.browser.newContext(PHONE);

  beforeAll(async () => {
    const { ctx } = world;
    coordinator = await ctx.userToken('coordinator');
    auth.authorization = bearer(coordinator.token).authorization;
    const depot = await post(ctx, auth, '/sites', { kind: 'depot', name: 'Moision varasto', municipality: 'Mikkeli', lat: 61.701, lon: 27.233, opensAt: '07:00', closesAt: '18:00' });
    depotId = depot.id;
    await post(ctx, auth, '/storage-units', { depotId, name: 'Kylmähuone', temperatureClass: 'chilled', capacityKg: 5000 });
    const point = await post(ctx, auth, '/sites', { kind: 'point', name: 'Anttolan jakopiste', municipality: 'Mikkeli', address: 'Anttolantie 1', lat: 61.585, lon: 27.646, depotId });
    await post(ctx, auth, `/sites/${point.id}/distribution-days`, { weekday: weekdayOf(today), start: '14:00', end: '16:00' });
    shop = await post(ctx, auth, '/sites', { kind: 'donor', name: 'Lähikauppa', municipality: 'Mikkeli', lat: 61.69, lon: 27.27, depotId, donorKind: 'shop' });
    const shopB = await post(ctx, auth, '/sites', { kind: 'donor', name: 'Kauppa B', municipality: 'Mikkeli', lat: 61.68, lon: 27.25, depotId, donorKind: 'shop' });
    for (const s of [shop, shopB]) await post(ctx, auth, `/sites/${s.id}/pickup-schedules`, { weekdays: ['tue'], windowStart: '14:00', windowEnd: '15:00', expectedKg: 30 });
    farm = await post(ctx, auth, '/sites', { kind: 'donor', name: 'Tuottaja X', municipality: 'Mikkeli', lat: 61.66, lon: 27.3, depotId, donorKind: 'producer' });
    await post(ctx, auth, '/vehicles', { depotId, name: 'Kylmäauto', refrigerated: true, capacityKg: 2000, capacityBags: 100, shiftStart: '08:00', shiftEnd: '17:00' });
    await stockBags(ctx.deps.database.db, { depotId, count: 6, weightG: 5000, packedAt: nine });
    await post(ctx, auth, '/reservations', { pointId: point.id, date: today, bagType: 'food', bags: 4 });
    driver = await ctx.userToken('driver');
    const plan = await planAndWait(ctx, auth, depotId, today);
    await post(ctx, auth, `/route-plans/${plan.id}/publish`, { assignments: plan.routes.map((r: { id: string }) => ({ routeId: r.id, driverId: (driver as unknown as { id: string }).id })) }, 200);
    const shopLink = await post(ctx, auth, `/sites/${shop.id}/donor-links`, { name: 'Myymäläpäällikkö' });
    const farmLink = await post(ctx, auth, `/sites/${farm.id}/donor-links`, { name: 'Tilan emäntä', phone: '+358401234567' });
    links = { shop: `${world.base}${shopLink.path}`, farm: `${world.base}${farmLink.path}`, farmId: farmLink.id };
  }, 120_000);

  it("a shop skips Tuesday's pickup from its link, and Tuesday's plan has no stop there", async () => {
    const context = await phone();
    const page = await context.newPage();
    await page.goto(links.shop);
    const pickup = page.locator('li.pickup', { hasText: fiDay(tuesday) });
    await pickup.getByRole('button', { name: 'Ei noudettavaa tällä kertaa' }).click();
    await pickup.getByText('Ei noudettavaa: nouto jää tällä kertaa väliin').waitFor();
    await context.close();
    const plan = await planAndWait(world.ctx, auth, depotId, tuesday);
    const sites = plan.routes.flatMap((r: { stops: { siteId: string }[] }) => r.stops.map((s) => s.siteId));
    expect(sites).not.toContain(shop.id);
    expect(sites.length).toBeGreaterThan(0);
  }, 60_000);

  it('a farm offers 1,500 kg in the morning; the coordinator accepts it for today; the driver sees the new stop and its message', async () => {
    const farmPhone = await phone();
    const farmPage = await farmPhone.newPage();
    await farmPage.goto(links.farm);
    await farmPage.getByLabel('Arvioitu määrä (kg)').fill('1500');
    await farmPage.getByLabel('Lämpötilaluokka').selectOption({ label: 'Kylmä' });
    await farmPage.getByLabel('Hedelmät ja vihannekset').check();
    const from = farmPage.locator('fieldset', { hasText: 'Valmis noudettavaksi' });
    const until = farmPage.locator('fieldset', { hasText: 'Noudettavissa viimeistään' });
    await from.getByLabel('Päivä').fill(today);
    await from.getByLabel('Klo').fill('10:00');
    await until.getByLabel('Päivä').fill(today);
    await until.getByLabel('Klo').fill('14:00');
    await farmPage.getByLabel('Lisätietoja').fill('2. luokan vihanneksia');
    await farmPage.getByRole('button', { name: 'Lähetä tarjous' }).click();
    await farmPage.getByText('Tarjous lähetetty').waitFor();

    const desk = await phone();
    const page = await signIn(desk, world.base, coordinator.email, coordinator.password);
    await page.getByRole('link', { name: 'Tarjoukset' }).click();
    const card = page.locator('article.offer', { hasText: 'Tuottaja X' });
    await card.getByText('1 500 kg · Kylmä · Hedelmät ja vihannekset').waitFor();
    expect(await axeProblems(page)).toEqual([]);
    await card.getByRole('button', { name: 'Hyväksy: Tuottaja X' }).click();
    expect(await card.getByLabel('Noutopäivä').inputValue()).toBe(today);
    await card.getByRole('button', { name: 'Hyväksy nouto' }).click();
    await page.getByText(/^Hyväksytty ja lisätty reitille: noin klo \d{1,2}\.\d{2}\./).waitFor();
    expect(await axeProblems(page)).toEqual([]);
    expect(await widerThanPhone(page)).toBe(false);
    await shot(page, 'coordinator-offers-360');
    await desk.close();

    const van = await phone();
    // The driver's phone records the pickup at the server's 9.00, not at the machine's hour.
    await van.clock.setFixedTime(nine);
    const route = await signIn(van, world.base, driver.email, driver.password);
    await route.getByRole('link', { name: 'Päivän reitti' }).click();
    const stop = route.locator('li.stop', { hasText: 'Tuottaja X' });
    await stop.locator('.badge.changed', { hasText: 'Uusi' }).waitFor();
    await stop.getByRole('button', { name: 'Merkitse tehdyksi' }).click();
    await stop.getByLabel('Noudettu (kg)').fill('1480');
    await stop.getByRole('button', { name: 'Tallenna' }).click();
    await stop.getByText('Tehty').first().waitFor();
    await route.getByRole('link', { name: 'Kassi' }).click();
    await route.getByRole('link', { name: 'Viestit' }).click();
    await route.getByText(/^Reitille lisätty nouto: Tuottaja X, noin klo \d{1,2}\.\d{2}\.$/).waitFor();
    await van.close();

    // The farm's page: the offer accepted with its window, and the kilos collected.
    await farmPage.reload();
    const offer = farmPage.locator('li.offer.accepted');
    await offer.getByText(/Kiitos! Noudamme \S+ \d+\.\d+\. klo 10–14\./).waitFor();
    await offer.getByText('Noudettu 1 480 kg').waitFor();
    await farmPhone.close();
  }, 90_000);

  it("the kilos reach the tallies, the farm's certificate and the funder's report", async () => {
    const { ctx } = world;
    const wh = await ctx.userToken('warehouse');
    const unit = (await api('/storage-units')).items[0];
    await post(ctx, bearer(wh.token), '/intakes', {
      donorId: farm.id, lines: [{ category: 'fruit_veg', kg: 1480, temperatureClass: 'chilled', dateKind: 'none', date: null, storageUnitId: unit.id, receiptCelsius: 5 }],
    });
    await eventually(async () => {
      const row = (await api('/reports/tallies', { from: today, to: today, period: 'day', by: 'donor' })).items
        ?.find((r: { key: string; donorId?: string }) => (r.donorId ?? r.key) === farm.id);
      return row?.kgIn === 1480 ? row : undefined;
    });
    expect((await api('/reports/funder', { from: today, to: today })).kgIn).toBe(1480);
    expect((await api('/reports/donors', { from: today, to: today })).items.find((r: { donorId: string }) => r.donorId === farm.id))
      .toMatchObject({ kgOffered: 1500, kgAccepted: 1500, kgCollected: 1480 });

    const context = await phone();
    const page = await context.newPage();
    await page.goto(links.farm);
    const certificate = page.locator('section.certificate');
    await certificate.locator('dd', { hasText: '1 480 kg' }).first().waitFor();
    await certificate.getByRole('row', { name: /Hedelmät ja vihannekset\s+1 480 kg/ }).waitFor();
    expect(await axeProblems(page)).toEqual([]);
    expect(await widerThanPhone(page)).toBe(false);
    await shot(page, 'donor-certificate-360');
    await context.close();
  }, 60_000);

  it('an offer no route can take today: the reason, and the coordinator takes it for tomorrow', async () => {
    const { ctx } = world;
    const big = await post(ctx, auth, '/offers', {
      donorId: farm.id, kg: 9000, temperatureClass: 'ambient', categories: ['dry_goods'],
      readyFrom: localTimeOnDate(today, '11:00').toISOString(), readyUntil: localTimeOnDate(today, '13:00').toISOString(),
    });
    const context = await phone();
    const page = await signIn(context, world.base, coordinator.email, coordinator.password);
    await page.getByRole('link', { name: 'Tarjoukset' }).click();
    const card = page.locator('article.offer', { hasText: '9 000 kg' });
    await card.getByRole('button', { name: 'Hyväksy: Tuottaja X' }).click();
    await card.getByRole('button', { name: 'Hyväksy nouto' }).click();
    await card.getByText('Mikään reitti ei voi ottaa tätä: kuorma ei mahdu yhteenkään autoon (kg tai kassit).', { exact: false }).waitFor();
    expect(await axeProblems(page)).toEqual([]);
    await card.getByRole('button', { name: 'Ota huomiselle' }).click();
    await page.getByText('Hyväksytty: noutopäivän reittisuunnittelu ottaa noudon mukaan.').waitFor();
    expect(await page.getByRole('button', { name: 'Poista tallennus' }).count()).toBe(0);
    const [accepted] = (await api('/offers', { status: 'accepted' })).items.filter((o: { id: string }) => o.id === big.id);
    expect(accepted.pickup).toMatchObject({ date: addDays(today, 1) });
    await context.close();
  }, 60_000);

  it('a revoked link is refused', async () => {
    await post(world.ctx, auth, `/sites/${farm.id}/donor-links/${links.farmId}/revoke`, {}, 200);
    const context = await phone();
    const page = await context.newPage();
    await page.goto(links.farm);
    await page.getByText('Linkki ei ole voimassa. Pyydä koordinaattorilta uusi linkki.').waitFor();
    expect(await page.locator('h1').count()).toBe(0);
    await context.close();
  });
});
