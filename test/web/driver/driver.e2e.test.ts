/// <reference lib="dom" />
import { join } from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bagEvents, routeStops } from '../../../src/db/schema/index.ts';
import { localDate, weekdayOf } from '../../../src/domain/dates.ts';
import { ensureWebBuild } from '../../../scripts/ensure-web.ts';
import { morningPlanningClock } from '../../helpers/clock.ts';
import { bearer, startTestApp, type TestContext } from '../../helpers/app.ts';
import { PHONE, SHOTS, axeProblems, launchChromium, signIn } from '../../helpers/browser.ts';
import { post } from '../../helpers/fixtures.ts';
import { stockBags } from '../../helpers/reservations.ts';
import { planAndWait } from '../../helpers/route-plans.ts';

/**
 * The driver's day in Debian's Chromium against the real server, at 360 px: today's route
 * opens, the phone goes offline, is reloaded offline, every stop is marked done with the
 * network gone, and when it is back the server holds each completion exactly once.
 */
const clock = morningPlanningClock();

describe('the driver’s day on the phone', () => {
  let ctx: TestContext;
  let browser: Browser;
  let base: string;
  let driver: { email: string; password: string; id: string };
  let reservationId: string;
  let routeId: string;

  beforeAll(async () => {
    ensureWebBuild();
    ctx = await startTestApp({ env: { PLANNING_TIME_LIMIT_MS: '200' }, now: clock.now });
    const coordinator = await ctx.userToken('coordinator');
    const auth = bearer(coordinator.token);
    // A day that is today, whatever today is: the point distributes on today's weekday.
    const today = localDate(new Date());
    const weekday = weekdayOf(today);
    const depot = await post(ctx, auth, '/sites', { kind: 'depot', name: 'Moision varasto', municipality: 'Mikkeli', lat: 61.701, lon: 27.233, opensAt: '05:00', closesAt: '22:00' });
    const donor = await post(ctx, auth, '/sites', { kind: 'donor', name: 'Prisma Mikkeli', municipality: 'Mikkeli', address: 'Graanintie 1', lat: 61.69, lon: 27.27, depotId: depot.id, donorKind: 'shop', contactName: 'Aino', phone: '+358 40 123 4567' });
    const point = await post(ctx, auth, '/sites', { kind: 'point', name: 'Mikkelin jakopiste', municipality: 'Mikkeli', address: 'Porrassalmenkatu 5', lat: 61.676, lon: 27.3, depotId: depot.id });
    await post(ctx, auth, `/sites/${point.id}/distribution-days`, { weekday, start: '15:00', end: '17:00' });
    await post(ctx, auth, `/sites/${donor.id}/pickup-schedules`, { weekdays: [weekday], windowStart: '06:00', windowEnd: '20:00', expectedKg: 40 });
    await post(ctx, auth, '/vehicles', { depotId: depot.id, name: 'Pakettiauto', refrigerated: true, capacityKg: 800, capacityBags: 100, shiftStart: '05:00', shiftEnd: '22:00' });
    await stockBags(ctx.deps.database.db, { depotId: depot.id, count: 6, weightG: 5000, packedAt: new Date() });
    reservationId = (await post(ctx, auth, '/reservations', { pointId: point.id, date: today, bagType: 'food', bags: 5 })).id;
    const plan = await clock.atMorning(() => planAndWait(ctx, auth, depot.id, today));
    expect(plan.routes).toHaveLength(1);
    routeId = plan.routes[0].id;
    driver = await ctx.userToken('driver');
    await post(ctx, auth, `/route-plans/${plan.id}/publish`, { assignments: [{ routeId, driverId: driver.id }] }, 200);
    base = `http://127.0.0.1:${(ctx.app.server.address() as { port: number }).port}`;
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await ctx?.close();
  });

  it('completes the whole route offline (also after a reload offline); the server then holds every completion once', async () => {
    const context = await browser.newContext(PHONE);
    const page = await signIn(context, base, driver.email, driver.password);
    await page.getByRole('link', { name: 'Päivän reitti' }).click();
    const stops = page.locator('li.stop');
    await stops.first().waitFor();
    expect(await stops.count()).toBe(2);
    // Tap to call and navigation links on the stops.
    expect(await page.getByRole('link', { name: 'Soita' }).getAttribute('href')).toBe('tel:+358401234567');
    expect(await page.getByRole('link', { name: 'Navigoi' }).count()).toBe(2);
    expect(await page.getByRole('link', { name: 'Koko reitti kartalla' }).getAttribute('href')).toMatch(/^https:\/\/www\.google\.com\/maps\/dir\/\?api=1/);
    expect(await axeProblems(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: join(SHOTS, 'driver-route-360.png'), fullPage: true });
    await page.waitForFunction(async () => (await navigator.serviceWorker.ready) && navigator.serviceWorker.controller !== null);

    await context.setOffline(true);
    await page.reload();
    await stops.first().waitFor();
    // "Lastattu, lähden" offline too: it waits in the outbox ahead of the completions.
    await page.getByRole('button', { name: 'Lastattu, lähden' }).click();
    await page.getByText(/Lastattu klo .*palvelimelle, kun yhteys palaa/).waitFor();
    for (let i = 0; i < 2; i += 1) {
      const stop = stops.nth(i);
      await stop.getByRole('button', { name: 'Merkitse tehdyksi' }).click();
      const kind = (await stop.getByText(/^(Nouto|Toimitus)$/).textContent())!;
      if (kind === 'Nouto') await stop.getByLabel('Noudettu (kg)').fill('42,5');
      else expect(await stop.getByLabel('Toimitetut kassit').inputValue()).toBe('5');
      await stop.getByLabel('Huomautus').fill(i === 0 ? 'Takaovelta' : 'Kaikki hyvin');
      await axeProblems(page).then((p) => expect(p).toEqual([]));
      await stop.getByRole('button', { name: 'Tallenna' }).dblclick();
      await stop.getByText(/Tehty.*odottaa yhteyttä/).waitFor();
    }
    await page.getByText('3 tallennusta odottaa yhteyttä').waitFor();
    await page.screenshot({ path: join(SHOTS, 'driver-route-offline-360.png'), fullPage: true });
    await page.reload();
    await page.getByText('3 tallennusta odottaa yhteyttä').waitFor();
    await expect.poll(() => page.getByText(/Tehty.*odottaa yhteyttä/).count()).toBe(2);
    const done = await ctx.deps.database.db.select().from(routeStops).where(and(eq(routeStops.routeId, routeId), eq(routeStops.status, 'done')));
    expect(done).toHaveLength(0);

    await context.setOffline(false);
    await page.evaluate(() => dispatchEvent(new Event('online')));
    await page.getByText('3 tallennusta odottaa yhteyttä').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByText(/odottaa yhteyttä/).count()).toBe(0);
    const rows = await ctx.deps.database.db.select().from(routeStops).where(eq(routeStops.routeId, routeId));
    expect(rows.map((r) => r.status)).toEqual(['done', 'done']);
    const pickup = rows.find((r) => r.kind === 'pickup')!;
    const delivery = rows.find((r) => r.kind === 'delivery')!;
    expect(pickup).toMatchObject({ gCollected: 42_500 });
    expect(delivery).toMatchObject({ bagsDelivered: 5 });
    const delivered = await ctx.deps.database.db.select({ n: sql<number>`count(*)::int` }).from(bagEvents)
      .where(and(eq(bagEvents.reservationId, reservationId), eq(bagEvents.toStatus, 'delivered')));
    expect(delivered[0].n).toBe(5);
    await context.close();
  }, 90_000);
});
