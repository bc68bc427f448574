/// <reference lib="dom" />
import type { Browser } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { notify } from '../../../src/modules/notifications/notifications.service.ts';
import type { TestContext } from '../../helpers/app.ts';
import { appInBrowser, axeProblems, PHONE } from '../../helpers/browser.ts';
import { post, seedNetwork } from '../../helpers/fixtures.ts';

/** A volunteer's shifts and messages in the phone app, in Debian's Chromium against the real server. */
describe('the phone app for volunteers', { timeout: 90_000 }, () => {
  const world = appInBrowser();
  let ctx: TestContext;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    ({ ctx, browser, base } = world);
  }, 120_000);

  it('signs up for an open shift, cancels it, and reads a message', async () => {
    const net = await seedNetwork(ctx);
    const start = new Date(Date.now() + 2 * 86_400_000);
    const [shift] = (await post(ctx, net.auth, '/shifts', { siteId: net.depot.id, kind: 'warehouse', needed: 2, start: start.toISOString(), end: new Date(start.getTime() + 4 * 3600_000).toISOString() })).items;
    const user = await ctx.userToken('warehouse');
    await ctx.deps.database.db.transaction((tx) => notify(tx, [user.id], {
      kind: 'shift_short', key: 'e2e', params: { kind: 'warehouse', siteName: 'Test depot', date: '2030-01-08', start: '08:00', end: '12:00', short: 2 },
    }, new Date()));

    const page = await (await browser.newContext(PHONE)).newPage();
    await page.goto(`${base}/`);
    await page.getByLabel('Sähköposti').fill(user.email);
    await page.getByLabel('Salasana').fill(user.password);
    await page.getByRole('button', { name: 'Kirjaudu sisään' }).click();
    await page.getByRole('link', { name: 'Vuorot' }).click();
    await page.getByRole('heading', { name: 'Vuoroja, joihin tarvitaan tekijöitä' }).waitFor();
    await page.getByText('0/2 tekijää', { exact: false }).waitFor();
    expect(await axeProblems(page)).toEqual([]);
    await page.getByRole('button', { name: 'Ilmoittaudu' }).click();
    await page.getByRole('button', { name: 'Peru ilmoittautuminen' }).waitFor();
    await page.getByText('1/2 tekijää', { exact: false }).waitFor();
    const signedUp = (await ctx.http().get(`/shifts/${shift.id}`).set(net.auth)).body;
    expect(signedUp.signups.map((s: { userId: string }) => s.userId)).toEqual([user.id]);

    await page.getByRole('button', { name: 'Peru ilmoittautuminen' }).click();
    await page.getByRole('button', { name: 'Ilmoittaudu' }).waitFor();
    expect((await ctx.http().get(`/shifts/${shift.id}`).set(net.auth)).body.signedUp).toBe(0);

    await page.getByRole('link', { name: 'Kassi' }).click();
    await page.getByRole('link', { name: 'Viestit' }).click();
    await page.getByRole('heading', { name: 'Uusi: Varastovuoro tarvitsee tekijöitä' }).waitFor();
    expect(await axeProblems(page)).toEqual([]);
    await page.getByRole('button', { name: 'Merkitse luetuksi' }).click();
    await page.getByRole('heading', { name: 'Varastovuoro tarvitsee tekijöitä', exact: true }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth > 360)).toBe(false);
  });

  it('says before a tap why a volunteer without a hygiene passport cannot sign up for a packing shift, and who adds it', async () => {
    const net = await seedNetwork(ctx);
    const start = new Date(Date.now() + 3 * 86_400_000);
    const shift = (body: object) => post(ctx, net.auth, '/shifts', { siteId: net.depot.id, needed: 2, start: start.toISOString(), end: new Date(start.getTime() + 3 * 3600_000).toISOString(), ...body });
    await shift({ kind: 'packing', note: 'Pakkaus A' });
    await shift({ kind: 'warehouse', note: 'Varasto B' });
    const user = await ctx.userToken('warehouse');

    const page = await (await browser.newContext(PHONE)).newPage();
    await page.goto(`${base}/`);
    await page.getByLabel('Sähköposti').fill(user.email);
    await page.getByLabel('Salasana').fill(user.password);
    await page.getByRole('button', { name: 'Kirjaudu sisään' }).click();
    await page.getByRole('link', { name: 'Vuorot' }).click();
    const packing = page.locator('article.card', { hasText: 'Pakkaus A' });
    await packing.getByText('Pakkausvuoroon tarvitaan voimassa oleva hygieniapassi. Pyydä koordinaattoria lisäämään se.').waitFor();
    expect(await packing.getByRole('button', { name: 'Ilmoittaudu' }).count()).toBe(0);
    await page.locator('article.card', { hasText: 'Varasto B' }).getByRole('button', { name: 'Ilmoittaudu' }).waitFor();
    expect(await axeProblems(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth > 360)).toBe(false);

    // With a valid passport the same shift offers "Ilmoittaudu".
    await ctx.http().patch(`/users/${user.id}`).set(net.auth).send({ hygienePassportUntil: '2099-12-31' }).expect(200);
    await page.reload();
    await page.locator('article.card', { hasText: 'Pakkaus A' }).getByRole('button', { name: 'Ilmoittaudu' }).waitFor();
  });
});
