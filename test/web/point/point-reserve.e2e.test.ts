/// <reference lib="dom" />
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { bags, reservations } from '../../../src/db/schema/index.ts';
import { addDays, localDate, weekdayOf } from '../../../src/domain/dates.ts';
import { bearer } from '../../helpers/app.ts';
import { PHONE, SHOTS, appInBrowser, axeProblems, signIn, widerThanPhone } from '../../helpers/browser.ts';
import { post, seedNetwork } from '../../helpers/fixtures.ts';
import { stockBags } from '../../helpers/reservations.ts';

/**
 * The point lead's reserve screen in Debian's Chromium at 360 px, for a point created without a
 * depot (the network's only depot serves it): the bags it shows free are those free for the
 * chosen distribution day (a chilled bag whose use-by comes before it does not count), a
 * temperature class can be chosen, and a reservation of that class holds bags of that class.
 */
describe('reserving bags for a distribution day on the phone', { timeout: 60_000 }, () => {
  const world = appInBrowser();
  let pointId: string;
  let lead: { email: string; password: string };
  const today = localDate(new Date());
  const day = addDays(today, 3);

  beforeAll(async () => {
    const { ctx } = world;
    const net = await seedNetwork(ctx);
    const point = await post(ctx, net.auth, '/sites', { kind: 'point', name: 'Anttolan jakopiste', municipality: 'Mikkeli', lat: 61.59, lon: 27.65 });
    expect(point.depotId).toBeUndefined();
    expect(point.servedByDepotId).toBe(net.depot.id);
    pointId = point.id;
    await post(ctx, net.auth, `/sites/${pointId}/distribution-days`, { weekday: weekdayOf(day), start: '12:00', end: '14:00' });
    const db = ctx.deps.database.db;
    const packedAt = new Date();
    // Chilled food bags: 3 good only until tomorrow, 2 good past the distribution day; 4 frozen and 1 ambient with no use-by.
    await stockBags(db, { depotId: net.depot.id, count: 3, temperatureClass: 'chilled', earliestUseBy: addDays(today, 1), packedAt });
    await stockBags(db, { depotId: net.depot.id, count: 2, temperatureClass: 'chilled', earliestUseBy: addDays(day, 2), packedAt });
    await stockBags(db, { depotId: net.depot.id, count: 4, temperatureClass: 'frozen', packedAt });
    await stockBags(db, { depotId: net.depot.id, count: 1, temperatureClass: 'ambient', packedAt });
    lead = await ctx.userToken('point_lead', { pointId });
  });

  it('shows what is free for that day, reserves frozen bags when Pakaste is chosen, and says the same as a refusal would', async () => {
    const { ctx } = world;
    const context = await world.browser.newContext(PHONE);
    const page = await signIn(context, world.base, lead.email, lead.password);
    await page.getByRole('link', { name: 'Varaa kasseja' }).click();
    // 10 bags are on the shelf today; 7 of them are still good on the distribution day.
    await page.getByText('Vapaana 7', { exact: true }).waitFor();
    await page.getByText(/Kylmä 2 · Pakaste 4/).waitFor();
    expect(await axeProblems(page)).toEqual([]);
    expect(await widerThanPhone(page)).toBe(false);
    await page.screenshot({ path: join(SHOTS, 'reserve-class-360.png'), fullPage: true });

    await page.getByLabel('Lämpötilaluokka').selectOption('frozen');
    await page.getByText('Vapaana 4', { exact: true }).waitFor();
    await page.getByLabel('Kasseja').fill('3');
    await page.getByRole('button', { name: 'Varaa', exact: true }).click();
    await page.getByText('Varaus tallennettu').waitFor();
    await page.getByText('Vapaana 1', { exact: true }).waitFor();
    const [made] = await ctx.deps.database.db.select().from(reservations).where(eq(reservations.pointId, pointId));
    expect(made).toMatchObject({ date: day, bagType: 'food', temperatureClass: 'frozen', bags: 3, status: 'held' });
    const held = await ctx.deps.database.db.select({ temperatureClass: bags.temperatureClass }).from(bags).where(eq(bags.reservationId, made.id));
    expect(held.map((b) => b.temperatureClass)).toEqual(['frozen', 'frozen', 'frozen']);

    // Chilled: the screen says 2, and asking for 3 is refused with the same 2, in Finnish.
    await page.getByLabel('Lämpötilaluokka').selectOption('chilled');
    await page.getByText('Vapaana 2', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Varaa', exact: true }).click();
    await page.getByRole('status').getByText(/^Vain 2 ruokakassia \(kylmä\) on saatavilla päivälle/).waitFor();
    expect(await axeProblems(page)).toEqual([]);
    await context.close();

    const api = await ctx.http().get('/bags/available').query({ depotId: made.depotId, bagType: 'food', date: day, temperatureClass: 'chilled' }).set(bearer((await ctx.userToken('coordinator')).token));
    expect(api.body).toMatchObject({ date: day, available: 2 });
  });
});
