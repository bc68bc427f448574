/// <reference lib="dom" />
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuild } from '../../../scripts/ensure-web.ts';
import { notify } from '../../../src/modules/notifications/notifications.service.ts';
import { bearer, startTestApp, type TestContext } from '../../helpers/app.ts';
import { PHONE, SHOTS, axeProblems, launchChromium, signIn, widerThanPhone } from '../../helpers/browser.ts';
import { eventually } from '../../helpers/eventually.ts';
import { seedNetwork } from '../../helpers/fixtures.ts';
import { startSmtpServer } from '../../helpers/messaging.ts';

/** Tomorrow's Helsinki date and 08:00 there as an instant (the shift form's default day). */
function tomorrowAtEight() {
  const date = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(new Date(Date.now() + 86_400_000));
  const noon = new Date(`${date}T12:00:00Z`);
  const helsinkiNoon = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Helsinki', hour: '2-digit', hourCycle: 'h23' }).format(noon);
  return { date, start: new Date(noon.getTime() - (Number(helsinkiNoon) - 8) * 3600_000) };
}

/**
 * The coordinator's people screens in Debian's Chromium against the real server: the roster
 * with its passport filter, a shift created (a refused one first, with the server's message on
 * the field), a volunteer signed up through the API, and the attendance recorded after the shift.
 */
