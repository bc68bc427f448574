/// <reference lib="dom" />
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { routeStops, stopCorrections } from '../../../src/db/schema/index.ts';
import { localDate, weekdayOf } from '../../../src/domain/dates.ts';
import { bearer } from '../../helpers/app.ts';
import { PHONE, SHOTS, appInBrowser, axeProblems, signIn } from '../../helpers/browser.ts';
import { morningPlanningClock } from '../../helpers/clock.ts';
import { post } from '../../helpers/fixtures.ts';
import { planAndWait } from '../../helpers/route-plans.ts';

/**
 * A driver corrects a done stop on the phone (issue 19, item 8): 585 kg typed for 58,5 is
 * corrected with "Korjaa" while offline, waits in the outbox, and is recorded exactly once
 * when the network is back; the stop then shows 58,5 kg with the history of both figures.
 */
const clock = morningPlanningClock();

describe('correcting a done stop on the driver’s phone', () => {
  const world = appInBrowser({ env: { PLANNING_TIME_LIMIT_MS: '200' }, now: clock.now });
  let driver: { email: string; password: string };
  let stopId: string;

  beforeAll(async () => {
    const { ctx } = world;
    const auth = bearer((await ctx.userToken('coordinator')).token);
    const today = localDate(new Date());
    const depot = await post(ctx, auth, '/sites', { kind: 'depot', name: 'Moision varasto', municipality: 'Mikkeli', lat: 61.701, lon: 27.233, opensAt: '05:00', closesAt: '22:00' });
    const donor = await post(ctx, auth, '/sites', { kind: 'donor', name: 'Prisma Mikkeli', municipality: 'Mikkeli', address: 'Graanintie 1', lat: 61.69, lon: 27.27, depotId: depot.id, donorKind: 'shop' });
    await post(ctx, auth, `/sites/${donor.id}/pickup-schedules`, { weekdays: [weekdayOf(today)], windowStart: '06:00', windowEnd: '20:00', expectedKg: 60 });
    await post(ctx, auth, '/vehicles', { depotId: depot.id, name: 'Pakettiauto', refrigerated: true, capacityKg: 800, capacityBags: 100, shiftStart: '05:00', shiftEnd: '22:00' });
    const plan = await clock.atMorning(() => planAndWait(ctx, auth, depot.id, today));
    const routeId = plan.routes[0].id;
    stopId = plan.routes[0].stops[0].id;
    const d = await ctx.userToken('driver');
    driver = d;
    await post(ctx, auth, `/route-plans/${plan.id}/publish`, { assignments: [{ routeId, driverId: d.id }] }, 200);
    await post(ctx, bearer(d.token), `/routes/${routeId}/stops/${stopId}/complete`, { kgCollected: 585 }, 200);
  }, 120_000);

  it('corrects 585 kg to 58,5 offline; back online it is recorded once and shown with its history', async () => {
    const context = await world.browser.newContext(PHONE);
    const page = await signIn(context, world.base, driver.email, driver.password);
    await page.getByRole('link', { name: 'Päivän reitti' }).click();
    const stop = page.locator('li.stop').first();
    await stop.getByText(/Tehty · Noudettu.* 585 kg/).waitFor();
    await page.waitForFunction(async () => (await navigator.serviceWorker.ready) && navigator.serviceWorker.controller !== null);

    await context.setOffline(true);
    await stop.getByRole('button', { name: 'Korjaa' }).click();
    expect(await stop.getByLabel('Noudettu (kg)').inputValue()).toBe('585');
    await stop.getByLabel('Noudettu (kg)').fill('58,5');
    await stop.getByLabel('Huomautus').fill('Näppäilyvirhe');
    expect(await axeProblems(page)).toEqual([]);
    await stop.getByRole('button', { name: 'Tallenna korjaus' }).dblclick();
    await stop.getByText('Korjaus 58,5 kg odottaa yhteyttä').waitFor();
    await page.getByText('1 tallennus odottaa yhteyttä').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: join(SHOTS, 'driver-correction-offline-360.png'), fullPage: true });
    expect(await world.ctx.deps.database.db.select().from(stopCorrections)).toHaveLength(0);

    await context.setOffline(false);
    await page.evaluate(() => dispatchEvent(new Event('online')));
    await page.getByText('1 tallennus odottaa yhteyttä').waitFor({ state: 'detached' });
    await stop.getByText(/Tehty · Noudettu.* 58,5 kg/).waitFor();
    await stop.getByText(/585 kg → 58,5 kg \(Näppäilyvirhe\)/).waitFor();
    await expect.poll(() => stop.getByText(/odottaa yhteyttä/).count()).toBe(0);
    expect(await axeProblems(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'driver-correction-360.png'), fullPage: true });

    const rows = await world.ctx.deps.database.db.select().from(stopCorrections).where(eq(stopCorrections.stopId, stopId));
    expect(rows.map((r) => [r.gBefore, r.gAfter, r.note])).toEqual([[585_000, 58_500, 'Näppäilyvirhe']]);
    const [row] = await world.ctx.deps.database.db.select().from(routeStops).where(eq(routeStops.id, stopId));
    expect(row.gCollected).toBe(58_500);
    await context.close();
  }, 90_000);
});
