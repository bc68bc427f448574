/// <reference lib="dom" />
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate, localTimeOnDate } from '../../../src/domain/dates.ts';
import { PHONE, SHOTS, appInBrowser, axeProblems, signIn, widerThanPhone } from '../../helpers/browser.ts';
import { post, seedNetwork } from '../../helpers/fixtures.ts';

/**
 * A donor's own page in Debian's Chromium at 360 px: the coordinator gives the shop a link in the
 * site's editing (shown once, with a copy button); the shop opens it without a password (the
 * token leaves the address bar), says it has nothing for tomorrow's pickup and takes it back,
 * sees today's pickup closed with its cut-off, offers extra food (a refusal on its field, in
 * Finnish), reads its certificate, switches to English; a revoked link shows one sentence.
 * The server's clock is 9.00 on today's date.
 */
const today = localDate(new Date());
const nine = localTimeOnDate(today, '09:00');
const INVALID = 'Linkki ei ole voimassa. Pyydä koordinaattorilta uusi linkki.';

describe("the donor's own page", () => {
  const world = appInBrowser({ now: () => nine });
  let net: Awaited<ReturnType<typeof seedNetwork>>;
  let link = '';

  beforeAll(async () => {
    net = await seedNetwork(world.ctx);
    await post(world.ctx, net.auth, `/sites/${net.donor.id}/pickup-schedules`, {
      weekdays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], windowStart: '08:00', windowEnd: '10:00', expectedKg: 40,
    });
  });

  it('gives the shop a link in its editing, shown once with a copy button', async () => {
    const context = await world.browser.newContext(PHONE);
    const page = await signIn(context, world.base, net.coordinator.email, net.coordinator.password);
    await page.getByRole('link', { name: 'Perustiedot' }).click();
    await page.getByRole('button', { name: 'Muokkaa: Test shop' }).click();
    await page.getByLabel('Kenelle').fill('Myymäläpäällikkö Laura');
    await page.getByLabel('Sähköposti (valinnainen)').fill('laura@kauppa.example');
    await page.getByRole('button', { name: 'Luo linkki' }).click();
    const shown = page.getByLabel('Linkki', { exact: true });
    link = await shown.inputValue();
    expect(link).toMatch(new RegExp(`^${world.base}/app/lahjoittaja#t=[\\w-]{43}$`));
    await page.getByRole('button', { name: 'Kopioi linkki' }).waitFor();
    await page.getByText('Myymäläpäällikkö Laura · laura@kauppa.example').waitFor();
    expect(await axeProblems(page)).toEqual([]);
    expect(await widerThanPhone(page)).toBe(false);
    await context.close();
  });

  it('opens without a password: skips tomorrow and takes it back, sees today closed, offers extra food, reads its certificate', async () => {
    const context = await world.browser.newContext(PHONE);
    const page = await context.newPage();
    await page.goto(link);
    await page.getByRole('heading', { name: 'Test shop', level: 1 }).waitFor();
    expect(page.url()).toBe(`${world.base}/app/lahjoittaja`);
    await page.getByText('Linkki: Myymäläpäällikkö Laura').waitFor();

    const pickups = page.locator('li.pickup');
    const first = pickups.first();
    await first.getByText('Ei voi enää muuttaa: takaraja oli').waitFor();
    expect(await first.getByRole('button', { name: 'Ei noudettavaa tällä kertaa' }).isDisabled()).toBe(true);
    const tomorrow = pickups.nth(1);
    await tomorrow.getByRole('button', { name: 'Ei noudettavaa tällä kertaa' }).click();
    await page.getByText('Kiitos, tieto meni perille').waitFor();
    await tomorrow.getByText('Ei noudettavaa: nouto jää tällä kertaa väliin').waitFor();
    const skipped = (await world.ctx.http().get('/reports/donors').query({ from: today, to: addDays(today, 1) }).set(net.auth)).body.items;
    expect(skipped.find((r: { donorId: string }) => r.donorId === net.donor.id)).toMatchObject({ skips: 1 });
    expect(await axeProblems(page)).toEqual([]);
    await tomorrow.getByRole('button', { name: 'Noudetaan sittenkin' }).click();
    await page.getByText('Kiitos: noudamme sovittuun aikaan.').waitFor();
    await tomorrow.getByRole('button', { name: 'Ei noudettavaa tällä kertaa' }).waitFor();

    // An offer: no kilos is said at once; too many kilos by the server, on the field, in Finnish.
    await page.getByRole('button', { name: 'Lähetä tarjous' }).click();
    await page.locator('label.field-error', { hasText: 'Arvioitu määrä (kg)' }).getByText('Anna kilot numerona').waitFor();
    await page.getByText('Valitse vähintään yksi tuoteryhmä').waitFor();
    await page.getByLabel('Arvioitu määrä (kg)').fill('20000');
    await page.getByLabel('Lämpötilaluokka').selectOption({ label: 'Kylmä' });
    await page.getByLabel('Hedelmät ja vihannekset').check();
    await page.locator('fieldset', { hasText: 'Valmis noudettavaksi' }).getByLabel('Päivä').fill(today);
    await page.locator('fieldset', { hasText: 'Valmis noudettavaksi' }).getByLabel('Klo').fill('10:00');
    await page.locator('fieldset', { hasText: 'Noudettavissa viimeistään' }).getByLabel('Päivä').fill(today);
    await page.locator('fieldset', { hasText: 'Noudettavissa viimeistään' }).getByLabel('Klo').fill('14:00');
    await page.getByRole('button', { name: 'Lähetä tarjous' }).click();
    await page.locator('label.field-error', { hasText: 'Arvioitu määrä (kg)' }).locator('.error', { hasText: /10[\s\u00a0]?000/ }).waitFor();
    await page.getByRole('button', { name: 'Poista tallennus' }).click();
    expect((await world.ctx.http().get('/offers').set(net.auth)).body.items).toEqual([]);
    await page.getByLabel('Arvioitu määrä (kg)').fill('150');
    await page.getByRole('button', { name: 'Lähetä tarjous' }).click();
    await page.getByText('Tarjous lähetetty').waitFor();
    await page.locator('li.offer.open', { hasText: '150 kg · Kylmä · Hedelmät ja vihannekset' }).getByText('Odottaa vastausta').waitFor();
    const [offer] = (await world.ctx.http().get('/offers').query({ status: 'open' }).set(net.auth)).body.items;
    expect(offer).toMatchObject({ kg: 150, temperatureClass: 'chilled', readyFrom: localTimeOnDate(today, '10:00').toISOString(), readyUntil: localTimeOnDate(today, '14:00').toISOString() });

    await page.locator('section.certificate dt', { hasText: 'Vastaanotettu' }).waitFor();
    await page.getByRole('button', { name: 'Lataa tulostettava todistus' }).waitFor();
    expect(await axeProblems(page)).toEqual([]);
    expect(await widerThanPhone(page)).toBe(false);
    await page.screenshot({ path: join(SHOTS, 'donor-page-360.png'), fullPage: true });

    await page.getByRole('button', { name: 'In English' }).click();
    await page.getByRole('heading', { name: 'Extra food to pick up' }).waitFor();
    await tomorrow.getByRole('button', { name: 'Nothing to pick up this time' }).waitFor();
    await context.close();
  });

  it('refuses a revoked link with one plain sentence, and erases its contact details when asked', async () => {
    const coordinator = await world.browser.newContext(PHONE);
    const admin = await signIn(coordinator, world.base, net.coordinator.email, net.coordinator.password);
    await admin.getByRole('link', { name: 'Perustiedot' }).click();
    await admin.getByRole('button', { name: 'Muokkaa: Test shop' }).click();
    await admin.getByRole('button', { name: 'Poista linkki käytöstä: Myymäläpäällikkö Laura' }).click();
    await admin.getByText('Poistettu käytöstä').waitFor();
    // The contact person asked to be forgotten: asked once more, then gone from the list.
    await admin.getByRole('button', { name: 'Poista yhteystiedot: Myymäläpäällikkö Laura' }).click();
    await admin.getByRole('alertdialog', { name: 'Poista yhteystiedot' }).getByRole('button', { name: 'Poista yhteystiedot pysyvästi' }).click();
    await admin.getByText('Yhteystiedot poistettu').waitFor();
    expect(await admin.locator('ul.lots').innerText()).not.toMatch(/Laura|kauppa.example/);
    await coordinator.close();

    const context = await world.browser.newContext(PHONE);
    const page = await context.newPage();
    await page.goto(link);
    await page.getByText(INVALID).waitFor();
    expect(page.url()).toBe(`${world.base}/app/lahjoittaja`);
    expect(await page.locator('main').innerText()).toBe(INVALID);
    expect(await axeProblems(page)).toEqual([]);
    await context.close();
  });
});
