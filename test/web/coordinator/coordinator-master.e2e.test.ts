/// <reference lib="dom" />
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate, localTimeOnDate } from '../../../src/domain/dates.ts';
import { rebuildAllTallies } from '../../../src/modules/tallies/tallies.service.ts';
import { bearer } from '../../helpers/app.ts';
import { PHONE, SHOTS, appInBrowser, axeProblems, signIn, widerThanPhone } from '../../helpers/browser.ts';
import { eventually } from '../../helpers/eventually.ts';
import { post, seedNetwork } from '../../helpers/fixtures.ts';

/**
 * The coordinator keeps master data and people in the app, without curl, in Debian's Chromium
 * against the real server: a site edited (address, contacts, serving depot, organisation), a
 * vehicle, a storage unit and a user added and edited, a volunteer's phone, hygiene passport
 * and active flag changed in the roster (so they can join a packing shift), and the reports
 * by organisation and of the points' distributions. Each refusal shows the server's Finnish
 * message on its field, and nothing is written.
 */
describe('the coordinator’s master data, roster edits and reports by organisation', () => {
  const world = appInBrowser();
  let net: Awaited<ReturnType<typeof seedNetwork>>;
  let organisation: { id: string; name: string };
  beforeAll(async () => {
    net = await seedNetwork(world.ctx);
    organisation = await post(world.ctx, net.auth, '/organisations', { name: 'Mikkelin Ruoka-apu ry' });
  });

  const api = async (path: string) => (await world.ctx.http().get(path).set(net.auth)).body;
  /** A refusal: the server's message on the field labelled `label`; then the write is dropped from "needs attention". */
  const refusedOn = async (page: Page, label: string) => {
    const message = await page.locator('label.field-error', { hasText: label }).locator('.error').textContent();
    await page.getByRole('button', { name: 'Poista tallennus' }).click();
    return message;
  };
  const checkScreen = async (page: Page, shot: string) => {
    expect(await axeProblems(page)).toEqual([]);
    expect(await widerThanPhone(page)).toBe(false);
    await page.screenshot({ path: join(SHOTS, shot), fullPage: true });
  };

  it('edits a site and adds a vehicle, a storage unit and a user, each refusal on its field', async () => {
    const context = await world.browser.newContext(PHONE);
    const page = await signIn(context, world.base, net.coordinator.email, net.coordinator.password);
    await page.getByRole('link', { name: 'Perustiedot' }).click();

    await page.getByRole('button', { name: 'Muokkaa: Test point' }).click();
    await page.getByText('Muokkaat: Test point').waitFor();
    await page.getByLabel('Puhelin').fill('12');
    await page.getByRole('button', { name: 'Tallenna paikka' }).click();
    expect(await refusedOn(page, 'Puhelin')).toBeTruthy();
    expect((await api(`/sites/${net.point.id}`)).phone).toBeUndefined();

    await page.getByLabel('Osoite').fill('Raatihuoneenkatu 1');
    await page.getByLabel('Yhteyshenkilö').fill('Liisa Laine');
    await page.getByLabel('Puhelin').fill('015 123 4567');
    await page.getByLabel('Muu yhteystieto').fill('ovikoodi 1234');
    await page.getByLabel('Palveleva varasto').selectOption({ label: 'Lähin varasto (automaattisesti)' });
    await page.getByLabel('Organisaatio').selectOption({ label: organisation.name });
    await page.getByRole('button', { name: 'Tallenna paikka' }).click();
    await page.getByRole('status').filter({ hasText: 'Tallennettu' }).waitFor();
    await page.locator('li', { hasText: 'Test point' }).getByText('palveleva varasto Test depot (ainoa varasto)').waitFor();
    const site = await api(`/sites/${net.point.id}`);
    expect(site).toMatchObject({
      address: 'Raatihuoneenkatu 1', contactName: 'Liisa Laine', phone: '015 123 4567', contact: 'ovikoodi 1234',
      organisationId: organisation.id, servedByDepotId: net.depot.id, servedBy: 'only_depot',
    });
    expect(site.depotId).toBeUndefined();
    await checkScreen(page, 'coordinator-master-sites-360.png');

    await page.getByRole('button', { name: 'Autot' }).click();
    await page.getByText('Lisää auto').click();
    await page.getByLabel('Nimi').fill('Pakettiauto');
    await page.getByLabel('Kantavuus (kg)').fill('800');
    await page.getByLabel('Kasseja enintään').fill('60');
    await page.getByLabel('Ajovuoro alkaa').fill('15:00');
    await page.getByLabel('Ajovuoro päättyy').fill('08:00');
    await page.getByRole('button', { name: 'Tallenna auto' }).click();
    expect(await refusedOn(page, 'Ajovuoro päättyy')).toMatch(/jälkeen/);
    expect((await api('/vehicles')).items).toEqual([]);
    await page.getByLabel('Ajovuoro päättyy').fill('16:00');
    await page.getByLabel('Kylmäauto').check();
    await page.getByRole('button', { name: 'Tallenna auto' }).click();
    await page.locator('li', { hasText: 'Pakettiauto' }).waitFor();
    expect((await api('/vehicles')).items).toEqual([expect.objectContaining({
      depotId: net.depot.id, name: 'Pakettiauto', capacityKg: 800, capacityBags: 60, shiftStart: '15:00', shiftEnd: '16:00', refrigerated: true,
    })]);
    await checkScreen(page, 'coordinator-master-vehicles-360.png');

    await page.getByRole('button', { name: 'Säilytystilat' }).click();
    await page.getByText('Lisää säilytystila').click();
    await page.getByLabel('Nimi').fill('Kylmähuone 2');
    await page.getByLabel('Lämpötilaluokka').selectOption({ label: 'Kylmä' });
    await page.getByLabel('Tilaa (kg)').fill('0');
    await page.getByRole('button', { name: 'Tallenna säilytystila' }).click();
    expect(await refusedOn(page, 'Tilaa (kg)')).toBeTruthy();
    await page.getByLabel('Tilaa (kg)').fill('750,5');
    await page.getByLabel(/^Lämpötilan kirjauksia päivässä/).fill('2');
    await page.getByRole('button', { name: 'Tallenna säilytystila' }).click();
    await page.locator('li', { hasText: 'Kylmähuone 2' }).getByText('2 kirjausta päivässä').waitFor();
    expect((await api('/storage-units')).items).toEqual(expect.arrayContaining([expect.objectContaining({
      depotId: net.depot.id, name: 'Kylmähuone 2', temperatureClass: 'chilled', capacityKg: 750.5, readingsPerDay: 2,
    })]));
    await checkScreen(page, 'coordinator-master-units-360.png');

    await page.getByRole('button', { name: 'Käyttäjät' }).click();
    await page.getByText('Lisää käyttäjä').click();
    await page.getByLabel('Nimi').fill('Aino Virtanen');
    await page.getByLabel(/^Sähköposti/).fill(net.coordinator.email);
    await page.getByLabel('Rooli').selectOption({ label: 'Jakopiste' });
    await page.getByLabel(/^Jakopiste/).selectOption({ label: 'Other point' });
    await page.getByLabel(/^Salasana/).fill('pitkä-salasana-1');
    await page.getByRole('button', { name: 'Tallenna käyttäjä' }).click();
    expect(await refusedOn(page, 'Sähköposti')).toContain(net.coordinator.email);
    await page.getByLabel(/^Sähköposti/).fill('aino.virtanen@ruoka-apu.test');
    await page.getByRole('button', { name: 'Tallenna käyttäjä' }).click();
    await page.locator('li', { hasText: 'aino.virtanen@ruoka-apu.test' }).waitFor();
    const [aino] = (await api('/users')).items.filter((u: { email: string }) => u.email === 'aino.virtanen@ruoka-apu.test');
    expect(aino).toMatchObject({ name: 'Aino Virtanen', role: 'point_lead', pointId: net.otherPoint.id, notify: 'email', active: true });
    // The new user signs in with the password the coordinator gave.
    expect((await world.ctx.http().post('/auth/login').send({ email: aino.email, password: 'pitkä-salasana-1' })).status).toBe(200);

    await page.getByRole('button', { name: 'Muokkaa: Aino Virtanen' }).click();
    const editor = page.getByRole('group', { name: 'Muokkaat: Aino Virtanen' });
    await editor.getByLabel('Organisaatio').selectOption({ label: organisation.name });
    await editor.getByLabel('Viestien kieli').selectOption('en');
    await editor.getByRole('button', { name: 'Tallenna henkilön tiedot' }).click();
    await editor.waitFor({ state: 'detached' });
    expect((await api('/users')).items.find((u: { id: string }) => u.id === aino.id)).toMatchObject({ organisationId: organisation.id, locale: 'en' });
    await checkScreen(page, 'coordinator-master-users-360.png');
    await context.close();
  }, 120_000);

  it('adds a site by a pasted location or a map link, and says plainly when the location is missing or unreadable', async () => {
    const context = await world.browser.newContext(PHONE);
    const page = await signIn(context, world.base, net.coordinator.email, net.coordinator.password);
    await page.getByRole('link', { name: 'Perustiedot' }).click();
    const names = async () => ((await api('/sites?limit=100')).items as { name: string }[]).map((s) => s.name);
    const fillSite = async (name: string, location: string) => {
      await page.getByRole('textbox', { name: 'Nimi', exact: true }).fill(name);
      await page.getByRole('textbox', { name: 'Kunta', exact: true }).fill('Mikkeli');
      await page.getByRole('textbox', { name: 'Osoite', exact: true }).fill('Porrassalmenkatu 20');
      await siteForm.locator('input[aria-describedby="site-location-hint"]').fill(location);
      await page.getByRole('button', { name: 'Tallenna paikka' }).click();
    };
    const siteForm = page.locator('details', { has: page.locator('summary', { hasText: 'Lisää paikka' }) });
    const openForm = async () => {
      if (!(await siteForm.evaluate((d) => (d as HTMLDetailsElement).open))) await siteForm.locator('summary').click();
    };
    await openForm();

    // No geocoder in this run: an empty location is refused by the server, in plain Finnish, on the field.
    await fillSite('Sijainniton piste', '');
    expect(await refusedOn(page, 'Sijainti')).toBe('Sijainti puuttuu: anna osoite ja kunta, tai leveys- ja pituusaste, esim. 61,69, 27,27.');
    expect(await names()).not.toContain('Sijainniton piste');

    // Text that holds no coordinates is said at once and never sent.
    await openForm();
    await fillSite('Sijainniton piste', 'torin laidalla');
    await page.locator('label.field-error', { hasText: 'Sijainti' }).getByText('Sijaintia ei tunnistettu').waitFor();
    expect(await names()).not.toContain('Sijainniton piste');
    await checkScreen(page, 'coordinator-master-site-location-360.png');

    await fillSite('Torin piste', '61,69, 27,27');
    await page.locator('li', { hasText: 'Torin piste' }).waitFor();
    const sites = (await api('/sites?limit=100')).items as { name: string; lat: number; lon: number }[];
    expect(sites.find((s) => s.name === 'Torin piste')).toMatchObject({ lat: 61.69, lon: 27.27 });

    await openForm();
    await fillSite('Linkkipiste', 'https://www.openstreetmap.org/?mlat=61.68861&mlon=27.27222#map=17/61.68861/27.27222');
    await page.locator('li', { hasText: 'Linkkipiste' }).waitFor();
    const linked = ((await api('/sites?limit=100')).items as { name: string; lat: number; lon: number }[]).find((s) => s.name === 'Linkkipiste');
    expect(linked).toMatchObject({ lat: 61.68861, lon: 27.27222 });
    await context.close();
  }, 60_000);

  it('edits a volunteer’s phone, hygiene passport and active flag in the roster, so they can join a packing shift', async () => {
    const volunteer = await world.ctx.userToken('warehouse');
    const tomorrow = addDays(localDate(new Date()), 1);
    const [shift] = (await post(world.ctx, net.auth, '/shifts', {
      siteId: net.depot.id, kind: 'packing', start: localTimeOnDate(tomorrow, '09:00').toISOString(), end: localTimeOnDate(tomorrow, '12:00').toISOString(), needed: 3,
    })).items;
    const signUp = () => world.ctx.http().post(`/shifts/${shift.id}/signups`).set(bearer(volunteer.token)).send({});
    expect((await signUp()).body.code).toBe('hygiene_passport_required');

    const context = await world.browser.newContext(PHONE);
    const page = await signIn(context, world.base, net.coordinator.email, net.coordinator.password);
    await page.getByRole('link', { name: 'Vapaaehtoiset' }).click();
    const name = `warehouse ${volunteer.email.split('-')[1]}`;
    const user = async () => (await api('/users')).items.find((u: { id: string }) => u.id === volunteer.id);
    expect((await user()).name).toBe(name);
    await page.getByRole('button', { name: `Muokkaa: ${name}`, exact: true }).click();
    const editor = page.getByRole('group', { name: `Muokkaat: ${name}` });
    await editor.getByLabel('Puhelin').fill('040 765 4321');
    await editor.getByLabel('Viestit').selectOption({ label: 'Tekstiviestinä' });
    await editor.getByLabel(/^Hygieniapassi voimassa asti/).fill('2030-01-31');
    await editor.getByRole('button', { name: 'Tallenna henkilön tiedot' }).click();
    await page.getByRole('status').filter({ hasText: `Tallennettu: ${name}` }).waitFor();
    const row = page.locator('li', { hasText: name });
    await row.getByText('hygieniapassi 31.1.2030 asti').waitFor();
    await row.getByText('+358407654321').waitFor();
    expect(await user()).toMatchObject({ phone: '+358407654321', notify: 'sms', hygienePassportUntil: '2030-01-31', active: true });
    expect((await signUp()).status).toBe(201);
    await checkScreen(page, 'coordinator-roster-edit-360.png');

    // Text messages without a phone: refused on the phone field, nothing changed.
    await row.getByRole('button', { name: `Muokkaa: ${name}` }).click();
    await editor.getByLabel('Puhelin').fill('');
    await editor.getByRole('button', { name: 'Tallenna henkilön tiedot' }).click();
    expect(await refusedOn(page, 'Puhelin')).toMatch(/puhelinnumero/i);
    expect((await user()).phone).toBe('+358407654321');
    await editor.getByLabel('Puhelin').fill('040 765 4321');
    await editor.getByLabel(/^Aktiivinen/).uncheck();
    await editor.getByRole('button', { name: 'Tallenna henkilön tiedot' }).click();
    await row.getByText('ei aktiivinen').waitFor();
    expect((await user()).active).toBe(false);
    expect(await axeProblems(page)).toEqual([]);
    await context.close();
  }, 90_000);

  it('reports tallies by organisation (sites of none on their own row) and the points’ distributions', async () => {
    const warehouse = bearer((await world.ctx.userToken('warehouse')).token);
    const lead = bearer((await world.ctx.userToken('point_lead', { pointId: net.point.id })).token);
    const today = localDate(new Date());
    await world.ctx.http().patch(`/sites/${net.donor.id}`).set(net.auth).send({ organisationId: organisation.id }).expect(200);
    const loneDonor = await post(world.ctx, net.auth, '/sites', { kind: 'donor', name: 'Kyläkauppa', municipality: 'Mikkeli', lat: 61.7, lon: 27.2 });
    const line = (kg: number) => ({ category: 'dry_goods', kg, temperatureClass: 'ambient', dateKind: 'none', storageUnitId: net.units.ambient.id });
    await post(world.ctx, warehouse, '/intakes', { donorId: net.donor.id, lines: [line(42)] });
    await post(world.ctx, warehouse, '/intakes', { donorId: loneDonor.id, lines: [line(13)] });
    await post(world.ctx, lead, `/sites/${net.point.id}/distributions`, { date: today, households: 17, persons: 40, bagsHandedOut: 18 });
    await world.ctx.deps.outbox.drain();
    await rebuildAllTallies(world.ctx.deps.database);

    const context = await world.browser.newContext(PHONE);
    const page = await signIn(context, world.base, net.coordinator.email, net.coordinator.password);
    await page.getByRole('link', { name: 'Raportit' }).click();
    await page.getByLabel('Alkaen').fill(today);
    await page.getByLabel(/^Ryhmittely/).selectOption({ label: 'Organisaatio' });
    await page.getByRole('button', { name: 'Näytä' }).click();
    const tallies = page.getByRole('region', { name: 'Taulukko: luvut jaksoittain' });
    await tallies.getByRole('row', { name: /Mikkelin Ruoka-apu ry 42 kg/ }).waitFor();
    await tallies.getByRole('row', { name: /Ei organisaatiota 13 kg/ }).waitFor();

    await page.getByLabel('Jakojen ryhmittely').selectOption({ label: 'Organisaatio' });
    await page.getByRole('button', { name: 'Hae jaot' }).click();
    const handedOut = page.getByRole('region', { name: 'Taulukko: jaot jaksoittain' });
    await handedOut.getByRole('row', { name: /Mikkelin Ruoka-apu ry 17 40 18 1/ }).waitFor();
    await page.getByLabel('Jakojen ryhmittely').selectOption({ label: 'Jakopiste' });
    await page.getByRole('button', { name: 'Hae jaot' }).click();
    await handedOut.getByRole('row', { name: /Test point 17 40 18 1/ }).waitFor();
    await eventually(async () => (await page.locator('img.chart').count()) === 1);
    await checkScreen(page, 'coordinator-reports-organisation-360.png');
    await context.close();
  }, 90_000);
});
