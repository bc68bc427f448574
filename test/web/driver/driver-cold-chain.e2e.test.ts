/// <reference lib="dom" />
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { bagEvents } from '../../../src/db/schema/index.ts';
import { localDate, weekdayOf } from '../../../src/domain/dates.ts';
import { bearer } from '../../helpers/app.ts';
import { PHONE, SHOTS, appInBrowser, axeProblems, signIn, widerThanPhone } from '../../helpers/browser.ts';
import { loadRoute, post } from '../../helpers/fixtures.ts';
import { stockBags } from '../../helpers/reservations.ts';
import { morningPlanningClock } from '../../helpers/clock.ts';
import { planAndWait } from '../../helpers/route-plans.ts';

/**
 * Chilled bags a driver brings back, in Debian's Chromium at 360 px: marking a delivery done
 * with fewer bags than on board offers "Kylmäketju säilyi". Ticked (here offline, through the
 * outbox), the rest go back to stock; left as it is, they are discarded for temperature.
 */
const clock = morningPlanningClock();

describe('the cold chain of bags that come back, on the driver’s phone', () => {
  const world = appInBrowser({ env: { PLANNING_TIME_LIMIT_MS: '200' }, now: clock.now });
  let driver: { email: string; password: string };
  const reservation: Record<'kept' | 'broken', string> = { kept: '', broken: '' };

  beforeAll(async () => {
    const { ctx } = world;
    const auth = bearer((await ctx.userToken('coordinator')).token);
    const today = localDate(new Date());
    const depot = await post(ctx, auth, '/sites', { kind: 'depot', name: 'Moision varasto', municipality: 'Mikkeli', lat: 61.701, lon: 27.233, opensAt: '05:00', closesAt: '22:00' });
    const points = {
      kept: await post(ctx, auth, '/sites', { kind: 'point', name: 'Anttolan jakopiste', municipality: 'Mikkeli', address: 'Anttolantie 1', lat: 61.585, lon: 27.646, depotId: depot.id }),
      broken: await post(ctx, auth, '/sites', { kind: 'point', name: 'Ristiinan jakopiste', municipality: 'Mikkeli', address: 'Brahentie 2', lat: 61.506, lon: 27.252, depotId: depot.id }),
    };
    for (const p of Object.values(points)) await post(ctx, auth, `/sites/${p.id}/distribution-days`, { weekday: weekdayOf(today), start: '15:00', end: '17:00' });
    await post(ctx, auth, '/vehicles', { depotId: depot.id, name: 'Kylmäauto', refrigerated: true, capacityKg: 800, capacityBags: 100, shiftStart: '05:00', shiftEnd: '22:00' });
    await stockBags(ctx.deps.database.db, { depotId: depot.id, count: 8, temperatureClass: 'chilled', weightG: 5000, packedAt: new Date() });
    for (const k of ['kept', 'broken'] as const) {
      reservation[k] = (await post(ctx, auth, '/reservations', { pointId: points[k].id, date: today, bagType: 'food', temperatureClass: 'chilled', bags: 4 })).id;
    }
    const plan = await clock.atMorning(() => planAndWait(ctx, auth, depot.id, today));
    expect(plan.routes).toHaveLength(1);
    const d = await ctx.userToken('driver');
    driver = d;
    await post(ctx, auth, `/route-plans/${plan.id}/publish`, { assignments: [{ routeId: plan.routes[0].id, driverId: d.id }] }, 200);
    await loadRoute(ctx, bearer(d.token), plan.routes[0].id);
  }, 120_000);

  /** Where each reservation's bags went after the delivery: delivered, back in stock, discarded (with the reason). */
  const outcome = async (reservationId: string) => {
    const rows = await world.ctx.deps.database.db.select().from(bagEvents).where(eq(bagEvents.reservationId, reservationId));
    const to = (s: string) => rows.filter((r) => r.toStatus === s);
    return { delivered: to('delivered').length, inStock: to('in_stock').length, discarded: to('discarded').map((r) => r.reason) };
  };

  it('offers "Kylmäketju säilyi" only for a short count; ticked offline the rest return to stock, unticked they are discarded', async () => {
    const context = await world.browser.newContext(PHONE);
    const page = await signIn(context, world.base, driver.email, driver.password);
    await page.getByRole('link', { name: 'Päivän reitti' }).click();
    const kept = page.locator('li.stop', { hasText: 'Anttolan jakopiste' });
    const broken = page.locator('li.stop', { hasText: 'Ristiinan jakopiste' });
    await kept.waitFor();
    await page.waitForFunction(async () => (await navigator.serviceWorker.ready) && navigator.serviceWorker.controller !== null);

    await context.setOffline(true);
    await kept.getByRole('button', { name: 'Merkitse tehdyksi' }).click();
    expect(await kept.getByLabel('Toimitetut kassit').inputValue()).toBe('4');
    // Every bag delivered: nothing comes back, nothing to ask.
    expect(await kept.getByLabel('Kylmäketju säilyi').count()).toBe(0);
    await kept.getByLabel('Toimitetut kassit').fill('2');
    const box = kept.getByLabel('Kylmäketju säilyi');
    expect(await box.isChecked()).toBe(false);
    await kept.getByText('Toimittamatta jää 2 kassia.', { exact: false }).waitFor();
    expect(await axeProblems(page)).toEqual([]);
    expect(await widerThanPhone(page)).toBe(false);
    await page.screenshot({ path: join(SHOTS, 'driver-cold-chain-360.png'), fullPage: true });
    await box.check();
    await kept.getByRole('button', { name: 'Tallenna' }).click();
    await kept.getByText(/Tehty.*odottaa yhteyttä/).waitFor();
    expect(await outcome(reservation.kept)).toMatchObject({ delivered: 0 });

    await context.setOffline(false);
    await page.evaluate(() => dispatchEvent(new Event('online')));
    await page.getByText('1 tallennus odottaa yhteyttä').waitFor({ state: 'detached' });
    await expect.poll(async () => (await outcome(reservation.kept)).delivered).toBe(2);
    expect(await outcome(reservation.kept)).toEqual({ delivered: 2, inStock: 2, discarded: [] });

    // Online, the box left as it is: the 3 bags that come back are discarded for temperature.
    await broken.getByRole('button', { name: 'Merkitse tehdyksi' }).click();
    await broken.getByLabel('Toimitetut kassit').fill('1');
    expect(await broken.getByLabel('Kylmäketju säilyi').isChecked()).toBe(false);
    await broken.getByRole('button', { name: 'Tallenna' }).click();
    await page.getByText(/Tallennettu · 3 kassia hävitettiin/).waitFor();
    expect(await outcome(reservation.broken)).toEqual({ delivered: 1, inStock: 0, discarded: ['temperature', 'temperature', 'temperature'] });
    await context.close();
  }, 90_000);
});
