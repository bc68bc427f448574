/// <reference lib="dom" />
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { localDate, localTimeOnDate, weekdayOf } from '../../../src/domain/dates.ts';
import { onSameDayChange } from '../../../src/modules/route-plans/same-day.service.ts';
import { bearer } from '../../helpers/app.ts';
import { PHONE, SHOTS, appInBrowser, signIn, widerThanPhone } from '../../helpers/browser.ts';
import { post } from '../../helpers/fixtures.ts';
import { stockBags } from '../../helpers/reservations.ts';
import { planAndWait } from '../../helpers/route-plans.ts';

/**
 * A pickup added to today's route while the driver's phone is offline, in Debian's Chromium at
 * 360 px: when the phone is online again, the route shows the new stop, marked new.
 * The server's clock is 9.00 on today's date (the phone reads today's routes by its own date).
 */
const today = localDate(new Date());
const nine = localTimeOnDate(today, '09:00');

describe('a same-day pickup on the driver\'s phone', () => {
  const world = appInBrowser({ env: { PLANNING_TIME_LIMIT_MS: '200' }, now: () => nine });
  let driver: { email: string; password: string };
  let depotId = '';
  let farmId = '';

  beforeAll(async () => {
    const { ctx } = world;
    const auth = bearer((await ctx.userToken('coordinator')).token);
    const depot = await post(ctx, auth, '/sites', { kind: 'depot', name: 'Moision varasto', municipality: 'Mikkeli', lat: 61.701, lon: 27.233, opensAt: '07:00', closesAt: '18:00' });
    depotId = depot.id;
    const point = await post(ctx, auth, '/sites', { kind: 'point', name: 'Anttolan jakopiste', municipality: 'Mikkeli', address: 'Anttolantie 1', lat: 61.585, lon: 27.646, depotId });
    await post(ctx, auth, `/sites/${point.id}/distribution-days`, { weekday: weekdayOf(today), start: '14:00', end: '16:00' });
    farmId = (await post(ctx, auth, '/sites', { kind: 'donor', name: 'Tuottaja X', municipality: 'Mikkeli', lat: 61.66, lon: 27.3, depotId, donorKind: 'producer' })).id;
    await post(ctx, auth, '/vehicles', { depotId, name: 'Kylmäauto', refrigerated: true, capacityKg: 800, capacityBags: 100, shiftStart: '08:00', shiftEnd: '17:00' });
    await stockBags(ctx.deps.database.db, { depotId, count: 6, weightG: 5000, packedAt: nine });
    await post(ctx, auth, '/reservations', { pointId: point.id, date: today, bagType: 'food', bags: 4 });
    const plan = await planAndWait(ctx, auth, depotId, today);
    expect(plan.routes).toHaveLength(1);
    const d = await ctx.userToken('driver');
    driver = d;
    await post(ctx, auth, `/route-plans/${plan.id}/publish`, { assignments: [{ routeId: plan.routes[0].id, driverId: d.id }] }, 200);
  }, 120_000);

  it('shows the added pickup, marked new, after going online', async () => {
    const context = await world.browser.newContext(PHONE);
    const page = await signIn(context, world.base, driver.email, driver.password);
    await page.getByRole('link', { name: 'Päivän reitti' }).click();
    await page.locator('li.stop', { hasText: 'Anttolan jakopiste' }).waitFor();
    expect(await page.locator('li.stop', { hasText: 'Tuottaja X' }).count()).toBe(0);

    await context.setOffline(true);
    const outcome = await world.ctx.deps.database.db.transaction((tx) => onSameDayChange(tx, {
      kind: 'offer_accepted', offerId: 'o1', donorId: farmId, depotId, date: today, taskId: 'offer-o1', grams: 150_000,
      temperatureClass: 'chilled', requiresRefrigeration: true, windowStart: localTimeOnDate(today, '10:00'), windowEnd: localTimeOnDate(today, '12:00'),
    }, nine));
    expect(outcome.status).toBe('added');

    await context.setOffline(false);
    await page.evaluate(() => dispatchEvent(new Event('online')));
    const added = page.locator('li.stop', { hasText: 'Tuottaja X' });
    await added.waitFor();
    await added.locator('.badge.changed', { hasText: 'Uusi' }).waitFor();
    expect(await widerThanPhone(page)).toBe(false);
    await page.screenshot({ path: join(SHOTS, 'driver-same-day-360.png'), fullPage: true });
    await context.close();
  });
});
