/// <reference lib="dom" />
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PHONE, SHOTS, appInBrowser, axeProblems, signIn, widerThanPhone } from '../../helpers/browser.ts';
import { eventually } from '../../helpers/eventually.ts';
import { seedNetwork } from '../../helpers/fixtures.ts';

/**
 * Everyone's own details in Debian's Chromium against the real server: "Omat tiedot" on each
 * role's start screen, the phone and text messages saved with `PATCH /me` (SMS without a
 * phone refused on the phone field), and the language switch saving the language on the
 * server through the outbox, also when it is pressed offline.
 */
describe('my details', () => {
  const world = appInBrowser();
  let net: Awaited<ReturnType<typeof seedNetwork>>;
  beforeAll(async () => {
    net = await seedNetwork(world.ctx);
  });

  const userOf = async (id: string) => (await world.ctx.http().get('/users').set(net.auth)).body.items.find((u: { id: string }) => u.id === id);

  it('is on every role’s start screen', async () => {
    for (const role of ['warehouse', 'point_lead', 'driver', 'coordinator'] as const) {
      const user = await world.ctx.userToken(role, role === 'point_lead' ? { pointId: net.point.id } : {});
      const context = await world.browser.newContext(PHONE);
      const page = await signIn(context, world.base, user.email, user.password);
      await page.getByRole('link', { name: 'Omat tiedot' }).waitFor();
      await context.close();
    }
  }, 90_000);

  it('saves my phone and text messages, refuses SMS without a phone on the phone field, and saves the language switch', async () => {
    const driver = await world.ctx.userToken('driver');
    const context = await world.browser.newContext(PHONE);
    const page = await signIn(context, world.base, driver.email, driver.password);
    await page.getByRole('link', { name: 'Omat tiedot' }).click();
    await page.getByText(driver.email).waitFor();

    await page.getByLabel('Viestit').selectOption({ label: 'Tekstiviestinä' });
    await page.getByRole('button', { name: 'Tallenna omat tiedot' }).click();
    await page.locator('label.field-error', { hasText: 'Puhelin' }).getByText('Tekstiviestit tarvitsevat puhelinnumeron').waitFor();
    expect(await userOf(driver.id)).toMatchObject({ notify: 'email' });
    await page.getByRole('button', { name: 'Poista tallennus' }).click();

    await page.getByLabel(/^Puhelin/).fill('040 111 2223');
    await page.getByRole('button', { name: 'Tallenna omat tiedot' }).click();
    await page.getByRole('status').filter({ hasText: 'Tallennettu' }).waitFor();
    expect(await userOf(driver.id)).toMatchObject({ phone: '+358401112223', notify: 'sms', locale: 'fi' });
    expect(await axeProblems(page)).toEqual([]);
    expect(await widerThanPhone(page)).toBe(false);
    await page.screenshot({ path: join(SHOTS, 'my-details-360.png'), fullPage: true });

    // The header's switch: the app turns English and the server keeps it for the messages.
    await page.getByRole('button', { name: 'In English' }).click();
    await page.getByRole('heading', { name: 'My details' }).waitFor();
    await eventually(async () => (await userOf(driver.id)).locale === 'en');
    expect(await page.getByLabel('Language of the app and messages').inputValue()).toBe('en');

    // Offline, the choice waits in the outbox and reaches the server when the network returns.
    await page.waitForFunction(async () => (await navigator.serviceWorker.ready) && navigator.serviceWorker.controller !== null);
    await context.setOffline(true);
    await page.getByLabel('Language of the app and messages').selectOption('fi');
    await page.getByRole('heading', { name: 'Omat tiedot' }).waitFor();
    await page.getByText('1 tallennus odottaa yhteyttä').waitFor();
    expect((await userOf(driver.id)).locale).toBe('en');
    await context.setOffline(false);
    await page.evaluate(() => dispatchEvent(new Event('online')));
    await page.getByText('1 tallennus odottaa yhteyttä').waitFor({ state: 'detached' });
    expect(await userOf(driver.id)).toMatchObject({ locale: 'fi', phone: '+358401112223', notify: 'sms' });
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fi');
    await context.close();
  }, 90_000);
});
