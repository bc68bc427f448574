/// <reference lib="dom" />
import { join } from 'node:path';
import { count } from 'drizzle-orm';
import type { Browser, BrowserContext } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { alerts, bags, intakeRefusals, lots } from '../../../src/db/schema/index.ts';
import { lotCode } from '../../../src/domain/labels.ts';
import { bearer, type TestContext } from '../../helpers/app.ts';
import { appInBrowser, axeProblems, downloadedText, PHONE, SHOTS, signIn as openAndSignIn, widerThanPhone } from '../../helpers/browser.ts';
import { post, seedNetwork } from '../../helpers/fixtures.ts';

/**
 * The warehouse screens in Debian's Chromium at 360 px against the real server: packing bags
 * of a chosen class, a delivery refused whole (eggs past best-before), a lot frozen in time
 * shown by the day it may be packed until, what kind an alert is, and a unit's own-check
 * temperature records with their Finnish CSV (for the warehouse and a coordinator).
 */
describe('the warehouse screens', { timeout: 90_000 }, () => {
  const world = appInBrowser();
  let ctx: TestContext;
  let browser: Browser;
  let net: Awaited<ReturnType<typeof seedNetwork>>;
  let base: string;
  let wh: Awaited<ReturnType<TestContext['userToken']>>;
  const addDays = (n: number, from = new Date()) => new Date(from.getTime() + n * 86_400_000).toISOString().slice(0, 10);
  /** `2027-03-24` → `24.3.2027`, as the app writes dates. */
  const fiDate = (iso: string) => iso.split('-').reverse().map(Number).join('.');
  const db = () => ctx.deps.database.db;
  const signIn = (context: BrowserContext, email: string, password: string) => openAndSignIn(context, base, email, password);

  beforeAll(async () => {
    ({ ctx, browser, base } = world);
    net = await seedNetwork(ctx);
    wh = await ctx.userToken('warehouse');
  });

  it('packs frozen food bags: the class follows the bag type until chosen, and a class without stock shows the kilos of each class', async () => {
    await post(ctx, bearer(wh.token), '/intakes', { donorId: net.donor.id, lines: [{ category: 'frozen', kg: 30, temperatureClass: 'frozen', dateKind: 'best_before', date: addDays(90), receiptCelsius: -20, storageUnitId: net.units.frozen.id }] });
    const context = await browser.newContext(PHONE);
    const page = await signIn(context, wh.email, wh.password);
    await page.getByRole('link', { name: 'Pakkaus' }).click();
    const bagClass = page.getByLabel('Lämpötilaluokka');
    expect(await bagClass.inputValue()).toBe('chilled');
    await page.getByLabel('Kassityyppi').selectOption('bread');
    expect(await bagClass.inputValue()).toBe('ambient');
    await page.getByLabel('Kassityyppi').selectOption('food');
    expect(await bagClass.inputValue()).toBe('chilled');
    expect((await bagClass.locator('option').allTextContents())).toEqual(['Kylmä', 'Pakaste', 'Huoneenlämpö']);

    // Chilled food bags: nothing chilled or ambient to pack; the answer says what each class has.
    await page.getByLabel('Kasseja').fill('2');
    await page.getByRole('button', { name: 'Pakkaa' }).click();
    await page.getByRole('status').getByText(/Pakattavissa: .*Pakaste 30 kg/).waitFor();
    expect((await db().select({ n: count() }).from(bags))[0].n).toBe(0);

    await bagClass.selectOption({ label: 'Pakaste' });
    await page.getByRole('button', { name: 'Pakkaa' }).click();
    await page.getByRole('heading', { name: /Keräilylista · 2 × 5 kg · Pakaste/ }).waitFor();
    expect(await axeProblems(page)).toEqual([]);
    expect(await widerThanPhone(page)).toBe(false);
    await page.screenshot({ path: join(SHOTS, 'packing-frozen-360.png'), fullPage: true });
    const packed = await db().select().from(bags);
    expect(packed.map((b) => [b.bagType, b.temperatureClass, b.weightG])).toEqual([['food', 'frozen', 5000], ['food', 'frozen', 5000]]);
    await context.close();
  });

  it('refuses eggs past their best-before on the intake screen; one tap records the refusal and the delivery saves with no line left', async () => {
    const lotsBefore = (await db().select({ n: count() }).from(lots))[0].n;
    const context = await browser.newContext(PHONE);
    const page = await signIn(context, wh.email, wh.password);
    await page.getByRole('link', { name: 'Vastaanotto' }).click();
    await page.getByLabel('Lahjoittaja').selectOption({ label: 'Test shop' });
    await page.getByLabel('Tuoteryhmä').selectOption({ label: 'Kananmunat' });
    await page.getByLabel('Paino (kg)').fill('6');
    await page.getByLabel('Lämpötila vastaanotossa (°C)').fill('4');
    await page.getByLabel('Päiväys').selectOption({ label: 'Parasta ennen' });
    await page.getByLabel('Päivämäärä').fill(addDays(-3));
    await page.getByRole('button', { name: 'Tallenna vastaanotto' }).click();
    const dateField = page.locator('label.field-error', { hasText: 'Päivämäärä' });
    await expect.poll(() => dateField.textContent()).toMatch(/kananmunien parasta ennen -päivä .* on mennyt/);

    await page.getByRole('button', { name: 'Kieltäydy vastaanotosta' }).click();
    await page.getByRole('heading', { name: 'Erät, joiden vastaanotosta kieltäydyttiin' }).waitFor();
    expect(await page.getByRole('group', { name: 'Rivi 1' }).count()).toBe(0);
    expect(await axeProblems(page)).toEqual([]);
    expect(await widerThanPhone(page)).toBe(false);
    await page.screenshot({ path: join(SHOTS, 'intake-refused-whole-360.png'), fullPage: true });
    await page.getByRole('button', { name: 'Tallenna vastaanotto' }).click();
    await page.getByText('Vastaanotto tallennettu', { exact: true }).waitFor();
    await page.getByRole('heading', { name: 'Tarvitsee huomiota' }).waitFor({ state: 'detached' });

    const refused = await db().select().from(intakeRefusals);
    expect(refused.map((r) => [r.category, r.grams, r.reason])).toEqual([['eggs', 6000, 'other']]);
    expect(refused[0].note).toMatch(/parasta ennen/);
    expect((await db().select({ n: count() }).from(lots))[0].n).toBe(lotsBefore);
    await context.close();
  });

  it('lets the category set a line’s class, unit and date kind, shows the rules it breaks as it is filled in, and asks for allergens', async () => {
    const context = await browser.newContext(PHONE);
    const page = await signIn(context, wh.email, wh.password);
    await page.getByRole('link', { name: 'Vastaanotto' }).click();
    await page.getByLabel('Lahjoittaja').selectOption({ label: 'Test shop' });
    const line1 = page.getByRole('group', { name: 'Rivi 1' });
    await line1.getByLabel('Tuoteryhmä').selectOption({ label: 'Leipä' });
    expect(await line1.getByLabel('Lämpötilaluokka').inputValue()).toBe('ambient');
    expect(await line1.getByLabel('Säilytystila').inputValue()).toBe(net.units.ambient.id);
    expect(await line1.getByLabel('Päiväys').inputValue()).toBe('none');
    await line1.getByLabel('Paino (kg)').fill('4');
    // Allergens: the category's usual ones are proposed; "Pakkauksessa ilmoitetut" ticks them.
    await line1.getByText('Tässä tuoteryhmässä yleensä: gluteenia sisältävät viljat', { exact: false }).waitFor();
    await line1.getByLabel('Pakkauksessa ilmoitetut').check();
    expect(await line1.getByLabel('gluteenia sisältävät viljat').isChecked()).toBe(true);

    // A new line after bread: dairy gets its own class and unit, not the bread's.
    await page.getByRole('button', { name: 'Lisää rivi' }).click();
    const line2 = page.getByRole('group', { name: 'Rivi 2' });
    await line2.getByLabel('Tuoteryhmä').selectOption({ label: 'Maitotuotteet' });
    expect(await line2.getByLabel('Lämpötilaluokka').inputValue()).toBe('chilled');
    expect(await line2.getByLabel('Säilytystila').inputValue()).toBe(net.units.chilled.id);
    // Meat at +9 °C is refused as it is typed, before saving, by the server's own rule.
    await line2.getByLabel('Tuoteryhmä').selectOption({ label: 'Liha' });
    expect(await line2.getByLabel('Päiväys').inputValue()).toBe('use_by');
    await line2.getByLabel('Paino (kg)').fill('5');
    await line2.getByLabel('Lämpötila vastaanotossa (°C)').fill('9');
    await line2.getByLabel('Päivämäärä').fill(addDays(3));
    const rules = line2.locator('.status.warn', { hasText: 'Rivi 2: korjaa ennen tallennusta' });
    await rules.getByText('raja on 6 °C', { exact: false }).waitFor();
    expect(await axeProblems(page)).toEqual([]);
    expect(await widerThanPhone(page)).toBe(false);
    await page.screenshot({ path: join(SHOTS, 'intake-line-rules-360.png'), fullPage: true });
    await line2.getByLabel('Lämpötila vastaanotossa (°C)').fill('4');
    await rules.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Tallenna vastaanotto' }).click();
    const saved = page.getByText('Vastaanotto tallennettu', { exact: true });
    await saved.waitFor();
    // The result is shown where the user is looking: beside the button, in view.
    await expect.poll(() => saved.evaluate((el) => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight; })).toBe(true);
    const stored = await db().select({ category: lots.category, allergens: lots.allergens, temperatureClass: lots.temperatureClass }).from(lots);
    expect(stored).toEqual(expect.arrayContaining([
      { category: 'bread', allergens: ['gluten'], temperatureClass: 'ambient' },
      { category: 'meat', allergens: null, temperatureClass: 'chilled' },
    ]));
    await context.close();
  });

  it('shows a lot frozen in time by the day it may be packed until, not only the date on its package', async () => {
    // Frozen by the donor 59 days ago, a day before its use-by: packable until tomorrow (FROZEN_SHELF_DAYS 60).
    const frozenOn = addDays(-59);
    const until = addDays(60, new Date(`${frozenOn}T12:00:00Z`));
    const intake = await post(ctx, bearer(wh.token), '/intakes', { donorId: net.donor.id, lines: [{ category: 'meat', kg: 2, temperatureClass: 'frozen', dateKind: 'use_by', date: addDays(-58), frozenOn, receiptCelsius: -20, storageUnitId: net.units.frozen.id }] });
    expect(intake.lots[0].packableUntil).toBe(until);
    const context = await browser.newContext(PHONE);
    const page = await signIn(context, wh.email, wh.password);
    await page.getByRole('link', { name: 'Varasto' }).click();
    await page.getByRole('heading', { name: 'Päiväys lähellä' }).waitFor();
    // The lot shows under its unit and under "Päiväys lähellä": the same row either place. Found by
    // its code: an earlier test's chilled meat is 'Liha' too.
    const row = page.locator('li.lot', { hasText: lotCode(intake.lots[0].id) }).first();
    await expect.poll(() => row.textContent()).toContain(`pakattava viimeistään ${fiDate(until)}`);
    expect(await row.textContent()).toContain(`Viimeinen käyttöpäivä ${fiDate(addDays(-58))}`);
    expect(await axeProblems(page)).toEqual([]);
    expect(await widerThanPhone(page)).toBe(false);
    await page.screenshot({ path: join(SHOTS, 'stock-packable-until-360.png'), fullPage: true });
    await context.close();
  });

  it('says what kind each alert is, and shows and downloads a unit’s temperature records, for the warehouse and a coordinator', async () => {
    await post(ctx, bearer(wh.token), `/storage-units/${net.units.chilled.id}/temperature-readings`, { celsius: 4.5 });
    await post(ctx, bearer(wh.token), `/storage-units/${net.units.chilled.id}/temperature-readings`, { celsius: 9.5 });
    await db().insert(alerts).values({ kind: 'reading_missed', storageUnitId: net.units.ambient.id, day: addDays(-1), detail: 'Dry store: 0 of 1 own-check readings recorded; 1 missed.' });
    // What the API says, in the app's language (Finnish).
    const open = (await ctx.http().get('/alerts').set(bearer(wh.token)).set('accept-language', 'fi')).body.items as { kind: string; detail: string; storageUnitName: string }[];
    const context = await browser.newContext(PHONE);
    const page = await signIn(context, wh.email, wh.password);
    await page.getByRole('link', { name: 'Hälytykset' }).click();
    const excursion = page.locator('article', { hasText: 'Cold room' });
    await excursion.getByText('Lämpötilapoikkeama', { exact: true }).waitFor();
    await excursion.getByText(open.find((a) => a.kind === 'excursion')!.detail).waitFor();
    const missed = page.locator('article', { hasText: 'Dry store' });
    await missed.getByText('Lukema puuttuu', { exact: true }).waitFor();
    await missed.getByText(open.find((a) => a.kind === 'reading_missed')!.detail).waitFor();
    expect(await axeProblems(page)).toEqual([]);
    expect(await widerThanPhone(page)).toBe(false);
    await page.screenshot({ path: join(SHOTS, 'alerts-kinds-360.png'), fullPage: true });

    await page.getByRole('link', { name: 'Kassi' }).click();
    await page.getByRole('link', { name: 'Lämpötilakirjanpito' }).click();
    await page.getByLabel('Säilytystila').selectOption({ label: 'Cold room (Kylmä)' });
    await page.getByRole('heading', { name: 'Cold room · 2 lukemaa' }).waitFor();
    const rows = page.locator('tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(0).locator('td').allTextContents()).toEqual([expect.stringMatching(/ klo /), '4,5', '', expect.any(String)]);
    expect(await rows.nth(1).locator('td').allTextContents()).toEqual([expect.stringMatching(/ klo /), '9,5', 'Poikkeama', expect.any(String)]);
    expect(await axeProblems(page)).toEqual([]);
    expect(await widerThanPhone(page)).toBe(false);
    await page.screenshot({ path: join(SHOTS, 'readings-360.png'), fullPage: true });
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Lataa CSV' }).click()]);
    // Saved under the name of what it holds: the unit and the days, not an id.
    expect(file.suggestedFilename()).toMatch(/^omavalvonta-Cold-room-\d{4}-\d\d-\d\d–\d{4}-\d\d-\d\d\.csv$/);
    const csv = await downloadedText(file);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('säilytystila;lämpötilaluokka;aika;lämpötila (°C);poikkeama;varoitus;kirjaaja;kirjattu;kirjattu_jälkikäteen');
    // The two readings, then the unit's alerts with their corrective actions.
    expect(lines.filter((l) => /^Cold room;kylmä;\d{4}-/.test(l))).toHaveLength(2);
    expect(lines[1]).toMatch(/^Cold room;kylmä;\d{4}-\d\d-\d\d \d\d:\d\d;4,5;ei;ei;/);
    expect(lines[2]).toMatch(/^Cold room;kylmä;\d{4}-\d\d-\d\d \d\d:\d\d;9,5;kyllä;ei;/);
    await context.close();

    // A coordinator has the same records two taps from the start screen.
    const coordinator = await browser.newContext(PHONE);
    const cpage = await signIn(coordinator, net.coordinator.email, net.coordinator.password);
    await cpage.getByRole('link', { name: 'Lämpötilakirjanpito' }).click();
    await cpage.getByLabel('Säilytystila').selectOption({ label: 'Cold room (Kylmä)' });
    await cpage.getByRole('heading', { name: 'Cold room · 2 lukemaa' }).waitFor();
    expect(await axeProblems(cpage)).toEqual([]);
    const [cfile] = await Promise.all([cpage.waitForEvent('download'), cpage.getByRole('button', { name: 'Lataa CSV' }).click()]);
    expect(await downloadedText(cfile)).toContain(';kylmä;');

    // On a slow network the first unit's records may still be on their way when another unit is
    // chosen: the chosen unit's stay on the screen when the late answer comes.
    let first: string | undefined;
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await coordinator.route('**/storage-units/*/temperature-readings?*', async (route) => {
      if (first) return route.continue();
      first = route.request().url();
      await held;
      await route.continue();
    });
    await cpage.reload();
    await cpage.getByLabel('Säilytystila').selectOption({ label: 'Freezer (Pakaste)' });
    await cpage.getByRole('heading', { name: /^Freezer · / }).waitFor();
    expect(first).toContain(net.units.chilled.id);
    const lateAnswer = cpage.waitForResponse((r) => r.url() === first);
    release();
    await lateAnswer;
    await cpage.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    expect(await cpage.getByRole('heading', { name: /^Freezer · / }).isVisible()).toBe(true);
    expect(await cpage.getByRole('heading', { name: /^Cold room · / }).count()).toBe(0);
    await coordinator.close();
  });
});
