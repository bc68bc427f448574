/// <reference lib="dom" />
import { join } from 'node:path';
import { count, eq } from 'drizzle-orm';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distributions, intakeRefusals, intakes, reservations } from '../../../src/db/schema/index.ts';
import { ensureWebBuild } from '../../../scripts/ensure-web.ts';
import { bearer, startTestApp, type TestContext } from '../../helpers/app.ts';
import { CHROMIUM, CHROMIUM_FLAGS, PHONE, SHOTS, axeProblems, launchChromium, widerThanPhone, signIn as openAndSignIn } from '../../helpers/browser.ts';
import { post, seedNetwork } from '../../helpers/fixtures.ts';

/**
 * The phone app in Debian's Chromium against the real server, at 360 px: a warehouse
 * volunteer's intake (also made offline, reloaded offline and synced exactly once) and a
 * point lead's reservation. axe-core runs on every screen. Screenshots go to the temp dir.
 */
describe('the phone app', { timeout: 60_000 }, () => {
  let ctx: TestContext;
  let browser: Browser;
  let net: Awaited<ReturnType<typeof seedNetwork>>;
  let base: string;
  const addDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
  /** A date as the printed labels write it, `pp.kk.vvvv`. */
  const labelDate = (d: string) => `${d.slice(8, 10)}.${d.slice(5, 7)}.${d.slice(0, 4)}`;
  const intakeCount = async () => (await ctx.deps.database.db.select({ n: count() }).from(intakes))[0].n;

  beforeAll(async () => {
    ensureWebBuild();
    ctx = await startTestApp();
    net = await seedNetwork(ctx);
    base = `http://127.0.0.1:${(ctx.app.server.address() as { port: number }).port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await ctx?.close();
  });

  const signIn = (context: BrowserContext, email: string, password: string) => openAndSignIn(context, base, email, password);

  it('serves the app under /app/ from / , in Finnish, installable', async () => {
    const root = await ctx.http().get('/');
    expect(root.status).toBe(302);
    expect(root.headers.location).toBe('/app/');
    const manifest = await ctx.http().get('/app/manifest.webmanifest');
    expect(JSON.parse(manifest.text)).toMatchObject({ name: 'Kassi', start_url: '/app/', display: 'standalone', lang: 'fi' });
    // Finnish first: the description the phone shows on install is Finnish.
    expect(JSON.parse(manifest.text).description).toMatch(/^Ruoka-apuverkoston logistiikka/);
    expect(JSON.parse(manifest.text).icons.map((i: { sizes: string }) => i.sizes)).toEqual(['192x192', '512x512']);
    expect((await ctx.http().get('/app/reserve')).text).toContain('<div id="app">');
  });

  it('a warehouse volunteer: wrong password in Finnish, an intake saved once from a double tap, a refused line shown on its field', async () => {
    const user = await ctx.userToken('warehouse');
    const context = await browser.newContext(PHONE);
    const page = await signIn(context, user.email, 'wrong-password');
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Väärä sähköposti tai salasana');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fi');
    expect(await axeProblems(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'sign-in-360.png'), fullPage: true });

    await page.getByLabel('Salasana').fill(user.password);
    await page.getByRole('button', { name: 'Kirjaudu sisään' }).click();
    await page.getByRole('link', { name: 'Vastaanotto' }).waitFor();
    expect(await axeProblems(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'warehouse-start-360.png'), fullPage: true });

    await page.getByRole('link', { name: 'Vastaanotto' }).click();
    await page.getByLabel('Lahjoittaja').selectOption({ label: 'Test shop' });
    await page.getByLabel('Tuoteryhmä').selectOption('dairy');
    for (const key of ['1', '2', ',', '5']) await page.getByRole('group', { name: 'Numeronäppäimistö' }).getByRole('button', { name: key, exact: true }).click();
    expect(await page.getByLabel('Paino (kg)').inputValue()).toBe('12,5');
    await page.getByLabel('Lämpötila vastaanotossa (°C)').fill('4');
    await page.getByLabel('Päivämäärä').fill(addDays(5));
    expect(await axeProblems(page)).toEqual([]);
    expect(await widerThanPhone(page)).toBe(false);
    await page.screenshot({ path: join(SHOTS, 'intake-360.png'), fullPage: true });

    const before = await intakeCount();
    await page.getByRole('button', { name: 'Tallenna vastaanotto' }).dblclick();
    await page.getByText('Vastaanotto tallennettu', { exact: true }).waitFor();
    expect(await intakeCount()).toBe(before + 1);

    // A use-by date in the past: the server's Finnish message on the date of that line.
    await page.getByLabel('Lahjoittaja').selectOption({ label: 'Test shop' });
    await page.getByLabel('Paino (kg)').fill('3');
    await page.getByLabel('Lämpötila vastaanotossa (°C)').fill('4');
    await page.getByLabel('Päivämäärä').fill(addDays(-2));
    await page.getByRole('button', { name: 'Tallenna vastaanotto' }).click();
    const dateField = page.locator('label.field-error', { hasText: 'Päivämäärä' });
    await expect.poll(() => dateField.textContent()).toMatch(/viimeinen käyttöpäivä .* on mennyt/);
    await page.getByRole('heading', { name: 'Tarvitsee huomiota' }).waitFor();
    expect(await axeProblems(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'intake-refused-360.png'), fullPage: true });
    expect(await intakeCount()).toBe(before + 1);

    // One tap turns the refused line into a recorded refusal (the line goes); the corrected intake replaces the refused write.
    await page.getByRole('button', { name: 'Kieltäydy vastaanotosta' }).click();
    await page.getByRole('heading', { name: 'Erät, joiden vastaanotosta kieltäydyttiin' }).waitFor();
    await page.getByRole('button', { name: 'Lisää rivi' }).click();
    await page.getByLabel('Paino (kg)').fill('2');
    await page.getByLabel('Lämpötila vastaanotossa (°C)').fill('4');
    await page.getByLabel('Päivämäärä').fill(addDays(5));
    await page.getByRole('button', { name: 'Tallenna vastaanotto' }).click();
    await page.getByText('Vastaanotto tallennettu', { exact: true }).waitFor();
    await page.getByRole('heading', { name: 'Tarvitsee huomiota' }).waitFor({ state: 'detached' });
    expect(await intakeCount()).toBe(before + 2);
    const refused = await ctx.deps.database.db.select().from(intakeRefusals);
    expect(refused.map((r) => [r.category, r.grams, r.reason])).toEqual([['dairy', 3000, 'use_by_past']]);

    // English on the switch, remembered over a reload.
    await page.getByRole('button', { name: 'In English' }).click();
    await page.reload();
    await page.getByRole('button', { name: 'Save intake' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.getByRole('button', { name: 'Suomeksi' }).click();
    await context.close();
  });

  it('a warehouse morning: a warm reading is said at once in red, the alert shows what it holds, a release once the room is back in range, "Kuittaa poikkeama"; stock and packing', async () => {
    const wh = await ctx.userToken('warehouse');
    await post(ctx, bearer(wh.token), '/intakes', { donorId: net.donor.id, lines: [{ category: 'dairy', kg: 20, temperatureClass: 'chilled', dateKind: 'use_by', date: addDays(6), receiptCelsius: 4, storageUnitId: net.units.chilled.id }] });
    const context = await browser.newContext(PHONE);
    const page = await signIn(context, wh.email, wh.password);
    await page.getByRole('link', { name: 'Lämpötilat' }).click();
    await page.getByLabel('Cold room (Kylmä) °C').fill('9,5');
    await page.locator('form', { hasText: 'Cold room' }).getByRole('button', { name: 'Tallenna lukema' }).click();
    // Not "Tallennettu" in green: too warm, in red, with what was held and what to do.
    const warm = page.locator('form', { hasText: 'Cold room' }).getByRole('alert');
    await warm.getByText(/Liian lämmin: Cold room 9,5 °C \(raja 6 °C\)\. Pidätettiin \d+ erä/).waitFor();
    expect(await warm.textContent()).toContain('kuittaa poikkeama Hälytyksissä korjaavalla toimenpiteellä');
    expect(await warm.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(253, 226, 225)');
    expect(await axeProblems(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'reading-too-warm-360.png'), fullPage: true });

    await page.getByRole('link', { name: 'Kassi' }).click();
    await page.getByRole('link', { name: 'Hälytykset' }).click();
    await page.getByRole('heading', { name: /Cold room · 9,5 °C/ }).waitFor();
    expect(await axeProblems(page)).toEqual([]);
    expect(await widerThanPhone(page)).toBe(false);
    await page.screenshot({ path: join(SHOTS, 'alerts-360.png'), fullPage: true });
    const holds = async () => (await ctx.http().get('/alerts').set(bearer(wh.token))).body.holds.length as number;
    const heldBefore = await holds();
    expect(heldBefore).toBeGreaterThan(0);
    const article = page.locator('article', { hasText: 'Cold room' });
    const held = article.locator('li.lot').first();
    // While the room reads 9,5 °C nothing is released: the refusal says why, in red.
    await held.getByRole('button', { name: 'Vapauta' }).click();
    await held.getByLabel('Korjaava toimenpide').fill('Kylmälaite korjattu, tuotteet tarkastettu');
    await held.locator('form').getByRole('button', { name: 'Vapauta' }).click();
    await held.locator('p.error', { hasText: '9,5 °C' }).waitFor();
    expect(await holds()).toBe(heldBefore);
    // Back in range: the lots are released, and the excursion is closed with its corrective action.
    await post(ctx, bearer(wh.token), `/storage-units/${net.units.chilled.id}/temperature-readings`, { celsius: 4 });
    await page.reload();
    for (let left = await holds(); left > 0; left -= 1) {
      const next = page.locator('article', { hasText: 'Cold room' }).locator('li.lot').first();
      await next.getByRole('button', { name: 'Vapauta' }).click();
      await next.getByLabel('Korjaava toimenpide').fill('Kylmälaite korjattu, tuotteet tarkastettu');
      await next.locator('form').getByRole('button', { name: 'Vapauta' }).click();
      await expect.poll(holds).toBe(left - 1);
    }
    await article.getByRole('button', { name: 'Kuittaa poikkeama' }).first().click();
    await article.getByLabel('Korjaava toimenpide').selectOption({ label: 'Laite korjattu' });
    await article.getByLabel('Lisätiedot').fill('Oven tiiviste vaihdettu');
    await article.locator('form').getByRole('button', { name: 'Kuittaa poikkeama' }).click();
    await page.getByRole('heading', { name: 'Kuitatut poikkeamat (30 päivää)' }).waitFor();
    await page.getByText(/Laite korjattu · warehouse/).waitFor();
    expect(await axeProblems(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'alert-closed-360.png'), fullPage: true });

    await page.getByRole('link', { name: 'Kassi' }).click();
    await post(ctx, net.auth, '/storage-units', { depotId: net.depot.id, name: 'Spare shelf', temperatureClass: 'ambient', capacityKg: 50 });
    await page.getByRole('link', { name: 'Varasto' }).click();
    await page.getByRole('heading', { name: 'Päiväys lähellä' }).waitFor();
    // Each unit lists its lots by code, product, date and kg; an empty one says "Ei eriä".
    await page.locator('article', { hasText: 'Cold room' }).locator('li.lot', { hasText: /Maitotuotteet/ }).first().waitFor();
    await page.locator('article', { hasText: 'Spare shelf' }).getByText('Ei eriä').waitFor();
    expect(await axeProblems(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'stock-units-360.png'), fullPage: true });
    await page.getByRole('link', { name: 'Kassi' }).click();
    await page.getByRole('link', { name: 'Pakkaus' }).click();
    await page.getByLabel('Kasseja').fill('2');
    await page.getByRole('button', { name: 'Pakkaa' }).click();
    await page.getByRole('heading', { name: /Keräilylista · 2 ×/ }).waitFor();
    expect(await axeProblems(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'packing-360.png'), fullPage: true });
    // The labels open as a page from the app's link: the page cookie signs the volunteer in.
    const [labels] = await Promise.all([context.waitForEvent('page'), page.getByRole('link', { name: 'Tulosta tarrat ja keräilylista' }).click()]);
    await labels.waitForLoadState();
    expect(await labels.locator('body').textContent()).not.toMatch(/unauthorized|Kirjaudu sisään \(voimassa/);
    expect(await labels.evaluate(() => document.contentType)).toBe('text/html');
    await context.close();
  });

  it('a packing volunteer finds each lot of the picking list by what the stock screen shows: code, product, date and unit', async () => {
    const wh = await ctx.userToken('warehouse');
    const intake = await post(ctx, bearer(wh.token), '/intakes', { donorId: net.donor.id, lines: [{
      category: 'bread', product: 'Ruisleipä 500 g', kg: 3, temperatureClass: 'ambient', dateKind: 'best_before', date: addDays(1), storageUnitId: net.units.ambient.id,
    }] });
    const code = intake.lots[0].code as string;
    const date = new Intl.DateTimeFormat('fi-FI', { timeZone: 'Europe/Helsinki' }).format(new Date(`${addDays(1)}T12:00:00Z`));
    const context = await browser.newContext(PHONE);
    const page = await signIn(context, wh.email, wh.password);
    await page.getByRole('link', { name: 'Varasto' }).click();
    // In its unit's list (the same lot also shows under "Päiväys lähellä").
    const onShelf = page.locator('article', { hasText: 'Dry store' }).locator('li.lot', { hasText: code });
    await onShelf.getByText(`Erä ${code} · Ruisleipä 500 g (Leipä)`).waitFor();
    await onShelf.getByText(`3 kg · Parasta ennen ${date} · Dry store`).waitFor();

    await page.getByRole('link', { name: 'Kassi' }).click();
    await page.getByRole('link', { name: 'Pakkaus' }).click();
    await page.getByLabel('Kassityyppi').selectOption('bread');
    await page.getByLabel('Kasseja').fill('1');
    await page.getByRole('button', { name: 'Pakkaa' }).click();
    const picked = page.locator('ul.picking li.lot', { hasText: code });
    await picked.getByText(`Erä ${code} · Ruisleipä 500 g (Leipä)`).waitFor();
    await picked.getByText(`ota 2 kg · Parasta ennen ${date} · Dry store`).waitFor();
    expect(await axeProblems(page)).toEqual([]);
    expect(await widerThanPhone(page)).toBe(false);
    await page.screenshot({ path: join(SHOTS, 'picking-list-360.png'), fullPage: true });

    const [labels] = await Promise.all([context.waitForEvent('page'), page.getByRole('link', { name: 'Tulosta tarrat ja keräilylista' }).click()]);
    await labels.waitForLoadState();
    const row = labels.locator('table.shelves tr', { hasText: code });
    expect(await row.locator('td').allTextContents()).toEqual([code, 'Ruisleipä 500 g (leipä)', 'Dry store', `parasta ennen ${labelDate(addDays(1))}`, '', '2']);
    await context.close();
  });

  it('an intake made offline survives a reload offline and reaches the server exactly once', async () => {
    const user = await ctx.userToken('warehouse');
    const context = await browser.newContext(PHONE);
    const page = await signIn(context, user.email, user.password);
    await page.getByRole('link', { name: 'Vastaanotto' }).click();
    await page.getByLabel('Lahjoittaja').selectOption({ label: 'Test shop' });
    await page.waitForFunction(async () => (await navigator.serviceWorker.ready) && navigator.serviceWorker.controller !== null);
    const before = await intakeCount();

    await context.setOffline(true);
    await page.getByLabel('Tuoteryhmä').selectOption('bread');
    await page.getByLabel('Lämpötilaluokka').selectOption('ambient');
    await page.getByLabel('Päiväys').selectOption('best_before');
    await page.getByLabel('Päivämäärä').fill(addDays(3));
    await page.getByLabel('Paino (kg)').fill('7');
    await page.getByRole('button', { name: 'Tallenna vastaanotto' }).click();
    await page.getByText('1 tallennus odottaa yhteyttä').waitFor();

    await page.reload();
    await page.getByText('1 tallennus odottaa yhteyttä').waitFor();
    await page.getByRole('button', { name: 'Tallenna vastaanotto' }).waitFor();
    expect(await intakeCount()).toBe(before);

    await context.setOffline(false);
    await page.evaluate(() => dispatchEvent(new Event('online')));
    await page.getByText('1 tallennus odottaa yhteyttä').waitFor({ state: 'detached' });
    expect(await intakeCount()).toBe(before + 1);
    await page.reload();
    await page.getByRole('button', { name: 'Tallenna vastaanotto' }).waitFor();
    expect(await intakeCount()).toBe(before + 1);
    await context.close();
  });

  it('a point lead sees free bags, reserves for the next distribution day with its cut-off, and cancels', async () => {
    // Stock: 40 kg of dry goods packed into 6 more food bags.
    const wh = bearer((await ctx.userToken('warehouse')).token);
    const dry = await post(ctx, wh, '/intakes', { donorId: net.donor.id, lines: [{ category: 'dry_goods', kg: 40, temperatureClass: 'ambient', dateKind: 'best_before', date: addDays(90), storageUnitId: net.units.ambient.id }] });
    // From that lot by name: FEFO would take the earlier tests' bread first, whose bags may not be handed out by the distribution day.
    await post(ctx, net.auth, '/packing-runs', { depotId: net.depot.id, bagType: 'food', temperatureClass: 'ambient', bagCount: 6, lots: [{ lotId: dry.lots[0].id, kg: 40 }] });

    const lead = await ctx.userToken('point_lead', { pointId: net.point.id });
    const context = await browser.newContext(PHONE);
    const page = await signIn(context, lead.email, lead.password);
    await page.getByRole('link', { name: 'Varaa kasseja' }).click();
    // What is free for the distribution day chosen (the first one), as a reservation for it would see it.
    // The day's own options (the bag type and class selects have theirs from the start).
    await page.getByLabel('Jakopäivä').locator('option').first().waitFor({ state: 'attached' });
    const day = await page.getByLabel('Jakopäivä').inputValue();
    const free = (await ctx.http().get(`/bags/available?depotId=${net.depot.id}&bagType=food&date=${day}`).set(net.auth)).body.available as number;
    expect(free).toBeGreaterThanOrEqual(6);
    await page.getByText(`Vapaana ${free}`).waitFor();
    await page.getByText(/Varaukset sulkeutuvat \d+\.\d+\.\d{4} klo 18\.00/).waitFor();
    expect(await axeProblems(page)).toEqual([]);
    expect(await widerThanPhone(page)).toBe(false);
    await page.screenshot({ path: join(SHOTS, 'reserve-360.png'), fullPage: true });
    await page.getByLabel('Kasseja').fill('2');
    await page.getByRole('button', { name: 'Varaa', exact: true }).click();
    await page.getByText('Varaus tallennettu').waitFor();
    await page.getByText(`Vapaana ${free - 2}`).waitFor();
    const rows = await ctx.deps.database.db.select().from(reservations).where(eq(reservations.pointId, net.point.id));
    expect(rows.map((r) => [r.bags, r.status])).toEqual([[2, 'held']]);

    await page.getByRole('link', { name: 'Kassi' }).click();
    await page.getByRole('link', { name: 'Varaukset' }).click();
    await page.getByRole('button', { name: 'Peru varaus' }).click();
    await page.getByText('peruttu').waitFor();
    expect(await axeProblems(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'reservations-360.png'), fullPage: true });
    const [after] = await ctx.deps.database.db.select().from(reservations).where(eq(reservations.pointId, net.point.id));
    expect(after.status).toBe('cancelled');

    const uiToken = await page.evaluate(() => (JSON.parse(localStorage.getItem('kassi.session')!) as { token: string }).token);
    expect((await ctx.http().get('/me').set(bearer(uiToken))).status).toBe(200);
    const kept = () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('kassi.')).sort());
    expect((await kept()).filter((k) => k.startsWith('kassi.cache:')).length).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Kirjaudu ulos' }).click();
    await page.getByRole('button', { name: 'Kirjaudu sisään' }).waitFor();
    expect((await ctx.http().get('/me').set(bearer(uiToken))).status).toBe(401);
    // Signed out, the phone keeps nothing it read for offline use (sites, reservations), only the language.
    expect((await kept()).filter((k) => k !== 'kassi.lang')).toEqual([]);
    await context.close();
  });

  it("a point lead records a day's households, a note with a phone number is refused in Finnish, and a correction supersedes the day", async () => {
    const lead = await ctx.userToken('point_lead', { pointId: net.otherPoint.id });
    const context = await browser.newContext(PHONE);
    const page = await signIn(context, lead.email, lead.password);
    await page.getByRole('link', { name: 'Kotitaloudet' }).click();
    await page.getByLabel('Kotitaloudet').fill('14');
    await page.getByLabel('Henkilöt').fill('31');
    await page.getByLabel('Jaetut kassit').fill('15');
    await page.getByLabel('Huomautus').fill('soita 040 123 4567');
    expect(await axeProblems(page)).toEqual([]);
    expect(await widerThanPhone(page)).toBe(false);
    await page.getByRole('button', { name: 'Tallenna jako' }).click();
    await page.getByRole('status').getByText('Huomautuksessa on puhelinnumero', { exact: false }).waitFor();
    expect(await ctx.deps.database.db.select().from(distributions).where(eq(distributions.pointId, net.otherPoint.id))).toEqual([]);

    await page.getByRole('link', { name: 'Kassi' }).click();
    await page.getByRole('link', { name: 'Kotitaloudet' }).click();
    await page.getByLabel('Kotitaloudet').fill('14');
    await page.getByLabel('Henkilöt').fill('31');
    await page.getByLabel('Jaetut kassit').fill('15');
    await page.getByRole('button', { name: 'Tallenna jako' }).click();
    await page.getByText('Jako tallennettu').waitFor();
    await page.getByText('14 kotitaloutta · 15 kassia').waitFor();
    await page.screenshot({ path: join(SHOTS, 'distribution-360.png'), fullPage: true });
    await page.getByRole('button', { name: 'Korjaa luvut' }).click();
    await page.getByLabel('Kotitaloudet').fill('16');
    await page.getByRole('button', { name: 'Tallenna jako' }).click();
    await page.getByText('16 kotitaloutta · 15 kassia').waitFor();
    const rows = await ctx.deps.database.db.select().from(distributions).where(eq(distributions.pointId, net.otherPoint.id));
    expect(rows.map((r) => r.households).sort()).toEqual([14, 16]);
    expect(rows.find((r) => r.households === 16)?.supersedesId).toBe(rows.find((r) => r.households === 14)?.id);
    await context.close();
  });

  it('opens over plain http from another address of the network (a phone on the LAN), with no https upgrade', async () => {
    expect((await ctx.http().get('/app/')).headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    // Chromium trusts only localhost over http; a LAN name is what a phone on the network uses.
    const port = (ctx.app.server.address() as { port: number }).port;
    const lan = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_FLAGS, '--host-resolver-rules=MAP kassi.lan 127.0.0.1'] });
    try {
      const user = await ctx.userToken('point_lead', { pointId: net.point.id });
      const page = await openAndSignIn(await lan.newContext(PHONE), `http://kassi.lan:${port}`, user.email, user.password);
      await page.getByRole('link', { name: 'Varaa kasseja' }).waitFor();
      expect(page.url()).toMatch(/^http:\/\/kassi\.lan:/);
    } finally {
      await lan.close();
    }
  });
});
