/// <reference lib="dom" />
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from '../../helpers/app.ts';
import { appInBrowser, axeProblems, PHONE, SHOTS, signIn, widerThanPhone } from '../../helpers/browser.ts';
import { seedNetwork } from '../../helpers/fixtures.ts';

/**
 * The coordinator's network in Debian's Chromium against the real server: an organisation
 * refused with the server's message on its Y-tunnus, then created and edited; a point's
 * distribution day added in master data; the funder's printable report opened from its link.
 */
describe('the coordinator’s network', () => {
  const world = appInBrowser();
  let ctx: TestContext;
  let browser: Browser;
  let net: Awaited<ReturnType<typeof seedNetwork>>;
  let base: string;

  beforeAll(async () => {
    ({ ctx, browser, base } = world);
    net = await seedNetwork(ctx);
  }, 120_000);

  it('creates an organisation, adds a distribution day and opens the funder report', async () => {
    const context = await browser.newContext(PHONE);
    const page = await signIn(context, base, net.coordinator.email, net.coordinator.password);
    const organisations = async () => (await ctx.http().get('/organisations').set(net.auth)).body.items as { name: string; businessId?: string; foodAidRegistration?: object }[];

    await page.getByRole('link', { name: 'Organisaatiot' }).click();
    await page.getByLabel('Nimi').fill('Mikkelin Ruoka-apu ry');
    await page.getByLabel('Y-tunnus').fill('1234567-8');
    await page.getByLabel('Elintarvikeavun rekisteröintikunta').fill('Mikkeli');
    await page.getByLabel('Rekisteröintipäivä').fill('2024-03-01');
    await page.getByRole('button', { name: 'Tallenna organisaatio' }).click();
    // Refused with the server's Finnish message on the field; nothing created.
    await page.locator('label.field-error', { hasText: 'Y-tunnus' }).locator('.error').waitFor();
    expect(await organisations()).toEqual([]);
    await page.getByRole('button', { name: 'Poista tallennus' }).click();

    await page.getByLabel('Y-tunnus').fill('1234567-1');
    await page.getByRole('button', { name: 'Tallenna organisaatio' }).click();
    await page.getByText('Mikkelin Ruoka-apu ry').waitFor();
    expect(await organisations()).toMatchObject([{ name: 'Mikkelin Ruoka-apu ry', businessId: '1234567-1', foodAidRegistration: { municipality: 'Mikkeli', registeredOn: '2024-03-01' } }]);

    await page.getByRole('button', { name: 'Muokkaa: Mikkelin Ruoka-apu ry' }).click();
    await page.getByLabel('Nimi').fill('Mikkelin Ruoka-apu');
    await page.getByLabel('Y-tunnus').fill('');
    await page.getByRole('button', { name: 'Tallenna organisaatio' }).click();
    await page.locator('li', { hasText: 'Mikkelin Ruoka-apu' }).filter({ hasNotText: '1234567-1' }).waitFor();
    const [edited] = await organisations();
    expect(edited).toMatchObject({ name: 'Mikkelin Ruoka-apu', foodAidRegistration: { municipality: 'Mikkeli' } });
    expect(edited.businessId).toBeUndefined();
    expect(await axeProblems(page)).toEqual([]);
    expect(await widerThanPhone(page)).toBe(false);
    await page.screenshot({ path: join(SHOTS, 'coordinator-organisations-360.png'), fullPage: true });

    await page.getByRole('link', { name: 'Kassi' }).click();
    await page.getByRole('link', { name: 'Perustiedot' }).click();
    await page.getByLabel('Lahjoittaja tai jakopiste').selectOption(net.point.id);
    await page.getByText('ti 12:00–14:00').waitFor();
    await page.getByLabel('Viikonpäivä').selectOption('thu');
    await page.getByLabel('Alkaa').fill('10:00');
    await page.getByLabel('Päättyy').fill('12:00');
    await page.getByRole('button', { name: 'Lisää jakopäivä' }).click();
    await page.getByText('to 10:00–12:00').waitFor();
    const days = (await ctx.http().get(`/sites/${net.point.id}/distribution-days`).set(net.auth)).body.items;
    expect(days).toEqual(expect.arrayContaining([expect.objectContaining({ weekday: 'thu', start: '10:00', end: '12:00' })]));
    await page.getByLabel('Lahjoittaja tai jakopiste').selectOption(net.donor.id);
    await page.getByRole('group', { name: 'Viikonpäivät' }).waitFor();
    expect(await axeProblems(page)).toEqual([]);
    expect(await widerThanPhone(page)).toBe(false);
    await page.screenshot({ path: join(SHOTS, 'coordinator-schedules-360.png'), fullPage: true });

    await page.getByRole('link', { name: 'Kassi' }).click();
    await page.getByRole('link', { name: 'Raportit' }).click();
    expect(await axeProblems(page)).toEqual([]);
    // The printable page opens from the link: the page cookie set at sign-in signs the coordinator in.
    const [funder] = await Promise.all([context.waitForEvent('page'), page.getByRole('link', { name: 'Rahoittajan raportti (tulostettava)' }).click()]);
    await funder.waitForLoadState();
    expect(await funder.evaluate(() => document.contentType)).toBe('text/html');
    await funder.getByRole('heading', { name: 'Rahoittajaraportti' }).waitFor();
    await page.getByLabel(/^Lahjoittaja/).selectOption(net.donor.id);
    expect(await page.getByRole('link', { name: 'Lahjoittajan todistus' }).getAttribute('href')).toContain(`/reports/donors/${net.donor.id}/certificate?from=`);
    await context.close();
  }, 90_000);
});
