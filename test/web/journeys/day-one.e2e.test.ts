/// <reference lib="dom" />
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { temperatureReadings } from '../../../src/db/schema/index.ts';
import { addDays, localTimeOnDate } from '../../../src/domain/dates.ts';
import { bearer } from '../../helpers/app.ts';
import { LANDSCAPE, PHONE, SHOTS, appInBrowser, axeProblems, openTile, overflowing, phoneAt, settled } from '../../helpers/browser.ts';
import { post, seedNetwork } from '../../helpers/fixtures.ts';
import { MONDAY, TUESDAY, stockBags, testClock } from '../../helpers/reservations.ts';

/**
 * A new user's day, role by role, in Finnish on a 360 px phone (and turned sideways), against
 * the real server: the places where a volunteer who had never seen the app got stuck or misled
 * (issue 19), each checked fixed. The server's clock and the browser's are the same test
 * clock: the Monday before the fixture point's Tuesday distribution, then that Tuesday.
 */
describe('a new user’s first day, role by role', { timeout: 120_000 }, () => {
  const clock = testClock(localTimeOnDate(MONDAY, '11:00'));
  const world = appInBrowser({ now: clock.now, env: { PLANNING_TIME_LIMIT_MS: '300' } });
  let net: Awaited<ReturnType<typeof seedNetwork>>;
  let lead: { email: string; password: string };
  let wh: { email: string; password: string; token: string };
  let driver: { email: string; password: string; id: string; token: string };
  let coordinator: { email: string; password: string };
  let reservationId: string;

  /** A phone (or one turned sideways) whose clock is the test clock, signed in as `who`. */
  const phone = (who: { email: string; password: string }, device: typeof PHONE | typeof LANDSCAPE = PHONE) => phoneAt(world.browser, world.base, clock.now(), who, device);
  const open = openTile;
  const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `day-one-${name}.png`), fullPage: true });

  beforeAll(async () => {
    const { ctx } = world;
    net = await seedNetwork(ctx);
    // The donor's contact was typed with the number in it, as people do.
    await ctx.http().patch(`/sites/${net.donor.id}`).set(net.auth).send({ contactName: 'Päivi Häkkinen, 040 123 4567', address: 'Graanintie 1' }).expect(200);
    await post(ctx, net.auth, `/sites/${net.donor.id}/pickup-schedules`, { weekdays: ['tue'], windowStart: '08:00', windowEnd: '10:00', expectedKg: 40 });
    await post(ctx, net.auth, '/vehicles', { depotId: net.depot.id, name: 'Pakettiauto 1', refrigerated: true, capacityKg: 800, capacityBags: 100, shiftStart: '07:30', shiftEnd: '16:00' });
    await stockBags(ctx.deps.database.db, { depotId: net.depot.id, count: 6, weightG: 5000, packedAt: clock.now() });
    lead = await ctx.userToken('point_lead', { pointId: net.point.id });
    wh = await ctx.userToken('warehouse');
    driver = await ctx.userToken('driver');
    coordinator = await ctx.userToken('coordinator');
    reservationId = (await post(ctx, bearer((await ctx.userToken('point_lead', { pointId: net.point.id })).token), '/reservations',
      { pointId: net.point.id, date: TUESDAY, bagType: 'food', bags: 3 })).id;
  });

  it('coordinator, Monday evening: plans Tuesday, publishes, and a day with no plan shows no stale "Julkaistu"', async () => {
    clock.set(localTimeOnDate(MONDAY, '18:30'));
    const { context, page } = await phone(coordinator);
    await open(page, 'Reitit');
    await page.getByLabel('Päivä').fill(TUESDAY);
    await page.getByRole('button', { name: 'Suunnittele reitit' }).click();
    await page.getByText(/Versio 1: valmis/).waitFor({ timeout: 30_000 });
    await page.getByLabel('Kuljettaja').selectOption(driver.id);
    await page.getByRole('button', { name: 'Julkaise' }).click();
    await page.getByText('Julkaistu: kuljettajat näkevät reittinsä').waitFor();
    expect(await axeProblems(page)).toEqual([]);
    await shot(page, 'coordinator-published-360');

    // Item 17: Wednesday has no plan: nothing of Tuesday's is said about it.
    await page.getByLabel('Päivä').fill(addDays(TUESDAY, 1));
    await page.getByRole('button', { name: 'Suunnittele reitit' }).waitFor();
    await page.getByText('Julkaistu: kuljettajat näkevät reittinsä').waitFor({ state: 'detached' });
    expect(await page.getByText(/Versio \d/).count()).toBe(0);
    await context.close();
  });

  it('driver, Monday evening: tomorrow\'s stops cannot be marked done yet, and say why', async () => {
    clock.set(localTimeOnDate(MONDAY, '19:00'));
    const { context, page } = await phone(driver);
    await open(page, 'Päivän reitti');
    await page.getByRole('button', { name: 'Huomenna' }).click();
    const pickup = page.locator('li.stop', { hasText: 'Test shop' });
    // Item 9: disabled, with the reason beside it (not a 422 in a green box after the tap).
    const done = pickup.getByRole('button', { name: 'Merkitse tehdyksi' });
    await done.waitFor();
    expect(await done.isDisabled()).toBe(true);
    expect(await pickup.getByRole('button', { name: 'Ohita' }).isDisabled()).toBe(true);
    const why = await done.evaluate((b) => document.getElementById(b.getAttribute('aria-describedby') ?? '')?.textContent);
    expect(why).toMatch(/^Reitin päivä on ti \d+\.\d+\.\d{4}: pysähdykset merkitään tehdyiksi tai ohitetaan vasta silloin\.$/);
    expect(await axeProblems(page)).toEqual([]);
    await shot(page, 'driver-tomorrow-360');
    await context.close();
  });

  it('driver, Tuesday: a number typed into the contact gives "Soita"', async () => {
    clock.set(localTimeOnDate(TUESDAY, '08:00'));
    const { context, page } = await phone(driver);
    await open(page, 'Päivän reitti');
    const pickup = page.locator('li.stop', { hasText: 'Test shop' });
    await pickup.waitFor();
    // Item 20: the contact split into the name and a callable number.
    await pickup.getByText('Päivi Häkkinen, 040 123 4567').waitFor();
    expect(await pickup.getByRole('link', { name: 'Soita' }).getAttribute('href')).toBe('tel:0401234567');
    expect(await axeProblems(page)).toEqual([]);
    await shot(page, 'driver-route-360');

    // Item 9: a refusal is never green. The pickup was recorded elsewhere meanwhile; the phone's other figure is refused.
    const { ctx } = world;
    const route = (await ctx.http().get('/drivers/me/routes').query({ date: TUESDAY }).set(bearer(driver.token))).body.items[0];
    const stop = route.stops.find((s: { kind: string }) => s.kind === 'pickup');
    await post(ctx, bearer(driver.token), `/routes/${route.id}/stops/${stop.id}/complete`, { kgCollected: 30 }, 200);
    await pickup.getByRole('button', { name: 'Merkitse tehdyksi' }).click();
    await pickup.getByLabel('Noudettu (kg)').fill('35');
    await pickup.getByRole('button', { name: 'Tallenna' }).click();
    const refused = page.getByRole('alert').filter({ hasText: /^Pysähdys on jo merkitty/ });
    await refused.waitFor();
    expect(await refused.getAttribute('class')).toBe('status warn');
    expect(await page.locator('.ok', { hasText: 'Pysähdys on jo' }).count()).toBe(0);
    await shot(page, 'driver-refused-360');
    await context.close();
  });

  it('point lead: the card shows reserved, delivered and received, when it was confirmed, and no second confirmation', async () => {
    const { ctx } = world;
    // The driver hands over 2 of the 3 bags.
    const routes = await ctx.http().get('/drivers/me/routes').query({ date: TUESDAY }).set(bearer(driver.token));
    const route = routes.body.items[0];
    const delivery = route.stops.find((s: { kind: string }) => s.kind === 'delivery');
    clock.set(localTimeOnDate(TUESDAY, '12:10'));
    await post(ctx, bearer(driver.token), `/routes/${route.id}/load`, { loadedAt: localTimeOnDate(TUESDAY, '08:30').toISOString() }, 200);
    await post(ctx, bearer(driver.token), `/routes/${route.id}/stops/${delivery.id}/complete`, { bagsDelivered: 2, coldChainKept: true }, 200);

    const { context, page } = await phone(lead);
    await open(page, 'Varaukset');
    const card = page.locator('article.card', { hasText: 'Ruokakassi' });
    await card.getByRole('button', { name: 'Kuittaa vastaanotetuksi' }).waitFor();
    expect(await card.locator('dl').innerText()).toMatch(/Varattu\s+3\s+Toimitettu\s+2/);
    expect(await card.getByLabel('Vastaanotettu (kassia)').inputValue()).toBe('2');
    await card.getByRole('button', { name: 'Kuittaa vastaanotetuksi' }).click();
    // Item 5: the card changes: received 2, when, and the confirmation is gone.
    await card.getByText(/^Kuitattu vastaanotetuksi \d+\.\d+\.\d{4} klo 12\.\d\d: 2 kassia$/).waitFor();
    expect(await card.locator('dl').innerText()).toMatch(/Varattu\s+3\s+Toimitettu\s+2\s+Vastaanotettu\s+2/);
    expect(await card.getByRole('button', { name: 'Kuittaa vastaanotetuksi' }).count()).toBe(0);
    const stored = await ctx.http().get(`/reservations/${reservationId}`).set(net.auth);
    expect(stored.body).toMatchObject({ bagsDelivered: 2, bagsReceived: 2 });
    expect(await axeProblems(page)).toEqual([]);
    await shot(page, 'point-confirmed-360');
    await context.close();
  });

  it('warehouse: packing says how many of how many and why; the freezer reading has a minus key; the records table hides no column unsaid', async () => {
    const { ctx } = world;
    // 20 kg of chilled food: four 5 kg food bags.
    await post(ctx, bearer(wh.token), '/intakes', {
      donorId: net.donor.id,
      lines: [{ category: 'dairy', kg: 20, temperatureClass: 'chilled', dateKind: 'use_by', date: addDays(TUESDAY, 6), receiptCelsius: 4, storageUnitId: net.units.chilled.id }],
    });
    const { context, page } = await phone(wh);
    await open(page, 'Pakkaus');
    await page.getByLabel('Kasseja').fill('10');
    await page.getByRole('button', { name: 'Pakkaa' }).click();
    // Item 4: not a plain "Tallennettu": 4 of 10, and why, by class.
    const said = page.getByRole('status').filter({ hasText: 'Pakattiin 4/10 kassia' });
    await said.waitFor();
    expect(await said.innerText()).toMatch(/Pakattiin 4\/10 kassia: kylmää ruokaa oli vain 4 kassiin\s+Pakattavissa: .*Kylmä 20 kg/);
    expect(await said.getAttribute('class')).not.toContain('ok');
    expect(await axeProblems(page)).toEqual([]);
    await shot(page, 'packing-partial-360');

    // Item 19: a freezer reads below zero; the minus key gives the sign a decimal keypad lacks.
    await open(page, 'Lämpötilat');
    const freezer = page.locator('form', { hasText: 'Freezer' });
    await freezer.getByLabel('Freezer (Pakaste) °C').fill('18,5');
    await freezer.getByRole('button', { name: 'Miinusmerkki' }).click();
    expect(await freezer.getByLabel('Freezer (Pakaste) °C').inputValue()).toBe('-18,5');
    await freezer.getByRole('button', { name: 'Tallenna lukema' }).click();
    await freezer.getByText(/^Tallennettu/).waitFor();
    const [reading] = await ctx.deps.database.db.select().from(temperatureReadings).where(eq(temperatureReadings.storageUnitId, net.units.frozen.id));
    expect(reading.celsius).toBe(-18.5);
    expect(await axeProblems(page)).toEqual([]);
    await shot(page, 'temperatures-minus-360');

    // Item 18: the records' table either shows every column or says that more are to the side.
    await open(page, 'Lämpötilakirjanpito');
    await page.getByLabel('Säilytystila').selectOption({ label: 'Freezer (Pakaste)' });
    await page.getByRole('columnheader', { name: 'Kirjaaja' }).waitFor();
    const box = page.getByRole('region', { name: 'Taulukko: lukemat, Freezer' });
    const clipped = await box.evaluate((el) => el.scrollWidth > el.clientWidth);
    expect(await page.getByText('Taulukossa on lisää sarakkeita: vieritä sivulle →').isVisible()).toBe(clipped);
    expect(await axeProblems(page)).toEqual([]);
    await shot(page, 'readings-360');
    await context.close();
  });

  it('turned sideways, each role’s screens of the day fit the screen and pass axe', async () => {
    const screens: [{ email: string; password: string }, string[]][] = [
      [coordinator, ['Reitit', 'Raportit']], [driver, ['Päivän reitti']], [lead, ['Varaukset', 'Varaa kasseja', 'Kotitaloudet']],
      [wh, ['Pakkaus', 'Lämpötilat', 'Lämpötilakirjanpito']],
    ];
    for (const [who, tiles] of screens) {
      const { context, page } = await phone(who, LANDSCAPE);
      for (const tile of tiles) {
        await open(page, tile);
        await page.getByRole('heading', { level: 1 }).waitFor();
        await settled(page);
        expect(await overflowing(page, LANDSCAPE.viewport.width), tile).toEqual([]);
        expect(await axeProblems(page), tile).toEqual([]);
        await page.screenshot({ path: join(SHOTS, `day-one-${tile.replace(/\W+/g, '-').toLowerCase()}-landscape.png`), fullPage: true });
      }
      await context.close();
    }
  });
});
