/// <reference lib="dom" />
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../../helpers/app.ts';
import { LANDSCAPE, PHONE, SHOTS, appInBrowser, axeProblems, overflowing, settled, signIn, widerThanPhone } from '../../helpers/browser.ts';
import { post, seedNetwork } from '../../helpers/fixtures.ts';
import { line, testClock } from '../../helpers/warehouse.ts';

const WEDNESDAY = '2027-03-24';
const TUESDAY = '2027-03-30';

/**
 * Recalls on the phone at 360 px, in Finnish: the coordinator starts one by a word of the
 * product's name and sees what it did (the reserved bag withdrawn at the depot, the delivered
 * one by point) and who has not acknowledged; the point that got the food sees the notice on
 * its start screen with what to do and "Kuittaa"; then the coordinator sees the acknowledgement.
 * The warehouse's stock screen shows the bags waiting in each unit.
 */
describe('recalls: the coordinator starts one, the point acknowledges it', { timeout: 90_000 }, () => {
  const clock = testClock('2027-03-23T08:00:00+02:00');
  const world = appInBrowser({ now: clock.now });
  let net: Awaited<ReturnType<typeof seedNetwork>>;
  let wh: { email: string; password: string; token: string };
  let otherLead: { email: string; password: string; token: string };
  let lead: { email: string; password: string; token: string };
  let lotId: string;

  beforeAll(async () => {
    const { ctx } = world;
    net = await seedNetwork(ctx);
    wh = await ctx.userToken('warehouse');
    const whAuth = bearer(wh.token);
    lead = await ctx.userToken('point_lead', { pointId: net.point.id });
    otherLead = await ctx.userToken('point_lead', { pointId: net.otherPoint.id });
    const intake = await post(ctx, whAuth, '/intakes', {
      donorId: net.donor.id,
      lines: [
        line(net.units.chilled.id, { category: 'meat', kg: 12, date: '2027-04-05', product: 'Naudan paisti 400 g', batch: 'B-59' }),
        line(net.units.chilled.id, { category: 'dairy', kg: 20, date: '2027-04-10', product: 'Kevytmaito' }),
      ],
    });
    const [paisti, milk] = intake.lots.map((l: { id: string }) => l.id);
    lotId = paisti;
    await post(ctx, whAuth, '/packing-runs', { depotId: net.depot.id, bagType: 'food', bagCount: 2, lots: [{ lotId: paisti, kg: 10 }] });
    await post(ctx, whAuth, '/packing-runs', { depotId: net.depot.id, bagType: 'food', bagCount: 2, lots: [{ lotId: milk, kg: 10 }] });
    // One paisti bag goes to the other point on Wednesday and is delivered; the other is reserved for Tuesday.
    const wednesday = await post(ctx, bearer(otherLead.token), '/reservations', { pointId: net.otherPoint.id, date: WEDNESDAY, bagType: 'food', bags: 1 });
    await post(ctx, bearer(lead.token), '/reservations', { pointId: net.point.id, date: TUESDAY, bagType: 'food', bags: 2 });
    clock.set(`${WEDNESDAY}T09:00:00+02:00`);
    await post(ctx, net.auth, `/reservations/${wednesday.id}/dispatch`, {}, 200);
    clock.set(`${WEDNESDAY}T12:00:00+02:00`);
    const delivered = await ctx.http().post(`/reservations/${wednesday.id}/deliveries`).set(net.auth).send({ bagsDelivered: 1 });
    expect(delivered.status, JSON.stringify(delivered.body)).toBeLessThan(300);
    clock.set(`${WEDNESDAY}T15:00:00+02:00`);
    await post(ctx, net.auth, '/storage-units', { depotId: net.depot.id, name: 'Cold room 2', temperatureClass: 'chilled', capacityKg: 100 });
  }, 120_000);

  it('warehouse: the stock screen lists the bags waiting in each unit', async () => {
    const context = await world.browser.newContext(PHONE);
    const page = await signIn(context, world.base, wh.email, wh.password);
    await page.getByRole('link', { name: 'Varasto' }).click();
    const room = page.locator('article').filter({ has: page.getByRole('heading', { name: /^Cold room ·/ }) });
    await room.getByRole('heading', { name: 'Kassit' }).waitFor();
    // Three bags wait in the cold room (one was delivered): two reserved for Tuesday, one in stock.
    expect(await room.locator('li.lot', { hasText: /^Kassi / }).count()).toBe(3);
    expect(await room.locator('li.lot', { hasText: 'varattu' }).count()).toBe(2);
    expect(await page.locator('article', { hasText: 'Dry store' }).getByText('Kassit').count()).toBe(0);
    expect(await axeProblems(page)).toEqual([]);
    expect(await widerThanPhone(page)).toBe(false);
    await context.close();
  });

  it('warehouse: 8,5 °C in an empty cold room is said at once in red with what to do, nothing held is said so, and "Kuittaa poikkeama" closes it into the audit trail', async () => {
    const { ctx } = world;
    const context = await world.browser.newContext(PHONE);
    const page = await signIn(context, world.base, wh.email, wh.password);
    await page.getByRole('link', { name: 'Lämpötilat' }).click();
    await page.getByLabel('Cold room 2 (Kylmä) °C', { exact: true }).fill('8,5');
    const form = page.locator('form').filter({ has: page.getByLabel('Cold room 2 (Kylmä) °C', { exact: true }) });
    await form.getByRole('button', { name: 'Tallenna lukema' }).click();
    const warm = form.getByRole('alert');
    await warm.getByText(/^Liian lämmin: Cold room 2 8,5 °C \(raja 6 °C\)\. Mitään ei pidätetty\. Siirrä ruoka/).waitFor();
    expect(await form.getByText('Tallennettu').count()).toBe(0);
    expect(await warm.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(253, 226, 225)');
    expect(await axeProblems(page)).toEqual([]);
    expect(await widerThanPhone(page)).toBe(false);
    await page.screenshot({ path: join(SHOTS, 'reading-8-5-empty-room-360.png'), fullPage: true });

    // The coordinators are told of every alert, and find it under their own "Hälytykset" with "Kuittaa poikkeama".
    const coordinator = await world.browser.newContext(PHONE);
    const cpage = await signIn(coordinator, world.base, net.coordinator.email, net.coordinator.password);
    await cpage.getByRole('link', { name: 'Hälytykset' }).click();
    const seen = cpage.locator('article').filter({ has: cpage.getByRole('heading', { name: /^Cold room 2 · 8,5 °C/ }) });
    await seen.getByRole('button', { name: 'Kuittaa poikkeama' }).waitFor();
    expect(await axeProblems(cpage)).toEqual([]);
    expect(await widerThanPhone(cpage)).toBe(false);
    await coordinator.close();

    await warm.getByRole('link', { name: 'Avaa hälytykset' }).click();
    const alert = page.locator('article').filter({ has: page.getByRole('heading', { name: /^Cold room 2 · 8,5 °C/ }) });
    await alert.getByText(/Mitään ei pidätetty\./).waitFor();
    expect(await alert.textContent()).not.toMatch(/Rajansa ylittävät|Pidätetty tarkastusta/);
    await alert.getByRole('button', { name: 'Kuittaa poikkeama' }).click();
    await alert.getByLabel('Korjaava toimenpide').selectOption({ label: 'Tarkastettu, kaikki kunnossa' });
    await alert.getByLabel('Lisätiedot').fill('Ovi jäi raolleen; tila tyhjä');
    await alert.locator('form').getByRole('button', { name: 'Kuittaa poikkeama' }).click();
    await page.getByRole('heading', { name: 'Kuitatut poikkeamat (30 päivää)' }).waitFor();
    await page.getByText('Ovi jäi raolleen; tila tyhjä').waitFor();
    expect(await axeProblems(page)).toEqual([]);
    const trail = (await ctx.http().get('/audit').query({ entity: 'alert' }).set(net.auth)).body.items;
    expect(trail).toMatchObject([{ action: 'resolve', actorRole: 'warehouse', after: { kind: 'excursion', action: 'checked_ok', note: 'Ovi jäi raolleen; tila tyhjä' } }]);
    await context.close();
  });

  it('coordinator: a recall that matches nothing is said on its field and starts nothing; "paisti" finds the lot and says what it did', async () => {
    const { ctx } = world;
    const context = await world.browser.newContext(PHONE);
    const page = await signIn(context, world.base, net.coordinator.email, net.coordinator.password);
    await page.getByRole('link', { name: 'Takaisinvedot' }).click();
    await page.getByText('Ei takaisinvetoja').waitFor();
    expect(await axeProblems(page)).toEqual([]);
    expect(await widerThanPhone(page)).toBe(false);

    await page.getByLabel('Tuote (nimen osa riittää)').fill('kaviaari');
    await page.getByLabel('Syy (jakopisteet näkevät tämän)').fill('Listeria');
    await page.getByRole('button', { name: 'Aloita takaisinveto' }).click();
    await page.locator('label', { hasText: 'Tuote' }).locator('.error', { hasText: 'Takaisinveto ei osu yhteenkään erään' }).waitFor();
    await page.getByRole('region', { name: 'Tarvitsee huomiota' }).waitFor();
    expect((await ctx.http().get('/recalls/started').set(net.auth)).body.items).toEqual([]);

    await page.getByLabel('Tuote (nimen osa riittää)').fill('  PAISTI ');
    // Before anything changes: what the recall would reach.
    await page.getByRole('button', { name: 'Näytä, mihin osuu' }).click();
    const preview = page.getByRole('status').filter({ hasText: 'Takaisinveto osuisi näihin (mitään ei ole vielä muutettu)' });
    await preview.getByText(/· Naudan paisti 400 g B-59 · varastossa 2 kg$/).waitFor();
    await preview.getByText('Kassit: varastossa 1, autossa 0, toimitettu 1').waitFor();
    await preview.getByText('Other point: toimitettu 1, autossa 0, varattu 0').waitFor();
    await preview.getByText('Test point: toimitettu 0, autossa 0, varattu 1').waitFor();
    expect(await axeProblems(page)).toEqual([]);
    expect((await ctx.http().get('/recalls/started').set(net.auth)).body.items).toEqual([]);
    expect((await ctx.http().get(`/lots/${lotId}`).set(net.auth)).body.status).not.toBe('recalled');
    await page.getByLabel('Syy (jakopisteet näkevät tämän)').fill('Tuottaja löysi listeriaa erästä B-59');
    await page.getByRole('button', { name: 'Aloita takaisinveto' }).click();
    await page.getByText('Takaisinveto aloitettu').waitFor();
    // The refused start no longer needs attention once the corrected one saved.
    await page.getByRole('region', { name: 'Tarvitsee huomiota' }).waitFor({ state: 'detached' });
    const card = page.getByRole('article', { name: /Tuottaja löysi listeriaa/ });
    await card.getByRole('heading', { name: 'Poistettu jaosta varastossa: 1 kassi' }).waitFor();
    await card.getByRole('heading', { name: 'Jo toimitettu: 1 kassi' }).waitFor();
    await card.getByText(/Naudan paisti 400 g B-59 · poistettu varastosta 2 kg/).waitFor();
    await card.getByText('Kuittaamatta: 1 jakopiste.').waitFor();
    await card.locator('li', { hasText: 'Other point' }).getByText('Ei vielä kuitattu').waitFor();
    expect(await axeProblems(page)).toEqual([]);
    expect(await widerThanPhone(page)).toBe(false);
    await page.screenshot({ path: join(SHOTS, 'recall-started-360.png'), fullPage: true });

    const started = (await ctx.http().get('/recalls/started').set(net.auth)).body.items;
    expect(started).toHaveLength(1);
    expect(started[0]).toMatchObject({ reason: 'Tuottaja löysi listeriaa erästä B-59', pointsNotAcknowledged: 1 });
    expect((await ctx.http().get(`/lots/${lotId}`).set(net.auth)).body.status).toBe('recalled');
    await context.close();
  });

  it('point lead: the notice is on the start screen with what to do; "Kuittaa" records what the point did, and it shows as acknowledged', async () => {
    const { ctx } = world;
    const context = await world.browser.newContext(PHONE);
    const page = await signIn(context, world.base, otherLead.email, otherLead.password);
    const notice = page.getByRole('article', { name: /Takaisinveto: älä jaa näitä kasseja/ });
    await notice.getByText('Syy: Tuottaja löysi listeriaa erästä B-59').waitFor();
    await notice.getByText(/Älä jaa näitä kasseja\. Kerää jakamattomat kassit erilleen/).waitFor();
    await notice.getByRole('heading', { name: 'Jo toimitettu: 1 kassi' }).waitFor();
    expect(await notice.evaluate((el) => getComputedStyle(el).borderLeftColor)).toBe('rgb(164, 0, 15)');
    expect(await axeProblems(page)).toEqual([]);
    expect(await widerThanPhone(page)).toBe(false);
    await page.screenshot({ path: join(SHOTS, 'recall-notice-360.png'), fullPage: true });

    // A note naming who was served is refused on its field and needs attention; "Muokkaa ja lähetä
    // uudelleen" reopens it on the recalls screen with the note sent, and the corrected one saves.
    await notice.getByLabel(/Mitä teitte/).fill('Soitettu kotitalouteen 040 123 4567');
    await notice.getByRole('button', { name: 'Kuittaa' }).click();
    await notice.locator('label', { hasText: 'Mitä teitte' }).getByRole('alert').getByText(/^Kuittauksessa on puhelinnumero/).waitFor();
    expect((await ctx.http().get('/recalls/started').set(net.auth)).body.items[0].pointsNotAcknowledged).toBe(1);
    const box = page.getByRole('region', { name: 'Tarvitsee huomiota' });
    await box.getByRole('button', { name: 'Muokkaa ja lähetä uudelleen' }).click();
    expect(new URL(page.url()).pathname).toBe('/app/recalls');
    const reopened = page.getByRole('article', { name: /Takaisinveto: älä jaa näitä kasseja/ });
    await expect.poll(() => reopened.getByLabel(/Mitä teitte/).inputValue()).toBe('Soitettu kotitalouteen 040 123 4567');
    await reopened.locator('label.field-error').getByText(/^Kuittauksessa on puhelinnumero/).waitFor();
    await reopened.getByLabel(/Mitä teitte/).fill('Kassi jaettu jo; kotitalous tavoitettu puhelimella');
    await reopened.getByRole('button', { name: 'Kuittaa' }).click();
    await reopened.getByText(/^Kuitattu .*: Kassi jaettu jo; kotitalous tavoitettu puhelimella$/).waitFor();
    await reopened.getByText('Kuitattu: koordinaattori näkee, mitä teitte.').waitFor();
    expect(await reopened.getByRole('button', { name: 'Kuittaa' }).count()).toBe(0);
    await box.waitFor({ state: 'detached' });
    const [recall] = (await ctx.http().get('/recalls/started').set(net.auth)).body.items;
    expect(recall.pointsNotAcknowledged).toBe(0);
    expect(recall.points[0].acknowledgement.note).toBe('Kassi jaettu jo; kotitalous tavoitettu puhelimella');

    // Acknowledged: no longer on the start screen, and on the recalls screen with what was done.
    await page.getByRole('link', { name: 'Kassi', exact: true }).click();
    await page.getByRole('link', { name: 'Takaisinvedot' }).waitFor();
    await page.reload();
    await page.getByRole('link', { name: 'Takaisinvedot' }).waitFor();
    await settled(page);
    expect(await page.getByRole('article').count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Tarvitsee huomiota' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Takaisinvedot' }).click();
    await page.getByText(/^Kuitattu .*: Kassi jaettu jo/).waitFor();
    expect(await axeProblems(page)).toEqual([]);
    await context.close();
  });

  it('point lead whose reserved bag was withdrawn: the reservation shows one bag fewer and the one recalled', async () => {
    const context = await world.browser.newContext(PHONE);
    const page = await signIn(context, world.base, lead.email, lead.password);
    await page.getByRole('link', { name: 'Varaukset' }).click();
    const card = page.locator('article', { hasText: '30.3.2027' });
    await card.getByText('Takaisinvedetty (ei toimiteta)').waitFor();
    expect(await card.locator('dl.facts').innerText()).toMatch(/Varattu\s+1\s+Takaisinvedetty \(ei toimiteta\)\s+1/);
    expect(await axeProblems(page)).toEqual([]);
    expect(await widerThanPhone(page)).toBe(false);
    await context.close();
  });

  it('coordinator: the acknowledgement shows with who, when and what was done', async () => {
    const context = await world.browser.newContext(PHONE);
    const page = await signIn(context, world.base, net.coordinator.email, net.coordinator.password);
    await page.getByRole('link', { name: 'Takaisinvedot' }).click();
    const card = page.getByRole('article', { name: /Tuottaja löysi listeriaa/ });
    await card.getByText('Kaikki jakopisteet ovat kuitanneet.').waitFor();
    await card.locator('li', { hasText: 'Other point' }).getByText(/Kuitattu .*: Kassi jaettu jo; kotitalous tavoitettu puhelimella/).waitFor();
    expect(await axeProblems(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'recall-acknowledged-360.png'), fullPage: true });
    await context.close();
  });

  it('turned sideways, both recalls screens fit and pass axe', async () => {
    for (const who of [net.coordinator, otherLead]) {
      const context = await world.browser.newContext(LANDSCAPE);
      const page = await signIn(context, world.base, who.email, who.password);
      await page.getByRole('link', { name: 'Takaisinvedot' }).click();
      await page.getByRole('article', { name: /Tuottaja löysi listeriaa/ }).waitFor();
      expect(await overflowing(page, LANDSCAPE.viewport.width)).toEqual([]);
      expect(await axeProblems(page)).toEqual([]);
      await context.close();
    }
  });
});