describe('the coordinator’s roster, shifts and attendance', () => {
  let ctx: TestContext;
  let browser: Browser;
  let base: string;
  let clock: Date | null = null;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

  beforeAll(async () => {
    ensureWebBuild();
    smtp = await startSmtpServer();
    ctx = await startTestApp({ now: () => clock ?? new Date(), env: { SMTP_URL: smtp.url, MAIL_FROM: 'Kassi <kassi@ruoka-apu.test>' } });
    base = `http://127.0.0.1:${(ctx.app.server.address() as { port: number }).port}`;
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await ctx?.close();
    await smtp?.close();
  });

  it('lists the roster, creates a shift and records the attendance the server keeps', async () => {
    const net = await seedNetwork(ctx);
    const volunteer = await ctx.userToken('warehouse');
    const other = await ctx.userToken('warehouse');
    await ctx.http().patch(`/users/${volunteer.id}`).set(net.auth).send({ name: 'Aino Virtanen', phone: '040 1234567', notify: 'sms', hygienePassportUntil: '2027-01-15' }).expect(200);
    await ctx.http().patch(`/users/${other.id}`).set(net.auth).send({ name: 'Pekka Korhonen', hygienePassportUntil: '2029-06-30' }).expect(200);

    const context = await browser.newContext(PHONE);
    const page = await signIn(context, base, net.coordinator.email, net.coordinator.password);
    await page.getByRole('link', { name: 'Vapaaehtoiset' }).click();
    await page.getByText('+358401234567').waitFor();
    await page.getByText('viestit tekstiviestinä').waitFor();
    await page.getByLabel('Hygieniapassi päättyy ennen').fill('2027-02-01');
    await page.getByRole('button', { name: 'Näytä' }).click();
    await page.getByText('Pekka Korhonen').waitFor({ state: 'detached' });
    await page.getByText('Aino Virtanen').waitFor();
    await page.getByText(/hygieniapassi 15\.1\.2027 asti/).waitFor();
    expect(await page.locator('ul.plain li').count()).toBe(1);
    expect(await axeProblems(page)).toEqual([]);
    expect(await widerThanPhone(page)).toBe(false);
    await page.screenshot({ path: join(SHOTS, 'coordinator-roster-360.png'), fullPage: true });

    await page.getByRole('link', { name: 'Kassi' }).click();
    await page.getByRole('link', { name: 'Vuorosuunnittelu' }).click();
    await page.getByText('Uusi vuoro').click();
    await page.getByLabel('Paikka').selectOption({ label: 'Test depot' });
    await page.getByLabel('Päättyy klo').fill('07:00');
    await page.getByRole('button', { name: 'Tallenna vuoro' }).click();
    // Refused: the server's Finnish message on the field, nothing created.
    await page.locator('label.field-error', { hasText: 'Päättyy klo' }).getByText('täytyy olla alun jälkeen').waitFor();
    expect((await ctx.http().get('/shifts').set(net.auth)).body.items).toEqual([]);
    await page.getByRole('button', { name: 'Poista tallennus' }).click();

    await page.getByLabel('Päättyy klo').fill('12:00');
    await page.getByRole('button', { name: 'Tallenna vuoro' }).click();
    await page.getByRole('status').filter({ hasText: 'Vuoro tallennettu' }).waitFor();
    const { date, start } = tomorrowAtEight();
    const shifts = (await ctx.http().get('/shifts').query({ from: date, to: date }).set(net.auth)).body.items;
    expect(shifts).toHaveLength(1);
    expect(shifts[0]).toMatchObject({ kind: 'warehouse', siteId: net.depot.id, needed: 2, start: start.toISOString(), end: new Date(start.getTime() + 4 * 3600_000).toISOString() });
    await page.getByText('puuttuu 2').waitFor();

    // A volunteer signs up through the API; the shift still lacks one, so the short-only list keeps it.
    await ctx.http().post(`/shifts/${shifts[0].id}/signups`).set(bearer(volunteer.token)).send({}).expect(201);
    await page.getByLabel('Vain vuorot, joista puuttuu tekijöitä').check();
    await page.getByText('puuttuu 1').waitFor();
    await page.getByText('1/2 tekijää', { exact: false }).waitFor();

    // After the shift (the server's clock): present, 200 minutes.
    clock = new Date(start.getTime() + 5 * 3600_000);
    await page.getByLabel('Vain vuorot, joista puuttuu tekijöitä').uncheck();
    await page.getByText('Läsnäolo', { exact: true }).click();
    const row = page.locator('fieldset', { hasText: 'Aino Virtanen' });
    await row.getByRole('button', { name: 'Paikalla' }).click();
    await row.getByLabel('Minuutit (tyhjä: koko vuoro)').fill('200');
    await row.getByRole('button', { name: 'Tallenna läsnäolo' }).click();
    await row.getByText('kirjattu: Paikalla, 200 min').waitFor();
    let held = (await ctx.http().get(`/shifts/${shifts[0].id}`).set(net.auth)).body;
    expect(held.attendance).toEqual([expect.objectContaining({ userId: volunteer.id, present: true, minutes: 200, history: [] })]);
    // A correction: the new value is current, the earlier one stays and is shown.
    await row.getByLabel('Minuutit (tyhjä: koko vuoro)').fill('180');
    await row.getByRole('button', { name: 'Tallenna läsnäolo' }).click();
    await row.getByText('kirjattu: Paikalla, 180 min').waitFor();
    await row.getByText('korjattu, aiemmin: Paikalla, 200 min').waitFor();
    held = (await ctx.http().get(`/shifts/${shifts[0].id}`).set(net.auth)).body;
    expect(held.attendance).toEqual([expect.objectContaining({
      userId: volunteer.id, minutes: 180, history: [expect.objectContaining({ present: true, minutes: 200 })],
    })]);
    expect(await axeProblems(page)).toEqual([]);
    expect(await widerThanPhone(page)).toBe(false);
    await page.screenshot({ path: join(SHOTS, 'coordinator-shifts-360.png'), fullPage: true });
    await context.close();
  }, 90_000);

  it('lists a message the mail server refused and sends it once again', async () => {
    const net = await seedNetwork(ctx);
    const person = await ctx.userToken('warehouse');
    await ctx.http().patch(`/users/${person.id}`).set(net.auth).send({ name: 'Ville Nieminen', notify: 'email' }).expect(200);
    clock = new Date(tomorrowAtEight().start.getTime() + 4 * 3600_000); // noon in Helsinki, outside quiet hours
    smtp.refuse(true);
    await ctx.deps.database.db.transaction((tx) => notify(tx, [person.id], {
      kind: 'shift_short', key: 'e2e-failed', params: { kind: 'warehouse', siteName: 'Test depot', date: '2030-01-08', start: '08:00', end: '12:00', short: 2 },
    }, clock!));
    ctx.deps.outbox.kick();
    const failed = await eventually(async () => (await ctx.http().get('/notifications?status=failed').set(net.auth)).body.items
      .find((n: { userId: string }) => n.userId === person.id), 30_000);
    smtp.refuse(false);

    const context = await browser.newContext(PHONE);
    const page = await signIn(context, base, net.coordinator.email, net.coordinator.password);
    await page.getByRole('link', { name: 'Lähettämättä jääneet viestit' }).click();
    const card = page.locator('article', { hasText: 'Ville Nieminen' });
    await card.getByRole('heading', { name: failed.title }).waitFor();
    await card.getByText(/sähköposti · 4 yritystä/).waitFor();
    expect(await axeProblems(page)).toEqual([]);
    expect(await widerThanPhone(page)).toBe(false);
    await page.screenshot({ path: join(SHOTS, 'coordinator-failed-messages-360.png'), fullPage: true });
    await card.getByRole('button', { name: 'Lähetä uudelleen' }).click();
    await page.getByRole('status').filter({ hasText: 'Viesti lähtee uudelleen' }).waitFor();
    await card.waitFor({ state: 'detached' });
    await eventually(async () => (await ctx.http().get(`/notifications?userId=${person.id}`).set(net.auth)).body.items[0].status === 'sent');
    expect(smtp.mails.filter((m) => m.to === person.email)).toHaveLength(1);
    await context.close();
  }, 90_000);
});
