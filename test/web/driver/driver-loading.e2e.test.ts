/// <reference lib="dom" />
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { bags } from '../../../src/db/schema/index.ts';
import { addDays, localDate, weekdayOf } from '../../../src/domain/dates.ts';
import { lotCode } from '../../../src/domain/labels.ts';
import { bearer } from '../../helpers/app.ts';
import { PHONE, SHOTS, appInBrowser, axeProblems, signIn, widerThanPhone } from '../../helpers/browser.ts';
import { post } from '../../helpers/fixtures.ts';
import { stockBags } from '../../helpers/reservations.ts';
import { morningPlanningClock } from '../../helpers/clock.ts';
import { planAndWait } from '../../helpers/route-plans.ts';

/**
 * "Lastattu, lähden" on the driver's phone at 360 px (issue 18, item 11): tomorrow's route
 * waits with the button disabled and the reason beside it; today's is loaded offline through
 * the outbox, and once it reaches the server the card says which bag stayed at the depot and
 * why (past its hand-out date, discarded). A cold delivery done afterwards shows its ride.
 */
const clock = morningPlanningClock();

describe('loading the van on the driver’s phone', () => {
  const world = appInBrowser({ env: { PLANNING_TIME_LIMIT_MS: '200' }, now: clock.now });
  let driver: { email: string; password: string; id: string };
  let expired: string;

  beforeAll(async () => {
    const { ctx } = world;
    const auth = bearer((await ctx.userToken('coordinator')).token);
    const today = localDate(new Date());
    const tomorrow = addDays(today, 1);
    const depot = await post(ctx, auth, '/sites', { kind: 'depot', name: 'Moision varasto', municipality: 'Mikkeli', lat: 61.701, lon: 27.233, opensAt: '05:00', closesAt: '22:00' });
    const point = await post(ctx, auth, '/sites', { kind: 'point', name: 'Anttolan jakopiste', municipality: 'Mikkeli', address: 'Anttolantie 1', lat: 61.585, lon: 27.646, depotId: depot.id });
    for (const day of [today, tomorrow]) await post(ctx, auth, `/sites/${point.id}/distribution-days`, { weekday: weekdayOf(day), start: '15:00', end: '17:00' });
    await post(ctx, auth, '/vehicles', { depotId: depot.id, name: 'Kylmäauto', refrigerated: true, capacityKg: 800, capacityBags: 100, shiftStart: '05:00', shiftEnd: '22:00' });
    await stockBags(ctx.deps.database.db, { depotId: depot.id, count: 6, temperatureClass: 'chilled', weightG: 5000, packedAt: new Date(), handOutBy: addDays(today, 3) });
    const d = await ctx.userToken('driver');
    driver = d;
    for (const day of [today, tomorrow]) {
      const r = await post(ctx, auth, '/reservations', { pointId: point.id, date: day, bagType: 'food', temperatureClass: 'chilled', bags: 3 });
      if (day === today) {
        // A bag reserved before hand-out dates were kept: past its date today.
        const [first] = await ctx.deps.database.db.select().from(bags).where(eq(bags.reservationId, r.id)).orderBy(bags.id);
        expired = first.id;
        await ctx.deps.database.db.update(bags).set({ handOutBy: addDays(today, -1) }).where(eq(bags.id, expired));
      }
      const plan = await clock.atMorning(() => planAndWait(ctx, auth, depot.id, day));
      expect(plan.routes).toHaveLength(1);
      await post(ctx, auth, `/route-plans/${plan.id}/publish`, { assignments: [{ routeId: plan.routes[0].id, driverId: d.id }] }, 200);
    }
  }, 120_000);

  it('disables tomorrow’s buttons with the reason, loads today offline, then shows what stayed behind and the cold ride', async () => {
    const context = await world.browser.newContext(PHONE);
    const page = await signIn(context, world.base, driver.email, driver.password);
    await page.getByRole('link', { name: 'Päivän reitti' }).click();
    await page.locator('li.stop').first().waitFor();
    await page.waitForFunction(async () => (await navigator.serviceWorker.ready) && navigator.serviceWorker.controller !== null);

    // Tomorrow: nothing can be pressed yet, and the screen says why.
    await page.getByRole('button', { name: 'Huomenna' }).click();
    const load = page.getByRole('button', { name: 'Lastattu, lähden' });
    await page.getByText('Lastauksen voi kuitata vasta reitin päivänä', { exact: false }).waitFor();
    expect(await load.isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Merkitse tehdyksi' }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Ohita' }).isDisabled()).toBe(true);
    expect(await axeProblems(page)).toEqual([]);
    expect(await widerThanPhone(page)).toBe(false);

    // Today: the delivery waits for the loading.
    await page.getByRole('button', { name: 'Tänään' }).click();
    const stop = page.locator('li.stop', { hasText: 'Anttolan jakopiste' });
    await stop.getByText('Kuittaa ensin lastaus', { exact: false }).waitFor();
    expect(await stop.getByRole('button', { name: 'Merkitse tehdyksi' }).isDisabled()).toBe(true);

    await context.setOffline(true);
    await load.click();
    await page.getByText(/Lastattu klo .*palvelimelle, kun yhteys palaa/).waitFor();
    expect(await stop.getByRole('button', { name: 'Merkitse tehdyksi' }).isDisabled()).toBe(false);
    expect((await world.ctx.deps.database.db.select().from(bags).where(eq(bags.id, expired)))[0].status).toBe('reserved');

    await context.setOffline(false);
    await page.evaluate(() => dispatchEvent(new Event('online')));
    await page.getByRole('heading', { name: 'Jäi varastoon' }).waitFor();
    const left = page.locator('.left-behind');
    await left.getByText('1 kassi jäi varastoon').waitFor();
    expect(await left.innerText()).toContain(lotCode(expired));
    expect(await left.innerText()).toContain('jakopäivä mennyt – hävitetty');
    expect((await world.ctx.deps.database.db.select().from(bags).where(eq(bags.id, expired)))[0].status).toBe('discarded');
    expect(await axeProblems(page)).toEqual([]);
    expect(await widerThanPhone(page)).toBe(false);
    await page.screenshot({ path: join(SHOTS, 'driver-loaded-360.png'), fullPage: true });

    // The two bags on board are delivered; the cold stop shows its ride from the loading.
    await stop.getByRole('button', { name: 'Merkitse tehdyksi' }).click();
    expect(await stop.getByLabel('Toimitetut kassit').inputValue()).toBe('2');
    await stop.getByRole('button', { name: 'Tallenna' }).click();
    await stop.getByText(/Kylmäkuljetus \d+ min/).waitFor();
    expect(await axeProblems(page)).toEqual([]);
    await context.close();
  }, 90_000);
});
