/// <reference lib="dom" />
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from '../../helpers/app.ts';
import { appInBrowser, axeProblems, downloadedText, PHONE, SHOTS, signIn, widerThanPhone } from '../../helpers/browser.ts';
import { post, seedNetwork } from '../../helpers/fixtures.ts';

/**
 * The coordinator's desk in Debian's Chromium against the real server: plan a day and watch
 * it finish, see the routes as lists and on the map, a publish without a driver refused with
 * the server's message, publish with one, and download the tallies as a Finnish CSV.
 */
describe('the coordinator’s desk', () => {
  const world = appInBrowser({ env: { PLANNING_TIME_LIMIT_MS: '200' } });
  let ctx: TestContext;
  let browser: Browser;
  let net: Awaited<ReturnType<typeof seedNetwork>>;
  let base: string;

  beforeAll(async () => {
    ({ ctx, browser, base } = world);
    net = await seedNetwork(ctx);
    await post(ctx, net.auth, `/sites/${net.donor.id}/pickup-schedules`, { weekdays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], windowStart: '08:00', windowEnd: '12:00', expectedKg: 35 });
    await post(ctx, net.auth, '/vehicles', { depotId: net.depot.id, name: 'Pakettiauto', refrigerated: true, capacityKg: 800, capacityBags: 100, shiftStart: '07:00', shiftEnd: '16:00' });
  }, 120_000);

  it('plans a day, publishes it with a driver and downloads a CSV', async () => {
    const driver = await ctx.userToken('driver');
    const context = await browser.newContext({ ...PHONE, acceptDownloads: true });
    const page = await signIn(context, base, net.coordinator.email, net.coordinator.password);
    await page.getByRole('link', { name: 'Reitit' }).click();
    await page.getByRole('button', { name: 'Suunnittele reitit' }).click();
    await page.getByText(/Versio 1: valmis/).waitFor({ timeout: 20_000 });
    await page.getByRole('img', { name: /Kartta: 1 reitti,/ }).waitFor();
    expect(await page.locator('ol.plan-stops li').count()).toBe(1);
    expect(await axeProblems(page)).toEqual([]);
    expect(await widerThanPhone(page)).toBe(false);
    await page.screenshot({ path: join(SHOTS, 'coordinator-plan-360.png'), fullPage: true });

    // Without a driver: refused, with the server's message; nothing published.
    await page.getByRole('button', { name: 'Julkaise' }).click();
    await page.getByRole('alert').filter({ hasText: 'Jokainen reitti tarvitsee kuljettajan ennen julkaisua' }).waitFor();
    const plans = await ctx.http().get('/route-plans').query({ depotId: net.depot.id }).set(net.auth);
    expect(plans.body.items[0].status).toBe('done');
    await page.getByRole('button', { name: 'Poista tallennus' }).click();

    await page.getByLabel('Kuljettaja').selectOption(driver.id);
    await page.getByRole('button', { name: 'Julkaise' }).click();
    await page.getByText(/Versio 1: julkaistu/).waitFor();
    const published = await ctx.http().get(`/route-plans/${plans.body.items[0].id}`).set(net.auth);
    expect(published.body).toMatchObject({ status: 'published' });
    expect(published.body.routes[0].driverId).toBe(driver.id);

    await page.getByRole('link', { name: 'Kassi' }).click();
    await page.getByRole('link', { name: 'Raportit' }).click();
    await page.getByRole('button', { name: 'Näytä' }).click();
    await page.getByRole('heading', { name: 'Yhteenveto' }).waitFor();
    expect(await axeProblems(page)).toEqual([]);
    expect(await widerThanPhone(page)).toBe(false);
    await page.screenshot({ path: join(SHOTS, 'coordinator-reports-360.png'), fullPage: true });
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Lataa CSV' }).click()]);
    const csv = await downloadedText(file);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.split('\n')[0]).toContain(';');

    await page.getByRole('link', { name: 'Kassi' }).click();
    await page.getByRole('link', { name: 'Perustiedot' }).click();
    await page.getByText('Test shop').first().waitFor();
    // A site the server refuses: its message on the field, nothing created.
    const sitesBefore = (await ctx.http().get('/sites').set(net.auth)).body.items.length;
    await page.getByText('Lisää paikka').click();
    await page.getByLabel('Nimi').fill('Uusi jakopiste');
    await page.getByLabel('Kunta').fill('Mikkeli');
    // No address, no location and no geocoder in this run: the server asks for the location.
    await page.getByRole('button', { name: 'Tallenna paikka' }).click();
    await page.locator('label.field-error', { hasText: 'Sijainti' }).getByText('Sijainti puuttuu').waitFor();
    expect((await ctx.http().get('/sites').set(net.auth)).body.items.length).toBe(sitesBefore);
    await page.getByRole('button', { name: 'Poista tallennus' }).click();
    expect(await axeProblems(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'coordinator-master-360.png'), fullPage: true });
    await context.close();
  }, 90_000);
});
