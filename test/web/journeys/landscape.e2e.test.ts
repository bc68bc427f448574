/// <reference lib="dom" />
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate, weekdayOf } from '../../../src/domain/dates.ts';
import { ensureWebBuild } from '../../../scripts/ensure-web.ts';
import { baseUrl, bearer, startTestApp, type TestContext } from '../../helpers/app.ts';
import { LANDSCAPE, SHOTS, axeProblems, crowding, launchChromium, overflowing, signIn, unreachable } from '../../helpers/browser.ts';
import { post } from '../../helpers/fixtures.ts';
import { stockBags } from '../../helpers/reservations.ts';
import { morningPlanningClock } from '../../helpers/clock.ts';
import { planAndWait } from '../../helpers/route-plans.ts';

const WIDTH = LANDSCAPE.viewport.width;

/**
 * Each role's main screen on a phone turned sideways (740 × 360) in Debian's Chromium against
 * the real server: nothing reaches past the screen's width (every element measured), and the
 * screen's primary action can be scrolled to and tapped (inside the viewport, 44 px high, not
 * covered, no other target within 4 px). The start screen's link to it is checked too.
 * Screenshots go to the temp dir.
 */
const clock = morningPlanningClock();

describe('the main screens in landscape', () => {
  let ctx: TestContext;
  let browser: Browser;
  let base: string;
  let auth: Record<string, string>;
  let coordinator: { email: string; password: string };
  let driver: { email: string; password: string; id: string; token: string };
  let pointId: string;

  beforeAll(async () => {
    ensureWebBuild();
    ctx = await startTestApp({ env: { PLANNING_TIME_LIMIT_MS: '200' }, now: clock.now });
    const c = await ctx.userToken('coordinator');
    coordinator = c;
    auth = bearer(c.token);
    // Today's route, whatever today is: the point distributes on today's weekday.
    const today = localDate(new Date());
    const weekday = weekdayOf(today);
    // The longest names a screen meets, so a line that does not wrap shows up.
    const depot = await post(ctx, auth, '/sites', { kind: 'depot', name: 'Itä-Savon Elintarvikeapu ry:n Keskusvarasto (Pieksämäen toimipiste)', municipality: 'Pieksämäki', lat: 62.3, lon: 27.14, opensAt: '05:00', closesAt: '22:00' });
    const donor = await post(ctx, auth, '/sites', {
      kind: 'donor', name: 'K-Citymarket Pieksämäki Savontie – takapiha, lastauslaituri 3', municipality: 'Pieksämäki',
      address: 'Teollisuuskatu 1234 B 56, sisäänkäynti pihan puolelta lastauslaiturin vierestä', lat: 62.31, lon: 27.16, depotId: depot.id, donorKind: 'shop',
      contactName: 'Marja-Liisa Hämäläinen-Kärkkäinen', phone: '+358 40 123 4567',
    });
    const point = await post(ctx, auth, '/sites', { kind: 'point', name: 'Pieksämäen seurakunnan diakoniatyön ruoka-apu ja yhteisöllinen jakopiste', municipality: 'Pieksämäki', address: 'Keskuskatu 5', lat: 62.29, lon: 27.13, depotId: depot.id });
    pointId = point.id;
    await post(ctx, auth, `/sites/${point.id}/distribution-days`, { weekday, start: '15:00', end: '17:00' });
    // The shop gives every day, so the coordinator's screen (tomorrow by default) has a day to plan too.
    await post(ctx, auth, `/sites/${donor.id}/pickup-schedules`, { weekdays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], windowStart: '06:00', windowEnd: '20:00', expectedKg: 40 });
    await post(ctx, auth, '/storage-units', { depotId: depot.id, name: 'Kylmähuone 1 (lastauslaiturin vieressä)', temperatureClass: 'chilled', capacityKg: 1500 });
    await post(ctx, auth, '/vehicles', { depotId: depot.id, name: 'Pakettiauto', refrigerated: true, capacityKg: 800, capacityBags: 100, shiftStart: '05:00', shiftEnd: '22:00' });
    await stockBags(ctx.deps.database.db, { depotId: depot.id, count: 12, weightG: 5000, packedAt: new Date() });
    await post(ctx, auth, '/reservations', { pointId: point.id, date: today, bagType: 'food', bags: 5 });
    const plan = await clock.atMorning(() => planAndWait(ctx, auth, depot.id, today));
    expect(plan.routes).toHaveLength(1);
    driver = await ctx.userToken('driver');
    await post(ctx, auth, `/route-plans/${plan.id}/publish`, { assignments: [{ routeId: plan.routes[0].id, driverId: driver.id }] }, 200);
    await post(ctx, bearer(driver.token), `/routes/${plan.routes[0].id}/load`, {}, 200);
    browser = await launchChromium();
    base = baseUrl(ctx);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await ctx?.close();
  });

  /** Signs in sideways, checks the start screen, opens `screen` and waits for `ready`. */
  async function open(who: { email: string; password: string }, screen: string, ready: (page: Page) => Promise<unknown>) {
    const context = await browser.newContext(LANDSCAPE);
    const page = await signIn(context, base, who.email, who.password);
    const link = page.getByRole('link', { name: screen });
    await link.waitFor();
    expect(await overflowing(page, WIDTH)).toEqual([]);
    expect(await unreachable(link)).toBeNull();
    await link.click();
    await ready(page);
    return page;
  }

  /** Nothing past the width, the primary action reachable and clear of other targets, axe clean; screenshots of the first screen and the whole page. */
  async function fits(page: Page, primary: string, shot: string) {
    expect(await overflowing(page, WIDTH)).toEqual([]);
    const action = page.getByRole('button', { name: primary, exact: true }).first();
    expect(await unreachable(action)).toBeNull();
    expect(await crowding(action)).toEqual([]);
    expect(await axeProblems(page)).toEqual([]);
    await page.evaluate(() => scrollTo(0, 0));
    await page.screenshot({ path: join(SHOTS, `${shot}-landscape.png`) });
    await page.screenshot({ path: join(SHOTS, `${shot}-landscape-full.png`), fullPage: true });
  }

  it('warehouse: the intake form with its keypad', async () => {
    const volunteer = await ctx.userToken('warehouse');
    const page = await open(volunteer, 'Vastaanotto', (p) => p.getByRole('group', { name: 'Numeronäppäimistö' }).waitFor());
    await page.getByLabel('Lahjoittaja').selectOption({ index: 1 });
    await fits(page, 'Tallenna vastaanotto', 'intake');
    await page.context().close();
  }, 60_000);

  it('point lead: reserving bags for the next distribution day', async () => {
    const lead = await ctx.userToken('point_lead', { pointId });
    const page = await open(lead, 'Varaa kasseja', (p) => p.getByText(/^Vapaana \d+/).waitFor());
    await fits(page, 'Varaa', 'reserve');
    await page.context().close();
  }, 60_000);

  it("driver: today's route, and a stop's completion form", async () => {
    const page = await open(driver, 'Päivän reitti', (p) => p.locator('li.stop').first().waitFor());
    await fits(page, 'Merkitse tehdyksi', 'driver-route');
    await page.getByRole('button', { name: 'Merkitse tehdyksi' }).first().click();
    await fits(page, 'Tallenna', 'driver-stop-form');
    await page.context().close();
  }, 60_000);

  it('coordinator: planning a day, its routes on the list and the map, publish', async () => {
    const page = await open(coordinator, 'Reitit', (p) => p.getByRole('button', { name: 'Suunnittele reitit' }).waitFor());
    await fits(page, 'Suunnittele reitit', 'coordinator-plan');
    await page.getByRole('button', { name: 'Suunnittele reitit' }).click();
    await page.getByText(/Versio \d+: valmis/).waitFor({ timeout: 20_000 });
    await page.getByRole('img', { name: /Kartta: 1 reitti,/ }).waitFor();
    await fits(page, 'Julkaise', 'coordinator-plan-done');
    // The map leaves room for the list beside or below it: it is no taller than the screen.
    const map = await page.getByRole('img', { name: /Kartta/ }).boundingBox();
    expect(map!.height).toBeLessThanOrEqual(LANDSCAPE.viewport.height);
    await page.context().close();
  }, 60_000);
});
